/**
 * Settings per resource, pulled from the client (workspace/configuration) and merged over the nearest
 * `.wenfeng.json` (only in a trusted workspace). Cached as promises per URI; cleared on
 * didChangeConfiguration and didClose.
 */
import { fileURLToPath } from 'node:url';
import type { Connection } from 'vscode-languageserver';
import { validateSettings, DEFAULT_SETTINGS, type SettingProblem, type Settings } from '../../protocol/settings';
import { findProjectConfig, knownRuleIds, readProjectConfig, termExampleProblems, type ProjectConfig } from './shared/config';
import * as path from 'node:path';
import { resolveCorpusPath } from './services/user-corpus';

/** What the cache needs from the server around it. */
export interface SettingsHost {
  /** Workspace folders (file system paths): the `.wenfeng.json` search stops there. */
  roots(): readonly string[];
  /** The unsaved text of an open `.wenfeng.json`, which wins over the file on disk. */
  unsavedText(file: string): string | undefined;
  /** Called each time a project file is (re)read, with its problems. */
  projectConfigRead(config: ProjectConfig): void;
  /** Called with the problems of editor settings each time they are (re)read. */
  editorProblems(problems: SettingProblem[]): void;
}

export class SettingsCache {
  private readonly cache = new Map<string, Promise<Settings>>();
  /** Project files read since the last clear(), by path. */
  private readonly projects = new Map<string, ProjectConfig>();
  constructor(
    private readonly connection: Connection,
    private readonly canPull: () => boolean,
    private readonly trusted: () => boolean,
    private readonly host: SettingsHost,
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
    if (section === undefined) {
      this.pushed = undefined;
    } else {
      const { settings, problems } = validateSettings(section, knownRuleIds());
      this.pushed = settings;
      this.host.editorProblems([...problems, ...termExampleProblems(settings)]);
    }
    this.clear();
  }

  private pushed: Settings | undefined;

  delete(uri: string): void {
    this.cache.delete(uri);
  }

  clear(): void {
    this.cache.clear();
    this.projects.clear();
  }

  /** The project file that applies to a document (the nearest, up to its workspace folder or repository). */
  projectFileFor(uri: string): string | undefined {
    if (!this.trusted() || !uri.startsWith('file:')) {
      return undefined;
    }
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    const dir = path.dirname(file);
    const root = this.host
      .roots()
      .filter((r) => dir === r || dir.startsWith(r.endsWith(path.sep) ? r : r + path.sep))
      .sort((a, b) => b.length - a.length)[0];
    return findProjectConfig(dir, root);
  }

  private project(file: string): ProjectConfig {
    let c = this.projects.get(file);
    if (!c) {
      c = readProjectConfig(file, this.host.unsavedText(file));
      this.projects.set(file, c);
      this.host.projectConfigRead(c);
    }
    return c;
  }

  private async load(uri: string): Promise<Settings> {
    const file = this.projectFileFor(uri);
    const config = file ? this.project(file) : undefined;
    // Corpus folders of the project file are taken from its own folder.
    const project = config?.settings && file ? { ...config.settings, corpus: { paths: config.settings.corpus.paths.map((p) => resolveCorpusPath(p, path.dirname(file))) } } : undefined;
    let editor: Settings;
    if (this.canPull()) {
      const raw: unknown = await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'wenfeng' });
      const { settings, problems } = validateSettings(raw, knownRuleIds());
      editor = settings;
      this.host.editorProblems([...problems, ...termExampleProblems(settings)]);
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
      // Languages the project lists are checked besides the editor's (the client's selector follows them).
      languages: config?.languages ? [...new Set([...editor.languages, ...config.languages])] : editor.languages,
      rules: { ...project.rules, ...editor.rules },
      acceptedWords: [...new Set([...project.acceptedWords, ...editor.acceptedWords])],
      script: editor.script === 'auto' ? project.script : editor.script,
      qitaForm: editor.qitaForm === 'off' ? project.qitaForm : editor.qitaForm,
      zuochuForm: editor.zuochuForm === 'off' ? project.zuochuForm : editor.zuochuForm,
      // The project's corpus folders (from its own folder) besides the editor's.
      corpus: { paths: [...new Set([...editor.corpus.paths, ...project.corpus.paths])] },
      terms: [...project.terms, ...editor.terms],
    };
  }
}
