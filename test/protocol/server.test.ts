/**
 * Protocol-level tests: the bundled server (dist/server.js) over stdio, driven by a real LSP connection.
 * Open a document, receive diagnostics, request code actions, apply one, see the diagnostics re-published.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import {
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspSession } from './harness';


let session: LspSession;
let conn: ProtocolConnection;
let configuration: Record<string, unknown> = { messageLanguage: 'zh-cn' };

/** The first publication for `uri` (from publication index `from` on) that satisfies `predicate`. */
const diagnostics = (uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, from = 0): Promise<PublishDiagnosticsParams> =>
  session.diagnostics(uri, predicate, from);

before(async () => {
  session = await LspSession.start({ configuration: () => configuration, locale: 'zh-cn', echoStderr: true, initializationOptions: { workspaceTrusted: true } });
  conn = session.conn;
});

after(async () => {
  await session.stop();
});

/** The edits of the one fix-all source action the server offers for `uri`. */
async function fixAllEdits(uri: string): Promise<TextEdit[]> {
  const all = (await conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.wenfeng'] },
  })) as CodeAction[];
  assert.equal(all.length, 1);
  return all[0]!.edit!.changes![uri]!;
}

function apply(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'markdown', 1, text), edits);
}

test('open → diagnostics with UTF-16 ranges → quick fix → apply → re-published', async () => {
  const uri = 'file:///tmp/wenfeng-protocol/draft.md';
  // 𠮷 is two UTF-16 code units: the comma after it is at character 5 of line 1.
  const text = '# 标题\n𠮷祥如意,关(guān)注民生。\r\n第二段没有问题。\n';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const first = await diagnostics(uri, (p) => p.version === 1);
  const byCode = new Map(first.diagnostics.map((d) => [d.code, d]));
  const comma = byCode.get('punctuation/halfwidth');
  const pinyin = byCode.get('script/pinyin-annotation');
  assert.ok(comma && pinyin, `codes: ${first.diagnostics.map((d) => d.code).join(', ')}`);
  assert.deepEqual(comma.range, { start: { line: 1, character: 5 }, end: { line: 1, character: 6 } });
  assert.deepEqual(pinyin.range, { start: { line: 1, character: 7 }, end: { line: 1, character: 13 } });
  assert.equal(comma.source, 'wenfeng');
  assert.match(comma.message as string, /[\u4e00-\u9fff]/, 'message is in Chinese');
  // Each diagnostic links to its rule's page, an existing file.
  for (const d of [comma, pinyin]) {
    const href = d.codeDescription?.href ?? '';
    assert.ok(href.startsWith('file://') && href.endsWith(`/docs/rules/${String(d.code)}.md`), href);
    assert.ok(fs.existsSync(fileURLToPath(href)), href);
  }

  const actions = (await conn.sendRequest('textDocument/codeAction', {
    textDocument: { uri },
    range: pinyin.range,
    context: { diagnostics: [pinyin] },
  })) as CodeAction[];
  const fix = actions.find((a) => a.kind === 'quickfix' && a.isPreferred);
  assert.ok(fix?.edit?.changes?.[uri], `actions: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(actions.some((a) => a.title.includes('script/pinyin-annotation') && a.edit?.changes?.[uri]?.[0]?.newText.startsWith('<!-- wenfeng-disable-next-line')));
  const fixed = apply(text, fix.edit.changes[uri]);
  assert.equal(fixed, '# 标题\n𠮷祥如意,关注民生。\r\n第二段没有问题。\n');

  await conn.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: pinyin.range, text: '' }],
  });
  const second = await diagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(second.diagnostics.map((d: Diagnostic) => d.code), ['punctuation/halfwidth']);

  // Fix-all as a source action, then the document is clean.
  const clean = apply(fixed, await fixAllEdits(uri));
  assert.equal(clean, '# 标题\n𠮷祥如意，关注民生。\r\n第二段没有问题。\n');
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: clean }] });
  const third = await diagnostics(uri, (p) => p.version === 3);
  assert.deepEqual(third.diagnostics, []);
});

test('convert command applies a WorkspaceEdit converting the document', async () => {
  const uri = 'file:///tmp/wenfeng-protocol/convert.txt';
  const text = '组工干部要发扬优良作风。';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text } });
  await diagnostics(uri, (p) => p.version === 1);
  const before = session.appliedEdits.length;
  const r = (await conn.sendRequest('workspace/executeCommand', { command: '_wenfeng.convert', arguments: [{ uri, to: 'traditional' }] })) as { applied: boolean };
  assert.equal(r.applied, true);
  const edit = session.appliedEdits[before] as { edit: { changes: Record<string, TextEdit[]> } };
  assert.equal(apply(text, edit.edit.changes[uri]!), '組工幹部要發揚優良作風。');
});

test('the server survives hostile input and keeps every range inside the document', async () => {
  const uri = 'file:///tmp/wenfeng-protocol/hostile.md';
  const lone = '\ud800孤\udc00,半';
  const text = `${'\u0000\u0001'}${lone}\r\r\n${'长'.repeat(20000)},\n\uFEFF𠮷,𠮷`;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const p = await diagnostics(uri, (x) => x.version === 1);
  const doc = TextDocument.create(uri, 'markdown', 1, text);
  for (const d of p.diagnostics) {
    const s = doc.offsetAt(d.range.start);
    const e = doc.offsetAt(d.range.end);
    assert.ok(s <= e && e <= text.length);
    assert.deepEqual(doc.positionAt(s), d.range.start, 'range start is a real position');
  }
  const empty = 'file:///tmp/wenfeng-protocol/empty.md';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: empty, languageId: 'markdown', version: 1, text: '' } });
  assert.deepEqual((await diagnostics(empty, (x) => x.version === 1)).diagnostics, []);
});

test('settings are pulled per resource: a rule set to off disappears after didChangeConfiguration', async () => {
  const uri = 'file:///tmp/wenfeng-protocol/settings.md';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text: '发扬精神,锻造品格。' } });
  const on = await diagnostics(uri, (p) => p.version === 1);
  assert.equal(on.diagnostics.length, 1);
  const count = session.published.length;
  configuration = { messageLanguage: 'en', rules: { 'punctuation/halfwidth': 'off' } };
  await conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const off = await diagnostics(uri, () => true, count);
  assert.deepEqual(off.diagnostics, []);
  configuration = { messageLanguage: 'en' };
  await conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const en = await diagnostics(uri, (p) => p.diagnostics.length === 1, count);
  assert.match(en.diagnostics[0]!.message as string, /Half-width/);
  configuration = { messageLanguage: 'zh-cn' };
});

test('outline, folding, hover and completion over the protocol', async () => {
  const uri = 'file:///tmp/wenfeng-protocol/outline.md';
  const text = '# 打好五张牌\n\n要打造模范机关，这就需要打好“三张牌”：\n\n打好政治牌，增强机关干部的政治意识。\n正文一。\n\n打好团结牌，增强机关干部的团结意识。\n\n打好担当牌，增强机关干部的担当意识。\n\n';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  await diagnostics(uri, (p) => p.version === 1);
  const symbols = (await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as Array<{ name: string; children?: Array<{ name: string; children?: Array<{ name: string }> }> }>;
  assert.equal(symbols.length, 1);
  assert.equal(symbols[0]!.name, '打好五张牌');
  const series = symbols[0]!.children![0]!;
  assert.match(series.name, /打好\{X\}牌，增强机关干部的\{Y\}意识/);
  assert.equal(series.children!.length, 3);
  const folds = (await conn.sendRequest('textDocument/foldingRange', { textDocument: { uri } })) as Array<{ startLine: number; endLine: number }>;
  assert.ok(folds.some((f) => f.startLine === 0), JSON.stringify(folds));
  assert.ok(folds.some((f) => f.startLine === 4 && f.endLine === 9), JSON.stringify(folds));
  const h = (await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 2 } })) as { contents: { value: string } } | null;
  assert.ok(h);
  assert.match(h.contents.value, /打好\{X\}牌/);
  assert.match(h.contents.value, /三张/);
  const items = (await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 11, character: 0 } })) as Array<{ label: string; textEdit: { newText: string }; insertTextFormat: number }>;
  assert.equal(items[0]!.textEdit.newText, '打好${1}牌，增强机关干部的${2}意识。');
  assert.equal(items[0]!.insertTextFormat, 2);
});

test('a client that cannot be asked for settings pushes them, and Neovim language ids are checked', async () => {
  // No workspace.configuration capability: the server cannot pull settings and must take what is pushed.
  const s2 = await LspSession.start({ capabilities: {} });
  const c2 = s2.conn;
  const next = (pred: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> => s2.waitFor(s2.published, pred);
  const uri = 'file:///tmp/wenfeng-protocol/nvim.txt';
  await c2.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'text', version: 1, text: '发扬精神,锻造品格。' } });
  const first = await next((p) => p.version === 1);
  assert.equal(first.diagnostics.length, 1);
  assert.match(first.diagnostics[0]!.message as string, /半角/);
  await c2.sendNotification('workspace/didChangeConfiguration', { settings: { wenfeng: { messageLanguage: 'en', rules: { 'punctuation/halfwidth': 'error' } } } });
  const second = await next((p) => p.diagnostics.length === 1 && /Half-width/.test(p.diagnostics[0]!.message as string));
  assert.equal(second.diagnostics[0]!.severity, 1);
  await s2.stop();
});

test('wenfeng.maxDiagnostics: the most severe are published in document order after one summary; fix all still sees every finding', async () => {
  const uri = 'file:///tmp/wenfeng-protocol/many.md';
  const clauses = ['加强学习', '提高本领', '改进作风', '强化担当', '守住底线', '服务群众', '推动发展', '维护稳定', '深化改革', '扩大开放', '保障民生', '建设生态', '繁荣文化', '加强法治', '从严治党', '凝聚人心', '培育人才', '创新机制', '夯实基础', '狠抓落实', '久久为功'];
  // Line 0: 20 half-width commas (warnings); line 2: lost characters (an error), after them in the document.
  const text = `各级党组织要${clauses.join(',')}。\n\n面对急难险重任务，要敢于挑重?fù)?dān)。\n`;
  configuration = { messageLanguage: 'zh-cn', maxDiagnostics: 5 };
  try {
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const p = await diagnostics(uri, (x) => x.version === 1);
    assert.equal(p.diagnostics.length, 6, JSON.stringify(p.diagnostics.map((d) => d.code)));
    const [summary, ...kept] = p.diagnostics;
    assert.deepEqual(summary!.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.equal(summary!.severity, 3);
    assert.equal(summary!.code, undefined);
    assert.equal(summary!.source, 'wenfeng');
    assert.equal(summary!.message, '另有 16 个问题未显示：每个文档最多显示 5 个，优先显示最严重的（设置项 wenfeng.maxDiagnostics）。命令行 `wenfeng check` 会列出全部问题。');
    // The error is kept although it comes last; the four other places go to the first commas; document order.
    assert.deepEqual(
      kept.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character, d.range.end.character]),
      [
        ['punctuation/halfwidth', 2, 0, 10, 11],
        ['punctuation/halfwidth', 2, 0, 15, 16],
        ['punctuation/halfwidth', 2, 0, 20, 21],
        ['punctuation/halfwidth', 2, 0, 25, 26],
        ['script/garbled', 1, 2, 14, 23],
      ],
    );
    // Fix all works on every finding, not on the five published.
    const fixed = apply(text, await fixAllEdits(uri));
    assert.equal(fixed.split('\n')[0], `各级党组织要${clauses.join('，')}。`);
    // The summary offers no action (it has no rule); a kept diagnostic offers fix all of its rule over all 20.
    const onSummary = (await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: summary!.range, context: { diagnostics: [summary] } })) as CodeAction[];
    assert.deepEqual(onSummary, []);
    const onComma = (await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: kept[0]!.range, context: { diagnostics: [kept[0]] } })) as CodeAction[];
    assert.ok(onComma.some((a) => a.title.includes('punctuation/halfwidth') && a.title.includes('20')), onComma.map((a) => a.title).join(' | '));
    // 0 means no limit.
    configuration = { messageLanguage: 'en', maxDiagnostics: 0 };
    const count = session.published.length;
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const unlimited = await diagnostics(uri, () => true, count);
    assert.equal(unlimited.diagnostics.length, 21);
    assert.ok(unlimited.diagnostics.every((d) => typeof d.code === 'string'));
  } finally {
    configuration = { messageLanguage: 'zh-cn' };
    await conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  }
});
