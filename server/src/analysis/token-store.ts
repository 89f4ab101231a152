/**
 * What the analyzer keeps between analyses, in compact form (issue 15, token store): a bounded cache, and a
 * paragraph's segmentation as word ends and word ids, from which its tokens are rebuilt by offset.
 */
import type { Services, Token } from './types';

/** A tiny least-recently-inserted cache: Map keeps insertion order, so the oldest key goes first. */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= this.limit) {
      const oldest = this.map.keys().next();
      if (!oldest.done) {
        this.map.delete(oldest.value);
      }
    }
    this.map.set(key, value);
  }
  clear(): void {
    this.map.clear();
  }
}

/**
 * A paragraph's segmentation in compact form (issue 15, token store): where each word ends and, per word, the
 * segmenter's id of its shared string (Segmenter.cutIds) or the string itself (Segmenter.cutTokens);
 * undefined: slice it from the segmented text. Kept for every paragraph of an analysis (6 bytes a word with
 * ids, against ~90 for a Token object), so that tokens dropped beyond the budget are rebuilt by offset
 * instead of segmenting the paragraph again.
 */
export interface Cut {
  ends: Uint16Array | Int32Array | ArrayLike<number>;
  ids?: Int32Array;
  words?: ArrayLike<string | undefined>;
  /** The text the segmenter cut when it is not the paragraph's own (the Simplified form of a Traditional one). */
  segmented?: string;
}

/**
 * The compact cut of `text` from the segmenter's words for `segmented` (the text itself, or its Simplified form
 * of the same length in a Traditional document); undefined when the segmenter has no compact form.
 */
export function cutOf(text: string, segmented: string, segmenter: Services['segmenter']): Cut | undefined {
  let cut: Cut | undefined;
  const byId = segmenter.wordOfId ? segmenter.cutIds?.(segmented) : undefined;
  if (byId) {
    // Offsets of a paragraph under 64 Ki code units fit in 16 bits.
    cut = { ends: segmented.length < 0x10000 ? Uint16Array.from(byId.ends) : byId.ends, ids: byId.ids };
  } else {
    const byWord = segmenter.cutTokens?.(segmented);
    if (!byWord) {
      return undefined;
    }
    cut = { ends: byWord.ends, words: byWord.words };
  }
  if (text !== segmented) {
    cut.segmented = segmented;
  }
  return cut;
}

/** Tokens of `text` from its compact cut: the words are consecutive pieces of the segmented text. */
export function tokensOfCut(text: string, cut: Cut, segmenter: Services['segmenter']): Token[] {
  const { ends, ids, words } = cut;
  const segmented = cut.segmented ?? text;
  const out = new Array<Token>(ends.length);
  const same = cut.segmented === undefined;
  let start = 0;
  for (let k = 0; k < ends.length; k++) {
    const end = ends[k]!;
    let norm: string | undefined;
    if (ids) {
      const id = ids[k]!;
      norm = id === 0 ? undefined : segmenter.wordOfId!(id);
    } else {
      norm = words![k];
    }
    norm ??= segmented.slice(start, end);
    out[k] = { text: same ? norm : text.slice(start, end), start, end, norm };
    start = end;
  }
  return out;
}

/** Tokens of `text` from the words of the segmenter's `cut` of `segmented` (segmenters without a compact form). */
export function toTokens(text: string, segmented: string, segmenter: Services['segmenter']): Token[] {
  if (text.length === 0) {
    return [];
  }
  const words = segmenter.cut(segmented);
  const tokens: Token[] = [];
  let offset = 0;
  for (const w of words) {
    if (segmented.startsWith(w, offset)) {
      tokens.push({ text: text.slice(offset, offset + w.length), start: offset, end: offset + w.length, norm: w });
      offset += w.length;
    } else {
      // The segmenter did not return the input verbatim: fall back to code points for the rest.
      break;
    }
  }
  while (offset < text.length) {
    const cp = text.codePointAt(offset)!;
    const len = cp > 0xffff ? 2 : 1;
    tokens.push({ text: text.slice(offset, offset + len), start: offset, end: offset + len, norm: segmented.slice(offset, offset + len) });
    offset += len;
  }
  return tokens;
}
