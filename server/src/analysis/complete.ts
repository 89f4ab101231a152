/**
 * Completions at a position of a draft:
 * - series continuation: at the start of the paragraph after a series, its next item as a snippet with the
 *   next ordinal and the frame's slots as tab stops (三要${1}。, 打好${1}牌，增强机关干部的${2}意识。);
 * - corpus continuation: from the last words before the cursor, likely continuations from the corpus model,
 *   extended up to a phrase boundary (全心全意 → 为人民服务; 坚持以人民为中心的 → 发展思想);
 * - canonical phrases by prefix: corpus words that begin with the characters just typed (全心 → 全心全意).
 * Pure: works on the analysis result, the tokens and the model.
 */
import type { AnalysisResult } from './index';
import { formatOrdinal } from './structure/ordinals';
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
const BOUNDARY = /[。！？；，、：“”‘’（）《》\s]/;

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
  return out;
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

function corpusContinuations(model: CorpusModel, context: string[]): CompletionSuggestion[] {
  if (context.length === 0) {
    return [];
  }
  const first = model.next(context).slice(0, 8);
  const total = first.reduce((n, x) => n + x.count, 0);
  return first.map((x) => {
    // Extend while one continuation dominates, up to a phrase boundary or four words.
    const words = [x.word];
    for (let k = 0; k < 3; k++) {
      const next = model.next([...context, ...words]);
      const sum = next.reduce((n, y) => n + y.count, 0);
      const best = next[0];
      if (!best || best.count * 2 < sum || best.count < 2 || BOUNDARY.test(best.word)) {
        break;
      }
      words.push(best.word);
    }
    const label = words.join('');
    return { label, insertText: label, kind: 'phrase' as const, replace: 0, score: Math.round((x.count / Math.max(1, total)) * 100) / 100 };
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
  if (model) {
    const para = result.paragraphs.find((p) => p.start <= o && o <= p.end);
    if (para) {
      const rel = o - para.start;
      const context = contextWords(tokensOf(para.prose.slice(0, rel)), rel);
      const seen = new Set(items.map((i) => i.label));
      for (const c of [...corpusContinuations(model, context), ...canonicalPhrases(model, text, o)]) {
        if (!seen.has(c.label)) {
          seen.add(c.label);
          items.push(c);
        }
      }
    }
  }
  return items;
}
