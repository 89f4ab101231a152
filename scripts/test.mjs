// The test command behind `npm test`: unit and protocol tests always; the editor levels (Neovim, extension
// host in code-server, UI in code-server) when their prerequisites are installed (scripts/e2e-setup.sh).
// Prints which levels ran and which were skipped and why, and ends with the line `N passed, N failed`
// (tests, summed over the levels that ran). Exits non-zero when any level that ran failed.
//
//   node scripts/test.mjs           all levels; editor levels without prerequisites are skipped
//   node scripts/test.mjs --e2e     the editor levels only, and missing prerequisites fail (npm run test:e2e)
// Env: WENFENG_REQUIRE_E2E=1 makes missing prerequisites fail (CI sets it after installing them);
//      WENFENG_SKIP_E2E=1 skips the editor levels.
import { spawn } from 'node:child_process';
import { missingForCodeServer, missingForNeovim } from './e2e-lib.mjs';

const e2eOnly = process.argv.includes('--e2e');
const requireE2e = e2eOnly || process.env.WENFENG_REQUIRE_E2E === '1';
const skipE2e = !e2eOnly && process.env.WENFENG_SKIP_E2E === '1';
const node = process.execPath;

const LEVELS = [
  { name: 'unit tests', args: ['--test', '--test-reporter=spec', 'out/test/unit/'] },
  { name: 'protocol tests (server over stdio)', args: ['--test', '--test-reporter=spec', 'out/test/protocol/'] },
  { name: 'e2e: Neovim as LSP client (headless)', e2e: true, args: ['scripts/e2e-nvim.mjs'], missing: missingForNeovim },
  { name: 'e2e: extension-host tests in code-server', e2e: true, args: ['scripts/e2e-exthost.mjs'], missing: missingForCodeServer },
  { name: 'e2e: UI test of the packaged .vsix in code-server', e2e: true, args: ['scripts/e2e-ui.mjs'], missing: missingForCodeServer },
  { name: "e2e: the writer's corpus in code-server (progress bar, completions, norms)", e2e: true, args: ['scripts/e2e-corpus.mjs'], missing: missingForCodeServer },
];

/** Test counts from a level's output: node's test runner summary, or the last `N passed, N failed` line. */
function counts(output) {
  const pass = [...output.matchAll(/^ℹ pass (\d+)$/gm)].at(-1);
  const fail = [...output.matchAll(/^ℹ fail (\d+)$/gm)].at(-1);
  const cancelled = [...output.matchAll(/^ℹ cancelled (\d+)$/gm)].at(-1);
  if (pass && fail) {
    return { passed: Number(pass[1]), failed: Number(fail[1]) + Number(cancelled?.[1] ?? 0) };
  }
  const plain = [...output.matchAll(/^(\d+) passed, (\d+) failed\b/gm)].at(-1);
  return plain ? { passed: Number(plain[1]), failed: Number(plain[2]) } : undefined;
}

/** Runs one level, showing its output as it comes and keeping it for counts(). */
function runLevel(args) {
  return new Promise((resolve) => {
    const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('error', (e) => {
      output += String(e);
      resolve({ status: 1, output });
    });
    child.on('close', (code, signal) => resolve({ status: code ?? (signal ? 1 : 0), output }));
  });
}

const results = [];
for (const level of LEVELS) {
  if (e2eOnly && !level.e2e) {
    continue;
  }
  if (level.e2e && skipE2e) {
    results.push({ level, skipped: 'WENFENG_SKIP_E2E=1' });
    continue;
  }
  const missing = level.missing?.();
  if (missing && !requireE2e) {
    results.push({ level, skipped: missing });
    continue;
  }
  console.log(`\n=== ${level.name}`);
  if (missing) {
    console.log(`cannot run: ${missing}`);
    results.push({ level, status: 1, passed: 0, failed: 1, seconds: 0 });
    continue;
  }
  const t0 = Date.now();
  const { status, output } = await runLevel(level.args);
  const c = counts(output);
  // A level that failed without reporting a failed test (a crash, a timeout) counts as one failure; one
  // that passed without reporting counts as one pass.
  const passed = c?.passed ?? (status === 0 ? 1 : 0);
  const failed = status !== 0 && (c?.failed ?? 0) === 0 ? 1 : (c?.failed ?? 0);
  results.push({ level, status, passed, failed, seconds: (Date.now() - t0) / 1000 });
}

console.log('\n=== summary');
let passed = 0;
let failed = 0;
for (const r of results) {
  if (r.skipped) {
    console.log(`skipped:     ${r.level.name} (${r.skipped})`);
    continue;
  }
  passed += r.passed;
  failed += r.failed;
  const verdict = r.status === 0 && r.failed === 0 ? 'ran, passed:' : 'ran, FAILED:';
  console.log(`${verdict} ${r.level.name} (${r.passed} passed, ${r.failed} failed, ${r.seconds.toFixed(1)} s)`);
}
if (results.some((r) => r.skipped && r.level.e2e) && !skipE2e) {
  console.log('(install the editor levels\' prerequisites with: bash scripts/e2e-setup.sh)');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.some((r) => !r.skipped && (r.status !== 0 || r.failed > 0)) ? 1 : 0);
