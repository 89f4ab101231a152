/**
 * structure/lead-punctuation — the leads of a series' items end inconsistently (。 in some, nothing or ；
 * in others). The majority decides; a minority item is flagged and fixed to the majority mark.
 *
 * ✗ 一是加强学习。/ 二是改进作风；/ 三是狠抓落实。   ✓ 二是改进作风。
 */
import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../../rule';
import { structureOf } from '../../structure';

const MARKS = '。！？；';
const FULL: Record<string, string> = { ';': '；', '?': '？', '!': '！' };

export const rule: DocumentRule = {
  meta: {
    id: 'structure/lead-punctuation',
    category: 'structure',
    defaultSeverity: 'information',
    fixable: true,
    description: 'The leads of a series’ items end with different punctuation',
  },
  scope: 'document',
  check(ctx) {
    for (const s of structureOf(ctx).series) {
      // Heading-like items only (the lead is the whole paragraph): a long item's first sentence may end with
      // ； or 。 as its content requires, but headings of one series should end alike.
      const headingLike = s.items.every((it) => ctx.text.slice(it.leadEnd, it.end).trim().length === 0);
      if (s.items.length < 3 || s.level !== 'paragraph' || !headingLike) {
        continue;
      }
      // Half-width marks count as their full-width forms (punctuation/halfwidth reports the width); a lead
      // that runs to the end of its paragraph without a mark is a heading-like item and is not compared.
      const ends = s.items.map((it) => {
        const raw = ctx.text[it.leadEnd - 1] ?? '';
        const c = FULL[raw] ?? raw;
        return MARKS.includes(c) ? c : '';
      });
      const counts = new Map<string, number>();
      ends.forEach((e) => counts.set(e, (counts.get(e) ?? 0) + 1));
      if (counts.size < 2) {
        continue;
      }
      const [major, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
      // 一、…；二、…；三、…。 — items separated by ； with a full stop after the last is the standard style.
      if (major === '；' && ends[ends.length - 1] === '。' && ends.filter((e) => e !== '；').length === 1) {
        continue;
      }
      if (n * 3 < s.items.length * 2) {
        continue;
      }
      s.items.forEach((it, k) => {
        const e = ends[k]!;
        if (e === major) {
          return;
        }
        const start = e === '' ? it.leadEnd : it.leadEnd - 1;
        const end = it.leadEnd;
        ctx.report({
          message: l10n.t('The lead ends with “{0}” while its siblings end with “{1}”', e === '' ? l10n.t('no mark') : e, major === '' ? l10n.t('no mark') : major),
          start: e === '' ? Math.max(it.leadStart, end - 1) : start,
          end,
          fixes:
            major === ''
              ? [{ title: l10n.t('Remove “{0}”', e), auto: true, edits: [{ start, end, newText: '' }] }]
              : [{ title: l10n.t('End the lead with “{0}”', major), auto: true, edits: [{ start, end, newText: major }] }],
        });
      });
    }
  },
};
