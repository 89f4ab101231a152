/**
 * Findings-equality guard (issue 15, "findings identical to before"): runs the analyzer over every corpus essay
 * (server/data/corpus/shenlun) as plain text and as Markdown, and compares a digest of each essay's findings
 * (rule, severity, range, message, fixes, related locations), its score and its outline with the committed
 * snapshot test/fixtures/findings-snapshot.json. Speed work must leave the digests unchanged; accuracy work
 * that changes findings on purpose regenerates the snapshot with one command:
 *
 *   npx tsc -p . && node out/test/tools/findings-guard.js --update
 *
 * Other options: `--quick` checks the plain-text analyses only (half the time); `--dump FILE` writes every finding, one line each, so that two commits' dumps can be diffed
 * to see which findings moved. Exit code 0 when every digest matches, 1 otherwise (the essays listed).
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createAnalyzer, type AnalysisConfig, type AnalysisResult, type Analyzer, type TextFormat } from '../../server/src/analysis';
import { getServices } from '../../server/src/services';
import { CORPUS, ROOT } from '../unit/helpers';

export const SNAPSHOT = path.join(ROOT, 'test', 'fixtures', 'findings-snapshot.json');
const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [] };
const ALL_FORMATS: readonly TextFormat[] = ['plaintext', 'markdown'];

/** One line per finding, then the score and the outline: everything a user sees of an analysis. */
export function resultLines(result: AnalysisResult): string[] {
  const lines = result.findings.map((f) =>
    JSON.stringify([
      f.rule,
      f.severity,
      f.start,
      f.end,
      f.message,
      f.fixes.map((x) => [x.title, x.auto, x.edits.map((e) => [e.start, e.end, e.newText])]),
      (f.related ?? []).map((r) => [r.start, r.end, r.message]),
    ]),
  );
  const s = result.score;
  lines.push(JSON.stringify(['score', s.total, s.genreFit, result.script]));
  lines.push(JSON.stringify(['structure', result.structure]));
  return lines;
}

function digest(lines: readonly string[]): string {
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

/** Digest per `format/essay`, from one analyzer run over the essays in order (the way a CLI run shares it). */
export function computeDigests(
  analyzer: Analyzer = createAnalyzer(getServices()),
  dump?: string[],
  formats: readonly TextFormat[] = ALL_FORMATS,
): Record<string, string> {
  const dir = path.join(CORPUS, 'shenlun');
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const out: Record<string, string> = {};
  for (const format of formats) {
    for (const name of names) {
      const text = fs.readFileSync(path.join(dir, name), 'utf8');
      const lines = resultLines(analyzer.analyze(text, { format, config: CONFIG }));
      out[`${format}/${name}`] = digest(lines);
      if (dump) {
        for (const l of lines) {
          dump.push(`${format}/${name} ${l}`);
        }
      }
    }
  }
  return out;
}

/** The keys whose digests differ between two snapshots (missing on either side included). */
export function differences(expected: Record<string, string>, actual: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(expected), ...Object.keys(actual)]);
  return [...keys].filter((k) => expected[k] !== actual[k]).sort();
}

function main(argv: string[]): number {
  const update = argv.includes('--update');
  const dumpAt = argv.indexOf('--dump');
  const dumpFile = dumpAt >= 0 ? argv[dumpAt + 1] : undefined;
  const dump = dumpFile ? [] as string[] : undefined;
  const started = Date.now();
  const quick = argv.includes('--quick');
  const actual = computeDigests(undefined, dump, quick ? ['plaintext'] : ALL_FORMATS);
  if (dumpFile && dump) {
    fs.writeFileSync(dumpFile, dump.join('\n') + '\n');
  }
  if (update && quick) {
    console.error('--update needs every format: drop --quick');
    return 2;
  }
  if (update) {
    fs.writeFileSync(SNAPSHOT, JSON.stringify(actual, null, 0).replace(/,"/g, ',\n"') + '\n');
    console.log(`wrote ${Object.keys(actual).length} digests to ${path.relative(ROOT, SNAPSHOT)} (${Date.now() - started} ms)`);
    return 0;
  }
  const all = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as Record<string, string>;
  const expected = quick ? Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('plaintext/'))) : all;
  const diff = differences(expected, actual);
  if (diff.length === 0) {
    console.log(`findings identical on ${Object.keys(actual).length} analyses (${Date.now() - started} ms)`);
    return 0;
  }
  console.log(`${diff.length} analyses differ from the snapshot:`);
  for (const k of diff.slice(0, 50)) {
    console.log(`  ${k}`);
  }
  return 1;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
