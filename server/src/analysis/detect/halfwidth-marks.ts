/**
 * Half-width punctuation `, . ; : ? ! ( )` in Chinese text: which marks of a paragraph are Chinese punctuation
 * (not numbers, names, runs of dots, pinyin annotations or the `?` of lost characters), which pair up as
 * parentheses, and which form runs of marks. One decision for punctuation/halfwidth (single marks,
 * parentheses), punctuation/duplicate (runs) and script/invisible (which marks it sits next to).
 */
import { isChinese, isHan, spacesAround } from '../chars';
import { MASK } from '../document';
import type { Services } from '../types';
import { findGarbled } from './garbled';
import { isPinyinAnnotation } from './pinyin-annotations';
import { planStraightQuotes } from './quote-marks';

/** The full-width form of each half-width mark. */
export const FULL: Readonly<Record<string, string>> = { ',': '，', '.': '。', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const ASCII_ALNUM = /[A-Za-z0-9]/;
const CANDIDATE = /[,.;:?!()]/;
const PARENS = /[()]/g;
const MARKS = /[,.;:?!]/g;
/** Residue of a lost character: `?` followed by a pinyin syllable and `)`. */
const GARBLED_TAIL = /^[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ]{1,6}\)/;
/** Full-width marks that form runs of punctuation with half-width ones: 。，、；：！？ */
const FULL_RUN_MARKS = '。，、；：！？';
const FULL_RUN = /[。，、；：！？]/;
/**
 * True when the code unit may be a mark of a run (a cheap test before isRunMark): one of 。，、；：！？ or of
 * their half-width forms `, . ; : ? !`.
 */
export function isRunCandidate(c: number): boolean {
  switch (c) {
    case 0x3002: // 。
    case 0xff0c: // ，
    case 0x3001: // 、
    case 0xff1b: // ；
    case 0xff1a: // ：
    case 0xff01: // ！
    case 0xff1f: // ？
    case 0x2c: // ,
    case 0x2e: // .
    case 0x3b: // ;
    case 0x3a: // :
    case 0x3f: // ?
    case 0x21: // !
      return true;
    default:
      return false;
  }
}

/** A range of the paragraph that is not punctuation (a lost character's `?`: script/garbled's). */
export type Excluded = ReadonlyArray<{ start: number; end: number }>;

/** The regions of lost characters in a paragraph (their `?` and `!` are not punctuation). */
export function garbledRegions(prose: string, services: Services): Excluded {
  return prose.includes('?') ? findGarbled(prose, services) : [];
}

/**
 * The full-width form of the half-width mark at `i`, or undefined when the character there is no half-width
 * mark or is not punctuation: a number (3.14, 1,000, 15:56), a dot of a run of dots, a dot inside a name
 * (v1.0, a.b), the `?` of a lost character.
 */
export function halfwidthMarkAt(prose: string, i: number, excluded: Excluded): string | undefined {
  const c = prose[i];
  // Every key of FULL is ASCII up to `?` (0x3F): other characters are told by their code, not looked up.
  if (c === undefined || prose.charCodeAt(i) > 0x3f || !(c in FULL) || c === '(' || c === ')') {
    return undefined;
  }
  const prev = prose[i - 1];
  const next = prose[i + 1];
  if ((c === '.' || c === ',' || c === ':') && prev !== undefined && next !== undefined && /\d/.test(prev) && /\d/.test(next)) {
    return undefined;
  }
  if (c === '.' && (prev === '.' || next === '.' || (next !== undefined && ASCII_ALNUM.test(next)))) {
    return undefined;
  }
  if (c === '?' && GARBLED_TAIL.test(prose.slice(i + 1, i + 9))) {
    return undefined;
  }
  if (excluded.some((g) => g.start <= i && i < g.end)) {
    return undefined;
  }
  return FULL[c];
}

/** True when the character at `i` is a mark of a punctuation run: a full-width 。，、；：！？ or a half-width mark. */
export function isRunMark(prose: string, i: number, excluded: Excluded): boolean {
  const c = prose[i];
  return c !== undefined && (FULL_RUN_MARKS.includes(c) || halfwidthMarkAt(prose, i, excluded) !== undefined);
}

/**
 * Spaces, and the invisible characters script/invisible deletes (control characters, zero-width characters):
 * they do not separate a mark from the text it follows, since the same round of fixes removes them.
 */
const TRANSPARENT = /[\s\u0000-\u0008\u000e-\u001f\u007f-\u009f\u200b-\u200d\u2060]/;

/** Index of the nearest visible character before `i` (-1 when none). */
export function prevIndex(prose: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && TRANSPARENT.test(prose[j]!)) {
    j--;
  }
  return j;
}

/** Index of the nearest visible character at or after `i` (prose.length when none). */
export function nextIndex(prose: string, i: number): number {
  let j = i;
  while (j < prose.length && TRANSPARENT.test(prose[j]!)) {
    j++;
  }
  return j;
}

/**
 * True when the character at `j` reads as Chinese: a Chinese character or mark, a half-width mark this rule
 * converts (`converted`), or a straight quote next to Chinese text (punctuation/quotes makes it a Chinese quote).
 */
function chineseAt(prose: string, j: number, converted: ReadonlySet<number>): boolean {
  const ch = prose[j];
  if (ch === undefined || ch === MASK) {
    return false;
  }
  if (converted.has(j)) {
    return true;
  }
  if (ch === '"' || ch === "'") {
    const before = prose[prevIndex(prose, j)];
    const after = prose[nextIndex(prose, j + 1)];
    return (before !== undefined && before !== MASK && isHan(before)) || (after !== undefined && after !== MASK && isHan(after));
  }
  const lo = prose.charCodeAt(j);
  return isChinese(lo >= 0xdc00 && lo <= 0xdfff && j > 0 ? prose.slice(j - 1, j + 1) : ch);
}

/**
 * Chinese context of `[start, end)`: the nearest non-space character before it reads as Chinese, or the next
 * one is a Han character and the previous one is not a Latin letter or digit.
 */
export function chineseContext(prose: string, start: number, end: number, converted: ReadonlySet<number> = new Set()): boolean {
  const p = prevIndex(prose, start);
  if (p >= 0 && chineseAt(prose, p, converted)) {
    return true;
  }
  const prev = p >= 0 ? prose[p] : undefined;
  const next = prose[nextIndex(prose, end)];
  return next !== undefined && isHan(next) && (prev === undefined || prev === MASK || !ASCII_ALNUM.test(prev));
}

/** Extends `[start, end)` over ASCII spaces on either side that only separate the marks from Chinese. */
export function withSpaces(prose: string, start: number, end: number, converted: ReadonlySet<number> = new Set()): [number, number] {
  const [s, e] = spacesAround(prose, start, end);
  const before = s < start && s > 0 && chineseAt(prose, s - 1, converted) ? s : start;
  const after = e > end && e < prose.length && isChinese(prose[e]) ? e : end;
  return [before, after];
}

/** What punctuation/halfwidth and punctuation/duplicate convert in a paragraph. */
export interface HalfwidthPlan {
  /** The regions of lost characters (their `?` and `!` are not punctuation). */
  excluded: Excluded;
  /** Half-width parenthesis pairs in Chinese context (converted by punctuation/halfwidth). */
  parens: ReadonlyArray<readonly [number, number]>;
  /** Single half-width marks in Chinese context (converted by punctuation/halfwidth). */
  marks: readonly number[];
  /**
   * Starts of the runs of marks holding a half-width one that stand in Chinese context (converted and
   * collapsed by punctuation/duplicate).
   */
  runs: ReadonlySet<number>;
  /** Every half-width mark that becomes full-width, whichever rule converts it, and every straight quote. */
  converted: ReadonlySet<number>;
}

/** The end of the run of marks that starts at `i` (marks of isRunMark, possibly separated by spaces). */
export function runEnd(prose: string, i: number, excluded: Excluded): number {
  let end = i + 1;
  for (;;) {
    let j = end;
    while (j < prose.length && prose[j] === ' ') {
      j++;
    }
    if (j >= prose.length || !isRunMark(prose, j, excluded)) {
      return end;
    }
    end = j + 1;
  }
}

const EMPTY_PLAN: HalfwidthPlan = { excluded: [], parens: [], marks: [], runs: new Set(), converted: new Set() };
let lastPlan: { prose: string; services: Services; plan: HalfwidthPlan } | undefined;

/**
 * Decides which half-width marks of a paragraph are Chinese punctuation, for punctuation/halfwidth (single
 * marks, parentheses) and punctuation/duplicate (runs of marks) alike: whether a mark stands in Chinese
 * context depends on the marks around it that are converted too (`；(2)`: the `(` follows a `;` that becomes
 * `；`; `(刘备)!!`: the run follows a `)` that becomes `）`), whichever rule converts them, so the decision
 * is taken once, until it settles, and one round of fixes converts everything that a second would.
 */
export function halfwidthPlan(prose: string, services: Services): HalfwidthPlan {
  // Most paragraphs hold no half-width mark at all: one native scan decides.
  if (!CANDIDATE.test(prose)) {
    return EMPTY_PLAN;
  }
  // The two rules ask in turn for the same paragraph.
  if (lastPlan !== undefined && lastPlan.prose === prose && lastPlan.services === services) {
    return lastPlan.plan;
  }
  // Parentheses as pairs (an unmatched one is left to punctuation/pairs).
  const stack: number[] = [];
  const pairs: Array<[number, number]> = [];
  PARENS.lastIndex = 0;
  for (let m = PARENS.exec(prose); m; m = PARENS.exec(prose)) {
    if (m[0] === '(') {
      stack.push(m.index);
    } else if (stack.length > 0) {
      pairs.push([stack.pop()!, m.index]);
    }
  }
  const parens = pairs.filter(([open, close]) => {
    if (isPinyinAnnotation(prose, open, close)) {
      return false;
    }
    const inner = prose.slice(open + 1, close);
    return !(/^[\d.,]*$/.test(inner) && ASCII_ALNUM.test(prose[open - 1] ?? ''));
  });
  // A `?` that stands for a lost character belongs to script/garbled (重?fù)?dān), 六?!敝).
  const excluded = garbledRegions(prose, services);
  const marks: number[] = [];
  MARKS.lastIndex = 0;
  for (let m = MARKS.exec(prose); m; m = MARKS.exec(prose)) {
    const i = m.index;
    if (halfwidthMarkAt(prose, i, excluded) === undefined) {
      continue;
    }
    // A run of marks (!!!, ;;, .。, ! !) is punctuation/duplicate's: it converts and collapses it at once.
    let p = i - 1;
    while (p >= 0 && prose[p] === ' ') {
      p--;
    }
    let n = i + 1;
    while (n < prose.length && prose[n] === ' ') {
      n++;
    }
    if ((p >= 0 && isRunMark(prose, p, excluded)) || isRunMark(prose, n, excluded)) {
      continue;
    }
    marks.push(i);
  }
  // The runs with a half-width mark (punctuation/duplicate's), as [start, end, half-width marks].
  const runs: Array<[number, number, number[]]> = [];
  for (let i = 0; i < prose.length; i++) {
    if (!isRunCandidate(prose.charCodeAt(i)) || !isRunMark(prose, i, excluded)) {
      continue;
    }
    const end = runEnd(prose, i, excluded);
    const half: number[] = [];
    let count = 0;
    for (let k = i; k < end; k++) {
      if (prose[k] !== ' ') {
        count++;
        if (halfwidthMarkAt(prose, k, excluded) !== undefined) {
          half.push(k);
        }
      }
    }
    if (count >= 2 && half.length > 0) {
      runs.push([i, end, half]);
    }
    i = end - 1;
  }

  // Straight quotes that punctuation/quotes converts read as the Chinese quotes they become (`'(2)` in
  // `『(刘备)'(2)`). Which quotes pair up does not depend on the document's style.
  const converted = new Set<number>();
  if (/["'＂＇]/.test(prose)) {
    for (const q of planStraightQuotes(prose, 'curly', false).pairs) {
      if (q.openText !== undefined) {
        converted.add(q.open);
      }
      if (q.closeText !== undefined) {
        converted.add(q.close);
      }
    }
  }
  const flaggedPairs = new Set<number>();
  const chineseRuns = new Set<number>();
  for (let changed = true; changed; ) {
    changed = false;
    parens.forEach(([open, close], k) => {
      if (flaggedPairs.has(k)) {
        return;
      }
      if (/\p{Script=Han}/u.test(prose.slice(open + 1, close)) || chineseContext(prose, open, open + 1, converted)) {
        flaggedPairs.add(k);
        converted.add(open);
        converted.add(close);
        changed = true;
      }
    });
    for (const i of marks) {
      if (!converted.has(i) && chineseContext(prose, i, i + 1, converted)) {
        converted.add(i);
        changed = true;
      }
    }
    for (const [start, end, half] of runs) {
      if (!chineseRuns.has(start) && (FULL_RUN.test(prose.slice(start, end)) || chineseContext(prose, start, end, converted))) {
        chineseRuns.add(start);
        for (const k of half) {
          converted.add(k);
        }
        changed = true;
      }
    }
  }
  const plan: HalfwidthPlan = {
    excluded,
    parens: parens.filter((_, k) => flaggedPairs.has(k)),
    marks: marks.filter((i) => converted.has(i)),
    runs: chineseRuns,
    converted,
  };
  lastPlan = { prose, services, plan };
  return plan;
}
