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
 * sentence becomes `一、`. A `.` between two Han characters inside a book title separates book and chapter
 * and becomes the middle dot `·` (《韩非子.有度》 → 《韩非子·有度》), not `。`. Parentheses are fixed as a pair.
 *
 * ✗ 《沁园春.雪》   ✓ 《沁园春·雪》
 */
import * as l10n from '@vscode/l10n';
import { isHanCodePoint } from '../../chars';
import { FULL, halfwidthPlan, nextIndex, prevIndex, withSpaces } from '../../detect/halfwidth-marks';
import type { ParagraphRule } from '../../rule';

/** A Chinese numeral opening a sentence just before a `.`: `一.` is an ordinal, fixed to `一、`. */
const NUMERAL_ORDINAL = /(?:^|[。！？；\s])[一二三四五六七八九十]+$/;

/** The separator of book and chapter in a title (U+00B7): 《论语·学而》. */
const TITLE_SEPARATOR = '·';

/** True when `i` lies inside a book title 《…》: after its 《 and before its 》, with no other mark between. */
function insideBookTitle(prose: string, i: number): boolean {
  const open = prose.lastIndexOf('《', i);
  if (open < 0 || prose.lastIndexOf('》', i) > open) {
    return false;
  }
  const close = prose.indexOf('》', i);
  if (close < 0) {
    return false;
  }
  const reopen = prose.indexOf('《', i);
  return reopen < 0 || reopen > close;
}

/** True when the code point that ends just before `i` (a surrogate pair counts whole) is a Han character. */
function hanBefore(prose: string, i: number): boolean {
  if (i <= 0) {
    return false;
  }
  const lo = prose.charCodeAt(i - 1);
  const at = lo >= 0xdc00 && lo <= 0xdfff && i > 1 ? i - 2 : i - 1;
  return isHanCodePoint(prose.codePointAt(at)!);
}

/** True when the code point that starts at `i` is a Han character. */
function hanAt(prose: string, i: number): boolean {
  const cp = prose.codePointAt(i);
  return cp !== undefined && isHanCodePoint(cp);
}

/**
 * True when the half-width `.` at `i` separates book and chapter in a title: inside 《…》, between two Han
 * characters, spaces aside (《韩非子.有度》, 《史记 . 项羽本纪》).
 */
function isTitleSeparator(prose: string, i: number): boolean {
  return prose[i] === '.' && hanBefore(prose, prevIndex(prose, i) + 1) && hanAt(prose, nextIndex(prose, i + 1)) && insideBookTitle(prose, i);
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
    const { parens, marks, converted } = halfwidthPlan(prose, ctx.services);
    for (const [open, close] of parens) {
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
    for (const i of marks) {
      const c = prose[i]!;
      let replacement = FULL[c]!;
      if (c === '.' && NUMERAL_ORDINAL.test(prose.slice(Math.max(0, i - 6), i))) {
        replacement = '、';
      } else if (isTitleSeparator(prose, i)) {
        replacement = TITLE_SEPARATOR;
      }
      const [start, end] = withSpaces(prose, i, i + 1, converted);
      ctx.report({
        message: l10n.t('Half-width “{0}” in Chinese text: use “{1}”', c, replacement),
        start,
        end,
        fixes: [{ title: l10n.t('Replace with “{0}”', replacement), auto: true, edits: [{ start, end, newText: replacement }] }],
      });
    }
  },
};
