/**
 * Tuning tool of phrasing/near-canonical on the *dev* part of the corpus (issue 16, item 3). Refuses test
 * essays: they are for measuring only (test/tools/eval-canonical.ts, called by test/tools/eval.ts).
 *
 *   npx tsc -p . && node out/test/tools/dev-canonical.js [--folds N] [--seed N] [--quiet] [ESSAY…]
 *
 * The dev essays are cut into folds; each fold is checked with a corpus model built from the other folds, so
 * that no essay's own text attests its slips. Prints the recall of seeded slips (test/tools/canonical-lib.ts)
 * and every finding on the clean essays, in its context, to be read by hand, with the rate per 20,000
 * characters.
 */
import { createAnalyzer, type AnalysisConfig, type Finding } from '../../server/src/analysis';
import { buildModel, loadModel } from '../../server/src/analysis/model/corpus';
import { getServices } from '../../server/src/services';
import { corpusEssay } from '../unit/helpers';
import { applySlips, hashName, planSlips, slipFixed } from './canonical-lib';
import { codePoints, excerpt, lineOf, per20k, pct, ratio, rng } from './eval-lib';
import { foldArgs } from './dev-lib';

const RULE = 'phrasing/near-canonical';

function main(): number {
  const args = foldArgs('dev-canonical', process.argv.slice(2), { folds: 2, seed: 16 });
  if (!args) {
    return 2;
  }
  const { folds, seed, quiet, only, dev } = args;
  const texts = new Map(dev.map((f) => [f, corpusEssay(f)]));
  const services = getServices();
  const config: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [], only: [RULE] };
  let seeded = 0;
  let found = 0;
  const missed: string[] = [];
  const clean: Array<{ file: string; f: Finding }> = [];
  let chars = 0;
  let ms = 0;
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
      const t0 = performance.now();
      const findings = analyzer.analyze(text, { format: 'plaintext', config }).findings;
      ms += performance.now() - t0;
      clean.push(...findings.map((f) => ({ file, f })));
      const slips = planSlips(text, services.segmenter, services.pinyin, rng(hashName(file) ^ seed), 3);
      const dirty = applySlips(text, slips);
      const dirtyFindings = analyzer.analyze(dirty, { format: 'plaintext', config }).findings;
      for (const s of slips) {
        seeded++;
        if (slipFixed(dirty, s, dirtyFindings)) {
          found++;
        } else {
          missed.push(`${file} ${s.kind} ${s.original} → ${s.slipped}: ${excerpt(dirty, s, 6)}`);
        }
      }
    }
  }
  const print = (s = ''): void => void process.stdout.write(`${s}\n`);
  print(`Seeded slips (seed ${seed}): ${found}/${seeded} found and fixed back = ${pct(ratio(found, seeded))}`);
  print(`Findings on the clean dev essays: ${clean.length} in ${chars} characters = ${per20k(clean.length, chars).toFixed(2)} per 20,000 (${(ms / Math.max(1, chars) * 1000).toFixed(1)} ms per 1000 characters)`);
  if (!quiet) {
    print();
    clean.forEach(({ file, f }) => print(`  ${file}:${lineOf(texts.get(file)!, f.start)} ${f.severity} ${excerpt(texts.get(file)!, f, 8)} → ${f.fixes[0]?.edits[0]?.newText ?? ''}`));
    print();
    print(`Missed (${missed.length}):`);
    missed.forEach((m) => print(`  ${m}`));
  }
  return 0;
}

process.exitCode = main();
