/**
 * The corpus model in a compiled form: the words as one array of code units with a hash table over them,
 * the counts and bigrams as typed arrays, and the completion model's arrays (lm.ts) as they are. The build writes it next to model.json (esbuild.mjs), so
 * that the server loads the model in a millisecond instead of parsing 2 MB of JSON into Maps, and keeps a
 * couple of megabytes instead of tens.
 *
 * Answers are those of {@link loadModel} over the same file: counts of a word, documents of a bigram, the
 * same predictions and the same prefix matches. A file whose words contain a space (a
 * bigram key then splits differently at its first and last space) is not compiled.
 */
import type { CorpusModel } from '../types';
import type { ModelFile } from './corpus';
import { CONTEXT_FIELDS, LanguageModel } from './lm';
import { packSections, sectionReader } from '../binary';

const MAGIC = 0x4c444d57; // "WMDL"
const FORMAT = 3;
const HEADER = 96;

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
  const bigrams = new Int32Array(bigramEntries.length * 3);
  for (let i = 0; i < bigramEntries.length; i++) {
    const [key, docs] = bigramEntries[i]!;
    const p = split(key, 2);
    if (!p) {
      return undefined;
    }
    bigrams.set([p[0]!, p[1]!, docs], i * 3);
  }
  if (wordList.some((w) => w.includes(' '))) {
    return undefined;
  }
  const n = wordList.length;
  // Bigrams take 16 bits a field where every word id and document count fits (the header says which width).
  const wideBigrams = n > 0x10000 || bigramEntries.some(([, docs]) => docs > 0xffff);
  const bigramTable = wideBigrams ? bigrams : Uint16Array.from(bigrams);
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
  // The completion model: discounts, contexts, followers, and its vocabulary as code units with offsets.
  const lm = m.lm;
  const lmDiscounts = Float64Array.from(lm ? lm.discounts.flat() : []);
  // Contexts split by field so that each takes the width it needs: parent, total (32 bits), word, size (16).
  const ctx = lm?.contexts ?? [];
  const nc = ctx.length / CONTEXT_FIELDS;
  // Parents fit 16 bits in any model of up to 65,536 contexts (the header says which width is used).
  // Nodes come level by level (context length 0, 1, 2, …): a parent is stored as its index within its own
  // level, which fits 16 bits while no level holds more than 65,536 contexts (the header says which width).
  const level = new Int32Array(nc);
  const lmLevels = new Uint32Array(Math.max(1, lm?.order ?? 1));
  for (let i = 0; i < nc; i++) {
    level[i] = i === 0 ? 0 : level[ctx[i * CONTEXT_FIELDS]!]! + 1;
    lmLevels[level[i]!]!++;
  }
  const levelStart = [0];
  for (let k = 0; k < lmLevels.length; k++) {
    levelStart.push(levelStart[k]! + lmLevels[k]!);
  }
  const wideParents = lmLevels.some((c) => c > 0x10000);
  const lmParents = wideParents ? new Int32Array(nc) : new Uint16Array(nc);
  const lmTotals = new Int32Array(nc);
  const lmWords = new Uint16Array(nc);
  const lmSizes = new Uint16Array(nc);
  for (let i = 0; i < nc; i++) {
    const parent = ctx[i * CONTEXT_FIELDS]!;
    lmParents[i] = i === 0 ? 0 : wideParents ? parent : parent - levelStart[level[i]! - 1]!;
    lmWords[i] = ctx[i * CONTEXT_FIELDS + 1]! & 0xffff;
    lmTotals[i] = ctx[i * CONTEXT_FIELDS + 2]!;
    lmSizes[i] = Math.min(0xffff, ctx[i * CONTEXT_FIELDS + 3]!);
  }
  const lmFollowers = LanguageModel.pack(lm?.followers ?? []);
  const lmVocab = lm?.vocab ?? [];
  // The vocabulary as code units and a length per word (words of 255 units or more are not compiled).
  const lmStarts = new Int32Array(lmVocab.length + 1);
  lmVocab.forEach((w, i) => (lmStarts[i + 1] = lmStarts[i]! + w.length));
  const lmLengths = Uint8Array.from(lmVocab.map((w) => w.length));
  if (lmVocab.some((w) => w.length > 255)) {
    return undefined;
  }
  const lmUnits = new Uint16Array(lmStarts[lmVocab.length]!);
  lmVocab.forEach((w, i) => {
    for (let k = 0; k < w.length; k++) {
      lmUnits[lmStarts[i]! + k] = w.charCodeAt(k);
    }
  });
  const lmSingles = Uint16Array.from(lm?.singles ?? []);
  const sections: ArrayBufferView[] = [starts, counts, bigramTable, units, listed, lmDiscounts, lmParents, lmTotals, lmWords, lmSizes, lmFollowers, lmLengths, lmUnits, lmSingles, lmLevels];
  return packSections(HEADER, sections, (view) => {
    view.setUint32(0, MAGIC, true);
    view.setUint32(4, FORMAT, true);
    view.setUint32(8, n, true);
    view.setUint32(12, bigramEntries.length, true);
    view.setUint32(16, lm?.order ?? 0, true);
    view.setUint32(20, units.length, true);
    view.setFloat64(24, sourceBytes, true);
    view.setUint32(32, sourceHash >>> 0, true);
    view.setFloat64(40, m.documents ?? 0, true);
    view.setFloat64(48, m.tokenCount ?? 0, true);
    view.setFloat64(56, m.bigramNorm ?? 0, true);
    view.setUint32(64, lmDiscounts.length, true);
    view.setUint32(68, nc, true);
    view.setUint32(72, lmFollowers.length, true);
    view.setUint32(76, lmVocab.length, true);
    view.setUint32(80, lmUnits.length, true);
    view.setUint32(84, lmSingles.length, true);
    view.setUint32(88, wideParents ? 1 : 0, true);
    view.setUint32(92, wideBigrams ? 1 : 0, true);
  });
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
  const lmOrder = view.getUint32(16, true);
  const nu = view.getUint32(20, true);
  const take = sectionReader(bytes, HEADER);
  let starts: Int32Array;
  let counts: Int32Array;
  let bigrams: Int32Array | Uint16Array;
  let units: Uint16Array;
  let listed: Uint8Array;
  let lmDiscounts: Float64Array;
  const lmContexts = new Int32Array(view.getUint32(68, true) * CONTEXT_FIELDS);
  let lmFollowers: Uint32Array;
  let lmLengths: Uint8Array;
  let lmUnits: Uint16Array;
  let lmSingles: Uint16Array;
  try {
    starts = take(Int32Array, n + 1);
    counts = take(Int32Array, n * 2);
    bigrams = view.getUint32(92, true) === 1 ? take(Int32Array, nb * 3) : take(Uint16Array, nb * 3);
    units = take(Uint16Array, nu);
    listed = take(Uint8Array, n);
    lmDiscounts = take(Float64Array, view.getUint32(64, true));
    const nc = view.getUint32(68, true);
    const wide = view.getUint32(88, true) === 1;
    const parents = wide ? take(Int32Array, nc) : take(Uint16Array, nc);
    const totals = take(Int32Array, nc);
    const words = take(Uint16Array, nc);
    const sizes = take(Uint16Array, nc);
    lmFollowers = take(Uint32Array, view.getUint32(72, true));
    lmLengths = take(Uint8Array, view.getUint32(76, true));
    lmUnits = take(Uint16Array, view.getUint32(80, true));
    lmSingles = take(Uint16Array, view.getUint32(84, true));
    // Contexts per level (nodes come level by level; a 16-bit parent counts within the level before its node's).
    const levels = take(Uint32Array, Math.max(1, lmOrder));
    const levelStart = [0];
    for (let k = 0; k < levels.length; k++) {
      levelStart.push(levelStart[k]! + levels[k]!);
    }
    for (let i = 0, k = 0; i < nc; i++) {
      while (k + 1 < levelStart.length && i >= levelStart[k + 1]!) {
        k++;
      }
      const parent = i === 0 ? -1 : wide ? parents[i]! : parents[i]! + levelStart[k - 1]!;
      lmContexts[i * CONTEXT_FIELDS] = parent;
      lmContexts[i * CONTEXT_FIELDS + 1] = i === 0 ? -1 : words[i]!;
      lmContexts[i * CONTEXT_FIELDS + 2] = totals[i]!;
      lmContexts[i * CONTEXT_FIELDS + 3] = sizes[i]!;
    }
  } catch {
    return undefined;
  }
  // The completion model, made on the first completion request.
  let lm: LanguageModel | undefined;
  const languageModel = (): LanguageModel => {
    if (!lm) {
      const vocab: string[] = [];
      for (let i = 0, at = 0; i < lmLengths.length; at += lmLengths[i]!, i++) {
        vocab.push(String.fromCharCode(...lmUnits.subarray(at, at + lmLengths[i]!)));
      }
      lm = new LanguageModel(lmOrder, Array.from(lmDiscounts), vocab, lmContexts, lmFollowers, lmSingles);
    }
    return lm;
  };

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
    predict(history, limit, breadth) {
      return lmOrder > 0 ? languageModel().predict(history, limit, breadth) : [];
    },
    probability(history, word) {
      return lmOrder > 0 ? languageModel().probability(history, word) : 0;
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
