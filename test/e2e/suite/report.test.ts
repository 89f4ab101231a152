/// <reference types="mocha" />
/**
 * The report view in the real editor (issue 17): the show-report command opens the webview on the active draft;
 * what it shows matches the diagnostics; a clicked finding (the message the page posts) selects its range in the
 * draft's editor; the view follows edits.
 *
 * Fixture test/fixtures/workspace/draft.md: line 2 has two half-width commas, line 4 a pinyin annotation (guān).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ReportModel } from '../../../protocol/protocol';
import { activateExtension, codeOf, openFixture, revert, show, waitForDiagnostics, withTimeout } from './helpers';

interface ReportState {
  open: boolean;
  model: ReportModel | null;
}

/** Polls the view's state until `predicate` holds (the view renders asynchronously). */
async function waitForReport(predicate: (s: ReportState) => boolean, what: string): Promise<ReportState> {
  const poll = async (): Promise<ReportState> => {
    for (;;) {
      const s = (await vscode.commands.executeCommand('_wenfeng.reportState')) as ReportState;
      if (predicate(s)) {
        return s;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return withTimeout(poll(), 20000, () => `timed out waiting for the report view: ${what}`);
}

suite('Wenfeng report view', () => {
  test('opens on the draft, lists its findings, reveals a clicked one and follows edits', async () => {
    await activateExtension();
    const editor = await openFixture('draft.md');
    const doc = editor.document;
    try {
      const diags = await waitForDiagnostics(doc.uri, (d) => d.some((x) => codeOf(x) === 'script/pinyin-annotation'), 'the pinyin annotation');
      await vscode.commands.executeCommand('wenfeng.showReport');
      const { model } = await waitForReport((s) => s.open && s.model !== null, 'first render');
      assert.ok(model);
      assert.equal(model.title, 'draft.md');
      assert.equal(model.findings.length, diags.length);
      const pinyin = model.findings.find((f) => f.rule === 'script/pinyin-annotation');
      assert.ok(pinyin);
      const expected = diags.find((d) => codeOf(d) === 'script/pinyin-annotation')!.range;
      // The page posts { type: 'reveal', start, end } when the finding is clicked.
      await vscode.commands.executeCommand('_wenfeng.reportClick', { type: 'reveal', start: pinyin.start, end: pinyin.end });
      const active = vscode.window.activeTextEditor;
      assert.ok(active);
      assert.equal(active.document.uri.toString(), doc.uri.toString());
      assert.equal(show(active.selection), show(expected));
      // Typing: the annotation removed, the view drops the finding and the score rises.
      const at = doc.getText().indexOf('(guān)');
      await active.edit((e) => e.delete(new vscode.Range(doc.positionAt(at), doc.positionAt(at + '(guān)'.length))));
      const after = await waitForReport((s) => s.model !== null && !s.model.findings.some((f) => f.rule === 'script/pinyin-annotation'), 'the edit');
      assert.ok(after.model!.score.total > model.score.total);
    } finally {
      await revert(doc);
    }
  });
});
