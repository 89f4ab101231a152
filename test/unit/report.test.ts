/**
 * The report page (issue 17): the standalone page of a seed essay holds the score figures, every finding, the
 * skeleton and a strict CSP, and nothing remote; the webview variant adds only the nonce'd script and clickable
 * findings; `wenfeng report` writes it. When Debian's chromium is installed, the page is rendered headless to a
 * PNG under test/e2e/out (not committed).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as l10n from '@vscode/l10n';
import { run } from '../../server/src/cli/main';
import { escapeHtml, renderReport, renderReportBody } from '../../server/src/report/html';
import { buildReportModel } from '../../server/src/report/model';
import { useLanguage } from '../../server/src/shared/messages';
import { getAnalyzer, ROOT, seed } from './helpers';

const config = { rules: {}, script: 'auto' as const, acceptedWords: [] };

function seedReport(lang: 'zh-cn' | 'en', webview?: { cspSource: string }): { html: string; model: ReturnType<typeof buildReportModel> } {
  useLanguage(lang);
  const text = seed('001');
  const result = getAnalyzer().analyze(text, { format: 'plaintext', config, locale: lang });
  const model = buildReportModel(result, text, '001.txt');
  const html = renderReport(model, { l10n, lang: lang === 'zh-cn' ? 'zh-CN' : 'en', nonce: 'bm9uY2U0dGVzdA==', ...(webview ? { webview } : {}) });
  return { html, model };
}

test('the standalone page of a seed essay: score figures, every finding, skeleton, strict CSP, nothing remote', () => {
  const { html, model } = seedReport('zh-cn');
  // The seed: a pasted paragraph, doubled 要要, half-width commas throughout, two ordinal series of three items.
  assert.ok(model.findings.some((f) => f.rule === 'repetition/duplicate-paragraph'));
  assert.equal(model.skeleton.series.length, 2);
  assert.match(html, /<html lang="zh-CN">/);
  assert.match(html, new RegExp(`<text x="70" y="92" class="total" text-anchor="middle">${model.score.total}</text>`));
  for (const [c, name] of [['structure', '结构'], ['repetition', '重复'], ['script', '文字'], ['punctuation', '标点'], ['phrasing', '表述']] as const) {
    assert.ok(html.includes(`>${name}</text>`), name);
    assert.ok(html.includes(`class="value">${model.score.categories[c]}</text>`), `${c} ${model.score.categories[c]}`);
  }
  assert.ok(html.includes('文风报告：001.txt'));
  // Every finding listed, with its message and line.
  assert.equal(html.split('<li class="finding">').length - 1, model.findings.length);
  for (const f of model.findings) {
    assert.ok(html.includes(`第 ${f.start.line + 1} 行</span> <span class="sev ${f.severity}">`), f.message);
    assert.ok(html.includes(escapeHtml(f.message)), f.message);
  }
  assert.ok(html.includes(escapeHtml('三要严于律己、清正廉洁。')));
  // Each deduction named with its share of the total.
  for (const d of model.score.deductions) {
    assert.ok(html.includes(escapeHtml(`${d.rule}：${d.count} 处，总分扣 ${d.total.toFixed(1)} 分`)), d.rule);
  }
  // Each paragraph counts the findings that overlap it (checked against a plain scan).
  useLanguage('zh-cn');
  const text = seed('001');
  const result = getAnalyzer().analyze(text, { format: 'plaintext', config, locale: 'zh-cn' });
  assert.deepEqual(
    model.paragraphs.map((p) => p.findings),
    result.paragraphs.map((p) => result.findings.filter((f) => f.start < p.end && f.end > p.start).length),
  );
  assert.ok(model.paragraphs.some((p) => p.findings > 3));
  // One strip cell per non-empty paragraph.
  assert.equal(html.split('class="heat').length - 1, model.paragraphs.filter((p) => p.length > 0).length);
  // Strict CSP; no remote resource, no script, no inline style attribute.
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(csp);
  assert.equal(csp[1], "default-src 'none'; img-src data:; style-src 'nonce-bm9uY2U0dGVzdA=='; base-uri 'none'; form-action 'none'");
  assert.doesNotMatch(html, /https?:\/\//);
  assert.doesNotMatch(html, /<script|\sstyle="|unsafe-inline|<link|<img|@import|url\(/);
});

test('the page in English, and the webview variant', () => {
  const { html } = seedReport('en');
  assert.match(html, /<html lang="en">/);
  assert.ok(html.includes('Wenfeng report: 001.txt'));
  assert.ok(html.includes('>structure</text>'));
  assert.doesNotMatch(html, /文风报告/);
  const web = seedReport('zh-cn', { cspSource: 'vscode-webview://abc' }).html;
  assert.ok(web.includes("script-src 'nonce-bm9uY2U0dGVzdA=='"));
  assert.ok(web.includes("style-src vscode-webview://abc 'nonce-bm9uY2U0dGVzdA=='"));
  assert.equal(web.split('<script').length - 1, 1);
  assert.ok(web.includes('<script nonce="bm9uY2U0dGVzdA==">'));
  assert.ok(web.includes("vscode.postMessage({ type: 'reveal'"));
  // Updates swap the content of <main id="report"> (the body renderer's output), keeping the scroll position.
  assert.ok(web.includes("m.type === 'update'"));
  const { model } = seedReport('zh-cn');
  const body = renderReportBody(model, { l10n, webview: { cspSource: 'vscode-webview://abc' } });
  assert.ok(web.includes(`<main id="report">\n${body}\n</main>`));
  assert.doesNotMatch(body, /<script|<style|<meta/);
  // Findings are buttons carrying their range (0-based line:character).
  const buttons = [...web.matchAll(/<button type="button" class="reveal" data-start="(\d+):(\d+)" data-end="(\d+):(\d+)">/g)];
  assert.equal(buttons.length, seedReport('zh-cn').model.findings.length);
  useLanguage('zh-cn');
});

test('wenfeng report writes the page; -o - and no -o write it to standard output', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-report-'));
  try {
    const file = path.join(dir, 'essay.txt');
    fs.writeFileSync(file, seed('001'));
    const target = path.join(dir, 'report.html');
    let out = '';
    let err = '';
    assert.equal(run(['report', file, '-o', target, '--locale', 'en'], (s) => (out += s), (s) => (err += s)), 0, err);
    assert.equal(out, '');
    const page = fs.readFileSync(target, 'utf8');
    assert.ok(page.includes('Wenfeng report: essay.txt'));
    assert.match(page, /Content-Security-Policy/);
    out = '';
    assert.equal(run(['report', file], (s) => (out += s), () => undefined), 0);
    assert.ok(out.includes('文风报告：essay.txt'));
    assert.equal(run(['report', file, file], () => undefined, () => undefined), 2);
    if (spawnSync('chromium', ['--version']).status === 0) {
      // Rendered headless: a PNG under test/e2e/out (ignored by git) to look at.
      const outDir = path.join(ROOT, 'test', 'e2e', 'out');
      fs.mkdirSync(outDir, { recursive: true });
      const html = path.join(outDir, 'report-seed-001.html');
      const png = path.join(outDir, 'report-seed-001.png');
      fs.copyFileSync(target, html);
      fs.rmSync(png, { force: true });
      const r = spawnSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--window-size=1000,1600', `--screenshot=${png}`, `file://${html}`], { timeout: 60_000 });
      assert.equal(r.status, 0, String(r.stderr));
      assert.ok(fs.statSync(png).size > 20_000, 'the screenshot has content');
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
