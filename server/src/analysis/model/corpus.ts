/**
 * The corpus model: word and word-bigram statistics of a corpus of the genre, built from texts (pure: the
 * caller reads the files and passes the segmenter), serialised as JSON, and queried by rules and the score.
 *
 * genre fit: the share of a draft's word bigrams attested in the corpus, divided by the corpus's own norm
 * (the mean share, over the corpus's documents, of their bigrams attested in at least one other document).
 * Only bigrams seen in two or more documents are stored, which is exactly what "attested elsewhere" needs
 * for the norm and keeps the file small; a draft's bigram attested once in the corpus therefore counts as
 * unattested, which makes the figure slightly conservative.
 */
import type { CorpusModel, Segmenter } from '../types';
import { KEY_SEPARATOR, ModelCounts, statTokens } from './counts';
import { DEFAULT_LM_OPTIONS, LanguageModel, lmVocabulary, smoothLm, type LmFile, type LmOptions } from './lm';

/** The serialised form (server/data/model.json). */
export interface ModelFile {
  version: 1;
  documents: number;
  tokenCount: number;
  /** Mean share of a corpus document's bigrams attested in another document. */
  bigramNorm: number;
  /** word → [occurrences, documents]; words seen at least twice. */
  words: Record<string, [number, number]>;
  /** "w1 w2" → documents; bigrams seen in at least two documents. */
  bigrams: Record<string, number>;
  /** The completion language model (lm.ts). */
  lm?: LmFile;
}

export { statTokens } from './counts';

/** The clauses of a text as the completion model counts them: runs of Han words between punctuation marks. */
export function statClauses(segmenter: Segmenter, text: string): string[][] {
  const out: string[][] = [];
  for (const line of text.split(/\r?\n/)) {
    let clause: string[] = [];
    for (const w of statTokens(segmenter, line)) {
      if (w) {
        clause.push(w);
      } else if (clause.length > 0) {
        out.push(clause);
        clause = [];
      }
    }
    if (clause.length > 0) {
      out.push(clause);
    }
  }
  return out;
}

/** Builds the model from the texts of a corpus (one string per document): counts, then {@link modelFromCounts}. */
export function buildModel(texts: Iterable<string>, segmenter: Segmenter, lmOptions: LmOptions = DEFAULT_LM_OPTIONS): ModelFile {
  const counts = new ModelCounts(lmOptions.order, Number.MAX_SAFE_INTEGER);
  for (const text of texts) {
    counts.addDocument(text, segmenter);
  }
  return modelFromCounts(counts, lmOptions);
}

/**
 * The model from the counts of a corpus (of one pass, or partial counts merged in the order of their
 * documents): words seen twice, bigrams seen in two documents, the genre-fit norm, and the completion model
 * (lm.ts) with word ids in the order the words were first seen.
 */
export function modelFromCounts(counts: ModelCounts, lmOptions: LmOptions = DEFAULT_LM_OPTIONS): ModelFile {
  if (counts.order !== lmOptions.order) {
    throw new Error(`counts of order ${counts.order} cannot make a model of order ${lmOptions.order}`);
  }
  const wordDocs = counts.words.docs!;
  const words: Record<string, [number, number]> = {};
  for (const [w, c] of [...counts.words.counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (c >= 2) {
      words[w] = [c, wordDocs.get(w) ?? 0];
    }
  }
  const bigrams: Record<string, number> = {};
  for (const [b, d] of [...counts.bigrams.counts].sort((a, b2) => b2[1] - a[1] || (a[0] < b2[0] ? -1 : 1))) {
    if (d >= 2) {
      bigrams[b] = d;
    }
  }
  // The norm: the mean over documents of the share of their bigrams seen in another document, that is one
  // minus the shares of the bigrams seen in one document only.
  let unique = counts.uniqueShare;
  for (const share of counts.once.values()) {
    unique += share;
  }
  const norm = counts.shareDocs > 0 ? Math.round(((counts.shareDocs - unique) / counts.shareDocs) * 10000) / 10000 : 0;
  // The language model's ids: words in the order first seen (the words table's order, exactly so while
  // nothing was pruned), then any word only an n-gram still holds.
  const { vocab, idOf } = lmVocabulary();
  for (const w of counts.words.counts.keys()) {
    idOf(w);
  }
  const raw: Array<Map<string, number>> = [new Map()];
  for (const table of counts.ngrams) {
    const m = new Map<string, number>();
    for (const [key, c] of table.counts) {
      m.set(key.split(KEY_SEPARATOR).map(idOf).join(','), c);
    }
    raw.push(m);
  }
  const lm = smoothLm({ vocab, raw }, lmOptions);
  return { version: 1, documents: counts.documents, tokenCount: counts.tokenCount, bigramNorm: norm, words, bigrams, lm };
}

/** A queryable model over a parsed model file; throws a readable Error when the data is not a model. */
export function loadModel(data: unknown): CorpusModel {
  const m = data as Partial<ModelFile> | null;
  if (!m || m.version !== 1 || typeof m.words !== 'object' || typeof m.bigrams !== 'object' || m.words === null || m.bigrams === null) {
    throw new Error('not a Wenfeng corpus model (version 1)');
  }
  const words = new Map(Object.entries(m.words));
  const bigrams = new Map(Object.entries(m.bigrams));
  // word → next word → documents, so a look-up builds no key string.
  const nested = new Map<string, Map<string, number>>();
  for (const [key, count] of bigrams) {
    const sp = key.indexOf(' ');
    const a = key.slice(0, sp);
    let inner = nested.get(a);
    if (!inner) {
      inner = new Map();
      nested.set(a, inner);
    }
    inner.set(key.slice(sp + 1), count);
  }
  // The completion model, made on the first completion request.
  let lm: LanguageModel | undefined;
  let sortedWords: string[] | undefined;
  return {
    documents: m.documents ?? 0,
    tokenCount: m.tokenCount ?? 0,
    bigramNorm: m.bigramNorm ?? 0,
    wordCount: (w) => words.get(w)?.[0] ?? 0,
    documentCount: (w) => words.get(w)?.[1] ?? 0,
    bigramDocuments: (a, b) => nested.get(a)?.get(b) ?? 0,
    predict(history, limit, breadth) {
      if (!m.lm) {
        return [];
      }
      lm ??= LanguageModel.fromFile(m.lm);
      return lm.predict(history, limit, breadth);
    },
    probability(history, word) {
      if (!m.lm) {
        return 0;
      }
      lm ??= LanguageModel.fromFile(m.lm);
      return lm.probability(history, word);
    },
    wordsWithPrefix(prefix, limit) {
      sortedWords ??= [...words.keys()].filter((w) => w.length >= 2).sort();
      let lo = 0;
      let hi = sortedWords.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sortedWords[mid]! < prefix) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      const out: Array<{ word: string; count: number }> = [];
      for (let i = lo; i < sortedWords.length && sortedWords[i]!.startsWith(prefix); i++) {
        if (sortedWords[i] !== prefix) {
          out.push({ word: sortedWords[i]!, count: words.get(sortedWords[i]!)![0] });
        }
      }
      return out.sort((a, b) => b.count - a.count).slice(0, limit);
    },
  };
}
