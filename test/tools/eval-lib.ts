/**
 * The matching logic of the evaluation harness (test/tools/eval.ts), kept apart so that unit tests can check
 * it on hand-made examples (test/unit/eval.test.ts). Nothing here runs the analyzer or reads files.
 *
 * Definitions (see also server/data/gold/README.md):
 * - Spans are half-open UTF-16 ranges [start, end). Two spans overlap when they share a code unit; an empty
 *   span (a zero-width finding) overlaps a span that contains its position or ends or starts at it.
 * - A finding is a true positive (TP) when it overlaps a gold defect of a type compatible with its rule
 *   (RULE_TYPES), a false positive (FP) when it overlaps no gold defect at all, and a type mismatch when it
 *   overlaps only defects of other types. Type mismatches are shown in their own column and count neither
 *   way: precision = TP / (TP + FP). The gold README's wording ("one that overlaps nothing is a false
 *   positive") leaves them open; the column keeps them visible.
 * - Rules the gold has no defect type for (overused-phrase, sentence-opener, item-balance, lead-punctuation,
 *   and any rule id unknown here) accept every defect type: a finding is TP when it overlaps any gold defect,
 *   else FP; they have no recall.
 * - script/* rules: the gold has a `script` type but no defect of it in the test part; lost characters,
 *   mojibake and web residue (what script/garbled, script/pinyin-annotation and script/invisible find) are
 *   annotated as `typo` or `other` there, and a wrong-script character reads as a typo. So script/* findings
 *   are TP on `script`, `typo` or `other` defects; their recall counts `script` defects only.
 * - Recall never counts `other` defects (the README: they count for precision, not for recall).
 */

import * as fs from 'node:fs';
import * as path from 'node:path';

/** A half-open UTF-16 range. */
export interface Span {
  start: number;
  end: number;
}

/** A gold defect (server/data/gold/test.json). */
export interface GoldDefect extends Span {
  type: string;
  text: string;
  fix?: string | null;
  note?: string;
  line?: number;
}

/**
 * A finding on a *test* essay the gold editors did not annotate, read afterwards by a Wenfeng developer
 * (server/data/gold/read.json): `slip` is a real defect of the published essay, `false` a false alarm.
 */
export interface ReadFinding extends Span {
  file: string;
  text: string;
  rule: string;
  verdict: 'slip' | 'false';
  fix?: string;
  note: string;
}

/** The read findings of server/data/gold/read.json (an empty list when the file is absent). */
export function loadReadFindings(goldDir: string): ReadFinding[] {
  const file = path.join(goldDir, 'read.json');
  if (!fs.existsSync(file)) {
    return [];
  }
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { read?: ReadFinding[] };
  return doc.read ?? [];
}

/** The verdict read for a finding of `rule` at [start, end) in `file`, if someone read it. */
export function readVerdict(read: readonly ReadFinding[], file: string, rule: string, span: Span): ReadFinding['verdict'] | undefined {
  return read.find((r) => r.file === file && r.rule === rule && overlaps(r, span))?.verdict;
}

/**
 * Findings of one rule on the clean test essays, by how each is judged: in an annotated essay on a gold defect
 * (the essay's own slip) or on nothing annotated; in an unannotated essay read afterwards (read.json) as a real
 * slip or as false, or not read (counted as false).
 */
export interface CleanTally {
  findings: number;
  onGoldDefect: number;
  annotatedFalse: number;
  readSlip: number;
  readFalse: number;
  unread: number;
}

export type CleanJudgement = Exclude<keyof CleanTally, 'findings'>;

export function emptyTally(): CleanTally {
  return { findings: 0, onGoldDefect: 0, annotatedFalse: 0, readSlip: 0, readFalse: 0, unread: 0 };
}

/** Judges a finding of `rule` on the clean essay `file` (gold: its annotation, when annotated) and counts it in `tally`. */
export function judgeClean(tally: CleanTally, gold: GoldEssay | undefined, read: readonly ReadFinding[], file: string, rule: string, span: Span): CleanJudgement {
  let j: CleanJudgement;
  if (gold) {
    j = gold.defects.some((d) => overlaps(d, span)) ? 'onGoldDefect' : 'annotatedFalse';
  } else {
    const verdict = readVerdict(read, file, rule, span);
    j = verdict === 'slip' ? 'readSlip' : verdict === 'false' ? 'readFalse' : 'unread';
  }
  tally.findings++;
  tally[j]++;
  return j;
}

/** False alarms per 20,000 characters: every finding neither on a gold defect nor read as a real slip. */
export function falseAlarmRate(tally: CleanTally, chars: number): number {
  return per20k(tally.findings - tally.onGoldDefect - tally.readSlip, chars);
}

/** The sentence of the eval's output that gives a tally and its rate. */
export function describeTally(t: CleanTally, chars: number): string {
  return `Findings on the clean test essays: ${t.findings} in ${chars} characters; ${t.onGoldDefect} on a gold defect (the essay's own slip), ` +
    `${t.annotatedFalse} on nothing annotated; in unannotated essays ${t.readSlip} read as real slips (server/data/gold/read.json), ` +
    `${t.readFalse} read as false, ${t.unread} unread (counted as false) = ${falseAlarmRate(t, chars).toFixed(2)} false alarms per 20,000 characters`;
}

/** A gold distractor: what a naive detector would wrongly flag. */
export interface GoldDistractor extends Span {
  text: string;
  note?: string;
}

/** An annotated series item. */
export interface GoldItem extends Span {
  opening: string;
  line?: number;
}

/** An annotated series. */
export interface GoldSeries {
  id: string;
  kind: string;
  frame?: string;
  consistent?: string;
  items: GoldItem[];
}

/** One annotated essay. */
export interface GoldEssay {
  file: string;
  series: GoldSeries[];
  defects: GoldDefect[];
  distractors: GoldDistractor[];
  notes?: string;
}

/** True when the spans share a code unit; an empty span overlaps a span it touches or lies in. */
export function overlaps(a: Span, b: Span): boolean {
  if (a.start === a.end) {
    return b.start <= a.start && a.start <= b.end;
  }
  if (b.start === b.end) {
    return a.start <= b.start && b.start <= a.end;
  }
  return a.start < b.end && b.start < a.end;
}

/** Which gold defect types a rule's findings may match (precision) and which its recall counts. */
export interface RuleTypes {
  /** Types a finding may overlap to be a TP; `any`: every type. */
  precision: ReadonlySet<string> | 'any';
  /** Types whose defects the rule's recall counts (empty: no recall). */
  recall: ReadonlySet<string>;
}

const ANY: RuleTypes = { precision: 'any', recall: new Set() };
const SCRIPT: RuleTypes = { precision: new Set(['script', 'typo', 'other']), recall: new Set(['script']) };

const one = (type: string): RuleTypes => ({ precision: new Set([type]), recall: new Set([type]) });

/** The mapping rule → gold defect types for the rules of today's registry. */
export const RULE_TYPES: Readonly<Record<string, RuleTypes>> = {
  'repetition/duplicate-paragraph': one('duplicate-paragraph'),
  'repetition/duplicate-sentence': one('duplicate-sentence'),
  'repetition/doubled-word': one('doubled-char'),
  'repetition/overused-phrase': ANY,
  'repetition/sentence-opener': ANY,
  'structure/ordinal-sequence': one('ordinal'),
  'structure/announced-count': one('count'),
  'structure/frame-mismatch': one('frame'),
  'structure/orphan-ordinal': one('orphan'),
  'structure/item-balance': ANY,
  'structure/lead-punctuation': ANY,
  // A confusable word the annotators typed as a typo (布署 以经 在次) is still a true positive.
  'phrasing/confusable': { precision: new Set(['confusable', 'typo']), recall: new Set(['confusable']) },
  // A slip in a set phrase: the annotators' typo (再接再励), or a confusable pair inside one (充分反应).
  'phrasing/near-canonical': { precision: new Set(['typo', 'confusable']), recall: new Set(['typo']) },
};

/** The gold types of a rule: the table above, else by category (punctuation/*, script/*), else any. */
export function ruleTypes(rule: string): RuleTypes {
  const direct = RULE_TYPES[rule];
  if (direct) {
    return direct;
  }
  if (rule.startsWith('punctuation/')) {
    return one('punctuation');
  }
  if (rule.startsWith('script/')) {
    return SCRIPT;
  }
  return ANY;
}

/** True when a finding of `rule` may match a defect of `type`. */
export function compatible(rule: string, type: string): boolean {
  const p = ruleTypes(rule).precision;
  return p === 'any' || p.has(type);
}

/** How a finding compares with the gold of its essay. */
export interface Verdict {
  outcome: 'tp' | 'fp' | 'type-mismatch';
  /** Indices (into the essay's defects) of the compatible defects the finding overlaps. */
  matched: number[];
  /** True when the finding overlaps a gold distractor. */
  distractor: boolean;
}

/** Classifies one finding of `rule` over `span` against an essay's defects and distractors. */
export function classify(rule: string, span: Span, defects: readonly GoldDefect[], distractors: readonly GoldDistractor[]): Verdict {
  const matched: number[] = [];
  let any = false;
  defects.forEach((d, i) => {
    if (overlaps(span, d)) {
      any = true;
      if (compatible(rule, d.type)) {
        matched.push(i);
      }
    }
  });
  const distractor = distractors.some((d) => overlaps(span, d));
  return { outcome: matched.length > 0 ? 'tp' : any ? 'type-mismatch' : 'fp', matched, distractor };
}

/** How many item openings of a found series match an annotated series' item starts. */
export interface SeriesMatch {
  /** Found items matched one to one to gold items within the tolerance. */
  matched: number;
  found: number;
  gold: number;
  /** More than half of the found series' openings match (the gold README's criterion). */
  matches: boolean;
  /** Also more than half of the gold series' items are matched (reported alongside, stricter). */
  strict: boolean;
}

/**
 * Matches the openings of a found series with the starts of a gold series' items, one to one, each found
 * opening to the nearest free gold start within `tolerance` code units (openings in order, so a series is
 * matched deterministically).
 */
export function matchSeries(found: readonly number[], gold: readonly number[], tolerance = 3): SeriesMatch {
  const used = new Array<boolean>(gold.length).fill(false);
  let matched = 0;
  for (const f of found) {
    let best = -1;
    let bestDistance = Infinity;
    gold.forEach((g, i) => {
      const d = Math.abs(g - f);
      if (!used[i] && d <= tolerance && d < bestDistance) {
        best = i;
        bestDistance = d;
      }
    });
    if (best >= 0) {
      used[best] = true;
      matched++;
    }
  }
  const matches = found.length > 0 && matched * 2 > found.length;
  return { matched, found: found.length, gold: gold.length, matches, strict: matches && matched * 2 > gold.length };
}

/** The series of one essay matched both ways. */
export interface SeriesComparison {
  /** Per gold series: whether some found series matches it (README criterion / strict criterion). */
  goldMatched: boolean[];
  goldMatchedStrict: boolean[];
  /** Per found series: whether it matches some gold series. */
  foundMatched: boolean[];
}

/** Compares an essay's found series (their item openings) with its gold series. */
export function compareSeries(found: ReadonlyArray<readonly number[]>, gold: ReadonlyArray<readonly number[]>, tolerance = 3): SeriesComparison {
  const goldMatched = gold.map(() => false);
  const goldMatchedStrict = gold.map(() => false);
  const foundMatched = found.map((f) => {
    let hit = false;
    gold.forEach((g, j) => {
      const m = matchSeries(f, g, tolerance);
      if (m.matches) {
        hit = true;
        goldMatched[j] = true;
        if (m.strict) {
          goldMatchedStrict[j] = true;
        }
      }
    });
    return hit;
  });
  return { goldMatched, goldMatchedStrict, foundMatched };
}

/**
 * Marks as matched the gold series of a single item (an ordinal judged on its own, such as an orphan 首先) that
 * the outline lists as an orphan ordinal within `tolerance` code units: a found series has two items or more,
 * so a lone ordinal is never one, and the orphan list is how the outline reports it. Multi-item gold series
 * and the found series' precision are not touched.
 */
export function matchSingles(cmp: SeriesComparison, gold: ReadonlyArray<readonly number[]>, orphans: readonly number[], tolerance = 3): void {
  gold.forEach((g, j) => {
    if (g.length === 1 && orphans.some((o) => Math.abs(o - g[0]!) <= tolerance)) {
      cmp.goldMatched[j] = true;
      cmp.goldMatchedStrict[j] = true;
    }
  });
}

/** A deterministic pseudo-random generator (mulberry32): numbers in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A generator that depends only on `seed` and `keys` (an essay's name, a series' id …): an FNV-style hash of the
 * keys joined by NUL, started from `seed`, into mulberry32. Giving each essay (or site) its own generator keeps what is injected into one
 * essay from moving when another essay is read differently.
 */
export function rngFor(seed: number, ...keys: ReadonlyArray<string | number>): () => number {
  let h = seed >>> 0;
  for (const ch of keys.join('\u0000')) {
    h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  }
  return rng(h);
}

/** A doubled character to insert: `char` inserted at `at` of the clean text (before the original copy). */
export interface Injection {
  at: number;
  char: string;
  /** What was doubled: the first or last character of a dictionary word, or a function word. */
  kind: 'word-first' | 'word-last' | 'function';
  /** The word that was doubled (as in the clean text). */
  word: string;
}

/** A word of a text as a segmenter cut it. */
export interface WordToken {
  text: string;
  start: number;
  end: number;
}

/** Function words doubled by the injection (one character each). */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set(['的', '了', '和', '在', '是', '要', '把', '对', '与', '将']);

const HAN = /^[\u4e00-\u9fff]+$/;

/** Options of planInjections. */
export interface InjectionPlan {
  /** Dictionary words to double a character of, per text. */
  words: number;
  /** Function words to double, per text. */
  functionWords: number;
  /** Minimum distance in code units between two injections. */
  spacing: number;
}

/**
 * Picks where to double a character in a text: Han dictionary words of two or more characters (first or
 * last character, at random) and one-character function words. A site is skipped when the doubled character
 * would touch another copy of itself (it would make three in a row, or a reduplication already there).
 */
export function planInjections(text: string, tokens: readonly WordToken[], isWord: (w: string) => boolean, random: () => number, plan: InjectionPlan): Injection[] {
  const words: Injection[] = [];
  const functions: Injection[] = [];
  for (const t of tokens) {
    if (!HAN.test(t.text)) {
      continue;
    }
    if (t.text.length === 1 && FUNCTION_WORDS.has(t.text)) {
      functions.push({ at: t.start, char: t.text, kind: 'function', word: t.text });
    } else if (t.text.length >= 2 && isWord(t.text)) {
      const last = random() < 0.5;
      const at = last ? t.end - 1 : t.start;
      words.push({ at, char: text[at]!, kind: last ? 'word-last' : 'word-first', word: t.text });
    }
  }
  const chosen: Injection[] = [];
  const pick = (pool: Injection[], n: number): void => {
    let taken = 0;
    while (taken < n && pool.length > 0) {
      const i = Math.floor(random() * pool.length);
      const c = pool.splice(i, 1)[0]!;
      const before = text[c.at - 1];
      const after = text[c.at + 1];
      if (before === c.char || after === c.char) {
        continue;
      }
      if (chosen.some((x) => Math.abs(x.at - c.at) < plan.spacing)) {
        continue;
      }
      chosen.push(c);
      taken++;
    }
  };
  pick(words, plan.words);
  pick(functions, plan.functionWords);
  return chosen.sort((a, b) => a.at - b.at);
}

/** The text with the injections made, and the span [at, at + 2) of each doubled pair in the new text. */
export function applyInjections(text: string, injections: readonly Injection[]): { text: string; sites: Span[] } {
  const sorted = [...injections].sort((a, b) => a.at - b.at);
  let out = '';
  let from = 0;
  const sites: Span[] = [];
  for (const inj of sorted) {
    out += text.slice(from, inj.at);
    const at = out.length;
    out += inj.char;
    from = inj.at;
    sites.push({ start: at, end: at + inj.char.length * 2 });
  }
  out += text.slice(from);
  return { text: out, sites };
}

/** Rate per 20,000 characters (code points). */
export function per20k(count: number, chars: number): number {
  return chars === 0 ? 0 : (count * 20_000) / chars;
}

/** Number of code points of a text. */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) {
      n++;
    }
  }
  return n;
}

/** The 1-based line of a UTF-16 offset. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
  }
  return line;
}

/** The span's text with `context` code units either side, line breaks and tabs shown as ⏎ and ⇥. */
export function excerpt(text: string, span: Span, context = 10): string {
  const show = (s: string): string => s.replace(/\r?\n/g, '⏎').replace(/\t/g, '⇥');
  return `${show(text.slice(Math.max(0, span.start - context), span.start))}【${show(text.slice(span.start, span.end))}】${show(text.slice(span.end, span.end + context))}`;
}

/** A ratio, or null when the denominator is 0. */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

/** A ratio as a percentage with one decimal, `—` for null. */
export function pct(r: number | null): string {
  return r === null ? '—' : `${(r * 100).toFixed(1)}%`;
}
