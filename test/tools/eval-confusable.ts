/**
 * The section of `npm run eval` on phrasing/confusable (issue 16, item 2): seeded swaps in the *test*
 * essays (test/tools/confusable-lib.ts) and the rule's findings on the clean test essays, both judged with a
 * corpus model built from the *dev* essays only, so that no test essay is judged with counts of its own text
 * (the shipped model is built from the whole corpus). Measuring only: tune with test/tools/dev-confusable.ts.
 */
import { createAnalyzer, type AnalysisConfig, type Finding, type Services } from '../../server/src/analysis';
import { buildModel, loadModel } from '../../server/src/analysis/model/corpus';
import { corpusEssay } from '../unit/helpers';
import { applySwaps, planSwaps, swapFound } from './confusable-lib';
import { codePoints, describeTally, emptyTally, excerpt, falseAlarmRate, judgeClean, lineOf, pct, ratio, rng, type CleanTally, type GoldEssay, type ReadFinding } from './eval-lib';

const RULE = 'phrasing/confusable';
/** Seed of the swaps (issue 16). */
export const CONFUSABLE_SEED = 16;

/** What the section measured (also written to the JSON report). */
export interface ConfusableResult {
  seed: number;
  /** Per confusion set: swaps seeded and found with the fix that puts the original back. */
  sets: Record<string, { seeded: number; found: number }>;
  recall: number | null;
  /** Findings on the clean test essays (see CleanTally), with the rate of false alarms per 20,000 characters. */
  clean: CleanTally & {
    per20k: number;
    /** Findings at warning (the rule's default severity; suggestions are one level lower), judged the same way. */
    atWarning: CleanTally;
  };
  falseAlarms: string[];
  missed: string[];
}

/** Runs the section; `print` receives its lines. */
export function confusableSection(
  dev: readonly string[],
  texts: ReadonlyMap<string, string>,
  gold: readonly GoldEssay[],
  read: readonly ReadFinding[],
  services: Services,
  print: (s?: string) => void,
): ConfusableResult {
  const model = loadModel(buildModel(dev.map((f) => corpusEssay(f)), services.segmenter));
  const analyzer = createAnalyzer({ ...services, model });
  const config: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [], only: [RULE] };
  const goldByFile = new Map(gold.map((g) => [g.file, g]));
  const random = rng(CONFUSABLE_SEED);
  const sets = new Map<string, { seeded: number; found: number }>();
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  let chars = 0;
  const tally = emptyTally();
  const atWarning = emptyTally();
  for (const [file, text] of texts) {
    chars += codePoints(text);
    const clean: Finding[] = analyzer.analyze(text, { format: 'plaintext', config }).findings;
    const g = goldByFile.get(file);
    for (const f of clean) {
      const j = judgeClean(tally, g, read, file, RULE, f);
      if (f.severity === 'warning' || f.severity === 'error') {
        atWarning.findings++;
        atWarning[j]++;
      }
      const label = j === 'readFalse' ? '(unannotated, read: false) ' : j === 'unread' ? '(unannotated, unread) ' : '';
      if (j === 'readFalse' || j === 'unread' || j === 'annotatedFalse') {
        falseAlarms.push(`${file}:${lineOf(text, f.start)} ${label}${f.severity} ${excerpt(text, f, 12)} → ${f.fixes[0]?.edits[0]?.newText ?? ''}`);
      }
    }
    const swaps = planSwaps(text, services.segmenter, random);
    const seeded = applySwaps(text, swaps);
    const found = analyzer.analyze(seeded, { format: 'plaintext', config }).findings;
    for (const s of swaps) {
      const e = sets.get(s.set) ?? { seeded: 0, found: 0 };
      sets.set(s.set, e);
      e.seeded++;
      if (swapFound(seeded, s, found)) {
        e.found++;
      } else {
        missed.push(`${file}:${lineOf(seeded, s.start)} ${excerpt(seeded, s, 10)} (${s.original})`);
      }
    }
  }
  const total = [...sets.values()].reduce((a, e) => ({ seeded: a.seeded + e.seeded, found: a.found + e.found }), { seeded: 0, found: 0 });
  const recall = ratio(total.found, total.seeded);
  const rate = falseAlarmRate(tally, chars);
  print(`## Issue 16 (confusable): ${RULE} on seeded swaps in the ${texts.size} test essays (seed ${CONFUSABLE_SEED}; corpus model built from the ${dev.length} dev essays)`);
  print();
  print('| set (written→meant, or right/wrong) | seeded | found and fixed back | recall |');
  print('|---|---|---|---|');
  for (const [set, e] of [...sets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    print(`| ${set} | ${e.seeded} | ${e.found} | ${pct(ratio(e.found, e.seeded))} |`);
  }
  print(`| all | ${total.seeded} | ${total.found} | ${pct(recall)} |`);
  print();
  print(describeTally(tally, chars));
  print(`Of those at warning (suggestions are one level lower): ${atWarning.findings}; ${atWarning.onGoldDefect} on a gold defect, ` +
    `${atWarning.annotatedFalse} on nothing annotated, ${atWarning.readSlip} read as slips, ${atWarning.readFalse} read as false, ${atWarning.unread} unread = ` +
    `${falseAlarmRate(atWarning, chars).toFixed(2)} per 20,000 characters`);
  const slips = read.filter((r) => r.rule === RULE && r.verdict === 'slip');
  if (slips.length > 0) {
    print(`Real slips of published test essays found by the rule (read, not annotated by the gold editors): ${slips.map((r) => `${r.file} ${r.text}→${r.fix ?? ''}`).join('; ')}`);
  }
  print(`Issue 16 asks for >= 60% of seeded swaps found and fixed back: ${recall !== null && recall >= 0.6 ? 'holds' : 'not met'}; <= 1 false alarm per 20,000 characters: ${rate <= 1 ? 'holds' : 'not met'}`);
  if (falseAlarms.length > 0) {
    print('Findings on no gold defect:');
    falseAlarms.forEach((x) => print(`  ${x}`));
  }
  print();
  return {
    seed: CONFUSABLE_SEED,
    sets: Object.fromEntries(sets),
    recall,
    clean: { ...tally, per20k: rate, atWarning },
    falseAlarms,
    missed,
  };
}
