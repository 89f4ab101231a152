/// <reference types="mocha" />
/**
 * False positives one click away, in a real VS Code (issue 18): the quick fixes "disable in this file",
 * "disable in this project" and "accept the word" are applied as the light bulb applies them
 * (workspace.applyEdit of the action's edit, or its command) and the finding goes at once; a repeated sentence
 * is faded (Unnecessary); wenfeng.toggle turns checking off and on.
 *
 * The draft and `.wenfeng.json` are created in the workspace folder by the suite and deleted by it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, codeOf, revert, summarize, waitForDiagnostics, wenfengDiagnostics, workspaceRoot } from './helpers';

const MIXED = 'script/mixed';
const DOUBLED = 'repetition/doubled-word';
const DUPLICATE = 'repetition/duplicate-sentence';
const DRAFT = '各地区要坚持以人民为中心的发展思想，推动高质量发展。各地区要坚持以人民为中心的发展思想，推动高质量发展。\n我们在Windows系統中使用Word。\n我们要要认真学习。\n';

const has = (code: string) => (ds: vscode.Diagnostic[]): boolean => ds.some((d) => codeOf(d) === code);
const lacks = (code: string) => (ds: vscode.Diagnostic[]): boolean => ds.length > 0 && !ds.some((d) => codeOf(d) === code);
const all = (ds: vscode.Diagnostic[]): boolean => has(MIXED)(ds) && has(DOUBLED)(ds) && has(DUPLICATE)(ds);

suite('false positives one click away', () => {
  const draftPath = (): string => path.join(workspaceRoot(), 'fp-draft.txt');
  const configPath = (): string => path.join(workspaceRoot(), '.wenfeng.json');
  let draft: vscode.TextDocument;

  async function closeAndDelete(file: string): Promise<void> {
    const uri = vscode.Uri.file(file);
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      await revert(open);
    }
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
    if (tabs.length > 0) {
      await vscode.window.tabGroups.close(tabs);
    }
    fs.rmSync(file, { force: true });
  }

  /** The quick fixes on the first diagnostic of `code`. */
  async function quickFixes(code: string): Promise<{ diagnostic: vscode.Diagnostic; actions: vscode.CodeAction[] }> {
    const diagnostic = wenfengDiagnostics(draft.uri).find((d) => codeOf(d) === code);
    assert.ok(diagnostic, `a ${code} diagnostic: ${summarize(wenfengDiagnostics(draft.uri))}`);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', draft.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    return { diagnostic, actions };
  }

  /** The action whose edit inserts `needle` into `uri`. */
  function withEdit(actions: vscode.CodeAction[], uri: vscode.Uri, needle: string): vscode.CodeAction {
    const a = actions.find((x) => x.edit?.entries().some(([u, edits]) => u.toString() === uri.toString() && edits.some((e) => e.newText.includes(needle))));
    assert.ok(a, `an action inserting ${needle} into ${path.basename(uri.fsPath)}: ${actions.map((x) => x.title).join(' | ')}`);
    return a;
  }

  suiteSetup(async () => {
    await activateExtension();
    assert.equal(fs.existsSync(configPath()), false, `${configPath()} exists before the tests`);
  });

  setup(async () => {
    fs.writeFileSync(draftPath(), DRAFT);
    draft = await vscode.workspace.openTextDocument(vscode.Uri.file(draftPath()));
    await vscode.window.showTextDocument(draft, { preview: false });
    await waitForDiagnostics(draft.uri, all, 'script/mixed, doubled-word and duplicate-sentence in the draft');
  });

  teardown(async () => {
    await closeAndDelete(configPath());
    await closeAndDelete(draftPath());
  });

  test('a repeated sentence is faded (Unnecessary); the quick fixes of a .txt insert no HTML comment', async () => {
    const copy = wenfengDiagnostics(draft.uri).find((d) => codeOf(d) === DUPLICATE);
    assert.ok(copy);
    assert.deepEqual(copy.tags, [vscode.DiagnosticTag.Unnecessary]);
    const { actions } = await quickFixes(MIXED);
    const line = withEdit(actions, draft.uri, '// wenfeng-disable-next-line script/mixed');
    assert.ok(line.edit);
    assert.ok(!actions.some((a) => a.edit?.entries().some(([, edits]) => edits.some((e) => e.newText.includes('<!--')))), 'no HTML comment in a .txt');
  });

  test('disable in this file: the directive goes at the top and the finding goes at once', async () => {
    const { actions } = await quickFixes(MIXED);
    const action = withEdit(actions, draft.uri, '// wenfeng-disable script/mixed');
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    assert.equal(draft.lineAt(0).text, '// wenfeng-disable script/mixed');
    const after = await waitForDiagnostics(draft.uri, lacks(MIXED), 'no script/mixed once the file disables it');
    assert.ok(has(DOUBLED)(after), 'the other rules still report');
  });

  test('disable in this project: .wenfeng.json is created with the rule off, and the draft is re-checked at once', async () => {
    const config = vscode.Uri.file(configPath());
    const { actions } = await quickFixes(MIXED);
    const action = withEdit(actions, config, '"script/mixed": "off"');
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    await waitForDiagnostics(draft.uri, lacks(MIXED), 'no script/mixed once .wenfeng.json turns it off');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === config.toString());
    const text = doc?.getText() ?? fs.readFileSync(configPath(), 'utf8');
    assert.deepEqual(JSON.parse(text), { rules: { 'script/mixed': 'off' } });
  });

  test('accept the word in the project: added to acceptedWords of the existing .wenfeng.json, comments kept', async () => {
    // A file with an effect, so that its being applied (and any buffer of an earlier suite reloaded) is seen.
    fs.writeFileSync(configPath(), '// 项目设置\n{\n  "rules": { "repetition/duplicate-sentence": "off" }\n}\n');
    const config = vscode.Uri.file(configPath());
    await waitForDiagnostics(draft.uri, lacks(DUPLICATE), 'the draft re-checked with the new .wenfeng.json');
    const { actions } = await quickFixes(DOUBLED);
    const action = withEdit(actions, config, '"acceptedWords": ["要要"]');
    assert.ok(await vscode.workspace.applyEdit(action.edit!));
    await waitForDiagnostics(draft.uri, lacks(DOUBLED), 'no doubled-word once 要要 is accepted');
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === config.toString());
    assert.equal(doc?.getText() ?? fs.readFileSync(configPath(), 'utf8'), '// 项目设置\n{\n  "acceptedWords": ["要要"],\n  "rules": { "repetition/duplicate-sentence": "off" }\n}\n');
  });

  test('accept the word in the user settings: the client command updates wenfeng.acceptedWords; the finding goes', async () => {
    const { actions } = await quickFixes(DOUBLED);
    const action = actions.find((a) => a.command?.command === '_wenfeng.acceptWordForUser');
    assert.ok(action?.command, `a user-settings accept action: ${actions.map((a) => a.title).join(' | ')}`);
    assert.deepEqual(action.command.arguments, ['要要']);
    try {
      await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
      assert.deepEqual(vscode.workspace.getConfiguration('wenfeng').inspect('acceptedWords')?.globalValue, ['要要']);
      await waitForDiagnostics(draft.uri, lacks(DOUBLED), 'no doubled-word once 要要 is accepted in the user settings');
    } finally {
      await vscode.workspace.getConfiguration('wenfeng').update('acceptedWords', undefined, vscode.ConfigurationTarget.Global);
    }
    await waitForDiagnostics(draft.uri, has(DOUBLED), 'doubled-word back once the user setting is removed');
  });

  test('wenfeng.toggle turns checking off (diagnostics cleared) and on again', async () => {
    const enabled = await vscode.commands.executeCommand<boolean>('wenfeng.toggle');
    try {
      assert.equal(enabled, false);
      await waitForDiagnostics(draft.uri, (ds) => ds.length === 0, 'no diagnostics while checking is off');
    } finally {
      // Checking is on again for the next suites, whatever failed.
      if (enabled === false) {
        assert.equal(await vscode.commands.executeCommand('wenfeng.toggle'), true);
      }
    }
    await waitForDiagnostics(draft.uri, all, 'the diagnostics back once checking is on again');
  });
});
