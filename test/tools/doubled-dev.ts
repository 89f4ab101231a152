/**
 * repetition/doubled-word on the corpus's *dev* part (server/data/gold/split.json): the tuning counterpart of
 * section 3 of eval.ts, which measures the same on the *test* part and must not be tuned on.
 *
 *   npx tsc -p . && node esbuild.mjs && node out/test/tools/doubled-dev.js [--seed N] [--missed N] [--fp] [--score N]
 *     [--model FILE --files LIST]
 *
 * Prints the recall of doubled characters injected with a fixed seed (first or last character of a dictionary
 * word, one-character function words; the same plan as eval.ts) and every finding on the clean dev essays,
 * which are false positives unless reading one shows a real slip; and their rate per 20,000 characters.
 * `--score N`: also N doublings per essay placed as score-eval.ts places its one (any character of a token of two
 * to four Han characters with no doubled pair, 发展 → 发发展, 社会主义 → 社会会主义), each measured alone: the
 * recall the score pairs of issue 17 depend on, with the missed ones.
 * `--model FILE`: the corpus model of FILE instead of the default one, and `--files LIST` (a JSON array of dev
 * essay names): only those essays. The default model is built from every corpus essay, the ones measured
 * included, which flatters their clean text and the context of every injection (readingDoublings scores
 * clauses with it); for an honest figure build a model without the essays measured (`node dist/cli.js
 * build-model DIR -o FILE` on a copy of server/data/corpus/shenlun without them) and pass both. READING_MARGIN
 * of doubled-word.ts was set so, on two folds of 201 dev essays each.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAnalyzer, type AnalysisConfig, type Analyzer } from '../../server/src/analysis';
import type { Services } from '../../server/src/analysis/types';
import { getServices } from '../../server/src/services';
import { readModelFile } from '../../server/src/services/model';
import { corpusEssay, getAnalyzer, ROOT } from '../unit/helpers';
import { applyInjections, codePoints, excerpt, overlaps, pct, per20k, planInjections, ratio, rng, type Injection } from './eval-lib';

const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [], only: ['repetition/doubled-word'] };
const PLAN = { words: 4, functionWords: 2, spacing: 30 };

function main(): number {
  const argv = process.argv.slice(2);
  const seedAt = argv.indexOf('--seed');
  const seed = seedAt >= 0 ? Number(argv[seedAt + 1]) : 2014;
  const missedAt = argv.indexOf('--missed');
  const showMissed = missedAt >= 0 ? Number(argv[missedAt + 1]) : 20;
  const split = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'gold', 'split.json'), 'utf8')) as { dev: string[] };
  const modelAt = argv.indexOf('--model');
  const filesAt = argv.indexOf('--files');
  const services = getServices();
  let analyzer: Analyzer = getAnalyzer();
  if (modelAt >= 0) {
    const model = readModelFile(argv[modelAt + 1] ?? '');
    // The production services with another model (services.model is a getter of the shared object).
    const withModel = Object.create(services, { model: { get: () => model } }) as Services;
    analyzer = createAnalyzer(withModel);
  }
  const only = filesAt >= 0 ? new Set(JSON.parse(fs.readFileSync(argv[filesAt + 1] ?? '', 'utf8')) as string[]) : undefined;
  const dev = only ? split.dev.filter((f) => only.has(f)) : split.dev;
  const t0 = Date.now();
  let chars = 0;
  const fps: string[] = [];
  const texts = new Map(dev.map((f) => [f, corpusEssay(f)]));
  for (const [file, text] of texts) {
    chars += codePoints(text);
    for (const f of analyzer.analyze(text, { format: 'plaintext', config: CONFIG }).findings) {
      fps.push(`${file}: ${excerpt(text, f, 10)}  ${f.message}${f.fixes?.[0]?.auto === false ? ' (suggestion)' : ''}`);
    }
  }
  const random = rng(seed);
  const injected = new Map<Injection['kind'], { n: number; hit: number }>();
  const missed: string[] = [];
  let wrongFix = 0;
  for (const [file, text] of texts) {
    const plan = planInjections(text, analyzer.tokens(text), (w) => services.segmenter.hasWord(w), random, PLAN);
    const { text: dirty, sites } = applyInjections(text, plan);
    const found = analyzer.analyze(dirty, { format: 'plaintext', config: CONFIG }).findings;
    plan.forEach((inj, i) => {
      const site = sites[i]!;
      const k = injected.get(inj.kind) ?? { n: 0, hit: 0 };
      injected.set(inj.kind, k);
      k.n++;
      const f = found.find((x) => overlaps(x, site));
      if (f) {
        k.hit++;
        // The fix must give back the clean text there: it deletes one copy of the doubled character.
        const edit = f.fixes?.[0]?.edits[0];
        if (!edit || edit.newText !== '' || edit.end - edit.start !== inj.char.length || edit.start < site.start || edit.end > site.end) {
          wrongFix++;
        }
      } else {
        missed.push(`${file} ${inj.kind} ${inj.word}: ${excerpt(dirty, site, 8)}`);
      }
    });
  }
  const total = [...injected.values()].reduce((a, k) => ({ n: a.n + k.n, hit: a.hit + k.hit }), { n: 0, hit: 0 });
  const out: string[] = [];
  out.push(`dev essays: ${texts.size}, ${chars} characters, seed ${seed}`);
  for (const [kind, k] of [...injected].sort()) {
    out.push(`  ${kind.padEnd(11)} ${String(k.hit).padStart(5)} / ${String(k.n).padStart(5)}  ${pct(ratio(k.hit, k.n))}`);
  }
  out.push(`  ${'all'.padEnd(11)} ${String(total.hit).padStart(5)} / ${String(total.n).padStart(5)}  ${pct(ratio(total.hit, total.n))}  (fix not a one-character deletion in the pair: ${wrongFix})`);
  out.push(`findings on clean dev essays: ${fps.length} = ${per20k(fps.length, chars).toFixed(2)} per 20,000 characters`);
  if (argv.includes('--fp')) {
    out.push(...fps.map((s) => `  ${s}`));
  }
  out.push(`missed (first ${Math.min(showMissed, missed.length)} of ${missed.length}):`);
  out.push(...missed.slice(0, showMissed).map((s) => `  ${s}`));
  const scoreAt = argv.indexOf('--score');
  if (scoreAt >= 0) {
    out.push(...scoreSites(analyzer, texts, Number(argv[scoreAt + 1] ?? 3), seed, showMissed));
  }
  out.push(`${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

/** Doublings placed as score-eval.ts places them, `perEssay` per essay, each in a copy of its own. */
function scoreSites(analyzer: Analyzer, texts: ReadonlyMap<string, string>, perEssay: number, seed: number, showMissed: number): string[] {
  const random = rng(seed + 1);
  const missed: string[] = [];
  let n = 0;
  for (const [file, text] of texts) {
    const before = analyzer.analyze(text, { format: 'plaintext', config: CONFIG }).findings.length;
    const words = analyzer.tokens(text).filter((t) => t.text.length >= 2 && t.text.length <= 4 && /^[\u4e00-\u9fff]+$/u.test(t.text) && !/(.)\1/u.test(t.text));
    for (let j = 0; j < perEssay && words.length > 0; j++) {
      const w = words[Math.floor(random() * words.length)]!;
      const k = w.start + Math.floor(random() * w.text.length);
      const dirty = text.slice(0, k) + text[k]! + text.slice(k);
      const found = analyzer.analyze(dirty, { format: 'plaintext', config: CONFIG }).findings;
      n++;
      if (found.length <= before || !found.some((f) => overlaps(f, { start: k, end: k + 2 }))) {
        missed.push(`${file} ${w.text}: ${excerpt(dirty, { start: k, end: k + 2 }, 8)}`);
      }
    }
  }
  return [
    `score-style doublings: ${n - missed.length} / ${n} found = ${pct(ratio(n - missed.length, n))}`,
    `missed (first ${Math.min(showMissed, missed.length)} of ${missed.length}):`,
    ...missed.slice(0, showMissed).map((s) => `  ${s}`),
  ];
}

process.exitCode = main();
