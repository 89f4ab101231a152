/**
 * wenfeng.maxDiagnostics (issue 15, item 5): the setting's validation, and which findings the server
 * publishes when a document has more than the limit.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, validateSettings } from '../../protocol/settings';
import { keptFindings, publishedDiagnostics } from '../../server/src/features/diagnostics';
import { describeSettingProblem, readProjectConfig } from '../../server/src/shared/config';
import { useLanguage } from '../../server/src/shared/messages';
import { getAnalyzer } from './helpers';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

test('maxDiagnostics: default 1000, 0 or a whole number; anything else is reported and replaced by the default', () => {
  assert.equal(DEFAULT_SETTINGS.maxDiagnostics, 1000);
  assert.equal(validateSettings({ maxDiagnostics: 0 }).settings.maxDiagnostics, 0);
  assert.equal(validateSettings({ maxDiagnostics: 25 }).settings.maxDiagnostics, 25);
  for (const bad of [-1, 2.5, '50', true, Number.NaN]) {
    const { settings, problems } = validateSettings({ maxDiagnostics: bad });
    assert.equal(settings.maxDiagnostics, 1000, String(bad));
    assert.equal(problems.length, 1, String(bad));
  }
  useLanguage('en');
  assert.equal(
    describeSettingProblem(validateSettings({ maxDiagnostics: -3 }).problems[0]!, 'wenfeng.'),
    'wenfeng.maxDiagnostics: -3 is not valid (expected 0 (no limit) or a whole number); using 1000',
  );
  // In a project file it is a known key, checked the same way.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-max-'));
  const file = path.join(dir, '.wenfeng.json');
  fs.writeFileSync(file, '{ "maxDiagnostics": 200 }');
  const ok = readProjectConfig(file);
  assert.deepEqual(ok.problems, []);
  assert.equal(ok.settings?.maxDiagnostics, 200);
  fs.writeFileSync(file, '{ "maxDiagnostics": "many" }');
  assert.deepEqual(readProjectConfig(file).problems.map((p) => p.message), ['maxDiagnostics: "many" is not valid (expected 0 (no limit) or a whole number); using 1000']);
  useLanguage('zh-cn');
});

const CLAUSES = ['加强学习', '提高本领', '改进作风', '强化担当', '守住底线', '服务群众', '推动发展', '维护稳定', '深化改革', '扩大开放', '保障民生', '建设生态', '繁荣文化', '加强法治', '从严治党', '凝聚人心', '培育人才', '创新机制', '夯实基础', '狠抓落实', '久久为功'];

test('a document with more findings than the limit: the most severe first, then the earliest; document order kept', () => {
  // 20 half-width commas (warnings), then an error (lost characters) at the end (line 2, offset 127).
  const text = `各级党组织要${CLAUSES.join(',')}。\n\n面对急难险重任务，要敢于挑重?fù)?dān)。\n`;
  const config = { rules: { 'punctuation/halfwidth': 'warning' as const }, script: 'auto' as const, acceptedWords: [] };
  useLanguage('en');
  const { findings } = getAnalyzer().analyze(text, { format: 'markdown', config, locale: 'en' });
  assert.equal(findings.length, 21);
  assert.equal(keptFindings(findings, 0), findings, '0: no limit');
  assert.equal(keptFindings(findings, 21), findings);
  const five = keptFindings(findings, 5);
  assert.deepEqual(five.map((f) => [f.rule, f.start]), [
    ['punctuation/halfwidth', 10],
    ['punctuation/halfwidth', 15],
    ['punctuation/halfwidth', 20],
    ['punctuation/halfwidth', 25],
    ['script/garbled', 127],
  ]);
  assert.deepEqual(keptFindings(findings, 1).map((f) => f.rule), ['script/garbled']);
  const doc = TextDocument.create('file:///many.md', 'markdown', 3, text);
  const published = publishedDiagnostics(doc, findings, 5);
  assert.equal(published.length, 6);
  assert.equal(published[0]!.message, '16 more problems are not shown: at most 5 are shown per document, the most severe first (setting wenfeng.maxDiagnostics). `wenfeng check` on the command line lists them all.');
  assert.deepEqual(published[0]!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.equal(published[0]!.code, undefined);
  assert.deepEqual(published.slice(1).map((d) => d.range.start), [
    { line: 0, character: 10 },
    { line: 0, character: 15 },
    { line: 0, character: 20 },
    { line: 0, character: 25 },
    { line: 2, character: 14 },
  ]);
  assert.equal(publishedDiagnostics(doc, findings, 0).length, 21);
  useLanguage('zh-cn');
});
