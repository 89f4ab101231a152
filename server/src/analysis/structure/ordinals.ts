/**
 * Ordinal markers of Chinese official prose: 一、 （一） 1. （1） 第一， 首先/其次/再次/最后 ①, and the
 * numeral + verb family 一是/二是, 一要/二要, 一抓/二抓 ….
 */

/** A family of ordinals; families of one rank are interchangeable in the 公文 hierarchy. */
export type OrdinalFamily = 'cn-dun' | 'cn-paren' | 'ar-dot' | 'ar-paren' | 'di' | 'seq' | 'circled' | 'verb';

/** An ordinal marker found in a text. */
export interface OrdinalMarker {
  family: OrdinalFamily;
  /** For `verb`: the verb (是, 要 …); for `ar-dot`/`cn-dun`: the separator; otherwise ''. */
  variant: string;
  /** The number it stands for; `最后` is Infinity (it closes whatever came before). */
  n: number;
  /** Offsets of the marker (relative to the text searched). */
  start: number;
  end: number;
  text: string;
}

/** Rank in the heading hierarchy: a lower rank interrupts a series of a higher one. */
export const FAMILY_RANK: Record<OrdinalFamily, number> = {
  'cn-dun': 1,
  'cn-paren': 2,
  'ar-dot': 3,
  'ar-paren': 4,
  di: 5,
  seq: 5,
  verb: 6,
  circled: 6,
};

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parses a Chinese numeral from 一 to 九十九 (十, 十一, 二十, 二十三); NaN when it is not one. */
export function parseChineseNumber(s: string): number {
  if (s.length === 0 || s.length > 3) {
    return Number.NaN;
  }
  const ten = s.indexOf('十');
  if (ten < 0) {
    return s.length === 1 && DIGITS[s] !== undefined ? DIGITS[s]! : Number.NaN;
  }
  const tens = ten === 0 ? 1 : DIGITS[s.slice(0, ten)];
  const ones = ten === s.length - 1 ? 0 : DIGITS[s.slice(ten + 1)];
  if (tens === undefined || ones === undefined || ten > 1 || s.length - ten > 2) {
    return Number.NaN;
  }
  return tens * 10 + ones;
}

const CN = '一二三四五六七八九十';
const CN_NUMBERS = ['', ...Array.from({ length: 99 }, (_, i) => toChineseNumber(i + 1))];

/** Writes 1–99 as a Chinese numeral. */
export function toChineseNumber(n: number): string {
  if (n <= 0 || n >= 100 || !Number.isInteger(n)) {
    return String(n);
  }
  if (n <= 10) {
    return n === 10 ? '十' : CN[n - 1]!;
  }
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN[tens - 1]}十${ones === 0 ? '' : CN[ones - 1]}`;
}

/** Verbs that form an ordinal with a numeral: 一是, 一要, 一抓, 一靠 …. */
export const ORDINAL_VERBS = '是要抓靠在求重强把讲';
const SEQ: Record<string, number> = { 首先: 1, 其次: 2, 再次: 3, 再者: 3, 最后: Number.POSITIVE_INFINITY };
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

const RE_CN_PAREN = /^[（(]([一二三四五六七八九十]{1,3})[)）]/;
// Not a list of numerals (一、二、三等奖) nor a decimal (一.五): a numeral followed by its separator, or a digit.
const RE_CN_DUN = /^([一二三四五六七八九十]{1,3})([、．.])(?![\d]|[一二三四五六七八九十][、．.])/;
const RE_AR_PAREN = /^[（(](\d{1,2})[)）]/;
// 1.5 is a decimal, but 7、2016年 and 1.2015年 open with a year: 、 never separates decimals, and a year
// (four digits and 年) after the dot is not a fraction.
const RE_AR_DOT = /^(\d{1,2})(、|[.．](?!\d)|[.．](?=\d{4}年))/;
const RE_DI = /^第([一二三四五六七八九十]{1,3})(?=[，,、：:]|是|要|，)/;
/** 第一点：, 第二个方面是, 第三部分为: the same family with a unit word, its variant. */
const RE_DI_UNIT = /^第([一二三四五六七八九十]{1,3})(点|个方面|方面|部分)(?=[，,、：:]|是|为|要|即)/;
const RE_SEQ = /^(首先|其次|再次|再者|最后)(?=[，,、：:]|要|是|应|必须|还|一|把|在|坚持)/;
const RE_VERB = new RegExp(`^([一二三四五六七八九十]{1,2})([${ORDINAL_VERBS}])`);
/** Words that start like an ordinal but are not (一是一，二是二; 一要素; 一把手; 一在于). */
const NOT_VERB_ORDINAL = /^(?:[一二]是[一二][，,]|一把手|一把尺|一要素|一重|一在于|一求)/;

const LEADING_SPACE = /[\s\uE000]/;
const OPENING_QUOTES = '“‘「『';

/** Characters an ordinal marker can start with (brackets, numerals, 第, 首其再最, ①–⑩). */
const MARKER_FIRST = new Set([...'（(一二三四五六七八九十0123456789第首其再最', ...CIRCLED]);

/** The ordinal marker at the start of `text` (after leading spaces), or undefined. */
export function ordinalAt(text: string, offset = 0): OrdinalMarker | undefined {
  let i = offset;
  // Spaces of any kind (a no-break space copied from a web page), and opening quotes or 《: the ordinal of
  // 三个方面：“一是…；二是…” is the quotation's.
  while (i < text.length && (LEADING_SPACE.test(text[i]!) || OPENING_QUOTES.includes(text[i]!))) {
    i++;
  }
  // Every pattern below starts with one of these characters.
  if (!MARKER_FIRST.has(text[i] ?? '')) {
    return undefined;
  }
  const s = text.slice(i, i + 12);
  const make = (family: OrdinalFamily, variant: string, n: number, len: number): OrdinalMarker | undefined =>
    Number.isNaN(n) ? undefined : { family, variant, n, start: i, end: i + len, text: s.slice(0, len) };
  let m = RE_CN_PAREN.exec(s);
  if (m) {
    return make('cn-paren', '', parseChineseNumber(m[1]!), m[0].length);
  }
  m = RE_CN_DUN.exec(s);
  if (m) {
    return make('cn-dun', m[2]!, parseChineseNumber(m[1]!), m[0].length);
  }
  m = RE_AR_PAREN.exec(s);
  if (m) {
    return make('ar-paren', '', Number(m[1]), m[0].length);
  }
  m = RE_AR_DOT.exec(s);
  if (m) {
    return make('ar-dot', m[2]!, Number(m[1]), m[0].length);
  }
  m = RE_DI.exec(s);
  if (m) {
    return make('di', '', parseChineseNumber(m[1]!), m[0].length);
  }
  m = RE_DI_UNIT.exec(s);
  if (m) {
    return make('di', m[2]!, parseChineseNumber(m[1]!), m[0].length);
  }
  m = RE_SEQ.exec(s);
  if (m) {
    return make('seq', '', SEQ[m[1]!]!, m[0].length);
  }
  const c = s.length > 0 ? CIRCLED.indexOf(s[0]!) : -1;
  if (c >= 0) {
    return make('circled', '', c + 1, 1);
  }
  m = RE_VERB.exec(s);
  if (m && !NOT_VERB_ORDINAL.test(s)) {
    return make('verb', m[2]!, parseChineseNumber(m[1]!), m[0].length);
  }
  return undefined;
}

/** The marker text for number `n` in the style of `like` (renumbering keeps the family and variant). */
export function formatOrdinal(like: OrdinalMarker, n: number): string {
  const cn = CN_NUMBERS[n] ?? String(n);
  switch (like.family) {
    case 'cn-paren':
      return `${like.text[0]}${cn}${like.text[like.text.length - 1]}`;
    case 'cn-dun':
      return `${cn}${like.variant}`;
    case 'ar-paren':
      return `${like.text[0]}${n}${like.text[like.text.length - 1]}`;
    case 'ar-dot':
      return `${n}${like.variant}`;
    case 'di':
      return `第${cn}${like.variant}`;
    case 'seq':
      return n === 1 ? '首先' : n === 2 ? '其次' : '再次';
    case 'circled':
      return CIRCLED[n - 1] ?? String(n);
    case 'verb':
      return `${cn}${like.variant}`;
  }
}
