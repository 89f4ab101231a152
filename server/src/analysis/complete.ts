/**
 * Completions at a position of a draft:
 * - series continuation: at the start of the paragraph after a series, its next item as a snippet with the
 *   next ordinal and the frame's slots as tab stops (三要${1}。, 打好${1}牌，增强机关干部的${2}意识。);
 * - corpus continuation: from the last words before the cursor, likely continuations from the corpus model
 *   mixed with the draft's own n-grams before the cursor (a cache: the theme's words and phrases recur),
 *   extended up to a phrase boundary (全心全意 → 为人民服务; 坚持以人民为中心的 → 发展思想);
 * - canonical phrases by prefix: corpus words that begin with the characters just typed (全心 → 全心全意).
 * Pure: works on the analysis result, the tokens and the model.
 */
import type { AnalysisResult } from './index';
import { formatOrdinal, ordinalAt, type OrdinalMarker } from './structure/ordinals';
import { BOS, EOS } from './model/lm';
import type { CorpusModel, Token } from './types';

/** One completion item. */
export interface CompletionSuggestion {
  label: string;
  /** Text to insert; a snippet (with ${n} tab stops) when kind is `series`. */
  insertText: string;
  kind: 'phrase' | 'series' | 'canonical';
  /** How many characters before the offset the insertion replaces (the typed prefix of a canonical phrase). */
  replace: number;
  /** 0–1, higher is better. */
  score: number;
}

const HAN = /\p{Script=Han}/u;

/** Turns a frame template into a snippet: each {X} slot becomes a numbered tab stop. */
export function frameSnippet(frame: string): string {
  const escape = (t: string): string => t.replace(/[$}\\]/g, (c) => `\\${c}`);
  return `${frame
    .split(/\{[A-Z]\}/)
    .map((part, i) => (i === 0 ? escape(part) : `\${${i}}${escape(part)}`))
    .join('')}。`;
}

function seriesContinuations(result: AnalysisResult, text: string, offset: number): CompletionSuggestion[] {
  const para = result.paragraphs.find((p) => p.start <= offset && offset <= p.end);
  const before = para ? text.slice(para.start, offset) : '';
  if (before.trim().length > 0) {
    return [];
  }
  // The series whose last item ends in the paragraph just before this one (or just before the offset).
  const prevEnd = result.paragraphs.filter((p) => p.end <= offset && p !== para).pop()?.end ?? -1;
  const out: CompletionSuggestion[] = [];
  for (const s of result.structure.series) {
    if (s.level !== 'paragraph') {
      continue;
    }
    const last = s.items[s.items.length - 1]!;
    if (last.end !== prevEnd) {
      continue;
    }
    const marker = last.marker;
    let body: string;
    if (marker && Number.isFinite(marker.n)) {
      const next = formatOrdinal(marker, marker.n + 1);
      body = s.frame ? `${next}${frameSnippet(s.frame)}` : `${next}\${1}。`;
    } else if (s.frame) {
      body = frameSnippet(s.frame);
    } else {
      continue;
    }
    const label = body.replace(/\$\{\d+\}/g, '…').replace(/\\(.)/g, '$1');
    out.push({ label, insertText: body, kind: 'series', replace: 0, score: 1 });
  }
  if (out.length === 0) {
    // Two items are enough to go on: the two paragraphs before open with consecutive ordinals of one style
    // (一是/二是, （一）/（二）, 第一/第二), which the outline does not yet call a series.
    const prev = result.paragraphs.filter((p) => p.end <= offset && p !== para && p.prose.trim().length > 0).slice(-2);
    const next = prev.length === 2 ? nextOrdinal(prev.map((p) => ordinalAt(p.prose))) : undefined;
    if (next) {
      out.push({ label: `${next}…。`, insertText: `${next}\${1}。`, kind: 'series', replace: 0, score: 1 });
    }
  }
  return out;
}

/** The ordinal after two consecutive ones of the same style (一是, 二是 → 三是), or undefined. */
function nextOrdinal(markers: ReadonlyArray<OrdinalMarker | undefined>): string | undefined {
  const [a, b] = markers;
  if (!a || !b || a.family !== b.family || a.variant !== b.variant || !Number.isFinite(b.n) || b.n !== a.n + 1 || (a.family === 'seq' && b.n >= 3)) {
    return undefined;
  }
  return formatOrdinal(b, b.n + 1);
}

/**
 * Inside a paragraph, right after a clause ends (；。), the next item of an inline series whose last two
 * items open their clauses with consecutive ordinals: 一是加强学习；二是改进作风； → 三是.
 */
function inlineSeriesContinuation(prose: string, rel: number): CompletionSuggestion | undefined {
  const before = prose.slice(0, rel);
  if (!/[；。]\s*$/.test(before)) {
    return undefined;
  }
  const starts = [0];
  for (let i = 0; i < before.length; i++) {
    if ('；。：，'.includes(before[i]!)) {
      starts.push(i + 1);
    }
  }
  const markers = starts.map((i) => ordinalAt(before, i)).filter((m): m is OrdinalMarker => m !== undefined && m.start < rel);
  const next = markers.length >= 2 ? nextOrdinal(markers.slice(-2)) : undefined;
  return next ? { label: `${next}…`, insertText: `${next}\${1}`, kind: 'series', replace: 0, score: 1 } : undefined;
}

/** The words before `offset` in its sentence, as the model counts them (Han words only). */
function contextWords(tokens: readonly Token[], rel: number): string[] {
  const words: string[] = [];
  for (const t of tokens) {
    if (t.end > rel) {
      break;
    }
    if (HAN.test(t.norm)) {
      words.push(t.norm);
    } else if (t.norm.trim().length > 0) {
      words.length = 0;
    }
  }
  return words;
}

/** One-character words that are grammar rather than content: offered alone only where they clearly lead. */
export const FUNCTION_WORDS = new Set([...'的地得了着过和与及或而并且也都就还又才把被将对为于以从在向由是有之其所这那个等']);

/** Tuning of the corpus candidates (set on a split inside the dev essays: test/tools/dev-complete.ts). */
export interface CandidateOptions {
  /** Candidates offered. */
  limit: number;
  /** First words considered from the corpus model. */
  breadth: number;
  /** A phrase grows by the likeliest next word while its probability is at least this… */
  extend: number;
  /** …up to this many words. */
  maxWords: number;
  /** A bare function word keeps its rank only when its probability is this many times the next candidate's. */
  functionLead: number;
  /** A bare function word less likely than this is not offered at all. */
  functionMin: number;
  /**
   * Weight of the draft's own distribution (the cache) against the corpus model: index 0 where the draft has
   * any words, index k where it has seen the last k words of the context before (the largest applies), scaled
   * by how often it has seen them (n / (n + {@link cacheConfidence})).
   */
  cacheWeight: readonly number[];
  /** Confidence of a cache context seen n times: n / (n + this); also the smoothing between its orders. */
  cacheConfidence: number;
  /** Words the cache proposes at most (its likeliest). */
  cacheProposals: number;
}

export const CANDIDATE_OPTIONS: CandidateOptions = {
  limit: 8,
  breadth: 40,
  extend: 0.35,
  maxWords: 4,
  functionLead: 1.25,
  functionMin: 0.01,
  cacheWeight: [0.1, 0.2, 0.4, 0.6],
  cacheConfidence: 1,
  cacheProposals: 12,
};

/** The longest context the draft cache counts (words before the predicted one). */
export const CACHE_ORDER = 3;

interface Followers {
  total: number;
  /** Word id → count. */
  next: Map<number, number>;
}

/** Word ids take 17 bits of a context key: a key of three words stays an exact integer. */
const ID_BITS = 2 ** 17;

/**
 * The draft's own n-grams before the position (a cache model): writers repeat their theme's words and
 * phrases, which no corpus knows. Contexts of one to {@link CACHE_ORDER} words (BOS, `<s>`, opens each clause)
 * → following word → count, and the draft's word counts; words by id, a context by a number made of its ids
 * (no string built per word: the cache is rebuilt at each request).
 */
export class DraftCache {
  private readonly ids = new Map<string, number>([[BOS, 0], [EOS, 1]]);
  private readonly vocab: string[] = [BOS, EOS];
  private readonly contexts = new Map<number, Followers>();
  private readonly counts: number[] = [0, 0];
  private size = 0;

  private idOf(w: string): number {
    let id = this.ids.get(w);
    if (id === undefined) {
      id = this.vocab.length;
      this.ids.set(w, id);
      this.vocab.push(w);
      this.counts.push(0);
    }
    return id;
  }

  /** Adds a clause's words. */
  add(clause: readonly string[]): void {
    const seq = [0, ...clause.map((w) => this.idOf(w)), 1];
    for (let i = 1; i < seq.length; i++) {
      const w = seq[i]!;
      if (w !== 1) {
        this.counts[w]!++;
        this.size++;
      }
      let key = 0;
      for (let k = 1; k <= CACHE_ORDER && i - k >= 0 && seq[i - k]! < ID_BITS - 1; k++) {
        key = key + (seq[i - k]! + 1) * ID_BITS ** (k - 1);
        let f = this.contexts.get(key);
        if (!f) {
          f = { total: 0, next: new Map() };
          this.contexts.set(key, f);
        }
        f.total++;
        f.next.set(w, (f.next.get(w) ?? 0) + 1);
      }
    }
  }

  /**
   * The draft's distribution after `context` (the words of the clause so far): its word counts, then each
   * longer context it has seen, interpolated (a context seen n times weighs n / (n + confidence)); the words
   * it proposes (those that followed the contexts it has seen, its likeliest); and its weight against the
   * corpus model.
   */
  distribution(context: readonly string[], options: CandidateOptions = CANDIDATE_OPTIONS): DraftDistribution | undefined {
    if (this.size === 0) {
      return undefined;
    }
    const seen: Followers[] = [];
    let weight = options.cacheWeight[0] ?? 0;
    let key = 0;
    for (let k = 1; k <= CACHE_ORDER && k <= context.length + 1; k++) {
      const id = k <= context.length ? this.ids.get(context[context.length - k]!) : 0;
      if (id === undefined || id >= ID_BITS - 1) {
        break;
      }
      key = key + (id + 1) * ID_BITS ** (k - 1);
      const f = this.contexts.get(key);
      if (!f) {
        break;
      }
      seen.push(f);
      weight = Math.max(weight, (options.cacheWeight[k] ?? 0) * (f.total / (f.total + options.cacheConfidence)));
    }
    const c = options.cacheConfidence;
    const pOf = (id: number): number => {
      let q = (this.counts[id] ?? 0) / this.size;
      for (const f of seen) {
        const l = f.total / (f.total + c);
        q = (l * (f.next.get(id) ?? 0)) / f.total + (1 - l) * q;
      }
      return q;
    };
    const proposed = new Set<number>();
    for (const f of seen) {
      for (const w of f.next.keys()) {
        if (w !== 1) {
          proposed.add(w);
        }
      }
    }
    // Its likeliest words only: each one the corpus model is asked about costs a look-up.
    const ranked = [...proposed].map((id) => ({ w: this.vocab[id]!, q: pOf(id) })).sort((x, y) => y.q - x.q || (x.w < y.w ? -1 : x.w > y.w ? 1 : 0));
    const p = (word: string): number => {
      const id = this.ids.get(word);
      return id === undefined || id <= 1 ? 0 : pOf(id);
    };
    return { proposed: ranked.slice(0, options.cacheProposals).map((x) => x.w), p, weight };
  }
}

/** What the draft cache says after a context. */
export interface DraftDistribution {
  /** Words that followed this context (or its shorter ones) in the draft, its likeliest first. */
  proposed: string[];
  /** The cache's probability of a word. */
  p: (word: string) => number;
  /** Its weight against the corpus model. */
  weight: number;
}

/** A corpus candidate: its words (a phrase has several) and the probability of its first word. */
export interface CorpusCandidate {
  words: string[];
  p: number;
}

/**
 * The likeliest next words after `context`: the corpus model's first `breadth` and the words the draft
 * proposes, each scored by both, (1 − λ) P_corpus + λ P_draft with the draft's weight λ; likeliest first.
 */
export function mixed(model: CorpusModel, context: readonly string[], cache: DraftCache | undefined, options: CandidateOptions, breadth: number): Array<{ word: string; p: number }> {
  const draft = cache?.distribution(context, options);
  const corpus = new Map<string, number>();
  for (const x of model.predict(context, breadth)) {
    corpus.set(x.word, x.p);
  }
  for (const w of draft?.proposed ?? []) {
    if (!corpus.has(w)) {
      corpus.set(w, model.probability(context, w));
    }
  }
  const lambda = draft?.weight ?? 0;
  const out = [...corpus].map(([word, p]) => ({ word, p: (1 - lambda) * p + (draft ? lambda * draft.p(word) : 0) }));
  return out.sort((a, b) => b.p - a.p || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
}

/**
 * Continuations of a clause from the corpus model and the draft's cache: the likeliest next words, each grown
 * into a phrase while one continuation is likely enough, stopping where the clause likely ends (a phrase
 * boundary); one candidate per first word, no label twice. A function word (的, 和, 是…) comes with the word
 * likeliest to follow it; left bare (nothing follows), it keeps its place only where it clearly leads.
 */
export function corpusCandidates(
  model: CorpusModel,
  context: readonly string[],
  cache?: DraftCache,
  options: CandidateOptions = CANDIDATE_OPTIONS,
): CorpusCandidate[] {
  if (context.length === 0) {
    return [];
  }
  // Only the first few are grown into phrases and ranked: the others could not reach the list.
  // The last word again is a slip (的的, 发展发展), not a continuation.
  const last = context[context.length - 1];
  const firsts = mixed(model, context, cache, options, options.breadth).filter((x) => x.word !== EOS && x.word !== last).slice(0, options.limit + 4);
  const out: CorpusCandidate[] = [];
  const labels = new Set<string>();
  for (const x of firsts) {
    const words = [x.word];
    while (words.length < options.maxWords) {
      // A function word alone is not worth a place: it takes the content word likeliest to follow it (的 → 的发展).
      const lead = words.length === 1 && FUNCTION_WORDS.has(words[0]!);
      const next = mixed(model, [...context, ...words], cache, options, lead ? 8 : 3);
      const best = lead ? next.find((y) => y.word !== EOS && !FUNCTION_WORDS.has(y.word)) : next[0];
      if (!best || best.word === EOS || (best.p < options.extend && !lead)) {
        break;
      }
      words.push(best.word);
    }
    const label = words.join('');
    if (!labels.has(label)) {
      labels.add(label);
      out.push({ words, p: x.p });
    }
  }
  // Bare function words move behind the content words unless they clearly lead.
  const bare = (c: CorpusCandidate): boolean => c.words.length === 1 && FUNCTION_WORDS.has(c.words[0]!);
  const kept: CorpusCandidate[] = [];
  const demoted: CorpusCandidate[] = [];
  out.forEach((c, i) => {
    const next = out.slice(i + 1).find((d) => !bare(d));
    if (bare(c) && c.p < options.functionMin) {
      return;
    }
    if (bare(c) && !(next === undefined || c.p >= next.p * options.functionLead)) {
      demoted.push(c);
    } else {
      kept.push(c);
    }
  });
  return [...kept, ...demoted].slice(0, options.limit);
}

/** Clauses of tokens: runs of Han words between other marks (as the model counts them). */
function clausesOf(tokens: readonly Token[]): string[][] {
  const out: string[][] = [];
  let clause: string[] = [];
  for (const t of tokens) {
    if (HAN.test(t.norm)) {
      clause.push(t.norm);
    } else if (t.norm.trim().length > 0 && clause.length > 0) {
      out.push(clause);
      clause = [];
    }
  }
  if (clause.length > 0) {
    out.push(clause);
  }
  return out;
}

/** Characters of the draft before the position that feed the cache (the nearest paragraphs). */
const CACHE_CHARS = 6000;

function corpusContinuations(model: CorpusModel, context: string[], cache: DraftCache): CompletionSuggestion[] {
  return corpusCandidates(model, context, cache).map((c) => {
    const label = c.words.join('');
    return { label, insertText: label, kind: 'phrase' as const, replace: 0, score: Math.round(c.p * 100) / 100 };
  });
}

function canonicalPhrases(model: CorpusModel, text: string, offset: number): CompletionSuggestion[] {
  const out: CompletionSuggestion[] = [];
  const seen = new Set<string>();
  // The typed prefix: the last two to four Han characters before the cursor, longest first (one character
  // would match half the dictionary).
  for (let k = 4; k >= 2; k--) {
    const prefix = text.slice(Math.max(0, offset - k), offset);
    if (prefix.length < k || ![...prefix].every((c) => HAN.test(c))) {
      continue;
    }
    for (const w of model.wordsWithPrefix(prefix, 5)) {
      if (w.word.length <= k || seen.has(w.word)) {
        continue;
      }
      seen.add(w.word);
      out.push({ label: w.word, insertText: w.word, kind: 'canonical', replace: k, score: Math.round((k / 4) * 100) / 100 });
    }
    if (out.length >= 8) {
      break;
    }
  }
  return out;
}

/** Completions at `offset` (UTF-16) of `text`, given its analysis and the tokens of its paragraphs. */
export function complete(
  text: string,
  offset: number,
  result: AnalysisResult,
  tokensOf: (prose: string) => readonly Token[],
  model: CorpusModel | undefined,
): CompletionSuggestion[] {
  const o = Math.max(0, Math.min(offset, text.length));
  const items = seriesContinuations(result, text, o);
  const here = result.paragraphs.find((p) => p.start <= o && o <= p.end);
  const inline = here ? inlineSeriesContinuation(here.prose, o - here.start) : undefined;
  if (inline) {
    items.push(inline);
  }
  if (model) {
    const para = result.paragraphs.find((p) => p.start <= o && o <= p.end);
    if (para) {
      const rel = o - para.start;
      const before = tokensOf(para.prose.slice(0, rel));
      const context = contextWords(before, rel);
      // The cache: the paragraphs before this one (nearest first, up to CACHE_CHARS) and the clauses of
      // this paragraph before the position's.
      const cache = new DraftCache();
      let chars = 0;
      for (let i = result.paragraphs.indexOf(para) - 1; i >= 0 && chars < CACHE_CHARS; i--) {
        const p = result.paragraphs[i]!;
        chars += p.prose.length;
        clausesOf(tokensOf(p.prose)).forEach((c) => cache.add(c));
      }
      const own = clausesOf(before);
      own.slice(0, context.length > 0 ? -1 : undefined).forEach((c) => cache.add(c));
      const seen = new Set(items.map((i) => i.label));
      for (const c of [...corpusContinuations(model, context, cache), ...canonicalPhrases(model, text, o)]) {
        if (!seen.has(c.label)) {
          seen.add(c.label);
          items.push(c);
        }
      }
    }
  }
  return items;
}
