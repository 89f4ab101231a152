/**
 * The corpus model in a compiled form: the words as one array of code units with a hash table over them,
 * the counts, bigrams and trigrams as typed arrays. The build writes it next to model.json (esbuild.mjs), so
 * that the server loads the model in a millisecond instead of parsing 2 MB of JSON into Maps, and keeps a
 * couple of megabytes instead of tens.
 *
 * Answers are those of {@link loadModel} over the same file: counts of a word, documents of a bigram, and
 * for completion the same continuations in the same order (entries keep the file's order, lists are sorted
 * by count with ties in that order) and the same prefix matches. A file whose words contain a space (a
 * bigram key then splits differently at its first and last space) is not compiled.
 */
import type { CorpusModel } from '../types';
import type { ModelFile } from './corpus';

const MAGIC = 0x4c444d57; // "WMDL"
const FORMAT = 1;
const HEADER = 64;

/** FNV-1a over the code units of `s` from `start` to `end`. */
function hashChars(s: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  }
  return h;
}

/** FNV-1a over code units stored in an array. */
function hashUnits(units: Uint16Array, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    h = Math.imul(h ^ units[i]!, 16777619);
  }
  return h;
}

function mixPair(a: number, b: number): number {
  return Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b);
}

function tableSize(entries: number): number {
  let n = 16;
  while (n < entries * 2) {
    n *= 2;
  }
  return n;
}

/** Compiles a model file; undefined when it cannot be compiled faithfully (a word holding a space). */
export function compileModel(m: ModelFile, sourceBytes: number, sourceHash: number): Uint8Array | undefined {
  const ids = new Map<string, number>();
  const wordList: string[] = [];
  const idOf = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) {
      id = wordList.length;
      ids.set(w, id);
      wordList.push(w);
    }
    return id;
  };
  const wordEntries = Object.entries(m.words);
  for (const [w] of wordEntries) {
    idOf(w);
  }
  const split = (key: string, parts: number): number[] | undefined => {
    const ws = key.split(' ');
    return ws.length === parts && ws.every((w) => w.length > 0) ? ws.map(idOf) : undefined;
  };
  const bigramEntries = Object.entries(m.bigrams);
  const trigramEntries = Object.entries(m.trigrams ?? {});
  const bigrams = new Int32Array(bigramEntries.length * 3);
  const trigrams = new Int32Array(trigramEntries.length * 4);
  for (let i = 0; i < bigramEntries.length; i++) {
    const [key, docs] = bigramEntries[i]!;
    const p = split(key, 2);
    if (!p) {
      return undefined;
    }
    bigrams.set([p[0]!, p[1]!, docs], i * 3);
  }
  for (let i = 0; i < trigramEntries.length; i++) {
    const [key, docs] = trigramEntries[i]!;
    const p = split(key, 3);
    if (!p) {
      return undefined;
    }
    trigrams.set([p[0]!, p[1]!, p[2]!, docs], i * 4);
  }
  if (wordList.some((w) => w.includes(' '))) {
    return undefined;
  }
  const n = wordList.length;
  const starts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    starts[i + 1] = starts[i]! + wordList[i]!.length;
  }
  const units = new Uint16Array(starts[n]!);
  for (let i = 0; i < n; i++) {
    const w = wordList[i]!;
    for (let k = 0; k < w.length; k++) {
      units[starts[i]! + k] = w.charCodeAt(k);
    }
  }
  // Per word: occurrences and documents (0 for words only met in bigrams), and whether it is a model word.
  const counts = new Int32Array(n * 2);
  const listed = new Uint8Array(n);
  for (const [w, [count, docs]] of wordEntries) {
    const id = ids.get(w)!;
    counts[id * 2] = count;
    counts[id * 2 + 1] = docs;
    listed[id] = 1;
  }
  const sections: ArrayBufferView[] = [starts, counts, bigrams, trigrams, units, listed];
  const pad = (x: number): number => (x + 7) & ~7;
  let size = HEADER;
  for (const s of sections) {
    size += pad(s.byteLength);
  }
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, FORMAT, true);
  view.setUint32(8, n, true);
  view.setUint32(12, bigramEntries.length, true);
  view.setUint32(16, trigramEntries.length, true);
  view.setUint32(20, units.length, true);
  view.setFloat64(24, sourceBytes, true);
  view.setUint32(32, sourceHash >>> 0, true);
  view.setFloat64(40, m.documents ?? 0, true);
  view.setFloat64(48, m.tokenCount ?? 0, true);
  view.setFloat64(56, m.bigramNorm ?? 0, true);
  let at = HEADER;
  for (const s of sections) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at += pad(s.byteLength);
  }
  return out;
}

/**
 * The model over its compiled form (`bytes` at an offset that is a multiple of 8); undefined when the
 * bytes are not a compiled model of a source of this size and hash.
 */
export function loadCompiledModel(bytes: Uint8Array, sourceBytes: number, sourceHash: number): CorpusModel | undefined {
  if (bytes.byteLength < HEADER || bytes.byteOffset % 8 !== 0) {
    return undefined;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== MAGIC || view.getUint32(4, true) !== FORMAT) {
    return undefined;
  }
  if (view.getFloat64(24, true) !== sourceBytes || view.getUint32(32, true) !== sourceHash >>> 0) {
    return undefined;
  }
  const n = view.getUint32(8, true);
  const nb = view.getUint32(12, true);
  const nt = view.getUint32(16, true);
  const nu = view.getUint32(20, true);
  let at = bytes.byteOffset + HEADER;
  const take = <T extends ArrayBufferView>(make: new (b: ArrayBufferLike, o: number, l: number) => T, length: number, unit: number): T => {
    const t = new make(bytes.buffer, at, length);
    at += (length * unit + 7) & ~7;
    return t;
  };
  let starts: Int32Array;
  let counts: Int32Array;
  let bigrams: Int32Array;
  let trigrams: Int32Array;
  let units: Uint16Array;
  let listed: Uint8Array;
  try {
    starts = take(Int32Array, n + 1, 4);
    counts = take(Int32Array, n * 2, 4);
    bigrams = take(Int32Array, nb * 3, 4);
    trigrams = take(Int32Array, nt * 4, 4);
    units = take(Uint16Array, nu, 2);
    listed = take(Uint8Array, n, 1);
  } catch {
    return undefined;
  }

  // Word look-up: open addressing; a slot holds the word id (-1: free), its hash, its length and its first
  // two code units, so that a probe reads one place in memory (and the word's units only beyond two).
  const wordSlots = new Int32Array(tableSize(n) * 4);
  const wordMask = wordSlots.length / 4 - 1;
  for (let i = 0; i < wordSlots.length; i += 4) {
    wordSlots[i] = -1;
  }
  for (let id = 0; id < n; id++) {
    const s = starts[id]!;
    const e = starts[id + 1]!;
    const h = hashUnits(units, s, e);
    let i = h & wordMask;
    while (wordSlots[i * 4] !== -1) {
      i = (i + 1) & wordMask;
    }
    wordSlots[i * 4] = id;
    wordSlots[i * 4 + 1] = h;
    wordSlots[i * 4 + 2] = e - s;
    wordSlots[i * 4 + 3] = (e - s > 0 ? units[s]! : 0) | ((e - s > 1 ? units[s + 1]! : 0) << 16);
  }
  const wordId = (w: string): number => {
    const h = hashChars(w, 0, w.length);
    const head = (w.length > 0 ? w.charCodeAt(0) : 0) | ((w.length > 1 ? w.charCodeAt(1) : 0) << 16);
    let i = h & wordMask;
    for (let id = wordSlots[i * 4]!; id !== -1; id = wordSlots[i * 4]!) {
      if (wordSlots[i * 4 + 1] === h && wordSlots[i * 4 + 2] === w.length && wordSlots[i * 4 + 3] === head) {
        const s = starts[id]!;
        let k = 2;
        while (k < w.length && units[s + k] === w.charCodeAt(k)) {
          k++;
        }
        if (k >= w.length) {
          return id;
        }
      }
      i = (i + 1) & wordMask;
    }
    return -1;
  };
  // The last word looked up: genre fit asks for (a, b) and then (b, c).
  let lastWord: string | undefined;
  let lastId = -1;
  const cachedId = (w: string): number => {
    if (w !== lastWord) {
      lastWord = w;
      lastId = wordId(w);
    }
    return lastId;
  };

  // Bigram look-up: open addressing by the pair of word ids; a slot holds the pair (-1: free) and its
  // documents, so that a probe reads one place in memory.
  const pairSlots = new Int32Array(tableSize(nb) * 3);
  const pairMask = pairSlots.length / 3 - 1;
  for (let i = 0; i < pairSlots.length; i += 3) {
    pairSlots[i] = -1;
  }
  for (let e = 0; e < nb; e++) {
    const a = bigrams[e * 3]!;
    const b = bigrams[e * 3 + 1]!;
    let i = mixPair(a, b) & pairMask;
    while (pairSlots[i * 3] !== -1) {
      i = (i + 1) & pairMask;
    }
    pairSlots[i * 3] = a;
    pairSlots[i * 3 + 1] = b;
    pairSlots[i * 3 + 2] = bigrams[e * 3 + 2]!;
  }

  const wordText = (id: number): string => String.fromCharCode(...units.subarray(starts[id]!, starts[id + 1]!));

  // Completion indexes, built on the first completion request: the entries grouped by context, each group
  // sorted by documents (ties in the file's order), as ranges over arrays of entry indexes.
  interface Groups {
    /** Entry indexes, grouped. */
    order: Int32Array;
    /** Open addressing: context key → group number (-1: free). */
    slots: Int32Array;
    /** Per group: its context (one or two word ids) and its range in `order`. */
    first: Int32Array;
    second: Int32Array;
    start: Int32Array;
    end: Int32Array;
  }
  const group = (entries: Int32Array, width: number, contextWords: 1 | 2): Groups => {
    const count = entries.length / width;
    const order = new Int32Array(count);
    for (let e = 0; e < count; e++) {
      order[e] = e;
    }
    const a = (e: number): number => entries[e * width]!;
    const b = (e: number): number => (contextWords === 2 ? entries[e * width + 1]! : 0);
    const docs = (e: number): number => entries[e * width + width - 1]!;
    order.sort((x, y) => a(x) - a(y) || b(x) - b(y) || docs(y) - docs(x) || x - y);
    const slots = new Int32Array(tableSize(count)).fill(-1);
    const mask = slots.length - 1;
    const first: number[] = [];
    const second: number[] = [];
    const start: number[] = [];
    const end: number[] = [];
    for (let k = 0; k < count; k++) {
      const e = order[k]!;
      const g = first.length - 1;
      if (g >= 0 && first[g] === a(e) && second[g] === b(e)) {
        end[g] = k + 1;
        continue;
      }
      first.push(a(e));
      second.push(b(e));
      start.push(k);
      end.push(k + 1);
      let i = mixPair(a(e), b(e)) & mask;
      while (slots[i] !== -1) {
        i = (i + 1) & mask;
      }
      slots[i] = first.length - 1;
    }
    return { order, slots, first: Int32Array.from(first), second: Int32Array.from(second), start: Int32Array.from(start), end: Int32Array.from(end) };
  };
  /** The continuations of a context (one or two word ids), or undefined. */
  const continuations = (g: Groups, entries: Int32Array, width: number, x: number, y: number): Array<{ word: string; count: number }> | undefined => {
    const mask = g.slots.length - 1;
    let i = mixPair(x, y) & mask;
    for (let n = g.slots[i]!; n !== -1; n = g.slots[i]!) {
      if (g.first[n] === x && g.second[n] === y) {
        const out: Array<{ word: string; count: number }> = [];
        for (let k = g.start[n]!; k < g.end[n]!; k++) {
          const e = g.order[k]!;
          out.push({ word: wordText(entries[e * width + width - 2]!), count: entries[e * width + width - 1]! });
        }
        return out;
      }
      i = (i + 1) & mask;
    }
    return undefined;
  };
  let after1: Groups | undefined;
  let after2: Groups | undefined;
  let sortedWords: Array<{ word: string; count: number }> | undefined;

  return {
    documents: view.getFloat64(40, true),
    tokenCount: view.getFloat64(48, true),
    bigramNorm: view.getFloat64(56, true),
    wordCount: (w) => {
      const id = wordId(w);
      return id < 0 ? 0 : counts[id * 2]!;
    },
    documentCount: (w) => {
      const id = wordId(w);
      return id < 0 ? 0 : counts[id * 2 + 1]!;
    },
    bigramDocuments: (a, b) => {
      const ia = cachedId(a);
      if (ia < 0) {
        return 0;
      }
      const ib = cachedId(b);
      if (ib < 0) {
        return 0;
      }
      let i = mixPair(ia, ib) & pairMask;
      for (let x = pairSlots[i * 3]!; x !== -1; x = pairSlots[i * 3]!) {
        if (x === ia && pairSlots[i * 3 + 1] === ib) {
          return pairSlots[i * 3 + 2]!;
        }
        i = (i + 1) & pairMask;
      }
      return 0;
    },
    next(context) {
      after1 ??= group(bigrams, 3, 1);
      after2 ??= group(trigrams, 4, 2);
      let two: Array<{ word: string; count: number }> | undefined;
      if (context.length >= 2) {
        const a = wordId(context[context.length - 2]!);
        const b = wordId(context[context.length - 1]!);
        two = a < 0 || b < 0 ? undefined : continuations(after2, trigrams, 4, a, b);
      }
      if (two) {
        return two;
      }
      if (context.length >= 1) {
        const a = wordId(context[context.length - 1]!);
        return (a < 0 ? undefined : continuations(after1, bigrams, 3, a, 0)) ?? [];
      }
      return [];
    },
    wordsWithPrefix(prefix, limit) {
      if (!sortedWords) {
        const list: Array<{ word: string; count: number }> = [];
        for (let id = 0; id < n; id++) {
          if (listed[id] === 1 && starts[id + 1]! - starts[id]! >= 2) {
            list.push({ word: wordText(id), count: counts[id * 2]! });
          }
        }
        sortedWords = list.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
      }
      let lo = 0;
      let hi = sortedWords.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sortedWords[mid]!.word < prefix) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      const out: Array<{ word: string; count: number }> = [];
      for (let i = lo; i < sortedWords.length && sortedWords[i]!.word.startsWith(prefix); i++) {
        if (sortedWords[i]!.word !== prefix) {
          out.push({ word: sortedWords[i]!.word, count: sortedWords[i]!.count });
        }
      }
      return out.sort((a, b) => b.count - a.count).slice(0, limit);
    },
  };
}
