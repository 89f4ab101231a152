/**
 * Completion over the protocol (issue 16, item 1): the bundled server (dist/server.js, with the compiled
 * default model) over stdio answers textDocument/completion in a real Chinese sentence with corpus
 * continuations, a series continuation after two items, and each answer well within the time budget.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const SERVER = path.join(ROOT, 'dist', 'server.js');

let child: ChildProcessWithoutNullStreams;
let conn: ProtocolConnection;

interface Item {
  label: string;
  kind: number;
  detail?: string;
  textEdit: { newText: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
  insertTextFormat: number;
}

before(async () => {
  child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr.on('data', (d: Buffer) => process.stderr.write(`[server] ${d.toString()}`));
  conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onNotification('textDocument/publishDiagnostics', () => undefined);
  conn.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ messageLanguage: 'zh-cn' })));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, locale: 'zh-cn', capabilities: { workspace: { configuration: true } }, initializationOptions: { workspaceTrusted: true } });
  await conn.sendNotification('initialized', {});
});

after(async () => {
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  child.kill();
});

async function complete(uri: string, line: number, character: number): Promise<Item[]> {
  return (await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } })) as Item[];
}

test('corpus continuations in a Chinese sentence: the phrase the genre writes, as plain text at the cursor', async () => {
  const uri = 'file:///tmp/wenfeng-protocol/complete.md';
  const text = '各级党组织要坚持以人民为中心的\n\n我们要全心全意\n';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const items = await complete(uri, 0, 15);
  const labels = items.map((i) => i.label);
  assert.ok(labels.length >= 3, labels.join(' '));
  // 坚持以人民为中心的 → 发展 (思想): the genre's continuation first.
  assert.match(labels[0]!, /^发展/, labels.join(' '));
  assert.equal(items[0]!.insertTextFormat, 1);
  assert.equal(items[0]!.detail, '语料续写');
  assert.deepEqual(items[0]!.textEdit.range, { start: { line: 0, character: 15 }, end: { line: 0, character: 15 } });
  assert.equal(new Set(labels).size, labels.length, 'no label twice');
  // A bare 的 is not offered ahead of the content words it does not clearly lead.
  assert.ok(labels.indexOf('的') < 0 || labels.indexOf('的') > 1, labels.join(' '));
  // After 全心全意 the canonical phrase by prefix, replacing the four characters typed.
  const more = await complete(uri, 2, 7);
  const full = more.find((i) => i.label === '全心全意为人民服务');
  assert.ok(full, more.map((i) => i.label).join(' '));
  assert.deepEqual(full.textEdit.range, { start: { line: 2, character: 3 }, end: { line: 2, character: 7 } });
});

test('the draft before the cursor: a phrase it wrote leads, the corpus continuation after it', async () => {
  const uri = 'file:///tmp/wenfeng-protocol/cache.md';
  const text = '各地要全面推进数字乡村建设。加快推进数字乡村建设，全面推进数字乡村发展。\n\n我们要全面推进\n';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const items = await complete(uri, 2, 7);
  assert.deepEqual(items.slice(0, 2).map((i) => i.label), ['数字乡村', '依法治国'], items.map((i) => i.label).join(' '));
  assert.deepEqual(items[0]!.textEdit, { newText: '数字乡村', range: { start: { line: 2, character: 7 }, end: { line: 2, character: 7 } } });
  // Written after the cursor instead, the phrase does not count.
  const later = 'file:///tmp/wenfeng-protocol/cache-after.md';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: later, languageId: 'markdown', version: 1, text: '我们要全面推进\n\n各地要全面推进数字乡村建设。加快推进数字乡村建设，全面推进数字乡村发展。\n' } });
  const none = await complete(later, 0, 7);
  assert.equal(none[0]!.label, '依法治国', none.map((i) => i.label).join(' '));
  // A function word is offered with the content word after it, never alone ahead of content words.
  const first = await complete(uri, 2, 7);
  assert.ok(first.every((i) => i.label !== '的'), first.map((i) => i.label).join(' '));
});

test('series continuation after two items, and each answer within 20 ms once warm', async () => {
  const uri = 'file:///tmp/wenfeng-protocol/series2.md';
  const text = '一是加强理论学习，筑牢思想根基。\n\n二是改进工作作风，密切联系群众。\n\n';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const items = await complete(uri, 4, 0);
  assert.equal(items[0]!.textEdit.newText, '三是${1}。', JSON.stringify(items.slice(0, 3)));
  assert.equal(items[0]!.insertTextFormat, 2);
  // A whole published essay (the longest dev essay of the corpus): requests at word boundaries all through it.
  const essayUri = 'file:///tmp/wenfeng-protocol/essay.txt';
  const essay = fs.readFileSync(path.join(ROOT, 'server', 'data', 'corpus', 'shenlun', '1168.txt'), 'utf8');
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: essayUri, languageId: 'plaintext', version: 1, text: essay } });
  const doc = TextDocument.create(essayUri, 'plaintext', 1, essay);
  await complete(essayUri, 0, 0);
  const times: number[] = [];
  let offered = 0;
  for (let i = 1; i <= 40; i++) {
    const offset = Math.floor((essay.length * i) / 41);
    const t0 = performance.now();
    offered += (await complete(essayUri, doc.positionAt(offset).line, doc.positionAt(offset).character)).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  assert.ok(offered > 40, `${offered} items in 40 requests`);
  assert.ok(median < 20, `median ${median.toFixed(1)} ms; all: ${times.map((t) => t.toFixed(1)).join(' ')}`);
  process.stdout.write(`completion over stdio in a ${essay.length}-character essay: median ${median.toFixed(1)} ms, max ${times[times.length - 1]!.toFixed(1)} ms\n`);
});
