/**
 * One way to start the bundled language server (dist/server.js) over stdio for the protocol tests: spawn, connect,
 * record what the server sends (diagnostics, messages, logs, registrations, edits to apply), answer the client-side
 * requests, initialize, and shut down. Each test file keeps its own workspace and assertions.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  WorkDoneProgress,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export const SERVER = path.join(path.resolve(__dirname, '..', '..', '..'), 'dist', 'server.js');

export interface SessionOptions {
  /** Answer to every `workspace/configuration` item; read at each request, so a test may change it between edits. */
  configuration?: () => Record<string, unknown>;
  locale?: string;
  /** Workspace folder (a file: URI); none when omitted. */
  rootUri?: string;
  capabilities?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  env?: NodeJS.ProcessEnv;
  /** Copies the server's stderr to this process's stderr as it comes (prefixed), besides recording it. */
  echoStderr?: boolean;
}

export interface Registration {
  method: string;
  registerOptions?: unknown;
}

export class LspSession {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: Array<{ type: number; message: string }> = [];
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  readonly appliedEdits: unknown[] = [];
  /** Work-done progress tokens the server created (window/workDoneProgress/create), and their $/progress values. */
  readonly progressTokens: Array<string | number> = [];
  readonly progress: Array<{ token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }> = [];
  /** The server's stderr so far. */
  stderr = '';
  private wake: Array<() => void> = [];

  private constructor(
    readonly child: ChildProcessWithoutNullStreams,
    readonly conn: ProtocolConnection,
  ) {}

  static async start(options: SessionOptions = {}): Promise<LspSession> {
    const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: options.env ?? process.env });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const s = new LspSession(child, conn);
    child.stderr.on('data', (d: Buffer) => {
      s.stderr += d.toString();
      if (options.echoStderr) {
        process.stderr.write(`[server] ${d.toString()}`);
      }
    });
    const configuration = options.configuration ?? ((): Record<string, unknown> => ({ messageLanguage: options.locale ?? 'zh-cn' }));
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      s.published.push(p);
      s.notify();
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      s.messages.push(p);
      s.notify();
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      s.logs.push(p.message);
      s.notify();
    });
    conn.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => configuration()));
    conn.onRequest('client/registerCapability', (p: { registrations: Registration[] }) => {
      s.registrations.push(...p.registrations);
      s.notify();
      return null;
    });
    conn.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      s.progressTokens.push(p.token);
      conn.onProgress(WorkDoneProgress.type, p.token, (value) => {
        s.progress.push({ token: p.token, value });
        s.notify();
      });
      s.notify();
      return null;
    });
    conn.onRequest('workspace/applyEdit', (p: unknown) => {
      s.appliedEdits.push(p);
      s.notify();
      return { applied: true };
    });
    conn.listen();
    const rootUri = options.rootUri ?? null;
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      ...(rootUri ? { workspaceFolders: [{ uri: rootUri, name: 'workspace' }] } : {}),
      ...(options.locale ? { locale: options.locale } : {}),
      capabilities: options.capabilities ?? { workspace: { configuration: true, applyEdit: true } },
      ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    });
    await conn.sendNotification('initialized', {});
    return s;
  }

  /** Wakes every pending wait so it re-checks its list. Also call it after pushing to a list of your own. */
  notify(): void {
    const w = this.wake;
    this.wake = [];
    w.forEach((f) => f());
  }

  /** Resolves with the first item of `list` (from index `from` on) that satisfies `predicate`, or rejects after the timeout. */
  waitFor<T>(list: readonly T[], predicate: (x: T) => boolean, from = 0, timeoutMs = 15000): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`timed out; got ${JSON.stringify(list.slice(from)).slice(0, 2000)}; server stderr: ${this.stderr.slice(-1000)}`));
      }, timeoutMs);
      const check = (): void => {
        const hit = list.slice(from).find(predicate);
        if (hit !== undefined) {
          clearTimeout(timer);
          resolve(hit);
        } else {
          this.wake.push(check);
        }
      };
      check();
    });
  }

  /** The first diagnostics published for `uri` (from publication index `from` on) that satisfy `predicate`. */
  diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, from = 0, timeoutMs = 15000): Promise<PublishDiagnosticsParams> {
    return this.waitFor(this.published, (p) => p.uri === uri && predicate(p), from, timeoutMs);
  }

  async stop(): Promise<void> {
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    this.conn.dispose();
    this.child.kill();
  }
}
