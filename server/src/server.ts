/**
 * The language server: an adapter from LSP to the analysis core. Documents are analysed after a debounce
 * (or on save), stale runs are dropped, settings are pulled per resource, and every handler is guarded so
 * that no input can take the server down.
 */
import * as l10n from '@vscode/l10n';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ServerCommands, StatusNotification, type ConvertArgs, type InitializationOptions, type StatusParams } from '../../protocol/protocol';
import type { Settings } from '../../protocol/settings';
import { createAnalyzer, type AnalysisResult, type Analyzer } from './analysis';
import { codeActions, FIX_ALL_KIND, fixAllEdits } from './features/codeActions';
import { toDiagnostic } from './features/diagnostics';
import { completionItems } from './features/completion';
import { documentSymbols, foldingRanges, hover } from './features/outline';
import { getServices } from './services';
import { SettingsCache } from './settingsCache';
import { formatOf, toAnalysisConfig } from './shared/config';
import { toLang, useLanguage } from './shared/messages';

interface DocState {
  timer?: ReturnType<typeof setTimeout>;
  /** Version and result of the last analysis. */
  version?: number;
  result?: AnalysisResult;
}

/** Starts the server on a connection (IPC from VS Code, stdio from any other editor). */
export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const states = new Map<string, DocState>();
  let canPullConfig = false;
  let trusted = true;
  let clientLocale: string | undefined;
  let analyzer: Analyzer | undefined;
  const settings = new SettingsCache(connection, () => canPullConfig, () => trusted);

  const getAnalyzer = (): Analyzer => (analyzer ??= createAnalyzer(getServices(), { log: (m) => connection.console.error(m) }));

  const language = (s: Settings): 'zh-cn' | 'en' =>
    s.messageLanguage === 'auto' ? toLang(clientLocale, 'en') : s.messageLanguage;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfig = params.capabilities.workspace?.configuration === true;
    clientLocale = params.locale;
    const init = params.initializationOptions as Partial<InitializationOptions> | undefined;
    trusted = init?.workspaceTrusted !== false;
    // Load the segmenter and dictionaries now, so the first diagnostics do not wait for them; build the
    // completion indexes of the model once the first requests are answered.
    getAnalyzer();
    setTimeout(() => getServices().model?.next(['发展']), 1000);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [ServerCommands.convert, ServerCommands.fixAll] },
        documentSymbolProvider: { label: 'Wenfeng' },
        completionProvider: { resolveProvider: false },
        foldingRangeProvider: true,
        hoverProvider: true,
      },
      serverInfo: { name: 'wenfeng', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (canPullConfig) {
      void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    }
  });

  const analyzeNow = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc) {
      return;
    }
    const version = doc.version;
    const s = await settings.get(uri);
    const current = documents.get(uri);
    // A newer version arrived while settings loaded: its own run will publish.
    if (!current || current.version !== version) {
      return;
    }
    const state = states.get(uri) ?? {};
    states.set(uri, state);
    if (!s.enable || !s.languages.includes(doc.languageId)) {
      state.version = version;
      state.result = undefined;
      await connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    const lang = language(s);
    useLanguage(lang);
    let result: AnalysisResult;
    try {
      result = getAnalyzer().analyze(doc.getText(), { format: formatOf(doc.languageId), config: toAnalysisConfig(s), locale: lang });
    } catch (e) {
      connection.console.error(`wenfeng: analysis of ${uri} failed: ${(e as Error).stack ?? String(e)}`);
      return;
    }
    state.version = version;
    state.result = result;
    await connection.sendDiagnostics({ uri, version, diagnostics: result.findings.map((f) => toDiagnostic(doc, f)) });
    const status: StatusParams = { uri, score: result.score.total, findings: result.findings.length, script: result.script, categories: result.score.categories };
    void connection.sendNotification(StatusNotification, status);
  };

  const schedule = (uri: string, immediate: boolean): void => {
    const state = states.get(uri) ?? {};
    states.set(uri, state);
    if (state.timer) {
      clearTimeout(state.timer);
    }
    void settings.get(uri).then((s) => {
      const delay = immediate ? 0 : s.debounce;
      if (state.timer) {
        clearTimeout(state.timer);
      }
      state.timer = setTimeout(() => {
        state.timer = undefined;
        analyzeNow(uri).catch((e: unknown) => connection.console.error(`wenfeng: ${(e as Error).message}`));
      }, delay);
    });
  };

  // Fired on open as well as on every change: a document never analysed yet is analysed at once.
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    const state = states.get(uri);
    if (!state || (state.version === undefined && state.timer === undefined)) {
      schedule(uri, true);
      return;
    }
    void settings.get(uri).then((s) => {
      if (s.run === 'onType') {
        schedule(uri, false);
      }
    });
  });
  documents.onDidSave((e) => schedule(e.document.uri, true));
  documents.onDidClose((e) => {
    const state = states.get(e.document.uri);
    if (state?.timer) {
      clearTimeout(state.timer);
    }
    states.delete(e.document.uri);
    settings.delete(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((params) => {
    if (!canPullConfig) {
      settings.setPushed(params.settings);
    }
    settings.clear();
    for (const doc of documents.all()) {
      schedule(doc.uri, true);
    }
  });

  /** The latest findings of a document, re-analysed when the stored ones are stale. */
  const freshResult = async (uri: string): Promise<AnalysisResult | undefined> => {
    const doc = documents.get(uri);
    const state = states.get(uri);
    if (!doc) {
      return undefined;
    }
    if (state?.result && state.version === doc.version) {
      return state.result;
    }
    await analyzeNow(uri);
    const after = states.get(uri);
    return after?.version === doc.version ? after.result : undefined;
  };

  connection.onCodeAction(async (params) => {
    try {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) {
        return [];
      }
      const s = await settings.get(doc.uri);
      useLanguage(language(s));
      const result = await freshResult(doc.uri);
      return codeActions(doc, params, result?.findings);
    } catch (e) {
      connection.console.error(`wenfeng: code actions failed: ${(e as Error).stack ?? String(e)}`);
      return [];
    }
  });

  /** Runs a structure request over the document's latest analysis; an empty answer when there is none. */
  const withStructure = async <T>(uri: string, empty: T, f: (doc: TextDocument, r: AnalysisResult) => T): Promise<T> => {
    try {
      const doc = documents.get(uri);
      useLanguage(language(await settings.get(uri)));
      const result = doc ? await freshResult(uri) : undefined;
      return doc && result ? f(doc, result) : empty;
    } catch (e) {
      connection.console.error(`wenfeng: structure request failed: ${(e as Error).stack ?? String(e)}`);
      return empty;
    }
  };
  connection.onCompletion(async (params) => {
    const s = await settings.get(params.textDocument.uri);
    useLanguage(language(s));
    return withStructure(params.textDocument.uri, [], (doc, r) => completionItems(doc, r, params.position, getAnalyzer().tokens, getServices().model));
  });
  connection.onDocumentSymbol((params) => withStructure(params.textDocument.uri, [], (doc, r) => documentSymbols(doc, r.structure)));
  connection.onFoldingRanges((params) => withStructure(params.textDocument.uri, [], (doc, r) => foldingRanges(doc, r.structure)));
  connection.onHover((params) => withStructure(params.textDocument.uri, null, (doc, r) => hover(doc, r.structure, params.position)));

  connection.onExecuteCommand(async (params) => {
    try {
      if (params.command === ServerCommands.convert) {
        const args = params.arguments?.[0] as ConvertArgs | undefined;
        const doc = args ? documents.get(args.uri) : undefined;
        if (!args || !doc) {
          return { applied: false };
        }
        const start = args.range ? doc.offsetAt(args.range.start) : 0;
        const end = args.range ? doc.offsetAt(args.range.end) : doc.getText().length;
        const text = doc.getText().slice(start, end);
        const converted = getServices().converter.convert(text, args.to);
        if (converted === text) {
          return { applied: true, changed: false };
        }
        const r = await connection.workspace.applyEdit({
          label: l10n.t('Convert script'),
          edit: { changes: { [doc.uri]: [{ range: { start: doc.positionAt(start), end: doc.positionAt(end) }, newText: converted }] } },
        });
        return { applied: r.applied, changed: true };
      }
      if (params.command === ServerCommands.fixAll) {
        const uri = params.arguments?.[0] as string | undefined;
        const doc = uri ? documents.get(uri) : undefined;
        const result = uri ? await freshResult(uri) : undefined;
        if (!doc || !result) {
          return { applied: false };
        }
        const edits = fixAllEdits(doc, result.findings);
        if (edits.length === 0) {
          return { applied: true, changed: false };
        }
        const r = await connection.workspace.applyEdit({ label: l10n.t('Fix all auto-fixable Wenfeng problems'), edit: { changes: { [doc.uri]: edits } } });
        return { applied: r.applied, changed: true };
      }
      return undefined;
    } catch (e) {
      connection.console.error(`wenfeng: command ${params.command} failed: ${(e as Error).stack ?? String(e)}`);
      return { applied: false };
    }
  });

  documents.listen(connection);
  connection.listen();
}

/** Starts the server over standard input and output (`wenfeng lsp --stdio`). */
export function startStdioServer(): void {
  if (!process.argv.includes('--stdio')) {
    process.argv.push('--stdio');
  }
  startServer(createConnection(ProposedFeatures.all, process.stdin, process.stdout));
}

/** Starts the server with the transport given on the command line (--node-ipc, --stdio, --socket). */
export function startFromArgv(): void {
  startServer(createConnection(ProposedFeatures.all));
}
