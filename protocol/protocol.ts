/**
 * The custom protocol between client and server, in one place: command ids and their arguments,
 * initialization options and notifications.
 */

/** Public commands contributed by the extension (palette, menus). */
export const Commands = {
  convertToSimplified: 'wenfeng.convertToSimplified',
  convertToTraditional: 'wenfeng.convertToTraditional',
  convertToTaiwan: 'wenfeng.convertToTaiwan',
  convertToHongKong: 'wenfeng.convertToHongKong',
  fixAll: 'wenfeng.fixAll',
  restartServer: 'wenfeng.restartServer',
  showOutput: 'wenfeng.showOutput',
  /** Opens the report view of the active document (issue 17). */
  showReport: 'wenfeng.showReport',
  /** Turns checking off (diagnostics cleared) and on again, for the workspace (issue 18). */
  toggle: 'wenfeng.toggle',
  /** Writes a starter `.wenfeng.json` in a workspace folder and opens it; never overwrites one (issue 18). */
  createConfig: 'wenfeng.createConfig',
  /** Walkthrough: opens the bundled sample draft in an untitled editor (issue 18). */
  openSample: 'wenfeng.walkthrough.openSample',
  /** Walkthrough: inserts the 一是/二是/三是 structure snippet at the cursor (issue 18). */
  insertStructure: 'wenfeng.walkthrough.insertStructure',
} as const;

/** Commands the client executes for the server's code actions. Internal: not in the palette. */
export const ClientCommands = {
  /** Arguments: `[word]`. Adds the word to the user setting `wenfeng.acceptedWords`. */
  acceptWordForUser: '_wenfeng.acceptWordForUser',
} as const;

/** Commands the server executes (workspace/executeCommand). Internal: hidden from the palette. */
export const ServerCommands = {
  /** Arguments: {@link ConvertArgs}. Applies a WorkspaceEdit converting the document or a range. */
  convert: '_wenfeng.convert',
  /** Arguments: `[uri]`. Applies every automatic fix of the document. */
  fixAll: '_wenfeng.fixAll',
} as const;

/** Target scripts of the convert commands. */
export type ConvertTarget = 'simplified' | 'traditional' | 'taiwan' | 'hongkong';

/** Arguments of {@link ServerCommands.convert}. */
export interface ConvertArgs {
  uri: string;
  to: ConvertTarget;
  /** Range to convert; the whole document when absent. */
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** Sent by the client in `initializationOptions`. */
export interface InitializationOptions {
  /** False in an untrusted workspace: the server then reads no workspace-supplied files. */
  workspaceTrusted: boolean;
  /**
   * True when the client itself watches every `.wenfeng.json` and sends workspace/didChangeWatchedFiles (the
   * VS Code client does); otherwise the server registers the watcher when the client allows it.
   */
  watchesConfigFiles?: boolean;
  /** True when the client runs {@link ClientCommands.acceptWordForUser} (code actions may then offer it). */
  acceptWordForUser?: boolean;
  /**
   * A folder the server may cache the writer's corpus model in (the extension's global storage); without it
   * the server uses the user's cache folder (XDG_CACHE_HOME or ~/.cache, then wenfeng).
   */
  cacheDir?: string;
}

/** Notification `wenfeng/status`, sent after each analysis of the active document. */
export const StatusNotification = 'wenfeng/status';

/** Parameters of {@link StatusNotification}. */
export interface StatusParams {
  uri: string;
  score: number;
  findings: number;
  script: string;
  categories: Record<string, number>;
}

/** Request `wenfeng/report` (client → server): the report of an open document, or null when it is not checked. */
export const ReportRequest = 'wenfeng/report';

/** Parameters of {@link ReportRequest}. */
export interface ReportParams {
  uri: string;
}

export type { ReportModel } from '../server/src/report/model';
