/// <reference types="mocha" />
/**
 * The walkthrough and the project file's command in the real editor (issue 18): the walkthrough's commands run
 * start to end on the bundled sample draft (open it → its six defects are reported → fix all leaves the one that
 * needs a writer → the structure snippet goes in → the Outline and the settings open → the report shows the
 * draft); wenfeng.createConfig writes a starter .wenfeng.json that the server and the JSON schema accept, and a
 * second run leaves an existing file alone; the client's documents follow wenfeng.languages.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ReportModel } from '../../../protocol/protocol';
import { EXTENSION_ID, activateExtension, codeOf, revert, summarize, waitForDiagnostics, waitForText, wenfengDiagnostics, withTimeout, workspaceRoot } from './helpers';

/** The defects of walkthrough/sample.essay, one rule each (the half-width comma and 發展 twice, in the pasted copy too). */
const SAMPLE_RULES = [
  'punctuation/halfwidth',
  'punctuation/halfwidth',
  'repetition/doubled-word',
  'repetition/duplicate-paragraph',
  'script/mixed',
  'script/mixed',
  'structure/announced-count',
  'structure/ordinal-sequence',
];
const rulesOf = (diags: readonly vscode.Diagnostic[]): string[] => diags.map(codeOf).sort();

/** Closes the editors of `uri` without saving (an untitled draft, a reverted file). */
async function closeEditorsOf(uri: vscode.Uri): Promise<void> {
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (doc && uri.scheme === 'untitled' && !doc.isClosed) {
    await vscode.window.showTextDocument(doc, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    return;
  }
  if (doc) {
    await revert(doc);
  }
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());
  if (tabs.length > 0) {
    await vscode.window.tabGroups.close(tabs);
  }
}

/** Closes the tabs that `which` picks. */
async function closeTabs(which: (t: vscode.Tab) => boolean): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(which);
  if (tabs.length > 0) {
    await vscode.window.tabGroups.close(tabs);
  }
}

suite('Wenfeng walkthrough and starter .wenfeng.json', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  test('the walkthrough runs start to end: sample draft → findings → fix all → snippet → Outline → settings → report', async () => {
    // The walkthrough page in front, as a writer clicks its buttons: no text editor is active.
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', 'wenfeng.wenfeng#start', false);
    /**
     * Resolves once the walkthrough page is in front: at first, no text editor is active; later, the page's tab in
     * the first group is the active one (vscode.window.activeTextEditor may keep naming the draft after the focus
     * has been in the side bar).
     */
    let page: vscode.Tab | undefined;
    const pageInFront = (what: string): Promise<void> =>
      withTimeout(
        (async () => {
          const front = (): boolean => {
            const group = vscode.window.tabGroups.activeTabGroup;
            return page === undefined
              ? vscode.window.activeTextEditor === undefined && group.activeTab !== undefined
              : group.viewColumn === vscode.ViewColumn.One && group.activeTab?.label === page.label;
          };
          while (!front()) {
            await new Promise((r) => setTimeout(r, 50));
          }
        })(),
        10000,
        () => `timed out waiting for the walkthrough page in front (${what}); active: ${vscode.window.activeTextEditor?.document.uri.toString()}; tabs: ${vscode.window.tabGroups.all.map((g) => `${g.viewColumn}${g.isActive ? '*' : ''}[${g.tabs.map((t) => `${t.label}${t.isActive ? '*' : ''}`).join(', ')}]`).join(' ')}`,
      );
    await pageInFront('opened');
    page = vscode.window.tabGroups.activeTabGroup.activeTab!;
    const backToPage = async (): Promise<void> => {
      await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
      await pageInFront('focused again');
    };
    const opened = await vscode.commands.executeCommand<string>('wenfeng.walkthrough.openSample');
    const uri = vscode.Uri.parse(opened);
    try {
      assert.equal(uri.scheme, 'untitled', 'the sample opens unsaved, so nothing on disk changes');
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document.uri.toString() === opened, 'the sample is the active editor');
      assert.equal(editor.viewColumn, vscode.ViewColumn.Two, 'the sample opens beside the walkthrough');
      const doc = editor.document;
      assert.equal(doc.languageId, 'wenfeng-essay');
      const found = await waitForDiagnostics(uri, (ds) => ds.length === SAMPLE_RULES.length, 'the sample draft\'s findings');
      assert.deepEqual(rulesOf(found), SAMPLE_RULES, summarize(found));

      // Step 2 opens the Problems panel; step 3 fixes everything that has a safe fix.
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await backToPage();
      await vscode.commands.executeCommand('wenfeng.fixAll');
      const text = await waitForText(doc, (t) => !t.includes('要要') && !t.includes('發展') && t.includes('三是强化保障'), 'the fixes');
      assert.doesNotMatch(text, /[\u4e00-\u9fff],/, 'no half-width comma after Chinese');
      assert.equal(text.split('基层是国家治理的最末端').length - 1, 1, 'the pasted paragraph is gone');
      const left = await waitForDiagnostics(uri, (ds) => ds.length === 1, 'only the finding that needs a writer');
      assert.deepEqual(rulesOf(left), ['structure/announced-count']);

      // Step 4: the structure snippet goes in as a paragraph of its own.
      await backToPage();
      assert.equal(await vscode.commands.executeCommand('wenfeng.walkthrough.insertStructure'), true);
      await waitForText(doc, (t) => t.includes('一是第一项。二是第二项。三是第三项。'), 'the snippet');
      assert.match(doc.getText(), /\n\n一是第一项。/);

      // Steps 5 and 6: the Outline view and the settings open (VS Code's own commands, as the buttons run them).
      await vscode.commands.executeCommand('outline.focus');
      await vscode.commands.executeCommand('workbench.action.openSettings', '@ext:wenfeng.wenfeng');
      // Closed by its tab (closing "the active editor" could hit the unsaved draft and ask to save it).
      await closeTabs((t) => t !== page && t.label !== page?.label && (t.input === undefined || (!(t.input instanceof vscode.TabInputText) && !(t.input instanceof vscode.TabInputWebview))));

      // Step 7: the report of the draft.
      await waitForDiagnostics(uri, (ds) => ds.length === 1, 'the draft re-checked after the snippet');
      await backToPage();
      await vscode.commands.executeCommand('wenfeng.showReport');
      const poll = async (): Promise<ReportModel> => {
        for (;;) {
          const s = (await vscode.commands.executeCommand('_wenfeng.reportState')) as { open: boolean; model: ReportModel | null };
          if (s.open && s.model && s.model.findings.length === 1) {
            return s.model;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      const model = await withTimeout(poll(), 20000, () => 'timed out waiting for the report of the sample');
      assert.deepEqual(model.findings.map((f) => f.rule), ['structure/announced-count']);
      await closeTabs((t) => t.input instanceof vscode.TabInputWebview);
    } finally {
      await closeEditorsOf(uri);
      await closeTabs((t) => t === page || t.label === page?.label);
    }
  });

  test('the walkthrough as VS Code reads it: titles localised, each step\'s page a file of the package in the display language', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const manifest = ext.packageJSON as { contributes: { walkthroughs: Array<{ title: string; steps: Array<{ id: string; title: string; media: { markdown: string } }> }> } };
    const walkthrough = manifest.contributes.walkthroughs[0]!;
    assert.doesNotMatch(walkthrough.title, /^%/);
    assert.equal(walkthrough.steps.length, 7);
    for (const step of walkthrough.steps) {
      assert.doesNotMatch(step.title, /^%/, `${step.id}: title localised`);
      assert.match(step.media.markdown, /^walkthrough\/(en|zh-cn)\/\w+\.md$/, `${step.id}: page path localised`);
      assert.ok(fs.existsSync(path.join(ext.extensionPath, step.media.markdown)), `${step.id}: ${step.media.markdown} exists`);
    }
  });

  test('createConfig writes a starter .wenfeng.json with comments, opens it, and never overwrites one', async () => {
    const file = path.join(workspaceRoot(), '.wenfeng.json');
    const uri = vscode.Uri.file(file);
    assert.equal(fs.existsSync(file), false, 'the workspace has no .wenfeng.json before the test');
    try {
      const first = await vscode.commands.executeCommand<{ uri: string; created: boolean }>('wenfeng.createConfig');
      assert.deepEqual(first, { uri: uri.toString(), created: true });
      const text = fs.readFileSync(file, 'utf8');
      assert.match(text, /^\/\/ /, 'starts with a comment');
      assert.match(text, /"script": "auto",/);
      assert.match(text, /\/\/ "repetition\/overused-phrase": "off",/);
      const editor = vscode.window.activeTextEditor;
      assert.ok(editor && editor.document.uri.toString() === uri.toString(), 'the new file is the active editor');
      assert.equal(editor.document.languageId, 'jsonc');
      // Neither the server nor the JSON schema finds anything wrong: wait for the server's (empty) diagnostics,
      // then give the JSON language service the same time to complain.
      await waitForDiagnostics(uri, (ds) => ds.length === 0, 'no Wenfeng diagnostics on the starter');
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(vscode.languages.getDiagnostics(uri).map((d) => `${d.source}: ${d.message}`), [], 'no diagnostics at all on the starter');

      // A second run keeps the writer's file.
      await closeEditorsOf(uri);
      const mine = '{ "script": "simplified" }\n';
      fs.writeFileSync(file, mine);
      const second = await vscode.commands.executeCommand<{ uri: string; created: boolean }>('wenfeng.createConfig');
      assert.deepEqual(second, { uri: uri.toString(), created: false });
      assert.equal(fs.readFileSync(file, 'utf8'), mine, 'the existing file is left as it is');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the existing file is opened');
    } finally {
      await closeEditorsOf(uri);
      fs.rmSync(file, { force: true });
    }
  });

  test('the documents checked follow wenfeng.languages: a language added is checked, removed is let go', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'ini', content: '我们要要坚持问题导向。\n' });
    await vscode.window.showTextDocument(doc, { preview: false });
    const config = vscode.workspace.getConfiguration('wenfeng');
    const before = config.inspect<string[]>('languages')?.globalValue;
    try {
      assert.deepEqual(wenfengDiagnostics(doc.uri), [], 'an ini document is not checked by default');
      await config.update('languages', ['markdown', 'plaintext', 'wenfeng-essay', 'ini'], vscode.ConfigurationTarget.Global);
      const found = await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === 'repetition/doubled-word'), 'the ini document checked once listed');
      assert.deepEqual(rulesOf(found), ['repetition/doubled-word']);
      await config.update('languages', before, vscode.ConfigurationTarget.Global);
      await waitForDiagnostics(doc.uri, (ds) => ds.length === 0, 'the ini document let go once unlisted');
    } finally {
      await config.update('languages', before, vscode.ConfigurationTarget.Global);
      await closeEditorsOf(doc.uri);
    }
  });
});
