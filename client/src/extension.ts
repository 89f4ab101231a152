/**
 * The VS Code client: starts the language server, shows the score in a status item, and forwards the
 * commands to the server. No analysis happens here.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ClientCommands, Commands, ServerCommands, StatusNotification, type ConvertArgs, type ConvertTarget, type InitializationOptions, type StatusParams } from '../../protocol/protocol';
import { SETTING_KEYS } from '../../protocol/settings';
import { projectLanguages } from './projectLanguages';
import { registerReport } from './report';
import { starterConfig } from './starter';

let client: LanguageClient | undefined;

/** The languages the projects' .wenfeng.json files list (`languages`), read by readProjectLanguages. */
let projectLanguageList: string[] = [];

/**
 * The languages of the setting wenfeng.languages, at the window and in every workspace folder (the setting is
 * per resource; the server applies each document's own), and those the projects' .wenfeng.json files add.
 * Sorted, without duplicates.
 */
function configuredLanguages(): string[] {
  const scopes: Array<vscode.Uri | undefined> = [undefined, ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri)];
  const set = new Set<string>(projectLanguageList);
  for (const scope of scopes) {
    const value = vscode.workspace.getConfiguration('wenfeng', scope).get<unknown>('languages');
    if (Array.isArray(value)) {
      for (const language of value) {
        if (typeof language === 'string' && language.length > 0) {
          set.add(language);
        }
      }
    }
  }
  return [...set].sort();
}

/**
 * Reads the `languages` of every .wenfeng.json of the workspace (as saved; none in an untrusted workspace, where
 * the server reads no project file either).
 */
async function readProjectLanguages(): Promise<void> {
  if (!vscode.workspace.isTrusted || !vscode.workspace.workspaceFolders?.length) {
    projectLanguageList = [];
    return;
  }
  const files = await vscode.workspace.findFiles('**/.wenfeng.json', '**/node_modules/**', 200);
  const set = new Set<string>();
  for (const uri of files) {
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      // A settings file is small; anything over 1 MB is not one (the server refuses it too).
      if (bytes.byteLength <= 1024 * 1024) {
        projectLanguages(new TextDecoder().decode(bytes)).forEach((l) => set.add(l));
      }
    } catch {
      // Unreadable: the server names the problem on the file.
    }
  }
  projectLanguageList = [...set];
}

/** A .wenfeng.json created, saved or deleted: `then` runs once per burst of events. */
function projectFileEvents(then: () => Promise<void>): vscode.Disposable[] {
  const watcher = vscode.workspace.createFileSystemWatcher('**/.wenfeng.json');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    if (timer) {
      clearTimeout(timer);
    }
    timer = setTimeout(() => {
      timer = undefined;
      void then();
    }, 100);
  };
  return [
    watcher,
    watcher.onDidCreate(soon),
    watcher.onDidChange(soon),
    watcher.onDidDelete(soon),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (doc.uri.path.endsWith('/.wenfeng.json')) {
        soon();
      }
    }),
    { dispose: () => timer && clearTimeout(timer) },
  ];
}

/** The documents sent to the server: the file and untitled schemes of each language. */
function selectorOf(languages: readonly string[]): Array<{ scheme: string; language: string }> {
  // The file and untitled schemes only: without a scheme the selector also matches the chat input.
  return languages.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
}

function createClient(context: vscode.ExtensionContext, languages: readonly string[]): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const env = { ...process.env, ...(vscode.l10n.uri ? { VSCODE_L10N_BUNDLE_LOCATION: vscode.l10n.uri.toString() } : {}) };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=127.0.0.1:6019'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/.wenfeng.json');
  context.subscriptions.push(watcher);
  const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted, watchesConfigFiles: true, acceptWordForUser: true, cacheDir: context.globalStorageUri.fsPath };
  const clientOptions: LanguageClientOptions = {
    // The languages of wenfeng.languages (a change restarts the client with the new ones). The project
    // settings file too, whatever its language (json, jsonc): the server applies its unsaved text as it is
    // typed and shows its problems; it never checks it as prose.
    documentSelector: [...selectorOf(languages), { scheme: 'file', pattern: '**/.wenfeng.json' }],
    initializationOptions,
    // Creating, editing or deleting a project file re-checks the open documents at once.
    synchronize: { fileEvents: watcher },
    middleware: {
      workspace: {
        // The raw values of our settings, as plain JSON: the server validates them and names any bad one.
        configuration: (params) =>
          params.items.map((item) => {
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            const config = vscode.workspace.getConfiguration(item.section ?? 'wenfeng', scope);
            const plain: Record<string, unknown> = {};
            for (const key of SETTING_KEYS) {
              let value: unknown = config.get(key);
              if (key === 'acceptedWords') {
                // Accepted at any level (user, workspace, folder): a workspace list does not hide the user's.
                const i = config.inspect<unknown>(key);
                const lists = [i?.globalValue, i?.workspaceValue, i?.workspaceFolderValue, value].filter(Array.isArray) as unknown[][];
                value = [...new Set(lists.flat())];
              }
              if (key === 'corpus' && !vscode.workspace.isTrusted) {
                // An untrusted workspace supplies no corpus folders: the user's own setting only (the
                // manifest also restricts wenfeng.corpus.paths, so VS Code drops workspace values itself).
                value = { paths: config.inspect<unknown>('corpus.paths')?.globalValue ?? [] };
              }
              if (value !== undefined) {
                plain[key] = JSON.parse(JSON.stringify(value)) as unknown;
              }
            }
            return plain;
          }),
      },
    },
  };
  return new LanguageClient('wenfeng', vscode.l10n.t('Wenfeng'), serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const status = vscode.window.createStatusBarItem('wenfeng.score', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('Wenfeng score');
  status.command = Commands.showReport;
  context.subscriptions.push(status);
  const scores = new Map<string, StatusParams>();
  // The context key wenfeng.languages lets the commands' `when` clauses test `editorLangId in wenfeng.languages`.
  await readProjectLanguages();
  let languages = configuredLanguages();
  await vscode.commands.executeCommand('setContext', 'wenfeng.languages', languages);
  const updateLanguageStatus = registerReport(context, () => selectorOf(languages), () => client, (uri) => scores.get(uri));

  const showStatus = (): void => {
    updateLanguageStatus();
    const editor = vscode.window.activeTextEditor;
    const s = editor ? scores.get(editor.document.uri.toString()) : undefined;
    if (!s) {
      status.hide();
      return;
    }
    status.text = `$(pencil) ${vscode.l10n.t('Wenfeng {0}', s.score)}`;
    status.tooltip = vscode.l10n.t(
      'Score {0}/100 · structure {1} · repetition {2} · script {3} · punctuation {4} · phrasing {5} · {6} findings',
      s.score,
      s.categories.structure ?? 100,
      s.categories.repetition ?? 100,
      s.categories.script ?? 100,
      s.categories.punctuation ?? 100,
      s.categories.phrasing ?? 100,
      s.findings,
    );
    status.show();
  };

  // Checking on or off (wenfeng.toggle), remembered for the workspace. Off: no server, no diagnostics.
  const ENABLED_KEY = 'wenfeng.checking';
  let enabled = context.workspaceState.get<boolean>(ENABLED_KEY, true);
  const off = vscode.window.createStatusBarItem('wenfeng.off', vscode.StatusBarAlignment.Right, 100);
  off.name = vscode.l10n.t('Wenfeng: checking is off');
  off.text = `$(circle-slash) ${vscode.l10n.t('Wenfeng off')}`;
  off.tooltip = vscode.l10n.t('Wenfeng is off. Click to turn checking on');
  off.command = Commands.toggle;
  context.subscriptions.push(off);
  const showEnabled = async (): Promise<void> => {
    await vscode.commands.executeCommand('setContext', ENABLED_KEY, enabled);
    if (enabled) {
      off.hide();
    } else {
      scores.clear();
      status.hide();
      off.show();
    }
  };

  const start = async (): Promise<void> => {
    client = createClient(context, languages);
    client.onNotification(StatusNotification, (p: StatusParams) => {
      scores.set(p.uri, p);
      showStatus();
    });
    await client.start();
  };

  // wenfeng.languages changed (in the settings, or by adding a folder that sets it): the client restarts with
  // the new selector, so documents of a newly listed language are checked and an unlisted one is let go.
  const followLanguages = async (): Promise<void> => {
    const next = configuredLanguages();
    if (next.join('\n') === languages.join('\n')) {
      return;
    }
    languages = next;
    await vscode.commands.executeCommand('setContext', 'wenfeng.languages', languages);
    updateLanguageStatus();
    if (client && enabled) {
      const stopping = client;
      client = undefined;
      await stopping.stop();
      await start();
    }
  };

  // The draft a command acts on: the active editor, else (the walkthrough page or the report in front) the first
  // visible editor of a checked language.
  const draftEditor = (): vscode.TextEditor | undefined =>
    vscode.window.activeTextEditor ?? vscode.window.visibleTextEditors.find((e) => languages.includes(e.document.languageId));

  const createConfig = async (target?: unknown): Promise<{ uri: string; created: boolean } | undefined> => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    let folder = target instanceof vscode.Uri ? vscode.workspace.getWorkspaceFolder(target) : undefined;
    if (!folder && folders.length === 1) {
      folder = folders[0];
    } else if (!folder && folders.length > 1) {
      folder = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder of the new .wenfeng.json') });
    }
    if (!folder) {
      if (folders.length === 0) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder first: .wenfeng.json sits at the root of a workspace folder.'));
      }
      return undefined;
    }
    const uri = vscode.Uri.joinPath(folder.uri, '.wenfeng.json');
    let exists = true;
    try {
      await vscode.workspace.fs.stat(uri);
    } catch {
      exists = false;
    }
    if (!exists) {
      const text = starterConfig({
        header: [
          vscode.l10n.t('Wenfeng project settings: they apply to every document in this folder, over the user and workspace settings.'),
          vscode.l10n.t('Comments and trailing commas are allowed. Each value below is the default; change what the project needs.'),
        ].join('\n'),
        script: vscode.l10n.t('Script of the documents: auto (the majority of each document), simplified, traditional, taiwan or hongkong.'),
        acceptedWords: vscode.l10n.t('Words never flagged in this project, e.g. names and terms of the trade.'),
        rules: vscode.l10n.t('Level of a rule: off, hint, information, warning or error. Hover a rule id for what it checks.'),
        rulesExample: vscode.l10n.t('For example, to stop flagging overused stock phrases:'),
      });
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    } else {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists and is left as it is.', vscode.workspace.asRelativePath(uri, true)));
    }
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    return { uri: uri.toString(), created: !exists };
  };

  const openSample = async (): Promise<string> => {
    if (!enabled) {
      await vscode.commands.executeCommand(Commands.toggle);
    }
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'walkthrough', 'sample.essay'));
    const doc = await vscode.workspace.openTextDocument({ language: 'wenfeng-essay', content: new TextDecoder().decode(bytes) });
    // Beside the walkthrough when it is in front, so that its next steps stay in view.
    const beside = vscode.window.activeTextEditor === undefined && vscode.window.tabGroups.activeTabGroup.activeTab !== undefined;
    await vscode.window.showTextDocument(doc, { preview: false, ...(beside ? { viewColumn: vscode.ViewColumn.Beside } : {}) });
    return doc.uri.toString();
  };

  const insertStructure = async (): Promise<boolean> => {
    const found = draftEditor();
    if (!found) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a draft first: the snippet goes in at the cursor.'));
      return false;
    }
    // The snippet goes into the focused editor.
    const editor = await vscode.window.showTextDocument(found.document, found.viewColumn);
    const doc = editor.document;
    // On a line of its own: at the cursor when its line is empty, else as a new paragraph at the end.
    if (!doc.lineAt(editor.selection.active.line).isEmptyOrWhitespace) {
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const gap = doc.lineAt(doc.lineCount - 1).isEmptyOrWhitespace ? '' : '\n\n';
      if (gap) {
        await editor.edit((b) => b.insert(end, gap));
      }
      const last = doc.lineAt(doc.lineCount - 1).range.end;
      editor.selection = new vscode.Selection(last, last);
    }
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: doc.languageId, name: '一是/二是/三是' });
    return true;
  };

  const convert = (to: ConvertTarget) => async (): Promise<void> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !client) {
      return;
    }
    const sel = editor.selection;
    const args: ConvertArgs = {
      uri: editor.document.uri.toString(),
      to,
      ...(sel.isEmpty ? {} : { range: { start: { line: sel.start.line, character: sel.start.character }, end: { line: sel.end.line, character: sel.end.character } } }),
    };
    await client.sendRequest('workspace/executeCommand', { command: ServerCommands.convert, arguments: [args] });
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.convertToSimplified, convert('simplified')),
    vscode.commands.registerCommand(Commands.convertToTraditional, convert('traditional')),
    vscode.commands.registerCommand(Commands.convertToTaiwan, convert('taiwan')),
    vscode.commands.registerCommand(Commands.convertToHongKong, convert('hongkong')),
    vscode.commands.registerCommand(Commands.fixAll, async () => {
      const editor = draftEditor();
      if (editor && client) {
        await client.sendRequest('workspace/executeCommand', { command: ServerCommands.fixAll, arguments: [editor.document.uri.toString()] });
      }
    }),
    vscode.commands.registerCommand(Commands.restartServer, async () => {
      if (client) {
        await client.restart();
      }
    }),
    vscode.commands.registerCommand(Commands.showOutput, () => client?.outputChannel.show()),
    vscode.commands.registerCommand(Commands.toggle, async () => {
      enabled = !enabled;
      await context.workspaceState.update(ENABLED_KEY, enabled);
      if (enabled) {
        await start();
      } else if (client) {
        // Stopping the client clears its diagnostics.
        const stopping = client;
        client = undefined;
        await stopping.stop();
      }
      await showEnabled();
      showStatus();
      void vscode.window.setStatusBarMessage(enabled ? vscode.l10n.t('Wenfeng: checking turned on') : vscode.l10n.t('Wenfeng: checking turned off for this workspace'), 3000);
      return enabled;
    }),
    vscode.commands.registerCommand(ClientCommands.acceptWordForUser, async (word: unknown) => {
      if (typeof word !== 'string' || word.length === 0) {
        return;
      }
      const config = vscode.workspace.getConfiguration('wenfeng');
      const current = config.inspect<unknown>('acceptedWords')?.globalValue;
      const list = Array.isArray(current) ? current.filter((w): w is string => typeof w === 'string') : [];
      if (!list.includes(word)) {
        // The change of configuration re-checks the open documents.
        await config.update('acceptedWords', [...list, word], vscode.ConfigurationTarget.Global);
      }
    }),
    vscode.commands.registerCommand(Commands.createConfig, createConfig),
    vscode.commands.registerCommand(Commands.openSample, openSample),
    vscode.commands.registerCommand(Commands.insertStructure, insertStructure),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('wenfeng.languages')) {
        await followLanguages();
      }
    }),
    vscode.workspace.onDidChangeWorkspaceFolders(async () => {
      await readProjectLanguages();
      await followLanguages();
    }),
    ...projectFileEvents(async () => {
      await readProjectLanguages();
      await followLanguages();
    }),
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await readProjectLanguages();
      languages = configuredLanguages();
      await vscode.commands.executeCommand('setContext', 'wenfeng.languages', languages);
      if (client && enabled) {
        await client.stop();
        await start();
      }
    }),
  );
  await showEnabled();
  if (enabled) {
    await start();
  }
}

export async function deactivate(): Promise<void> {
  if (client) {
    await client.stop();
    client = undefined;
  }
}
