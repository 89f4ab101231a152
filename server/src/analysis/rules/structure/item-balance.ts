/**
 * structure/item-balance — a series item whose lead is far longer or shorter than its siblings' (排比 wants
 * leads of like length). Measured in Han characters against the median of the siblings: more than twice
 * the median and 10 characters longer, or less than half and 6 characters shorter.
 *
 * ✗ 一要学习。/ 二要改进作风、密切联系群众、提高服务质量、切实解决群众反映强烈的突出问题。/ 三要狠抓落实。
 */
import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../../rule';
import { nearbySiblings, structureOf } from '../../structure';

const hanLength = (s: string): number => (s.match(/\p{Script=Han}/gu) ?? []).length;

/** Index of the first element equal to or above `value` in a sorted array. */
function firstIndexOf(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

export const rule: DocumentRule = {
  meta: {
    id: 'structure/item-balance',
    category: 'structure',
    defaultSeverity: 'information',
    fixable: false,
    description: 'A series item whose lead is far longer or shorter than its siblings’',
  },
  scope: 'document',
  check(ctx) {
    for (const s of structureOf(ctx).series) {
      // Leads are compared where 排比 makes them parallel: series with a frame, or heading-like items.
      const headingLike = s.items.every((it) => it.leadEnd >= it.end - 1 && it.end - it.start <= 40);
      if (s.items.length < 3 || s.level !== 'paragraph' || (!s.frame && !headingLike)) {
        continue;
      }
      const lengths = s.items.map((it) => hanLength(it.lead));
      // The median of the others, from one sorted copy of all lengths: without one occurrence of the
      // item's own length, the middle element is the one at `half` if that occurrence lies after it, else
      // the next one (sorting the siblings for every item made a long series quadratic).
      const sorted = Int32Array.from(lengths).sort();
      const half = Math.floor((lengths.length - 1) / 2);
      for (let k = 0; k < s.items.length; k++) {
        const len = lengths[k]!;
        const median = firstIndexOf(sorted, len) > half ? sorted[half]! : sorted[half + 1]!;
        const long = len * 2 > median * 5 && len - median >= 15;
        const short = len * 5 < median * 2 && median - len >= 10;
        if (!long && !short) {
          continue;
        }
        const it = s.items[k]!;
        ctx.report({
          message: long
            ? l10n.t('This item’s lead has {0} characters, far more than its siblings’ {1}', len, median)
            : l10n.t('This item’s lead has {0} characters, far fewer than its siblings’ {1}', len, median),
          start: it.leadStart,
          end: it.leadEnd,
          related: nearbySiblings(s.items, k, k + 1).map((x) => ({ start: x.leadStart, end: x.leadEnd, message: l10n.t('Sibling item') })),
        });
      }
    }
  },
};
