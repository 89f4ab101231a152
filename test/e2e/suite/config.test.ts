/// <reference types="mocha" />
/**
 * `.wenfeng.json` in a real VS Code (issue 13): the client's file watcher and document sync, the server's
 * reading of the file (on disk, or the unsaved text of an open editor), and its diagnostics on the file itself.
 *
 * Every test creates `.wenfeng.json` in the workspace folder (the runner opens test/fixtures/workspace
 * itself) and the teardown closes its editor and deletes it, so that the other suites see the defaults again.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, assertRanges, codeOf, openFixture, revert, show, summarize, waitForDiagnostics, wenfengDiagnostics, workspaceRoot } from './helpers';

const HALFWIDTH = 'punctuation/halfwidth';
const PINYIN = 'script/pinyin-annotation';
// essay.txt: half-width commas at 2:18, 4:6 and 4:25; a pinyin annotation at 4:11–4:17 (see extension.test.ts).
const ESSAY = 'essay.txt';
const HALFWIDTH_RANGES: Array<[number, number, number, number]> = [
  [2, 18, 2, 19],
  [4, 6, 4, 7],
  [4, 25, 4, 26],
];
const PINYIN_RANGES: Array<[number, number, number, number]> = [[4, 11, 4, 17]];

const count = (diags: readonly vscode.Diagnostic[], code: string): number => diags.filter((d) => codeOf(d) === code).length;
/** The defaults apply: three half-width marks and one annotation. */
const pristine = (diags: vscode.Diagnostic[]): boolean => count(diags, HALFWIDTH) === 3 && count(diags, PINYIN) === 1;
/** punctuation/halfwidth is off, the other rules still report. */
const halfwidthOff = (diags: vscode.Diagnostic[]): boolean => count(diags, HALFWIDTH) === 0 && count(diags, PINYIN) === 1;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Asserts that `actual` is the English message or its zh-CN translation (the server follows the host's language). */
function assertMessage(actual: string, en: string, zh: string, what: string): void {
  assert.ok(actual === en || actual === zh, `${what}: got ${JSON.stringify(actual)}; expected ${JSON.stringify(en)} or ${JSON.stringify(zh)}`);
}

suite('.wenfeng.json in the extension host', () => {
  const configPath = (): string => path.join(workspaceRoot(), '.wenfeng.json');
  let configUri: vscode.Uri;
  let essay: vscode.TextDocument;

  /** Closes every editor of .wenfeng.json (reverted first, so that no save prompt appears) and deletes the file. */
  async function removeConfig(): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === configUri.toString());
    if (open) {
      await revert(open);
    }
    const tabs = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === configUri.toString());
    if (tabs.length > 0) {
      await vscode.window.tabGroups.close(tabs);
    }
    fs.rmSync(configPath(), { force: true });
  }

  suiteSetup(async () => {
    await activateExtension();
    configUri = vscode.Uri.file(configPath());
    assert.equal(fs.existsSync(configPath()), false, `${configPath()} exists before the tests: remove it (it is not a fixture)`);
  });

  setup(async () => {
    essay = (await openFixture(ESSAY)).document;
    await waitForDiagnostics(essay.uri, pristine, 'the default diagnostics of essay.txt before the test');
  });

  teardown(async () => {
    await removeConfig();
    // The next test (and suite) starts from the defaults again.
    await waitForDiagnostics(essay.uri, pristine, 'the default diagnostics of essay.txt once .wenfeng.json is gone');
    await waitForDiagnostics(configUri, (ds) => ds.length === 0, 'no diagnostics left on the deleted .wenfeng.json');
  });

  suiteTeardown(async () => {
    await removeConfig();
  });

  test('created on disk, it turns a rule off in the open draft without reopening it; deleted, the rule is back', async () => {
    const version = essay.version;
    await vscode.workspace.fs.writeFile(configUri, utf8('{"rules": {"punctuation/halfwidth": "off"}}\n'));
    const off = await waitForDiagnostics(essay.uri, halfwidthOff, 'no punctuation/halfwidth in essay.txt once .wenfeng.json turns it off');
    assertRanges(essay, off, PINYIN, PINYIN_RANGES, ['(guān)']);
    assert.equal(essay.isClosed, false, 'essay.txt stayed open');
    assert.equal(essay.version, version, 'essay.txt was not edited');
    assert.deepEqual(wenfengDiagnostics(configUri), [], 'a valid .wenfeng.json has no diagnostics');

    await vscode.workspace.fs.delete(configUri);
    const back = await waitForDiagnostics(essay.uri, pristine, 'the half-width diagnostics back once .wenfeng.json is deleted');
    assertRanges(essay, back, HALFWIDTH, HALFWIDTH_RANGES, [',', ',', ',']);
    assertRanges(essay, back, PINYIN, PINYIN_RANGES, ['(guān)']);
  });

  test('languages it lists are checked besides the editor\'s: the client sends their documents at once; unlisted, they are let go', async () => {
    // An ini file of the workspace: not a language of wenfeng.languages.
    const iniPath = path.join(workspaceRoot(), 'notes.ini');
    fs.writeFileSync(iniPath, '我们要要坚持问题导向。\n');
    const iniUri = vscode.Uri.file(iniPath);
    try {
      const doc = await vscode.workspace.openTextDocument(iniUri);
      await vscode.window.showTextDocument(doc, { preview: false });
      assert.equal(doc.languageId, 'ini');
      assert.deepEqual(wenfengDiagnostics(iniUri), [], 'an ini file is not checked by default');

      await vscode.workspace.fs.writeFile(configUri, utf8('{\n  // checked besides the editor\'s languages\n  "languages": ["ini",],\n}\n'));
      const found = await waitForDiagnostics(iniUri, (ds) => count(ds, 'repetition/doubled-word') === 1, 'notes.ini checked once .wenfeng.json lists ini');
      assertRanges(doc, found, 'repetition/doubled-word', [[0, 2, 0, 4]], ['要要']);
      // The editor's languages are still checked (the client restarted with the wider selector).
      await waitForDiagnostics(essay.uri, pristine, 'essay.txt still checked with the defaults');

      await vscode.workspace.fs.writeFile(configUri, utf8('{ "languages": [] }\n'));
      await waitForDiagnostics(iniUri, (ds) => ds.length === 0, 'notes.ini let go once .wenfeng.json lists no language');
      await waitForDiagnostics(essay.uri, pristine, 'essay.txt still checked once the project lists no language');
    } finally {
      const tabs = vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === iniUri.toString());
      await vscode.window.tabGroups.close(tabs);
      fs.rmSync(iniPath, { force: true });
    }
  });

  test('edited in an editor and not saved, its text applies at once; an unusable text is flagged on the file; reverted, the file on disk applies', async () => {
    const onDisk = '{"rules": {}}\n';
    await vscode.workspace.fs.writeFile(configUri, utf8(onDisk));
    const doc = await vscode.workspace.openTextDocument(configUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    const replaceAll = async (text: string): Promise<void> => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(configUri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
      assert.ok(await vscode.workspace.applyEdit(edit), 'workspace.applyEdit accepted the edit of .wenfeng.json');
      assert.equal(doc.getText(), text);
    };

    await replaceAll('{"rules": {"punctuation/halfwidth": "off"}}\n');
    assert.equal(doc.isDirty, true, '.wenfeng.json is edited, not saved');
    const off = await waitForDiagnostics(essay.uri, halfwidthOff, 'no punctuation/halfwidth in essay.txt while the unsaved .wenfeng.json turns it off');
    assertRanges(essay, off, PINYIN, PINYIN_RANGES, ['(guān)']);
    assert.equal(fs.readFileSync(configPath(), 'utf8'), onDisk, 'the file on disk is unchanged');

    // Unfinished JSON: the file cannot be used (the defaults apply), and the editor shows where it breaks.
    await replaceAll('{"rules": {"punctuation/halfwidth": "off"');
    const broken = await waitForDiagnostics(configUri, (ds) => ds.length === 1, 'one diagnostic on the unfinished .wenfeng.json');
    // At the end of the text: an empty range there.
    assert.equal(show(broken[0]!.range), '0:41-0:41');
    assert.equal(broken[0]!.severity, vscode.DiagnosticSeverity.Error);
    assertMessage(broken[0]!.message, 'not valid JSON: expected “,” or “}”', '不是有效的 JSON：此处应为“,”或“}”', 'message of the JSON error');
    await waitForDiagnostics(essay.uri, pristine, 'the defaults in essay.txt while .wenfeng.json is not valid JSON');

    await replaceAll('{"rules": {"punctuation/halfwidth": "off"}}\n');
    await waitForDiagnostics(essay.uri, halfwidthOff, 'punctuation/halfwidth off again once the JSON is complete');
    await waitForDiagnostics(configUri, (ds) => ds.length === 0, 'no diagnostics on the completed .wenfeng.json');

    await revert(doc);
    assert.equal(doc.getText(), onDisk);
    await waitForDiagnostics(essay.uri, pristine, 'the file on disk ({"rules": {}}) applies again after the revert');
  });

  test('JSON with comments, a trailing comma and a UTF-8 byte order mark is accepted, on disk and open in an editor', async () => {
    const text = '{\n  // Project settings of the test workspace.\n  "rules": {\n    "punctuation/halfwidth": "off", /* trailing comma */\n  },\n}\n';
    await vscode.workspace.fs.writeFile(configUri, new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]));
    await waitForDiagnostics(essay.uri, halfwidthOff, 'no punctuation/halfwidth in essay.txt: the JSONC file with a BOM applies');
    assert.deepEqual(wenfengDiagnostics(configUri), [], `no Wenfeng diagnostics on the JSONC file; got ${summarize(wenfengDiagnostics(configUri))}`);

    // Open in an editor, its text (without the BOM) is what the server reads: still accepted.
    const doc = await vscode.workspace.openTextDocument(configUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    assert.equal(doc.getText(), text, 'VS Code shows the text without the byte order mark');
    // An unsaved edit in the same style (a line comment, a trailing comma) turns the annotation rule off too.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(configUri, new vscode.Position(3, 0), '    "script/pinyin-annotation": "off", // edited, not saved\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForDiagnostics(essay.uri, (ds) => count(ds, HALFWIDTH) === 0 && count(ds, PINYIN) === 0, 'both rules off with the edited JSONC text');
    assert.deepEqual(wenfengDiagnostics(configUri), [], `no Wenfeng diagnostics on the edited JSONC text; got ${summarize(wenfengDiagnostics(configUri))}`);
    // Nor does VS Code's JSON support complain: the extension makes .wenfeng.json JSON with comments (jsonc) and
    // its schema allows trailing commas. (Without them the json language flagged the comments and the commas
    // by this point; a slower JSON service could only make this check pass vacuously, never fail wrongly.)
    assert.equal(doc.languageId, 'jsonc', 'language of .wenfeng.json');
    const others = vscode.languages.getDiagnostics(configUri).filter((d) => d.source !== 'wenfeng');
    assert.deepEqual(
      others.map((d) => `${d.message}@${show(d.range)}`),
      [],
      'no complaints about comments or trailing commas from the JSON language service',
    );
  });

  test('bad keys: one diagnostic each on .wenfeng.json at the key, naming it and the value used instead', async () => {
    const text = '{"rules":{"script/mixed":"bogus","no/such":"error"},"script":42}';
    await vscode.workspace.fs.writeFile(configUri, utf8(text));
    const expectProblems = async (what: string): Promise<void> => {
      const diags = (await waitForDiagnostics(configUri, (ds) => ds.length === 3, `three diagnostics on .wenfeng.json (${what})`)).sort((a, b) =>
        a.range.start.compareTo(b.range.start),
      );
      // The ranges of the keys, quotes included: "script/mixed" at 10–24, "no/such" at 33–42, "script" at 52–60.
      assert.deepEqual(
        diags.map((d) => show(d.range)),
        ['0:10-0:24', '0:33-0:42', '0:52-0:60'],
        `ranges on .wenfeng.json (${what})`,
      );
      assert.deepEqual(
        diags.map((d) => text.slice(d.range.start.character, d.range.end.character)),
        ['"script/mixed"', '"no/such"', '"script"'],
      );
      assert.deepEqual(
        diags.map((d) => d.severity),
        [vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Warning, vscode.DiagnosticSeverity.Warning],
      );
      assertMessage(
        diags[0]!.message,
        'rules.script/mixed: "bogus" is not valid (expected off, hint, information, warning, error); using "warning"',
        'rules.script/mixed："bogus" 无效（应为 off, hint, information, warning, error），改用 "warning"',
        'message at "script/mixed"',
      );
      assertMessage(diags[1]!.message, 'rules.no/such: unknown rule id; ignored', 'rules.no/such：未知的规则 ID，已忽略', 'message at "no/such"');
      assertMessage(
        diags[2]!.message,
        'script: 42 is not valid (expected auto, simplified, traditional, taiwan, hongkong); using "auto"',
        'script：42 无效（应为 auto, simplified, traditional, taiwan, hongkong），改用 "auto"',
        'message at "script"',
      );
    };
    // Read from disk when essay.txt is re-checked: the file need not be open for its problems to show.
    await expectProblems('on disk, not open');
    // The good parts still apply and the bad values fall back: essay.txt keeps its default diagnostics.
    assert.ok(pristine(wenfengDiagnostics(essay.uri)), `essay.txt keeps the defaults; got ${summarize(wenfengDiagnostics(essay.uri))}`);

    const doc = await vscode.workspace.openTextDocument(configUri);
    await vscode.window.showTextDocument(doc, { preview: false });
    await expectProblems('open in an editor');
    assert.deepEqual(
      wenfengDiagnostics(configUri).map((d) => doc.getText(d.range)).sort(),
      ['"no/such"', '"script"', '"script/mixed"'],
      'the diagnostics sit on the keys of the open document',
    );
  });
});
