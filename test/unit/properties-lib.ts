/**
 * Property-based tests of the core (analyzer, applyFixes, the script converter) and the CLI, with fast-check.
 * Shared by the quick run in `npm test` (test/unit/properties.test.ts) and the long run
 * (test/tools/properties-long.ts): this module only defines generators and properties and registers them
 * with node:test through registerPropertyTests(); it registers nothing when merely loaded.
 *
 * Properties (the letters follow issue 13):
 *  (a) analyze never throws;
 *  (b) every finding's range and every fix edit lies inside the document, start <= end, on code-point
 *      boundaries (never between the halves of a surrogate pair);
 *  (c) fix is idempotent: fix(fix(x)) === fix(x), where fix is what `wenfeng fix` does (analyze and
 *      applyFixes, repeated until the text is stable, at most 10 rounds);
 *  (d) every character fix changes lies within a finding check reported for that same text;
 *  (e) converting to the text's own script is the identity, and Simplified -> Traditional -> Simplified
 *      round-trips;
 *  (f) analysis time grows roughly linearly (input of size 4n takes at most ~2.5 times the linear share);
 *  plus the CLI (spawned) agreeing with the core on check ranges, fix output and convert.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../protocol/settings';
import { applyFixes, createAnalyzer, type AnalysisConfig, type Finding, type TextEdit, type TextFormat } from '../../server/src/analysis';
import { getServices } from '../../server/src/services';
import type { Services } from '../../server/src/analysis';
import { toAnalysisConfig } from '../../server/src/shared/config';
import { CORPUS, ROOT, corpusEssays, getAnalyzer } from './helpers';

// ---------------------------------------------------------------------------------------------------------
// The code paths under test, the way the CLI and the server run them.

/** The configuration `wenfeng check` / `wenfeng fix` use without a project file. */
const CLI_CONFIG: AnalysisConfig = toAnalysisConfig(DEFAULT_SETTINGS);

/** `wenfeng check`: the findings of a text under the default settings. */
export function checkText(text: string, format: TextFormat): Finding[] {
  return getAnalyzer().analyze(text, { format, config: CLI_CONFIG }).findings;
}

/**
 * Whether analyze runs on the text at all: (b), (c) and (d) take that as a precondition (fc.pre), so that a
 * crash, which (a) reports, does not hide what they check on every other input.
 */
function analyzable(text: string, format: TextFormat): boolean {
  try {
    checkText(text, format);
    return true;
  } catch {
    return false;
  }
}

/** One round of fix-all: applyFixes over every finding (the server's source.fixAll.wenfeng does exactly this). */
export function fixRound(text: string, format: TextFormat): { text: string; edits: TextEdit[]; findings: Finding[] } {
  const findings = checkText(text, format);
  const { text: next, edits } = applyFixes(text, findings);
  return { text: next, edits, findings };
}

/**
 * `wenfeng fix` (server/src/cli/main.ts fixText): rounds of fix-all until the text is stable, at most 10.
 * Returns every round's edits (each in the coordinates of the text that round started from).
 */
export function fixText(text: string, format: TextFormat): { text: string; rounds: TextEdit[][] } {
  let current = text;
  const rounds: TextEdit[][] = [];
  for (let round = 0; round < 10; round++) {
    const r = fixRound(current, format);
    if (r.text === current) {
      break;
    }
    rounds.push(r.edits);
    current = r.text;
  }
  return { text: current, rounds };
}

// ---------------------------------------------------------------------------------------------------------
// Material: sentences of the real corpus.

const HAN = /\p{Script=Han}/u;

interface Material {
  /** Corpus sentences (ending with their mark), shortest first so that shrinking lands on short ones. */
  sentences: string[];
  /** Corpus sentences with at least two clauses (split on ，；). */
  multiClause: string[];
  /** Sentences with no Traditional-only character (Simplified text by the converter's own sets). */
  simplified: string[];
  /** The same sentences converted to Traditional. */
  traditional: string[];
  /** Whole paragraphs (lines) of Simplified essays. */
  simplifiedParagraphs: string[];
}

let material: Material | undefined;

/** Reads the corpus once: a deterministic sample of sentences and paragraphs. */
export function getMaterial(): Material {
  if (material) {
    return material;
  }
  const converter = getServices().converter;
  const sentences = new Set<string>();
  const paragraphs: string[] = [];
  const files = corpusEssays();
  // Every 5th essay: some 200 essays, plenty of sentences, a fraction of the reading time.
  for (let i = 0; i < files.length; i += 5) {
    const text = fs.readFileSync(path.join(CORPUS, 'shenlun', files[i]!), 'utf8');
    for (const line of text.split(/\r?\n/)) {
      const p = line.trim();
      if (p.length >= 10 && p.length <= 400 && HAN.test(p)) {
        paragraphs.push(p);
      }
      for (const s of p.split(/(?<=[。！？])/u)) {
        if (s.length >= 4 && s.length <= 120 && HAN.test(s)) {
          sentences.add(s);
        }
      }
    }
  }
  const isSimplified = (s: string): boolean => ![...s].some((ch) => converter.isTraditionalOnly(ch));
  const sorted = [...sentences].sort((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
  const simplified = sorted.filter(isSimplified).slice(0, 3000);
  material = {
    sentences: sorted,
    multiClause: sorted.filter((s) => /[，；]/u.test(s.slice(0, -1))),
    simplified,
    traditional: simplified.slice(0, 800).map((s) => converter.convert(s, 'traditional')),
    simplifiedParagraphs: paragraphs.filter(isSimplified).sort((a, b) => a.length - b.length).slice(0, 2000),
  };
  return material;
}

/** A sentence's clauses with the mark that ends each (，；or the sentence's own end). */
export function clauses(sentence: string): string[] {
  return sentence.split(/(?<=[，；])/u).filter((c) => c.length > 0);
}

/** The clauses of a sentence in another order (the last clause keeps the sentence's end mark where it goes). */
function permuteClauses(sentence: string, order: readonly number[]): string {
  const parts = clauses(sentence);
  return order.map((i) => parts[i]!).join('');
}

// ---------------------------------------------------------------------------------------------------------
// Generators.

/** Size of generated documents: `fast` for npm test, `long` for the long run. */
export interface Scale {
  /** Pieces per document. */
  pieces: number;
  /** Lines in a block of short lines. */
  shortLines: number;
}

export const FAST: Scale = { pieces: 24, shortLines: 300 };
export const LONG: Scale = { pieces: 80, shortLines: 4000 };

const PUNCT = ['!', ';', '?', ',', '.', ':', '-', '！', '；', '？', '，', '。', '：', '—', '…', '、', '·', '~', '～'];
const OPENERS = ['(', '（', '“', '「', '《', '‘', '"', "'", '[', '【', '『', '〈'];
const CLOSERS = [')', '）', '”', '」', '》', '’', '"', "'", ']', '】', '』', '〉'];
const ORDINALS = ['一、', '二、', '三、', '四、', '（一）', '（二）', '（三）', '(一)', '1.', '2.', '3. ', '1、', '一是', '二是', '三是', '一要', '二要', '第一，', '第二，', '首先，', '其次，', '最后，', '①', '②', '③', '（1）', '(2)'];
// Han of neither script only (𰻞, the Traditional biáng, would make a "Simplified" text mixed).
const ASTRAL = ['𠮷', '𠮷𠮷', '😀', '👍🏽', '👨‍👩‍👧', '🇨🇳', '𝐀', '𪚥', '𤆬'];
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\t', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085'];
const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00a0', '\u3000', '\u202e'];
const NEWLINES = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\r\r', '\n\r'];
const PINYIN_HOSTS = ['關', '关', '重', '負', '负', '擔', '担', '發', '行', '长', '長', '着'];
const PINYIN = ['guān', 'zhòng', 'dān', 'fù', 'fā', 'háng', 'xíng', 'zhǎng', 'cháng', 'zhe', 'zhuó', 'lǜ', 'nǚ'];
const TRADITIONAL_WORDS = ['發展', '關注', '經濟', '國家', '學習', '負擔', '頭髮', '乾淨', '後來', '隻', '著作', '顯著', '瞭解', '裡面', '於是', '臺灣', '台灣', '為人民服務'];
/**
 * Traditional text written by hand in Taiwan's standard forms (為, 裡, 群眾, 著), not made by the converter
 * under test: a converter that systematically rewrites a character would keep its own output unchanged.
 */
const TAIWAN_SENTENCES = [
  '為人民服務是我們的宗旨。',
  '堅持以人民為中心的發展思想。',
  '關於加強黨的建設的意見。',
  '我們要著力解決群眾反映強烈的突出問題。',
  '在新時代裡面，後來的發展更加顯著。',
  '這項工作提高了幹部的學習積極性。',
  '發揮基層黨組織的戰鬥堡壘作用。',
  '一、總體要求\n（一）指導思想。',
  '只有這樣，才能讓群眾滿意。',
];
/** The lines of an outline over and over: headings, sub-items, series items, a short line. */
const SKELETON = ['一是加强学习。', '二是提高认识，做好各项工作。', '三、', '（一）落实', '1. 好', '首先，我们要发展。', '短'];
const MARKDOWN = [
  '```\nconst a = 1;;; // 注释，,\n```\n',
  '~~~js\nif (x) {!!!}\n~~~\n',
  '    缩进代码;;;\n',
  '`inline;code()`',
  'https://example.com/path?a=1,b=2;c=3#frag',
  '<https://example.org/一二三>',
  '[链接](http://example.com/a_(b))',
  'someone@example.com',
  '# 标题',
  '## 一、总体要求\n',
  '- 列表项，',
  '1. 有序项',
  '> 引用：',
  '| 表头 | 表头 |\n|---|---|\n| 一 | 二 |\n',
  '**加粗**',
  '<!-- wenfeng-disable punctuation -->',
  '<!-- wenfeng-enable -->',
  '<!-- wenfeng-disable-next-line -->\n',
  '---\n',
];
const MISC = ['1,000.50', '3.14', '2024年', '50%', 'GDP', 'Hello, world.', 'e.g.', 'A.B.C.', '...', '……', '——', '--', '要要', '的的', '我们我们', '研究研究', '谢谢', '。。', '，，', '以下三个方面', '打好“五张牌”'];
const SHORT = ['一', '好', '一是加强。', '二、', '（一）', '1.', '。', '！！', '', ' ', '  要要', '發', '𠮷', '首先，', '短句，', 'a'];

/** Repeats of a single mark or a mixed run of marks, full and half width. */
const punctuationRun: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.constantFrom(...PUNCT), fc.integer({ min: 2, max: 40 })).map(([m, n]) => m.repeat(n)),
  fc.array(fc.constantFrom(...PUNCT), { minLength: 2, maxLength: 16 }).map((a) => a.join('')),
);

const loneSurrogate: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 0xd800, max: 0xdbff }),
  fc.integer({ min: 0xdc00, max: 0xdfff }),
).map((c) => String.fromCharCode(c));

/** A pinyin annotation, possibly repeated: 關(guān)注, 关(guān)(guān). */
const pinyinAnnotation: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...PINYIN_HOSTS), fc.constantFrom(...PINYIN), fc.integer({ min: 1, max: 4 }), fc.constantFrom('', '注', '要', '，', '。'), fc.boolean())
  .map(([host, py, n, after, fullwidth]) => host + (fullwidth ? `（${py}）` : `(${py})`).repeat(n) + after);

/** Builds the document arbitrary over the corpus material. */
export function documentArbitrary(scale: Scale): fc.Arbitrary<string> {
  const m = getMaterial();
  const sentence = fc.constantFrom(...m.sentences);
  const permuted = fc
    .constantFrom(...m.multiClause)
    .chain((s) => fc.shuffledSubarray([...clauses(s).keys()], { minLength: clauses(s).length, maxLength: clauses(s).length }).map((order) => permuteClauses(s, order)));
  // A paragraph, then the same paragraph with its clauses in another order (near-duplicate paragraphs).
  const permutedPair = fc
    .tuple(fc.constantFrom(...m.multiClause), fc.constantFrom(...m.multiClause), fc.constantFrom('\n', '\r\n', '\n\n'))
    .chain(([a, b, nl]) => {
      const text = a + b;
      const n = clauses(text).length;
      return fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }).map((order) => `${text}${nl}${permuteClauses(text, order)}${nl}`);
    });
  // A sentence said two or three times in a paragraph, then that paragraph rotated at a clause boundary: the
  // clauses of the one in another order (and, the text being periodic, exactly the same 5-grams).
  const rotatedRepeat = fc
    .tuple(fc.constantFrom(...m.multiClause), fc.integer({ min: 2, max: 3 }), fc.nat(), fc.constantFrom('\n', '\r\n', '\n\n'))
    .map(([s, k, r, nl]) => {
      const text = s.repeat(k);
      const parts = clauses(text);
      const at = 1 + (r % (parts.length - 1));
      return `${text}${nl}${[...parts.slice(at), ...parts.slice(0, at)].join('')}${nl}`;
    });
  const nested = fc
    .tuple(fc.array(fc.constantFrom(...OPENERS), { minLength: 1, maxLength: 5 }), sentence, fc.array(fc.constantFrom(...CLOSERS), { maxLength: 5 }))
    .map(([open, s, close]) => open.join('') + s + close.join(''));
  const traditional = fc.oneof(fc.constantFrom(...m.traditional), fc.constantFrom(...TRADITIONAL_WORDS));
  const ordinal = fc.tuple(fc.constantFrom(...ORDINALS), sentence, fc.constantFrom('\n', '\r\n', '')).map(([o, s, nl]) => o + s + nl);
  const shortLines = fc
    .tuple(fc.array(fc.constantFrom(...SHORT), { minLength: 1, maxLength: scale.shortLines }), fc.constantFrom('\n', '\r\n', '\r'))
    .map(([lines, nl]) => lines.join(nl) + nl);
  const piece = fc.oneof(
    { arbitrary: sentence, weight: 8 },
    { arbitrary: permuted, weight: 2 },
    { arbitrary: permutedPair, weight: 1 },
    { arbitrary: rotatedRepeat, weight: 1 },
    { arbitrary: punctuationRun, weight: 3 },
    { arbitrary: loneSurrogate, weight: 1 },
    { arbitrary: fc.constantFrom(...ASTRAL), weight: 1 },
    { arbitrary: fc.constantFrom(...NEWLINES), weight: 5 },
    { arbitrary: fc.constantFrom(...CONTROLS), weight: 1 },
    { arbitrary: fc.constantFrom(...INVISIBLE), weight: 1 },
    { arbitrary: nested, weight: 2 },
    { arbitrary: fc.constantFrom(...OPENERS, ...CLOSERS), weight: 1 },
    { arbitrary: pinyinAnnotation, weight: 2 },
    { arbitrary: traditional, weight: 2 },
    { arbitrary: ordinal, weight: 3 },
    { arbitrary: shortLines, weight: 1 },
    { arbitrary: fc.constantFrom(...MARKDOWN), weight: 2 },
    { arbitrary: fc.constantFrom(...MISC), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 1 },
  );
  return fc.array(piece, { maxLength: scale.pieces }).map((parts) => parts.join(''));
}

const formatArbitrary: fc.Arbitrary<TextFormat> = fc.constantFrom<TextFormat>('plaintext', 'markdown');

// ---------------------------------------------------------------------------------------------------------
// Assertions.

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

/** Whether offset `p` falls between two code points (not between a high and a low surrogate of one pair). */
export function onCodePointBoundary(text: string, p: number): boolean {
  return !(p > 0 && p < text.length && isHigh(text.charCodeAt(p - 1)) && isLow(text.charCodeAt(p)));
}

/** Asserts that [start, end) is a valid range of `text` on code-point boundaries. */
function assertRange(text: string, start: number, end: number, what: string): void {
  assert.ok(Number.isInteger(start) && Number.isInteger(end), `${what}: non-integer offsets ${start}-${end}`);
  assert.ok(start >= 0 && end <= text.length, `${what}: ${start}-${end} outside the document (length ${text.length})`);
  assert.ok(start <= end, `${what}: start ${start} after end ${end}`);
  assert.ok(onCodePointBoundary(text, start), `${what}: start ${start} splits a surrogate pair`);
  assert.ok(onCodePointBoundary(text, end), `${what}: end ${end} splits a surrogate pair`);
}

/** (b) for one text: findings and every edit of every fix. */
export function assertRangesValid(text: string, findings: readonly Finding[]): void {
  for (const f of findings) {
    assertRange(text, f.start, f.end, `finding ${f.rule}`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) {
        assertRange(text, e.start, e.end, `fix edit of ${f.rule}`);
      }
    }
  }
}

/**
 * Maps an offset of the text after `edits` (sorted, non-overlapping, in the coordinates of the text before)
 * back to the text before. An offset inside text an edit inserted maps to that edit's range: to its start
 * for the start of a region (`side` 'start') unless it is the insertion's very end, to its end for the end
 * of a region unless it is the insertion's very start.
 */
export function mapBack(edits: readonly TextEdit[], pos: number, side: 'start' | 'end'): number {
  let delta = 0;
  for (const e of edits) {
    const imageStart = e.start + delta;
    const imageEnd = imageStart + e.newText.length;
    if (pos < imageStart) {
      return pos - delta;
    }
    if (pos <= imageEnd) {
      if (side === 'start') {
        return pos === imageEnd ? e.end : e.start;
      }
      return pos === imageStart ? e.start : e.end;
    }
    delta += e.newText.length - (e.end - e.start);
  }
  return pos - delta;
}

/** The regions of the original text that fix changed: each round's edits mapped back to round 0. */
export function changedRegions(rounds: readonly TextEdit[][]): Array<{ start: number; end: number; round: number; newText: string }> {
  const out: Array<{ start: number; end: number; round: number; newText: string }> = [];
  rounds.forEach((edits, round) => {
    for (const e of edits) {
      let s = e.start;
      let t = e.end;
      for (let k = round - 1; k >= 0; k--) {
        s = mapBack(rounds[k]!, s, 'start');
        t = mapBack(rounds[k]!, t, 'end');
      }
      out.push({ start: Math.min(s, t), end: Math.max(s, t), round, newText: e.newText });
    }
  });
  return out;
}

/**
 * (d) Every region fix changes lies within what check reported for the original text: an edit of the first
 * round inside one finding; a later round's edit, mapped back, inside the findings' union (a later round may
 * finish a fix skipped for overlapping another, so it may straddle two adjacent findings).
 */
export function assertFixWithinFindings(text: string, format: TextFormat): void {
  const findings = checkText(text, format);
  const { rounds } = fixText(text, format);
  const covered = new Uint8Array(text.length + 1);
  for (const f of findings) {
    covered.fill(1, f.start, f.end);
  }
  const inOne = (s: number, t: number): boolean => findings.some((f) => f.start <= s && t <= f.end);
  for (const r of changedRegions(rounds)) {
    const where = `edit ${JSON.stringify(text.slice(r.start, r.end))} at ${r.start}-${r.end} → ${JSON.stringify(r.newText)} (fix round ${r.round + 1})`;
    if (r.round === 0 || r.start === r.end) {
      assert.ok(inOne(r.start, r.end), `${where} lies in no finding check reported; findings: ${findings.map((f) => `${f.rule} ${f.start}-${f.end}`).join(', ')}`);
    } else {
      for (let i = r.start; i < r.end; i++) {
        assert.ok(covered[i] === 1, `${where} changes offset ${i}, which no finding check reported covers; findings: ${findings.map((f) => `${f.rule} ${f.start}-${f.end}`).join(', ')}`);
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------------------
// Timing (f).

/** Milliseconds of one cold analysis (a fresh analyzer: no paragraph caches) of `text`. */
function timeAnalysis(text: string, format: TextFormat): number {
  const analyzer = createAnalyzer(getServices());
  const t0 = process.hrtime.bigint();
  analyzer.analyze(text, { format, config: CLI_CONFIG });
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/**
 * A text of about `size` code units from a pattern of line kinds, drawing ever new corpus sentences (so a
 * larger text is not the smaller one's paragraphs over again, which the analyzer's caches would make cheap).
 */
export function sizedText(pattern: readonly number[], start: number, size: number): string {
  const m = getMaterial();
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < size; i++) {
    const s = m.sentences[(start + i * 7919) % m.sentences.length]!;
    const kind = pattern[i % pattern.length]!;
    const line =
      kind === 0 ? s
      : kind === 1 ? `${ORDINALS[i % ORDINALS.length]!}${s}`
      : kind === 2 ? SHORT[i % SHORT.length]!
      : kind === 3 ? `${s.slice(0, -1)}!!!!;;;`
      : kind === 4 ? `${s}${s.slice(0, 8)}(guān)`
      : kind === 5 ? ''
      : kind === 6 ? `${ORDINALS[i % ORDINALS.length]!}${s.slice(0, 1 + (i % 6))}。`
      : SKELETON[i % SKELETON.length]!;
    parts.push(line);
    length += line.length + 1;
  }
  return parts.join('\n');
}

/**
 * (f) analysis of a 4n text takes at most `factor` times the n text's (min of `runs` runs each):
 * 4 for linear time, so `factor` 10 leaves 2.5x room for noise and constant costs.
 */
export function assertRoughlyLinear(pattern: readonly number[], start: number, n: number, runs: number, factor: number): void {
  // The shared analyzer of the other properties holds up to 50,000 paragraphs: drop them, so that the
  // measurement does not pay for a full heap's garbage collection.
  getAnalyzer().clearCaches();
  const small = sizedText(pattern, start, n);
  const large = sizedText(pattern, start, 4 * n);
  timeAnalysis(small, 'plaintext'); // warm-up (JIT)
  let tSmall = Infinity;
  for (let r = 0; r < runs; r++) {
    tSmall = Math.min(tSmall, timeAnalysis(small, 'plaintext'));
  }
  // A floor for the small run so that a sub-millisecond measurement does not make the ratio meaningless.
  const bound = factor * Math.max(tSmall, 5);
  let tLarge = Infinity;
  for (let r = 0; r < runs; r++) {
    tLarge = Math.min(tLarge, timeAnalysis(large, 'plaintext'));
    // Within the bound: done. Three times over it: no noise explains that, and a superlinear run is slow
    // enough that repeating it only wastes time.
    if (tLarge <= bound || tLarge > 3 * bound) {
      break;
    }
  }
  const ratio = tLarge / Math.max(tSmall, 5);
  assert.ok(
    tLarge <= bound,
    `analysis of ${large.length} code units (${large.split('\n').length} lines) took ${tLarge.toFixed(1)} ms, ${ratio.toFixed(1)}x the ${tSmall.toFixed(1)} ms of ${small.length} (linear: 4x, allowed ${factor}x); line kinds ${JSON.stringify(pattern)}`,
  );
}

// ---------------------------------------------------------------------------------------------------------
// The CLI.

const CLI = path.join(ROOT, 'dist', 'cli.js');

function spawnCli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8') }));
  });
}

/** The text the CLI reads from a file holding `text` written as UTF-8 (lone surrogates become U+FFFD; a BOM is dropped). */
function asReadByCli(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8').replace(/^\uFEFF/, '');
}

/** UTF-16 offset of an LSP position (lines end at \r\n, \r or \n). */
function offsetAt(text: string, line: number, character: number): number {
  let l = 0;
  let i = 0;
  while (l < line && i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) {
      i += 2;
      l++;
    } else if (c === 13 || c === 10) {
      i++;
      l++;
    } else {
      i++;
    }
  }
  assert.equal(l, line, `line ${line} past the end of the text`);
  return i + character;
}

interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** The CLI on a temp file: check --format json and fix agree with the core; fix's output is a fixed point. */
async function assertCliAgrees(text: string, format: TextFormat): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-props-'));
  try {
    const file = path.join(dir, format === 'markdown' ? 'draft.md' : 'draft.txt');
    fs.writeFileSync(file, text);
    // An empty project file next to the draft: the CLI takes the nearest one, so a .wenfeng.json in a
    // folder above the temp folder cannot change the settings under test.
    fs.writeFileSync(path.join(dir, '.wenfeng.json'), '{}');
    const read = asReadByCli(text);
    const [check, fix] = await Promise.all([spawnCli(['check', '--format', 'json', file]), spawnCli(['fix', file])]);
    assert.equal(check.err, '', `check wrote to stderr: ${check.err}`);
    assert.ok(check.code === 0 || check.code === 1, `check exited ${check.code}`);
    const json = JSON.parse(check.out) as { files: Array<{ diagnostics: Array<{ rule: string; range: JsonRange }> }> };
    const diagnostics = json.files[0]!.diagnostics;
    const expected = checkText(read, format);
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, offsetAt(read, d.range.start.line, d.range.start.character), offsetAt(read, d.range.end.line, d.range.end.character)]),
      expected.map((f) => [f.rule, f.start, f.end]),
      'check --format json reports the core findings at the same places',
    );
    assert.equal(fix.err, '', `fix wrote to stderr: ${fix.err}`);
    assert.equal(fix.code, 0, `fix exited ${fix.code}`);
    assert.equal(fix.out, fixText(read, format).text, 'wenfeng fix prints what the core fix makes');
    fs.writeFileSync(file, fix.out);
    const again = await spawnCli(['fix', file]);
    assert.equal(again.out, fix.out, 'wenfeng fix on its own output changes nothing');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function assertCliConvertIdentity(text: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-props-'));
  try {
    const file = path.join(dir, 'essay.txt');
    fs.writeFileSync(file, text);
    const r = await spawnCli(['convert', '--to', 'simplified', file]);
    assert.equal(r.code, 0, `convert exited ${r.code}: ${r.err}`);
    assert.equal(r.out, text, 'convert --to simplified leaves Simplified text as it is');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------------
// Registration.

export interface PropertyRunOptions {
  /** Runs of each core property. */
  numRuns: number;
  /** Runs of the spawned-CLI property (each spawns the CLI three times). */
  cliRuns: number;
  /** Runs of the timing property, and its n (code units). */
  timingRuns: number;
  timingSize: number;
  seed: number;
  scale: Scale;
  /** Test timeout per property, in ms. */
  timeout: number;
  /** Skip the timing property (f). */
  skipTiming?: boolean;
}

/** Registers the properties as node:test tests. */
export function registerPropertyTests(o: PropertyRunOptions): void {
  // Each property its own seed (the run's seed plus a fixed offset), so that they do not all draw the same
  // documents; the offsets never change, so a failure reproduces from the run's seed alone.
  const params = (runs: number, offset: number): fc.Parameters<unknown> => ({ seed: (o.seed + offset) | 0, numRuns: runs, includeErrorInReport: true });
  const doc = (): fc.Arbitrary<[string, TextFormat]> => fc.tuple(documentArbitrary(o.scale), formatArbitrary);

  test('(a) analyze never throws', { timeout: o.timeout }, () => {
    fc.assert(
      fc.property(doc(), ([text, format]) => {
        checkText(text, format);
      }),
      params(o.numRuns, 1),
    );
  });

  test('(b) findings and fix edits lie inside the document, on code-point boundaries', { timeout: o.timeout }, () => {
    fc.assert(
      fc.property(doc(), ([text, format]) => {
        fc.pre(analyzable(text, format));
        assertRangesValid(text, checkText(text, format));
      }),
      params(o.numRuns, 2),
    );
  });

  test('(c) fix is idempotent: fix(fix(x)) = fix(x)', { timeout: o.timeout }, () => {
    fc.assert(
      fc.property(doc(), ([text, format]) => {
        fc.pre(analyzable(text, format));
        const once = fixText(text, format).text;
        const twice = fixText(once, format).text;
        assert.equal(twice, once, 'a second fix changed the text again');
      }),
      params(o.numRuns, 3),
    );
  });

  test('(d) every character fix changes lies within a finding check reported', { timeout: o.timeout }, () => {
    fc.assert(
      fc.property(doc(), ([text, format]) => {
        fc.pre(analyzable(text, format));
        assertFixWithinFindings(text, format);
      }),
      params(o.numRuns, 4),
    );
  });

  /** Simplified and Traditional texts for (e): corpus sentences and paragraphs with neutral material between. */
  const scriptTexts = (): { simplifiedText: fc.Arbitrary<string>; traditionalText: fc.Arbitrary<string> } => {
    const m = getMaterial();
    // Neutral material (no Han characters) that conversion must keep as it is in any script.
    const neutral = fc.oneof(
      punctuationRun,
      fc.constantFrom(...ASTRAL, ...NEWLINES, ...CONTROLS, ...INVISIBLE, ...OPENERS, ...CLOSERS, ...MARKDOWN.filter((s) => !HAN.test(s))),
    );
    return {
      simplifiedText: fc
        .array(fc.oneof({ arbitrary: fc.constantFrom(...m.simplified), weight: 4 }, { arbitrary: fc.constantFrom(...m.simplifiedParagraphs), weight: 2 }, { arbitrary: neutral, weight: 1 }), { minLength: 1, maxLength: 12 })
        .map((a) => a.join('')),
      traditionalText: fc
        .array(fc.oneof({ arbitrary: fc.constantFrom(...m.traditional), weight: 4 }, { arbitrary: neutral, weight: 1 }), { minLength: 1, maxLength: 12 })
        .map((a) => a.join('')),
    };
  };

  test('(e) convert Simplified text to Simplified is the identity', { timeout: o.timeout }, () => {
    const converter = getServices().converter;
    fc.assert(
      fc.property(scriptTexts().simplifiedText, (s) => {
        assert.equal(converter.convert(s, 'simplified'), s, 'Simplified → Simplified changed the text');
      }),
      params(o.numRuns, 5),
    );
  });

  test('(e) convert Traditional text to Traditional is the identity', { timeout: o.timeout }, () => {
    const converter = getServices().converter;
    fc.assert(
      fc.property(scriptTexts().traditionalText, (t) => {
        assert.equal(converter.convert(t, 'traditional'), t, 'Traditional → Traditional changed the text');
      }),
      params(o.numRuns, 6),
    );
  });

  test('(e) convert hand-written Taiwan text to Taiwan is the identity', { timeout: o.timeout }, () => {
    const converter = getServices().converter;
    const neutral = fc.constantFrom(...NEWLINES, '，', '。', '！', '“', '”', '《', '》', ' ', '𠮷', '2024年');
    const taiwanText = fc.array(fc.oneof({ arbitrary: fc.constantFrom(...TAIWAN_SENTENCES), weight: 3 }, { arbitrary: neutral, weight: 1 }), { minLength: 1, maxLength: 8 }).map((a) => a.join(''));
    fc.assert(
      fc.property(taiwanText, (t) => {
        assert.equal(converter.convert(t, 'taiwan'), t, 'Taiwan → Taiwan changed the text');
      }),
      params(o.numRuns, 7),
    );
  });

  test('(e) texts with characters OpenCC reads two ways are left to the corpus figure, and nothing else', () => {
    assert.equal(readsOneWay(getServices(), '文章合为时而著，歌诗合为事而作。'), false);
    assert.equal(readsOneWay(getServices(), '终日乾乾，与时偕行。'), false);
    assert.equal(readsOneWay(getServices(), '内涵的拓展，经歷新的挑战。'), false);
    assert.equal(readsOneWay(getServices(), '坚持以人民为中心的发展思想，显著提升治理效能。𠮷'), true);
  });

  test('(e) Simplified text round-trips through Traditional (S → T → S)', { timeout: o.timeout }, () => {
    const converter = getServices().converter;
    fc.assert(
      fc.property(scriptTexts().simplifiedText, (s) => {
        // Only text whose every character reads one way: OpenCC's Traditional → Simplified step reads some
        // characters Simplified text also uses as the Traditional form of another (著 → 着 in 而知著, 乾 → 干
        // in 终日乾乾, 藉 → 借): written in Traditional, 著 is both, so no converter can bring such text back.
        // Those are measured over the corpus instead (test/tools/corpus-trust.ts); Traditional-only
        // characters (经歷) make a text not Simplified.
        fc.pre(readsOneWay(getServices(), s));
        assert.equal(converter.convert(converter.convert(s, 'traditional'), 'simplified'), s, 'Simplified → Traditional → Simplified is not the text');
      }),
      params(o.numRuns, 8),
    );
  });

  test('(f) analysis time grows roughly linearly (4n within 10x of n)', { timeout: o.timeout, skip: o.skipTiming === true }, () => {
    const pattern = fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(pattern, fc.nat({ max: 100_000 }), (p, start) => {
        assertRoughlyLinear(p, start, o.timingSize, 3, 10);
      }),
      // An outline's lines over and over, thousands of short lines: the shapes superlinear code meets first.
      { ...params(o.timingRuns, 9), examples: [[[7], 0], [[2], 0]] },
    );
  });

  test('CLI: check --format json and fix agree with the core, fix output is stable', { timeout: o.timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(documentArbitrary({ pieces: Math.min(o.scale.pieces, 20), shortLines: 50 }), formatArbitrary), async ([text, format]) => {
        await assertCliAgrees(text, format);
      }),
      params(o.cliRuns, 10),
    );
  });

  test('CLI: convert --to simplified leaves Simplified corpus text as it is', { timeout: o.timeout }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...getMaterial().simplifiedParagraphs), { minLength: 1, maxLength: 6 }).map((a) => a.join('\n')), async (text) => {
        await assertCliConvertIdentity(text);
      }),
      params(Math.max(1, Math.ceil(o.cliRuns / 2)), 11),
    );
  });
}

/**
 * True when every character of `s` reads one way in conversion: none is Traditional-only, and a character
 * OpenCC's Traditional → Simplified step would change on its own (著, 乾, 藉, 騞: Simplified text uses them,
 * and Traditional text uses them as the form of another character) stands inside a word of the dictionary
 * (显著, 著作), which decides it, not alone (而知著, 安排著).
 */
export function readsOneWay(services: Pick<Services, 'converter' | 'segmenter'>, s: string): boolean {
  const { converter, segmenter } = services;
  for (const word of segmenter.cut(s)) {
    for (const ch of word) {
      if (converter.isTraditionalOnly(ch) || (converter.toSimplified(ch) !== ch && Array.from(word).length < 2)) {
        return false;
      }
    }
  }
  return true;
}
