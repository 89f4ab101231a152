/**
 * The language server: an adapter from LSP to the analysis core. Documents are analysed after a debounce
 * (or on save), stale runs are dropped, settings are pulled per resource, and every handler is guarded so
 * that no input can take the server down.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as l10n from '@vscode/l10n';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  ErrorCodes,
  FileChangeType,
  MessageType,
  ProposedFeatures,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ReportRequest, ServerCommands, StatusNotification, type ReportParams, type ConvertArgs, type ConvertTarget, type InitializationOptions, type StatusParams } from '../../protocol/protocol';
import type { SettingProblem, Settings } from '../../protocol/settings';
import { createAnalyzer, type AnalysisResult, type Analyzer } from './analysis';
import { codeActions, FIX_ALL_KIND, fixAllEdits, type ProjectTarget } from './features/codeActions';
import { publishedDiagnostics, useRuleDocs } from './features/diagnostics';
import { completionItems } from './features/completion';
import { documentSymbols, foldingRanges, hover } from './features/outline';
import { reportFor } from './features/report';
import { UserCorpusFeature } from './features/userCorpus';
import { getServices } from './services';
import { SettingsCache } from './settingsCache';
import { CONFIG_FILE_NAME, describeSettingProblem, findProjectConfig, formatOf, lineColumn, readProjectConfig, toAnalysisConfig, type ProjectConfig } from './shared/config';
import { toLang, useLanguage } from './shared/messages';

interface DocState {
  timer?: ReturnType<typeof setTimeout>;
  /** Version and result of the last analysis. */
  version?: number;
  result?: AnalysisResult;
}

const CONVERT_TARGETS: readonly ConvertTarget[] = ['simplified', 'traditional', 'taiwan', 'hongkong'];

/** True for the URI of a project settings file. */
export function isConfigUri(uri: string): boolean {
  return uri.endsWith(`/${CONFIG_FILE_NAME}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Why a range from a request is unusable (not a range, or its end before its start), or undefined. */
function rangeProblem(r: unknown): string | undefined {
  const isPosition = (p: unknown): p is { line: number; character: number } =>
    isRecord(p) && Number.isInteger(p.line) && (p.line as number) >= 0 && Number.isInteger(p.character) && (p.character as number) >= 0;
  if (!isRecord(r) || !isPosition(r.start) || !isPosition(r.end)) {
    return l10n.t('Invalid range: start and end must be positions with a line and a character, 0 or more');
  }
  if (r.end.line < r.start.line || (r.end.line === r.start.line && r.end.character < r.start.character)) {
    return l10n.t('Invalid range: the end ({0}:{1}) is before the start ({2}:{3})', r.end.line, r.end.character, r.start.line, r.start.character);
  }
  return undefined;
}

/** True when something of that name exists on disk (as findProjectConfig sees it). */
function existsOnDisk(file: string): boolean {
  try {
    fs.lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

function filePathOf(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}

/** Starts the server on a connection (IPC from VS Code, stdio from any other editor). */
export function startServer(connection: Connection): void {
  // A long-lived process whose memory the editor's user sees: V8 is told to favour a small heap over the
  // last bit of speed (its heap then grows by smaller steps and collects sooner). Measured on the bench's
  // 10 MB text (issue 15): resident memory after the analysis about 40% lower, CPU time within the noise.
  v8.setFlagsFromString('--optimize-for-size');
  // Each diagnostic links to its rule's page where the pages are installed (the .vsix, a checkout).
  useRuleDocs(__dirname);
  /** Documents whose last change was stale (an older version): their content did not change. */
  const unchanged = new WeakSet<TextDocument>();
  const documents = new TextDocuments<TextDocument>({
    create: (uri, languageId, version, content) => TextDocument.create(uri, languageId, version, content),
    update: (doc, changes, version) => {
      // Versions only grow (LSP); a change for an older version than the one held is dropped, so no
      // diagnostics are ever published for a version older than one already seen.
      if (version < doc.version) {
        connection.console.warn(`wenfeng: ignored a change of ${doc.uri} to version ${version}, older than ${doc.version}`);
        unchanged.add(doc);
        return doc;
      }
      return TextDocument.update(doc, changes, version);
    },
  });
  const states = new Map<string, DocState>();
  let canPullConfig = false;
  let canRegisterWatcher = false;
  let trusted = true;
  let userAccept = false;
  let clientLocale: string | undefined;
  let analyzer: Analyzer | undefined;
  let roots: string[] = [];
  /** The writer's corpus (features/userCorpus.ts), made on initialize. */
  let corpus: UserCorpusFeature | undefined;
  /** The last problem notification shown per project file (and for editor settings): shown once each. */
  const notified = new Map<string, string>();

  const notifyOnce = (key: string, text: string | undefined): void => {
    if (text === undefined) {
      notified.delete(key);
      return;
    }
    if (notified.get(key) !== text) {
      notified.set(key, text);
      // A notification (window/showMessage), not a request: every client handles it, none has to answer.
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: text }).catch(() => undefined);
    }
  };

  const configUriOf = (file: string): string =>
    documents.all().find((d) => isConfigUri(d.uri) && filePathOf(d.uri) === file)?.uri ?? pathToFileURL(file).href;

  /** Diagnostics on the project file itself, at each bad key; a notification when it was read from disk. */
  const publishProjectConfig = (c: ProjectConfig, notify: boolean): void => {
    const text = c.text ?? '';
    // A syntax error at the end of the text is an empty range there, not one past the end.
    const range = (offset: number, length: number): Range => ({ start: lineColumn(text, offset), end: lineColumn(text, Math.min(offset + length, text.length)) });
    void connection.sendDiagnostics({
      uri: configUriOf(c.file),
      diagnostics: c.problems.map((p) => ({
        range: range(p.offset, p.length),
        severity: p.fatal ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        source: 'wenfeng',
        message: p.message,
      })),
    });
    if (notify) {
      notifyOnce(c.file, c.problems.length === 0 ? undefined : l10n.t('Wenfeng: problems in {0}: {1}', c.file, c.problems.map((p) => p.message).join('; ')));
    }
  };

  const settings = new SettingsCache(connection, () => canPullConfig, () => trusted, {
    roots: () => roots,
    unsavedText: (file) => documents.all().find((d) => isConfigUri(d.uri) && filePathOf(d.uri) === file)?.getText(),
    projectConfigRead: (c) => publishProjectConfig(c, !documents.all().some((d) => isConfigUri(d.uri) && filePathOf(d.uri) === c.file)),
    editorProblems: (problems: SettingProblem[]) =>
      notifyOnce(
        '\u0000editor',
        problems.length === 0 ? undefined : l10n.t('Wenfeng: problems in the settings: {0}', problems.map((p) => describeSettingProblem(p, 'wenfeng.')).join('; ')),
      ),
  });

  /**
   * Builds the model's completion indexes (some 100–200 ms) once, a second after the first diagnostics were
   * published: a fixed delay from start-up could land before the first analysis on a slow machine and delay it.
   */
  let completionWarm: 'no' | 'scheduled' | 'done' = 'no';
  const warmCompletion = (): void => {
    if (completionWarm !== 'done') {
      completionWarm = 'done';
      getServices().model?.predict(['发展'], 1);
    }
  };
  const scheduleCompletionWarmUp = (): void => {
    if (completionWarm === 'no') {
      completionWarm = 'scheduled';
      setTimeout(warmCompletion, 1000).unref();
    }
  };

  const getAnalyzer = (): Analyzer => (analyzer ??= createAnalyzer(getServices(), { log: (m) => connection.console.error(m) }));

  const language = (s: Settings): 'zh-cn' | 'en' =>
    s.messageLanguage === 'auto' ? toLang(clientLocale, 'en') : s.messageLanguage;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    canPullConfig = params.capabilities.workspace?.configuration === true;
    clientLocale = params.locale;
    useLanguage(toLang(clientLocale, 'zh-cn'));
    const init = params.initializationOptions as Partial<InitializationOptions> | undefined;
    trusted = init?.workspaceTrusted !== false;
    userAccept = init?.acceptWordForUser === true;
    canRegisterWatcher = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true && init?.watchesConfigFiles !== true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    roots = folders.map(filePathOf).filter((p): p is string => p !== undefined);
    corpus = new UserCorpusFeature({
      connection,
      roots: () => roots,
      settingsFor: (uri) => settings.get(uri),
      cacheDir: init?.cacheDir,
      // A new model: a new analyzer (its memos hold the old model's answers), and every document again.
      changed: () => {
        analyzer = undefined;
        recheckAll(true);
      },
    });
    // Load the segmenter and dictionaries now, so the first diagnostics do not wait for them; build the
    // completion indexes of the model once the first diagnostics are out (warmCompletion).
    getAnalyzer();
    // The corpus model loads on first read (services/index.ts); the first analysis reads it, so read it now.
    void getServices().model;
    // No document opened soon: build them all the same.
    setTimeout(warmCompletion, 10_000).unref();
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
    void corpus?.configure();
    if (canPullConfig) {
      void connection.client.register(DidChangeConfigurationNotification.type, undefined).catch(() => undefined);
    }
    if (canRegisterWatcher) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] }).catch(() => undefined);
    }
  });

  const analyzeNow = async (uri: string): Promise<void> => {
    const doc = documents.get(uri);
    if (!doc || isConfigUri(uri)) {
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
      connection.console.error(`wenfeng: analysis of ${uri} failed: ${(e as Error).message}`);
      return;
    }
    state.version = version;
    state.result = result;
    // At most maxDiagnostics are published; state.result keeps every finding for code actions and fix all.
    await connection.sendDiagnostics({ uri, version, diagnostics: publishedDiagnostics(doc, result.findings, s.maxDiagnostics) });
    scheduleCompletionWarmUp();
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

  /** Project settings changed: forget every cached setting and check the open documents again. */
  const recheckAll = (immediate: boolean): void => {
    settings.clear();
    // Corpus folders may come from the settings just changed (indexes again only when they did).
    void corpus?.configure();
    for (const doc of documents.all()) {
      if (!isConfigUri(doc.uri)) {
        schedule(doc.uri, immediate);
      }
    }
  };

  /**
   * An open `.wenfeng.json` was opened, edited or closed: show its problems, apply it to the open documents.
   * A file that is not (or no longer) on disk does not apply, whatever its editor holds: no problems shown.
   */
  const configDocumentChanged = (uri: string, unsaved: string | undefined): void => {
    const file = filePathOf(uri);
    if (file && trusted && existsOnDisk(file)) {
      publishProjectConfig(readProjectConfig(file, unsaved), false);
    } else if (file) {
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    recheckAll(unsaved === undefined);
  };

  // Fired on open as well as on every change: a document never analysed yet is analysed at once.
  documents.onDidChangeContent((e) => {
    const uri = e.document.uri;
    if (unchanged.has(e.document)) {
      unchanged.delete(e.document);
      return;
    }
    if (isConfigUri(uri)) {
      configDocumentChanged(uri, e.document.getText());
      return;
    }
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
  documents.onDidSave((e) => {
    if (!isConfigUri(e.document.uri)) {
      schedule(e.document.uri, true);
    }
  });
  documents.onDidClose((e) => {
    if (isConfigUri(e.document.uri)) {
      // The file on disk applies again (TextDocuments has already forgotten the buffer).
      configDocumentChanged(e.document.uri, undefined);
      return;
    }
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
    recheckAll(true);
  });

  // `.wenfeng.json` created, changed or deleted on disk (watched by the client, or by our registration).
  connection.onDidChangeWatchedFiles((params) => {
    const changes = params.changes.filter((c) => isConfigUri(c.uri));
    if (changes.length === 0) {
      return;
    }
    for (const c of changes) {
      // Deleted: its problems go, also while an editor still holds its text (VS Code keeps the buffer of a
      // deleted file, and of a closed editor, open): a file that is not on disk does not apply.
      if (c.type === FileChangeType.Deleted) {
        const file = filePathOf(c.uri);
        void connection.sendDiagnostics({ uri: file ? configUriOf(file) : c.uri, diagnostics: [] });
      }
    }
    recheckAll(true);
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

  /**
   * The `.wenfeng.json` a code action of a document edits: the nearest one (its unsaved text if open), or a
   * new one in the document's workspace folder. None for an untrusted workspace or a document not on disk.
   */
  const projectTarget = (uri: string): ProjectTarget | undefined => {
    const file = filePathOf(uri);
    if (!trusted || !file) {
      return undefined;
    }
    const root = roots.filter((r) => file.startsWith(r.endsWith(path.sep) ? r : r + path.sep)).sort((a, b) => b.length - a.length)[0];
    const found = findProjectConfig(path.dirname(file), root);
    if (!found) {
      const target = path.join(root ?? path.dirname(file), CONFIG_FILE_NAME);
      return { uri: pathToFileURL(target).href };
    }
    const configUri = configUriOf(found);
    const open = documents.get(configUri);
    const text = open?.getText() ?? readProjectConfig(found).text;
    return text === undefined ? undefined : { uri: configUri, text };
  };

  connection.onCodeAction(async (params) => {
    const bad = rangeProblem(params.range);
    if (bad) {
      return new ResponseError(ErrorCodes.InvalidParams, bad);
    }
    try {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) {
        return [];
      }
      const s = await settings.get(doc.uri);
      useLanguage(language(s));
      const result = await freshResult(doc.uri);
      const project = projectTarget(doc.uri);
      return codeActions(doc, params, result?.findings, { format: formatOf(doc.languageId), userAccept, ...(project ? { project } : {}) });
    } catch (e) {
      connection.console.error(`wenfeng: code actions failed: ${(e as Error).message}`);
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
      connection.console.error(`wenfeng: structure request failed: ${(e as Error).message}`);
      return empty;
    }
  };
  connection.onCompletion(async (params) => {
    const s = await settings.get(params.textDocument.uri);
    useLanguage(language(s));
    return withStructure(params.textDocument.uri, [], (doc, r) => completionItems(doc, r, params.position, getAnalyzer().tokens, getServices().model));
  });
  connection.onRequest(ReportRequest, (params: ReportParams) => reportFor(params, (uri) => documents.get(uri), freshResult));
  connection.onDocumentSymbol((params) => withStructure(params.textDocument.uri, [], (doc, r) => documentSymbols(doc, r.structure)));
  connection.onFoldingRanges((params) => withStructure(params.textDocument.uri, [], (doc, r) => foldingRanges(doc, r.structure)));
  connection.onHover((params) => withStructure(params.textDocument.uri, null, (doc, r) => hover(doc, r.structure, params.position)));

  connection.onExecuteCommand(async (params) => {
    try {
      if (params.command === ServerCommands.convert) {
        const raw: unknown = params.arguments?.[0];
        if (!isRecord(raw) || typeof raw.uri !== 'string') {
          return new ResponseError(ErrorCodes.InvalidParams, l10n.t('{0} needs an object argument with uri, to and optionally range', ServerCommands.convert));
        }
        if (!(CONVERT_TARGETS as readonly unknown[]).includes(raw.to)) {
          return new ResponseError(ErrorCodes.InvalidParams, l10n.t('Unknown target script {0}; expected one of {1}', JSON.stringify(raw.to) ?? 'undefined', CONVERT_TARGETS.join(', ')));
        }
        const bad = raw.range === undefined ? undefined : rangeProblem(raw.range);
        if (bad) {
          return new ResponseError(ErrorCodes.InvalidParams, bad);
        }
        const args = raw as unknown as ConvertArgs;
        const doc = documents.get(args.uri);
        if (!doc) {
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
      connection.console.error(`wenfeng: command ${params.command} failed: ${(e as Error).message}`);
      return { applied: false };
    }
  });

  documents.listen(connection);
  connection.listen();
}

/** A promise nobody awaited must not take the server down: it is logged in one line instead. */
function guardProcess(connection: Connection): void {
  process.on('unhandledRejection', (e: unknown) => {
    connection.console.error(`wenfeng: ${e instanceof Error ? e.message : String(e)}`);
  });
}

/** Starts the server over standard input and output (`wenfeng lsp --stdio`). */
export function startStdioServer(): void {
  if (!process.argv.includes('--stdio')) {
    process.argv.push('--stdio');
  }
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  guardProcess(connection);
  startServer(connection);
}

/** Starts the server with the transport given on the command line (--node-ipc, --stdio, --socket). */
export function startFromArgv(): void {
  const connection = createConnection(ProposedFeatures.all);
  guardProcess(connection);
  startServer(connection);
}
