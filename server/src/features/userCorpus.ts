/**
 * The server's side of the writer's corpus (services/user-corpus.ts): finds the folders the settings name,
 * indexes them in the background under a work-done progress (a progress bar in VS Code), installs the user
 * model into the services, follows changes to the folders' files (debounced) and to the settings, and logs
 * and summarises what was skipped.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as l10n from '@vscode/l10n';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import type { Settings } from '../../../protocol/settings';
import { getServices, setUserModel } from '../services';
import { defaultCacheDir, resolveCorpusPath, UserCorpusIndexer, type CorpusSummary } from '../services/user-corpus';

/** Milliseconds of quiet after a file change before the corpus is indexed again. */
export const REINDEX_DELAY = 1000;

/** What the feature needs from the server around it. */
export interface CorpusHost {
  connection: Connection;
  /** Workspace folders (file system paths). */
  roots(): readonly string[];
  /** The settings that apply to a resource (editor settings over `.wenfeng.json`, which an untrusted workspace does not read). */
  settingsFor(uri: string): Promise<Settings>;
  /** Where models are cached (the client's storage), or undefined for the user's cache folder. */
  cacheDir: string | undefined;
  /** The model changed: check the open documents again. */
  changed(): void;
}

/**
 * The corpus folders the settings name, absolute, each once: per workspace folder, the settings of a file at
 * its top (relative paths taken from it); without workspace folders, the settings of no resource.
 */
export async function corpusFolders(roots: readonly string[], settingsFor: (uri: string) => Promise<Settings>): Promise<string[]> {
  const out = new Set<string>();
  if (roots.length === 0) {
    for (const p of (await settingsFor('untitled:wenfeng-corpus')).corpus.paths) {
      out.add(resolveCorpusPath(p, undefined));
    }
  }
  for (const root of roots) {
    const s = await settingsFor(pathToFileURL(path.join(root, '.wenfeng-corpus')).href);
    for (const p of s.corpus.paths) {
      out.add(resolveCorpusPath(p, root));
    }
  }
  return [...out].sort();
}

export class UserCorpusFeature {
  private readonly indexer: UserCorpusIndexer;
  private folders: string[] = [];
  private watchers: fs.FSWatcher[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by every new run: an older run still going stops at its next file. */
  private generation = 0;
  /** The last finished run's summary (tests and the log read it). */
  summary: CorpusSummary | undefined;
  /** Settles when the run under way (if any) ends. */
  idle: Promise<void> = Promise.resolve();

  constructor(private readonly host: CorpusHost) {
    this.indexer = new UserCorpusIndexer(getServices().segmenter, host.cacheDir ?? defaultCacheDir(), (m) => host.connection.console.info(m));
  }

  /** Reads the settings again; indexes when the folders changed (or `force`). */
  async configure(force = false): Promise<void> {
    let folders: string[];
    try {
      folders = await corpusFolders(this.host.roots(), (uri) => this.host.settingsFor(uri));
    } catch (e) {
      this.host.connection.console.error(`wenfeng: corpus settings: ${(e as Error).message}`);
      return;
    }
    if (!force && folders.join('\n') === this.folders.join('\n')) {
      return;
    }
    this.folders = folders;
    this.watch();
    this.idle = this.run();
    await this.idle;
  }

  /** Watches the folders (recursively); a change indexes again after {@link REINDEX_DELAY} ms of quiet. */
  private watch(): void {
    for (const w of this.watchers) {
      w.close();
    }
    this.watchers = [];
    for (const folder of this.folders) {
      try {
        const w = fs.watch(folder, { recursive: true, persistent: false }, () => this.schedule());
        w.on('error', () => undefined);
        this.watchers.push(w);
      } catch {
        // A missing folder: the run reports it; nothing to watch.
      }
    }
  }

  private schedule(): void {
    if (this.timer) {
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.idle = this.run();
    }, REINDEX_DELAY);
  }

  private async run(): Promise<void> {
    const generation = ++this.generation;
    const folders = this.folders;
    if (folders.length === 0) {
      if (this.summary) {
        this.summary = undefined;
        setUserModel(undefined);
        this.host.changed();
      }
      return;
    }
    const { connection } = this.host;
    const progress = await connection.window.createWorkDoneProgress();
    progress.begin(l10n.t('Wenfeng: indexing your corpus'), 0, undefined, false);
    let result: Awaited<ReturnType<UserCorpusIndexer['index']>>;
    try {
      result = await this.indexer.index(
        folders,
        (done, total, file, building) => {
          const percentage = total > 0 ? Math.floor((done * 100) / total) : 100;
          if (building) {
            progress.report(percentage, l10n.t('building the model'));
          } else if (file) {
            progress.report(percentage, l10n.t('file {0} of {1}: {2}', done + 1, total, path.basename(file)));
          } else {
            progress.report(percentage);
          }
        },
        () => generation !== this.generation,
      );
    } catch (e) {
      connection.console.error(`wenfeng: indexing the corpus failed: ${(e as Error).message}`);
      return;
    } finally {
      progress.done();
    }
    if (!result || generation !== this.generation) {
      return;
    }
    const { model, summary } = result;
    this.summary = summary;
    setUserModel(model, summary.weight);
    connection.console.info(
      `wenfeng: corpus ${folders.join(', ')}: ${summary.files} files, ${summary.documents} documents, ${summary.tokens} tokens, weight ${summary.weight.toFixed(3)}, ${summary.cached ? 'from the cache' : 'built'} (${summary.key}); ${summary.skipped.length} skipped`,
    );
    if (summary.skipped.length > 0) {
      const shown = summary.skipped.slice(0, 3).map((s) => `${path.basename(s.file)}: ${s.reason}`).join('; ');
      const more = summary.skipped.length > 3 ? l10n.t(' (and {0} more; see the output)', summary.skipped.length - 3) : '';
      void connection
        .sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: l10n.t('Wenfeng: your corpus: {0} files indexed, {1} skipped: {2}{3}', summary.files, summary.skipped.length, shown, more) })
        .catch(() => undefined);
    }
    this.host.changed();
  }

  dispose(): void {
    this.generation++;
    if (this.timer) {
      clearTimeout(this.timer);
    }
    for (const w of this.watchers) {
      w.close();
    }
    this.watchers = [];
  }
}
