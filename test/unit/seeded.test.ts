import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applySeeded, commonFrameStrings, countBefore, planSeeded, type SeedSeries } from '../tools/seeded-lib';

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
