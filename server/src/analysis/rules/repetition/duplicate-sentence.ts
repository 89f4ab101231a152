/**
 * repetition/duplicate-sentence — a sentence of at least 8 characters that already appeared earlier in the
 * document, outside duplicated paragraphs (those are repetition/duplicate-paragraph's, and the sentences of
 * a pasted copy are not reported again). Sentences are compared like paragraphs: letters and digits only,
 * so punctuation and spacing do not hide a repeat. Related information points at the first occurrence.
 *
 * ✗ 基层是一切工作的落脚点。我们要扎根基层。……基层是一切工作的落脚点。
 * ✓ 要坚持学习。（short sentences such as this one repeat naturally and are not compared）
 *
 * Not compared (analysis/detect/quotation.ts): sentences mostly inside quotation marks, in a source line (——作者), in a list
 * item or labelled paragraph (1. 例如： 【点评】), in a paragraph introduced by a label line (再如：), after a
 * commentary heading when the first occurrence is before it, label sentences ending in a colon, and a
 * subheading echoed in the running text.
 *
 * Fix (a suggestion, never applied by fix-all): delete the repeated sentence.
 */
import * as l10n from '@vscode/l10n';
import { codePointLength } from '../../chars';
import { MASK, splitSentences } from '../../document';
import type { DocumentRule } from '../../rule';
import { deletionRange, duplicatesOf, normalizeForComparison } from '../../detect/duplicates';
import { isAttribution, isCommentaryHeading, isLabelLine, isMostlyQuoted, opensWithLabel, quotedMask } from '../../detect/quotation';

/** Shortest sentence compared, in normalised characters (spec: ≥ 8). */
export const MIN_SENTENCE = 8;


const isBlank = (c: string | undefined): boolean => c !== undefined && (c === MASK || /\s/.test(c));

/** FNV-1a over the code units of a comparison key. */
function hashKey(key: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  }
  return h;
}

/**
 * The sentences of a paragraph long enough to compare, compactly (a paragraph memo holds one per
 * paragraph): per sentence, the hash of its comparison key and its trimmed start and end (relative). The
 * keys themselves are computed again only when two hashes meet.
 */
function sentencesOf(prose: string): Int32Array {
  const out: number[] = [];
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
    if (codePointLength(key) >= MIN_SENTENCE) {
      out.push(hashKey(key), a, b);
    }
  }
  return Int32Array.from(out);
}

/** The first characters of a sentence for a message (whole code points, masked text left out). */
function excerpt(sentence: string, max = 12): string {
  const chars = [...sentence.replaceAll(MASK, '')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** What a paragraph's prose alone tells of quoting (one shared object per combination). */
interface QuotingFacts {
  /** A commentary heading (点评). */
  readonly commentary: boolean;
  /** A source line, or a paragraph opening with a label. */
  readonly quoting: boolean;
  /** A label line introducing the next paragraph. */
  readonly labelLine: boolean;
}

const QUOTING_FACTS: readonly QuotingFacts[] = Array.from({ length: 8 }, (_, k) =>
  Object.freeze({ commentary: (k & 1) !== 0, quoting: (k & 2) !== 0, labelLine: (k & 4) !== 0 }),
);

function quotingFacts(commentary: boolean, quoting: boolean, labelLine: boolean): QuotingFacts {
  return QUOTING_FACTS[(commentary ? 1 : 0) | (quoting ? 2 : 0) | (labelLine ? 4 : 0)]!;
}

export const rule: DocumentRule = {
  meta: {
    id: 'repetition/duplicate-sentence',
    category: 'repetition',
    // Information (issue 14, item 4): read on the dev part of the corpus, 6 of the 11 findings left after the
    // quotation filters are careless repeats; the rest are deliberate restatements and tutoring pages. A
    // rule that is not right 9 times in 10 does not warn.
    defaultSeverity: 'information',
    fixable: true,
    description: 'A sentence repeated elsewhere in the document',
  },
  scope: 'document',
  check(ctx) {
    const { repeated, quoted } = duplicatesOf(ctx);
    // First occurrences by key hash: paragraph index and relative range of each distinct key so far.
    const seen = new Map<number, number[]>();
    const keyAt = (pi: number, a: number, b: number): string => normalizeForComparison(ctx.paragraphs[pi]!.prose.slice(a, b));
    // Paragraphs whose sentences are not the writer's running text (analysis/detect/quotation.ts): a source line, a list
    // item or labelled paragraph, a paragraph introduced by a label line. Their sentences are remembered but
    // a repeat involving them is not reported.
    const quoting = new Set<number>();
    /** Index of the last commentary heading so far (-1: none): repeats after it of text before it are quotes. */
    let commentary = -1;
    const quotedAt = (pi: number, a: number, b: number): boolean => isMostlyQuoted(ctx.paragraphs[pi]!.prose, a, b, masks(pi));
    const maskCache = new Map<number, Uint8Array>();
    const masks = (pi: number): Uint8Array => {
      let m = maskCache.get(pi);
      if (!m) {
        m = quotedMask(ctx.paragraphs[pi]!.prose);
        maskCache.set(pi, m);
      }
      return m;
    };
    /** True when the sentence at `[start, end)` (absolute) is all of paragraph `pi`'s text. */
    const wholeParagraph = (pi: number, start: number, end: number): boolean => {
      const q = ctx.paragraphs[pi]!;
      const around = q.prose.slice(0, start - q.start) + q.prose.slice(end - q.start);
      return around.replaceAll(MASK, '').trim() === '';
    };
    let afterLabelLine = false;
    for (const p of ctx.paragraphs) {
      const prose = p.prose;
      // What the paragraph's prose alone tells of quoting, kept per paragraph.
      const own = ctx.paragraphMemo(p, 'repetition/duplicate-sentence:quoting', () =>
        quotingFacts(p.end - p.start <= 40 && isCommentaryHeading(prose), isAttribution(prose) || opensWithLabel(prose), isLabelLine(prose)),
      );
      const before = afterLabelLine;
      afterLabelLine = own.labelLine;
      if (repeated.has(p.index) || quoted.has(p.index)) {
        continue;
      }
      if (own.commentary) {
        commentary = p.index;
      }
      if (own.quoting || before) {
        quoting.add(p.index);
      }
      // The paragraph's sentences long enough to compare (a pure function of the prose).
      const sentences = ctx.paragraphMemo(p, 'repetition/duplicate-sentence', () => sentencesOf(prose));
      for (let k = 0; k < sentences.length; k += 3) {
        const hash = sentences[k]!;
        const a = sentences[k + 1]!;
        const b = sentences[k + 2]!;
        const start = p.start + a;
        const end = p.start + b;
        const earlier = seen.get(hash);
        let first: [number, number] | undefined;
        let firstParagraph = -1;
        if (earlier) {
          const key = keyAt(p.index, a, b);
          for (let e = 0; e < earlier.length && !first; e += 3) {
            if (keyAt(earlier[e]!, earlier[e + 1]!, earlier[e + 2]!) === key) {
              const q = ctx.paragraphs[earlier[e]!]!;
              first = [q.start + earlier[e + 1]!, q.start + earlier[e + 2]!];
              firstParagraph = earlier[e]!;
            }
          }
        }
        if (!first) {
          if (earlier) {
            earlier.push(p.index, a, b);
          } else {
            seen.set(hash, [p.index, a, b]);
          }
          continue;
        }
        const sentence = prose.slice(a, b).replaceAll(MASK, '').trim();
        if (
          quoting.has(p.index) ||
          quoting.has(firstParagraph) ||
          (firstParagraph < commentary && commentary < p.index) ||
          /[：:]$/.test(sentence) ||
          // A title or subheading (its own line, no closing mark) echoed in the running text (点题).
          (wholeParagraph(firstParagraph, first[0], first[1]) && !/[。！？!?]$/.test(ctx.text.slice(first[0], first[1]).trim()) && !wholeParagraph(p.index, start, end)) ||
          quotedAt(p.index, a, b) ||
          quotedAt(firstParagraph, first[0] - ctx.paragraphs[firstParagraph]!.start, first[1] - ctx.paragraphs[firstParagraph]!.start)
        ) {
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
