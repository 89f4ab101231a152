#!/usr/bin/env node
// Runs test/e2e/nvim/lsp_test.lua in headless Neovim against `node dist/cli.js lsp --stdio` and exits with
// its exit code. Neovim runs in its own process group, ended as a whole if it hangs past the time limit.
// Usage: node scripts/e2e-nvim.mjs [file]   (default test/fixtures/workspace/essay.txt)
// Env: WENFENG_E2E_TIMEOUT_MS (default 120000).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { missingForNeovim, ROOT, sessionMembers } from './e2e-lib.mjs';

const missing = missingForNeovim();
if (missing) {
  console.error(`e2e-nvim: ${missing}`);
  process.exit(2);
}
const cli = path.join(ROOT, 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  console.error('e2e-nvim: dist/cli.js is missing (run node esbuild.mjs first)');
  process.exit(2);
}
const file = path.resolve(process.argv[2] ?? path.join(ROOT, 'test', 'fixtures', 'workspace', 'essay.txt'));
const script = path.join(ROOT, 'test', 'e2e', 'nvim', 'lsp_test.lua');
const timeoutMs = Number(process.env.WENFENG_E2E_TIMEOUT_MS || 120000);

// -u NONE: no user config or plugins; -i NONE: no shada file; -n: no swap file.
const child = spawn('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${script}`], {
  cwd: ROOT,
  env: { ...process.env, WENFENG_CLI: cli, WENFENG_FILE: file, WENFENG_NODE: process.execPath },
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
});
const killGroup = () => {
  for (const pid of sessionMembers(child.pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
};
const timer = setTimeout(() => {
  console.error(`e2e-nvim: Neovim did not finish within ${timeoutMs} ms; stopping it`);
  killGroup();
}, timeoutMs);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    killGroup();
    process.exit(130);
  });
}
child.on('exit', (code, signal) => {
  clearTimeout(timer);
  // The language server is Neovim's child in the same session: nothing of it may outlive Neovim.
  const left = sessionMembers(child.pid);
  if (left.length > 0) {
    console.error(`e2e-nvim: processes left behind by Neovim: ${left.join(' ')}; stopping them`);
    killGroup();
  }
  const status = code ?? (signal ? 1 : 0);
  console.log(`[nvim] exit code ${status}${signal ? ` (signal ${signal})` : ''}`);
  process.exit(left.length > 0 && status === 0 ? 1 : status);
});
