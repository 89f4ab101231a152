/**
 * Seeded structure defects (issue 14): a wrong announced count, a skipped or a repeated ordinal, a dropped frame
 * word, injected into the existing series of an essay. Used by section 4 of eval.ts (the gold series of the
 * annotated *test* essays) and by dev-seeded.ts (the outline's own series on the clean *dev* essays). Nothing
 * here runs the analyzer or reads files; ordinals and frames are read with the small parsers below, not with
 * the analyzer's, so that what is injected does not depend on what the rules understand.
 *
 * Each injection is made on its own copy of the clean text (one defect per copy), so that two injections never
 * meet in one series.
 */
import { overlaps, type Span, type WordToken } from './eval-lib';

/** A series to inject into: its items (each from its opening to the end of its unit or lead) and its count. */
export interface SeedSeries {
  /** A name for reports (the gold id, or the outline's index). */
  id: string;
  items: Span[];
  /** The announced count (三个方面) in the clean text, when there is one before the series. */
  announced?: Span | null;
}

/** What an injection breaks, and the rule expected to flag it. */
export type SeededKind = 'count' | 'skip' | 'repeat' | 'frame';

export const SEEDED_RULE: Readonly<Record<SeededKind, string>> = {
  count: 'structure/announced-count',
  skip: 'structure/ordinal-sequence',
  repeat: 'structure/ordinal-sequence',
  frame: 'structure/frame-mismatch',
};

/** A replacement in the clean text. */
export interface SeedEdit {
  start: number;
  end: number;
  newText: string;
}

/** One seeded defect. */
export interface SeededInjection {
  kind: SeededKind;
  series: string;
  edits: SeedEdit[];
  /** What changed, for reports (二是 → 三是, 打好 deleted). */
  note: string;
}

/** A parsed ordinal at an item's opening: its number, and how to write another number in its style. */
interface ParsedOrdinal {
  family: string;
  n: number;
  /** Range of the number inside the text (the part renumbering replaces). */
  start: number;
  end: number;
  arabic: boolean;
}

const CN_DIGITS = '一二三四五六七八九';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩';

/** 一 … 九十九 as a number; NaN otherwise. */
function cnValue(s: string): number {
  if (s === '十') {
    return 10;
  }
  const ten = s.indexOf('十');
  if (ten < 0) {
    return s.length === 1 && CN_DIGITS.includes(s) ? CN_DIGITS.indexOf(s) + 1 : Number.NaN;
  }
  const tens = ten === 0 ? 1 : CN_DIGITS.indexOf(s.slice(0, ten)) + 1;
  const ones = ten === s.length - 1 ? 0 : CN_DIGITS.indexOf(s.slice(ten + 1)) + 1;
  return tens > 0 && ones >= 0 && ten <= 1 && s.length - ten <= 2 ? tens * 10 + ones : Number.NaN;
}

/** 1 … 99 as a Chinese numeral. */
function cnNumeral(n: number): string {
  if (n <= 10) {
    return n === 10 ? '十' : CN_DIGITS[n - 1]!;
  }
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens - 1]}十${ones === 0 ? '' : CN_DIGITS[ones - 1]}`;
}

const ORDINAL_PATTERNS: ReadonlyArray<{ family: string; re: RegExp; arabic: boolean; circled?: boolean }> = [
  { family: 'cn-paren', re: /^([（(])([一二三四五六七八九十]{1,3})[)）]/, arabic: false },
  { family: 'ar-paren', re: /^([（(])(\d{1,2})[)）]/, arabic: true },
  // 第一次, 第一位 … count occurrences, they do not number items.
  { family: 'di', re: /^(第)([一二三四五六七八九十]{1,3})(?=[，,、：:是要])/, arabic: false },
  { family: 'cn-dun', re: /^()([一二三四五六七八九十]{1,3})[、．.]/, arabic: false },
  { family: 'ar-dot', re: /^()(\d{1,2})[、.．]/, arabic: true },
  { family: 'verb', re: /^()([一二三四五六七八九十]{1,2})[是要抓靠在求重强把讲]/, arabic: false },
  { family: 'circled', re: /^()([①②③④⑤⑥⑦⑧⑨⑩])/, arabic: false, circled: true },
];

/** The numbered ordinal opening `text` at `at` (after spaces and an opening quote), or undefined. */
function ordinalOpening(text: string, at: number): ParsedOrdinal | undefined {
  let i = at;
  while (i < text.length && /[\s\u3000“‘「]/.test(text[i]!)) {
    i++;
  }
  const s = text.slice(i, i + 8);
  for (const p of ORDINAL_PATTERNS) {
    const m = p.re.exec(s);
    if (!m) {
      continue;
    }
    const numStart = i + m[1]!.length;
    const n = p.circled ? CIRCLED.indexOf(m[2]!) + 1 : p.arabic ? Number(m[2]) : cnValue(m[2]!);
    if (Number.isNaN(n) || n < 1) {
      return undefined;
    }
    return { family: p.family, n, start: numStart, end: numStart + m[2]!.length, arabic: p.arabic };
  }
  return undefined;
}

/** The number `n` written in the style of `like`. */
function writeNumber(like: ParsedOrdinal, n: number): string {
  if (like.family === 'circled') {
    return CIRCLED[n - 1] ?? String(n);
  }
  return like.arabic ? String(n) : cnNumeral(n);
}

/** The ordinals of a series when every item opens with one of one family numbered 1, 2, 3 …; else undefined. */
export function seriesOrdinals(text: string, s: SeedSeries): ParsedOrdinal[] | undefined {
  const out: ParsedOrdinal[] = [];
  for (const [k, it] of s.items.entries()) {
    const o = ordinalOpening(text, it.start);
    if (!o || o.n !== k + 1 || (out.length > 0 && o.family !== out[0]!.family)) {
      return undefined;
    }
    out.push(o);
  }
  return out.length >= 2 ? out : undefined;
}

const NUMERALS = '两二三四五六七八九十';

/** The numeral of an announced count (三 of 三个方面) and its value, when there is exactly one. */
function announcedNumeral(text: string, a: Span): { at: number; n: number; ch: string } | undefined {
  const found: Array<{ at: number; n: number; ch: string }> = [];
  for (let i = a.start; i < a.end; i++) {
    const ch = text[i]!;
    if (NUMERALS.includes(ch)) {
      found.push({ at: i, n: ch === '两' ? 2 : cnValue(ch), ch });
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

const LEAD_END = /[。！？；;!?\r\n]/;
const HAN_ONLY = /^\p{Script=Han}+$/u;

/**
 * The lead of an item: from after its ordinal (if any) to the end of its first sentence, at most 40 code units,
 * and never past the start of the next item (`next`): items of an inline series (尊重自然、顺应自然、保护自然) follow
 * each other inside one sentence, and a lead running on into its siblings would make their slots look shared.
 */
function leadOf(text: string, it: Span, next = text.length): Span {
  const o = ordinalOpening(text, it.start);
  const start = o ? o.end + 1 : it.start;
  let end = start;
  const limit = Math.min(it.end > it.start ? it.end : text.length, start + 40, text.length, next > start ? next : text.length);
  while (end < limit && !LEAD_END.test(text[end]!)) {
    end++;
  }
  return { start, end };
}

/**
 * Han strings of two or more characters that every lead holds within its first 20 code units, keeping only the
 * longest (a common string inside a longer common one is left out).
 */
export function commonFrameStrings(leads: readonly string[]): string[] {
  if (leads.length === 0) {
    return [];
  }
  const heads = leads.map((l) => l.slice(0, 20));
  const shortest = heads.reduce((a, b) => (b.length < a.length ? b : a));
  const common = new Set<string>();
  for (let i = 0; i < shortest.length; i++) {
    for (let j = i + 2; j <= shortest.length; j++) {
      const sub = shortest.slice(i, j);
      if (!HAN_ONLY.test(sub)) {
        break;
      }
      if (heads.every((h) => h.includes(sub))) {
        common.add(sub);
      }
    }
  }
  return [...common].filter((c) => ![...common].some((d) => d !== c && d.includes(c))).sort();
}

/** Marks and spaces a lead may end with (the comma of an item inside a sentence): not part of the item. */
const TRAILING_MARKS = /[\s，、；：,;:]+$/u;

/**
 * The common strings of `leads` (commonFrameStrings) that stand at the same place of every lead, and so belong to
 * the frame the items share: each string has the same neighbour on one side in every lead — the lead's start or
 * end, the same mark (打好政治牌，增强… : 增强 after ，) or the same character — or starts at nearly the same
 * offset in every lead, two code units apart at most (六成以上的产值 / 五成以上的税收). A word every item merely mentions
 * somewhere (a topic word: 农民工就业形势依然严峻 / 继续扩大农民工就业 / 保障农民工权益) is no frame word, and
 * deleting it is no dropped frame word.
 */
export function alignedFrameStrings(leads: readonly string[]): string[] {
  const trimmed = leads.map((l) => l.replace(TRAILING_MARKS, ''));
  return commonFrameStrings(trimmed).filter((c) => {
    const at = trimmed.map((l) => l.slice(0, 20).indexOf(c));
    const left = at.map((i, k) => (i === 0 ? '^' : trimmed[k]![i - 1]));
    const right = at.map((i, k) => (i + c.length === trimmed[k]!.length ? '$' : trimmed[k]![i + c.length]));
    return left.every((x) => x === left[0]) || right.every((x) => x === right[0]) || Math.max(...at) - Math.min(...at) <= 2;
  });
}

/** Structural particles whose absence is no defect (缴纳了50%以上税收, 社会进步标准): never the deleted word. */
const OPTIONAL_PARTICLES: ReadonlySet<string> = new Set(['的', '地', '得']);

/**
 * A count equal to the number of items in the sentence just before a series' first item, or in the sentence that
 * holds it (以下三个方面：, 打好“五张牌”, 两点要求), at most 80 code units back: the last numeral there followed by
 * a classifier. For sites without gold (dev), read independently of the analyzer's own announcement parsing.
 * Not counts: a lower bound (两个以上事例, 三个或以上), a numeral inside a longer quoted name (“三大纪律，八项注意”:
 * a quote that goes on past the count and a few characters of its noun names something, it announces nothing),
 * and a quoted count that a word follows (“三个代表”重要思想: the name of a doctrine).
 * A count further back (two sentences before, or in an earlier paragraph) is not this series' announcement.
 */
export function countBefore(text: string, s: SeedSeries): Span | null {
  const first = s.items[0]!.start;
  let from = Math.max(0, first - 80);
  // The last sentence before the item: from after the last sentence end that is not the one closing the region.
  let e = first;
  while (e > from && /[\s\u3000]/u.test(text[e - 1]!)) {
    e--;
  }
  if (e > from && /[。！？!?]/u.test(text[e - 1]!)) {
    e--;
  }
  for (let i = e - 1; i >= from; i--) {
    if (/[。！？!?\n]/u.test(text[i]!)) {
      from = i + 1;
      break;
    }
  }
  const re = /(?<![\d第一二三四五六七八九十两百千万几])([两二三四五六七八九])[“"]?(?:个|项|点|条|种|大|方面|步|招|张|类|层|件|句|字|重)(?!以上|或以上|多|余)/g;
  let last: Span | null = null;
  const before = text.slice(from, first);
  for (let m = re.exec(before); m; m = re.exec(before)) {
    const n = m[1] === '两' ? 2 : cnValue(m[1]!);
    const open = before.lastIndexOf('“', m.index);
    const close = before.lastIndexOf('”', m.index);
    const quoted = open > close;
    const closes = before.indexOf('”', m.index);
    // Inside quotes: only a quote that is the count and its noun (“五张牌”, “四个全面”).
    if (quoted && (closes < 0 || closes > m.index + m[0].length + 4 || /[，,、；;：:]/u.test(before.slice(m.index, closes)))) {
      continue;
    }
    // A quoted count that a word follows is a name modifying it (从邓小平理论到“三个代表”重要思想，到…): it names a
    // doctrine or a programme, it announces nothing (“五张牌”，… or “四个全面”，即… may).
    if (quoted && /^\p{Script=Han}/u.test(before.slice(closes + 1))) {
      continue;
    }
    if (n === s.items.length) {
      last = { start: from + m.index, end: from + m.index + m[0].length };
    }
  }
  return last;
}

/** Picks one of `xs` with `random`. */
function pick<T>(xs: readonly T[], random: () => number): T | undefined {
  return xs.length === 0 ? undefined : xs[Math.floor(random() * xs.length)];
}

/**
 * The injections of one series (at most one per kind): a count changed by one, an ordinal skipped (item k and
 * those after it renumbered one up), an ordinal repeated (item k takes item k−1's number), a frame word deleted
 * from one item of a series of three or more whose leads share a frame string.
 */
export function planSeeded(text: string, s: SeedSeries, tokens: readonly WordToken[], random: () => number): SeededInjection[] {
  const out: SeededInjection[] = [];
  // (a) A wrong announced count: only where the count announces this series (before its first item) and matches it.
  const a = s.announced;
  const numeral = a && a.end <= s.items[0]!.start ? announcedNumeral(text, a) : undefined;
  if (numeral && numeral.n === s.items.length) {
    const down = numeral.n - 1 >= 2 && random() < 0.5;
    const n = down ? numeral.n - 1 : numeral.n + 1;
    if (n <= 9) {
      const newText = n === 2 ? '两' : cnNumeral(n);
      out.push({ kind: 'count', series: s.id, edits: [{ start: numeral.at, end: numeral.at + 1, newText }], note: `${numeral.ch} → ${newText}` });
    }
  }
  // (b), (c) Skipped and repeated ordinals in a series numbered 1, 2, 3 ….
  const ords = seriesOrdinals(text, s);
  if (ords) {
    const k = 1 + Math.floor(random() * (ords.length - 1));
    const skip = ords.slice(k).map((o) => ({ start: o.start, end: o.end, newText: writeNumber(o, o.n + 1) }));
    out.push({ kind: 'skip', series: s.id, edits: skip, note: `${text.slice(ords[k]!.start, ords[k]!.end)} → ${skip[0]!.newText}${skip.length > 1 ? ' and on' : ''}` });
    const r = 1 + Math.floor(random() * (ords.length - 1));
    const repeated = writeNumber(ords[r]!, ords[r - 1]!.n);
    out.push({ kind: 'repeat', series: s.id, edits: [{ start: ords[r]!.start, end: ords[r]!.end, newText: repeated }], note: `${text.slice(ords[r]!.start, ords[r]!.end)} → ${repeated}` });
  }
  // (d) A dropped frame word.
  if (s.items.length >= 3) {
    const leads = s.items.map((it, i) => leadOf(text, it, s.items[i + 1]?.start));
    const frame = alignedFrameStrings(leads.map((l) => text.slice(l.start, l.end)));
    const k = Math.floor(random() * s.items.length);
    const chunk = pick(frame, random);
    if (chunk !== undefined) {
      const lead = leads[k]!;
      const leadText = text.slice(lead.start, lead.end);
      const at = lead.start + leadText.indexOf(chunk);
      // A word of the frame string as the segmenter cut it, found once in the lead (deleting it removes it).
      const words = tokens.filter((t) => t.start >= at && t.end <= at + chunk.length && HAN_ONLY.test(t.text) && !OPTIONAL_PARTICLES.has(t.text) && leadText.split(t.text).length === 2);
      const w = pick(words, random);
      if (w) {
        out.push({ kind: 'frame', series: s.id, edits: [{ start: w.start, end: w.end, newText: '' }], note: `${w.text} deleted from item ${k + 1} (frame ${chunk})` });
      }
    }
  }
  return out;
}

/** The text with an injection's edits made, and where each edit stands in the new text. */
export function applySeeded(text: string, inj: SeededInjection): { text: string; sites: Span[] } {
  const edits = [...inj.edits].sort((x, y) => x.start - y.start);
  let out = '';
  let from = 0;
  const sites: Span[] = [];
  for (const e of edits) {
    out += text.slice(from, e.start);
    sites.push({ start: out.length, end: out.length + e.newText.length });
    out += e.newText;
    from = e.end;
  }
  return { text: out + text.slice(from), sites };
}

/** True when a finding of the injection's rule overlaps one of its sites. */
export function flagsInjection(kind: SeededKind, findings: ReadonlyArray<Span & { rule: string }>, sites: readonly Span[]): boolean {
  return findings.some((f) => f.rule === SEEDED_RULE[kind] && sites.some((s) => overlaps(f, s)));
}

export const SEEDED_KINDS: readonly SeededKind[] = ['count', 'skip', 'repeat', 'frame'];

/** The outcome of one injection. */
export interface SeededResult {
  inj: SeededInjection;
  /** The clean text already had a finding of the rule on an edited range: not counted. */
  cleanFlagged: boolean;
  flagged: boolean;
  dirty: string;
  sites: Span[];
}

type Findings = ReadonlyArray<Span & { rule: string }>;

/**
 * Plans the injections of every series of one essay and analyzes each dirty copy with `analyze` (which
 * returns the findings of the structure rules for a text). Each series draws from its own generator,
 * `randomFor(series)` (made from the seed, the essay's name and the series' key), so that what is injected into
 * one series does not depend on how many other series were read before it, in this essay or another.
 */
export function runSeeded(text: string, series: readonly SeedSeries[], tokens: readonly WordToken[], randomFor: (s: SeedSeries) => () => number, analyze: (text: string) => Findings): SeededResult[] {
  const clean = analyze(text);
  const out: SeededResult[] = [];
  for (const s of series) {
    for (const inj of planSeeded(text, s, tokens, randomFor(s))) {
      const cleanFlagged = clean.some((f) => f.rule === SEEDED_RULE[inj.kind] && inj.edits.some((e) => overlaps(f, e)));
      const { text: dirty, sites } = applySeeded(text, inj);
      out.push({ inj, cleanFlagged, flagged: !cleanFlagged && flagsInjection(inj.kind, analyze(dirty), sites), dirty, sites });
    }
  }
  return out;
}

/** Tallies per kind: injected (not flagged on the clean text already), flagged, and those set aside. */
export function tallySeeded(results: readonly SeededResult[]): Map<SeededKind, { n: number; hit: number; cleanFlagged: number }> {
  const t = new Map(SEEDED_KINDS.map((k) => [k, { n: 0, hit: 0, cleanFlagged: 0 }]));
  for (const r of results) {
    const c = t.get(r.inj.kind)!;
    if (r.cleanFlagged) {
      c.cleanFlagged++;
    } else {
      c.n++;
      if (r.flagged) {
        c.hit++;
      }
    }
  }
  return t;
}
