/// <reference types="mocha" />
/**
 * What a writer relies on beyond the squiggles (issue 18): each diagnostic links to its rule's page and the
 * link opens it; the problem matcher $wenfeng, contributed for tasks, turns `wenfeng check --format line` run in
 * a task into problems at the right places.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, codeOf, openFixture, show, waitForDiagnostics, workspaceRoot } from './helpers';

// essay.txt: three half-width commas and one pinyin annotation (see extension.test.ts).
const ESSAY = 'essay.txt';

suite('Rule pages and the problem matcher', () => {
  let extensionPath = '';

  suiteSetup(async () => {
    extensionPath = (await activateExtension()).extensionPath;
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test("each diagnostic's code links to its rule's page, and the link opens that page", async () => {
    const essay = (await openFixture(ESSAY)).document;
    const diags = await waitForDiagnostics(essay.uri, (ds) => ds.length >= 4, 'the diagnostics of essay.txt');
    const rules = new Set<string>();
    for (const d of diags) {
      const code = d.code;
      assert.ok(typeof code === 'object' && code !== null && 'target' in code, `${codeOf(d)}@${show(d.range)} has a link`);
      const target = code.target;
      assert.equal(target.scheme, 'file');
      assert.equal(target.fsPath, path.join(extensionPath, 'docs', 'rules', ...codeOf(d).split('/')) + '.md', `the page of ${codeOf(d)}`);
      rules.add(codeOf(d));
    }
    assert.deepEqual([...rules].sort(), ['punctuation/halfwidth', 'script/pinyin-annotation']);

    // Following the link (what a click on the code in the hover or the Problems panel runs) shows the page.
    const halfwidth = diags.find((d) => codeOf(d) === 'punctuation/halfwidth')!;
    await vscode.commands.executeCommand('vscode.open', (halfwidth.code as { target: vscode.Uri }).target);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.equal(path.basename(editor.document.uri.fsPath), 'halfwidth.md');
    assert.equal(editor.document.lineAt(0).text, '# punctuation/halfwidth');
    assert.match(editor.document.getText(), /## 如何停用[\s\S]*## English/);
  });

  test('a task running `wenfeng check --format line` with $wenfeng puts its findings in Problems, at their places', async () => {
    // A draft that is not open: the language server has nothing to say about it, only the task does.
    const name = 'task-draft.md';
    const file = path.join(workspaceRoot(), name);
    fs.writeFileSync(file, '# 标题\n\n青年干部要发扬精神,锻造品格。\n\n我们要要坚持问题导向。\n');
    const uri = vscode.Uri.file(file);
    try {
      const folder = vscode.workspace.workspaceFolders![0]!;
      const cli = path.join(extensionPath, 'dist', 'cli.js');
      const task = new vscode.Task(
        { type: 'process' },
        folder,
        'wenfeng check',
        'wenfeng',
        new vscode.ProcessExecution(process.execPath, [cli, 'check', name, '--format', 'line'], { cwd: folder.uri.fsPath }),
        '$wenfeng',
      );
      const ended = new Promise<number | undefined>((resolve) => {
        const sub = vscode.tasks.onDidEndTaskProcess((e) => {
          if (e.execution.task.name === 'wenfeng check') {
            sub.dispose();
            resolve(e.exitCode);
          }
        });
      });
      await vscode.tasks.executeTask(task);
      assert.equal(await ended, 1, 'the check exits 1: findings at warning');
      const found = await waitForDiagnostics(uri, (ds) => ds.length === 2, 'two problems from the task on task-draft.md');
      const got = found.map((d) => `${codeOf(d)} ${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line}:${d.range.start.character} ${d.source}`).sort();
      // The matcher gives a start position (line and column); the message is the CLI's.
      assert.deepEqual(got, ['punctuation/halfwidth Warning 2:9 wenfeng', 'repetition/doubled-word Warning 4:2 wenfeng']);
      assert.ok(found.every((d) => d.message.length > 0 && !/^\s/.test(d.message)));
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
