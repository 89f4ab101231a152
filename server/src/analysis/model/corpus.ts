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
import { buildLm, DEFAULT_LM_OPTIONS, LanguageModel, type LmFile, type LmOptions } from './lm';

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

/** Builds the model from the texts of a corpus (one string per document). */
export function buildModel(texts: readonly string[], segmenter: Segmenter, lmOptions: LmOptions = DEFAULT_LM_OPTIONS): ModelFile {
  const wordCounts = new Map<string, number>();
  const wordDocs = new Map<string, number>();
  const bigramDocs = new Map<string, number>();
  const clauses: string[][] = [];
  const docBigrams: string[][] = [];
  let tokenCount = 0;
  for (const text of texts) {
    const seenWords = new Set<string>();
    const seenBigrams = new Set<string>();
    const list: string[] = [];
    for (const line of text.split(/\r?\n/)) {
      const tokens = statTokens(segmenter, line);
      let clause: string[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const w = tokens[i];
        if (!w) {
          if (clause.length > 0) {
            clauses.push(clause);
            clause = [];
          }
          continue;
        }
        clause.push(w);
        tokenCount++;
        wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
        seenWords.add(w);
        const next = tokens[i + 1];
        if (next) {
          const b = `${w} ${next}`;
          list.push(b);
          seenBigrams.add(b);
        }
      }
      if (clause.length > 0) {
        clauses.push(clause);
      }
    }
    for (const w of seenWords) {
      wordDocs.set(w, (wordDocs.get(w) ?? 0) + 1);
    }
    for (const b of seenBigrams) {
      bigramDocs.set(b, (bigramDocs.get(b) ?? 0) + 1);
    }
    docBigrams.push(list);
  }
  let shareSum = 0;
  let shareDocs = 0;
  for (const list of docBigrams) {
    if (list.length === 0) {
      continue;
    }
    shareSum += list.filter((b) => (bigramDocs.get(b) ?? 0) >= 2).length / list.length;
    shareDocs++;
  }
  const words: Record<string, [number, number]> = {};
  for (const [w, c] of [...wordCounts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
    if (c >= 2) {
      words[w] = [c, wordDocs.get(w) ?? 0];
    }
  }
  const bigrams: Record<string, number> = {};
  for (const [b, d] of [...bigramDocs].sort((a, b2) => b2[1] - a[1] || (a[0] < b2[0] ? -1 : 1))) {
    if (d >= 2) {
      bigrams[b] = d;
    }
  }
  const lm = buildLm(clauses, lmOptions);
  return { version: 1, documents: texts.length, tokenCount, bigramNorm: shareDocs > 0 ? Math.round((shareSum / shareDocs) * 10000) / 10000 : 0, words, bigrams, lm };
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
