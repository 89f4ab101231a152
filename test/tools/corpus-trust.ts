/**
 * Trust over the whole corpus (server/data/corpus/shenlun and seeds, 1,000 files): for each file, check,
 * fix-all as `wenfeng fix` does it and convert to the file's own script, then count the files where
 * - fix is idempotent: one round of fixes is already the fixed point, and fix(fix(x)) = fix(x);
 * - fix is confined: every automatic edit lies inside the finding that carries it, and fix changes nothing
 *   beyond what that first check reported;
 * - convert to the file's own script changes nothing but the words check reports as the other script (a
 *   file in one script is left as it is), and, for Simplified files, S → T → S round-trips.
 * Not a unit test (it takes a while); run:
 *
 *   npx tsc -p . && node out/test/tools/corpus-trust.js
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { trust, type TrustReport } from './trust';

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'server', 'data', 'corpus');
const files: string[] = [];
for (const dir of ['shenlun', 'seeds']) {
  for (const name of fs.readdirSync(path.join(CORPUS, dir)).sort()) {
    if (/\.(txt|md|markdown)$/.test(name)) {
      files.push(path.join(dir, name));
    }
  }
}

type Property = 'idempotent' | 'confined' | 'convert' | 'roundTrip';
const KEYS: Array<[Property, string]> = [
  ['idempotent', 'fix idempotent'],
  ['confined', 'fix confined to reported findings'],
  ['convert', 'convert to own script unchanged (or only words check reports as mixed script)'],
  ['roundTrip', 'Simplified → Traditional → Simplified round-trips'],
];
const failures = new Map<Property, string[]>(KEYS.map(([k]) => [k, []]));
const convertedReported: string[] = [];
const errors: string[] = [];
for (const file of files) {
  try {
    const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
    const report: TrustReport = trust(text, file);
    if (report.convertedReported) {
      convertedReported.push(file);
    }
    for (const [k] of KEYS) {
      const problem = report[k];
      if (problem !== undefined) {
        failures.get(k)!.push(`  ${file}: ${problem}`);
      }
    }
  } catch (e) {
    errors.push(`  ${file}: ${(e as Error).stack ?? String(e)}`);
  }
}

console.log(`files: ${files.length}, errors: ${errors.length}`);
for (const e of errors) {
  console.log(e);
}
for (const [k, label] of KEYS) {
  const failed = failures.get(k)!;
  console.log(`${label}: ${files.length - errors.length - failed.length}/${files.length}`);
  for (const f of failed) {
    console.log(f);
  }
}
console.log(`  of which changed only in reported script/mixed findings: ${convertedReported.length} (${convertedReported.join(', ')})`);
process.exitCode = errors.length > 0 || [...failures.values()].some((f) => f.length > 0) ? 1 : 0;
