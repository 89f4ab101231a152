/**
 * punctuation/halfwidth — half-width `, . ; : ? ! ( )` used in Chinese text.
 *
 * Chinese context: the nearest non-space character before the mark is Chinese (a Han character or CJK
 * punctuation), or the next one is a Han character and the previous one is not a Latin letter or digit.
 * Never flagged: numbers (3.14, 1,000, 15:56), English sentences, URLs, e-mail addresses and code (masked
 * by the document model), runs of dots (punctuation/duplicate), pinyin annotations `關(guān)` and the
 * `?fù)` residue of lost characters (script/pinyin-annotation, script/garbled).
 *
 * ✗ 组工干部要发扬“竹兰梅”精神,锻造品格:信念坚定?   ✓ 组工干部要发扬“竹兰梅”精神，锻造品格：信念坚定？
 * ✓ 3.14 与 1,000 · Hello, world. · http://a.cn/x?y=1
 *
 * Fix: the full-width mark; spaces around it inside Chinese are removed. `一.` at the start of a
 * sentence becomes `一、`. Parentheses are fixed as a pair.
 */
import * as l10n from '@vscode/l10n';
import { isChinese, isHan, nextNonSpace, prevNonSpace, spacesAround } from '../../chars';
import { MASK } from '../../document';
import type { ParagraphRule } from '../../rule';
import { findGarbled } from '../script/garbled';
import { isPinyinAnnotation } from '../script/pinyin-annotation';

const FULL: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const ASCII_ALNUM = /[A-Za-z0-9]/;
const CANDIDATE = /[,.;:?!()]/;
const PARENS = /[()]/g;
const MARKS = /[,.;:?!]/g;
const NUMERAL_ORDINAL = /(?:^|[。！？；\s])[一二三四五六七八九十]+$/;
/** Residue of a lost character: `?` followed by a pinyin syllable and `)`. */
const GARBLED_TAIL = /^[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,6}\)/;

function chineseContext(prose: string, start: number, end: number): boolean {
  const prev = prevNonSpace(prose, start);
  const next = nextNonSpace(prose, end);
  if (prev !== undefined && prev !== MASK && isChinese(prev)) {
    return true;
  }
  return next !== undefined && isHan(next) && (prev === undefined || prev === MASK || !ASCII_ALNUM.test(prev));
}

/** Extends `[start, end)` over ASCII spaces on either side that only separate the mark from Chinese. */
function withSpaces(prose: string, start: number, end: number): [number, number] {
  const [s, e] = spacesAround(prose, start, end);
  const before = s < start && s > 0 && isChinese(prose[s - 1]) ? s : start;
  const after = e > end && e < prose.length && isChinese(prose[e]) ? e : end;
  return [before, after];
}

export const rule: ParagraphRule = {
  meta: {
    id: 'punctuation/halfwidth',
    category: 'punctuation',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'Half-width punctuation in Chinese text',
  },
  scope: 'paragraph',
  check(ctx) {
    const prose = ctx.prose;
    // Most paragraphs hold no half-width mark at all: one native scan decides.
    if (!CANDIDATE.test(prose)) {
      return;
    }
    // Parentheses first, as pairs (an unmatched one is left to punctuation/pairs).
    const stack: number[] = [];
    const pairs: Array<[number, number]> = [];
    PARENS.lastIndex = 0;
    for (let m = PARENS.exec(prose); m; m = PARENS.exec(prose)) {
      if (m[0] === '(') {
        stack.push(m.index);
      } else if (stack.length > 0) {
        pairs.push([stack.pop()!, m.index]);
      }
    }
    for (const [open, close] of pairs) {
      if (isPinyinAnnotation(prose, open, close)) {
        continue;
      }
      const inner = prose.slice(open + 1, close);
      if (!/\p{Script=Han}/u.test(inner) && !chineseContext(prose, open, open + 1)) {
        continue;
      }
      if (/^[\d.,]*$/.test(inner) && ASCII_ALNUM.test(prose[open - 1] ?? '')) {
        continue;
      }
      ctx.report({
        message: l10n.t('Half-width parentheses in Chinese text: use （）'),
        start: open,
        end: close + 1,
        fixes: [
          {
            title: l10n.t('Replace with full-width （）'),
            auto: true,
            edits: [
              { start: open, end: open + 1, newText: '（' },
              { start: close, end: close + 1, newText: '）' },
            ],
          },
        ],
      });
    }

    // A `?` that stands for a lost character belongs to script/garbled (重?fù)?dān), 六?!敝).
    const garbled = prose.includes('?') ? findGarbled(prose, ctx.services) : [];
    MARKS.lastIndex = 0;
    for (let m = MARKS.exec(prose); m; m = MARKS.exec(prose)) {
      const i = m.index;
      const c = m[0];
      const full = FULL[c]!;
      if (garbled.some((g) => g.start <= i && i < g.end)) {
        continue;
      }
      const prev = prose[i - 1];
      const next = prose[i + 1];
      // Numbers: 3.14, 1,000, 15:56.
      if ((c === '.' || c === ',' || c === ':') && prev !== undefined && next !== undefined && /\d/.test(prev) && /\d/.test(next)) {
        continue;
      }
      // Runs of the same mark (..., ??) belong to punctuation/duplicate.
      if (c === '.' && (prev === '.' || next === '.')) {
        continue;
      }
      if (c === '?' && GARBLED_TAIL.test(prose.slice(i + 1, i + 9))) {
        continue;
      }
      // A dot between Latin letters or digits (v1.0, a.b) is not a full stop.
      if (c === '.' && next !== undefined && ASCII_ALNUM.test(next)) {
        continue;
      }
      if (!chineseContext(prose, i, i + 1)) {
        continue;
      }
      let replacement = full;
      if (c === '.' && NUMERAL_ORDINAL.test(prose.slice(Math.max(0, i - 6), i))) {
        replacement = '、';
      }
      const [start, end] = withSpaces(prose, i, i + 1);
      ctx.report({
        message: l10n.t('Half-width “{0}” in Chinese text: use “{1}”', c, replacement),
        start,
        end,
        fixes: [{ title: l10n.t('Replace with “{0}”', replacement), auto: true, edits: [{ start, end, newText: replacement }] }],
      });
    }
  },
};
