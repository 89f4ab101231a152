/**
 * repetition/sentence-opener — three or more consecutive sentences opening with the same pronoun or
 * connective (我们…我们…我们…, 这…这…这…, 因此…因此…), outside a parallel series (where the shared opener
 * is the frame).
 *
 * Only pronouns (not interrogatives) and discourse connectives count as openers. Read on the dev part of the
 * corpus (test/fixtures/dev-gold/repetition.json), runs of other openers were deliberate: anaphora, the
 * genre's device (如果…如果…, 要…要…要…, 从…从…, 如何…？如何…？, 在…方面), and the essay's topic as the subject
 * of consecutive sentences (共享经济…, 互联网+…, 水…). A label (【释义】, 释义：) is not an opener either.
 *
 * A sentence ends with 。！？… or a line break; clauses separated by ；are one sentence, because
 * semicolon-separated clauses opening alike are the genre's parallel construction (就是要……；就是要……).
 * The opener is the first word the segmenter finds after quotes, brackets and spaces, compared in
 * Simplified form; it must be Han text. Runs continue across paragraph boundaries. A sentence that opens
 * with a numbered label (例1：, 分论点2：) is a list item and breaks the run.
 * Measured on the corpus (995 essays): 76 runs in 64 essays, most of them deliberate anaphora (要……。
 * 要……。要……。 如何……？如何……？) that the structure rules will recognise as series; splitting clauses at
 * ；as well gave 199 runs.
 *
 * ✗ 我们要学习。我们要思考。我们要实践。
 * ✓ 我们要学习。同时要思考。更重要的是实践。
 *
 * No fix. The finding sits on the third opener; related information points at the others.
 */
import * as l10n from '@vscode/l10n';
import { splitSentences } from '../../document';
import type { DocumentRule } from '../../rule';
import type { Segmenter, Token } from '../../types';
import { duplicatesOf } from '../../detect/duplicates';
import { seriesItemRanges } from '../../detect/series-hooks';

/** Shortest run of sentences with the same opener that is reported. */
export const MIN_RUN = 3;

const HAN_ONLY = /^\p{Script=Han}+$/u;
const LEADING = /[\s\uE000“”‘’"'「」『』（）()《》【】〔〕\[\]—–-]/;
const CLAUSE_END = /[；;]\s*$/;
/** Pronouns that ask: an opener of rhetorical questions (如何…？如何…？), anaphora by nature. */
const INTERROGATIVE: ReadonlySet<string> = new Set(['如何', '怎样', '怎么', '怎么样', '为何', '为什么', '什么', '哪', '哪些', '哪里', '谁', '多少', '何以', '何']);
/** Connectives whose repetition at the start of sentences is monotonous (conjunctions outside this list, such as 如果 and 只有, frame anaphora). */
const CONNECTIVE: ReadonlySet<string> = new Set(['因此', '所以', '同时', '但是', '但', '而且', '并且', '然而', '此外', '另外', '于是', '然后', '因而', '从而', '而', '可是', '不过', '总之', '其次', '那么', '因为', '由于', '可见', '其实']);
/** A label opening a sentence: a bracketed one (【释义】) or a few characters and a colon (释义：). */
const TEXT_LABEL = /^(?:[【〔\[][^】〕\]]{1,12}[】〕\]]|\p{Script=Han}{1,6}[：:])/u;

/** True when a word repeated at the start of sentences can be monotony: a pronoun or a listed connective. */
export function isMonotonousOpener(word: string, tag: string | undefined): boolean {
  if (CONNECTIVE.has(word)) {
    return true;
  }
  return tag !== undefined && tag.startsWith('r') && !INTERROGATIVE.has(word);
}

/** A list label: a few Han characters, a number, then a colon or enumeration comma. */
const LABEL = /^\p{Script=Han}{0,4}(?:[0-9０-９]+|[一二三四五六七八九十]+|[①-⑳])[：:、.．]/u;

interface Opener {
  word: string;
  /** Range of the opening word (absolute). */
  start: number;
  end: number;
  /** Start of the sentence it opens. */
  sentence: number;
}

/** The opening word of `prose[from, to)`, or undefined when it is not Han text. */
function openerOf(tokens: readonly Token[], prose: string, from: number, to: number): Token | undefined {
  let a = from;
  while (a < to && LEADING.test(prose[a]!)) {
    a++;
  }
  if (a >= to) {
    return undefined;
  }
  // Tokens are sorted by offset: binary search for the one starting at or covering `a`.
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tokens[mid]!.start <= a) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  const t = tokens[lo];
  if (!t || t.start !== a || !HAN_ONLY.test(t.norm)) {
    return undefined;
  }
  return t;
}

/**
 * The openers of a paragraph's sentences, compactly (a paragraph memo holds one per paragraph): the word of
 * each sentence (null when the sentence does not open with Han text) and, per sentence, the opener's start
 * and end and the sentence's start (relative to the paragraph).
 */
interface ParagraphOpeners {
  words: Array<string | null>;
  offsets: Int32Array;
}

/** The opener of every sentence of a paragraph, clauses ending in ；merged into their sentence. */
function openersOf(prose: string, tokens: readonly Token[], segmenter: Segmenter): ParagraphOpeners {
  const sentences: Array<{ start: number; end: number }> = [];
  for (const s of splitSentences(prose)) {
    const prev = sentences[sentences.length - 1];
    if (prev && CLAUSE_END.test(prose.slice(prev.start, prev.end)) && prose[prev.end - 1] !== '\n') {
      prev.end = s.end;
    } else {
      sentences.push({ ...s });
    }
  }
  const words: Array<string | null> = [];
  const offsets = new Int32Array(sentences.length * 3);
  sentences.forEach((s, k) => {
    const t = openerOf(tokens, prose, s.start, s.end);
    // A numbered label (例1：, 分论点2：, 问题三、) makes the sentence an item of a list, not an opener; so
    // does a label (【释义】, 释义：); only pronouns and connectives are openers that can be monotonous.
    const lead = prose.slice(s.start, s.end).replace(/^[\s\uE000“”‘’"'「」『』（）()《》—–-]+/, '');
    if (!t || LABEL.test(prose.slice(t.start, t.start + 12)) || TEXT_LABEL.test(lead) || !isMonotonousOpener(t.norm, segmenter.tagOf(t.norm))) {
      words.push(null);
      return;
    }
    words.push(t.norm);
    offsets[k * 3] = t.start;
    offsets[k * 3 + 1] = t.end;
    offsets[k * 3 + 2] = s.start;
  });
  return { words, offsets };
}

/** Memo key of a paragraph's openers. */
const OPENERS = 'repetition/sentence-opener';

export const rule: DocumentRule = {
  meta: {
    id: 'repetition/sentence-opener',
    category: 'repetition',
    defaultSeverity: 'information',
    fixable: false,
    description: 'Three or more consecutive sentences opening with the same word',
  },
  scope: 'document',
  prepare(ctx, p) {
    ctx.paragraphMemo(p, OPENERS, () => openersOf(p.prose, ctx.tokens(p), ctx.services.segmenter));
  },
  check(ctx) {
    const { repeated } = duplicatesOf(ctx);
    const itemStarts = new Set(seriesItemRanges(ctx).map(([s]) => s));
    let run: Opener[] = [];
    const flush = (): void => {
      if (run.length >= MIN_RUN) {
        const at = run[MIN_RUN - 1]!;
        ctx.report({
          message: l10n.t('{0} consecutive sentences open with “{1}”', run.length, ctx.text.slice(at.start, at.end)),
          start: at.start,
          end: at.end,
          related: run.filter((o) => o !== at).map((o) => ({ start: o.start, end: o.end, message: l10n.t('Same opener') })),
        });
      }
      run = [];
    };
    for (const p of ctx.paragraphs) {
      if (repeated.has(p.index) || p.heading) {
        flush();
        continue;
      }
      // Per paragraph, each sentence's opener (null: the sentence does not open with Han text).
      const { words, offsets } = ctx.paragraphMemo(p, OPENERS, () => openersOf(p.prose, ctx.tokens(p), ctx.services.segmenter));
      for (let s = 0; s < words.length; s++) {
        const word = words[s] ?? null;
        const start = p.start + offsets[s * 3]!;
        const sentence = p.start + offsets[s * 3 + 2]!;
        let inSeries = false;
        if (word !== null && itemStarts.size > 0) {
          // A series item starts at its marker or frame; allow leading blanks and quotes before it.
          for (let k = sentence; k <= start; k++) {
            if (itemStarts.has(k)) {
              inSeries = true;
              break;
            }
          }
        }
        if (word === null || inSeries) {
          flush();
          continue;
        }
        const o: Opener = { word, start, end: p.start + offsets[s * 3 + 1]!, sentence };
        if (run.length > 0 && run[0]!.word !== o.word) {
          flush();
        }
        run.push(o);
      }
    }
    flush();
  },
};
