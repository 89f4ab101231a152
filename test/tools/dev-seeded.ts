/**
 * Seeded structure defects on the corpus's *dev* part: the tuning counterpart of section 4 of eval.ts, which
 * measures the same on the gold series of the *test* part and must not be tuned on. Dev has no gold series, so
 * the injection sites are the outline's own series on each clean dev essay (its items and announced count).
 *
 *   npx tsc -p . && node esbuild.mjs && node out/test/tools/dev-seeded.js [--seed N] [--missed N] [--kind KIND] [--gold] [--context N]
 *
 * With --gold the sites are instead the series annotated by hand on dev (test/fixtures/dev-gold/series*.json,
 * 'yes' series of two items or more, the count read before the first item): like the gold sites of eval.ts, they
 * include the series the outline does not find, which the outline's own sites cannot show. Prints, per kind (count, skip, repeat, frame), the injections, how many the right rule flags on an injected
 * range, and the first missed ones in context.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisConfig } from '../../server/src/analysis';
import { corpusEssay, getAnalyzer, ROOT } from '../unit/helpers';
import { excerpt, pct, ratio, rngFor, type GoldEssay, type GoldSeries } from './eval-lib';
import { countBefore, runSeeded, SEEDED_KINDS, SEEDED_RULE, tallySeeded, type SeededResult, type SeedSeries } from './seeded-lib';

const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [], only: [...new Set(Object.values(SEEDED_RULE))] };

/** The dev gold series judged consistent, of two items or more, per essay (every dev-gold series*.json file). */
function devGoldSeries(dev: ReadonlySet<string>): Map<string, GoldSeries[]> {
  const dir = path.join(ROOT, 'test', 'fixtures', 'dev-gold');
  const out = new Map<string, GoldSeries[]>();
  for (const name of fs.readdirSync(dir).filter((n) => /^series.*\.json$/.test(n)).sort()) {
    for (const g of JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as GoldEssay[]) {
      if (!dev.has(g.file)) {
        throw new Error(`${name}: ${g.file} is not a dev essay`);
      }
      const keep = g.series.filter((s) => s.consistent === 'yes' && s.items.length >= 2);
      if (!out.has(g.file)) {
        out.set(g.file, keep);
      }
    }
  }
  return out;
}

function main(): void {
  const argv = process.argv.slice(2);
  const arg = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(arg('--seed') ?? 2014);
  const showMissed = Number(arg('--missed') ?? 20);
  const context = Number(arg('--context') ?? 30);
  const onlyKind = arg('--kind');
  const useGold = argv.includes('--gold');
  const split = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'gold', 'split.json'), 'utf8')) as { dev: string[] };
  const analyzer = getAnalyzer();
  const t0 = Date.now();
  const results: Array<SeededResult & { file: string }> = [];
  const gold = useGold ? devGoldSeries(new Set(split.dev)) : undefined;
  for (const file of gold ? [...gold.keys()] : split.dev) {
    const text = corpusEssay(file);
    const structure = analyzer.analyze(text, { format: 'plaintext', config: CONFIG }).structure;
    // The announced count: the outline's, else a count before the series read by the injection library.
    const series: SeedSeries[] = gold
      ? gold.get(file)!.map((s) => {
          // Gold items are openings, as in eval.ts; the id keeps the gold kind's initial (p, i, r) for the tally.
          const site: SeedSeries = { id: `${s.id}${s.kind === 'para' ? 'p' : s.kind[0]}`, items: s.items.map((i) => ({ start: i.start, end: i.start })) };
          return { ...site, announced: countBefore(text, site) };
        })
      : structure.series.map((s, k) => {
          // The id names the series' level (p, s, c: paragraph, sentence, clause) for the per-level tally.
          const site: SeedSeries = { id: `#${k}${s.level[0]}`, items: s.items.map((it) => ({ start: it.leadStart, end: it.leadEnd })) };
          return { ...site, announced: s.announced ?? countBefore(text, site) };
        });
    const analyze = (t: string): ReturnType<typeof analyzer.analyze>['findings'] => analyzer.analyze(t, { format: 'plaintext', config: CONFIG }).findings;
    // One generator per essay and series, keyed by the gold id or by where the outline's series starts (not by its
    // index, which moves when the outline finds one more series earlier in the essay).
    const key = (s: SeedSeries): string => (gold ? s.id : `${s.id.slice(-1)}@${s.items[0]!.start}`);
    for (const r of runSeeded(text, series, analyzer.tokens(text), (s) => rngFor(seed, file, key(s)), analyze)) {
      results.push({ ...r, file });
    }
  }
  const out: string[] = [];
  out.push(`Seeded structure defects on ${gold ? gold.size : split.dev.length} dev essays (seed ${seed}; sites: ${gold ? 'the dev gold series' : "the outline's series"})`);
  out.push('');
  out.push('| kind | rule | injected | flagged | recall | already flagged clean (not counted) |');
  out.push('|---|---|---|---|---|---|');
  for (const [kind, c] of tallySeeded(results)) {
    out.push(`| ${kind} | ${SEEDED_RULE[kind]} | ${c.n} | ${c.hit} | ${pct(ratio(c.hit, c.n))} | ${c.cleanFlagged} |`);
  }
  // Dropped frame words per level of the series they were injected into.
  const levels = new Map<string, { n: number; hit: number }>();
  for (const r of results) {
    if (r.inj.kind === 'frame' && !r.cleanFlagged) {
      const level = { p: 'paragraph', s: 'sentence', c: 'clause', i: 'inline', r: 'recap', o: 'ordinal' }[r.inj.series.slice(-1)] ?? '?';
      const c = levels.get(level) ?? { n: 0, hit: 0 };
      c.n++;
      c.hit += r.flagged ? 1 : 0;
      levels.set(level, c);
    }
  }
  out.push('');
  out.push(`frame by level: ${[...levels].map(([l, c]) => `${l} ${c.hit}/${c.n} (${pct(ratio(c.hit, c.n))})`).join(', ')}`);
  for (const kind of SEEDED_KINDS) {
    if (onlyKind !== undefined && kind !== onlyKind) {
      continue;
    }
    const missed = results.filter((r) => r.inj.kind === kind && !r.cleanFlagged && !r.flagged);
    if (missed.length === 0) {
      continue;
    }
    out.push('');
    out.push(`Missed ${kind} (first ${Math.min(showMissed, missed.length)} of ${missed.length}):`);
    for (const r of missed.slice(0, showMissed)) {
      const site = r.sites[0]!;
      out.push(`  ${r.file} ${r.inj.series} ${r.inj.note}: ${excerpt(r.dirty, site, context)}`);
    }
  }
  out.push('');
  out.push(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  process.stdout.write(`${out.join('\n')}\n`);
}

main();
