/**
 * Protocol test of a rule that throws (issue 13): the server started with the test-only environment variable
 * WENFENG_TEST_THROWING_RULE=punctuation/halfwidth publishes one `internal/rule-error` diagnostic on the first
 * line naming the rule, still publishes every other rule's diagnostics, logs the error once, and keeps serving.
 * The same text checked by a server without the variable is the control: there the rule reports as usual.
 */
import assert from 'node:assert/strict';
import { type ChildProcessWithoutNullStreams } from 'node:child_process';
import { test } from 'node:test';
import {
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { LspSession } from './harness';

const URI = 'file:///tmp/wenfeng-rule-error/draft.md';
const RULE = 'punctuation/halfwidth';
// Line 0: a half-width comma at 4 and a doubled full stop at 9–11; line 1: a pinyin annotation at 4–10.
const TEXT = '发扬精神,锻造品格。。\n我们要关(guān)注群众。\n';

interface Server {
  child: ChildProcessWithoutNullStreams;
  conn: ProtocolConnection;
  published: PublishDiagnosticsParams[];
  logs: string[];
  /** Resolves with the first diagnostics published for `uri` at `version`. */
  diagnostics(version: number): Promise<Diagnostic[]>;
  stop(): Promise<void>;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const s = await LspSession.start({ env, locale: 'en', capabilities: { workspace: { configuration: true } } });
  const diagnostics = async (version: number): Promise<Diagnostic[]> => (await s.diagnostics(URI, (p) => p.version === version)).diagnostics;
  return { child: s.child, conn: s.conn, published: s.published, logs: s.logs, diagnostics, stop: () => s.stop() };
}

const summary = (ds: readonly Diagnostic[]): Array<[string, string, number | undefined]> =>
  ds
    .map((d): [string, string, number | undefined] => [String(d.code), `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`, d.severity])
    .sort((a, b) => a[0].localeCompare(b[0]));

test('control: without WENFENG_TEST_THROWING_RULE the rule reports as usual', async () => {
  const env = { ...process.env };
  delete env.WENFENG_TEST_THROWING_RULE;
  const s = await startServer(env);
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: TEXT } });
    assert.deepEqual(summary(await s.diagnostics(1)), [
      ['punctuation/duplicate', '0:9-0:11', 2],
      ['punctuation/halfwidth', '0:4-0:5', 2],
      ['script/pinyin-annotation', '1:4-1:10', 2],
    ]);
  } finally {
    await s.stop();
  }
});

test('a rule that throws: one internal/rule-error on line 0 naming it, the other rules still reported, the server alive', async () => {
  const s = await startServer({ ...process.env, WENFENG_TEST_THROWING_RULE: RULE });
  try {
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: TEXT } });
    const first = await s.diagnostics(1);
    assert.deepEqual(summary(first), [
      ['internal/rule-error', '0:0-0:11', 1],
      ['punctuation/duplicate', '0:9-0:11', 2],
      ['script/pinyin-annotation', '1:4-1:10', 2],
    ]);
    const error = first.find((d) => d.code === 'internal/rule-error')!;
    assert.equal(error.source, 'wenfeng');
    assert.equal(
      error.message,
      `Internal error in rule ${RULE}: ${RULE} made to throw by WENFENG_TEST_THROWING_RULE. Its findings are missing; the other rules ran.`,
    );

    // Still alive: a change is checked again (the error reported again, logged once), and requests are answered.
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: `标题\n${TEXT}` }] });
    assert.deepEqual(summary(await s.diagnostics(2)), [
      ['internal/rule-error', '0:0-0:2', 1],
      ['punctuation/duplicate', '1:9-1:11', 2],
      ['script/pinyin-annotation', '2:4-2:10', 2],
    ]);
    const symbols = await s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: URI } });
    assert.ok(Array.isArray(symbols), `documentSymbol answered ${JSON.stringify(symbols)}`);
    assert.equal(s.child.exitCode, null, 'the server process is still running');
    assert.equal(s.logs.filter((m) => m.startsWith(`wenfeng: ${RULE} threw: Error: ${RULE} made to throw`)).length, 1, `logged once: ${s.logs.join('\n')}`);
  } finally {
    await s.stop();
  }
});
