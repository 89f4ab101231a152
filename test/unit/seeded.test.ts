import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignedFrameStrings, applySeeded, commonFrameStrings, countBefore, planSeeded, type SeedSeries } from '../tools/seeded-lib';

const TEXT = '我们要从三个方面努力：一是加强学习；二是改进作风；三是狠抓落实。';
const SERIES: SeedSeries = { id: 'A', items: [{ start: 11, end: 11 }, { start: 18, end: 18 }, { start: 25, end: 25 }], announced: { start: 4, end: 8 } };

test('seeded: a count, a skipped and a repeated ordinal, each on its own copy', () => {
  const plan = planSeeded(TEXT, SERIES, [], () => 0);
  assert.deepEqual(
    plan.map((inj) => [inj.kind, applySeeded(TEXT, inj).text]),
    [
      ['count', '我们要从两个方面努力：一是加强学习；二是改进作风；三是狠抓落实。'],
      ['skip', '我们要从三个方面努力：一是加强学习；三是改进作风；四是狠抓落实。'],
      ['repeat', '我们要从三个方面努力：一是加强学习；一是改进作风；三是狠抓落实。'],
    ],
  );
  // The sites are the edited ranges in the new text.
  assert.deepEqual(applySeeded(TEXT, plan[1]!).sites, [{ start: 18, end: 19 }, { start: 25, end: 26 }]);
});

test('seeded: no ordinal injection where the items are not numbered 1, 2, 3', () => {
  const text = '一是加强学习；三是改进作风；四是狠抓落实。';
  const s: SeedSeries = { id: 'B', items: [{ start: 0, end: 0 }, { start: 7, end: 7 }, { start: 14, end: 14 }] };
  assert.deepEqual(planSeeded(text, s, [], () => 0).map((x) => x.kind), []);
});

test('seeded: the strings every lead shares, and a count found before a series', () => {
  assert.deepEqual(commonFrameStrings(['打好政治牌，增强政治意识', '打好团结牌，增强团结意识', '打好能力牌，增强能力意识']), ['增强', '意识', '打好']);
  assert.deepEqual(countBefore(TEXT, { ...SERIES, announced: null }), { start: 4, end: 6 });
});

test('seeded: only strings at the same place of every lead are frame strings, not a topic word met anywhere', () => {
  // 农民工 opens one lead and stands after a verb in the others: a topic word, no frame word.
  assert.deepEqual(alignedFrameStrings(['农民工就业形势依然严峻', '继续扩大农民工就业', '切实保障农民工合法权益']), []);
  // 打好 opens every lead, 增强 follows the same comma, 意识 ends every lead (the item's comma left out).
  assert.deepEqual(alignedFrameStrings(['打好政治牌，增强政治意识，', '打好团结牌，增强团结意识，', '打好能力牌，增强能力意识']), ['增强', '意识', '打好']);
});

test('seeded: a frame word is deleted from one item, never 的 alone', () => {
  const text = '创造了六成以上的产值，缴纳了五成以上的税收，提供了八成以上的岗位。';
  const s: SeedSeries = { id: 'F', items: [{ start: 0, end: 0 }, { start: 11, end: 11 }, { start: 22, end: 22 }] };
  // The shared strings are 以上的 (after 成) and 成以上的: the segmenter's words 以上 and 的; only 以上 may go.
  const tokens = [...text.matchAll(/以上|的/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
  for (const r of [0, 0.34, 0.67, 0.99]) {
    const frame = planSeeded(text, s, tokens, () => r).filter((x) => x.kind === 'frame');
    assert.equal(frame.length, 1);
    assert.equal(text.slice(frame[0]!.edits[0]!.start, frame[0]!.edits[0]!.end), '以上');
  }
});

test('seeded: a count is read in the sentence before the series only, and not as a bound or inside a quoted name', () => {
  const items = (text: string, ...at: string[]): SeedSeries => ({ id: 'C', items: at.map((x) => ({ start: text.indexOf(x), end: text.indexOf(x) })) });
  // 两个以上 is a bound; the count two sentences back is not this series' announcement.
  const a = '列举两个以上事例。这是第二句。\n一是甲；二是乙。';
  assert.equal(countBefore(a, items(a, '一是', '二是')), null);
  const b = '讲究“三大纪律，八项注意”而赢得拥护。\n守纪律，守规矩，守底线。';
  assert.equal(countBefore(b, items(b, '守纪律', '守规矩', '守底线')), null);
  // A quote that is the count and its noun announces (打好“三张牌”：).
  const c = '要打好“三张牌”：\n打好政治牌；打好团结牌；打好能力牌。';
  assert.deepEqual(countBefore(c, items(c, '打好政治牌', '打好团结牌', '打好能力牌')), { start: 4, end: 6 });
  // A quoted count that a word follows names a doctrine (“三个代表”重要思想), whatever follows it.
  const d = '从邓小平理论到“三个代表”重要思想，从贫穷到富强，从破碎到统一，从受辱到自立。';
  assert.equal(countBefore(d, items(d, '从贫穷到富强', '从破碎到统一', '从受辱到自立')), null);
  // Followed by a mark, the same quote may announce (“四个全面”，即…).
  const e = '四个全面内在关系：“四个全面”，即全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。';
  assert.deepEqual(countBefore(e, items(e, '全面建成小康社会', '全面深化改革', '全面依法治国', '全面从严治党')), { start: 10, end: 12 });
});
