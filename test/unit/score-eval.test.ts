/**
 * The damage of test/tools/score-eval.ts (issue 17) does what its name says on a real essay, one defect kind per
 * copy, and the summary's figures and bars are computed as documented.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { damage, failedBars, quantile, type ScoreSummary } from '../tools/score-eval';
import { countBefore, type SeedSeries } from '../tools/seeded-lib';
import { rng } from '../tools/eval-lib';
import { getServices } from '../../server/src/services';
import { corpusEssay, getAnalyzer } from './helpers';

const config = { rules: {}, script: 'auto' as const, acceptedWords: [] };

/** The code units where two texts differ, as [start in a, end in a, text in b] (one run). */
function diff(a: string, b: string): [number, number, string] {
  let s = 0;
  while (s < a.length && a[s] === b[s]) {
    s++;
  }
  let ea = a.length;
  let eb = b.length;
  while (ea > s && eb > s && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  return [s, ea, b.slice(s, eb)];
}

test('each damage kind injects one defect of its kind into a real essay', () => {
  // 0002.txt: a dev essay with commas, words that have Traditional forms and several paragraphs.
  const text = corpusEssay('0002.txt');
  const analyzer = getAnalyzer();
  const tokens = analyzer.tokens(text);
  const random = rng(7);

  const half = damage('halfwidth', text, tokens, [], random)!;
  assert.equal(half.length, text.length);
  assert.equal([...half].filter((c, i) => c !== text[i]).join(''), ',,,');
  assert.equal(half.replace(/,/g, '，'), text.replace(/,/g, '，'));

  const trad = damage('traditional', text, tokens, [], random)!;
  assert.notEqual(trad, text);
  assert.equal(getServices().converter.toSimplified(trad), getServices().converter.toSimplified(text));
  const changed = [...trad].map((c, i) => (c !== text[i] ? i : -1)).filter((i) => i >= 0);
  assert.ok(changed.length >= 3, `${changed.length} characters changed`);

  const doubled = damage('doubled', text, tokens, [], random)!;
  const [at, end, inserted] = diff(text, doubled);
  assert.equal(end, at);
  assert.equal(inserted.length, 1);
  assert.ok(doubled[at - 1] === inserted || doubled[at + 1] === inserted, 'the inserted character doubles its neighbour');

  const pasted = damage('paste', text, tokens, [], random)!;
  const lines = text.split('\n');
  const after = pasted.split('\n');
  assert.equal(after.length, lines.length + 1);
  const dup = after.filter((l, i) => l.trim().length >= 40 && after.indexOf(l) !== i);
  assert.equal(dup.length, 1, 'one body paragraph appears twice');
});

test('skip and count damage the outline series of an essay with 一要/二要/三要 announced as 三个方面', () => {
  const text = '做好乡镇组织工作，要从三个方面着手。\n一要扎根基层，学新思想。\n二要精于业务，敢于创新。\n三要严于律己，清正廉洁。\n';
  const r = getAnalyzer().analyze(text, { format: 'plaintext', config });
  const series: SeedSeries[] = r.structure.series.map((s, k) => {
    const site: SeedSeries = { id: `#${k}`, items: s.items.map((it) => ({ start: it.leadStart, end: it.leadEnd })) };
    return { ...site, announced: s.announced ?? countBefore(text, site) };
  });
  assert.equal(series.length, 1);
  const tokens = getAnalyzer().tokens(text);
  const skip = damage('skip', text, tokens, series, rng(3))!;
  assert.match(skip, /一要扎根基层[\s\S]*三要精于业务[\s\S]*四要严于律己|一要扎根基层[\s\S]*二要精于业务[\s\S]*四要严于律己/);
  const count = damage('count', text, tokens, series, rng(3))!;
  assert.match(count, /要从[两二四]个方面着手/);
  // And the score sees both: the clean text scores above each damaged copy.
  const score = (t: string): number => getAnalyzer().analyze(t, { format: 'plaintext', config }).score.total;
  assert.ok(score(text) > score(skip), `skip: ${score(text)} vs ${score(skip)}`);
  assert.ok(score(text) > score(count), `count: ${score(text)} vs ${score(count)}`);
  // An essay without a series offers no site.
  assert.equal(damage('skip', '没有序号的一段话，写得平平常常。\n', [], [], rng(1)), undefined);
});

test('quantiles interpolate, and the bars are 95% of pairs per kind and a median of 85', () => {
  assert.equal(quantile([80, 90, 100], 0.5), 90);
  assert.equal(quantile([80, 90, 100, 100], 0.25), 87.5);
  const pairs = (won: number, n: number): { pairs: number; won: number; share: number | null } => ({ pairs: n, won, share: n ? won / n : null });
  const summary: ScoreSummary = {
    part: 'test',
    essays: 2,
    pairs: { paste: pairs(19, 20), traditional: pairs(20, 20), halfwidth: pairs(18, 20), doubled: pairs(20, 20), skip: pairs(0, 0), count: pairs(1, 1), all: pairs(78, 81) },
    clean: { median: 84, q1: 80, q3: 90, min: 70, max: 100, below85: 1 },
    seeds: [],
    losses: [],
  };
  assert.deepEqual(failedBars(summary), ['score pairs halfwidth 90.0% < 95.0% (18/20)', 'score clean median 84 < 85']);
});
