/**
 * structure/announced-count — an announced count (以下三个方面, 打好“五张牌”, 四点要求) that differs from the
 * number of items of the series it introduces. Only a count in the sentence right before a series is an
 * announcement; a named count elsewhere (四大建设 as a title) is not.
 *
 * ✗ 应从以下三个方面努力：一要…二要…三要…四要…   ✓ 应从以下四个方面努力：…
 * Suggestion (not applied by fix-all, an item may be missing instead): change the number.
 */
import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../../rule';
import { structureOf } from '../../structure';
import { toChineseNumber } from '../../structure/ordinals';

export const rule: DocumentRule = {
  meta: {
    id: 'structure/announced-count',
    category: 'structure',
    defaultSeverity: 'information',
    fixable: true,
    description: 'An announced count that differs from the number of items that follow',
  },
  scope: 'document',
  check(ctx) {
    const structure = structureOf(ctx);
    const lists = (structure.announcedLists ?? []).map((l) => ({ announced: l.announced, items: l.items }));
    for (const s of [...structure.series, ...lists]) {
      const a = s.announced;
      if (!a || a.count === s.items.length) {
        continue;
      }
      // Before a measure word two is 两 (两个方面, 两层含义), never 二.
      const actual = s.items.length === 2 ? '两' : toChineseNumber(s.items.length);
      ctx.report({
        message: l10n.t('Announced {0} items (“{1}”) but {2} follow', a.count, ctx.text.slice(a.start, a.end), s.items.length),
        start: a.start,
        end: a.end,
        fixes: [{ title: l10n.t('Change the count to “{0}”', actual), auto: false, edits: [{ start: a.start, end: a.start + 1, newText: actual }] }],
        related: s.items.map((it, k) => ({ start: it.leadStart, end: it.leadEnd, message: l10n.t('Item {0}', k + 1) })),
      });
    }
  },
};
