/**
 * Every rule and structure detection scale linearly (or n·log n) on the inputs that once made them
 * quadratic: many short lines, many identical lines, one long paragraph without punctuation, long ordinal
 * series. Not a timed test: each input is analysed at a size n and at 8n (fresh analyzers,
 * every rule on, the fastest of a few runs), and 8n may take at most 24 times as long as n (linear is 8,
 * n·log n about 10, quadratic 64).
 * Absolute timings are in the bench (`npm run bench`).
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { test } from 'node:test';
import { ALL_RULES, createAnalyzer, type AnalysisConfig } from '../../../server/src/analysis';
import { getServices } from '../../../server/src/services';

/** Every rule at least at hint severity, whatever its default. */
const CONFIG: AnalysisConfig = {
  rules: Object.fromEntries(ALL_RULES.map((r) => [r.meta.id, r.meta.defaultSeverity])),
  script: 'auto',
  acceptedWords: [],
};

const CHINESE_DIGITS = '一二三四五六七八九十';
const PHRASE = '我们要坚持以人民为中心的发展思想推动经济社会高质量发展';

/** The inputs, by a size (lines, or characters for the paragraph). */
const INPUTS: Array<{ name: string; n: number; make: (n: number) => string }> = [
  { name: 'short numbered lines', n: 1000, make: (n) => Array.from({ length: n }, (_, i) => `我们要坚持发展${i + 1}。`).join('\n') },
  { name: 'identical lines', n: 1000, make: (n) => Array.from({ length: n }, () => '我们要坚持发展。').join('\n') },
  { name: 'one paragraph without punctuation', n: 40_000, make: (n) => PHRASE.repeat(Math.ceil(n / PHRASE.length)).slice(0, n) },
  {
    name: 'Chinese ordinals (一、…十、)',
    n: 1000,
    make: (n) => Array.from({ length: n }, (_, i) => `${CHINESE_DIGITS[i % 10]}、我们要坚持发展${i}。`).join('\n'),
  },
  { name: 'one long series （1）…（n）', n: 1000, make: (n) => Array.from({ length: n }, (_, i) => `（${i + 1}）加强基层组织建设。`).join('\n') },
  {
    name: 'a long series numbered wrongly from its second item',
    n: 1000,
    make: (n) => Array.from({ length: n }, (_, i) => `（${i === 0 ? 1 : i}）加强基层组织建设。`).join('\n'),
  },
];

/** Fastest of `runs` analyses of `text`, each by a fresh analyzer (no cache). */
function fastest(text: string, runs: number): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const analyzer = createAnalyzer(getServices());
    const t0 = performance.now();
    analyzer.analyze(text, { format: 'plaintext', config: CONFIG });
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

for (const input of INPUTS) {
  test(`linear: ${input.name} (8n within 24× the time of n)`, () => {
    const small = input.make(input.n);
    const large = input.make(input.n * 8);
    fastest(small, 2); // warm-up (compilation, lazily loaded data)
    // Up to three attempts: a collection of the heap the earlier tests left can slow one measurement down;
    // a quadratic analysis (about 64×) fails every attempt.
    const ratios: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const t1 = fastest(small, 3);
      const t8 = fastest(large, 2);
      // A few milliseconds of slack: at small sizes, timer and collector noise is of that order.
      if (t8 <= 24 * t1 + 30) {
        return;
      }
      ratios.push(`n: ${t1.toFixed(1)} ms, 8n: ${t8.toFixed(1)} ms (${(t8 / t1).toFixed(1)}×)`);
    }
    assert.fail(ratios.join('; '));
  });
}
