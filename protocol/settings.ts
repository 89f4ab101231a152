/**
 * Settings: the `wenfeng.*` configuration as the server uses it, with safe normalisation of raw values
 * coming from VS Code, `.wenfeng.json` or the command line. Single source of the defaults: the manifest's
 * configuration section is generated from this file and the rule registry (scripts/update-manifest.mjs).
 */

/** Severity names accepted in settings. */
export type RuleLevel = 'off' | 'hint' | 'information' | 'warning' | 'error';
export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

export type ScriptOption = 'auto' | 'simplified' | 'traditional' | 'taiwan' | 'hongkong';
export const SCRIPT_OPTIONS: readonly ScriptOption[] = ['auto', 'simplified', 'traditional', 'taiwan', 'hongkong'];

export type RunMode = 'onType' | 'onSave';
export type MessageLanguage = 'zh-cn' | 'en' | 'auto';

/** Settings of one resource. */
export interface Settings {
  /** Master switch. */
  enable: boolean;
  /** Language ids the server checks. */
  languages: string[];
  /** Target script; `auto` follows the document's majority. */
  script: ScriptOption;
  /** Severity override per rule id. */
  rules: Record<string, RuleLevel>;
  /** Words never flagged (accepted by the user). */
  acceptedWords: string[];
  /** When diagnostics are computed. */
  run: RunMode;
  /** Milliseconds to wait after typing before analysing. */
  debounce: number;
  /** Language of diagnostics and fix titles. */
  messageLanguage: MessageLanguage;
}

/** Defaults; every missing or invalid value falls back to these. */
export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  // VS Code's ids, and the ones other editors send for the same files (Neovim: text).
  languages: ['markdown', 'plaintext', 'wenfeng-essay', 'text'],
  script: 'auto',
  rules: {},
  acceptedWords: [],
  run: 'onType',
  debounce: 300,
  messageLanguage: 'zh-cn',
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringArray(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : fallback;
}

function oneOf<T extends string>(v: unknown, options: readonly T[], fallback: T): T {
  return typeof v === 'string' && (options as readonly string[]).includes(v) ? (v as T) : fallback;
}

/** Normalises raw settings (any shape) into a complete, valid Settings object. Never throws. */
export function normalizeSettings(raw: unknown): Settings {
  const r = isRecord(raw) ? raw : {};
  const rules: Record<string, RuleLevel> = {};
  if (isRecord(r.rules)) {
    for (const [id, level] of Object.entries(r.rules)) {
      const l = level === 'info' ? 'information' : level === 'warn' ? 'warning' : level;
      if (typeof l === 'string' && (RULE_LEVELS as readonly string[]).includes(l)) {
        rules[id] = l as RuleLevel;
      }
    }
  }
  const debounce = typeof r.debounce === 'number' && Number.isFinite(r.debounce) ? Math.min(5000, Math.max(0, r.debounce)) : DEFAULT_SETTINGS.debounce;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : DEFAULT_SETTINGS.enable,
    languages: stringArray(r.languages, DEFAULT_SETTINGS.languages),
    script: oneOf(r.script, SCRIPT_OPTIONS, DEFAULT_SETTINGS.script),
    rules,
    acceptedWords: stringArray(r.acceptedWords, []),
    run: oneOf(r.run, ['onType', 'onSave'] as const, DEFAULT_SETTINGS.run),
    debounce,
    messageLanguage: oneOf(r.messageLanguage, ['zh-cn', 'en', 'auto'] as const, DEFAULT_SETTINGS.messageLanguage),
  };
}
