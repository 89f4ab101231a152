/**
 * The editor's side of the report (issue 17): a language status item "文风 86" with the breakdown, whose command
 * opens the report view; the report view, a webview rendered by the renderer the CLI uses, fed by the server's
 * `wenfeng/report` request, updated as the writer types (re-requested when the document's diagnostics change,
 * debounced), and revealing a finding's range in the editor when it is clicked.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Commands, ReportRequest, type ReportModel, type ReportParams, type StatusParams } from '../../protocol/protocol';
import { renderReport, renderReportBody, type RevealMessage, type UpdateMessage } from '../../server/src/report/html';

const REFRESH_DELAY = 300;

/** The page's language: the editor's display language. */
function pageLang(): string {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

/** The text of the status item: 文风 86. */
export function statusText(score: number): string {
  return vscode.l10n.t('Wenfeng {0}', score);
}

/** The breakdown shown as the status item's detail (the total is its text). */
export function statusDetail(s: StatusParams): string {
  return vscode.l10n.t(
    'structure {0} · repetition {1} · script {2} · punctuation {3} · phrasing {4}',
    s.categories.structure ?? 100,
    s.categories.repetition ?? 100,
    s.categories.script ?? 100,
    s.categories.punctuation ?? 100,
    s.categories.phrasing ?? 100,
  );
}

/** True when `m` is a well-formed reveal message of the report page. */
export function isRevealMessage(m: unknown): m is RevealMessage {
  const pos = (p: unknown): boolean =>
    typeof p === 'object' && p !== null && Number.isInteger((p as { line?: unknown }).line) && Number.isInteger((p as { character?: unknown }).character);
  return typeof m === 'object' && m !== null && (m as { type?: unknown }).type === 'reveal' && pos((m as RevealMessage).start) && pos((m as RevealMessage).end);
}

/** The report view: one webview panel showing the report of one document at a time. */
export class ReportView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The document whose page the webview holds (then updates only swap its content, keeping the scroll). */
  private rendered: string | undefined;
  /** The last model shown (tests read it through the `_wenfeng.reportState` command). */
  lastModel: ReportModel | null = null;

  constructor(private readonly clientOf: () => LanguageClient | undefined) {
    this.disposables.push(
      vscode.languages.onDidChangeDiagnostics((e) => {
        if (this.panel && this.uri && e.uris.some((u) => u.toString() === this.uri!.toString())) {
          this.schedule();
        }
      }),
    );
  }

  /** Opens (or focuses) the view on `uri`. */
  async show(uri: vscode.Uri): Promise<void> {
    this.uri = uri;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel('wenfeng.report', vscode.l10n.t('Wenfeng report'), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
        enableScripts: true,
        localResourceRoots: [],
      });
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.lastModel = null;
        this.rendered = undefined;
      }, undefined, this.disposables);
      // A hidden webview loses its page (and the updates posted meanwhile): render it whole when it shows again.
      let wasVisible = true;
      this.panel.onDidChangeViewState((e) => {
        const visible = e.webviewPanel.visible;
        if (visible && !wasVisible) {
          this.rendered = undefined;
          void this.refresh();
        }
        wasVisible = visible;
      }, undefined, this.disposables);
      this.panel.webview.onDidReceiveMessage((m: unknown) => this.reveal(m), undefined, this.disposables);
    } else {
      this.panel.reveal(undefined, true);
    }
    await this.refresh();
  }

  private schedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, REFRESH_DELAY);
  }

  /** Asks the server for the report and renders it; a stale answer (null) keeps the page as it is. */
  async refresh(): Promise<void> {
    const client = this.clientOf();
    if (!this.panel || !this.uri || !client) {
      return;
    }
    const params: ReportParams = { uri: this.uri.toString() };
    let model: ReportModel | null;
    try {
      model = await client.sendRequest<ReportModel | null>(ReportRequest, params);
    } catch {
      return;
    }
    if (!model || !this.panel) {
      return;
    }
    this.lastModel = model;
    this.panel.title = vscode.l10n.t('Wenfeng report: {0}', model.title);
    const webview = { cspSource: this.panel.webview.cspSource };
    const uri = this.uri.toString();
    if (this.rendered === uri && this.panel.visible) {
      const update: UpdateMessage = { type: 'update', title: this.panel.title, html: renderReportBody(model, { l10n: vscode.l10n, webview }) };
      if (await this.panel.webview.postMessage(update)) {
        return;
      }
    }
    this.rendered = uri;
    this.panel.webview.html = renderReport(model, { l10n: vscode.l10n, lang: pageLang(), nonce: randomBytes(16).toString('base64'), webview });
  }

  /** A clicked finding: select its range in an editor of the document and scroll to it. */
  async reveal(m: unknown): Promise<void> {
    if (!isRevealMessage(m) || !this.uri) {
      return;
    }
    const range = new vscode.Range(m.start.line, m.start.character, m.end.line, m.end.character);
    const uri = this.uri.toString();
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    const document = visible?.document ?? (await vscode.workspace.openTextDocument(this.uri));
    const editor = await vscode.window.showTextDocument(document, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: range,
      preserveFocus: false,
    });
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  dispose(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.panel?.dispose();
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

/**
 * Registers the language status item, the show-report command and the view. `scoreOf` gives the latest status of
 * a document (from the server's `wenfeng/status`); call the returned function whenever a status arrives, the
 * active editor changes or `selectorOf` would give another selector.
 */
export function registerReport(
  context: vscode.ExtensionContext,
  selectorOf: () => vscode.DocumentSelector,
  clientOf: () => LanguageClient | undefined,
  scoreOf: (uri: string) => StatusParams | undefined,
): () => void {
  const view = new ReportView(clientOf);
  const item = vscode.languages.createLanguageStatusItem('wenfeng.score.language', selectorOf());
  item.name = vscode.l10n.t('Wenfeng score');
  item.command = { command: Commands.showReport, title: vscode.l10n.t('Show report') };
  context.subscriptions.push(
    view,
    item,
    vscode.commands.registerCommand(Commands.showReport, async (uri?: vscode.Uri) => {
      // The active draft, else (the walkthrough page in front) the first visible editor the report applies to.
      const visible = vscode.window.visibleTextEditors.find((e) => vscode.languages.match(selectorOf(), e.document) > 0);
      const target = uri instanceof vscode.Uri ? uri : (vscode.window.activeTextEditor ?? visible)?.document.uri;
      if (target) {
        await view.show(target);
      }
    }),
    // For the e2e tests: what the view shows, and a click on a finding as the page would post it.
    vscode.commands.registerCommand('_wenfeng.reportState', () => ({ open: view.lastModel !== null, model: view.lastModel })),
    vscode.commands.registerCommand('_wenfeng.reportClick', (m: unknown) => view.reveal(m)),
  );
  const update = (): void => {
    // The documents of wenfeng.languages, which may have changed since the last call.
    item.selector = selectorOf();
    const editor = vscode.window.activeTextEditor;
    const s = editor ? scoreOf(editor.document.uri.toString()) : undefined;
    if (!s) {
      item.text = vscode.l10n.t('Wenfeng');
      item.detail = undefined;
      item.busy = true;
      return;
    }
    item.busy = false;
    // Below 75 (the report's "poor" band) the item asks for attention.
    item.severity = s.score < 75 ? vscode.LanguageStatusSeverity.Warning : vscode.LanguageStatusSeverity.Information;
    item.text = statusText(s.score);
    item.detail = statusDetail(s);
  };
  update();
  return update;
}
