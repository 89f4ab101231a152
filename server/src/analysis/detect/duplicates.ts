/**
 * Duplicated paragraphs of a document, computed once per analysis (`ctx.shared`) and used by
 * repetition/duplicate-paragraph (which reports them) and repetition/duplicate-sentence (which skips them).
 *
 * Paragraphs are compared after normalisation: only letters and digits are kept (whitespace, punctuation
 * and masked non-prose go; full-width Latin letters and digits become ASCII), so a copy whose commas were
 * changed is still a copy. A paragraph is a duplicate of an earlier one when the normalised texts are equal
 * (exact) or when most of their character 5-grams are shared (near: at least {@link NEAR_SIMILARITY} of the
 * larger set). Linear time: exact copies are found by hashing the normalised text; near copies through a
 * MinHash-style sketch (the {@link SKETCH} smallest 5-gram hashes of each paragraph, which two paragraphs
 * sharing most of their 5-grams very likely share some of) and an index from sketch hash to the first few
 * paragraphs holding it, so a paragraph is compared in full only with the few earlier paragraphs whose
 * sketches meet its own, never with every other paragraph.
 *
 * Consecutive duplicated paragraphs that copy consecutive earlier paragraphs form one block: a pasted run
 * of paragraphs is one finding. Only paragraphs of at least {@link MIN_LENGTH} characters start a block;
 * shorter ones (a subheading inside the pasted run) join a block when they are exact copies.
 *
 * Blocks that repeat on purpose (a quotation, a source line, a list item quoting the text above, a labelled
 * example, commentary, a lone near copy below {@link LONE_NEAR_SIMILARITY}; see ./quotation.ts) are not
 * reported: their paragraphs are listed in `quoted`, and the other repetition rules skip them too.
 */
import type { Paragraph } from '../document';
import type { ContentMemo, DocumentContext, ParagraphMemo } from '../rule';
import { isAttribution, isCommentaryHeading, isLabelLine, isMostlyQuoted, listLabelOf, opensWithLeadLabel } from './quotation';

/** Shortest paragraph (normalised characters) that counts as a duplicate on its own (spec: ≥ 20). */
export const MIN_LENGTH = 20;
/** Length of the character n-grams compared for near copies. */
const SHINGLE = 5;
/**
 * Share of 5-grams two paragraphs must have in common to be near copies. Measured on the corpus (995 essays;
 * 8,284 paragraphs of 20 characters or more; 38,648 pairs of paragraphs of one essay): 99% of the pairs share
 * less than 0.3; template paragraphs with a common lead (P2：讲述文化遗产的重要性，…) reach 0.5 and a
 * commentary repeating its template 0.63; the 20 pairs at 0.7 or more are all copies (a paragraph pasted
 * again or quoted back in a commentary). Edited copies of corpus paragraphs keep: one character in 25
 * changed, at least 0.72 (median 0.81); one sentence dropped, median 0.77; one of four or more sentences
 * rewritten, median 0.80; one character in 10 changed, median 0.50 (no longer "most of the text").
 */
export const NEAR_SIMILARITY = 0.7;
/**
 * Shortest paragraph (normalised characters) that joins a block as an exact copy: a subheading (一、扎根基层)
 * does, a connective line (例如：) does not, since it legitimately recurs before different paragraphs.
 */
const MIN_MEMBER = 4;
/**
 * Similarity a near copy of a single paragraph needs to be reported: read on the dev part of the corpus, the
 * lone near copies below it were tutoring pages restating an example with a sentence added or changed (0.72,
 * 0.77), while an edited paste keeps 0.8 or more (one character in 25 changed: median 0.81; one in 50: about
 * 0.87). Runs of near-copied paragraphs keep {@link NEAR_SIMILARITY}.
 */
export const LONE_NEAR_SIMILARITY = 0.8;
/** Paragraphs remembered per sketch hash and per exact text: keeps the search linear when text recurs often. */
const POSTINGS = 8;
/** Hashes per paragraph in the sketch that finds candidate near copies. */
const SKETCH = 16;
/** Candidates (most sketch hashes in common) compared in full with each paragraph. */
const CANDIDATES = 3;

/** A run of paragraphs `repeat..repeat+length` copying `first..first+length`. */
export interface DuplicateBlock {
  first: number;
  repeat: number;
  length: number;
  /** True when every paragraph of the block is an exact copy (after normalisation). */
  exact: boolean;
  /** Lowest similarity of a paragraph pair of the block (1 for exact copies). */
  similarity: number;
}

/** The duplicated paragraphs of a document. */
export interface Duplicates {
  blocks: DuplicateBlock[];
  /** Indexes of paragraphs that are repeats (inside a block's `repeat` run). */
  repeated: ReadonlySet<number>;
  /**
   * Indexes of paragraphs that repeat earlier text on purpose (a quotation, a list item quoting the text
   * above, a labelled example; see ./quotation.ts): not reported, and their sentences and phrases are not
   * counted again by the other repetition rules.
   */
  quoted: ReadonlySet<number>;
  /** The blocks not reported, each with the reason it reads as a deliberate repeat (for measurements). */
  deliberate: ReadonlyArray<DuplicateBlock & { reason: string }>;
}

/**
 * Per-paragraph data (a pure function of the prose, kept by the paragraph memo): the normalised text and
 * the sketch (the smallest 5-gram hashes). The full set of 5-gram hashes is needed only to compare the few
 * candidate copies, so it is computed on request and not kept.
 */
class Fingerprint {
  readonly sketch: Int32Array;
  constructor(readonly norm: string) {
    this.sketch = sketchOf(norm);
  }
  /** Sorted, distinct 5-gram hashes; empty below {@link MIN_LENGTH} (computed on request, not kept). */
  get shingles(): Int32Array {
    return this.sketch.length < SKETCH ? this.sketch : shinglesOf(this.norm);
  }
}

function isKept(c: number): boolean {
  if (c >= 0x4e00 && c <= 0x9fff) {
    return true;
  }
  if (c < 0x80) {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  }
  // U+E000 is the mask of non-prose text.
  if (c === 0xe000 || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x2000 && c <= 0x206f)) {
    return false;
  }
  if (c >= 0xd800 && c <= 0xdfff) {
    return true;
  }
  return /[\p{L}\p{N}]/u.test(String.fromCharCode(c));
}

/** The text of a paragraph reduced to letters and digits, full-width forms folded to ASCII. */
export function normalizeForComparison(prose: string): string {
  // Pieces joined at the end: one flat string (repeated concatenation would keep a tree of slices).
  const parts: string[] = [];
  let runStart = 0;
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    // Full-width digits and Latin letters (U+FF10–FF19, FF21–FF3A, FF41–FF5A) fold to ASCII.
    const full = c >= 0xff10 && c <= 0xff5a && (c <= 0xff19 || (c >= 0xff21 && c <= 0xff3a) || c >= 0xff41);
    if (full || !isKept(c)) {
      if (i > runStart) {
        parts.push(prose.slice(runStart, i));
      }
      if (full) {
        parts.push(String.fromCharCode(c - 0xfee0));
      }
      runStart = i + 1;
    }
  }
  if (runStart === 0) {
    return prose;
  }
  parts.push(prose.slice(runStart));
  return parts.join('');
}

/** The 5-gram hash at `i` (30 bits: small integers stay unboxed as Map keys). */
function shingleAt(norm: string, i: number): number {
  let h = 0x811c9dc5 | 0;
  for (let k = 0; k < SHINGLE; k++) {
    h = Math.imul(h ^ norm.charCodeAt(i + k), 16777619);
  }
  return h & 0x3fffffff;
}

/**
 * The first {@link SKETCH} of {@link shinglesOf} (the smallest distinct hashes, ascending), kept in a small
 * sorted buffer instead of sorting every hash of the paragraph.
 */
function sketchOf(norm: string): Int32Array {
  if (norm.length < MIN_LENGTH) {
    return new Int32Array(0);
  }
  const best = new Int32Array(SKETCH);
  let size = 0;
  const n = norm.length - SHINGLE + 1;
  for (let i = 0; i < n; i++) {
    const h = shingleAt(norm, i);
    if (size === SKETCH && h >= best[SKETCH - 1]!) {
      continue;
    }
    // Insertion into the sorted buffer, dropping duplicates and, when full, the largest.
    let j = size - 1;
    while (j >= 0 && best[j]! > h) {
      j--;
    }
    if (j >= 0 && best[j] === h) {
      continue;
    }
    const last = size < SKETCH ? size++ : SKETCH - 1;
    for (let k = last; k > j + 1; k--) {
      best[k] = best[k - 1]!;
    }
    best[j + 1] = h;
  }
  return size < SKETCH ? best.slice(0, size) : best;
}

function shinglesOf(norm: string): Int32Array {
  if (norm.length < MIN_LENGTH) {
    return new Int32Array(0);
  }
  const n = norm.length - SHINGLE + 1;
  const hashes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    hashes[i] = shingleAt(norm, i);
  }
  hashes.sort();
  let w = 0;
  for (let i = 0; i < n; i++) {
    if (i === 0 || hashes[i] !== hashes[i - 1]) {
      hashes[w++] = hashes[i]!;
    }
  }
  return hashes.slice(0, w);
}

function fingerprint(prose: string): Fingerprint {
  return new Fingerprint(normalizeForComparison(prose));
}

/** Shared 5-grams of two sorted hash arrays. */
function common(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) {
      i++;
    } else {
      j++;
    }
  }
  return n;
}

/** Similarity of two fingerprints: 1 for equal normalised texts, else the share of common 5-grams. */
export function similarity(a: { norm: string; shingles: Int32Array }, b: { norm: string; shingles: Int32Array }): number {
  if (a.norm.length > 0 && a.norm === b.norm) {
    return 1;
  }
  const sa = a.shingles;
  const sb = b.shingles;
  const size = Math.max(sa.length, sb.length);
  return size === 0 ? 0 : common(sa, sb) / size;
}

/** Similarity of two texts as this module compares paragraphs (for tests and measurements). */
export function textSimilarity(a: string, b: string): number {
  const na = normalizeForComparison(a);
  const nb = normalizeForComparison(b);
  return similarity({ norm: na, shingles: shinglesOf(na) }, { norm: nb, shingles: shinglesOf(nb) });
}

/** True when only whitespace (or nothing) separates two offsets of the text. */
function onlySpaceBetween(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 0x3000 && c !== 0xa0) {
      return false;
    }
  }
  return true;
}

/**
 * Sketch hash → the first {@link POSTINGS} paragraphs holding it: an open-addressing table over typed arrays
 * (a Map of arrays costs an allocation per hash and dominated the rule's time).
 */
class SketchIndex {
  private readonly keys: Int32Array;
  private readonly heads: Int32Array;
  private readonly counts: Uint8Array;
  private readonly next: Int32Array;
  private readonly values: Int32Array;
  private size = 0;
  private readonly mask: number;

  constructor(capacity: number) {
    let slots = 16;
    while (slots < capacity * 2) {
      slots *= 2;
    }
    this.mask = slots - 1;
    this.keys = new Int32Array(slots).fill(-1);
    this.heads = new Int32Array(slots).fill(-1);
    this.counts = new Uint8Array(slots);
    this.next = new Int32Array(capacity + 1);
    this.values = new Int32Array(capacity + 1);
  }

  /** Slot of a hash (≥ 0): where it is, or the free slot where it goes. */
  private slot(h: number): number {
    let i = Math.imul(h, 0x9e3779b1) >>> 0 & this.mask;
    while (this.keys[i] !== -1 && this.keys[i] !== h) {
      i = (i + 1) & this.mask;
    }
    return i;
  }

  add(h: number, paragraph: number): void {
    const i = this.slot(h);
    if (this.keys[i] === -1) {
      this.keys[i] = h;
    }
    if (this.counts[i]! >= POSTINGS || this.size >= this.values.length) {
      return;
    }
    this.values[this.size] = paragraph;
    this.next[this.size] = this.heads[i]!;
    this.heads[i] = this.size++;
    this.counts[i]!++;
  }

  /** Adds one vote to each paragraph holding `h`; lists in `touched` the paragraphs voted for first. */
  vote(h: number, votes: Int32Array, touched: number[]): void {
    for (let e = this.heads[this.slot(h)]!; e >= 0; e = this.next[e]!) {
      const i = this.values[e]!;
      if (votes[i] === 0) {
        touched.push(i);
      }
      votes[i] = votes[i]! + 1;
    }
  }
}

/**
 * Finds the duplicated paragraphs of a document in time linear in its length. `memo` keeps each paragraph's
 * fingerprint while it is unchanged.
 */
export function findDuplicates(
  text: string,
  paragraphs: readonly Paragraph[],
  memo: ParagraphMemo = (_p, _key, compute) => compute(),
  contentMemo: ContentMemo = (_key, compute) => compute(),
): Duplicates {
  const prints = paragraphs.map((p) => memo(p, 'repetition/duplicates', () => fingerprint(p.prose)));
  // Full 5-gram sets of the paragraphs compared in this run (few: candidates and members of blocks), kept
  // by the analyzer for a while by text (bounded), not with every paragraph.
  const fullSets = new Map<number, { norm: string; shingles: Int32Array }>();
  const full = (i: number): { norm: string; shingles: Int32Array } => {
    let f = fullSets.get(i);
    if (!f) {
      const print = prints[i]!;
      f = { norm: print.norm, shingles: contentMemo(`shingles:${print.norm}`, () => print.shingles) };
      fullSets.set(i, f);
    }
    return f;
  };
  /** Paragraphs with each normalised text: the first few, for exact copies. */
  const occurrences = new Map<string, number[]>();
  const index = new SketchIndex(paragraphs.length * SKETCH);
  const votes = new Int32Array(paragraphs.length);
  const touched: number[] = [];
  /** For each paragraph, the earlier paragraph it copies (-1: none), and whether exactly. */
  const source = new Int32Array(paragraphs.length).fill(-1);
  const exact = new Uint8Array(paragraphs.length);
  for (let j = 0; j < paragraphs.length; j++) {
    const f = prints[j]!;
    if (f.norm.length < MIN_LENGTH) {
      continue;
    }
    const same = occurrences.get(f.norm);
    if (same !== undefined) {
      source[j] = same[0]!;
      exact[j] = 1;
      if (same.length < POSTINGS) {
        same.push(j);
      }
    } else {
      occurrences.set(f.norm, [j]);
      const sketch = f.sketch;
      for (const h of sketch) {
        index.vote(h, votes, touched);
      }
      let best = -1;
      let bestScore = 0;
      // A near copy shares most of its sketch (about 11 of 16 hashes at the threshold); a paragraph that
      // merely shares a common phrase shares one or two and is not compared in full.
      const needed = Math.max(2, Math.ceil(sketch.length / 4));
      const ranked = touched.length === 0 ? [] : touched.filter((i) => votes[i]! >= needed).sort((a, b) => votes[b]! - votes[a]! || a - b).slice(0, CANDIDATES);
      for (const i of touched) {
        votes[i] = 0;
      }
      touched.length = 0;
      for (const i of ranked) {
        const s = similarity(full(j), full(i));
        if (s > bestScore) {
          best = i;
          bestScore = s;
        }
      }
      if (best >= 0 && bestScore >= NEAR_SIMILARITY) {
        source[j] = best;
      }
    }
    for (const h of f.sketch) {
      index.add(h, j);
    }
  }

  const blocks: DuplicateBlock[] = [];
  // The paragraphs `a` and `b` as members of one block: exact copies of any length, near copies if long.
  const pairSimilarity = (a: number, b: number): number => {
    const fa = prints[a]!;
    const fb = prints[b]!;
    if (fa.norm.length === 0 || fb.norm.length === 0) {
      return 0;
    }
    if (fa.norm === fb.norm) {
      return fa.norm.length >= MIN_MEMBER ? 1 : 0;
    }
    if (fa.norm.length < MIN_LENGTH || fb.norm.length < MIN_LENGTH) {
      return 0;
    }
    const s = similarity(full(a), full(b));
    return s >= NEAR_SIMILARITY ? s : 0;
  };
  const sameText = (a: number, b: number): boolean => prints[a]!.norm === prints[b]!.norm;
  const adjacent = (a: number, b: number): boolean => onlySpaceBetween(text, paragraphs[a]!.end, paragraphs[b]!.start);

  /** The block that starts with paragraph `repeat` copying paragraph `first`, extended both ways. */
  const extend = (i: number, j: number, lastEnd: number): DuplicateBlock => {
    let first = i;
    let repeat = j;
    let length = 1;
    let exactBlock = prints[i]!.norm === prints[j]!.norm;
    let low = exactBlock ? 1 : similarity(full(i), full(j));
    // Backwards over short exact copies (a subheading pasted with its section).
    while (
      first > 0 &&
      repeat - 1 > lastEnd &&
      adjacent(repeat - 1, repeat) &&
      adjacent(first - 1, first) &&
      sameText(first - 1, repeat - 1) &&
      pairSimilarity(first - 1, repeat - 1) === 1
    ) {
      first--;
      repeat--;
      length++;
    }
    // Forwards while the next paragraphs copy the next earlier ones.
    for (;;) {
      const a = first + length;
      const b = repeat + length;
      if (b >= paragraphs.length || !adjacent(b - 1, b) || !adjacent(a - 1, a)) {
        break;
      }
      const s = pairSimilarity(a, b);
      if (s === 0) {
        break;
      }
      // Exactness is equality of the texts: different texts can share every 5-gram (the same clauses in
      // another order), and their similarity is then 1 too.
      exactBlock &&= sameText(a, b);
      low = Math.min(low, s);
      length++;
    }
    // A block ends with a paragraph long enough to be a copy on its own, not with a short lead-in.
    while (length > 1 && prints[repeat + length - 1]!.norm.length < MIN_LENGTH) {
      length--;
    }
    return { first, repeat, length, exact: exactBlock, similarity: low };
  };

  let lastEnd = -1;
  for (let j = 0; j < paragraphs.length; j++) {
    if (source[j]! < 0 || j <= lastEnd) {
      continue;
    }
    // Of the earlier copies (a few at most), the one the longest run continues from: a paragraph pasted
    // next to its original must not break the run of a block pasted elsewhere.
    // (Exact copies only: a near copy's own text is listed from itself on, which the filter would empty.)
    const candidates = exact[j] === 1 ? occurrences.get(prints[j]!.norm)!.filter((i) => i < j) : [source[j]!];
    let block: DuplicateBlock | undefined;
    for (const i of candidates) {
      const b = extend(i, j, lastEnd);
      if (!block || b.length > block.length) {
        block = b;
      }
    }
    blocks.push(block!);
    lastEnd = block!.repeat + block!.length - 1;
  }
  const kept: DuplicateBlock[] = [];
  const repeated = new Set<number>();
  const quoted = new Set<number>();
  const deliberate: Array<DuplicateBlock & { reason: string }> = [];
  // Commentary headings (点评) before each paragraph, counted once: a block asks whether one stands between its
  // original and its repeat, which scanning the paragraphs between would make quadratic on distant repeats.
  let commentaryBefore: Int32Array | undefined;
  const commentaryBetween = (from: number, to: number): boolean => {
    if (!commentaryBefore) {
      commentaryBefore = new Int32Array(paragraphs.length + 1);
      paragraphs.forEach((p, k) => {
        const heading = p.end - p.start <= 40 && isCommentaryHeading(p.prose);
        commentaryBefore![k + 1] = commentaryBefore![k]! + (heading ? 1 : 0);
      });
    }
    return to > from && commentaryBefore[to]! - commentaryBefore[from]! > 0;
  };
  for (const b of blocks) {
    const reason = quotationReason(paragraphs, b, commentaryBetween);
    const isQuote = reason !== undefined;
    if (isQuote) {
      deliberate.push({ ...b, reason });
    } else {
      kept.push(b);
    }
    for (let k = b.repeat; k < b.repeat + b.length; k++) {
      (isQuote ? quoted : repeated).add(k);
    }
  }
  return { blocks: kept, repeated, quoted, deliberate };
}

/**
 * Why a block repeats its original on purpose (./quotation.ts), or undefined when it does not: the repeat is a source line (——作者),
 * a list item quoting the text above (1.解决我国…), introduced by a label (【真题链接】, 再如：, on its own line
 * or opening the repeat), placed after
 * a commentary heading (点评), mostly inside quotation marks, or a lone near copy below
 * {@link LONE_NEAR_SIMILARITY} (an example restated with a sentence added). A pasted repeat is none of
 * these: unquoted prose, an exact or close copy, often a run of paragraphs.
 */
function quotationReason(
  paragraphs: readonly Paragraph[],
  b: DuplicateBlock,
  /** True when a commentary heading stands among the paragraphs [from, to). */
  commentaryBetween: (from: number, to: number) => boolean,
): string | undefined {
  const repeat = paragraphs[b.repeat]!;
  const first = paragraphs[b.first]!;
  const originalEnd = b.first + b.length - 1;
  if (isAttribution(repeat.prose)) {
    return 'source line';
  }
  const label = listLabelOf(repeat.prose);
  if (label !== '' && label !== listLabelOf(first.prose)) {
    return 'list item';
  }
  if (isLabelLine(repeat.prose)) {
    return 'label line';
  }
  // A label line before the repeat (再如：, 【真题链接】) introduces it as an example, unless the label stands
  // right after the original and the repeat is its exact copy: what it introduces is then the paragraph
  // just read, word for word, which shows nothing new (a paste below the next line, measured on dev essays).
  if (b.repeat - 1 > originalEnd && isLabelLine(paragraphs[b.repeat - 1]!.prose) && !(b.exact && b.repeat - 1 === originalEnd + 1)) {
    return 'label line';
  }
  // The label may also open the repeat itself: 如：总论点…, 【例文】…, 示范——… shows an example again (a
  // tutoring page reusing one outline for two structures), as duplicate-sentence already treats it. Another
  // label both copies open with (俗话说：…, 要求：…, P4：…) does not set the repeat apart, unless the repeat
  // starts a new section (a short heading line right before it, 结构二).
  if (opensWithLeadLabel(repeat.prose) && (isExampleLabel(leadOf(repeat.prose)) || leadOf(repeat.prose) !== leadOf(first.prose) || startsSection(paragraphs, b))) {
    return 'lead label';
  }
  if (commentaryBetween(originalEnd + 1, b.repeat)) {
    return 'commentary';
  }
  // A repeat inside quotation marks quotes its original (正如文中所说：“…”); when the original is the same
  // quotation, the marks do not set the repeat apart (a quoted paragraph pasted again), unless it starts a
  // new section.
  if (isMostlyQuoted(repeat.prose, 0, repeat.prose.length) && (!isMostlyQuoted(first.prose, 0, first.prose.length) || startsSection(paragraphs, b))) {
    return 'quoted';
  }
  return !b.exact && b.length === 1 && b.similarity < LONE_NEAR_SIMILARITY ? 'lone near copy' : undefined;
}

/** The label opening a paragraph: a bracketed one ([释义], 【例文】) or the text before a colon or dash within ten characters (俗话说, 要求, 如), or ''. */
function leadOf(prose: string): string {
  const t = prose.replace(/^[\s\u3000\uE000]+/, '').slice(0, 20);
  const m = /^(?:【[^】]{1,16}】|\[[^\]]{1,16}\]|〔[^〕]{1,16}〕)/u.exec(t) ?? /^.{1,10}?(?:[：:]|——)/u.exec(t);
  return m ? m[0] : '';
}

/** True when a label marks an example (如, 例如, 再如, 示范, 【例文】, 范文展示): the text after it is shown as one. */
function isExampleLabel(label: string): boolean {
  const t = label.replace(/^[【\[〔]|[】\]〕]$|(?:[：:]|——)$/gu, '');
  return /^(?:又|再|比|譬|例)?如$/u.test(t) || /例|示范|范文/u.test(t);
}

/**
 * True when the two copies stand under two different headings (结构一 … 结构二 …): each follows a short line,
 * and the lines differ. One example shown under two headings is deliberate; a paragraph pasted below a
 * heading that the original does not stand under is not.
 */
function startsSection(paragraphs: readonly Paragraph[], b: DuplicateBlock): boolean {
  if (b.first === 0 || b.repeat - 1 <= b.first + b.length - 1) {
    return false;
  }
  const heading = (k: number): string => {
    const t = paragraphs[k]!.prose.replaceAll('\uE000', '').trim();
    // A heading is short and not a sentence or its fragment (专家就跟大家分享一篇深度范文，供大家参考。 and 以下， are running text).
    return t.length > 0 && [...t].length <= MAX_HEADING && !/[。！？；!?;，,、]$/u.test(t) ? t : '';
  };
  const before = heading(b.repeat - 1);
  const beforeOriginal = heading(b.first - 1);
  return before !== '' && beforeOriginal !== '' && before !== beforeOriginal;
}

/** Longest line that reads as a heading before a repeat (结构二, 二、扎根基层), in code points. */
const MAX_HEADING = 24;

/** The document's duplicated paragraphs, computed once per analysis. */
export function duplicatesOf(ctx: DocumentContext): Duplicates {
  return ctx.shared('repetition/duplicates', () => findDuplicates(ctx.text, ctx.paragraphs, ctx.paragraphMemo, ctx.contentMemo));
}

/** Offset after the last non-whitespace code unit before `offset` (0 when there is none). */
export function contentEndBefore(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && /\s/.test(text[i - 1]!)) {
    i--;
  }
  return i;
}

/** Offset of the first non-whitespace code unit at or after `offset` (text length when there is none). */
export function contentStartAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && /\s/.test(text[i]!)) {
    i++;
  }
  return i;
}

/** Start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') {
    i--;
  }
  return i;
}

/** Number of line breaks in `text[from, to)` (CRLF counts once). */
export function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
      n++;
    }
  }
  return n;
}

/**
 * The range that deletes paragraphs `[start, end)` (absolute offsets of the first one's start and the last
 * one's end) together with one of the two whitespace gaps around them, so that no blank-line debris is left:
 * the gap after them when text follows (keeping the gap before), else the gap before (keeping the document's
 * final line break). When both gaps exist the wider one is kept, so a paragraph break is never narrowed to a
 * line break (which would merge Markdown paragraphs).
 */
export function deletionRange(text: string, start: number, end: number): [number, number] {
  const next = contentStartAfter(text, end);
  // The gap before starts at the line break after the previous text (its trailing spaces stay).
  let prevEnd = contentEndBefore(text, start);
  while (prevEnd < start && text[prevEnd] !== '\n' && text[prevEnd] !== '\r') {
    prevEnd++;
  }
  const lineStart = lineStartOf(text, start);
  const before: [number, number] = [prevEnd, end];
  if (next >= text.length) {
    return before;
  }
  const after: [number, number] = [lineStart, lineStartOf(text, next)];
  if (prevEnd > 0 && lineBreaks(text, end, next) > lineBreaks(text, prevEnd, lineStart)) {
    return before;
  }
  return after;
}
