#!/usr/bin/env node
// UI test of the packaged extension, as a user sees it: install the .vsix into code-server, open a draft,
// see the squiggles, the score in the status bar and the Problems panel entries (messages in Chinese by
// default), apply a quick fix with Ctrl+., and see the panel, the score and its tooltip follow. Then open
// an essay and read its skeleton (sections, series, items) in the Outline view, click an item and see the
// editor and the breadcrumbs follow. A rule's link in the Problems panel opens its page. Headless Debian chromium driven by playwright-core; PNG screenshots
// in .e2e/screenshots/ (outline.png shows the Outline view).
//
// Usage: node scripts/e2e-ui.mjs
// Env: WENFENG_VSIX (use this .vsix instead of building one with `npm run package`),
//      WENFENG_E2E_KEEP=1 (keep the run folder).
import { spawnSync } from 'node:child_process';
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
const log = (...a) => console.log(`[ui ${since(t0)}]`, ...a);
const DRAFT = 'draft.md';
// draft.md, line 3 (1-based): 青年干部要发扬“钉钉子”精神,锻造忠诚干净担当的品格,以实际行动践行初心使命。
// Half-width commas at columns 15 and 27, a pinyin annotation on line 5: three squiggles, score 98. The
// quick fix of the first comma leaves two squiggles and raises the punctuation score (the total, a rounded
// weighted mean, may stay the same).
const COMMA = { line: 3, column: 15 };
const OTHER_COMMA = '[Ln 3, Col 27]';
const HALFWIDTH = 'punctuation/halfwidth';
const PINYIN = 'script/pinyin-annotation';
const HALFWIDTH_KEY = 'Half-width “{0}” in Chinese text: use “{1}”';

// outline.txt: four paragraphs 练好X功，增强年轻干部的Y意识 announced as 练好“四项功”, then the headings
// 一、二、三、 with 一是…二是…三是… under each. The rows of the Outline view, fully expanded, as
// `depth name` (names in Chinese: wenfeng.messageLanguage defaults to zh-cn). The same tree is checked
// with exact ranges in test/e2e/suite/outline.test.ts.
const ESSAY = 'outline.txt';
const SENTENCE_SERIES = (...leads) => ['2 排比（3 项）：一是', ...leads.map((l) => `3 ${l}`)];
const OUTLINE_ROWS = [
  '1 排比（4 项）：练好{X}功，增强年轻干部的{Y}意识',
  '2 练好学习功，增强年轻干部的本领意识。',
  '2 练好调研功，增强年轻干部的群众意识。',
  '2 练好实干功，增强年轻干部的担当意识。',
  '2 练好自律功，增强年轻干部的规矩意识。',
  '1 一、必须坚定理想信念，筑牢思想之基',
  ...SENTENCE_SERIES('一是坚持学思结合。', '二是坚持知行统一。', '三是坚持常学常新。'),
  '1 二、必须锤炼务实作风，厚植为民情怀',
  ...SENTENCE_SERIES('一是深入基层一线。', '二是解决急难愁盼。', '三是完善服务机制。'),
  '1 三、必须提升履职能力，勇于担当作为',
  ...SENTENCE_SERIES('一是提高政策水平。', '二是提高应急能力。', '三是提高创新能力。'),
];
// The item clicked in the Outline view: its lead starts on line 15 (1-based), column 16, and the
// breadcrumbs then show its path. It is the first item of a series in section 一, because the editor
// resolves a position to the first symbol containing it: a later item starts where the one before it ends
// (both contain that position), and the series of headings (lines 13 to 21) comes before sections 二 and
// 三, so their cursor positions up to line 21 resolve to that series instead of the section.
const CLICKED = { name: '一是坚持学思结合。', line: 15, column: 16 };
const CLICKED_CRUMBS = [ESSAY, '一、必须坚定理想信念，筑牢思想之基', '排比（3 项）：一是', CLICKED.name];

const steps = new Steps('ui', log);
const step = (name, fn) => steps.step(name, fn);
const screenshot = (name) => steps.screenshot(name);
const group = (name) => steps.group(name);
let page;
const quickOpen = (name) => quickOpenIn(page, name);
const runCommand = (title) => runCommandIn(page, title);

/** The score the CLI gives `text` (a Markdown draft), total and categories: what the status bar must show. */
function cliScoreOf(text) {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'score', '--format', 'json', '-'], { input: text, encoding: 'utf8' });
  const score = JSON.parse(r.stdout).files?.[0]?.score;
  check(typeof score?.total === 'number' && score.categories, `wenfeng score gave no total: ${r.stdout}${r.stderr}`);
  return score;
}

const cliScore = (text) => cliScoreOf(text).total;

/** The start of the status bar item's tooltip for `score`, in the language of its label. */
function tooltipStart(score, label, bundle) {
  const key = 'Score {0}/100 · structure {1} · repetition {2} · script {3} · punctuation {4} · phrasing {5} · {6} findings';
  const template = label === '文风' ? (bundle[key] ?? key) : key;
  const c = score.categories;
  const args = [score.total, c.structure, c.repetition, c.script, c.punctuation, c.phrasing];
  return template.slice(0, template.indexOf('{6}')).replace(/\{(\d)\}/g, (_, i) => String(args[Number(i)]));
}

function zhCnBundle() {
  try {
    return JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
  } catch {
    return {};
  }
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

/** The rows the Outline view shows, as `depth name`. */
function outlineRows() {
  return page.evaluate(() =>
    [...document.querySelectorAll('.outline-pane .monaco-list-row')]
      .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
      .map((r) => `${r.getAttribute('aria-level')} ${r.querySelector('.label-name')?.textContent?.trim() ?? ''}`),
  );
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
  for (const f of fs.readdirSync(SCREENSHOTS).filter((f) => f.startsWith('ui-') || f === 'outline.png')) {
    fs.rmSync(path.join(SCREENSHOTS, f));
  }
  const runDir = makeRunDir('ui');
  log(`run folder ${path.relative(ROOT, runDir)}`);
  const vsix = buildVsix(runDir, log);
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace);
  const draftPath = path.join(workspace, DRAFT);
  const original = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'workspace', DRAFT), 'utf8');
  fs.writeFileSync(draftPath, original);
  fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'workspace', ESSAY), path.join(workspace, ESSAY));
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
  group('the installed extension is the universal package');
  await step('no native binary, no segmenter or model sources, no CLI bundle, no platform target', async () => {
    const extRoot = path.join(runDir, 'extensions');
    const dir = fs.readdirSync(extRoot).find((d) => d.startsWith('wenfeng.wenfeng-'));
    check(dir, `installed extension folder in ${fs.readdirSync(extRoot).join(', ')}`);
    const files = [];
    const walk = (d) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else files.push(path.relative(path.join(extRoot, dir), p).split(path.sep).join('/'));
      }
    };
    walk(path.join(extRoot, dir));
    const unwanted = files.filter((f) => /\.node$|(^|\/)dict\.txt$|(^|\/)model\.json$|^dist\/cli\.js$|node_modules\//.test(f));
    check(unwanted.length === 0, `unexpected files in the installed extension: ${unwanted.join(', ')}`);
    check(files.includes('dist/server.js') && files.includes('dist/data/dictionary.bin') && files.includes('dist/data/provenance.json'), `runtime files present: ${files.join(', ')}`);
    const manifest = JSON.parse(fs.readFileSync(path.join(extRoot, dir, 'package.json'), 'utf8'));
    const target = manifest.__metadata?.targetPlatform;
    check(target === undefined || target === 'undefined' || target === 'universal', `target platform: ${target}`);
  });
  ({ page } = await launchChromium(runDir));
  steps.page = page;
  page.on('pageerror', (e) => log('page error:', e.message.split('\n')[0]));

  let scoreBefore;
  group(`a draft with three findings: ${DRAFT}`);
  await step('workbench loads', async () => {
    await page.goto(`${cs.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ timeout: 60000 });
  });
  await step(`open ${DRAFT} with Quick Open (Ctrl+P)`, async () => {
    await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } }).catch(() => undefined);
    await quickOpen(DRAFT);
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
    // Once in a few runs the first Ctrl+. opens nothing (the workbench has not yet asked the server for the
    // line's actions); a writer presses it again, and so does the test, once, after closing whatever opened.
    await item.waitFor({ timeout: 10000 }).catch(async () => {
      log('note: no quick fix menu 10 s after Ctrl+.; pressing it again');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+.');
      await item.waitFor({ timeout: 20000 });
    });
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
    const before = cliScoreOf(original);
    const after = cliScoreOf(fixedText);
    const expected = after.total;
    await page.waitForFunction(
      (want) => [...document.querySelectorAll('.statusbar-item')].some((e) => new RegExp(`(文风|Wenfeng)\\s*${want}\\b`).test(e.textContent ?? '')),
      expected,
      { timeout: 20000 },
    );
    const s = await statusScore();
    log(`status bar: "${s.text}" (before ${scoreBefore}, CLI score now ${expected})`);
    check(scoreBefore === undefined || s.score >= scoreBefore, `score fell after the fix: ${scoreBefore} → ${s.score}`);
    // The total is a rounded weighted mean, so one fixed comma need not move it (97.6 and 98.2 both show
    // 98); the punctuation category does, and the tooltip of the status bar item shows every category.
    check(after.categories.punctuation > before.categories.punctuation, `the CLI's punctuation score did not rise: ${before.categories.punctuation} → ${after.categories.punctuation}`);
    const want = tooltipStart(after, s.label, bundle);
    await statusItem().hover();
    const hoverText = () => [...document.querySelectorAll('.workbench-hover, .monaco-hover')].map((e) => e.textContent ?? '').join(' | ');
    await page.waitForFunction(`(${hoverText})().includes(${JSON.stringify(want)})`, null, { timeout: 10000 }).catch(async () => {
      throw new Error(`the status bar tooltip does not start with "${want}": ${await page.evaluate(hoverText)}`);
    });
    log(`status bar tooltip: ${want}…`);
    log('screenshot', await screenshot('ui-4-after-fix.png'));
  });

  group(`the skeleton of an essay in the Outline view: ${ESSAY}`);
  await step(`open ${ESSAY} with Quick Open (Ctrl+P)`, async () => {
    await page.keyboard.press('Escape');
    await quickOpen(ESSAY);
  });

  await step('Outline view (Explorer: Focus on Outline View) shows the sections, series and items', async () => {
    // Room for the tree: no bottom panel, the folder tree collapsed, a wider side bar.
    if (await page.locator('.part.panel').isVisible()) {
      await page.keyboard.press('Control+J');
      await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 10000 });
    }
    await runCommand('Explorer: Focus on Outline View');
    await page.locator('.outline-pane .monaco-list-row').first().waitFor({ timeout: 30000 });
    const folders = page.locator('.pane-header[aria-label^="Explorer Section"]').first();
    if ((await folders.getAttribute('aria-expanded')) === 'true') {
      await folders.click();
    }
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    const sash = await page.locator('.monaco-sash.primary-sidebar-sash').boundingBox();
    if (sidebar && sash && sidebar.width < 500) {
      const y = sash.y + sash.height / 2;
      await page.mouse.move(sash.x + sash.width / 2, y);
      await page.mouse.down();
      await page.mouse.move(sash.x + 260, y, { steps: 10 });
      await page.mouse.up();
    }
    // Expand whatever is collapsed (outline.collapseItems may say so), one level at a time.
    for (let round = 0; round < 5; round++) {
      const collapsed = page.locator('.outline-pane .monaco-list-row[aria-expanded="false"] .monaco-tl-twistie');
      if ((await collapsed.count()) === 0) {
        break;
      }
      await collapsed.first().click();
    }
    await page
      .waitForFunction((n) => document.querySelectorAll('.outline-pane .monaco-list-row').length === n, OUTLINE_ROWS.length, { timeout: 20000 })
      .catch(() => undefined);
    const rows = await outlineRows();
    log(`outline: ${rows.length} rows\n${rows.map((r) => `         ${r}`).join('\n')}`);
    const i = OUTLINE_ROWS.findIndex((want, k) => rows[k] !== want);
    check(
      i < 0 && rows.length === OUTLINE_ROWS.length,
      `the Outline view differs from the expected skeleton: ${rows.length} rows for ${OUTLINE_ROWS.length}; first difference at row ${i + 1}: "${rows[i]}" where "${OUTLINE_ROWS[i]}" was expected`,
    );
  });

  await step(`clicking ${CLICKED.name} in the Outline view moves the cursor there; the breadcrumbs show its path`, async () => {
    // Wrapped lines show the whole essay beside its outline in the screenshot.
    await runCommand('View: Toggle Word Wrap');
    await page.locator('.outline-pane .monaco-list-row', { hasText: CLICKED.name }).click();
    const cursor = `Ln ${CLICKED.line}, Col ${CLICKED.column}`;
    await page.locator('.statusbar-item', { hasText: cursor }).first().waitFor({ timeout: 10000 }).catch(async () => {
      const now = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
      throw new Error(`the cursor is not at ${cursor} after the click: the status bar says ${now}`);
    });
    const crumbs = () =>
      [...document.querySelectorAll('.part.editor .breadcrumbs-control .monaco-breadcrumb-item')].map((e) => e.textContent?.trim() ?? '').join(' › ');
    const wantCrumbs = CLICKED_CRUMBS.join(' › ');
    await page.waitForFunction(`(${crumbs})() === ${JSON.stringify(wantCrumbs)}`, null, { timeout: 10000 }).catch(() => undefined);
    const got = await page.evaluate(crumbs);
    log(`breadcrumbs: ${got}`);
    check(got === wantCrumbs, `breadcrumbs: ${got}; want ${wantCrumbs}`);
    const selected = await page.locator('.outline-pane .monaco-list-row.selected').first().innerText().catch(() => '');
    check(selected.trim() === CLICKED.name, `the clicked row is selected in the Outline view: ${selected}`);
    log('screenshot', await screenshot('outline.png'));
  });

  group(`the report view of ${DRAFT} (issue 17)`);
  /** The webview frame that holds the report page (the workbench nests it in two iframes). */
  const reportFrame = async () => {
    for (let i = 0; i < 200; i++) {
      for (const f of page.frames()) {
        if (await f.locator('#findings button.reveal').count().catch(() => 0)) {
          return f;
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no report webview among ${page.frames().length} frames`);
  };
  await step('Show report opens the report beside the draft, with the status score and the findings', async () => {
    await page.locator('.tab', { hasText: DRAFT }).first().click();
    await page.locator('.tab.active', { hasText: DRAFT }).waitFor({ timeout: 20000 });
    await runCommand(bundle['Show report'] && (await statusScore()).label === '文风' ? '文风: 显示报告' : 'Wenfeng: Show report');
    const frame = await reportFrame();
    const total = Number(((await frame.locator('#score .total').textContent()) ?? '').trim());
    const s = await statusScore();
    check(total === s.score, `the report's total ${total} is the status bar's ${s.score}`);
    const rows = await frame.locator('#findings button.reveal').allInnerTexts();
    log(`report: total ${total}; findings: ${rows.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
    check(rows.length === 2 && rows.some((r) => r.includes(PINYIN)) && rows.some((r) => r.includes(HALFWIDTH)), `the report lists the two findings left: ${rows.length}`);
    log('screenshot', await screenshot('ui-5-report.png'));
  });
  await step('clicking a finding in the report moves the cursor to it in the draft', async () => {
    const frame = await reportFrame();
    await frame.locator('#findings button.reveal', { hasText: PINYIN }).click();
    // The annotation (guān) at line 5, columns 7–12: selected, the cursor at its end.
    const cursor = page.locator('.statusbar-item', { hasText: /Ln 5, Col 13 \(6 selected\)/ }).first();
    await cursor.waitFor({ timeout: 10000 }).catch(async () => {
      const now = await page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first().innerText();
      throw new Error(`the cursor is not on the annotation after the click: the status bar says ${now}`);
    });
    log('screenshot', await screenshot('ui-6-report-click.png'));
  });
  await step('the report follows typing in place: deleting the selected annotation drops its finding', async () => {
    const frame = await reportFrame();
    // A mark on the page's window: still there after the update, so the page was updated, not reloaded.
    await frame.evaluate(() => {
      window.wenfengMark = 'kept';
    });
    await page.keyboard.press('Delete');
    await frame.waitForFunction(() => document.querySelectorAll('#findings button.reveal').length === 1, null, { timeout: 20000 });
    const rows = await frame.locator('#findings button.reveal').allInnerTexts();
    check(rows.length === 1 && rows[0].includes(HALFWIDTH), `one finding left, the half-width comma: ${rows.join(' | ')}`);
    check((await frame.evaluate(() => window.wenfengMark)) === 'kept', 'the page was updated in place (not reloaded)');
    const total = Number(((await frame.locator('#score .total').textContent()) ?? '').trim());
    const s = await statusScore();
    check(total === s.score, `the report's total ${total} follows the status bar's ${s.score}`);
    log('screenshot', await screenshot('ui-7-report-typing.png'));
  });
  await step('the language status item shows the score and its breakdown, and its link opens the report', async () => {
    const s = await statusScore();
    await page.locator('.statusbar-item[id="status.languageStatus"]').first().hover();
    const hover = page.locator('.workbench-hover, .monaco-hover', { hasText: new RegExp(`(文风|Wenfeng)\\s*${s.score}`) }).first();
    await hover.waitFor({ timeout: 10000 });
    const text = (await hover.innerText()).replace(/\s+/g, ' ');
    log(`language status: ${text.slice(0, 200)}`);
    check(/structure|结构/.test(text), `the breakdown is shown: ${text.slice(0, 200)}`);
    log('screenshot', await screenshot('ui-8-language-status.png'));
    await hover.locator('a', { hasText: /Show report|显示报告/ }).first().click();
    await page.locator('.tab.active', { hasText: /report|报告/ }).waitFor({ timeout: 10000 });
  });

  group(`a rule's link in the Problems panel opens its page (issue 18)`);
  await step(`clicking ${HALFWIDTH} in the Problems panel opens docs/rules/${HALFWIDTH}.md of the installed extension`, async () => {
    await page.keyboard.press('Escape');
    await page.locator(`.tab[data-resource-name="${DRAFT}"]`).first().click();
    await page.locator(`.tab.active[data-resource-name="${DRAFT}"]`).first().waitFor({ timeout: 20000 });
    await page.keyboard.press('Control+Shift+M');
    // The code of a diagnostic with a codeDescription is a link: `wenfeng(punctuation/halfwidth)`.
    const link = page.locator('.markers-panel a', { hasText: HALFWIDTH }).first();
    await link.waitFor({ timeout: 20000 });
    await link.click();
    await page.locator('.tab.active[data-resource-name="halfwidth.md"]').first().waitFor({ timeout: 20000 });
    await page.waitForFunction(
      () => document.querySelector('.editor-instance .view-lines')?.textContent?.replace(/\u00a0/g, ' ').includes('# punctuation/halfwidth'),
      null,
      { timeout: 20000 },
    );
    // The page's sections as written (the extension-host suite checks the link's exact path in the extension).
    const text = await page.locator('.editor-instance .view-lines').first().innerText();
    check(/默认级别：警告/.test(text), `the page's opening lines: ${text.slice(0, 200)}`);
    log('screenshot', await screenshot('ui-9-rule-page.png'));
  });

  return steps.finish(runDir);
}

main()
  .catch((e) => steps.crash('e2e-ui', e))
  .then((code) => process.exit(code));
