/**
 * structure/ordinal-sequence — ordinals of a series that skip, repeat or go out of order (一、二、四、),
 * and a family switched mid-series (一是/二要/三是).
 *
 * ✗ 一是加强学习。二是改进作风。四是狠抓落实。   ✓ …三是狠抓落实。
 * ✗ 一是加强学习。二要改进作风。三是狠抓落实。   ✓ …二是改进作风。…
 * Fix: renumber the marker to its place in the majority family (一是 → 三是); the fix replaces the marker only.
 * Two items 一是…，一是… alone (两条：一是…；一是…) may mean “one…, the other…”: their repeat is reported
 * tentatively (one severity level down) and its fix is left out of fix-all.
 */
import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../../rule';
import { nearbySiblings, structureOf } from '../../structure';
import type { Paragraph } from '../../document';
import { formatOrdinal, ORDINAL_VERBS, type OrdinalMarker } from '../../structure/ordinals';

function majorityVariant(markers: OrdinalMarker[]): string {
  const counts = new Map<string, number>();
  for (const m of markers) {
    counts.set(m.variant, (counts.get(m.variant) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * True when the text before a series starting at 二 or 三 holds its first item in a form the detector does
 * not take as an item: 主要原因一是…；二是… (no mark before 一是), 首先…第二… or 首先…其次…第三… (families
 * mixed, which editors accept). Looked for from three paragraphs before the series' first marker.
 */
function firstBefore(text: string, paragraphs: readonly Paragraph[], first: OrdinalMarker, like: OrdinalMarker, base: number): boolean {
  let k = paragraphs.findIndex((p) => p.start <= first.start && first.start < p.end);
  k = Math.max(0, k - 3);
  const before = text.slice(paragraphs[k]?.start ?? 0, first.start);
  const forms = [formatOrdinal(like, 1), '首先'];
  if (like.family === 'verb') {
    forms.push(...[...ORDINAL_VERBS].map((v) => `一${v}`));
  }
  if (base === 3) {
    forms.push(formatOrdinal(like, 2), '其次');
  }
  return forms.some((f) => before.includes(f));
}

export const rule: DocumentRule = {
  meta: {
    id: 'structure/ordinal-sequence',
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'Ordinals of a series that skip, repeat, go out of order or switch family',
  },
  scope: 'document',
  check(ctx) {
    for (const s of structureOf(ctx).series) {
      if (s.kind !== 'ordinal') {
        continue;
      }
      const markers = s.items.map((it) => it.marker!).filter((m) => m !== undefined);
      if (markers.length < 2 || markers[0]!.family === 'seq') {
        // 首先/其次/再次/最后 carry no numbers to renumber; orphan-ordinal covers a missing 首先.
        continue;
      }
      const variant = majorityVariant(markers);
      const like = markers.find((m) => m.variant === variant)!;
      // A series starting above 1 continues an earlier list (51、52、…) when it climbs by one; a Chinese
      // series starting at 二 or 三 lost its first item, which is reported once, on that item.
      const first = markers[0]!.n;
      const base = first > 1 && Number.isFinite(first) ? first : 1;
      if (base > 1 && base <= 3 && markers[0]!.family !== 'ar-dot' && markers[0]!.family !== 'ar-paren' && !firstBefore(ctx.text, ctx.paragraphs, markers[0]!, like, base)) {
        const m = markers[0]!;
        ctx.report({
          message: l10n.t('The series starts at “{0}”: is “{1}” missing?', m.text, formatOrdinal(like, 1)),
          start: m.start,
          end: m.end,
        });
      }
      markers.forEach((m, k) => {
        const expected = base + k;
        const wanted = formatOrdinal(like, expected);
        if (m.n === expected && m.variant === variant) {
          return;
        }
        let message: string;
        if (m.n !== expected) {
          const prev = k > 0 ? markers[k - 1]!.text : '';
          message =
            k > 0 && m.n === markers[k - 1]!.n
              ? s.oneOther
                ? l10n.t('Ordinal “{0}” repeats the one before it: if the two are items of a list, expected “{1}”', m.text, wanted)
                : l10n.t('Ordinal “{0}” repeats the one before it: expected “{1}”', m.text, wanted)
              : m.n > expected
                ? l10n.t('Ordinal “{0}” after “{1}” skips a number: expected “{2}”', m.text, prev, wanted)
                : l10n.t('Ordinal “{0}” is out of order: expected “{1}”', m.text, wanted);
        } else {
          message = l10n.t('Ordinal “{0}” switches the series’ family: the other items use “{1}”', m.text, wanted);
        }
        ctx.report({
          message,
          // 两条：一是…；一是… may mean “one…, the other…”: the repeat is only likely.
          ...(s.oneOther ? { tentative: true } : {}),
          start: m.start,
          end: m.end,
          // Not by fix-all where the pair may mean “one…, the other…”.
          fixes: [{ title: l10n.t('Renumber to “{0}”', wanted), auto: !s.oneOther, edits: [{ start: m.start, end: m.end, newText: wanted }] }],
          related: nearbySiblings(markers, k, k + 1).map((x) => ({ start: x.start, end: x.end, message: l10n.t('Sibling item “{0}”', x.text) })),
        });
      });
    }
  },
};
