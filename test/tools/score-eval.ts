/**
 * Score evaluation (issue 17): does the score tell a published essay from damaged copies of itself?
 *
 *   npx tsc -p . && node esbuild.mjs && node out/test/tools/score-eval.js [--dev] [--set RULE.FIELD=N]… [--norms] [--json FILE]
 *
 * Default: the corpus's *test* essays (measuring only). `--dev`: the 802 *dev* essays, where weights may be tuned:
 * `--set structure/frame-mismatch.base=20` (or `severity.information=0.8`, `category.structure=0.3`) overrides a
 * figure of score-weights.ts for the run; `--set` is refused on test. `--norms` prints each rule's findings per
 * 1,000 Han characters on the dev essays (the `norm` column of score-weights.ts) and exits.
 *
 * For each essay: its clean score and the scores of damaged copies, one defect kind per copy: a pasted paragraph,
 * three Traditional words (the project's converter), three full-width commas made half-width, a character doubled
 * inside a word, a skipped ordinal and a wrong announced count (seeded-lib.ts, on the outline's series of the clean
 * essay, where it has an ordinal series / a count). Prints the share of pairs where clean > damaged per kind and
 * overall (bar ≥ 95 %), the clean scores' median (bar ≥ 85), quartiles, min and max, and the five seed essays'
 * scores with their main deductions. Exit 1 when a bar fails.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisConfig, AnalysisResult } from '../../server/src/analysis';
import { getServices } from '../../server/src/services';
import { computeScore, DEFAULT_TABLES, hanCount, type Score, type ScoreTables } from '../../server/src/analysis/score';
import { RULE_WEIGHTS, type RuleWeight } from '../../server/src/analysis/score-weights';
import { ALL_RULES } from '../../server/src/analysis';
import { corpusEssay, CORPUS, getAnalyzer, ROOT } from '../unit/helpers';
import { pct, rngFor, type WordToken } from './eval-lib';
import { applySeeded, countBefore, planSeeded, type SeedSeries } from './seeded-lib';

const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [] };
const SEED = 1717;
export const DAMAGE_KINDS = ['paste', 'traditional', 'halfwidth', 'doubled', 'skip', 'count'] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];
export const SCORE_BARS = { pairs: 0.95, median: 85 };

const HAN = /^[\u4e00-\u9fff]+$/;

/** The rule expected to flag each kind of damage (for the report of lost pairs). */
export const DAMAGE_RULE: Readonly<Record<DamageKind, string>> = {
  paste: 'repetition/duplicate-paragraph',
  traditional: 'script/mixed',
  halfwidth: 'punctuation/halfwidth',
  doubled: 'repetition/doubled-word',
  skip: 'structure/ordinal-sequence',
  count: 'structure/announced-count',
};

/** A damaged copy of a text, or undefined when the essay offers no site for that kind. */
export function damage(kind: DamageKind, text: string, tokens: readonly WordToken[], series: readonly SeedSeries[], random: () => number): string | undefined {
  const pick = <T>(xs: readonly T[]): T | undefined => (xs.length === 0 ? undefined : xs[Math.floor(random() * xs.length)]);
  switch (kind) {
    case 'paste': {
      // A body paragraph (not the first, 40 characters or more) pasted again after the paragraph that follows it.
      const lines = text.split('\n');
      const bodies = lines.map((l, i) => [l, i] as const).filter(([l, i]) => i > 0 && l.trim().length >= 40 && i < lines.length - 1);
      const chosen = pick(bodies);
      if (!chosen) {
        return undefined;
      }
      const at = Math.min(lines.length, chosen[1] + 2);
      return [...lines.slice(0, at), chosen[0], ...lines.slice(at)].join('\n');
    }
    case 'traditional': {
      const converter = getServices().converter;
      const words = tokens.filter((t) => t.text.length >= 2 && HAN.test(t.text) && converter.convertWord(t.text, 'traditional') !== t.text);
      const chosen = new Set<WordToken>();
      for (let tries = 0; chosen.size < 3 && tries < 50; tries++) {
        const w = pick(words);
        if (w) {
          chosen.add(w);
        }
      }
      if (chosen.size < 3) {
        return undefined;
      }
      return edit(text, [...chosen].map((w) => ({ start: w.start, end: w.end, newText: converter.convertWord(w.text, 'traditional') })));
    }
    case 'halfwidth': {
      const commas: number[] = [];
      for (let i = text.indexOf('，'); i >= 0; i = text.indexOf('，', i + 1)) {
        commas.push(i);
      }
      if (commas.length < 3) {
        return undefined;
      }
      const chosen = new Set<number>();
      while (chosen.size < 3) {
        chosen.add(pick(commas)!);
      }
      return edit(text, [...chosen].map((i) => ({ start: i, end: i + 1, newText: ',' })));
    }
    case 'doubled': {
      // A character inside a word of two to four Han characters doubled (发展 → 发发展 or 发展展).
      const words = tokens.filter((t) => t.text.length >= 2 && t.text.length <= 4 && HAN.test(t.text) && !/(.)\1/u.test(t.text));
      const w = pick(words);
      if (!w) {
        return undefined;
      }
      const k = w.start + Math.floor(random() * w.text.length);
      return edit(text, [{ start: k, end: k, newText: text[k]! }]);
    }
    case 'skip':
    case 'count': {
      const plans = series.flatMap((s) => planSeeded(text, s, tokens, random)).filter((p) => p.kind === kind);
      const chosen = pick(plans);
      return chosen ? applySeeded(text, chosen).text : undefined;
    }
  }
}

function edit(text: string, edits: ReadonlyArray<{ start: number; end: number; newText: string }>): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  }
  return out;
}

/** Quantile q of sorted numbers (linear interpolation). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** Summary of a run. */
export interface ScoreSummary {
  part: 'test' | 'dev';
  essays: number;
  pairs: Record<DamageKind | 'all', { pairs: number; won: number; share: number | null }>;
  clean: { median: number; q1: number; q3: number; min: number; max: number; below85: number };
  seeds: Array<{ file: string; total: number; categories: Score['categories']; main: string[] }>;
  losses: Array<{ file: string; kind: DamageKind; clean: number; damaged: number; detected: boolean }>;
}

function rescore(r: AnalysisResult, text: string, tables: ScoreTables): Score {
  if (tables === DEFAULT_TABLES) {
    return r.score;
  }
  const category = new Map(ALL_RULES.map((rule) => [rule.meta.id, rule.meta.category]));
  const size = r.paragraphs.reduce((n, p) => n + hanCount(p.prose), 0);
  return computeScore(r.findings, size, (id) => category.get(id) ?? 'phrasing', r.score.genreFit, text.length, tables);
}

/** Runs the measurement on one part of the split with the given tables. */
export function measure(part: 'test' | 'dev', tables: ScoreTables = DEFAULT_TABLES): ScoreSummary {
  const split = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'gold', 'split.json'), 'utf8')) as Record<'test' | 'dev', string[]>;
  const analyzer = getAnalyzer();
  // One generator per essay and damage, so that a change in what one damage draws (the outline's series decide
  // where a skip or a count can go) does not move every later essay's doubled character or pasted paragraph.
  const randomFor = (file: string, kind: string): (() => number) => rngFor(SEED, file, kind);
  const run = (text: string): AnalysisResult => analyzer.analyze(text, { format: 'plaintext', config: CONFIG });
  const tally = Object.fromEntries([...DAMAGE_KINDS, 'all'].map((k) => [k, { pairs: 0, won: 0, share: null }])) as ScoreSummary['pairs'];
  const cleanScores: number[] = [];
  const losses: ScoreSummary['losses'] = [];
  for (const file of split[part]) {
    const text = corpusEssay(file);
    const r = run(text);
    const clean = rescore(r, text, tables).total;
    cleanScores.push(clean);
    const tokens = analyzer.tokens(text);
    const series: SeedSeries[] = r.structure.series.map((s, k) => {
      const site: SeedSeries = { id: `#${k}`, items: s.items.map((it) => ({ start: it.leadStart, end: it.leadEnd })) };
      return { ...site, announced: s.announced ?? countBefore(text, site) };
    });
    for (const kind of DAMAGE_KINDS) {
      const dirty = damage(kind, text, tokens, series, randomFor(file, kind));
      if (dirty === undefined || dirty === text) {
        continue;
      }
      const dr = run(dirty);
      const damaged = rescore(dr, dirty, tables).total;
      for (const k of [kind, 'all'] as const) {
        tally[k].pairs++;
        if (clean > damaged) {
          tally[k].won++;
        }
      }
      if (clean <= damaged) {
        const n = (x: AnalysisResult): number => x.findings.filter((f) => f.rule === DAMAGE_RULE[kind]).length;
        losses.push({ file, kind, clean, damaged, detected: n(dr) > n(r) });
      }
    }
  }
  for (const t of Object.values(tally)) {
    t.share = t.pairs === 0 ? null : t.won / t.pairs;
  }
  const sorted = [...cleanScores].sort((a, b) => a - b);
  const seedDir = path.join(CORPUS, 'seeds');
  const seeds = fs
    .readdirSync(seedDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => {
      const text = fs.readFileSync(path.join(seedDir, file), 'utf8');
      const s = rescore(run(text), text, tables);
      const main = [...s.deductions]
        .sort((a, b) => b.total - a.total)
        .slice(0, 4)
        .map((d) => `${d.rule} ×${d.count} −${d.total.toFixed(1)}`);
      return { file, total: s.total, categories: s.categories, main };
    });
  return {
    part,
    essays: split[part].length,
    pairs: tally,
    clean: {
      median: quantile(sorted, 0.5),
      q1: quantile(sorted, 0.25),
      q3: quantile(sorted, 0.75),
      min: sorted[0] ?? Number.NaN,
      max: sorted[sorted.length - 1] ?? Number.NaN,
      below85: sorted.filter((s) => s < 85).length,
    },
    seeds,
    losses,
  };
}

/** The bars of issue 17 that a summary fails. */
export function failedBars(s: ScoreSummary): string[] {
  const failed: string[] = [];
  for (const [kind, t] of Object.entries(s.pairs)) {
    if (t.share !== null && t.share < SCORE_BARS.pairs) {
      failed.push(`score pairs ${kind} ${pct(t.share)} < ${pct(SCORE_BARS.pairs)} (${t.won}/${t.pairs})`);
    }
  }
  if (!(s.clean.median >= SCORE_BARS.median)) {
    failed.push(`score clean median ${s.clean.median} < ${SCORE_BARS.median}`);
  }
  return failed;
}

/** Lines of a report of a summary. */
export function formatSummary(s: ScoreSummary, showLosses = 10): string[] {
  const out: string[] = [];
  out.push(`## Score (issue 17) on the ${s.essays} ${s.part} essays: clean vs damaged copies (seed ${SEED})`);
  out.push('');
  out.push('| damage | pairs | clean > damaged | share |');
  out.push('|---|---|---|---|');
  for (const [kind, t] of Object.entries(s.pairs)) {
    out.push(`| ${kind} | ${t.pairs} | ${t.won} | ${pct(t.share)} |`);
  }
  const undetected = s.losses.filter((l) => !l.detected).length;
  out.push(`Lost pairs: ${s.losses.length}, of which ${undetected} without a new finding of the damage's rule (the score cannot see them)`);
  const c = s.clean;
  out.push('');
  out.push(`Clean scores: median ${c.median}, quartiles ${c.q1}–${c.q3}, min ${c.min}, max ${c.max}; ${c.below85} of ${s.essays} below 85`);
  if (s.losses.length > 0) {
    out.push(`Pairs lost (first ${Math.min(showLosses, s.losses.length)} of ${s.losses.length}):`);
    for (const l of s.losses.slice(0, showLosses)) {
      out.push(`  ${l.file} ${l.kind}: clean ${l.clean}, damaged ${l.damaged}${l.detected ? '' : ` (no new ${DAMAGE_RULE[l.kind]} finding)`}`);
    }
  }
  out.push('');
  out.push('Seeds:');
  for (const seed of s.seeds) {
    const cats = Object.entries(seed.categories)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    out.push(`  ${seed.file}: ${seed.total} (${cats}); ${seed.main.join('; ') || 'no deductions'}`);
  }
  return out;
}

/** The score section of the evaluation on the test part: prints its lines, returns the summary and failed bars. */
export function scoreSection(print: (line: string) => void): { summary: ScoreSummary; failed: string[] } {
  const summary = measure('test');
  for (const line of formatSummary(summary)) {
    print(line);
  }
  return { summary, failed: failedBars(summary) };
}

/** Applies `--set` overrides to a copy of the default tables. */
function tablesWith(sets: readonly string[]): ScoreTables {
  if (sets.length === 0) {
    return DEFAULT_TABLES;
  }
  const rules: Record<string, RuleWeight> = {};
  const severity = { ...DEFAULT_TABLES.severity };
  const category = { ...DEFAULT_TABLES.category };
  for (const s of sets) {
    const m = /^(.+)\.(\w+)=([\d.]+)$/.exec(s);
    if (!m) {
      throw new Error(`bad --set ${s}`);
    }
    const [, key, field, value] = m;
    if (key === 'severity') {
      (severity as Record<string, number>)[field!] = Number(value);
    } else if (key === 'category') {
      (category as Record<string, number>)[field!] = Number(value);
    } else {
      const w = { ...(rules[key!] ?? DEFAULT_TABLES.weightOf(key!)) };
      (w as unknown as Record<string, number>)[field!] = Number(value);
      rules[key!] = w;
    }
  }
  return { weightOf: (rule) => rules[rule] ?? DEFAULT_TABLES.weightOf(rule), severity, category };
}

/** Findings per 1,000 Han characters per rule on the dev essays. */
function norms(): string[] {
  const split = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'gold', 'split.json'), 'utf8')) as { dev: string[] };
  const analyzer = getAnalyzer();
  const counts = new Map<string, number>();
  let han = 0;
  for (const file of split.dev) {
    const text = corpusEssay(file);
    const r = analyzer.analyze(text, { format: 'plaintext', config: CONFIG });
    han += r.paragraphs.reduce((n, p) => n + hanCount(p.prose), 0);
    for (const f of r.findings) {
      counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
    }
  }
  const out = [`Findings per 1,000 Han characters on the ${split.dev.length} dev essays (${han} Han characters):`];
  for (const rule of [...new Set([...Object.keys(RULE_WEIGHTS), ...counts.keys()])].sort()) {
    const n = counts.get(rule) ?? 0;
    out.push(`  ${rule}: ${n} findings, norm ${((n * 1000) / han).toFixed(3)}`);
  }
  return out;
}

function main(): void {
  const argv = process.argv.slice(2);
  const sets: string[] = [];
  let dev = false;
  let json: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--dev') {
      dev = true;
    } else if (a === '--set') {
      sets.push(argv[++i] ?? '');
    } else if (a === '--json') {
      json = argv[++i];
    } else if (a === '--norms') {
      process.stdout.write(`${norms().join('\n')}\n`);
      return;
    } else {
      process.stderr.write(`unknown argument ${a}\n`);
      process.exit(2);
    }
  }
  if (sets.length > 0 && !dev) {
    process.stderr.write('score-eval: --set tunes weights and is refused on the test part; add --dev\n');
    process.exit(2);
  }
  const t0 = Date.now();
  const summary = measure(dev ? 'dev' : 'test', tablesWith(sets));
  const failed = failedBars(summary);
  const lines = formatSummary(summary, dev ? Number(process.env.SCORE_LOSSES ?? 40) : 10);
  lines.push('');
  for (const f of failed) {
    lines.push(`FAIL ${f}`);
  }
  if (failed.length === 0) {
    lines.push('ok   all score bars hold');
  }
  lines.push(`(${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (json) {
    fs.writeFileSync(json, `${JSON.stringify({ summary, failed }, null, 2)}\n`);
  }
  process.exitCode = failed.length > 0 ? 1 : 0;
}

if (require.main === module) {
  main();
}
