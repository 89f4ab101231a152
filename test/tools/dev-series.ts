/**
 * The outline's parallel series against series annotated by hand on *dev* essays
 * (test/fixtures/dev-gold/series.json; issue 14: tune on dev, only measure on test). Dev only: refuses test
 * essays. The matching is the evaluation's (test/tools/eval.ts, section 2): a found series matches a gold one
 * when more than half of its item openings lie within 3 code units of a gold item start; a gold series of one
 * item (a lone ordinal) is recalled when the outline lists an orphan ordinal there.
 *
 *   node out/test/tools/dev-series.js [--gold FILE] [--list]
 *   node out/test/tools/dev-series.js --sample N --seed S [--level clause|sentence|paragraph]
 *
 * Prints recall per gold kind and precision per found kind/level; with --list, the gold series no found
 * series matches and the found series that match none. With --sample, N series of one level (--level, default clause) drawn at random (seed
 * S) from every series of that level the outline finds in the dev essays of no reading set, each with its paragraph,
 * to be read by hand (the README's random samples).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisConfig } from '../../server/src/analysis';
import { corpusEssay, getAnalyzer, ROOT } from '../unit/helpers';
import { compareSeries, excerpt, matchSingles, lineOf, pct, ratio, rng, type GoldEssay } from './eval-lib';

const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [] };
const TOLERANCE = 3;
const KINDS = ['para', 'inline', 'recap', 'ordinal'];

/** Dev essays in none of the series reading sets. */
function unannotated(dev: readonly string[]): string[] {
  const dir = path.join(ROOT, 'test', 'fixtures', 'dev-gold');
  const annotated = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((n) => /^series.*\.json$/.test(n))) {
    for (const g of JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as GoldEssay[]) {
      annotated.add(g.file);
    }
  }
  return dev.filter((f) => !annotated.has(f));
}

/** N series of one level drawn at random from the unannotated dev essays, printed with their paragraph. */
function sample(dev: readonly string[], n: number, seed: number, level: string): void {
  const all: Array<{ file: string; text: string; s: ReturnType<typeof seriesOf>[number] }> = [];
  for (const file of unannotated(dev)) {
    const text = corpusEssay(file);
    for (const s of seriesOf(text).filter((x) => x.level === level)) {
      all.push({ file, text, s });
    }
  }
  const random = rng(seed);
  const picked: typeof all = [];
  const pool = [...all];
  while (picked.length < n && pool.length > 0) {
    picked.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  }
  process.stdout.write(`${all.length} ${level} series in ${unannotated(dev).length} unannotated dev essays; ${picked.length} drawn (seed ${seed})\n`);
  picked.forEach(({ file, text, s }, i) => {
    const first = s.items[0]!;
    const last = s.items[s.items.length - 1]!;
    const from = Math.max(text.lastIndexOf('\n', first.leadStart - 1) + 1, first.leadStart - 40);
    const nl = text.indexOf('\n', last.leadEnd);
    const to = Math.min(nl < 0 ? text.length : nl, last.leadEnd + 30);
    const items = s.items.map((it) => text.slice(it.leadStart, Math.min(it.leadEnd, it.leadStart + 14))).join(' / ');
    process.stdout.write(`\n${i + 1}. ${file} line ${lineOf(text, first.leadStart)} ${s.frame ?? ''}\n   items: ${items}\n   text: ${text.slice(from, to)}\n`);
  });
}

function seriesOf(text: string): ReturnType<ReturnType<typeof getAnalyzer>['analyze']>['structure']['series'] {
  return getAnalyzer().analyze(text, { format: 'plaintext', config: CONFIG }).structure.series;
}

function main(): void {
  const argv = process.argv.slice(2);
  let sampleSize = 0;
  let seed = 1;
  let goldFile = path.join(ROOT, 'test', 'fixtures', 'dev-gold', 'series.json');
  let list = false;
  let level = 'clause';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--gold') {
      goldFile = argv[++i]!;
    } else if (a === '--list') {
      list = true;
    } else if (a === '--sample') {
      sampleSize = Number(argv[++i]);
    } else if (a === '--level') {
      level = argv[++i]!;
    } else if (a === '--seed') {
      seed = Number(argv[++i]);
    } else {
      throw new Error(`unknown argument ${a}`);
    }
  }
  const split = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'gold', 'split.json'), 'utf8')) as { dev: string[]; test: string[] };
  const test = new Set(split.test);
  if (sampleSize > 0) {
    sample(split.dev, sampleSize, seed, level);
    return;
  }
  const gold = JSON.parse(fs.readFileSync(goldFile, 'utf8')) as GoldEssay[];
  const byKind = new Map<string, { n: number; hit: number }>(KINDS.map((k) => [k, { n: 0, hit: 0 }]));
  const found = new Map<string, { n: number; hit: number }>();
  const singles = { n: 0, orphan: 0 };
  const misses: string[] = [];
  const fps: string[] = [];
  for (const g of gold) {
    if (test.has(g.file)) {
      throw new Error(`${g.file} is a test essay`);
    }
    const text = corpusEssay(g.file);
    for (const s of g.series) {
      for (const it of s.items) {
        if (text.slice(it.start, it.end) !== it.opening) {
          throw new Error(`${g.file}@${it.start}: gold ${JSON.stringify(it.opening)} but text ${JSON.stringify(text.slice(it.start, it.end))}`);
        }
      }
    }
    const st = getAnalyzer().analyze(text, { format: 'plaintext', config: CONFIG }).structure;
    const cmp = compareSeries(
      st.series.map((s) => s.items.map((i) => i.leadStart)),
      g.series.map((s) => s.items.map((i) => i.start)),
      TOLERANCE,
    );
    matchSingles(cmp, g.series.map((s) => s.items.map((i) => i.start)), st.orphans.map((m) => m.start), TOLERANCE);
    for (const s of g.series.filter((x) => x.items.length === 1)) {
      singles.n++;
      if (st.orphans.some((m) => Math.abs(m.start - s.items[0]!.start) <= TOLERANCE)) {
        singles.orphan++;
      }
    }
    g.series.forEach((s, j) => {
      const k = byKind.get(s.kind) ?? { n: 0, hit: 0 };
      byKind.set(s.kind, k);
      k.n++;
      if (cmp.goldMatched[j]) {
        k.hit++;
      } else {
        misses.push(`${g.file} ${s.id} ${s.kind} line ${s.items[0]?.line ?? '?'}: ${s.items.map((i) => i.opening).join(' / ')}`);
      }
    });
    st.series.forEach((s, j) => {
      const key = `${s.kind}/${s.level}`;
      const k = found.get(key) ?? { n: 0, hit: 0 };
      found.set(key, k);
      k.n++;
      if (cmp.foundMatched[j]) {
        k.hit++;
      } else {
        const onDistractor = s.items.some((i) => g.distractors.some((d) => i.leadStart < d.end && d.start < i.leadEnd));
        fps.push(`${g.file} line ${lineOf(text, s.items[0]?.leadStart ?? 0)} ${key}${onDistractor ? ' (distractor)' : ''} ${s.frame ?? ''}: ${s.items.map((i) => excerpt(text, { start: i.leadStart, end: Math.min(i.leadEnd, i.leadStart + 12) }, 0)).join(' / ')}`);
      }
    });
  }
  const out = (s: string): boolean => process.stdout.write(`${s}\n`);
  out(`Dev series gold: ${gold.length} essays (${path.relative(ROOT, goldFile)})`);
  const all = [...byKind.values()].reduce((a, k) => ({ n: a.n + k.n, hit: a.hit + k.hit }), { n: 0, hit: 0 });
  for (const [kind, k] of byKind) {
    out(`recall ${kind.padEnd(8)} ${String(k.hit).padStart(3)}/${String(k.n).padEnd(3)} ${pct(ratio(k.hit, k.n))}`);
  }
  out(`recall all      ${String(all.hit).padStart(3)}/${String(all.n).padEnd(3)} ${pct(ratio(all.hit, all.n))}`);
  const allFound = [...found.values()].reduce((a, k) => ({ n: a.n + k.n, hit: a.hit + k.hit }), { n: 0, hit: 0 });
  for (const [key, k] of [...found].sort()) {
    out(`precision ${key.padEnd(18)} ${String(k.hit).padStart(3)}/${String(k.n).padEnd(3)} ${pct(ratio(k.hit, k.n))}`);
  }
  out(`precision all                ${String(allFound.hit).padStart(3)}/${String(allFound.n).padEnd(3)} ${pct(ratio(allFound.hit, allFound.n))}`);
  out(`Gold series of a single item: ${singles.n}, listed as orphan ordinals: ${singles.orphan} (counted above as recalled)`);
  if (list) {
    out(`\nGold series no found series matches (${misses.length}):`);
    misses.forEach((m) => out(`  ${m}`));
    out(`\nFound series matching no gold series (${fps.length}):`);
    fps.forEach((m) => out(`  ${m}`));
  }
}

main();
