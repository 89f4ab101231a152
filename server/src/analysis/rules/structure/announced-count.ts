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
import { listItems } from '../../structure/series';
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

/** Items a count the rule reads itself counts: where each stands (related information of a finding). */
interface Counted {
  announced: Announcement;
  items: Array<{ leadStart: number; leadEnd: number }>;
}

const NUMERAL = '([两二三四五六七八九十])';
const MEASURE = '(个方面|方面|个|点|项|条|种|大|层|类|步|招|张|部分|件)';
const NO_NUMBER_BEFORE = '(?<![\\d０-９第一二三四五六七八九十两百千万几])';
/** 大 after the number of a congress (八大指出, 十九大以来) is no measure word. */
const CONGRESS = /^(?:指出|提出|报告|强调|以来|精神|召开|通过|上|决定|明确|后|前)/u;

function valueOf(numeral: string): number {
  return numeral === '两' ? 2 : VALUE.indexOf(numeral);
}

/** A count and its noun read as a count of items: not 两个月 or 三个以上, not 八大指出 (a congress). */
function countsItems(measure: string, noun: string): boolean {
  return !NOT_ITEMS.test(noun) && !(measure === '大' && (noun.length === 0 || CONGRESS.test(noun)));
}

/**
 * A count whose noun a colon closes, then parts parted by ； up to the end of the sentence (存在三种问题：虚假，即…；
 * 错误，即…；生硬，…。): each part is an item, unless a part holds a 、-list, a quotation or a colon (划分出三条分论点：
 * “…”、“…”；“…”: what is one item is unclear). Only counts that differ from the parts are returned.
 */
export function semicolonLists(text: string): Counted[] {
  const out: Counted[] = [];
  const re = new RegExp(`${NO_NUMBER_BEFORE}${NUMERAL}${MEASURE}([^，,。；;、：:“”"（）()\\n]{0,8})[：:]`, 'gu');
  for (const m of text.matchAll(re)) {
    if (!countsItems(m[2]!, m[3]!) || /(?:上述|前述|以上)$/u.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      continue;
    }
    const from = m.index + m[0].length;
    let to = from;
    while (to < text.length && !/[。！？!?\n]/u.test(text[to]!)) {
      to++;
    }
    const parts: Array<{ leadStart: number; leadEnd: number }> = [];
    let at = from;
    for (const part of text.slice(from, to).split(/[；;]/u)) {
      const lead = part.length - part.trimStart().length;
      if (/\p{Script=Han}/u.test(part)) {
        parts.push({ leadStart: at + lead, leadEnd: at + part.trimEnd().length });
      }
      at += part.length + 1;
    }
    const count = valueOf(m[1]!);
    // A part holding a 、-list, a quotation or a colon of its own may hold several items (“…”、“…”；“…”): the
    // grouping is unclear.
    const grouped = /[、“”"：:]/u.test(text.slice(from, to));
    if (parts.length >= 2 && parts.length !== count && !grouped) {
      out.push({ announced: { count, start: m.index, end: m.index + 1 + m[2]!.length, text: m[1]! + m[2]! }, items: parts });
    }
  }
  return out;
}

/** A plain 、-list's items (listItems) from `from` to `to`, honouring a closing 等; undefined when it is no plain list. */
function plainList(text: string, from: number, to: number, count: number): { items: Array<{ leadStart: number; leadEnd: number }>; open: boolean } | undefined {
  const list = text.slice(from, to);
  if (!list.includes('、') || /[，,：:“”"‘’（）()\s《》]/u.test(list)) {
    return undefined;
  }
  const open = /等+$/u.exec(list);
  const ranges = listItems(open ? list.slice(0, open.index) : list, from, count);
  return ranges ? { items: ranges.map(([a, b]) => ({ leadStart: a, leadEnd: b })), open: open !== null } : undefined;
}

/**
 * A count, quoted or not, that 即 follows with a plain 、-list closing the sentence (“四个全面”，即全面建成小康社会、
 * 全面深化改革、全面依法治国、全面从严治党。; 常见的命题方式有四类，即…、…、…、…。). Only counts that differ from
 * the list (fewer than listed, when 等 leaves it open) are returned.
 */
export function jiLists(text: string): Counted[] {
  const out: Counted[] = [];
  const re = new RegExp(`${NO_NUMBER_BEFORE}${NUMERAL}${MEASURE}([^，,。；;、：:“”"（）()\\n]{0,8})[”"]?[，,]?即[：:]?`, 'gu');
  for (const m of text.matchAll(re)) {
    if (!countsItems(m[2]!, m[3]!) || BACK.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      continue;
    }
    const from = m.index + m[0].length;
    let to = from;
    while (to < text.length && !/[。！？!?；;\n]/u.test(text[to]!)) {
      to++;
    }
    const count = valueOf(m[1]!);
    const list = plainList(text, from, to, count);
    if (list && (list.open ? list.items.length > count : list.items.length !== count)) {
      out.push({ announced: { count, start: m.index, end: m.index + 1 + m[2]!.length, text: m[1]! + m[2]! }, items: list.items });
    }
  }
  return out;
}

/**
 * A plain 、-list that a count pointing back at it closes in one clause (真实性、客观性、公正性、全面性这四个方面; 政府、
 * 企业、个人此三者), the list the first of its sentence (its items reach back no further). Only counts that differ from
 * the list are returned.
 */
export function listsBeforeThis(text: string): Counted[] {
  const out: Counted[] = [];
  // The first item may close a longer clause (职业精神包含了真实性、…): up to twelve characters are read, and it is cut
  // to the longest other item below.
  const re = new RegExp(`((?:[\\u4e00-\\u9fff]{1,12}、)+[\\u4e00-\\u9fff]{1,25})[这此]${NUMERAL}(个方面|方面|个|点|项|条|种|类|大|层|者)`, 'gu');
  for (const m of text.matchAll(re)) {
    const from = m.index;
    let s0 = from;
    while (s0 > 0 && !/[。！？!?：:\n]/u.test(text[s0 - 1]!)) {
      s0--;
    }
    const after = m.index + m[0].length;
    if (text.slice(s0, from).includes('、') || NOT_ITEMS.test(text.slice(after, after + 2)) || /[等两二三四五六七八九十]/u.test(m[1]!)) {
      continue;
    }
    const count = valueOf(m[2]!);
    const list = plainList(text, from, from + m[1]!.length, count);
    if (list && list.items.length !== count) {
      const head = list.items[0]!;
      const longest = Math.max(...list.items.slice(1).map((it) => it.leadEnd - it.leadStart));
      head.leadStart = Math.max(head.leadStart, head.leadEnd - longest);
      const at = after - m[3]!.length - 1;
      out.push({ announced: { count, start: at, end: after, text: text.slice(at, after) }, items: list.items });
    }
  }
  return out;
}

/**
 * The count announcing a series the outline gave none, in a sentence right before its first item that ends with
 * 如下 (这三个方面的内容如下：, 主要有两点，分述如下。): 如下 points at what follows, so a count there announces it even
 * after 这.
 */
export function countBeforeRuxia(text: string, s: Series): Announcement | null {
  const first = s.items[0]!;
  let end = Math.min(first.start, first.leadStart);
  while (end > 0 && /[\s\u3000]/u.test(text[end - 1]!)) {
    end--;
  }
  if (!/如下[：:。]$/u.test(text.slice(Math.max(0, end - 3), end))) {
    return null;
  }
  // The sentence ending with 如下, and the one before when that is a short lead-in with no count (问题主要有三个。
  // 具体如下：).
  let to = end - 1;
  for (let round = 0; round < 2; round++) {
    let start = to;
    while (start > 0 && !/[。！？!?\n]/u.test(text[start - 1]!)) {
      start--;
    }
    const sentence = text.slice(start, to);
    let last: RegExpExecArray | undefined;
    for (const m of sentence.matchAll(COUNT)) {
      last = m as RegExpExecArray;
    }
    if (last) {
      if (!countsItems(last[2]!, sentence.slice(last.index + last[0].length)) || /(?:上述|前述|以上)$/u.test(sentence.slice(0, last.index))) {
        return null;
      }
      return { count: valueOf(last[1]!), start: start + last.index, end: start + last.index + last[0].length, text: last[0] };
    }
    if (round > 0 || to - start > 12 || start === 0 || !/[。]/u.test(text[start - 1]!)) {
      return null;
    }
    to = start - 1;
  }
  return null;
}

/**
 * A count and the items that follow it numbered with its own measure word and noun (存在两种情况。第一种情况是…；
 * 第二种情况是…), which the outline does not read as ordinals: 第一种情况 must open the next sentence or clause after
 * the count's sentence (or follow its colon), and 第二种情况, 第三种情况 … each open a sentence or a clause further on,
 * in order. Only counts that differ from the number of items are returned.
 */
export function numberedKinds(text: string): Counted[] {
  const out: Counted[] = [];
  const re = new RegExp(`${NO_NUMBER_BEFORE}${NUMERAL}(种|类|个|层|条|项|大)([\\u4e00-\\u9fff]{1,4}?)(?=[：:。，,；;])`, 'gu');
  for (const m of text.matchAll(re)) {
    if (!countsItems(m[2]!, m[3]!) || BACK.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      continue;
    }
    const after = m.index + m[0].length;
    // The sentence of the count ends here, or a colon opens its items.
    const head = /^[：:]|^[^。！？!?\n]*?[。！？!?]/u.exec(text.slice(after));
    if (!head) {
      continue;
    }
    const unit = `${m[2]}${m[3]}`;
    const items: Array<{ leadStart: number; leadEnd: number }> = [];
    let at = after + head[0].length;
    for (let k = 1; k <= 10; k++) {
      const opening = `第${VALUE[k]}${unit}`;
      let i = text.indexOf(opening, at);
      // The first opens right after the count's sentence; each other one opens a sentence or a clause.
      if (k === 1) {
        while (at < text.length && /[\s\u3000]/u.test(text[at]!)) {
          at++;
        }
        i = text.startsWith(opening, at) ? at : -1;
      }
      if (i < 0 || (k > 1 && !/[。！？!?；;，,：:\n\s]/u.test(text[i - 1] ?? '\n'))) {
        break;
      }
      // The numbered noun of another count (第二种情况 after a new 三种情况) ends the run.
      if (k > 1 && new RegExp(`${NO_NUMBER_BEFORE}[两二三四五六七八九十]${unit}`, 'u').test(text.slice(at, i))) {
        break;
      }
      items.push({ leadStart: i, leadEnd: i + opening.length });
      at = i + opening.length;
    }
    const count = valueOf(m[1]!);
    if (items.length >= 2 && items.length !== count) {
      out.push({ announced: { count, start: m.index, end: m.index + 1 + m[2]!.length, text: m[1]! + m[2]! }, items });
    }
  }
  return out;
}

/** Ordinal words after 首先, in the order they may come. */
const NEXT_WORDS = /^(?:其次|再次|再者|然后|最后)/u;

/**
 * A count whose colon 首先 follows at once (应做到两点：首先内容要切合题目。⏎其次是首尾相应…), and the sentences
 * after it that open with 其次, 再次, 然后 or 最后, in its paragraph and in the paragraphs right after it, each of which
 * must open with one: the items. Only counts that differ from the items are returned.
 */
export function firstlyLists(text: string): Counted[] {
  const out: Counted[] = [];
  const re = new RegExp(`${NO_NUMBER_BEFORE}${NUMERAL}${MEASURE}([^，,。；;、：:“”"（）()\\n]{0,8})[：:][\\s\\u3000]*首先`, 'gu');
  for (const m of text.matchAll(re)) {
    if (!countsItems(m[2]!, m[3]!) || BACK.test(text.slice(Math.max(0, m.index - 2), m.index))) {
      continue;
    }
    const first = m.index + m[0].length - 2;
    const items: Array<{ leadStart: number; leadEnd: number }> = [{ leadStart: first, leadEnd: first + 2 }];
    let at = first + 2;
    for (;;) {
      // The next sentence start, and whether a paragraph break lies before it.
      let i = at;
      while (i < text.length && !/[。！？!?；;\n]/u.test(text[i]!)) {
        i++;
      }
      let newParagraph = false;
      while (i < text.length && /[。！？!?；;\s\u3000]/u.test(text[i]!)) {
        newParagraph ||= text[i] === '\n';
        i++;
      }
      if (i >= text.length) {
        break;
      }
      const opening = NEXT_WORDS.exec(text.slice(i, i + 2));
      if (opening) {
        items.push({ leadStart: i, leadEnd: i + opening[0].length });
      } else if (newParagraph) {
        break;
      }
      at = i + 1;
    }
    const count = valueOf(m[1]!);
    if (items.length >= 2 && items.length !== count) {
      out.push({ announced: { count, start: m.index, end: m.index + 1 + m[2]!.length, text: m[1]! + m[2]! }, items });
    }
  }
  return out;
}

/** The longest run of characters `a` and `b` share. */
function sharedRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      let n = 0;
      while (i + n < a.length && j + n < b.length && a[i + n] === b[j + n]) {
        n++;
      }
      best = Math.max(best, n);
    }
  }
  return best;
}

/**
 * The count closing a preview of a series the outline gave none: the sentence right before its first item names
 * each item in turn, parted by 、 or ，, then the count (分别就着力提高“双创”服务效率、着力提升公共服务供给效率、
 * 着力提高政务服务效率等三个方面，对其内涵进行了阐释。⏎ then a paragraph on each). Each named part shares a run of
 * five characters or more with its item's lead, more than with any other item's; the part before the first is no
 * item of the same list (not parted from it by 、), so that the preview names as many items as the series holds.
 */
export function previewCount(text: string, s: Series): Announcement | null {
  const n = s.items.length;
  const first = s.items[0]!;
  let end = Math.min(first.start, first.leadStart);
  while (end > 0 && /[\s\u3000]/u.test(text[end - 1]!)) {
    end--;
  }
  if (n < 2 || n > 9 || !/[。：:]/u.test(text[end - 1] ?? '')) {
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
  if (!last || !countsItems(last[2]!, sentence.slice(last.index + last[0].length, last.index + last[0].length + 2))) {
    return null;
  }
  const preview = sentence.slice(0, last.index).replace(/[等这此的]+$/u, '');
  const parts = preview.split(/([、，,；;])/u);
  // parts: text, mark, text, mark, … — the last n texts, and the mark before the first of them.
  const texts = parts.filter((_, i) => i % 2 === 0);
  if (texts.length < n) {
    return null;
  }
  const named = texts.slice(texts.length - n);
  const markBefore = texts.length > n ? parts[2 * (texts.length - n) - 1] : undefined;
  if (markBefore === '、') {
    return null;
  }
  const leads = s.items.map((it) => text.slice(it.marker ? it.marker.end : it.leadStart, it.leadEnd));
  const echoes = named.every((part, k) => {
    const own = sharedRun(part, leads[k]!);
    return own >= 5 && leads.every((l, j) => j === k || sharedRun(part, l) < own);
  });
  return echoes ? { count: valueOf(last[1]!), start: start + last.index, end: start + last.index + last[0].length, text: last[0] } : null;
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
    const own: Array<{ announced: Announcement | null; items: ReadonlyArray<{ leadStart: number; leadEnd: number }> }> = structure.series
      .filter((s) => !s.announced && s.kind === 'ordinal' && s.items.length >= 2)
      .map((s) => ({ announced: announcementOf(ctx.text, s), items: s.items }))
      .filter((s) => s.announced !== null && !used.has(s.announced.start));
    own.push(
      ...structure.series
        .filter((s) => !s.announced && s.items.length >= 2)
        .map((s) => ({ announced: countBeforeRuxia(ctx.text, s) ?? previewCount(ctx.text, s), items: s.items }))
        .filter((s) => s.announced !== null && !used.has(s.announced.start)),
    );
    // Counts the rule reads itself, with the items they count: reported when they differ.
    const read: Counted[] = [...semicolonLists(ctx.text), ...jiLists(ctx.text), ...listsBeforeThis(ctx.text), ...numberedKinds(ctx.text), ...firstlyLists(ctx.text)];
    const seen = new Set([...used, ...own.map((s) => s.announced!.start)]);
    for (const c of read) {
      if (!seen.has(c.announced.start)) {
        seen.add(c.announced.start);
        own.push(c);
      }
    }
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
