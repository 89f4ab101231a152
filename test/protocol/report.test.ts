/**
 * Protocol test of `wenfeng/report` (issue 17): the server answers with the report model of an open document —
 * the same score as the status notification, every published diagnostic as a finding at the same range — follows
 * an edit, and answers null for a document that is not open.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LspSession } from './harness';
import { ReportRequest, StatusNotification, type ReportModel, type StatusParams } from '../../protocol/protocol';

const URI = 'file:///tmp/wenfeng-report/%E8%8D%89%E7%A8%BF.md';
// Three ordinal items announced as 四个方面 (a wrong count), a doubled 要要 and a half-width comma.
const TEXT = '做好工作，要把握以下四个方面。\n\n一要坚持学习,不断提高本领。\n\n二要要勇于担当，敢于攻坚克难。\n\n三要严于律己，始终清正廉洁。\n';

test('wenfeng/report: the model of an open document, following edits; null for a closed one', async () => {
  const session = await LspSession.start({ capabilities: { workspace: { configuration: true } } });
  const conn = session.conn;
  const statuses: StatusParams[] = [];
  conn.onNotification(StatusNotification, (p: StatusParams) => {
    statuses.push(p);
    session.notify();
  });
  try {
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: URI, languageId: 'markdown', version: 1, text: TEXT } });
    const diags = await session.diagnostics(URI, (p) => p.version === 1);
    const status = await session.waitFor(statuses, (s) => s.uri === URI);
    const model = await conn.sendRequest<ReportModel | null>(ReportRequest, { uri: URI });
    assert.ok(model);
    assert.equal(model.title, '草稿.md');
    assert.equal(model.score.total, status.score);
    assert.deepEqual(model.score.categories, status.categories);
    assert.deepEqual(
      model.findings.map((f) => [f.rule, f.start.line, f.start.character, f.end.line, f.end.character]).sort(),
      diags.diagnostics.map((d) => [String(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]).sort(),
    );
    const rules = model.findings.map((f) => f.rule);
    for (const r of ['structure/announced-count', 'repetition/doubled-word', 'punctuation/halfwidth']) {
      assert.ok(rules.includes(r), `${r} in ${rules.join(', ')}`);
    }
    assert.ok((model.score.categories.structure ?? 100) < 100, 'the wrong count is visible in 结构');
    assert.equal(model.skeleton.series.length, 1);
    assert.deepEqual(model.skeleton.series[0]!.items.map((i) => i.line), [2, 4, 6]);
    assert.equal(model.skeleton.series[0]!.announced?.count, 4);
    // Fixed: the count says 三, the comma is full-width, 要要 is 要: a clean report.
    const fixed = TEXT.replace('四个', '三个').replace(',', '，').replace('要要', '要');
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await conn.sendRequest<ReportModel | null>(ReportRequest, { uri: URI });
    assert.ok(after);
    assert.deepEqual(after.findings, []);
    assert.equal(after.score.total, 100);
    assert.ok(after.score.total > model.score.total);
    assert.equal(await conn.sendRequest(ReportRequest, { uri: 'file:///tmp/not-open.md' }), null);
  } finally {
    await session.stop();
  }
});
