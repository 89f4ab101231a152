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
import { codePoints, excerpt, lineOf, overlaps, pct, per20k, ratio, readVerdict, rng, type GoldEssay, type ReadFinding } from './eval-lib';

const RULE = 'phrasing/confusable';
/** Seed of the swaps (issue 16). */
export const CONFUSABLE_SEED = 16;

/** What the section measured (also written to the JSON report). */
export interface ConfusableResult {
  seed: number;
  /** Per confusion set: swaps seeded and found with the fix that puts the original back. */
  sets: Record<string, { seeded: number; found: number }>;
  recall: number | null;
  /** Findings on the clean test essays. */
  clean: {
    findings: number;
    /** Of those in annotated essays: overlapping a gold defect (a slip of the essay, not a false alarm). */
    onGoldDefect: number;
    /** In annotated essays, overlapping no gold defect. */
    annotatedFalse: number;
    /** In unannotated essays, read afterwards (server/data/gold/read.json) and judged a real slip of the essay. */
    readSlip: number;
    /** In unannotated essays, read afterwards and judged a false alarm. */
    readFalse: number;
    /** In unannotated essays, not read (counted as false alarms). */
    unread: number;
    per20k: number;
    /** Findings at warning (the rule's default severity; suggestions are one level lower) and their split. */
    atWarning: { findings: number; onGoldDefect: number; annotatedFalse: number; readSlip: number; readFalse: number; unread: number };
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
  let findings = 0;
  let onGoldDefect = 0;
  let annotatedFalse = 0;
  let unread = 0;
  let readSlip = 0;
  let readFalse = 0;
  const atWarning = { findings: 0, onGoldDefect: 0, annotatedFalse: 0, readSlip: 0, readFalse: 0, unread: 0 };
  for (const [file, text] of texts) {
    chars += codePoints(text);
    const clean: Finding[] = analyzer.analyze(text, { format: 'plaintext', config }).findings;
    const g = goldByFile.get(file);
    for (const f of clean) {
      findings++;
      const warn = f.severity === 'warning' || f.severity === 'error';
      atWarning.findings += warn ? 1 : 0;
      const verdict = g ? undefined : readVerdict(read, file, RULE, f);
      if (verdict === 'slip') {
        readSlip++;
        atWarning.readSlip += warn ? 1 : 0;
      } else if (verdict === 'false') {
        readFalse++;
        atWarning.readFalse += warn ? 1 : 0;
        falseAlarms.push(`${file}:${lineOf(text, f.start)} (unannotated, read: false) ${f.severity} ${excerpt(text, f, 12)} → ${f.fixes[0]?.edits[0]?.newText ?? ''}`);
      } else if (!g) {
        unread++;
        atWarning.unread += warn ? 1 : 0;
        falseAlarms.push(`${file}:${lineOf(text, f.start)} (unannotated, unread) ${f.severity} ${excerpt(text, f, 12)} → ${f.fixes[0]?.edits[0]?.newText ?? ''}`);
      } else if (g.defects.some((d) => overlaps(d, f))) {
        onGoldDefect++;
        atWarning.onGoldDefect += warn ? 1 : 0;
      } else {
        annotatedFalse++;
        atWarning.annotatedFalse += warn ? 1 : 0;
        falseAlarms.push(`${file}:${lineOf(text, f.start)} ${f.severity} ${excerpt(text, f, 12)} → ${f.fixes[0]?.edits[0]?.newText ?? ''}`);
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
  const rate = per20k(findings - onGoldDefect - readSlip, chars);
  print(`## Issue 16 (confusable): ${RULE} on seeded swaps in the ${texts.size} test essays (seed ${CONFUSABLE_SEED}; corpus model built from the ${dev.length} dev essays)`);
  print();
  print('| set (written→meant, or right/wrong) | seeded | found and fixed back | recall |');
  print('|---|---|---|---|');
  for (const [set, e] of [...sets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    print(`| ${set} | ${e.seeded} | ${e.found} | ${pct(ratio(e.found, e.seeded))} |`);
  }
  print(`| all | ${total.seeded} | ${total.found} | ${pct(recall)} |`);
  print();
  print(`Findings on the clean test essays: ${findings} in ${chars} characters; ${onGoldDefect} on a gold defect (the essay's own slip), ` +
    `${annotatedFalse} on nothing annotated; in unannotated essays ${readSlip} read as real slips (server/data/gold/read.json), ` +
    `${readFalse} read as false, ${unread} unread (counted as false) = ${rate.toFixed(2)} false alarms per 20,000 characters`);
  print(`Of those at warning (suggestions are one level lower): ${atWarning.findings}; ${atWarning.onGoldDefect} on a gold defect, ` +
    `${atWarning.annotatedFalse} on nothing annotated, ${atWarning.readSlip} read as slips, ${atWarning.readFalse} read as false, ${atWarning.unread} unread = ` +
    `${per20k(atWarning.findings - atWarning.onGoldDefect - atWarning.readSlip, chars).toFixed(2)} per 20,000 characters`);
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
    clean: { findings, onGoldDefect, annotatedFalse, readSlip, readFalse, unread, per20k: rate, atWarning },
    falseAlarms,
    missed,
  };
}
