/**
 * repetition/duplicate-sentence — a sentence of at least 8 characters that already appeared earlier in the
 * document, outside duplicated paragraphs (those are repetition/duplicate-paragraph's, and the sentences of
 * a pasted copy are not reported again). Sentences are compared like paragraphs: letters and digits only,
 * so punctuation and spacing do not hide a repeat. Related information points at the first occurrence.
 *
 * ✗ 基层是一切工作的落脚点。我们要扎根基层。……基层是一切工作的落脚点。
 * ✓ 要坚持学习。（short sentences such as this one repeat naturally and are not compared）
 *
 * Fix (a suggestion, never applied by fix-all): delete the repeated sentence.
 */
import * as l10n from '@vscode/l10n';
import { MASK, splitSentences } from '../../document';
import type { DocumentRule } from '../../rule';
import { deletionRange, duplicatesOf, normalizeForComparison } from './duplicates';

/** Shortest sentence compared, in normalised characters (spec: ≥ 8). */
export const MIN_SENTENCE = 8;

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) {
      n++;
    }
  }
  return n;
}

const isBlank = (c: string | undefined): boolean => c !== undefined && (c === MASK || /\s/.test(c));

/**
 * The sentences of a paragraph long enough to compare, compactly (a paragraph memo holds one per
 * paragraph): their comparison keys and, per sentence, its trimmed start and end (relative).
 */
interface SentenceKeys {
  keys: string[];
  offsets: Int32Array;
}

function sentencesOf(prose: string): SentenceKeys {
  const keys: string[] = [];
  const offsets: number[] = [];
  for (const s of splitSentences(prose)) {
    let a = s.start;
    let b = s.end;
    while (a < b && isBlank(prose[a])) {
      a++;
    }
    while (b > a && isBlank(prose[b - 1])) {
      b--;
    }
    const key = normalizeForComparison(prose.slice(a, b));
    if (codePoints(key) >= MIN_SENTENCE) {
      keys.push(key);
      offsets.push(a, b);
    }
  }
  return { keys, offsets: Int32Array.from(offsets) };
}

/** The first characters of a sentence for a message (whole code points, masked text left out). */
function excerpt(sentence: string, max = 12): string {
  const chars = [...sentence.replaceAll(MASK, '')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

export const rule: DocumentRule = {
  meta: {
    id: 'repetition/duplicate-sentence',
    category: 'repetition',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'A sentence repeated elsewhere in the document',
  },
  scope: 'document',
  check(ctx) {
    const { repeated } = duplicatesOf(ctx);
    const seen = new Map<string, [number, number]>();
    for (const p of ctx.paragraphs) {
      if (repeated.has(p.index)) {
        continue;
      }
      const prose = p.prose;
      // The paragraph's sentences long enough to compare (a pure function of the prose).
      const { keys, offsets } = ctx.paragraphMemo(p, 'repetition/duplicate-sentence', () => sentencesOf(prose));
      for (let k = 0; k < keys.length; k++) {
        const key = keys[k]!;
        const a = offsets[k * 2]!;
        const b = offsets[k * 2 + 1]!;
        const start = p.start + a;
        const end = p.start + b;
        const first = seen.get(key);
        if (!first) {
          seen.set(key, [start, end]);
          continue;
        }
        // A sentence that is the whole paragraph goes with its line break, like a paragraph.
        const whole = prose.slice(0, a).replaceAll(MASK, '').trim() === '' && prose.slice(b).replaceAll(MASK, '').trim() === '';
        const [ds, de] = whole ? deletionRange(ctx.text, p.start, p.end) : [start, end];
        ctx.report({
          message: l10n.t('This sentence already appears earlier: “{0}”', excerpt(prose.slice(a, b))),
          start: Math.min(ds, start),
          end: Math.max(de, end),
          related: [{ start: first[0], end: first[1], message: l10n.t('First occurrence') }],
          fixes: [{ title: l10n.t('Delete the repeated sentence'), auto: false, edits: [{ start: ds, end: de, newText: '' }] }],
        });
      }
    }
  },
};
