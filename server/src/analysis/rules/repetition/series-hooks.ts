/**
 * Where the repetition rules meet parallel series (排比). Repeating a series' frame is the point of the
 * series, so words of a frame are not overused phrases and sentences that are items of a series are not
 * monotonous openers.
 *
 * TODO(#5): the structure issue detects series (ordinal families and lexical frames). When it lands, return
 * its frame words and item ranges here (e.g. through the value it shares per analysis with `ctx.shared`);
 * the rules already take them as arguments and exempt them.
 */
import type { DocumentContext } from '../../rule';

const NO_WORDS: ReadonlySet<string> = new Set();
const NO_RANGES: ReadonlyArray<readonly [number, number]> = [];

/** Simplified words of every parallel series' frame in the document. TODO(#5): currently always empty. */
export function seriesFrameWords(_ctx: DocumentContext): ReadonlySet<string> {
  return NO_WORDS;
}

/** Absolute ranges of the items of parallel series in the document. TODO(#5): currently always empty. */
export function seriesItemRanges(_ctx: DocumentContext): ReadonlyArray<readonly [number, number]> {
  return NO_RANGES;
}
