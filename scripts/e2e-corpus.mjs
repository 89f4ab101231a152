#!/usr/bin/env node
// UI test of the writer's own corpus (issue 16, item 4) in the real VS Code (code-server): a folder of the
// writer's essays, named in the user setting wenfeng.corpus.paths, is indexed with a progress bar in the status
// bar, and then changes what the editor shows: the writer's phrase becomes the first completion, and an idiom
// the writer uses again and again is no longer reported as overused. The corpus folder holds the writer's four
// essays (test/fixtures/user-corpus/essays: 以滴水穿石的韧劲 in each), an archive of 100 essays of the
// dev part of the corpus (so that indexing takes long enough to watch) and a PDF, skipped with a reason in a
// summary notification. Screenshots in .e2e/screenshots/corpus-*.png.
//
// Usage: node scripts/e2e-corpus.mjs
// Env: WENFENG_VSIX (use this .vsix instead of building one with `npm run package`),
//      WENFENG_E2E_KEEP=1 (keep the run folder).
import fs from 'node:fs';
import path from 'node:path';
import {
  buildVsix,
  check,
  hasCjkFont,
  launchChromium,
  makeRunDir,
  missingForCodeServer,
  quickOpen as quickOpenIn,
  ROOT,
  runCommand as runCommandIn,
  SCREENSHOTS,
  since,
  startCodeServer,
  Steps,
} from './e2e-lib.mjs';

const t0 = Date.now();
const log = (...a) => console.log(`[corpus ${since(t0)}]`, ...a);
// 滴水穿石 three times in one paragraph: over the default corpus's norm (an idiom used once per essay that
// uses it, so three uses are a tic), within this writer's (about four times in each of their essays).
const NORMS = 'norms.md';
const NORMS_TEXT = '# 抓落实\n\n我们要以滴水穿石的韧劲抓落实。干事创业需要滴水穿石的精神，急不得也等不得。群众工作同样要有滴水穿石的耐心。\n';
// The writer's phrase 以滴水穿石的韧劲, cut before its last word; the cursor goes to the end of line 1.
const DRAFT = 'draft.md';
const DRAFT_TEXT = '我们要以滴水穿石的';
const WRITER_WORD = '韧劲';
const ARCHIVE_ESSAYS = 100;

const steps = new Steps('corpus', log);
const step = (name, fn) => steps.step(name, fn);
const screenshot = (name) => steps.screenshot(name);
let page;
const quickOpen = (name) => quickOpenIn(page, name);
const runCommand = (title) => runCommandIn(page, title);

/** The writer's folder: their essays, an archive of dev-part corpus essays, and a PDF. */
function makeCorpus(dir) {
  fs.mkdirSync(path.join(dir, '范文'), { recursive: true });
  const essays = path.join(ROOT, 'test', 'fixtures', 'user-corpus', 'essays');
  for (const f of fs.readdirSync(essays)) {
    fs.copyFileSync(path.join(essays, f), path.join(dir, f));
  }
  const corpus = path.join(ROOT, 'server', 'data', 'corpus', 'shenlun');
  const test = new Set(JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'gold', 'split.json'), 'utf8')).test);
  const dev = fs.readdirSync(corpus).filter((f) => f.endsWith('.txt') && !test.has(f)).sort().slice(0, ARCHIVE_ESSAYS);
  for (const f of dev) {
    fs.copyFileSync(path.join(corpus, f), path.join(dir, '范文', f));
  }
  fs.writeFileSync(path.join(dir, '扫描件.pdf'), '%PDF-1.4\n');
  return dev.length;
}

/** Squiggles of information diagnostics in the visible editor. */
const infoSquiggles = () => page.evaluate(() => document.querySelectorAll('.editor-instance .squiggly-info').length);

/** Opens the suggestions at the end of line 1 of the draft (Ctrl+Space) and returns their labels, first first. */
async function suggestions() {
  await page.keyboard.press('Escape');
  await page.locator('.editor-instance .view-line').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('End');
  await page.keyboard.press('Control+Space');
  const rows = page.locator('.suggest-widget.visible .monaco-list-row');
  await rows.first().waitFor({ timeout: 20000 });
  return page.evaluate(() =>
    [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')]
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((r) => r.querySelector('.label-name')?.textContent?.trim() ?? ''),
  );
}

async function main() {
  const missing = missingForCodeServer();
  if (missing) {
    console.error(`e2e-corpus: ${missing}`);
    return 2;
  }
  if (!hasCjkFont()) {
    log('warning: no CJK font installed (fonts-wqy-microhei): Chinese shows as boxes in the screenshots');
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  for (const f of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith('corpus-'))) {
    fs.rmSync(path.join(SCREENSHOTS, f));
  }
  const runDir = makeRunDir('corpus');
  log(`run folder ${path.relative(ROOT, runDir)}`);
  const vsix = buildVsix(runDir, log);
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(workspace, NORMS), NORMS_TEXT);
  fs.writeFileSync(path.join(workspace, DRAFT), DRAFT_TEXT);
  const corpus = path.join(runDir, 'my-essays');
  const archived = makeCorpus(corpus);
  log(`the writer's folder ${path.relative(ROOT, corpus)}: 4 essays, ${archived} archived, 1 PDF`);

  const cs = await startCodeServer({ runDir, folder: workspace, vsix });
  const settingsFile = path.join(runDir, 'user-data', 'User', 'settings.json');
  log(`code-server up at ${cs.url} (process group ${cs.pgid})`);
  const browser = await launchChromium(runDir);
  page = browser.page;
  steps.page = page;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: cs.url });
  page.on('pageerror', (e) => log('page error:', e.message.split('\n')[0]));

  let before;
  await step('workbench loads; without a corpus of the writer, 滴水穿石 three times is reported', async () => {
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60000 });
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => undefined);
    await quickOpen(NORMS);
    await page.waitForFunction(() => document.querySelectorAll('.editor-instance .squiggly-info').length === 1, null, { timeout: 60000 });
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel', { hasText: 'repetition/overused-phrase' }).first().waitFor({ timeout: 20000 });
    log('screenshot', await screenshot('corpus-1-before-norms.png'));
  });
  await step(`without it, Ctrl+Space after “${DRAFT_TEXT}” offers the genre's words, not ${WRITER_WORD}`, async () => {
    await page.keyboard.press('Control+Shift+M');
    await quickOpen(DRAFT);
    before = await suggestions();
    log(`suggestions: ${before.join(' ')}`);
    check(before.length > 0 && !before.includes(WRITER_WORD), `suggestions before: ${before.join(' ')}`);
    log('screenshot', await screenshot('corpus-2-before-completion.png'));
    await page.keyboard.press('Escape');
  });

  await step('wenfeng.corpus.paths set in the user settings: a progress bar in the status bar while the folder is indexed', async () => {
    // As a user does it: Preferences: Open User Settings (JSON), the setting added, saved.
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    settings['wenfeng.corpus.paths'] = [corpus];
    await runCommand('Preferences: Open User Settings (JSON)');
    // The editor of settings.json (a tab, or the modal editor of recent versions).
    const editor = page.locator('.monaco-editor .view-lines', { hasText: 'workbench.startupEditor' }).first();
    await editor.waitFor({ timeout: 20000 });
    await editor.click();
    // Pasted, so that auto-closing brackets and auto-indentation do not change what is written.
    await page.evaluate((text) => navigator.clipboard.writeText(text), JSON.stringify(settings, null, 2));
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+V');
    await page.keyboard.press('Control+S');
    for (let i = 0; i < 100 && !fs.readFileSync(settingsFile, 'utf8').includes('wenfeng.corpus.paths'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    check(fs.readFileSync(settingsFile, 'utf8').includes('wenfeng.corpus.paths'), 'the user settings were saved with wenfeng.corpus.paths');
    // Back to the draft (Escape closes the modal editor of settings.json; a tab stays open behind).
    await page.keyboard.press('Escape');
    await editor.waitFor({ state: 'hidden', timeout: 10000 }).catch(async () => {
      await page.locator(`.tab[data-resource-name="${DRAFT}"]`).first().click();
    });
    const progress = page.locator('.statusbar-item', { hasText: /indexing your corpus|正在为您的语料建立索引/ }).first();
    await progress.waitFor({ timeout: 60000 });
    log(`status bar: ${(await progress.innerText()).replace(/\s+/g, ' ')}`);
    log('screenshot', await screenshot('corpus-3-progress.png'));
    await progress.waitFor({ state: 'hidden', timeout: 180000 });
  });
  await step('a summary names the skipped PDF and why', async () => {
    const toast = page.locator('.notification-toast', { hasText: /your corpus|您的语料/ }).first();
    await toast.waitFor({ timeout: 30000 });
    const text = (await toast.innerText()).replace(/\s+/g, ' ');
    log(`notification: ${text}`);
    check(text.includes('扫描件.pdf') && /not a Markdown, text or essay file|不是 Markdown、文本或 essay 文件/.test(text), `the summary: ${text}`);
    check(text.includes(`${4 + archived}`), `the number of files indexed: ${text}`);
  });
  await step('with the corpus, 滴水穿石 three times is the writer’s norm: the squiggle and the problem go', async () => {
    await page.keyboard.press('Escape');
    await page.locator(`.tab[data-resource-name="${NORMS}"]`).first().click();
    await page.locator(`.tab.active[data-resource-name="${NORMS}"]`).first().waitFor({ timeout: 20000 });
    await page.waitForFunction(() => document.querySelectorAll('.editor-instance .squiggly-info').length === 0, null, { timeout: 60000 });
    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction(() => !document.querySelector('.markers-panel')?.textContent?.includes('repetition/overused-phrase'), null, { timeout: 20000 });
    check((await infoSquiggles()) === 0, 'no squiggle left');
    log('screenshot', await screenshot('corpus-4-after-norms.png'));
    await page.keyboard.press('Control+Shift+M');
  });
  await step(`with the corpus, Ctrl+Space offers the writer's ${WRITER_WORD} first`, async () => {
    await page.locator(`.tab[data-resource-name="${DRAFT}"]`).first().click();
    await page.locator(`.tab.active[data-resource-name="${DRAFT}"]`).first().waitFor({ timeout: 20000 });
    const after = await suggestions();
    log(`suggestions: ${after.join(' ')}`);
    check(after[0] === WRITER_WORD, `first suggestion ${after[0]}: ${after.join(' ')}`);
    log('screenshot', await screenshot('corpus-5-after-completion.png'));
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (want) => document.querySelector('.editor-instance .view-lines')?.textContent?.includes(want),
      `${DRAFT_TEXT}${WRITER_WORD}`,
      { timeout: 20000 },
    );
  });

  return steps.finish(runDir);
}

main()
  .catch((e) => steps.crash('e2e-corpus', e))
  .then((code) => process.exit(code));
