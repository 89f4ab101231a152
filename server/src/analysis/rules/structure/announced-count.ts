/**
 * structure/announced-count — an announced count (以下三个方面, 打好“五张牌”, 四点要求) that differs from the
 * number of items of the series it introduces. Only a count in the sentence right before a series is an
 * announcement; a named count elsewhere (四大建设 as a title) is not.
 *
 * ✗ 应从以下三个方面努力：一要…二要…三要…四要…   ✓ 应从以下四个方面努力：…
 * Suggestion (not applied by fix-all, an item may be missing instead): change the number.
 *
 * Besides the counts the outline gives its series, a numbered series (一是…, 1、…, 第一部分…) the outline gives
 * no count is held against a count of its own that can announce nothing else (announcementOf below): numbered
 * items say themselves how many there are, so a count there that differs is wrong, not an item missed.
 */
import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../../rule';
import { structureOf, type Announcement, type Series } from '../../structure';
import { toChineseNumber } from '../../structure/ordinals';

/** A count and its measure word; 大 and 部分 name parts too (可分为五大部分). */
const COUNT = /(?<![\d０-９第一二三四五六七八九十两百千万几])([两二三四五六七八九十])(个方面|方面|个|点|项|条|种|大|层|类|步|招|句|段|部分|件)/gu;
/** What after the measure word makes it a count of things, not of items (两个月, 三个以上, 五大洲). */
const NOT_ITEMS = /^(?:以上|或以上|多|余|来|月|人|年|小时|天|次|倍|洲|洋)/u;
/** What before the numeral points back at items already given (这三点, 上述四个方面) or pairs views (正反两方面). */
const BACK = /(?:上述|前述|以上|正反|[这此该])$/u;
const VALUE = ' 一二三四五六七八九十';

/**
 * The count announcing a numbered series that the outline gave none, read in the sentence right before its first
 * item: a count whose noun phrase runs up to a colon that the first item follows at once (以下示范同类型三句：⏎1、…;
 * 应做到三点：首先…), or a count that closes a sentence dividing a whole into parts (全文可分为五大部分。第一部分…).
 */
export function announcementOf(text: string, s: Series): Announcement | null {
  const first = s.items[0]!;
  const at = Math.min(first.start, first.leadStart);
  let end = at;
  while (end > 0 && /[\s\u3000]/u.test(text[end - 1]!)) {
    end--;
  }
  const stop = text[end - 1];
  const colon = stop === '：' || stop === ':';
  if (!colon && stop !== '。') {
    return null;
  }
  let start = end - 1;
  while (start > 0 && !/[。！？!?\n]/u.test(text[start - 1]!)) {
    start--;
  }
  const sentence = text.slice(start, end - 1);
  let last: RegExpExecArray | undefined;
  for (const m of sentence.matchAll(COUNT)) {
    last = m as RegExpExecArray;
  }
  if (!last) {
    return null;
  }
  const after = last.index + last[0].length;
  const rest = sentence.slice(after);
  if (NOT_ITEMS.test(rest) || BACK.test(sentence.slice(0, last.index))) {
    return null;
  }
  // With a colon: a short noun phrase between the count and the colon (三点：, 七方面信息：, 四个方面的能力：).
  // Without one: the count and its noun end a sentence that divides (分为, 分成, 包括) a whole into them.
  const fits = colon ? /^[^，,。；;、：:“”"（）()]{0,8}$/u.test(rest) : /^部分?$|^$/u.test(rest) && /(?:分为|分成|分作|包括)[^，,。；;]{0,3}$/u.test(sentence.slice(0, last.index));
  if (!fits) {
    return null;
  }
  const count = last[1] === '两' ? 2 : VALUE.indexOf(last[1]!);
  return { count, start: start + last.index, end: start + after, text: last[0] };
}

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
    // Counts the outline already gave a series or a list announce that one, and no other.
    const used = new Set([...structure.series, ...lists].flatMap((s) => (s.announced ? [s.announced.start] : [])));
    const own = structure.series
      .filter((s) => !s.announced && s.kind === 'ordinal' && s.items.length >= 2)
      .map((s) => ({ announced: announcementOf(ctx.text, s), items: s.items }))
      .filter((s) => s.announced !== null && !used.has(s.announced.start));
    for (const s of [...structure.series, ...lists, ...own]) {
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
