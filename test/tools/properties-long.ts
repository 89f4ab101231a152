/**
 * The long run of the property-based tests (issue 13): the same properties as test/unit/properties.test.ts,
 * with more runs, larger documents (blocks of thousands of short lines) and a larger timing input.
 *
 *   NUM_RUNS=2000 SEED=42 node out/test/tools/properties-long.js
 *
 * NUM_RUNS: runs of each core property (default 500); the CLI and timing properties take a fraction of it.
 * SEED: fast-check's seed (default: a fresh one, printed, so that a failure can be replayed with SEED=…).
 * TIMING_SIZE: n of the timing property in code units (default 70000: 4n is 280,000 code units, 40,000 lines of an outline).
 * SKIP_TIMING=1: skip the timing property (f), e.g. when hunting counterexamples of the others with many seeds.
 */
import { LONG, registerPropertyTests } from '../unit/properties-lib';

function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const v = Number(raw);
  if (!Number.isInteger(v)) {
    throw new Error(`${name} must be an integer (got ${raw})`);
  }
  return v;
}

const numRuns = envInt('NUM_RUNS', 500);
const seed = envInt('SEED', Date.now() ^ (Math.random() * 0x7fffffff));
process.stdout.write(`properties-long: NUM_RUNS=${numRuns} SEED=${seed}\n`);

registerPropertyTests({
  numRuns,
  cliRuns: Math.max(2, Math.ceil(numRuns / 50)),
  timingRuns: Math.max(3, Math.ceil(numRuns / 200)),
  timingSize: envInt('TIMING_SIZE', 70_000),
  seed,
  scale: LONG,
  timeout: 24 * 3600_000,
  skipTiming: process.env['SKIP_TIMING'] === '1',
});
