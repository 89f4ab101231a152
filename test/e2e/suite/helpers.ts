/**
 * Helpers of the extension-host tests: open a fixture of the test workspace, wait for diagnostics or text
 * with a promise and a timeout (never a fixed sleep), and put a fixture back as it is on disk.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'wenfeng.wenfeng';
const DEFAULT_TIMEOUT_MS = 20000;

/** The test workspace: the folder the runner opened, else test/fixtures/workspace of the checkout. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  // out/test/e2e/suite → the checkout is four levels up.
  return folder ? folder.uri.fsPath : path.resolve(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'workspace');
}

/** Activates the extension under test and checks that it loaded. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded (wrong --extensionDevelopmentPath?)`);
  await ext.activate();
  return ext;
}

/** Opens `name` from the test workspace in an editor and makes that editor the active one. */
export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(workspaceRoot(), name)));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Rejects after `ms` with `message()`, unless `promise` settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, message: () => string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message())), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The Wenfeng diagnostics of a document. */
export function wenfengDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'wenfeng');
}

/** A one-line summary of diagnostics for failure messages. */
export function summarize(diags: readonly vscode.Diagnostic[]): string {
  if (diags.length === 0) {
    return '(none)';
  }
  return diags.map((d) => `${codeOf(d)}@${show(d.range)}`).join(', ');
}

/** The rule id of a diagnostic (its `code`). */
export function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c);
}

/** `line:character-line:character`, zero-based, as in the LSP. */
export function show(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/**
 * Resolves with the Wenfeng diagnostics of `uri` as soon as `predicate` holds for them: checked at once and
 * on every vscode.languages.onDidChangeDiagnostics event for that document.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  predicate: (diags: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<vscode.Diagnostic[]> {
  let sub: vscode.Disposable | undefined;
  const found = new Promise<vscode.Diagnostic[]>((resolve) => {
    const check = (): boolean => {
      const diags = wenfengDiagnostics(uri);
      if (predicate(diags)) {
        resolve(diags);
        return true;
      }
      return false;
    };
    if (!check()) {
      sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === uri.toString())) {
          check();
        }
      });
    }
  });
  return withTimeout(found, timeoutMs, () => `timed out after ${timeoutMs} ms waiting for ${what}; diagnostics now: ${summarize(wenfengDiagnostics(uri))}`).finally(() =>
    sub?.dispose(),
  );
}

/** Resolves once the text of `doc` satisfies `predicate` (checked at once and on every change). */
export function waitForText(doc: vscode.TextDocument, predicate: (text: string) => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
  let sub: vscode.Disposable | undefined;
  const found = new Promise<string>((resolve) => {
    if (predicate(doc.getText())) {
      resolve(doc.getText());
      return;
    }
    sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && predicate(doc.getText())) {
        resolve(doc.getText());
      }
    });
  });
  return withTimeout(found, timeoutMs, () => `timed out after ${timeoutMs} ms waiting for ${what}; text now:\n${doc.getText()}`).finally(() => sub?.dispose());
}

/** Drops unsaved edits of a fixture so that the next test starts from the file on disk. */
export async function revert(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty || doc.isClosed) {
    return;
  }
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(doc.isDirty, false, `could not revert ${doc.uri.fsPath}`);
}

/** Asserts that `diags` of rule `code` have exactly the `expected` ranges (zero-based, UTF-16 columns). */
export function assertRanges(doc: vscode.TextDocument, diags: readonly vscode.Diagnostic[], code: string, expected: ReadonlyArray<[number, number, number, number]>, texts: readonly string[]): void {
  const mine = diags.filter((d) => codeOf(d) === code).sort((a, b) => a.range.start.compareTo(b.range.start));
  const want = expected.map(([l1, c1, l2, c2]) => `${l1}:${c1}-${l2}:${c2}`);
  assert.deepEqual(
    mine.map((d) => show(d.range)),
    want,
    `ranges of ${code} in ${path.basename(doc.uri.fsPath)}: got ${summarize(mine)}`,
  );
  assert.deepEqual(
    mine.map((d) => doc.getText(d.range)),
    texts,
    `text under the ${code} diagnostics`,
  );
}
