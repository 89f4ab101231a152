/**
 * Where the repetition rules meet parallel series (排比). Repeating a series' frame is the point of the
 * series, so words of a frame are not overused phrases and sentences that are items of a series are not
 * monotonous openers. The series come from the structure detection, computed once per analysis.
 */
import type { DocumentContext } from '../rule';
import { frameWordsOf, seriesRangesOf } from '../structure';

/** Simplified words of every parallel series' frame in the document. */
export function seriesFrameWords(ctx: DocumentContext): ReadonlySet<string> {
  return frameWordsOf(ctx);
}

/** Absolute ranges of the items of parallel series in the document. */
export function seriesItemRanges(ctx: DocumentContext): ReadonlyArray<readonly [number, number]> {
  return seriesRangesOf(ctx);
}
