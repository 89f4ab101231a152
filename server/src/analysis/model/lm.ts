/**
 * The completion language model: a word n-gram model with interpolated modified Kneser–Ney smoothing
 * (Chen & Goodman's three discounts per order), over clauses of the corpus (a clause runs between two
 * punctuation marks; it starts with BOS and ends with EOS, so that a prediction can say "the clause ends").
 *
 * Counts are taken over the whole corpus; then the file keeps, per context, only its likeliest followers
 * (a cap per order, a minimum count, contexts seen often enough), and each context's total from the full
 * data: the mass of the followers pruned goes to the lower orders (a context's backoff weight is what its
 * kept followers leave after discounting), so that pruning for size loses little of the ranking.
 *
 * Layout, shared by the JSON file and the compiled form: contexts are nodes of a suffix trie (a node's parent
 * is its context without its oldest word; the root is the empty context, whose followers are the unigrams),
 * listed parents first; each node's followers are contiguous and sorted by count, most first.
 */

/** The serialised form (the `lm` section of model.json). */
export interface LmFile {
  order: number;
  /** Per order 1..order: the discounts for counts 1, 2 and 3+. */
  discounts: number[][];
  /** Word ids → words; 0 is BOS, 1 is EOS. */
  vocab: string[];
  /** Per context node, CONTEXT_FIELDS numbers: parent, word (oldest), total of its followers' counts, followers kept. */
  contexts: number[];
  /** Per follower, in node order: word, count. */
  followers: number[];
  /**
   * Contexts of the top order seen once, with the word that followed: per entry, the order − 1 context
   * words (oldest first) and the follower. Most contexts are of this kind; kept here, they cost 2 bytes a
   * word in the compiled form instead of a node each.
   */
  singles: number[];
}

export const BOS = '<s>';
export const EOS = '</s>';
export const CONTEXT_FIELDS = 4;
/** Word ids and counts share an unsigned 32-bit number in the compiled form. */
export const MAX_VOCAB = 65536;

/** Build options. */
export interface LmOptions {
  order: number;
  /** Minimum (continuation) count kept, per order 1..order. */
  minCount: number[];
  /** Per order 1..order: contexts whose followers total less than this keep none. */
  minContext: number[];
  /** Per order 1..order: most followers kept per context (the likeliest; ties to the commoner word). */
  cap: number[];
  /** Keep the top order's contexts seen once as {@link LmFile.singles}… */
  singles: boolean;
  /** …where their shorter context is seen at least this often (after a rare word the shorter one suffices). */
  singleMinShorter: number;
}

export const DEFAULT_LM_OPTIONS: LmOptions = { order: 3, minCount: [3, 2, 1], minContext: [1, 1, 2], cap: [1e9, 12, 4], singles: true, singleMinShorter: 2 };

/**
 * Raw n-gram counts of a corpus: the words by id (0 is BOS, 1 is EOS, then in the order first seen) and, per
 * order 1..order (index n), the counts keyed by ids joined with commas, in the order first seen (the order
 * ties are broken in).
 */
export interface LmCounts {
  vocab: string[];
  raw: Array<Map<string, number>>;
}

/** Builds the model from clauses (arrays of words). */
export function buildLm(clauses: Iterable<readonly string[]>, options: LmOptions = DEFAULT_LM_OPTIONS): LmFile {
  return smoothLm(countLm(clauses, options.order), options);
}

/** The model's word ids as words are met: BOS 0, EOS 1, then each new word the next id. */
export function lmVocabulary(): { vocab: string[]; idOf: (w: string) => number } {
  const ids = new Map<string, number>([[BOS, 0], [EOS, 1]]);
  const vocab = [BOS, EOS];
  const idOf = (w: string): number => {
    let id = ids.get(w);
    if (id === undefined) {
      id = vocab.length;
      ids.set(w, id);
      vocab.push(w);
    }
    return id;
  };
  return { vocab, idOf };
}

/** Counts the n-grams of orders 1..order of clauses (arrays of words). */
export function countLm(clauses: Iterable<readonly string[]>, order: number): LmCounts {
  const { vocab, idOf } = lmVocabulary();
  // Raw counts of the n-grams of every order, keyed by ids joined with commas.
  const raw: Array<Map<string, number>> = [];
  for (let n = 0; n <= order; n++) {
    raw.push(new Map());
  }
  for (const clause of clauses) {
    if (clause.length === 0) {
      continue;
    }
    const seq = [0, ...clause.map(idOf), 1];
    for (let i = 1; i < seq.length; i++) {
      let key = '';
      for (let n = 1; n <= order && i - n + 1 >= 0; n++) {
        key = n === 1 ? String(seq[i]) : `${seq[i - n + 1]},${key}`;
        const m = raw[n]!;
        m.set(key, (m.get(key) ?? 0) + 1);
      }
    }
  }
  return { vocab, raw };
}

/** Prunes and smooths raw counts (of one pass, or merged) into the model. */
export function smoothLm(counts: LmCounts, options: LmOptions = DEFAULT_LM_OPTIONS): LmFile {
  const order = options.order;
  const { vocab, raw } = counts;
  // Kneser–Ney counts: raw for the top order and for n-grams starting at BOS; otherwise the number of
  // distinct words seen before the n-gram.
  const kn: Array<Map<string, number>> = [new Map()];
  for (let n = 1; n <= order; n++) {
    kn.push(new Map());
  }
  for (let n = 1; n <= order; n++) {
    for (const [key, c] of raw[n]!) {
      if (n === order || key.startsWith('0,') || key === '0') {
        kn[n]!.set(key, (kn[n]!.get(key) ?? 0) + c);
      }
    }
    if (n < order) {
      for (const key of raw[n + 1]!.keys()) {
        const tail = key.slice(key.indexOf(',') + 1);
        kn[n]!.set(tail, (kn[n]!.get(tail) ?? 0) + 1);
      }
    }
  }
  // Discounts per order from its count-of-counts.
  const discounts: number[][] = [];
  for (let n = 1; n <= order; n++) {
    const cc = [0, 0, 0, 0, 0];
    for (const c of kn[n]!.values()) {
      if (c <= 4) {
        cc[c]!++;
      }
    }
    const [n1, n2, n3, n4] = [cc[1]!, cc[2]!, cc[3]!, cc[4]!];
    if (n1 === 0 || n2 === 0 || n3 === 0 || n4 === 0) {
      discounts.push([0.5, 1, 1.5]);
      continue;
    }
    const y = n1 / (n1 + 2 * n2);
    const round = (x: number): number => Math.round(Math.max(0, x) * 10000) / 10000;
    discounts.push([round(1 - (2 * y * n2) / n1), round(2 - (3 * y * n3) / n2), round(3 - (4 * y * n4) / n3)]);
  }
  // Contexts: statistics over all followers, and the followers kept.
  interface Ctx { key: string; n: number; total: number; kept: Array<[number, number]> }
  const contexts = new Map<string, Ctx>();
  for (let n = 1; n <= order; n++) {
    for (const [key, c] of kn[n]!) {
      const cut = key.lastIndexOf(',');
      const ctxKey = cut < 0 ? '' : key.slice(0, cut);
      const word = Number(cut < 0 ? key : key.slice(cut + 1));
      if (word === 0) {
        continue;
      }
      let ctx = contexts.get(ctxKey);
      if (!ctx) {
        ctx = { key: ctxKey, n: n - 1, total: 0, kept: [] };
        contexts.set(ctxKey, ctx);
      }
      ctx.total += c;
      if (c >= (options.minCount[n - 1] ?? 1)) {
        ctx.kept.push([word, c]);
      }
    }
  }
  // Frequency of each word, to break ties between followers of equal count.
  const freq = kn[1]!;
  const singles: Array<[string, number]> = [];
  const byCount = (a: [number, number], b: [number, number]): number => b[1] - a[1] || (freq.get(String(b[0])) ?? 0) - (freq.get(String(a[0])) ?? 0);
  for (const ctx of contexts.values()) {
    const n = ctx.n + 1;
    if (n === order || ctx.total < (options.minContext[n - 1] ?? 1)) {
      continue;
    }
    const cap = options.cap[n - 1] ?? Infinity;
    if (ctx.kept.length > cap) {
      ctx.kept.sort(byCount);
      ctx.kept.length = cap;
    }
  }
  // The top order last: a context that only repeats what its shorter context already ranks first (its one
  // follower is that context's likeliest word) adds nothing to a ranking and is left out.
  for (const ctx of contexts.values()) {
    const n = ctx.n + 1;
    if (n !== order) {
      if (ctx.total < (options.minContext[n - 1] ?? 1)) {
        ctx.kept = [];
      }
      continue;
    }
    ctx.kept.sort(byCount);
    const shorter = contexts.get(ctx.key.slice(ctx.key.indexOf(',') + 1));
    const redundant = ctx.kept.length === 1 && shorter !== undefined && shorter.kept[0]?.[0] === ctx.kept[0]![0];
    if (options.singles && ctx.total === 1 && ctx.kept.length === 1) {
      // A clause's end after a context seen once scales every word alike: no rank changes, so not kept.
      if (!redundant && ctx.kept[0]![0] !== 1 && (shorter?.total ?? 0) >= options.singleMinShorter) {
        singles.push([ctx.key, ctx.kept[0]![0]]);
      }
      ctx.kept = [];
      continue;
    }
    if (redundant || ctx.total < (options.minContext[n - 1] ?? 1)) {
      ctx.kept = [];
      continue;
    }
    const cap = options.cap[n - 1] ?? Infinity;
    if (ctx.kept.length > cap) {
      ctx.kept.length = cap;
    }
  }
  // Nodes kept: contexts with a follower kept, and every suffix of those (the query walks suffixes).
  const keep = new Set<string>(['']);
  for (const ctx of contexts.values()) {
    if (ctx.kept.length > 0) {
      let k = ctx.key;
      while (!keep.has(k)) {
        keep.add(k);
        const comma = k.indexOf(',');
        k = comma < 0 ? '' : k.slice(comma + 1);
      }
    }
  }
  const nodes = [...keep].map((k) => contexts.get(k) ?? { key: k, n: k === '' ? 0 : k.split(',').length, total: 0, kept: [] });
  nodes.sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  // Word ids renumbered so that the vocabulary holds only words the file mentions, frequent first.
  const used = new Map<number, number>();
  for (const node of nodes) {
    for (const [w, c] of node.kept) {
      used.set(w, (used.get(w) ?? 0) + c);
    }
    if (node.key !== '') {
      for (const w of node.key.split(',')) {
        used.set(Number(w), (used.get(Number(w)) ?? 0) + 1);
      }
    }
  }
  for (const [key, w] of singles) {
    for (const x of [...key.split(','), String(w)]) {
      used.set(Number(x), (used.get(Number(x)) ?? 0) + 1);
    }
  }
  used.delete(0);
  used.delete(1);
  const order2 = [0, 1, ...[...used].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([w]) => w)].slice(0, MAX_VOCAB);
  const remap = new Map(order2.map((w, i) => [w, i]));
  const flatContexts: number[] = [];
  const flatFollowers: number[] = [];
  const inVocab = new Set(order2);
  const fits = (key: string): boolean => key === '' || key.split(',').every((w) => inVocab.has(Number(w)));
  for (const node of nodes) {
    node.kept = node.kept.filter(([w]) => inVocab.has(w));
  }
  const listed = nodes.filter((x) => fits(x.key));
  const nodeId = new Map(listed.map((node, i) => [node.key, i]));
  for (const node of listed) {
    let parent = -1;
    let word = -1;
    if (node.key !== '') {
      const comma = node.key.indexOf(',');
      parent = nodeId.get(comma < 0 ? '' : node.key.slice(comma + 1))!;
      word = remap.get(Number(comma < 0 ? node.key : node.key.slice(0, comma)))!;
    }
    node.kept.sort((a, b) => b[1] - a[1] || remap.get(a[0])! - remap.get(b[0])!);
    flatContexts.push(parent, word, node.total, node.kept.length);
    for (const [w, c] of node.kept) {
      flatFollowers.push(remap.get(w)!, c);
    }
  }
  const flatSingles: number[] = [];
  for (const [key, w] of singles.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]))) {
    const ids = [...key.split(',').map(Number), w];
    if (ids.every((x) => inVocab.has(x))) {
      flatSingles.push(...ids.map((x) => remap.get(x)!));
    }
  }
  return { order, discounts, vocab: order2.map((w) => vocab[w]!), contexts: flatContexts, followers: flatFollowers, singles: flatSingles };
}

/** A prediction: a next word (EOS: the clause ends) and its probability. */
export interface Prediction {
  word: string;
  p: number;
}

function mix(a: number, b: number): number {
  return Math.imul(Math.imul(a, 0x9e3779b1) ^ b, 0x85ebca6b);
}

/** The queryable model over the flat arrays of an {@link LmFile} (or of its compiled form). */
export class LanguageModel {
  readonly order: number;
  private readonly vocab: readonly string[];
  private readonly ids = new Map<string, number>();
  private readonly ctx: Int32Array;
  /** Per follower: word id << 16 | count (saturated). */
  private readonly fol: Uint32Array;
  private readonly start: Int32Array;
  private readonly disc: Float64Array;
  /** Per context: the backoff weight, what its kept followers leave after discounting. */
  private readonly gamma: Float64Array;
  /** (parent node, word) → child node; open addressing, 3 ints a slot. */
  private readonly childSlots: Int32Array;
  /** (node, word) → follower index; open addressing, 3 ints a slot. */
  private readonly folSlots: Int32Array;
  /** The top order's contexts seen once (ids, `order` per entry), and a table over them (entry index, -1 free). */
  private readonly singles: Uint16Array;
  private readonly singleSlots: Int32Array;

  constructor(order: number, discounts: readonly number[], vocab: readonly string[], contexts: Int32Array, followers: Uint32Array, singles: Uint16Array) {
    this.order = order;
    this.vocab = vocab;
    vocab.forEach((w, i) => this.ids.set(w, i));
    this.ctx = contexts;
    this.fol = followers;
    this.disc = Float64Array.from(discounts);
    const nodes = contexts.length / CONTEXT_FIELDS;
    this.start = new Int32Array(nodes + 1);
    for (let i = 0; i < nodes; i++) {
      this.start[i + 1] = this.start[i]! + contexts[i * CONTEXT_FIELDS + 3]!;
    }
    // Levels (context lengths) follow from the parents, which come first.
    const level = new Int32Array(nodes);
    this.gamma = new Float64Array(nodes);
    for (let i = 0; i < nodes; i++) {
      level[i] = i === 0 ? 0 : level[contexts[i * CONTEXT_FIELDS]!]! + 1;
      const total = contexts[i * CONTEXT_FIELDS + 2]!;
      let kept = 0;
      for (let f = this.start[i]!; f < this.start[i + 1]!; f++) {
        const c = followers[f]! & 0xffff;
        kept += Math.max(0, c - this.discount(level[i]!, c));
      }
      this.gamma[i] = total > 0 ? Math.max(0, 1 - kept / total) : 1;
    }
    const size = (n: number): number => {
      let s = 16;
      while (s < n * 2) {
        s *= 2;
      }
      return s;
    };
    this.childSlots = new Int32Array(size(nodes) * 3).fill(-1);
    const cmask = this.childSlots.length / 3 - 1;
    for (let i = 1; i < nodes; i++) {
      const p = contexts[i * CONTEXT_FIELDS]!;
      const w = contexts[i * CONTEXT_FIELDS + 1]!;
      let s = mix(p, w) & cmask;
      while (this.childSlots[s * 3] !== -1) {
        s = (s + 1) & cmask;
      }
      this.childSlots[s * 3] = p;
      this.childSlots[s * 3 + 1] = w;
      this.childSlots[s * 3 + 2] = i;
    }
    this.singles = singles;
    const ns = singles.length / order;
    this.singleSlots = new Int32Array(size(ns)).fill(-1);
    const smask = this.singleSlots.length - 1;
    for (let e = 0; e < ns; e++) {
      let s = this.hashIds(singles, e * order, order - 1) & smask;
      while (this.singleSlots[s] !== -1) {
        s = (s + 1) & smask;
      }
      this.singleSlots[s] = e;
    }
    const total = followers.length;
    this.folSlots = new Int32Array(size(total) * 3).fill(-1);
    const fmask = this.folSlots.length / 3 - 1;
    for (let node = 0; node < nodes; node++) {
      for (let f = this.start[node]!; f < this.start[node + 1]!; f++) {
        const w = followers[f]! >>> 16;
        let s = mix(node, w) & fmask;
        while (this.folSlots[s * 3] !== -1) {
          s = (s + 1) & fmask;
        }
        this.folSlots[s * 3] = node;
        this.folSlots[s * 3 + 1] = w;
        this.folSlots[s * 3 + 2] = f;
      }
    }
  }

  /** Followers of the JSON section packed as the compiled form keeps them. */
  static pack(followers: readonly number[]): Uint32Array {
    const out = new Uint32Array(followers.length / 2);
    for (let i = 0; i < out.length; i++) {
      out[i] = ((followers[i * 2]! << 16) | Math.min(0xffff, followers[i * 2 + 1]!)) >>> 0;
    }
    return out;
  }

  /** From the JSON section. */
  static fromFile(f: LmFile): LanguageModel {
    return new LanguageModel(f.order, f.discounts.flat(), f.vocab, Int32Array.from(f.contexts), LanguageModel.pack(f.followers), Uint16Array.from(f.singles ?? []));
  }

  private hashIds(ids: ArrayLike<number>, start: number, length: number): number {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < start + length; i++) {
      h = mix(h, ids[i]!);
    }
    return h;
  }

  /** The word that followed the context `ids` (order − 1 ids) where it was seen once, or -1. */
  private single(ids: readonly number[]): number {
    const mask = this.singleSlots.length - 1;
    const k = this.order;
    let s = this.hashIds(ids, 0, k - 1) & mask;
    for (let e = this.singleSlots[s]!; e !== -1; e = this.singleSlots[s]!) {
      let same = true;
      for (let i = 0; i < k - 1 && same; i++) {
        same = this.singles[e * k + i] === ids[i];
      }
      if (same) {
        return this.singles[e * k + k - 1]!;
      }
      s = (s + 1) & mask;
    }
    return -1;
  }

  private discount(level: number, c: number): number {
    const d = level * 3;
    return c === 0 ? 0 : c === 1 ? this.disc[d]! : c === 2 ? this.disc[d + 1]! : this.disc[d + 2]!;
  }

  private child(node: number, word: number): number {
    const mask = this.childSlots.length / 3 - 1;
    let s = mix(node, word) & mask;
    for (let p = this.childSlots[s * 3]!; p !== -1; p = this.childSlots[s * 3]!) {
      if (p === node && this.childSlots[s * 3 + 1] === word) {
        return this.childSlots[s * 3 + 2]!;
      }
      s = (s + 1) & mask;
    }
    return -1;
  }

  private count(node: number, word: number): number {
    const mask = this.folSlots.length / 3 - 1;
    let s = mix(node, word) & mask;
    for (let p = this.folSlots[s * 3]!; p !== -1; p = this.folSlots[s * 3]!) {
      if (p === node && this.folSlots[s * 3 + 1] === word) {
        return this.fol[this.folSlots[s * 3 + 2]!]! & 0xffff;
      }
      s = (s + 1) & mask;
    }
    return 0;
  }

  /**
   * The context nodes of a history, shortest first (root, last word, last two words, …), and the word that
   * followed the full top-order context where that context was seen once (-1 otherwise).
   */
  private chain(history: readonly string[]): { nodes: number[]; single: number } {
    const nodes = [0];
    let node = 0;
    // The context's ids, newest last, with BOS before a history shorter than the order.
    const ids: number[] = [];
    for (let k = history.length - 1; k >= 0 && ids.length < this.order - 1; k--) {
      const w = this.ids.get(history[k]!);
      if (w === undefined) {
        break;
      }
      ids.unshift(w);
    }
    if (ids.length === history.length && ids.length < this.order - 1) {
      ids.unshift(0);
    }
    for (let k = ids.length - 1; k >= 0; k--) {
      node = this.child(node, ids[k]!);
      if (node < 0) {
        break;
      }
      nodes.push(node);
    }
    const single = nodes.length === this.order - 1 && ids.length === this.order - 1 && this.singles.length > 0 ? this.single(ids) : -1;
    return { nodes, single };
  }

  private prob(chain: { nodes: readonly number[]; single: number }, word: number): number {
    let p = 1 / Math.max(1, this.vocab.length - 1);
    const nodes = chain.nodes;
    for (let level = 0; level < nodes.length; level++) {
      const node = nodes[level]!;
      const base = node * CONTEXT_FIELDS;
      const total = this.ctx[base + 2]!;
      if (total <= 0) {
        continue;
      }
      const c = this.count(node, word);
      p = Math.max(0, c - this.discount(level, c)) / total + this.gamma[node]! * p;
    }
    if (chain.single >= 0) {
      // A context seen once: its follower keeps 1 − D of its count, the rest goes to the lower orders.
      const d = this.discount(this.order - 1, 1);
      p = (word === chain.single ? 1 - d : 0) + d * p;
    }
    return p;
  }

  /** Probability of `word` after the words of `history` (in the same clause). */
  probability(history: readonly string[], word: string): number {
    const w = this.ids.get(word);
    return w === undefined ? 0 : this.prob(this.chain(history), w);
  }

  /**
   * The `limit` likeliest next words after `history`, likeliest first. Candidates: the followers of the
   * longer contexts, and the first `breadth` followers of each shorter one.
   */
  predict(history: readonly string[], limit: number, breadth = 40): Prediction[] {
    const chain = this.chain(history);
    const seen = new Set<number>();
    const out: Array<{ w: number; p: number }> = [];
    if (chain.single >= 0) {
      seen.add(chain.single);
      out.push({ w: chain.single, p: this.prob(chain, chain.single) });
    }
    for (let level = chain.nodes.length - 1; level >= 0; level--) {
      const node = chain.nodes[level]!;
      const end = Math.min(this.start[node + 1]!, this.start[node]! + (level >= 2 ? 4 * breadth : breadth));
      for (let f = this.start[node]!; f < end; f++) {
        const w = this.fol[f]! >>> 16;
        if (!seen.has(w)) {
          seen.add(w);
          out.push({ w, p: this.prob(chain, w) });
        }
      }
    }
    out.sort((a, b) => b.p - a.p || a.w - b.w);
    return out.slice(0, limit).map((x) => ({ word: this.vocab[x.w]!, p: x.p }));
  }
}
