/**
 * Property-based tests (issue 13), the quick seeded run of `npm test`: modest numbers of runs, a fixed seed,
 * so a failure here reproduces exactly. The generators and properties live in properties-lib.ts; the long
 * run with more runs and larger inputs is test/tools/properties-long.ts (NUM_RUNS, SEED from the environment).
 */
import { FAST, registerPropertyTests } from './properties-lib';

registerPropertyTests({
  numRuns: 30,
  cliRuns: 1,
  timingRuns: 1,
  timingSize: 6_000,
  seed: 20260313,
  scale: FAST,
  timeout: 120_000,
});
