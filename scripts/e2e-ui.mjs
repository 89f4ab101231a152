#!/usr/bin/env node
// UI test of the packaged extension, as a user sees it: install the .vsix into code-server, open a draft,
// see the squiggles, the score in the status bar and the Problems panel entries (messages in Chinese by
// default), apply a quick fix with Ctrl+., and see the panel and the score follow. Headless Debian
// chromium driven by playwright-core; PNG screenshots in .e2e/screenshots/.
//
// Usage: node scripts/e2e-ui.mjs
// Env: WENFENG_VSIX (use this .vsix instead of building one with `npm run package`),
//      WENFENG_E2E_KEEP=1 (keep the run folder).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { hasCjkFont, launchChromium, makeRunDir, missingForCodeServer, ROOT, runAllCleanups, SCREENSHOTS, since, startCodeServer } from './e2e-lib.mjs';

const t0 = Date.now();
const log = (...a) => console.log(`[ui ${since(t0)}]`, ...a);
const DRAFT = 'draft.md';
// draft.md, line 3 (1-based): 青年干部要发扬“钉钉子”精神,锻造忠诚干净担当的品格,以实际行动践行初心使命。
// Half-width commas at columns 15 and 27, a pinyin annotation on line 5: three squiggles, score 98. The
// quick fix of the first comma leaves two squiggles and raises the score.
const COMMA = { line: 3, column: 15 };
const OTHER_COMMA = '[Ln 3, Col 27]';
const HALFWIDTH = 'punctuation/halfwidth';
const PINYIN = 'script/pinyin-annotation';
const HALFWIDTH_KEY = 'Half-width “{0}” in Chinese text: use “{1}”';

let passed = 0;
let failed = 0;
let skipped = 0;
const shots = [];
let page;

async function screenshot(name) {
  const file = path.join(SCREENSHOTS, name);
  await page.screenshot({ path: file });
  shots.push(file);
  return file;
}

/** Runs one step; after a failed step the rest are skipped, since each builds on the one before. */
async function step(name, fn) {
  if (failed > 0) {
    skipped++;
    log('skip', name, '(an earlier step failed)');
    return false;
  }
  try {
    await fn();
    passed++;
    log('ok  ', name);
    return true;
  } catch (e) {
    failed++;
    log('FAIL', name, '-', String(e instanceof Error ? e.message : e).split('\n').slice(0, 6).join('\n       '));
    if (page) {
      await screenshot(`ui-fail-${passed + failed}.png`).catch(() => undefined);
    }
    return false;
  }
}

function check(ok, message) {
  if (!ok) {
    throw new Error(message);
  }
}

/** The score the CLI gives `text` (a Markdown draft): what the status bar must show. */
function cliScore(text) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'score', '--format', 'json', '-'], { input: text, encoding: 'utf8' });
  const total = JSON.parse(r.stdout).files?.[0]?.score?.total;
  check(typeof total === 'number', `wenfeng score gave no total: ${r.stdout}${r.stderr}`);
  return total;
}

function zhCnBundle() {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
  } catch {
    return {};
  }
}

function buildVsix(runDir) {
  if (process.env.WENFENG_VSIX) {
    return path.resolve(process.env.WENFENG_VSIX);
  }
  log('packaging the extension (npm run package)');
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8' });
  fs.writeFileSync(path.join(runDir, 'package.log'), `${r.stdout}\n${r.stderr}`);
  const vsix = path.join(ROOT, 'wenfeng-linux-x64.vsix');
  if (r.status !== 0 || !fs.existsSync(vsix)) {
    throw new Error(`npm run package failed (exit ${r.status}):\n${(r.stdout + r.stderr).split('\n').slice(-20).join('\n')}`);
  }
  return vsix;
}

const statusItem = () => page.locator('.statusbar-item', { hasText: /(文风|Wenfeng)\s*\d+/ }).first();

async function statusScore() {
  const text = (await statusItem().innerText()).trim();
  const m = /(文风|Wenfeng)\s*(\d+)/.exec(text);
  check(m, `status bar item text: ${text}`);
  return { text, label: m[1], score: Number(m[2]) };
}

async function problemsText() {
  return (await page.locator('.markers-panel').first().innerText()).replace(/\s+/g, ' ');
}

async function main() {
  const missing = missingForCodeServer();
  if (missing) {
    console.error(`e2e-ui: ${missing}`);
    return 2;
  }
  if (!hasCjkFont()) {
    log('warning: no CJK font installed (fonts-wqy-microhei): Chinese shows as boxes in the screenshots');
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const f of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith('ui-'))) {
    fs.rmSync(path.join(SCREENSHOTS, f));
  }
  const runDir = makeRunDir('ui');
  log(`run folder ${path.relative(ROOT, runDir)}`);
  const vsix = buildVsix(runDir);
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace);
  const draftPath = path.join(workspace, DRAFT);
  const original = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'workspace', DRAFT), 'utf8');
  fs.writeFileSync(draftPath, original);
  const lines = original.split('\n');
  const fixedLine = `${lines[COMMA.line - 1].slice(0, COMMA.column - 1)}，${lines[COMMA.line - 1].slice(COMMA.column)}`;
  const fixedText = lines.map((l, i) => (i === COMMA.line - 1 ? fixedLine : l)).join('\n');
  const bundle = zhCnBundle();

  const cs = await startCodeServer({
    runDir,
    folder: workspace,
    vsix,
  });
  log(`installed ${path.basename(vsix)}; code-server up at ${cs.url} (process group ${cs.pgid})`);
  ({ page } = await launchChromium(runDir));
  page.on('pageerror', (e) => log('page error:', e.message.split('\n')[0]));

  let scoreBefore;
  await step('workbench loads', async () => {
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60000 });
  });
  await step(`open ${DRAFT} with Quick Open (Ctrl+P)`, async () => {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => undefined);
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 20000 });
    await page.keyboard.type(DRAFT);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: DRAFT }).first().waitFor({ timeout: 20000 });
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: DRAFT }).waitFor({ timeout: 20000 });
    await page.locator('.editor-instance .view-lines').waitFor({ timeout: 20000 });
  });

  await step('squiggles under the half-width comma and the pinyin annotation', async () => {
    await page.waitForFunction(() => document.querySelectorAll('.editor-instance .squiggly-warning').length === 3, null, { timeout: 60000 });
    log('screenshot', await screenshot('ui-1-squiggles.png'));
  });

  await step('status bar shows the score of the draft', async () => {
    await statusItem().waitFor({ timeout: 20000 });
    const s = await statusScore();
    const expected = cliScore(original);
    log(`status bar: "${s.text}" (CLI score ${expected})`);
    check(s.score === expected, `status bar score ${s.score}, CLI score ${expected}`);
    const zh = bundle['Wenfeng {0}'];
    if (s.label === '文风') {
      check(zh !== undefined, 'a Chinese status bar needs the zh-CN bundle');
    } else {
      // The extension's UI strings follow the workbench's language; code-server here has no Chinese
      // language pack (it comes from the marketplace), so the label is English. Messages are not affected.
      log('note: the workbench runs in English (no Chinese language pack offline), so the status bar reads "Wenfeng N"');
    }
    scoreBefore = s.score;
  });

  await step('Problems panel (Ctrl+Shift+M) lists both findings, in Chinese', async () => {
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel', { hasText: HALFWIDTH }).first().waitFor({ timeout: 20000 });
    await page.locator('.markers-panel', { hasText: PINYIN }).first().waitFor({ timeout: 20000 });
    const text = await problemsText();
    log(`problems: ${text.slice(0, 300)}`);
    const zh = bundle[HALFWIDTH_KEY];
    if (zh !== undefined) {
      const message = zh.replace('{0}', ',').replace('{1}', '，');
      check(text.includes(message), `the Problems panel shows the zh-CN message "${message}"`);
      check(text.includes('残留拼音注音') || bundle['Pinyin annotation “{0}” left in the text'] === undefined, 'the zh-CN message of script/pinyin-annotation');
    } else {
      // The zh-CN translations are filled in l10n/bundle.l10n.zh-cn.json; until they are, only the rule ids are checked.
      log('note: l10n/bundle.l10n.zh-cn.json has no half-width message yet; checked the rule ids only');
    }
    check(text.includes(`[Ln ${COMMA.line}, Col ${COMMA.column}]`) && text.includes(OTHER_COMMA), `entries at line 3, columns 15 and 27: ${text.slice(0, 300)}`);
    log('screenshot', await screenshot('ui-2-problems.png'));
  });

  await step('quick fix with Ctrl+. replaces the comma', async () => {
    // Squiggles are no click targets: go to the line with Ctrl+G, then walk to the comma with the arrow
    // keys (Go to Line's column counts display cells, two per Chinese character).
    await page.locator('.editor-instance .view-line').first().click();
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 20000 });
    await page.keyboard.type(String(COMMA.line));
    await page.keyboard.press('Enter');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10000 });
    await page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Home');
    for (let i = 1; i < COMMA.column; i++) {
      await page.keyboard.press('ArrowRight');
    }
    const cursor = page.locator('.statusbar-item', { hasText: `Ln ${COMMA.line}, Col ${COMMA.column}` }).first();
    await cursor.waitFor({ timeout: 10000 }).catch(async () => {
      const now = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
      throw new Error(`cursor not at line ${COMMA.line}, column ${COMMA.column}: status bar says ${now}`);
    });
    await page.keyboard.press('Control+.');
    const item = page.locator('.action-widget .monaco-list-row', { hasText: /替换为“，”|Replace with “，”/ }).first();
    await item.waitFor({ timeout: 20000 });
    const titles = (await page.locator('.action-widget').first().innerText()).replace(/\s+/g, ' ');
    log(`quick fix menu: ${titles}`);
    if (bundle['Replace with “{0}”'] !== undefined) {
      check(titles.includes('替换为“，”'), 'the quick fix title is in Chinese');
    }
    log('screenshot', await screenshot('ui-3-quickfix-menu.png'));
    await item.click();
    await page.waitForFunction(
      (line) => document.querySelector('.editor-instance .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes(line),
      fixedLine,
      { timeout: 20000 },
    );
  });

  await step('Problems panel and squiggles follow the fix', async () => {
    await page.waitForFunction(
      (entry) => !document.querySelector('.markers-panel')?.textContent?.includes(entry),
      `[Ln ${COMMA.line}, Col ${COMMA.column}]`,
      { timeout: 20000 },
    );
    const text = await problemsText();
    log(`problems: ${text.slice(0, 300)}`);
    check(text.includes(OTHER_COMMA) && text.includes(PINYIN), `the other comma and the pinyin annotation are still listed: ${text.slice(0, 300)}`);
    await page.waitForFunction(() => document.querySelectorAll('.editor-instance .squiggly-warning').length === 2, null, { timeout: 20000 });
  });

  await step('status bar score follows the fix', async () => {
    const expected = cliScore(fixedText);
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('.statusbar-item')].some((e) => new RegExp(`(文风|Wenfeng)\\s*${want}\\b`).test(e.textContent ?? '')),
      expected,
      { timeout: 20000 },
    );
    const s = await statusScore();
    log(`status bar: "${s.text}" (before ${scoreBefore}, CLI score now ${expected})`);
    check(scoreBefore === undefined || s.score > scoreBefore, `score did not rise after the fix: ${scoreBefore} → ${s.score}`);
    log('screenshot', await screenshot('ui-4-after-fix.png'));
  });

  await runAllCleanups();
  if (failed === 0 && !process.env.WENFENG_E2E_KEEP) {
    fs.rmSync(runDir, { recursive: true, force: true });
  } else {
    log(`kept ${path.relative(ROOT, runDir)} (code-server log, user data)`);
  }
  console.log('screenshots:');
  for (const f of shots) {
    console.log(`  ${f}`);
  }
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed === 0 ? 0 : 1;
}

main()
  .catch(async (e) => {
    console.error(`e2e-ui: ${e instanceof Error ? e.stack : String(e)}`);
    await runAllCleanups();
    console.log(`${passed} passed, ${failed + 1} failed`);
    return 1;
  })
  .then((code) => process.exit(code));
