/**
 * The VS Code client: starts the language server, shows the score in a status item, and forwards the
 * commands to the server. No analysis happens here.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ClientCommands, Commands, ServerCommands, StatusNotification, type ConvertArgs, type ConvertTarget, type InitializationOptions, type StatusParams } from '../../protocol/protocol';
import { SETTING_KEYS } from '../../protocol/settings';
import { registerReport } from './report';

let client: LanguageClient | undefined;

const LANGUAGES = ['markdown', 'plaintext', 'wenfeng-essay'];

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const env = { ...process.env, ...(vscode.l10n.uri ? { VSCODE_L10N_BUNDLE_LOCATION: vscode.l10n.uri.toString() } : {}) };
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env } },
    debug: { module, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=127.0.0.1:6019'] } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/.wenfeng.json');
  context.subscriptions.push(watcher);
  const initializationOptions: InitializationOptions = { workspaceTrusted: vscode.workspace.isTrusted, watchesConfigFiles: true, acceptWordForUser: true };
  const clientOptions: LanguageClientOptions = {
    // The file and untitled schemes only: without a scheme the selector also matches the chat input. The
    // project settings file too, whatever its language (json, jsonc): the server applies its unsaved text as
    // it is typed and shows its problems; it never checks it as prose.
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      { scheme: 'file', pattern: '**/.wenfeng.json' },
    ],
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
  const selector = LANGUAGES.flatMap((language) => [
    { scheme: 'file', language },
    { scheme: 'untitled', language },
  ]);
  const updateLanguageStatus = registerReport(context, selector, () => client, (uri) => scores.get(uri));

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
    client = createClient(context);
    client.onNotification(StatusNotification, (p: StatusParams) => {
      scores.set(p.uri, p);
      showStatus();
    });
    await client.start();
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
      const editor = vscode.window.activeTextEditor;
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
    vscode.window.onDidChangeActiveTextEditor(showStatus),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
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
