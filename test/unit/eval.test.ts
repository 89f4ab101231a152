/**
 * The evaluation harness's matching logic (test/tools/eval-lib.ts) on hand-made examples: span overlap, the
 * rule → gold type mapping, finding verdicts, series matching and the doubled-character injection.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  applyInjections,
  classify,
  codePoints,
  compareSeries,
  compatible,
  excerpt,
  lineOf,
  loadReadFindings,
  matchSeries,
  matchSingles,
  overlaps,
  per20k,
  planInjections,
  readVerdict,
  rng,
  ruleTypes,
  type GoldDefect,
  type WordToken,
} from '../tools/eval-lib';

test('overlap: spans sharing a code unit overlap, touching ones do not', () => {
  assert.ok(overlaps({ start: 0, end: 5 }, { start: 4, end: 8 }));
  assert.ok(overlaps({ start: 4, end: 8 }, { start: 0, end: 5 }));
  assert.ok(overlaps({ start: 2, end: 3 }, { start: 0, end: 10 }), 'contained');
  assert.ok(!overlaps({ start: 0, end: 5 }, { start: 5, end: 8 }), 'adjacent, half-open');
  assert.ok(!overlaps({ start: 6, end: 8 }, { start: 0, end: 5 }));
});

test('overlap: an empty span overlaps a span it lies in or touches', () => {
  assert.ok(overlaps({ start: 3, end: 3 }, { start: 0, end: 5 }));
  assert.ok(overlaps({ start: 5, end: 5 }, { start: 0, end: 5 }));
  assert.ok(overlaps({ start: 0, end: 5 }, { start: 0, end: 0 }));
  assert.ok(!overlaps({ start: 6, end: 6 }, { start: 0, end: 5 }));
});

test('rule types: mapped rules, categories, and rules without a gold type', () => {
  assert.ok(compatible('punctuation/halfwidth', 'punctuation'));
  assert.ok(compatible('punctuation/some-new-rule', 'punctuation'));
  assert.ok(!compatible('punctuation/halfwidth', 'typo'));
  assert.ok(compatible('repetition/doubled-word', 'doubled-char'));
  assert.ok(!compatible('repetition/doubled-word', 'duplicate-sentence'));
  assert.ok(compatible('structure/orphan-ordinal', 'orphan'));
  assert.ok(compatible('script/garbled', 'other') && compatible('script/mixed', 'typo'));
  assert.deepEqual([...ruleTypes('script/mixed').recall], ['script']);
  assert.ok(compatible('repetition/overused-phrase', 'confusable'), 'no gold type: any defect');
  assert.ok(compatible('internal/whatever', 'frame'), 'unknown rule id: any defect');
  assert.equal(ruleTypes('structure/item-balance').recall.size, 0);
  assert.ok(![...ruleTypes('punctuation/halfwidth').recall].includes('other'));
});

test('classify: TP on a compatible defect, type mismatch on another, FP on nothing (distractor noted)', () => {
  const defects: GoldDefect[] = [
    { type: 'punctuation', text: '是什么?', start: 10, end: 14 },
    { type: 'typo', text: '不言而言', start: 20, end: 24 },
  ];
  const distractors = [{ text: '首先需要', start: 40, end: 44 }];
  assert.deepEqual(classify('punctuation/halfwidth', { start: 13, end: 14 }, defects, distractors), { outcome: 'tp', matched: [0], distractor: false });
  assert.equal(classify('punctuation/halfwidth', { start: 21, end: 22 }, defects, distractors).outcome, 'type-mismatch');
  assert.equal(classify('repetition/sentence-opener', { start: 21, end: 22 }, defects, distractors).outcome, 'tp');
  assert.deepEqual(classify('structure/orphan-ordinal', { start: 40, end: 42 }, defects, distractors), { outcome: 'fp', matched: [], distractor: true });
  assert.deepEqual(classify('structure/orphan-ordinal', { start: 30, end: 32 }, defects, distractors), { outcome: 'fp', matched: [], distractor: false });
  assert.equal(classify('punctuation/halfwidth', { start: 14, end: 20 }, defects, distractors).outcome, 'fp', 'between two defects');
});

test('series: a found series matches when more than half of its openings are within the tolerance', () => {
  const gold = [100, 200, 300];
  assert.deepEqual(matchSeries([100, 200, 300], gold), { matched: 3, found: 3, gold: 3, matches: true, strict: true });
  assert.equal(matchSeries([102, 197, 303], gold).matched, 3, 'within 3 code units');
  assert.equal(matchSeries([104, 196, 304], gold).matched, 0, '4 code units is too far');
  assert.ok(matchSeries([100, 200, 250], gold).matches, '2 of 3');
  assert.ok(!matchSeries([100, 150, 250], gold).matches, '1 of 3');
  assert.ok(!matchSeries([100, 150], gold).matches, 'exactly half is not most');
  const partial = matchSeries([100, 200], [100, 200, 300, 400, 500]);
  assert.ok(partial.matches && !partial.strict, 'a found series covering 2 of 5 gold items matches, but not strictly');
  assert.ok(!matchSeries([], gold).matches);
});

test('series: matching is one to one', () => {
  // Two found openings near one gold start count once.
  assert.equal(matchSeries([100, 101, 102], [100, 300]).matched, 1);
  assert.ok(!matchSeries([100, 101, 102], [100, 300]).matches);
  // Nearest free gold start wins.
  assert.equal(matchSeries([101, 103], [100, 104]).matched, 2);
});

test('series: compare both ways (recall per gold series, precision per found series)', () => {
  const found = [
    [10, 50, 90],
    [500, 520],
    [700, 800],
  ];
  const gold = [
    [10, 50, 90, 130],
    [501, 519],
    [1000, 1100],
  ];
  assert.deepEqual(compareSeries(found, gold), {
    goldMatched: [true, true, false],
    goldMatchedStrict: [true, true, false],
    foundMatched: [true, true, false],
  });
});

test('series: a gold series of one item is recalled by an orphan ordinal near it, nothing else changes', () => {
  const found = [[10, 40, 70]];
  const gold = [[10, 40, 70], [200], [500], [600, 700]];
  const cmp = compareSeries(found, gold);
  assert.deepEqual(cmp.goldMatched, [true, false, false, false]);
  // Orphans at 202 (within 3 of the lone 首先 at 200), 520 (too far from 500) and 600 (a multi-item series'
  // first item: an orphan does not match it).
  matchSingles(cmp, gold, [202, 520, 600]);
  assert.deepEqual(cmp.goldMatched, [true, true, false, false]);
  assert.deepEqual(cmp.goldMatchedStrict, [true, true, false, false]);
  assert.deepEqual(cmp.foundMatched, [true]);
});

test('injection: planned sites are deterministic, spaced, and never touch a copy of the doubled character', () => {
  const text = '我们要坚持人民至上，推进国家治理体系的现代化，把农村建设好的的。';
  const words = ['我们', '要', '坚持', '人民', '至上', '，', '推进', '国家', '治理', '体系', '的', '现代化', '，', '把', '农村', '建设', '好', '的', '的', '。'];
  const tokens: WordToken[] = [];
  let at = 0;
  for (const w of words) {
    tokens.push({ text: w, start: at, end: at + w.length });
    at += w.length;
  }
  assert.equal(at, text.length);
  const plan = { words: 3, functionWords: 2, spacing: 3 };
  const a = planInjections(text, tokens, (w) => w.length >= 2, rng(7), plan);
  const b = planInjections(text, tokens, (w) => w.length >= 2, rng(7), plan);
  assert.deepEqual(a, b);
  assert.equal(a.filter((x) => x.kind !== 'function').length, 3);
  for (const inj of a) {
    assert.equal(text[inj.at], inj.char);
    assert.notEqual(text[inj.at - 1], inj.char);
    assert.notEqual(text[inj.at + 1], inj.char);
  }
  for (let i = 1; i < a.length; i++) {
    assert.ok(a[i]!.at - a[i - 1]!.at >= plan.spacing);
  }
  // The 的 before 的 at the end is never chosen: it would make three in a row.
  assert.ok(!a.some((x) => x.at >= text.length - 3));
});

test('injection: applied sites point at the doubled pair', () => {
  const text = '国家和农村的发展';
  const { text: dirty, sites } = applyInjections(text, [
    { at: 6, char: '发', kind: 'word-first', word: '发展' },
    { at: 0, char: '国', kind: 'word-first', word: '国家' },
    { at: 4, char: '村', kind: 'word-last', word: '农村' },
  ]);
  assert.equal(dirty, '国国家和农村村的发发展');
  assert.deepEqual(sites.map((s) => dirty.slice(s.start, s.end)), ['国国', '村村', '发发']);
});

test('helpers: line numbers, excerpts, code points, rates', () => {
  const text = '第一行\r\n第二行，错误在这里\n第三行';
  assert.equal(lineOf(text, 0), 1);
  assert.equal(lineOf(text, 5), 2);
  assert.equal(lineOf(text, text.indexOf('第三')), 3);
  assert.equal(excerpt(text, { start: 9, end: 11 }, 3), '二行，【错误】在这里');
  assert.equal(excerpt('甲\t乙\n丙', { start: 2, end: 3 }, 2), '甲⇥【乙】⏎丙');
  assert.equal(codePoints('a𠀀b'), 3);
  assert.equal(per20k(3, 60_000), 1);
  assert.equal(per20k(1, 0), 0);
});

test('read findings: the committed read.json points at its text, and a verdict needs the same file, rule and an overlap', () => {
  const gold = path.join(__dirname, '..', '..', '..', 'server', 'data', 'gold');
  const read = loadReadFindings(gold);
  assert.ok(read.length > 0);
  for (const r of read) {
    const text = fs.readFileSync(path.join(gold, '..', 'corpus', 'shenlun', r.file), 'utf8');
    assert.equal(text.slice(r.start, r.end), r.text, `${r.file}@${r.start}`);
    assert.ok(r.verdict === 'slip' || r.verdict === 'false');
  }
  const entry = read.find((r) => r.file === '1104.txt');
  assert.ok(entry);
  assert.equal(entry.text, '截止');
  assert.equal(readVerdict(read, '1104.txt', 'phrasing/confusable', { start: entry.start + 1, end: entry.end + 3 }), 'slip');
  assert.equal(readVerdict(read, '1104.txt', 'phrasing/confusable', { start: entry.end, end: entry.end + 2 }), undefined);
  assert.equal(readVerdict(read, '1104.txt', 'repetition/doubled-word', entry), undefined);
  assert.equal(readVerdict(read, '0052.txt', 'phrasing/confusable', entry), undefined);
  assert.equal(read.find((r) => r.file === '0586.txt')?.verdict, 'false');
});
