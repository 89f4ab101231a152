/**
 * Tuning tool of phrasing/confusable on the *dev* part of the corpus (issue 16, item 2). Refuses test
 * essays: they are for measuring only (test/tools/eval.ts).
 *
 *   npx tsc -p . && node esbuild.mjs && node out/test/tools/dev-confusable.js [--folds N] [--seed N] [--quiet] [ESSAY…]
 *
 * The dev essays are cut into folds; each fold is checked with a corpus model built from the other folds, so
 * that no essay is judged with counts of its own text. Prints the recall of seeded swaps per confusion set
 * (test/tools/confusable-lib.ts), and the findings on the clean essays per 20,000 characters, each in its
 * context to be read by hand.
 */
import { createAnalyzer, type AnalysisConfig, type Finding } from '../../server/src/analysis';
import { buildModel, loadModel } from '../../server/src/analysis/model/corpus';
import { getServices } from '../../server/src/services';
import { corpusEssay } from '../unit/helpers';
import { applySwaps, planSwaps, swapFound } from './confusable-lib';
import { codePoints, excerpt, lineOf, per20k, pct, ratio, rng } from './eval-lib';
import { foldArgs } from './dev-lib';

const RULE = 'phrasing/confusable';

function main(): number {
  const args = foldArgs('dev-confusable', process.argv.slice(2), { folds: 4, seed: 16 });
  if (!args) {
    return 2;
  }
  const { folds, seed, quiet, only, dev } = args;
  const texts = new Map(dev.map((f) => [f, corpusEssay(f)]));
  const services = getServices();
  const config: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [], only: [RULE] };
  const random = rng(seed);
  const perSet = new Map<string, { n: number; hit: number; missed: string[] }>();
  const clean: Array<{ file: string; f: Finding }> = [];
  let chars = 0;
  for (let k = 0; k < folds; k++) {
    const fold = dev.filter((_, i) => i % folds === k);
    const rest = dev.filter((_, i) => i % folds !== k);
    const model = loadModel(buildModel(rest.map((f) => texts.get(f)!), services.segmenter));
    const analyzer = createAnalyzer({ ...services, model });
    for (const file of fold) {
      if (only.length > 0 && !only.includes(file)) {
        continue;
      }
      const text = texts.get(file)!;
      chars += codePoints(text);
      const found = analyzer.analyze(text, { format: 'plaintext', config }).findings;
      clean.push(...found.map((f) => ({ file, f })));
      const swaps = planSwaps(text, services.segmenter, random);
      const seeded = applySwaps(text, swaps);
      const seededFindings = analyzer.analyze(seeded, { format: 'plaintext', config }).findings;
      for (const s of swaps) {
        const e = perSet.get(s.set) ?? { n: 0, hit: 0, missed: [] };
        e.n++;
        if (swapFound(seeded, s, seededFindings)) {
          e.hit++;
        } else {
          e.missed.push(`${file}:${lineOf(seeded, s.start)} ${excerpt(seeded, s, 12)} (${s.original})`);
        }
        perSet.set(s.set, e);
      }
    }
  }
  const out: string[] = [];
  out.push(`# phrasing/confusable on dev (${texts.size} essays, ${folds} folds, model of the other folds; seed ${seed})`, '');
  let n = 0;
  let hit = 0;
  for (const [set, e] of [...perSet].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(`${set}\t${e.hit}/${e.n}\t${pct(ratio(e.hit, e.n))}`);
    n += e.n;
    hit += e.hit;
  }
  out.push(`all\t${hit}/${n}\t${pct(ratio(hit, n))}`, '');
  out.push(`Findings on the clean essays: ${clean.length} in ${chars} characters = ${per20k(clean.length, chars).toFixed(2)} per 20,000`);
  for (const { file, f } of clean) {
    const text = texts.get(file)!;
    out.push(`  ${file}:${lineOf(text, f.start)} ${f.severity} ${excerpt(text, f, 14)}  → ${f.fixes[0]?.edits[0]?.newText ?? ''}${f.fixes[0]?.auto ? ' (auto)' : ''}`);
  }
  if (!quiet) {
    for (const [set, e] of perSet) {
      out.push('', `Missed ${set} (${e.missed.length}):`);
      e.missed.slice(0, 40).forEach((m) => out.push(`  ${m}`));
    }
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

process.exitCode = main();
