/**
 * Property-based tests (issue 13), the quick seeded run of `npm test`: modest numbers of runs, a fixed seed,
 * so a failure here reproduces exactly. The generators and properties live in properties-lib.ts; the long
 * run with more runs and larger inputs is test/tools/properties-long.ts (NUM_RUNS, SEED from the environment).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedRegions, FAST, mapBack, registerPropertyTests } from './properties-lib';

registerPropertyTests({
  numRuns: 60,
  cliRuns: 1,
  timingRuns: 2,
  timingSize: 6_000,
  seed: 20260313,
  scale: FAST,
  timeout: 120_000,
});

// The bookkeeping behind (d): a later round's edits mapped back to the original text.
test('changedRegions maps later rounds back to the original text', () => {
  // "ab!!cd": round 1 widens the first mark, round 2 the second (offset 3 in both texts).
  assert.deepEqual(
    changedRegions([[{ start: 2, end: 3, newText: '！' }], [{ start: 3, end: 4, newText: '！' }]]).map((r) => [r.start, r.end]),
    [[2, 3], [3, 4]],
  );
  // Round 1 turns "axxbcd" into "abc——d" (deletes "xx", inserts "——" at 5); round 2 edits the first dash
  // (3-4 of the new text), which maps to the insertion point 5.
  assert.deepEqual(
    changedRegions([[{ start: 1, end: 3, newText: '' }, { start: 5, end: 5, newText: '——' }], [{ start: 3, end: 4, newText: '—' }]]).map((r) => [r.start, r.end]),
    [[1, 3], [5, 5], [5, 5]],
  );
  // Text after a growing edit shifts back by the growth.
  assert.equal(mapBack([{ start: 0, end: 1, newText: 'abc' }], 5, 'start'), 3);
  assert.equal(mapBack([{ start: 0, end: 1, newText: 'abc' }], 2, 'start'), 0);
  assert.equal(mapBack([{ start: 0, end: 1, newText: 'abc' }], 2, 'end'), 1);
});
