#!/usr/bin/env node
// Runs the extension-host tests (a module exporting run(), the @vscode/test-electron contract) inside
// code-server's Node extension host, and exits with their exit code.
//
// code-server only starts an extension host when a workbench connects, so headless chromium opens the
// workbench with a `payload` URL naming the extension under development and the tests; the workbench
// honours it only with --vscode-option enable-smoke-test-driver. It reports console output through
// window.codeAutomationLog and the result through window.codeAutomationExit, which playwright exposes.
//
// Usage:  node scripts/e2e-exthost.mjs [--extensionDevelopmentPath=DIR] [--extensionTestsPath=FILE] [FOLDER]
// Defaults: the checkout, out/test/e2e/suite/index.js, test/fixtures/workspace.
//
// The arguments are those @vscode/test-electron passes to a VS Code executable, so this script also works
// as one: VSCODE_EXECUTABLE=scripts/e2e-exthost.mjs node out/test/e2e/runTest.js. Electron flags and
// --user-data-dir/--extensions-dir are ignored: every run gets fresh ones under .e2e/runs/.
// Env: WENFENG_E2E_TIMEOUT_MS (default 300000), WENFENG_E2E_KEEP=1 keeps the run folder, VERBOSE=1 shows
// the page's console.
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import { launchChromium, makeRunDir, missingForCodeServer, registerCleanup, ROOT, runAllCleanups, since, startCodeServer } from './e2e-lib.mjs';

const t0 = Date.now();
const log = (...a) => console.log(`[exthost ${since(t0)}]`, ...a);

function parseArgs(argv) {
  const dev = [];
  let tests;
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) {
      positional.push(a);
      continue;
    }
    const [, name, inline] = m;
    if (name === 'extensionDevelopmentPath' || name === 'extensionTestsPath') {
      const value = inline ?? argv[++i];
      if (value === undefined) {
        throw new Error(`--${name} needs a value`);
      }
      if (name === 'extensionDevelopmentPath') {
        dev.push(path.resolve(value));
      } else {
        tests = path.resolve(value);
      }
    }
    // Any other flag (Electron's, --user-data-dir=, --disable-extensions…) is accepted and ignored.
  }
  return {
    dev: dev.length ? dev : [ROOT],
    tests: tests ?? path.join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js'),
    folder: path.resolve(positional[0] ?? path.join(ROOT, 'test', 'fixtures', 'workspace')),
  };
}

/** test-electron allows a folder or a module path without extension. */
function resolveTestsModule(p) {
  if (fs.existsSync(p) && fs.statSync(p).isDirectory()) {
    return path.join(p, 'index.js');
  }
  if (!fs.existsSync(p) && fs.existsSync(`${p}.js`)) {
    return `${p}.js`;
  }
  return p;
}

// Console noise: the offline machine's failed gallery and update look-ups, and the workbench's own chatter.
const NOISE = new RegExp(
  [
    'ENOTFOUND', 'EAI_AGAIN', 'getaddrinfo', '^\\s+at ',
    '^Resolv(ing|ed) connection token', '^Creating a socket', '^\\[reconnection-grace-time\\]',
    '^Updating additional builtin extensions cache', 'authentication provider', '^\\[Service Worker\\]', '^\\[AgentHost', '^\\[AccountPolicyGate\\]',
  ].join('|'),
);

async function main() {
  const missing = missingForCodeServer();
  if (missing) {
    console.error(`e2e-exthost: ${missing}`);
    return 2;
  }
  const opt = parseArgs(process.argv.slice(2));
  const tests = resolveTestsModule(opt.tests);
  if (!fs.existsSync(tests)) {
    console.error(`e2e-exthost: no tests module at ${tests} (run npx tsc -p . first)`);
    return 2;
  }
  for (const d of opt.dev) {
    if (!fs.existsSync(path.join(d, 'package.json'))) {
      console.error(`e2e-exthost: ${d} is not an extension folder (no package.json)`);
      return 2;
    }
  }
  const runDir = makeRunDir('exthost');
  log(`run folder ${path.relative(ROOT, runDir)}`);
  const cs = await startCodeServer({ runDir, folder: opt.folder, smokeTestDriver: true });
  log(`code-server up at ${cs.url} (process group ${cs.pgid})`);
  const payload = [
    ...opt.dev.map((d) => ['extensionDevelopmentPath', `vscode-remote://${cs.authority}${d}`]),
    ['extensionTestsPath', `vscode-remote://${cs.authority}${tests}`],
    ['skipWelcome', 'true'],
  ];
  const url = `${cs.url}/?folder=${encodeURIComponent(opt.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  const { page } = await launchChromium(runDir);
  const timeoutMs = Number(process.env.WENFENG_E2E_TIMEOUT_MS || 300000);
  const code = await new Promise((resolve) => {
    const timer = setTimeout(() => {
      console.error(`e2e-exthost: no result from the extension host after ${timeoutMs} ms (log: ${cs.logFile})`);
      resolve(2);
    }, timeoutMs);
    const done = (c) => {
      clearTimeout(timer);
      resolve(c);
    };
    const watch = setInterval(() => {
      if (cs.hasExited()) {
        clearInterval(watch);
        console.error(`e2e-exthost: code-server exited during the tests (log: ${cs.logFile})`);
        done(2);
      }
    }, 500);
    registerCleanup(() => clearInterval(watch));
    void (async () => {
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        const text = util.format(...(Array.isArray(args) ? args : [args]));
        if (!NOISE.test(text)) {
          (type === 'error' ? console.error : console.log)(text);
        }
      });
      await page.exposeFunction('codeAutomationExit', (c) => {
        clearInterval(watch);
        done(Number(c));
      });
      if (process.env.VERBOSE) {
        page.on('console', (m) => console.log('[page]', m.text()));
      }
      page.on('pageerror', (e) => console.error('[page error]', e.message.split('\n')[0]));
      await page.goto(url);
    })().catch((e) => {
      console.error(`e2e-exthost: could not open the workbench: ${e instanceof Error ? e.message : String(e)}`);
      done(2);
    });
  });
  await runAllCleanups();
  if (code === 0 && !process.env.WENFENG_E2E_KEEP) {
    fs.rmSync(runDir, { recursive: true, force: true });
  } else {
    log(`kept ${path.relative(ROOT, runDir)} (code-server log, user data)`);
  }
  log(`extension-host tests exit code ${code}`);
  return code;
}

main()
  .catch(async (e) => {
    console.error(`e2e-exthost: ${e instanceof Error ? e.stack : String(e)}`);
    await runAllCleanups();
    return 2;
  })
  .then((code) => process.exit(code));
