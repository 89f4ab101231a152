/**
 * The counts a corpus model is made from, gathered document by document in bounded memory, and mergeable
 * (pure: the caller reads the files and passes the segmenter; corpus.ts turns merged counts into a model).
 *
 * What is counted: each word's occurrences and documents, each word bigram's documents (and, while a bigram
 * is seen in one document only, its share of that document's bigrams, for the genre-fit norm), and the
 * completion model's n-grams of orders 1..order over clauses (lm.ts). Every table keeps its keys in the
 * order they were first seen, which is the order the language model's ids and ties follow; merging partial
 * counts in the order of their documents therefore gives the counts of one pass over all of them.
 *
 * Bounded memory: lossy counting (Manku & Motwani, 2002) with a floor raised on demand. Each table has a
 * floor e (0 at first); a key added while the floor is e gets Δ = e, the most its count can have missed. When
 * the tables together hold more than `maxEntries` keys, the largest table is pruned: its floor is raised to
 * the smallest value that leaves at most half its keys with count + Δ above it, and those at or below it are
 * dropped. By induction, for every key: count ≤ true count ≤ count + Δ ≤ count + e, and every key whose true
 * count exceeds e is still in the table. Merging adds counts, adds Δs (a key one side lacks gets that side's
 * floor as Δ) and adds floors, so the same bounds hold for merged counts. While no table was ever pruned
 * (every floor 0) the counts are exact.
 */
import type { Segmenter } from '../types';
import { BOS, EOS } from './lm';

const HAN = /\p{Script=Han}/u;

/** Content tokens of a text for statistics: Han-bearing words, in order; punctuation breaks bigrams. */
export function statTokens(segmenter: Segmenter, text: string): Array<string | null> {
  const out: Array<string | null> = [];
  for (const w of segmenter.cut(text)) {
    if (HAN.test(w)) {
      out.push(w);
    } else if (w.trim().length > 0) {
      out.push(null);
    }
  }
  return out;
}

/** Keys of a table of n-grams: the words joined by a space (a Han-bearing token holds none). */
export const KEY_SEPARATOR = ' ';

/** Keys the tables may hold together before the largest is pruned (about 100 bytes a key in memory). */
export const DEFAULT_MAX_ENTRIES = 4_000_000;

/** A table of counts with its lossy-counting floor; `docs` (words only) is pruned with the counts. */
export interface CountTableData {
  floor: number;
  counts: Map<string, number>;
  /** Δ of the keys where it is not 0. */
  deltas: Map<string, number>;
  docs?: Map<string, number>;
}

/** Counts of keys, with the lossy-counting floor and per-key error (see the module comment). */
export class CountTable {
  floor = 0;
  readonly counts = new Map<string, number>();
  readonly deltas = new Map<string, number>();
  readonly docs: Map<string, number> | undefined;

  constructor(withDocs = false) {
    this.docs = withDocs ? new Map() : undefined;
  }

  get size(): number {
    return this.counts.size;
  }

  /** Adds `n` to a key's count; true when the key was not in the table. */
  add(key: string, n = 1): boolean {
    const c = this.counts.get(key);
    if (c === undefined) {
      this.counts.set(key, n);
      if (this.floor > 0) {
        this.deltas.set(key, this.floor);
      }
      return true;
    }
    this.counts.set(key, c + n);
    return false;
  }

  /** The most a key's count can be below its true count (the floor for a key not in the table). */
  error(key: string): number {
    return this.counts.has(key) ? (this.deltas.get(key) ?? 0) : this.floor;
  }

  /**
   * Raises the floor to the smallest value that leaves at most `target` keys with count + Δ above it and
   * drops the others (`dropped` sees each one). Returns the number of keys dropped.
   */
  prune(target: number, dropped?: (key: string) => void): number {
    const histogram = new Map<number, number>();
    for (const [k, c] of this.counts) {
      const upper = c + (this.deltas.get(k) ?? 0);
      histogram.set(upper, (histogram.get(upper) ?? 0) + 1);
    }
    let remaining = this.counts.size;
    let floor = this.floor;
    for (const upper of [...histogram.keys()].sort((a, b) => a - b)) {
      if (remaining <= target) {
        break;
      }
      floor = Math.max(floor, upper);
      remaining -= histogram.get(upper)!;
    }
    if (floor === this.floor) {
      return 0;
    }
    let n = 0;
    for (const [k, c] of this.counts) {
      if (c + (this.deltas.get(k) ?? 0) <= floor) {
        this.counts.delete(k);
        this.deltas.delete(k);
        this.docs?.delete(k);
        dropped?.(k);
        n++;
      }
    }
    this.floor = floor;
    return n;
  }

  /** Adds the counts of a table of later documents (its new keys after this one's, in their order). */
  merge(other: CountTableData): void {
    if (other.floor > 0) {
      for (const k of this.counts.keys()) {
        if (!other.counts.has(k)) {
          this.deltas.set(k, (this.deltas.get(k) ?? 0) + other.floor);
        }
      }
    }
    for (const [k, c] of other.counts) {
      const mine = this.counts.get(k);
      const d = other.deltas.get(k) ?? 0;
      if (mine === undefined) {
        this.counts.set(k, c);
        if (d + this.floor > 0) {
          this.deltas.set(k, d + this.floor);
        }
      } else {
        this.counts.set(k, mine + c);
        if (d > 0) {
          this.deltas.set(k, (this.deltas.get(k) ?? 0) + d);
        }
      }
    }
    if (this.docs && other.docs) {
      for (const [k, c] of other.docs) {
        this.docs.set(k, (this.docs.get(k) ?? 0) + c);
      }
    }
    this.floor += other.floor;
  }

  data(): CountTableData {
    return { floor: this.floor, counts: this.counts, deltas: this.deltas, ...(this.docs ? { docs: this.docs } : {}) };
  }
}

/** The plain form of {@link ModelCounts}: what a worker thread posts, and what a partial file holds. */
export interface ModelCountsData {
  order: number;
  documents: number;
  tokenCount: number;
  /** Documents with at least one bigram. */
  shareDocs: number;
  /** Summed shares of bigrams dropped while seen in one document (counted as found nowhere else). */
  uniqueShare: number;
  words: CountTableData;
  bigrams: CountTableData;
  /** Bigram seen in one document → its share of that document's bigrams (occurrences / the document's). */
  once: Map<string, number>;
  /** The completion model's n-grams, orders 1..order. */
  ngrams: CountTableData[];
}

/** Counts of a corpus, document by document, within `maxEntries` keys (plus one document's). */
export class ModelCounts {
  documents = 0;
  tokenCount = 0;
  shareDocs = 0;
  uniqueShare = 0;
  readonly words = new CountTable(true);
  readonly bigrams = new CountTable();
  readonly once = new Map<string, number>();
  readonly ngrams: CountTable[] = [];
  /** Keys dropped so far by pruning, over all tables. */
  dropped = 0;

  constructor(
    readonly order: number,
    public maxEntries = DEFAULT_MAX_ENTRIES,
  ) {
    for (let n = 1; n <= order; n++) {
      this.ngrams.push(new CountTable());
    }
  }

  /** Keys held, over all tables. */
  entries(): number {
    return this.words.size + this.bigrams.size + this.ngrams.reduce((s, t) => s + t.size, 0);
  }

  /** Whether every count is exact (nothing was ever pruned, here or in what was merged in). */
  exact(): boolean {
    return this.words.floor === 0 && this.bigrams.floor === 0 && this.ngrams.every((t) => t.floor === 0);
  }

  /** Counts one document. */
  addDocument(text: string, segmenter: Segmenter): void {
    const seenWords = new Set<string>();
    const docBigrams = new Map<string, number>();
    let bigramTokens = 0;
    for (const line of text.split(/\r?\n/)) {
      const tokens = statTokens(segmenter, line);
      let clause: string[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const w = tokens[i];
        if (!w) {
          if (clause.length > 0) {
            this.addClause(clause);
            clause = [];
          }
          continue;
        }
        clause.push(w);
        this.tokenCount++;
        this.words.add(w);
        seenWords.add(w);
        const next = tokens[i + 1];
        if (next) {
          const b = `${w}${KEY_SEPARATOR}${next}`;
          bigramTokens++;
          docBigrams.set(b, (docBigrams.get(b) ?? 0) + 1);
        }
      }
      if (clause.length > 0) {
        this.addClause(clause);
      }
    }
    const docs = this.words.docs!;
    for (const w of seenWords) {
      docs.set(w, (docs.get(w) ?? 0) + 1);
    }
    for (const [b, occurrences] of docBigrams) {
      if (this.bigrams.add(b)) {
        this.once.set(b, occurrences / bigramTokens);
      } else {
        this.once.delete(b);
      }
    }
    this.documents++;
    if (bigramTokens > 0) {
      this.shareDocs++;
    }
    this.bound();
  }

  /** The n-grams of a clause, BOS before it and EOS after, in the order lm.ts counts them. */
  private addClause(clause: readonly string[]): void {
    const seq = [BOS, ...clause, EOS];
    for (let i = 1; i < seq.length; i++) {
      let key = '';
      for (let n = 1; n <= this.order && i - n + 1 >= 0; n++) {
        key = n === 1 ? seq[i]! : `${seq[i - n + 1]!}${KEY_SEPARATOR}${key}`;
        this.ngrams[n - 1]!.add(key);
      }
    }
  }

  /** A bigram dropped while seen in one document counts as found nowhere else. */
  private readonly dropBigram = (key: string): void => {
    const share = this.once.get(key);
    if (share !== undefined) {
      this.uniqueShare += share;
      this.once.delete(key);
    }
  };

  /** Prunes the largest table to half its keys while the tables hold more than maxEntries. */
  private bound(): void {
    while (this.entries() > this.maxEntries) {
      const tables = [this.words, this.bigrams, ...this.ngrams];
      const largest = tables.reduce((a, b) => (b.size > a.size ? b : a));
      const n = largest.prune(Math.floor(largest.size / 2), largest === this.bigrams ? this.dropBigram : undefined);
      this.dropped += n;
      if (n === 0) {
        break;
      }
    }
  }

  /** Adds the counts of later documents (merge partial counts in the order of their documents). */
  merge(other: ModelCountsData): void {
    if (other.order !== this.order) {
      throw new Error(`counts of order ${other.order} cannot be merged into counts of order ${this.order}`);
    }
    this.documents += other.documents;
    this.tokenCount += other.tokenCount;
    this.shareDocs += other.shareDocs;
    this.uniqueShare += other.uniqueShare;
    // A bigram seen on both sides is no longer seen in one document only.
    for (const k of this.once.keys()) {
      if (other.bigrams.counts.has(k)) {
        this.once.delete(k);
      }
    }
    for (const [k, share] of other.once) {
      if (!this.bigrams.counts.has(k)) {
        this.once.set(k, share);
      }
    }
    this.words.merge(other.words);
    this.bigrams.merge(other.bigrams);
    this.ngrams.forEach((t, i) => t.merge(other.ngrams[i]!));
    this.bound();
  }

  data(): ModelCountsData {
    return {
      order: this.order,
      documents: this.documents,
      tokenCount: this.tokenCount,
      shareDocs: this.shareDocs,
      uniqueShare: this.uniqueShare,
      words: this.words.data(),
      bigrams: this.bigrams.data(),
      once: this.once,
      ngrams: this.ngrams.map((t) => t.data()),
    };
  }

  /** Counts from their plain form. */
  static from(data: ModelCountsData, maxEntries = DEFAULT_MAX_ENTRIES): ModelCounts {
    const counts = new ModelCounts(data.order, Number.MAX_SAFE_INTEGER);
    counts.merge(data);
    counts.maxEntries = maxEntries;
    return counts;
  }
}

/** First line of a partial file. */
const PARTIAL_FORMAT = 'wenfeng-model-counts';

/**
 * The lines of a partial file (`build-model --partial`): a header, then per table a line with its name,
 * floor and size followed by one JSON array a key: [key, count, Δ] (words: [key, count, Δ, documents];
 * bigrams: [key, documents, Δ, share or null]). Keys in first-seen order.
 */
export function* countLines(data: ModelCountsData): Generator<string> {
  yield JSON.stringify({ format: PARTIAL_FORMAT, version: 1, order: data.order, documents: data.documents, tokenCount: data.tokenCount, shareDocs: data.shareDocs, uniqueShare: data.uniqueShare });
  const table = function* (name: string, t: CountTableData, extra: (key: string) => number | null | undefined): Generator<string> {
    yield JSON.stringify({ table: name, floor: t.floor, size: t.counts.size });
    for (const [k, c] of t.counts) {
      const e = extra(k);
      yield JSON.stringify(e === undefined ? [k, c, t.deltas.get(k) ?? 0] : [k, c, t.deltas.get(k) ?? 0, e]);
    }
  };
  yield* table('words', data.words, (k) => data.words.docs?.get(k) ?? 0);
  yield* table('bigrams', data.bigrams, (k) => data.once.get(k) ?? null);
  for (let n = 1; n <= data.order; n++) {
    yield* table(`ngrams${n}`, data.ngrams[n - 1]!, () => undefined);
  }
}

/** Counts from the lines of a partial file; throws a readable Error when they are not one. */
export function parseCountLines(lines: Iterable<string>): ModelCountsData {
  const it = lines[Symbol.iterator]();
  const next = (): unknown => {
    const r = it.next();
    if (r.done) {
      throw new Error('the partial counts end too early');
    }
    return JSON.parse(r.value);
  };
  const head = next() as { format?: unknown; version?: unknown; order?: unknown; documents: number; tokenCount: number; shareDocs: number; uniqueShare: number };
  if (head?.format !== PARTIAL_FORMAT || head.version !== 1 || typeof head.order !== 'number' || !(head.order >= 1)) {
    throw new Error('not partial counts of a Wenfeng model (build-model --partial, version 1)');
  }
  const order = head.order;
  const once = new Map<string, number>();
  const table = (name: string): CountTableData => {
    const h = next() as { table?: unknown; floor?: unknown; size?: unknown };
    if (h?.table !== name || typeof h.floor !== 'number' || typeof h.size !== 'number') {
      throw new Error(`the partial counts lack the table ${name}`);
    }
    const t: CountTableData = { floor: h.floor, counts: new Map(), deltas: new Map(), ...(name === 'words' ? { docs: new Map<string, number>() } : {}) };
    for (let i = 0; i < h.size; i++) {
      const [k, c, d, e] = next() as [string, number, number, number | null | undefined];
      t.counts.set(k, c);
      if (d > 0) {
        t.deltas.set(k, d);
      }
      if (name === 'words') {
        t.docs!.set(k, e ?? 0);
      } else if (name === 'bigrams' && typeof e === 'number') {
        once.set(k, e);
      }
    }
    return t;
  };
  const words = table('words');
  const bigrams = table('bigrams');
  const ngrams: CountTableData[] = [];
  for (let n = 1; n <= order; n++) {
    ngrams.push(table(`ngrams${n}`));
  }
  return { order, documents: head.documents, tokenCount: head.tokenCount, shareDocs: head.shareDocs, uniqueShare: head.uniqueShare, words, bigrams, once, ngrams };
}
