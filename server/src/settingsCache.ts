/**
 * Settings per resource, pulled from the client (workspace/configuration) and merged over the nearest
 * `.wenfeng.json` (only in a trusted workspace). Cached as promises per URI; cleared on
 * didChangeConfiguration and didClose.
 */
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { normalizeSettings, DEFAULT_SETTINGS, type Settings } from '../../protocol/settings';
import { findProjectConfig, readProjectConfig } from './shared/config';
import * as path from 'node:path';

export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly trusted: () => boolean,
  ) {}

  get(uri: string): Promise<Settings> {
    let p = this.cache.get(uri);
    if (!p) {
      p = this.load(uri).catch((e: unknown) => {
        this.connection.console.error(`wenfeng: settings for ${uri}: ${(e as Error).message}`);
        return DEFAULT_SETTINGS;
      });
      this.cache.set(uri, p);
    }
    return p;
  }

  /**
   * Settings an editor pushes with workspace/didChangeConfiguration (`{ wenfeng: {…} }`), used for every
   * document when the client cannot be asked per resource (Neovim 0.7 and other simple clients).
   */
  setPushed(raw: unknown): void {
    const section = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).wenfeng : undefined;
    this.pushed = section === undefined ? undefined : normalizeSettings(section);
    this.cache.clear();
  }

  private pushed: Settings | undefined;

  delete(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
  }

  private async load(uri: string): Promise<Settings> {
    let project: Settings | undefined;
    if (this.trusted() && uri.startsWith('file:')) {
      const file = findProjectConfig(path.dirname(fileURLToPath(uri)));
      if (file) {
        try {
          project = readProjectConfig(file);
        } catch (e) {
          this.connection.console.warn(`wenfeng: ${(e as Error).message}`);
        }
      }
    }
    let editor: Settings;
    if (this.canPull()) {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'wenfeng' });
      editor = normalizeSettings(raw);
    } else if (this.pushed) {
      editor = this.pushed;
    } else {
      return project ?? DEFAULT_SETTINGS;
    }
    if (!project) {
      return editor;
    }
    return {
      ...editor,
      rules: { ...project.rules, ...editor.rules },
      acceptedWords: [...new Set([...project.acceptedWords, ...editor.acceptedWords])],
      script: editor.script === 'auto' ? project.script : editor.script,
    };
  }
}
