/**
 * Quotation marks: the two typographic styles of Chinese (“” ‘’ and 「」 『』), the document's style, and the
 * plan of each paragraph's straight quotes (`"` `'` `＂` `＇` in Chinese text: which pair up and what they
 * become). Used by punctuation/quotes (which reports and fixes them), punctuation/pairs (which pairs the
 * marks they become), punctuation/halfwidth and script/invisible.
 */
import { isChinese, nextNonSpace, prevNonSpace } from '../chars';
import { MASK, type Paragraph } from '../document';
import type { DocumentContext } from '../rule';
import type { ScriptTarget } from '../types';

/** The two typographic quotation styles of Chinese. */
export type QuoteStyle = 'curly' | 'corner';

export interface StyleMarks {
  open: string;
  close: string;
  innerOpen: string;
  innerClose: string;
}

export const MARKS: Readonly<Record<QuoteStyle, StyleMarks>> = {
  curly: { open: '“', close: '”', innerOpen: '‘', innerClose: '’' },
  corner: { open: '「', close: '」', innerOpen: '『', innerClose: '』' },
};

/** The quotation style the target script expects. */
export function expectedQuoteStyle(target: ScriptTarget): QuoteStyle {
  return target === 'simplified' ? 'curly' : 'corner';
}

const HAN = /\p{Script=Han}/u;
const LATIN_ALNUM = /^[\p{Script=Latin}0-9]/u;

/** True when the quote at `i` sits between two Latin letters or digits: an apostrophe (don't, it's). */
export function isApostrophe(prose: string, i: number): boolean {
  const prev = prose[i - 1];
  const next = prose[i + 1];
  return prev !== undefined && next !== undefined && LATIN_ALNUM.test(prev) && LATIN_ALNUM.test(next);
}

function chineseNeighbour(ch: string | undefined): boolean {
  return ch !== undefined && ch !== MASK && isChinese(ch);
}

/** A Han character, a Latin letter or a digit. */
export function isContent(ch: string | undefined): boolean {
  return ch !== undefined && (HAN.test(ch) || LATIN_ALNUM.test(ch));
}

/** True when the nearest visible character before or after `i` is Chinese. */
function chineseContext(prose: string, i: number): boolean {
  return chineseNeighbour(prevNonSpace(prose, i)) || chineseNeighbour(nextNonSpace(prose, i + 1));
}

/** Extends a mark at `i` over ASCII spaces that only separate it from Chinese text. */
export function withSpaces(prose: string, i: number): [number, number] {
  let s = i;
  while (s > 0 && prose[s - 1] === ' ') {
    s--;
  }
  let e = i + 1;
  while (e < prose.length && prose[e] === ' ') {
    e++;
  }
  const start = s < i && chineseNeighbour(prevNonSpace(prose, s)) && s > 0 ? s : i;
  const end = e > i + 1 && e < prose.length && chineseNeighbour(prose[e]) ? e : i + 1;
  return [start, end];
}

/**
 * A straight quote paired with another quote; replacement texts for the members that change: the straight
 * ones, and a typographic partner of the document's minority style (converted in the same pass, so that
 * the pair is final after one round of fixes).
 */
export interface StraightPair {
  open: number;
  close: number;
  openText: string | undefined;
  closeText: string | undefined;
}

/** How the straight quotes of a paragraph should be fixed. */
export interface StraightQuotePlan {
  /** Clean pairs in Chinese text, each with at least one straight member. */
  readonly pairs: readonly StraightPair[];
  /** Straight quotes in Chinese context that do not pair up cleanly. */
  readonly loose: readonly number[];
  /** Typographic marks without their own partner that pair with a straight quote. */
  readonly partners: ReadonlySet<number>;
}

interface PlanBuilder {
  pairs: StraightPair[];
  loose: number[];
  partners: Set<number>;
}

interface LevelSpec {
  straight: (c: number) => boolean;
  /** Typographic kinds of the level: opener → closer. */
  kinds: ReadonlyArray<readonly [string, string]>;
  inner: boolean;
}

const DOUBLE: LevelSpec = {
  straight: (c) => c === 0x22 || c === 0xff02,
  kinds: [
    ['“', '”'],
    ['「', '」'],
  ],
  inner: false,
};
const SINGLE: LevelSpec = {
  straight: (c) => c === 0x27 || c === 0xff07,
  kinds: [
    ['‘', '’'],
    ['『', '』'],
  ],
  inner: true,
};

/** True when the code unit is a straight quotation mark: `"` `'` or their full-width forms `＂` `＇`. */
export function isStraightQuote(c: number): boolean {
  return DOUBLE.straight(c) || SINGLE.straight(c);
}

interface QuoteEvent {
  pos: number;
  /**
   * 0 straight, 1 opener, 2 closer (typographic). A typographic mark that points the wrong way and that
   * punctuation/pairs turns around (pairing the marks of its kind by position) has the direction it gets.
   */
  type: 0 | 1 | 2;
  style: QuoteStyle | undefined;
  matched: boolean;
  depth: number;
}

function styleOf(ch: string): QuoteStyle {
  return ch === '“' || ch === '”' || ch === '‘' || ch === '’' ? 'curly' : 'corner';
}

function planLevel(prose: string, level: LevelSpec, style: QuoteStyle, mixed: boolean, out: PlanBuilder): void {
  const events: QuoteEvent[] = [];
  let straightCount = 0;
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    if (level.straight(c)) {
      if (level.inner && c === 0x27 && isApostrophe(prose, i)) {
        continue;
      }
      events.push({ pos: i, type: 0, style: undefined, matched: false, depth: 0 });
      straightCount++;
      continue;
    }
    const ch = prose[i]!;
    for (const [o, cl] of level.kinds) {
      if (ch === o || ch === cl) {
        if ((ch === '’' || ch === '‘') && isApostrophe(prose, i)) {
          break;
        }
        events.push({ pos: i, type: ch === o ? 1 : 2, style: styleOf(ch), matched: false, depth: 0 });
        break;
      }
    }
  }
  if (straightCount === 0) {
    return;
  }
  // Match the typographic marks, each kind on its own stack.
  for (const [o] of level.kinds) {
    const stack: QuoteEvent[] = [];
    const kind: QuoteEvent[] = [];
    let unmatched = false;
    for (const e of events) {
      if (e.type === 0 || prose[e.pos] !== o && prose[e.pos] !== closerOf(level, o)) {
        continue;
      }
      kind.push(e);
      if (e.type === 1) {
        stack.push(e);
      } else if (stack.length > 0) {
        stack.pop()!.matched = true;
        e.matched = true;
      } else {
        unmatched = true;
      }
    }
    // The stack failed but the count is even: punctuation/pairs reads the marks of the kind by position
    // and turns the ones that point the wrong way (”显绩“ → “显绩”) in the same round of fixes. Plan
    // with the marks as they will be, or the straight quotes would pair differently in the next round.
    if ((unmatched || stack.length > 0) && kind.length % 2 === 0) {
      kind.forEach((e, k) => {
        e.type = k % 2 === 0 ? 1 : 2;
        e.matched = true;
      });
    }
  }
  // Depth of matched typographic pairs before each event.
  let depth = 0;
  for (const e of events) {
    if (e.matched && e.type === 2) {
      depth--;
    }
    e.depth = depth;
    if (e.matched && e.type === 1) {
      depth++;
    }
  }
  const free = events.filter((e) => !e.matched);
  let clean = free.length % 2 === 0;
  const pairs: Array<[QuoteEvent, QuoteEvent]> = [];
  if (clean) {
    let k = 0;
    for (let j = 0; j + 1 < free.length && clean; j += 2) {
      const a = free[j]!;
      const b = free[j + 1]!;
      if ((a.type !== 0 && b.type !== 0) || a.type === 2 || b.type === 1 || a.depth !== b.depth) {
        clean = false;
        break;
      }
      // Typographic pairs between the two must be balanced: never shallower than the ends.
      while (k < events.length && events[k]!.pos <= a.pos) {
        k++;
      }
      for (; k < events.length && events[k]!.pos < b.pos; k++) {
        if (events[k]!.depth < a.depth) {
          clean = false;
          break;
        }
      }
      pairs.push([a, b]);
    }
  }
  if (!clean) {
    for (const e of events) {
      if (e.type === 0 && chineseContext(prose, e.pos)) {
        out.loose.push(e.pos);
      }
    }
    return;
  }
  for (const [a, b] of pairs) {
    const partner = a.type !== 0 ? a : b.type !== 0 ? b : undefined;
    const chinese =
      partner !== undefined ||
      HAN.test(prose.slice(a.pos + 1, b.pos)) ||
      chineseContext(prose, a.pos) ||
      chineseContext(prose, b.pos);
    if (!chinese) {
      continue;
    }
    // The pair takes the document's style. A partner of the other style changes with it when the document
    // mixes the styles (the minority's pairs are converted: do it now, not in a second round); a partner
    // sets the level (“ pairs with ”, whatever the depth).
    const target = partner !== undefined && !mixed ? partner.style ?? style : style;
    const marks = MARKS[target];
    const inner = partner !== undefined ? level.inner : level.inner || a.depth > 0;
    const convert = (e: QuoteEvent, open: boolean): string | undefined =>
      e.type === 0 || e.style !== target ? (inner ? (open ? marks.innerOpen : marks.innerClose) : open ? marks.open : marks.close) : undefined;
    out.pairs.push({
      open: a.pos,
      close: b.pos,
      openText: convert(a, true),
      closeText: convert(b, false),
    });
    if (partner) {
      out.partners.add(partner.pos);
    }
  }
}

function closerOf(level: LevelSpec, opener: string): string {
  for (const [o, c] of level.kinds) {
    if (o === opener) {
      return c;
    }
  }
  return opener;
}

/** The plan of the many paragraphs without straight quotes (shared; never modified). */
const EMPTY_PLAN: StraightQuotePlan = { pairs: [], loose: [], partners: new Set() };

/**
 * Plans the fix of the straight quotes of one paragraph's prose: clean pairs, loose quotes, and the
 * typographic marks they pair with. `style` is the document's style, which straight pairs take; `mixed`:
 * the document mixes the styles (a partner of the minority style is converted too, else kept).
 */
export function planStraightQuotes(prose: string, style: QuoteStyle, mixed: boolean): StraightQuotePlan {
  const double = prose.indexOf('"') >= 0 || prose.indexOf('＂') >= 0;
  const single = prose.indexOf("'") >= 0 || prose.indexOf('＇') >= 0;
  if (!double && !single) {
    return EMPTY_PLAN;
  }
  const plan: PlanBuilder = { pairs: [], loose: [], partners: new Set() };
  if (double) {
    planLevel(prose, DOUBLE, style, mixed, plan);
  }
  if (single) {
    planLevel(prose, SINGLE, style, mixed, plan);
  }
  return plan;
}

/** Counts of typographic quotation marks per style and level. */
interface StyleCounts {
  curly: number;
  corner: number;
  curlyInner: number;
  cornerInner: number;
}

function countMarks(p: Paragraph, counts: StyleCounts): void {
  const prose = p.prose;
  for (let i = 0; i < prose.length; i++) {
    switch (prose.charCodeAt(i)) {
      case 0x201c:
      case 0x201d:
        counts.curly++;
        break;
      case 0x300c:
      case 0x300d:
        counts.corner++;
        break;
      case 0x2018:
        counts.curlyInner++;
        break;
      case 0x2019:
        if (!isApostrophe(prose, i)) {
          counts.curlyInner++;
        }
        break;
      case 0x300e:
      case 0x300f:
        counts.cornerInner++;
        break;
      default:
        break;
    }
  }
}

function majority(a: number, b: number, expected: QuoteStyle): QuoteStyle {
  return a > b ? 'curly' : b > a ? 'corner' : expected;
}

/**
 * Matched pairs of one opener/closer kind in a paragraph's prose. None when the stack fails and the kind's
 * marks are even in number: punctuation/pairs then pairs them by position and gives them the document's
 * style itself.
 */
export function matchedPairs(prose: string, open: string, close: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const stack: number[] = [];
  let count = 0;
  let failed = false;
  const first = prose.indexOf(close);
  for (let i = first >= 0 ? Math.min(first, prose.indexOf(open)) : prose.indexOf(open); i >= 0 && i < prose.length; i++) {
    const ch = prose[i];
    if (ch === open) {
      if (ch === '‘' && isApostrophe(prose, i)) {
        continue;
      }
      count++;
      stack.push(i);
    } else if (ch === close) {
      if (ch === '’' && isApostrophe(prose, i)) {
        continue;
      }
      count++;
      if (stack.length > 0) {
        out.push([stack.pop()!, i]);
      } else {
        failed = true;
      }
    }
  }
  return (failed || stack.length > 0) && count % 2 === 0 ? [] : out;
}

/** The document's quotation style and the plan of every paragraph's straight quotes. */
export interface QuotePlans {
  /** The style of the document: the majority of its marks, else the target script's. */
  style: QuoteStyle;
  /** Both styles occur in the document. */
  mixed: boolean;
  /** One plan per paragraph, in order. */
  plans: StraightQuotePlan[];
}

/** Memo keys of a paragraph's plan, by the document's style and whether it mixes the styles. */
const PLAN_KEYS: Record<QuoteStyle, readonly [string, string]> = {
  curly: ['punctuation/quotes:plan:curly', 'punctuation/quotes:plan:curly+'],
  corner: ['punctuation/quotes:plan:corner', 'punctuation/quotes:plan:corner+'],
};

/** The counts of a paragraph without typographic quotation marks (shared, never changed). */
const NO_MARKS: StyleCounts = Object.freeze({ curly: 0, corner: 0, curlyInner: 0, cornerInner: 0 });

/** Computes the document's quote plans once per analysis (punctuation/pairs needs them too). */
export function quotePlans(ctx: DocumentContext): QuotePlans {
  return ctx.shared('punctuation/quotes:plans', () => {
    const expected = expectedQuoteStyle(ctx.target);
    const counts: StyleCounts = { curly: 0, corner: 0, curlyInner: 0, cornerInner: 0 };
    for (const p of ctx.paragraphs) {
      const c = ctx.paragraphMemo(p, 'punctuation/quotes:counts', () => {
        const own: StyleCounts = { curly: 0, corner: 0, curlyInner: 0, cornerInner: 0 };
        countMarks(p, own);
        return own.curly + own.corner + own.curlyInner + own.cornerInner === 0 ? NO_MARKS : own;
      });
      counts.curly += c.curly;
      counts.corner += c.corner;
      counts.curlyInner += c.curlyInner;
      counts.cornerInner += c.cornerInner;
    }
    const style =
      counts.curly + counts.corner > 0
        ? majority(counts.curly, counts.corner, expected)
        : majority(counts.curlyInner, counts.cornerInner, expected);
    const mixed = counts.curly + counts.curlyInner > 0 && counts.corner + counts.cornerInner > 0;
    const key = PLAN_KEYS[style][mixed ? 1 : 0];
    return { style, mixed, plans: ctx.paragraphs.map((p) => ctx.paragraphMemo(p, key, () => planStraightQuotes(p.prose, style, mixed))) };
  });
}
