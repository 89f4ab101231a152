/**
 * punctuation/duplicate — doubled punctuation and makeshift ellipses and dashes.
 *
 * Detected:
 * - a run of the same mark: `。。` `，，` `、、` `；；` `：：` `！！` `？？` (and longer runs);
 * - a run of different marks of that set: `，。` `。，` `；。`. The legitimate `？！` and `！？` are not flagged
 *   (`？？！` is reduced to `？！`);
 * - a makeshift ellipsis in Chinese context: three or more ASCII dots `...`, three or more `。`, three or more
 *   middle dots `···`; two ASCII dots `..` are reported with suggestions only;
 * - a makeshift dash between Chinese text: two or more hyphens `--` (ASCII or full-width) with Han text or a
 *   closing mark before and Han text or an opening mark after (a dash joins text; `更易于--，` is a blank).
 *
 * Not flagged: `……` and `——` themselves, dots in numbers, URLs and code (masked), dots and hyphens in
 * English context (`wait...`, `2019--2020`), a single hyphen. Runs that hold half-width marks (`!!!!`, `.。`,
 * `！ !`) are reported here, not by punctuation/halfwidth, when they stand in Chinese context: one fix converts
 * and collapses them at once (`我们!!!!发展` → `我们！发展`), so fix-all needs no second round.
 *
 * ✗ 提供坚实支撑。。   ✓ 提供坚实支撑。
 * ✗ 现象严重.......诸如此类   ✓ 现象严重……诸如此类
 * ✗ 根源所在 --- 乡村教育的缺失   ✓ 根源所在——乡村教育的缺失
 * ✓ 真的吗？！ · 等等…… · 2019--2020 · Loading...
 *
 * Fix: a run of one mark collapses to one; a makeshift ellipsis becomes `……`, a makeshift dash `——` (ASCII
 * spaces between them and Chinese text are removed). For a run of different marks the fix is automatic only
 * at the end of a paragraph, where the one sentence-ending mark of the run is kept; elsewhere each mark is
 * offered as a suggestion.
 */
import * as l10n from '@vscode/l10n';
import { isChinese, isHan, nextNonSpace, prevNonSpace, spacesAround } from '../../chars';
import { MASK } from '../../document';
import type { ParagraphRule } from '../../rule';
import type { Fix } from '../../types';
import { halfwidthMarkAt, halfwidthPlan, isRunCandidate, isRunMark, withSpaces as withHalfwidthSpaces } from '../../detect/halfwidth-marks';

const HALF_TO_FULL: Record<string, string> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！' };

const END = '。！？';
/** Closing marks that may follow the last sentence mark of a paragraph. */
const TRAILING_CLOSERS = '”’」』）)》〉】〕';
const ASCII_ALNUM = /^[A-Za-z0-9]$/;
const DIGIT = /^[0-9]$/;

function chinese(ch: string | undefined): boolean {
  return ch !== undefined && ch !== MASK && isChinese(ch);
}

/** A dash joins text: Han or a closing mark before it, Han or an opening mark after it (not `到--，`). */
function dashBefore(ch: string | undefined): boolean {
  return ch !== undefined && (isHan(ch) || '”’」』）》〉】〕'.includes(ch));
}

function dashAfter(ch: string | undefined): boolean {
  return ch !== undefined && (isHan(ch) || '“‘「『（《〈【〔'.includes(ch));
}

/** Extends `[start, end)` over ASCII spaces that only separate it from Chinese text. */
function withSpaces(prose: string, start: number, end: number): [number, number] {
  const [s, e] = spacesAround(prose, start, end);
  return [s < start && chinese(prevNonSpace(prose, s)) ? s : start, e > end && chinese(prose[e]) ? e : end];
}

/** True when only closing marks, whitespace or masked text follow `offset` in the paragraph. */
function atParagraphEnd(prose: string, offset: number): boolean {
  for (let i = offset; i < prose.length; i++) {
    const ch = prose[i]!;
    if (ch !== MASK && ch.trim() !== '' && !TRAILING_CLOSERS.includes(ch)) {
      return false;
    }
  }
  return true;
}

/** A run as shown in a message: long runs are cut (a message is not the place for a megabyte of dots). */
function shown(run: string): string {
  return run.length > 12 ? `${run.slice(0, 12)}…` : run;
}

/** Length of the run of code units at `i` that satisfy `test`. */
function runLength(prose: string, i: number, test: (c: number) => boolean): number {
  let e = i;
  while (e < prose.length && test(prose.charCodeAt(e))) {
    e++;
  }
  return e - i;
}

const isDot = (c: number): boolean => c === 0x2e;
const isMiddleDot = (c: number): boolean => c === 0xb7 || c === 0x30fb || c === 0xff65;
const isHyphen = (c: number): boolean => c === 0x2d || c === 0xff0d;

export const rule: ParagraphRule = {
  meta: {
    id: 'punctuation/duplicate',
    category: 'punctuation',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'Doubled punctuation such as 。。 and ，，; ... for …… and -- for ——',
  },
  scope: 'paragraph',
  check(ctx) {
    const prose = ctx.prose;
    // Whether a run with half-width marks stands in Chinese context depends on the marks around it that
    // punctuation/halfwidth converts (`(刘备)!!`): the two rules share the decision.
    const plan = halfwidthPlan(prose, ctx.services);
    const excluded = plan.excluded;
    const ellipsis = (start: number, end: number): void => {
      const [s, e] = withSpaces(prose, start, end);
      ctx.report({
        message: l10n.t('Makeshift ellipsis {0}: use ……', shown(prose.slice(start, end))),
        start: s,
        end: e,
        fixes: [{ title: l10n.t('Replace with {0}', '……'), auto: true, edits: [{ start: s, end: e, newText: '……' }] }],
      });
    };

    for (let i = 0; i < prose.length; ) {
      const c = prose.charCodeAt(i);
      // Most characters are none of the marks below (Han text): skip them without building strings.
      if (!isRunCandidate(c) && !isDot(c) && !isMiddleDot(c) && !isHyphen(c)) {
        i++;
        continue;
      }

      const dots = isDot(c) || isMiddleDot(c) ? runLength(prose, i, isDot(c) ? isDot : isMiddleDot) : 0;
      if (isMiddleDot(c) || dots >= 2) {
        const n = dots;
        const end = i + n;
        const prev = prevNonSpace(prose, i);
        const next = nextNonSpace(prose, end);
        const context = chinese(prev) || (isHan(next) && (prev === undefined || !ASCII_ALNUM.test(prev)));
        if (context && n >= 3) {
          ellipsis(i, end);
        } else if (context && n === 2 && isDot(c) && !(prev !== undefined && DIGIT.test(prev))) {
          ctx.report({
            message: l10n.t('Two dots in Chinese text: use …… or 。'),
            start: i,
            end,
            fixes: ['……', '。'].map((t) => ({ title: l10n.t('Replace with {0}', t), auto: false, edits: [{ start: i, end, newText: t }] })),
          });
        }
        i = end;
        continue;
      }

      if (isHyphen(c)) {
        const n = runLength(prose, i, isHyphen);
        const end = i + n;
        // A parenthesis punctuation/halfwidth converts counts as the full-width one it becomes.
        let p = i - 1;
        while (p >= 0 && /\s/.test(prose[p]!)) {
          p--;
        }
        let q = end;
        while (q < prose.length && /\s/.test(prose[q]!)) {
          q++;
        }
        const before = prose[p] === ')' && plan.converted.has(p) ? '）' : prose[p];
        const after = prose[q] === '(' && plan.converted.has(q) ? '（' : prose[q];
        if (n >= 2 && dashBefore(before) && dashAfter(after)) {
          const [s, e] = withSpaces(prose, i, end);
          ctx.report({
            message: l10n.t('Makeshift dash {0} in Chinese text: use ——', shown(prose.slice(i, end))),
            start: s,
            end: e,
            fixes: [{ title: l10n.t('Replace with {0}', '——'), auto: true, edits: [{ start: s, end: e, newText: '——' }] }],
          });
        }
        i = end;
        continue;
      }

      if (!isRunMark(prose, i, excluded)) {
        i++;
        continue;
      }
      // A run: marks of 。，、；：！？ and their half-width forms, possibly separated by spaces.
      let end = i + 1;
      let half = halfwidthMarkAt(prose, i, excluded) !== undefined;
      let spaced = false;
      for (;;) {
        let j = end;
        while (j < prose.length && prose[j] === ' ') {
          j++;
        }
        if (j >= prose.length || !isRunMark(prose, j, excluded)) {
          break;
        }
        spaced ||= j > end;
        half ||= halfwidthMarkAt(prose, j, excluded) !== undefined;
        end = j + 1;
      }
      // Marks alone, or only full-width ones spaced apart, are not a run.
      const count = [...prose.slice(i, end)].filter((ch) => ch !== ' ').length;
      if (count < 2 || (spaced && !half) || (half && !plan.runs.has(i))) {
        i = end;
        continue;
      }
      const run = prose.slice(i, end);
      const full = [...run].filter((ch) => ch !== ' ').map((ch) => HALF_TO_FULL[ch] ?? ch).join('');
      const [s, e] = half ? withHalfwidthSpaces(prose, i, end, plan.converted) : [i, end];
      const n = full.length;
      if (n >= 3 && /^。+$/.test(full)) {
        ellipsis(s, e);
        i = end;
        continue;
      }
      const marks: string[] = [];
      for (let k = 0; k < n; k++) {
        if (k === 0 || full[k] !== full[k - 1]) {
          marks.push(full[k]!);
        }
      }
      const collapsed = marks.join('');
      const fixOf = (newText: string, auto: boolean, title = l10n.t('Replace with {0}', newText)): Fix => ({
        title,
        auto,
        edits: [{ start: s, end: e, newText }],
      });
      if (collapsed === '？！' || collapsed === '！？') {
        if (collapsed !== prose.slice(s, e)) {
          ctx.report({
            message: l10n.t('Repeated punctuation {0}: use {1}', shown(run), collapsed),
            start: s,
            end: e,
            fixes: [fixOf(collapsed, true)],
          });
        }
        i = end;
        continue;
      }
      if (collapsed.length === 1) {
        ctx.report({
          message: l10n.t('Repeated punctuation {0}: use one {1}', shown(run), collapsed),
          start: s,
          end: e,
          fixes: [fixOf(collapsed, true)],
        });
        i = end;
        continue;
      }
      const distinct = [...new Set(marks)];
      const enders = distinct.filter((ch) => END.includes(ch));
      const keep = enders.length === 1 && atParagraphEnd(prose, end) ? enders[0] : undefined;
      const ordered = keep !== undefined ? [keep, ...distinct.filter((ch) => ch !== keep)] : distinct;
      const fixes: Fix[] = ordered.map((ch) => fixOf(ch, ch === keep, l10n.t('Keep only {0}', ch)));
      // Which mark to keep is the writer's choice; half-width marks still become full-width automatically.
      if (keep === undefined && full !== prose.slice(s, e)) {
        fixes.unshift(fixOf(full, true));
      }
      ctx.report({
        message: l10n.t('Consecutive punctuation marks {0}: keep one', shown(run)),
        start: s,
        end: e,
        fixes,
      });
      i = end;
    }
  },
};
