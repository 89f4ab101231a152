/**
 * Protocol tests of issue 18 (false positives one click away): the real server over stdio, a temporary
 * workspace folder. Each quick fix is applied as a client would (the document edit as didChange; the project
 * file written to disk with a watched-file event, or edited in its open buffer) and the next publication of
 * the draft no longer holds the finding.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import {
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentEdit,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspSession } from './harness';

let session: LspSession;
let conn: ProtocolConnection;
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-fp-'));
const configFile = path.join(workspace, '.wenfeng.json');
const configUri = pathToFileURL(configFile).href;

const published = (): PublishDiagnosticsParams[] => session.published;
const waitFor = (predicate: (p: PublishDiagnosticsParams) => boolean, from: number): Promise<PublishDiagnosticsParams> =>
  session.waitFor(session.published, predicate, from);

before(async () => {
  session = await LspSession.start({
    locale: 'en',
    rootUri: pathToFileURL(workspace).href,
    capabilities: { workspace: { configuration: true, applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } },
    initializationOptions: { workspaceTrusted: true, watchesConfigFiles: true, acceptWordForUser: true },
  });
  conn = session.conn;
});

after(async () => {
  await session.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

async function open(name: string, languageId: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = pathToFileURL(path.join(workspace, name)).href;
  const from = published().length;
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  const p = await waitFor((x) => x.uri === uri && x.version === 1, from);
  return { uri, diagnostics: p.diagnostics };
}

async function actionsOn(uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return (await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
}

function find(actions: CodeAction[], title: RegExp): CodeAction {
  const a = actions.find((x) => title.test(x.title));
  assert.ok(a, `${title}: ${actions.map((x) => x.title).join(' | ')}`);
  return a;
}

/** Applies a WorkspaceEdit of the project file to disk (creating it when asked) and reports it as watched. */
async function applyToDisk(action: CodeAction): Promise<void> {
  const edit = action.edit!;
  let text = fs.existsSync(configFile) ? fs.readFileSync(configFile, 'utf8') : '';
  let created = false;
  for (const c of edit.documentChanges ?? []) {
    if ('kind' in c && c.kind === 'create') {
      assert.equal(c.uri, configUri);
      created = !fs.existsSync(configFile);
    } else if ('textDocument' in c) {
      text = TextDocument.applyEdits(TextDocument.create(configUri, 'jsonc', 1, text), (c as TextDocumentEdit).edits as TextEdit[]);
    }
  }
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    assert.equal(uri, configUri);
    text = TextDocument.applyEdits(TextDocument.create(configUri, 'jsonc', 1, text), edits);
  }
  fs.writeFileSync(configFile, text);
  await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: created ? 1 : 2 }] });
}

test('disable for this line and in this file: plain text gets the line form, the finding goes at once', async () => {
  const text = '我们在Windows系統中使用Word。\n';
  const { uri, diagnostics } = await open('line.txt', 'plaintext', text);
  const mixed = diagnostics.find((d) => d.code === 'script/mixed');
  assert.ok(mixed, JSON.stringify(diagnostics));
  const actions = await actionsOn(uri, mixed);
  assert.ok(!JSON.stringify(actions).includes('<!--'), 'no HTML comment in a .txt');
  assert.equal(find(actions, /^Disable script\/mixed for this line$/).edit!.changes![uri]![0]!.newText, '// wenfeng-disable-next-line script/mixed\n');
  const fileAction = find(actions, /^Disable script\/mixed in this file$/);
  const edits = fileAction.edit!.changes![uri]!;
  assert.deepEqual(edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '// wenfeng-disable script/mixed\n' }]);
  const from = published().length;
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: edits[0]!.range, text: edits[0]!.newText }] });
  const after = await waitFor((p) => p.uri === uri && p.version === 2, from);
  assert.deepEqual(after.diagnostics.map((d) => d.code), []);
});

test('disable in this project: creates .wenfeng.json in the workspace folder; the open drafts are re-checked', async () => {
  const { uri, diagnostics } = await open('project.txt', 'plaintext', '我们在Windows系統中使用Word。\n');
  const mixed = diagnostics.find((d) => d.code === 'script/mixed')!;
  assert.ok(!fs.existsSync(configFile));
  const action = find(await actionsOn(uri, mixed), /^Disable script\/mixed in this project/);
  const from = published().length;
  await applyToDisk(action);
  assert.deepEqual(JSON.parse(fs.readFileSync(configFile, 'utf8')), { rules: { 'script/mixed': 'off' } });
  const after = await waitFor((p) => p.uri === uri && !p.diagnostics.some((d) => d.code === 'script/mixed'), from);
  assert.deepEqual(after.diagnostics, []);
});

test('accept a word: edits the open .wenfeng.json buffer (comments kept); the finding goes before any save', async () => {
  const { uri, diagnostics } = await open('accept.txt', 'plaintext', '我们要要认真学习。\n');
  const doubled = diagnostics.find((d) => d.code === 'repetition/doubled-word');
  assert.ok(doubled, JSON.stringify(diagnostics));
  const configText = '// 项目设置\n{\n  "rules": {\n    "script/mixed": "off"\n  }\n}\n';
  fs.writeFileSync(configFile, configText);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: configUri, languageId: 'jsonc', version: 1, text: configText } });
  const actions = await actionsOn(uri, doubled);
  const user = find(actions, /^Accept “要要” in the user settings$/);
  assert.deepEqual(user.command, { title: user.title, command: '_wenfeng.acceptWordForUser', arguments: ['要要'] });
  const accept = find(actions, /^Accept “要要” in this project/);
  const edits = accept.edit!.changes![configUri]!;
  const next = TextDocument.applyEdits(TextDocument.create(configUri, 'jsonc', 1, configText), edits);
  assert.equal(next, '// 项目设置\n{\n  "acceptedWords": ["要要"],\n  "rules": {\n    "script/mixed": "off"\n  }\n}\n');
  const from = published().length;
  await conn.sendNotification('textDocument/didChange', { textDocument: { uri: configUri, version: 2 }, contentChanges: [{ text: next }] });
  const after = await waitFor((p) => p.uri === uri && !p.diagnostics.some((d) => d.code === 'repetition/doubled-word'), from);
  assert.deepEqual(after.diagnostics, []);
  assert.equal(fileURLToPath(configUri), configFile);
});
