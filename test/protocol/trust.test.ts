/**
 * Protocol tests of issue 13 (trust): invalid command and code-action parameters get an InvalidParams error
 * (no stack trace), stale document versions are never published, `.wenfeng.json` problems are shown on the
 * file itself and in a notification, editing the file re-checks open documents at once, and bad editor
 * settings are named in a notification.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import {
  ResponseError,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LspSession } from './harness';


let session: LspSession;
let conn: ProtocolConnection;
let configuration: Record<string, unknown> = { messageLanguage: 'en' };
// The workspace folder inside a folder of the test's own, whose .wenfeng.json (above the workspace) must not apply.
const outer = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-trust-'));
const workspace = path.join(outer, 'workspace');
fs.mkdirSync(workspace);

const published = (): PublishDiagnosticsParams[] => session.published;
const serverOutput = (): string => `${session.stderr}${session.logs.join('\n')}`;
const waitFor = <T>(list: readonly T[], predicate: (x: T) => boolean, from = 0): Promise<T> => session.waitFor(list, predicate, from);
const diagnosticsOf = (uri: string, predicate: (p: PublishDiagnosticsParams) => boolean, from = 0): Promise<PublishDiagnosticsParams> =>
  session.diagnostics(uri, predicate, from);

before(async () => {
  // The project file above the workspace folder must not apply.
  fs.writeFileSync(path.join(path.dirname(workspace), '.wenfeng.json'), '{"rules":{"punctuation/duplicate":"off"}}');
  session = await LspSession.start({
    configuration: () => configuration,
    locale: 'en',
    rootUri: pathToFileURL(workspace).href,
    capabilities: { workspace: { configuration: true, applyEdit: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions: { workspaceTrusted: true },
  });
  conn = session.conn;
});

after(async () => {
  if (process.env.TRUST_DEBUG) process.stdout.write(serverOutput());
  await session.stop();
  fs.rmSync(outer, { recursive: true, force: true });
});

async function open(name: string, text: string, languageId = 'markdown'): Promise<string> {
  const uri = pathToFileURL(path.join(workspace, name)).href;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return uri;
}

async function requestError(method: string, params: unknown): Promise<ResponseError<unknown>> {
  try {
    await conn.sendRequest(method, params);
  } catch (e) {
    assert.ok(e instanceof ResponseError, String(e));
    return e;
  }
  throw new Error(`${method} succeeded`);
}

test('convert to an unknown script and inverted ranges are InvalidParams errors, without a stack trace', async () => {
  const uri = await open('convert.md', '组工干部要发扬优良作风。');
  await diagnosticsOf(uri, (p) => p.version === 1);
  const klingon = await requestError('workspace/executeCommand', { command: '_wenfeng.convert', arguments: [{ uri, to: 'klingon' }] });
  assert.equal(klingon.code, -32602);
  assert.equal(klingon.message, 'Unknown target script "klingon"; expected one of simplified, traditional, taiwan, hongkong');
  const range = { start: { line: 0, character: 6 }, end: { line: 0, character: 2 } };
  const inverted = await requestError('workspace/executeCommand', { command: '_wenfeng.convert', arguments: [{ uri, to: 'traditional', range }] });
  assert.equal(inverted.code, -32602);
  assert.equal(inverted.message, 'Invalid range: the end (0:2) is before the start (0:6)');
  const action = await requestError('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } });
  assert.equal(action.code, -32602);
  assert.equal(action.message, 'Invalid range: the end (0:2) is before the start (0:6)');
  const noArgs = await requestError('workspace/executeCommand', { command: '_wenfeng.convert', arguments: ['x'] });
  assert.equal(noArgs.code, -32602);
  // A valid selection still converts, and nothing was logged with a stack trace.
  const ok = (await conn.sendRequest('workspace/executeCommand', {
    command: '_wenfeng.convert',
    arguments: [{ uri, to: 'traditional', range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } } }],
  })) as { applied: boolean; changed: boolean };
  assert.deepEqual(ok, { applied: true, changed: true });
  assert.doesNotMatch(serverOutput(), /\n\s+at /);
});

test('a change to an older version is ignored: no diagnostics are ever published for it', async () => {
  const uri = await open('versions.md', '组工干部要发扬优良作风。');
  await diagnosticsOf(uri, (p) => p.version === 1);
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: '第五版没有问题。' }] });
  await diagnosticsOf(uri, (p) => p.version === 5);
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: '第三版,有半角逗号。' }] });
  // Longer than the debounce (300 ms): a stale version that was accepted would be published by now.
  await new Promise((r) => setTimeout(r, 1000));
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 6 }, contentChanges: [{ text: '第六版,也有。' }] });
  const sixth = await diagnosticsOf(uri, (p) => p.version === 6);
  assert.deepEqual(
    sixth.diagnostics.map((d) => [d.code, d.range.start.character]),
    [['punctuation/halfwidth', 3]],
  );
  assert.deepEqual(
    published().filter((p) => p.uri === uri).map((p) => p.version),
    published().filter((p) => p.uri === uri && p.version !== 3).map((p) => p.version),
  );
  const versions = published().filter((p) => p.uri === uri).map((p) => p.version!);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
});

test('.wenfeng.json: watched and registered; problems on the file and in a notification; edits re-check at once', async () => {
  const watch = await waitFor(session.registrations, (r) => r.method === 'workspace/didChangeWatchedFiles');
  assert.deepEqual(watch.registerOptions, { watchers: [{ globPattern: '**/.wenfeng.json' }] });

  const config = path.join(workspace, '.wenfeng.json');
  const configUri = pathToFileURL(config).href;
  const text = '{\n  // project\n  "rules": {"script/mixed": "bogus", "no/such": "error", "punctuation/halfwidth": "off",},\n  "script": 42,\n}\n';
  fs.writeFileSync(config, `\uFEFF${text}`);
  const m0 = session.messages.length;
  const p0 = published().length;
  await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 1 }] });
  const uri = await open('project.md', '发扬精神,锻造品格。。');
  // The BOM and the comment are fine: the halfwidth rule is off; the file above the workspace does not apply.
  const first = await diagnosticsOf(uri, (p) => p.version === 1, p0);
  assert.deepEqual(first.diagnostics.map((d) => d.code), ['punctuation/duplicate']);
  const onFile = await diagnosticsOf(configUri, () => true, p0);
  assert.deepEqual(
    onFile.diagnostics.map((d) => [d.range, d.severity, d.message]),
    [
      [{ start: { line: 2, character: 12 }, end: { line: 2, character: 26 } }, 2, 'rules.script/mixed: "bogus" is not valid (expected off, hint, information, warning, error); using "warning"'],
      [{ start: { line: 2, character: 37 }, end: { line: 2, character: 46 } }, 2, 'rules.no/such: unknown rule id; ignored'],
      [{ start: { line: 3, character: 2 }, end: { line: 3, character: 10 } }, 2, 'script: 42 is not valid (expected auto, simplified, traditional, taiwan, hongkong); using "auto"'],
    ],
  );
  const note = await waitFor(session.messages, () => true, m0);
  assert.equal(note.type, 2);
  assert.equal(note.message, `Wenfeng: problems in ${config}: ${onFile.diagnostics.map((d) => d.message).join('; ')}`);

  // Edited on disk: the open document is re-checked without being reopened, and the file's problems clear.
  const p1 = published().length;
  fs.writeFileSync(config, '{"rules": {"punctuation/duplicate": "off"}}');
  await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
  const second = await diagnosticsOf(uri, () => true, p1);
  assert.deepEqual(second.diagnostics.map((d) => d.code), ['punctuation/halfwidth']);
  assert.deepEqual((await diagnosticsOf(configUri, () => true, p1)).diagnostics, []);

  // Opened in the editor: its unsaved text applies as it is typed, and it is not checked as prose.
  const p2 = published().length;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'json', version: 1, text: '{"rules": {"punctuation/halfwidth": "off", "punctuation/duplicate": "off"}}' } });
  const third = await diagnosticsOf(uri, () => true, p2);
  assert.deepEqual(third.diagnostics, []);
  const p3 = published().length;
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri: configUri, version: 2 }, contentChanges: [{ text: '{"rules": {"punctuation/halfwidth": "off"' }] });
  const broken = await diagnosticsOf(configUri, (p) => p.diagnostics.length > 0, p3);
  assert.deepEqual(broken.diagnostics.map((d) => [d.range.start, d.severity, d.message]), [[{ line: 0, character: 41 }, 1, 'not valid JSON: expected “,” or “}”']]);
  const fourth = await diagnosticsOf(uri, () => true, p3);
  assert.deepEqual(fourth.diagnostics.map((d) => d.code).sort(), ['punctuation/duplicate', 'punctuation/halfwidth']);
  await conn.sendNotification('textDocument/didClose', { textDocument: { uri: configUri } });

  // Deleted: the document is re-checked with the defaults.
  const p4 = published().length;
  fs.rmSync(config);
  await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 3 }] });
  const fifth = await diagnosticsOf(uri, (p) => p.diagnostics.length === 2, p4);
  assert.deepEqual(fifth.diagnostics.map((d) => d.code).sort(), ['punctuation/duplicate', 'punctuation/halfwidth']);
});

test('bad editor settings are named in one warning notification, and the defaults apply', async () => {
  const uri = await open('editor.md', '发扬精神,锻造品格。');
  await diagnosticsOf(uri, (p) => p.version === 1);
  const m0 = session.messages.length;
  const p0 = published().length;
  configuration = { messageLanguage: 'en', script: 42, rules: { 'no/such': 'error', 'punctuation/halfwidth': 'loud' } };
  await conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  const after = await diagnosticsOf(uri, () => true, p0);
  assert.deepEqual(after.diagnostics.map((d) => [d.code, d.severity]), [['punctuation/halfwidth', 2]]);
  const note = await waitFor(session.messages, () => true, m0);
  assert.equal(note.type, 2);
  assert.equal(
    note.message,
    'Wenfeng: problems in the settings: wenfeng.rules.no/such: unknown rule id; ignored; ' +
      'wenfeng.rules.punctuation/halfwidth: "loud" is not valid (expected off, hint, information, warning, error); using "warning"; ' +
      'wenfeng.script: 42 is not valid (expected auto, simplified, traditional, taiwan, hongkong); using "auto"',
  );
  // Shown once, although every open document pulled the same settings.
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(session.messages.length, m0 + 1);
  configuration = { messageLanguage: 'en' };
});
