/// <reference types="mocha" />
/**
 * Extension-host tests of the repetition rules: a doubled character and a pasted paragraph are flagged in
 * the real editor, and their quick fixes applied there give back the text with one copy.
 *
 * repetition.txt (zero-based lines, UTF-16 columns):
 *   1 我们要要把学习贯彻…          要要 at 2–4
 *   2 组工干部要坚持以人民为中心…   the first copy
 *   3 (the same paragraph again)   the repeat: line 3, column 0 to line 4, column 0 (with its line break)
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openFixture, revert, show, summarize, waitForDiagnostics, waitForText } from './helpers';

const FIXTURE = 'repetition.txt';
const PARAGRAPH = '组工干部要坚持以人民为中心的发展思想，把群众的急难愁盼作为工作的着力点。';
const FIXED = ['以实干担当践行初心使命', '我们要把学习贯彻党的创新理论作为必修课，持续推动理论武装走深走实。', PARAGRAPH, '结尾一段，总结全文。', ''].join('\n');

function isCodeAction(a: vscode.CodeAction | vscode.Command): a is vscode.CodeAction {
  return 'edit' in a || 'kind' in a;
}

async function ruleFix(uri: vscode.Uri, d: vscode.Diagnostic): Promise<vscode.CodeAction> {
  const all = await vscode.commands.executeCommand<Array<vscode.CodeAction | vscode.Command>>('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
  // The rule's own fix: not "fix all of this rule" and not "disable for this line" (both name the rule id).
  // (The command's results carry no diagnostics, so the request range picks the rule.)
  const fix = all.filter(isCodeAction).find((a) => a.edit !== undefined && !a.title.includes(codeOf(d)));
  assert.ok(
    fix?.edit,
    `no fix for ${codeOf(d)}: ${JSON.stringify(all.map((a) => ({ title: a.title, isAction: isCodeAction(a), diags: isCodeAction(a) ? a.diagnostics?.map(codeOf) : null, edit: isCodeAction(a) ? Boolean(a.edit) : null })))}`,
  );
  return fix;
}

suite('Repetition rules in the extension host', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    if (doc) {
      await revert(doc);
    }
  });

  test('要要 and the pasted paragraph are flagged with exact ranges, and their quick fixes leave one copy', async () => {
    doc = (await openFixture(FIXTURE)).document;
    const diags = await waitForDiagnostics(
      doc.uri,
      (ds) => ds.some((d) => codeOf(d) === 'repetition/doubled-word') && ds.some((d) => codeOf(d) === 'repetition/duplicate-paragraph'),
      'the repetition diagnostics of repetition.txt',
    );
    const doubled = diags.find((d) => codeOf(d) === 'repetition/doubled-word')!;
    const pasted = diags.find((d) => codeOf(d) === 'repetition/duplicate-paragraph')!;
    assert.equal(show(doubled.range), '1:2-1:4', summarize(diags));
    assert.equal(doc.getText(doubled.range), '要要');
    // The finding is what its fix deletes: the pasted paragraph's line, through its line break.
    assert.equal(show(pasted.range), '3:0-4:0', summarize(diags));
    assert.equal(doc.getText(pasted.range).replace(/\r?\n$/, ''), PARAGRAPH);
    assert.ok(pasted.relatedInformation?.some((r) => r.location.range.start.line === 2), 'related information points at the first copy');

    // Apply the paragraph fix, wait for the diagnostics of the new version (fixes carry the version they
    // were computed for), then apply the word fix.
    assert.ok(await vscode.workspace.applyEdit((await ruleFix(doc.uri, pasted)).edit!));
    const next = await waitForDiagnostics(
      doc.uri,
      (ds) => !ds.some((d) => codeOf(d) === 'repetition/duplicate-paragraph') && ds.some((d) => codeOf(d) === 'repetition/doubled-word'),
      'the diagnostics after deleting the pasted paragraph',
    );
    const doubledNow = next.find((d) => codeOf(d) === 'repetition/doubled-word')!;
    assert.ok(await vscode.workspace.applyEdit((await ruleFix(doc.uri, doubledNow)).edit!));
    await waitForText(doc, (t) => t === FIXED, 'the text with one copy of the paragraph and one 要');
    const after = await waitForDiagnostics(doc.uri, (ds) => !ds.some((d) => codeOf(d).startsWith('repetition/')), 'no repetition diagnostics after the fixes');
    assert.deepEqual(after.filter((d) => codeOf(d).startsWith('repetition/')), []);
  });
});
