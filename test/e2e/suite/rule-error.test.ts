/// <reference types="mocha" />
/**
 * A rule that throws, seen in a real VS Code (issue 13). The language server reads the test-only environment
 * variable WENFENG_TEST_THROWING_RULE at start-up (server/src/main.ts). The client passes the extension
 * host's environment to the server it starts (vscode-languageclient merges process.env at each start), so the
 * test sets the variable in this process and restarts the server; the teardown removes it and restarts again.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, assertRanges, codeOf, openFixture, revert, show, summarize, waitForDiagnostics } from './helpers';

const HALFWIDTH = 'punctuation/halfwidth';
const PINYIN = 'script/pinyin-annotation';
const RULE_ERROR = 'internal/rule-error';
const ENV = 'WENFENG_TEST_THROWING_RULE';
const ESSAY = 'essay.txt';
const PINYIN_RANGES: Array<[number, number, number, number]> = [[4, 11, 4, 17]];

const count = (diags: readonly vscode.Diagnostic[], code: string): number => diags.filter((d) => codeOf(d) === code).length;
const pristine = (diags: vscode.Diagnostic[]): boolean => count(diags, HALFWIDTH) === 3 && count(diags, PINYIN) === 1 && count(diags, RULE_ERROR) === 0;
const broken = (diags: vscode.Diagnostic[]): boolean => count(diags, RULE_ERROR) === 1 && count(diags, HALFWIDTH) === 0 && count(diags, PINYIN) === 1;

suite('A rule that throws, in the extension host', () => {
  let essay: vscode.TextDocument;

  suiteSetup(async () => {
    await activateExtension();
    essay = (await openFixture(ESSAY)).document;
    await waitForDiagnostics(essay.uri, pristine, 'the default diagnostics of essay.txt');
  });

  suiteTeardown(async () => {
    delete process.env[ENV];
    await revert(essay);
    await vscode.commands.executeCommand('wenfeng.restartServer');
    await waitForDiagnostics(essay.uri, pristine, 'the default diagnostics of essay.txt from a server without the throwing rule');
  });

  test('internal/rule-error on line 1 names the rule; its findings are missing, the others are shown; the server keeps checking', async () => {
    process.env[ENV] = HALFWIDTH;
    await vscode.commands.executeCommand('wenfeng.restartServer');
    const diags = await waitForDiagnostics(essay.uri, broken, `one ${RULE_ERROR}, no ${HALFWIDTH} and the pinyin annotation`);
    const error = diags.find((d) => codeOf(d) === RULE_ERROR)!;
    // Line 0 is 以实干担当践行初心使命 (11 characters): the error covers it.
    assert.equal(show(error.range), '0:0-0:11');
    assert.equal(error.severity, vscode.DiagnosticSeverity.Error);
    const thrown = `${HALFWIDTH} made to throw by ${ENV}`;
    const en = `Internal error in rule ${HALFWIDTH}: ${thrown}. Its findings are missing; the other rules ran.`;
    const zh = `规则 ${HALFWIDTH} 内部出错：${thrown}。该规则的结果缺失，其他规则照常检查。`;
    assert.ok(error.message === en || error.message === zh, `message of ${RULE_ERROR}: ${error.message}`);
    assertRanges(essay, diags, PINYIN, PINYIN_RANGES, ['(guān)']);

    // The server is still alive: an edit is checked again (the annotation moves with the inserted text).
    const edit = new vscode.WorkspaceEdit();
    edit.insert(essay.uri, new vscode.Position(4, 0), '今天');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const after = await waitForDiagnostics(
      essay.uri,
      (ds) => broken(ds) && ds.some((d) => codeOf(d) === PINYIN && d.range.start.character === 13),
      'the diagnostics of the edited essay.txt',
    );
    assertRanges(essay, after, PINYIN, [[4, 13, 4, 19]], ['(guān)']);
    assert.equal(count(after, RULE_ERROR), 1, `still one ${RULE_ERROR}; got ${summarize(after)}`);
  });
});
