/**
 * Lists the structure rules' findings on *dev* essays of the corpus with their context, for reading by hand
 * (issue 14: tune on dev, never on test). Dev only: refuses test essays.
 *
 *   node out/test/tools/dev-structure.js [--from N] [--count N] [--rule ID]… [--gold FILE]
 *
 * With --gold (a JSON in the gold format, test/fixtures/dev-gold/structure.json), each finding is marked TP
 * when it overlaps a defect of its kind there, FP otherwise, and precision per rule is printed for the
 * essays of that file. With --new as well, every dev essay is read and only the findings that overlap nothing
 * recorded in that file (no defect, no distractor) are listed: what a change made the rules report anew.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisConfig } from '../../server/src/analysis';
import { corpusEssay, getAnalyzer, ROOT } from '../unit/helpers';
import { overlaps, ruleTypes, type GoldEssay } from './eval-lib';

const RULES = ['structure/ordinal-sequence', 'structure/announced-count', 'structure/frame-mismatch', 'structure/orphan-ordinal', 'structure/item-balance', 'structure/lead-punctuation'];

function main(): void {
  const argv = process.argv.slice(2);
  let from = 0;
  let count = 150;
  let goldFile: string | undefined;
  let onlyNew = false;
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--from') {
      from = Number(argv[++i]);
    } else if (a === '--count') {
      count = Number(argv[++i]);
    } else if (a === '--rule') {
      only.push(argv[++i]!);
    } else if (a === '--new') {
      onlyNew = true;
    } else if (a === '--gold') {
      goldFile = argv[++i]!;
    }
  }
  const split = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'gold', 'split.json'), 'utf8')) as { dev: string[]; test: string[] };
  const test = new Set(split.test);
  const gold = goldFile ? (JSON.parse(fs.readFileSync(goldFile, 'utf8')) as GoldEssay[]) : undefined;
  const files = gold && !onlyNew ? gold.map((g) => g.file) : onlyNew ? split.dev : split.dev.slice(from, from + count);
  const rules = only.length > 0 ? only : RULES;
  const config: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [], only: rules };
  const counts = new Map<string, { tp: number; fp: number }>();
  for (const file of files) {
    if (test.has(file)) {
      throw new Error(`${file} is a test essay`);
    }
    const text = corpusEssay(file);
    const g = gold?.find((x) => x.file === file);
    for (const f of getAnalyzer().analyze(text, { format: 'plaintext', config }).findings) {
      let mark = '';
      if (onlyNew && (g?.defects.some((d) => overlaps(f, d)) || g?.distractors.some((d) => overlaps(f, d)))) {
        continue;
      }
      if (g) {
        const types = ruleTypes(f.rule);
        const tp = g.defects.some((d) => (types.precision === 'any' || types.precision.has(d.type)) && overlaps(f, d));
        const c = counts.get(f.rule) ?? { tp: 0, fp: 0 };
        c[tp ? 'tp' : 'fp']++;
        counts.set(f.rule, c);
        mark = tp ? 'TP ' : 'FP ';
      }
      const before = text.slice(Math.max(0, f.start - 60), f.start).replace(/\s+/g, '⏎');
      const after = text.slice(f.end, f.end + 40).replace(/\s+/g, '⏎');
      process.stdout.write(`${mark}${file} ${f.start}-${f.end} ${f.rule} [${f.severity}] ${f.message}\n    …${before}【${text.slice(f.start, f.end)}】${after}…\n`);
    }
  }
  if (gold) {
    for (const [rule, c] of counts) {
      process.stdout.write(`${rule}: ${c.tp}/${c.tp + c.fp} = ${((100 * c.tp) / Math.max(1, c.tp + c.fp)).toFixed(0)}%\n`);
    }
  }
}

main();
