/**
 * jieba's dictionary as a compact trie over UTF-16 code units, in typed arrays: the segmenter walks it to
 * find the words starting at each position, and the dictionary look-ups (hasWord, tagOf, frequency) walk it
 * for one word. About 500,000 nodes take some 6 MB, against some 100 MB for the native segmenter's tables
 * plus a Map of every entry.
 *
 * Nodes are numbered breadth first, children sorted by code unit, so the children of node n are the nodes
 * childStart[n] … childStart[n + 1] - 1 and a child is found by binary search. The root (node 0) also has a
 * direct table from code unit to child.
 *
 * Two views of the same source lines are kept, because they differ in detail:
 * - segmentation follows jieba-rs `load_dict`: whitespace-separated fields, a repeated word takes the later
 *   frequency (its first tag stays), the total is the sum of all frequencies;
 * - look-ups follow the former Map over dict.txt and the user dictionary: the text up to the first space is
 *   the word, the rest its entry; a repeated word takes the later entry (frequency and tag).
 *
 * Pure: no I/O. The build writes the compiled form to dist/data (see esbuild.mjs); without it the services
 * compile the dictionary from its text at start-up.
 */

import { packSections, sectionReader } from '../analysis/binary';

/** No frequency class: the node ends no word (in that view). */
export const NONE = 0xffff;

/** A compiled dictionary. */
export interface Dictionary {
  /** Number of trie nodes (node 0 is the root). */
  nodes: number;
  /** Code unit on the edge into each node. */
  code: Uint16Array;
  /** Children of node n: childStart[n] … childStart[n + 1] - 1 (length nodes + 1). */
  childStart: Int32Array;
  /** Frequency class of the word ending at a node for segmentation, {@link NONE} when none. */
  segClass: Uint16Array;
  /** Frequency class of the word ending at a node for look-ups, {@link NONE} when none. */
  lookClass: Uint16Array;
  /** Tag of the look-up entry (index into `tags`; 0: the entry has no tag). */
  lookTag: Uint8Array;
  /** Tag strings; tags[0] is the empty placeholder. */
  tags: string[];
  /** Frequency of each class (look-up classes hold the entry's parsed frequency, at least 1). */
  classFreq: Float64Array;
  /** Natural logarithm of each class's frequency, correctly rounded (as glibc's `log` gives them here). */
  classLog: Float64Array;
  /** Natural logarithm of the sum of the segmentation frequencies. */
  logTotal: number;
  /** Child of the root for each code unit (0: none). */
  rootChild: Int32Array;
}

/** Where the sources come from, recorded in the compiled form so that a stale one is not used. */
export interface DictionarySource {
  /** Byte length of jieba's dict.txt. */
  dictBytes: number;
  /** Hash of the user dictionary's text and the extra words. */
  userHash: number;
}

// ---------------------------------------------------------------------------------------------------------
// Correctly rounded natural logarithm of a positive integer (fixed point with 128 fraction bits).

const FRACTION = 128n;

/** atanh(num / den) for num / den ≤ 1/3, scaled by 2^FRACTION. */
function atanhFixed(num: bigint, den: bigint): bigint {
  const s = (num << FRACTION) / den;
  const s2 = (s * s) >> FRACTION;
  let term = s;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * s2) >> FRACTION;
  }
  return sum;
}

const LN2_FIXED = 2n * atanhFixed(1n, 3n);

function bitLength(x: bigint): number {
  return x.toString(2).length;
}

/**
 * ln(n) for a positive integer n (below 2^53), rounded to the nearest double. jieba-rs takes `f64::ln` of
 * its frequencies; V8's Math.log is off by one unit in the last place for about one input in a hundred,
 * which can turn a tie between two segmentations the other way.
 */
export function lnExact(n: number): number {
  if (n === 1) {
    return 0;
  }
  if (!(n > 0) || !Number.isInteger(n)) {
    return Math.log(n);
  }
  const big = BigInt(n);
  const k = bitLength(big) - 1;
  const p = 1n << BigInt(k);
  // ln n = k ln 2 + ln(n / 2^k), and ln m = 2 atanh((m - 1) / (m + 1)) with m in [1, 2).
  const r = BigInt(k) * LN2_FIXED + 2n * atanhFixed(big - p, big + p);
  // Keep 64 significant bits and a sticky bit, let Number() round to nearest, then scale (exactly).
  const shift = Math.max(0, bitLength(r) - 64);
  let q = r >> BigInt(shift);
  if (q << BigInt(shift) !== r) {
    q |= 1n;
  }
  return Number(q) * 2 ** (shift - Number(FRACTION));
}

// ---------------------------------------------------------------------------------------------------------
// Parsing the sources.

/** Whitespace as Rust's `char::is_whitespace` (Unicode White_Space): what `split_whitespace` splits on. */
export function isRustWhitespace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function splitRustWhitespace(line: string): string[] {
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i <= line.length; i++) {
    const ws = i === line.length || isRustWhitespace(line.charCodeAt(i));
    if (ws && start >= 0) {
      out.push(line.slice(start, i));
      start = -1;
    } else if (!ws && start < 0) {
      start = i;
    }
  }
  return out;
}

/** A 32-bit FNV-1a hash of a string's code units. */
export function hashText(text: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

/** A dictionary read in one pass: words in sorted order with their classes in both views. */
interface SortedDictionary {
  words: string[];
  /** Segmentation frequency of each word. */
  freq: number[];
  seg: number[];
  look: number[];
  tag: number[];
}

/** Whitespace other than space and line feed (either parser would read such lines differently). */
const UNUSUAL_SPACE = /[\t\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/**
 * Reads a dictionary whose lines are all `word freq tag` (or `word freq`) with single spaces and whose words
 * are strictly increasing, as dict.txt is; undefined when it is not such a dictionary (the caller then
 * reads it line by line through a Map).
 */
function readSortedDictionary(
  text: string,
  classFor: (f: number) => number,
  tagFor: (t: string | undefined) => number,
): SortedDictionary | undefined {
  if (UNUSUAL_SPACE.test(text)) {
    return undefined;
  }
  const out: SortedDictionary = { words: [], freq: [], seg: [], look: [], tag: [] };
  let prev = '';
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) {
      end = text.length;
    }
    if (end > start) {
      const sp1 = text.indexOf(' ', start);
      if (sp1 <= start || sp1 >= end) {
        return undefined;
      }
      let sp2 = text.indexOf(' ', sp1 + 1);
      if (sp2 < 0 || sp2 > end) {
        sp2 = end;
      }
      // Non-empty fields, at most three.
      if (sp2 === sp1 + 1 || sp2 + 1 === end) {
        return undefined;
      }
      if (sp2 < end) {
        const sp3 = text.indexOf(' ', sp2 + 1);
        if (sp3 >= 0 && sp3 < end) {
          return undefined;
        }
      }
      let freq = 0;
      for (let i = sp1 + 1; i < sp2; i++) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) {
          return undefined;
        }
        freq = freq * 10 + c;
      }
      const word = text.slice(start, sp1);
      if (word <= prev || !Number.isSafeInteger(freq)) {
        return undefined;
      }
      prev = word;
      out.words.push(word);
      out.freq.push(freq);
      out.seg.push(classFor(freq));
      out.look.push(classFor(freq || 1));
      out.tag.push(tagFor(sp2 < end ? text.slice(sp2 + 1, end) : undefined));
    }
    start = end + 1;
  }
  return out;
}

/** Index of `w` in a sorted array of words, -1 when absent. */
function findWord(words: readonly string[], w: string): number {
  let lo = 0;
  let hi = words.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (words[mid]! < w) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo < words.length && words[lo] === w ? lo : -1;
}

/**
 * Compiles the dictionary. `dictText` is jieba's dict.txt, `userText` the genre's user dictionary; both feed
 * segmentation and look-ups. `extraLines` (`word freq tag`) feed segmentation only.
 */
export function compileDictionary(dictText: string, userText: string, extraLines = ''): Dictionary {
  // Frequency classes and tags.
  const classOf = new Map<number, number>();
  const classFreqs: number[] = [];
  const classFor = (f: number): number => {
    let c = classOf.get(f);
    if (c === undefined) {
      c = classFreqs.length;
      classFreqs.push(f);
      classOf.set(f, c);
      if (c >= NONE) {
        throw new Error('jieba dictionary: too many distinct frequencies');
      }
    }
    return c;
  };
  const tagIndex = new Map<string, number>();
  const tags = [''];
  const tagFor = (t: string | undefined): number => {
    if (t === undefined) {
      return 0;
    }
    let i = tagIndex.get(t);
    if (i === undefined) {
      i = tags.length;
      tags.push(t);
      tagIndex.set(t, i);
      if (i > 0xff) {
        throw new Error('jieba dictionary: too many tags');
      }
    }
    return i;
  };

  // dict.txt is sorted, one `word freq tag` per line: read it straight into arrays. The user dictionary and
  // the extra words (a few lines) then override or add entries through a Map.
  const base = readSortedDictionary(dictText, classFor, tagFor);
  const extra = new Map<string, { seg: number; look: number; tag: number }>();
  const extraEntry = (w: string): { seg: number; look: number; tag: number } => {
    let e = extra.get(w);
    if (!e) {
      const at = base ? findWord(base.words, w) : -1;
      e = at >= 0 ? { seg: base!.seg[at]!, look: base!.look[at]!, tag: base!.tag[at]! } : { seg: NONE, look: NONE, tag: 0 };
      extra.set(w, e);
    }
    return e;
  };
  const segTotals = new Map<string, number>();
  // Segmentation: jieba-rs reads line by line (up to and including '\n') and splits on whitespace.
  for (const text of base ? [`${userText.trim()}\n${extraLines}\n`] : [dictText, `${userText.trim()}\n${extraLines}\n`]) {
    for (const line of text.split('\n')) {
      const fields = splitRustWhitespace(line);
      if (fields.length === 0) {
        continue;
      }
      const freq = fields.length > 1 ? Number(fields[1]) : 0;
      if (!Number.isSafeInteger(freq) || !/^\+?\d+$/.test(fields[1] ?? '0')) {
        throw new Error(`jieba dictionary: invalid frequency in line “${line}”`);
      }
      extraEntry(fields[0]!).seg = classFor(freq);
      segTotals.set(fields[0]!, freq);
    }
  }
  // Look-ups: the former Map over dict.txt and the user dictionary ("word entry", entry = "freq tag").
  for (const text of base ? [userText] : [dictText, userText]) {
    for (const line of text.split('\n')) {
      const sp = line.indexOf(' ');
      if (sp > 0) {
        const e = extraEntry(line.slice(0, sp));
        const look = line.slice(sp + 1).trim();
        e.look = classFor(Number.parseInt(look, 10) || 1);
        const tsp = look.indexOf(' ');
        e.tag = tagFor(tsp < 0 ? undefined : look.slice(tsp + 1));
      }
    }
  }

  // All words, sorted by code units, with their classes: the base words (overridden where the Map says
  // so) merged with the Map's new words.
  const added = [...extra.keys()].filter((w) => !base || findWord(base.words, w) < 0).sort();
  const baseWords = base?.words ?? [];
  const count = baseWords.length + added.length;
  const words = new Array<string>(count);
  const wordSeg = new Uint16Array(count);
  const wordLook = new Uint16Array(count);
  const wordTag = new Uint8Array(count);
  let total = 0;
  for (let i = 0, a = 0, k = 0; k < count; k++) {
    const fromBase = i < baseWords.length && (a >= added.length || baseWords[i]! < added[a]!);
    const w = fromBase ? baseWords[i]! : added[a]!;
    const e = extra.get(w);
    words[k] = w;
    wordSeg[k] = e ? e.seg : base!.seg[i]!;
    wordLook[k] = e ? e.look : base!.look[i]!;
    wordTag[k] = e ? e.tag : base!.tag[i]!;
    total += segTotals.get(w) ?? (fromBase && base ? base.freq[i]! : 0);
    if (fromBase) {
      i++;
    } else {
      a++;
    }
  }

  // Breadth-first construction, one level per pass over the sorted words: at depth d the nodes are the
  // distinct prefixes of length d + 1, created in sorted order, so siblings are contiguous and ordered.
  const maxNodes = words.reduce((n, w) => n + w.length, 1);
  const code = new Uint16Array(maxNodes);
  const childCount = new Int32Array(maxNodes);
  const segClass = new Uint16Array(maxNodes).fill(NONE);
  const lookClass = new Uint16Array(maxNodes).fill(NONE);
  const lookTag = new Uint8Array(maxNodes);
  const nodeOf = new Int32Array(count);
  let active = Array.from({ length: count }, (_, i) => i);
  let nodes = 1;
  for (let d = 0; active.length > 0; d++) {
    const next: number[] = [];
    let prevParent = -1;
    let prevCode = -1;
    let current = 0;
    for (const i of active) {
      const w = words[i]!;
      const parent = nodeOf[i]!;
      const c = w.charCodeAt(d);
      if (parent !== prevParent || c !== prevCode) {
        current = nodes++;
        code[current] = c;
        childCount[parent]!++;
        prevParent = parent;
        prevCode = c;
      }
      nodeOf[i] = current;
      if (w.length === d + 1) {
        segClass[current] = wordSeg[i]!;
        lookClass[current] = wordLook[i]!;
        lookTag[current] = wordTag[i]!;
      } else {
        next.push(i);
      }
    }
    active = next;
  }
  const childStart = new Int32Array(nodes + 1);
  childStart[0] = 1;
  for (let n = 0; n < nodes; n++) {
    childStart[n + 1] = childStart[n]! + childCount[n]!;
  }
  const classFreq = Float64Array.from(classFreqs);
  return finish({
    nodes,
    code: code.slice(0, nodes),
    childStart,
    segClass: segClass.slice(0, nodes),
    lookClass: lookClass.slice(0, nodes),
    lookTag: lookTag.slice(0, nodes),
    tags,
    classFreq,
    classLog: classFreq.map((f) => lnExact(f)),
    logTotal: lnExact(total),
  });
}

function finish(d: Omit<Dictionary, 'rootChild'>): Dictionary {
  const rootChild = new Int32Array(0x10000);
  for (let n = d.childStart[0]!; n < d.childStart[1]!; n++) {
    rootChild[d.code[n]!] = n;
  }
  return { ...d, rootChild };
}

// ---------------------------------------------------------------------------------------------------------
// Look-ups.

/** The child of `node` along code unit `c`, 0 when there is none. */
export function childOf(d: Dictionary, node: number, c: number): number {
  if (node === 0) {
    return d.rootChild[c]!;
  }
  let lo = d.childStart[node]!;
  const end = d.childStart[node + 1]!;
  const code = d.code;
  // Narrow [lo, hi) while keeping code[lo - 1] < c ≤ code[hi], then scan up to the first code ≥ c.
  let hi = end;
  while (hi - lo > 8) {
    const mid = (lo + hi) >> 1;
    if (code[mid]! < c) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (; lo < end; lo++) {
    const x = code[lo]!;
    if (x === c) {
      return lo;
    }
    if (x > c) {
      return 0;
    }
  }
  return 0;
}

/** The node of a whole word, 0 when the trie has no such path. */
export function nodeOfWord(d: Dictionary, word: string): number {
  let node = 0;
  for (let i = 0; i < word.length; i++) {
    node = childOf(d, node, word.charCodeAt(i));
    if (node === 0) {
      return 0;
    }
  }
  return node;
}

// ---------------------------------------------------------------------------------------------------------
// The compiled form: a header and the arrays, each at an offset that is a multiple of 8.

const MAGIC = 0x4644_5746; // "FWDF"
const FORMAT = 1;
const HEADER = 64;

/** Serialises a dictionary with the description of its sources. */
export function serializeDictionary(d: Dictionary, source: DictionarySource): Uint8Array {
  const tagBytes = new TextEncoder().encode(d.tags.join('\n'));
  const sections: ArrayBufferView[] = [d.classFreq, d.classLog, d.childStart, d.code, d.segClass, d.lookClass, d.lookTag, tagBytes];
  return packSections(HEADER, sections, (view) => {
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, FORMAT, true);
    view.setUint32(8, d.nodes, true);
    view.setUint32(12, d.classFreq.length, true);
    view.setUint32(16, tagBytes.byteLength, true);
    view.setFloat64(24, d.logTotal, true);
    view.setFloat64(32, source.dictBytes, true);
    view.setUint32(40, source.userHash, true);
  });
}

/**
 * Reads a compiled dictionary (the arrays are views on `bytes`, whose byte offset must be a multiple of 8);
 * undefined when it is not one or was compiled from other sources.
 */
export function deserializeDictionary(bytes: Uint8Array, expected: DictionarySource): Dictionary | undefined {
  if (bytes.byteLength < HEADER || bytes.byteOffset % 8 !== 0) {
    return undefined;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== FORMAT) {
    return undefined;
  }
  if (view.getFloat64(32, true) !== expected.dictBytes || view.getUint32(40, true) !== expected.userHash) {
    return undefined;
  }
  const nodes = view.getUint32(8, true);
  const classes = view.getUint32(12, true);
  const tagLength = view.getUint32(16, true);
  const take = sectionReader(bytes, HEADER);
  try {
    const classFreq = take(Float64Array, classes);
    const classLog = take(Float64Array, classes);
    const childStart = take(Int32Array, nodes + 1);
    const code = take(Uint16Array, nodes);
    const segClass = take(Uint16Array, nodes);
    const lookClass = take(Uint16Array, nodes);
    const lookTag = take(Uint8Array, nodes);
    const tags = new TextDecoder().decode(take(Uint8Array, tagLength)).split('\n');
    return finish({ nodes, code, childStart, segClass, lookClass, lookTag, tags, classFreq, classLog, logTotal: view.getFloat64(24, true) });
  } catch {
    return undefined;
  }
}
