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

/**
 * Style choices between two accepted forms (issue 16): off (both accepted, the default) or the form the
 * writer's house style prefers; phrasing/confusable then flags the other form with a fix to the chosen one.
 */
export type QitaForm = 'off' | '其他' | '其它';
export const QITA_FORMS: readonly QitaForm[] = ['off', '其他', '其它'];
export type ZuochuForm = 'off' | '作出' | '做出';
export const ZUOCHU_FORMS: readonly ZuochuForm[] = ['off', '作出', '做出'];
export type MessageLanguage = 'zh-cn' | 'en' | 'auto';

/**
 * One entry of the terms table (phrasing/terms): the expected form, the patterns (JavaScript regular
 * expressions) of its wrong forms, and examples that must (`match`) or must not (`noMatch`) be reported.
 */
export interface TermSetting {
  expected: string;
  patterns: string[];
  match: string[];
  noMatch: string[];
}

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
  /**
   * Most diagnostics the server publishes for one document (0: no limit). Beyond it the most severe are kept,
   * plus one information diagnostic saying how many are not shown.
   */
  maxDiagnostics: number;
  /** House style for 其他/其它 (off: both accepted). */
  qitaForm: QitaForm;
  /** House style for 作出/做出 (off: both accepted). */
  zuochuForm: ZuochuForm;
  /** The user's terms table (phrasing/terms; entries without patterns are phrases for phrasing/near-canonical). */
  terms: TermSetting[];
  /**
   * The writer's own corpus (issue 16): folders of their essays, mixed into the corpus model. Relative paths
   * are taken from the workspace folder (editor settings) or from the folder of `.wenfeng.json`.
   */
  corpus: CorpusSettings;
}

/** `wenfeng.corpus.*`. */
export interface CorpusSettings {
  paths: string[];
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
  maxDiagnostics: 1000,
  qitaForm: 'off',
  zuochuForm: 'off',
  corpus: { paths: [] },
  terms: [],
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * A value that normalisation could not use. `path` names the key (`['rules', 'script/mixed']`); `expected`
 * lists what is accepted; `fallback` is the value used instead (undefined for an ignored key, or for a rule
 * severity, where the rule's own default applies).
 */
export interface SettingProblem {
  kind: 'unknownKey' | 'unknownRule' | 'badValue' | 'termExample';
  path: string[];
  value: unknown;
  expected?: string;
  fallback?: unknown;
  /** For `termExample`: what the example got wrong (a `match` example nothing reports, a `noMatch` one reported). */
  example?: 'unmatched' | 'matched';
}

/** The keys of Settings, in declaration order. */
export const SETTING_KEYS: readonly (keyof Settings)[] = ['enable', 'languages', 'script', 'rules', 'acceptedWords', 'run', 'debounce', 'messageLanguage', 'maxDiagnostics', 'qitaForm', 'zuochuForm', 'corpus', 'terms'];

/** What maxDiagnostics accepts, as problems name it. */
const MAX_DIAGNOSTICS_EXPECTED = '0 (no limit) or a whole number';

const RUN_MODES: readonly RunMode[] = ['onType', 'onSave'];
const MESSAGE_LANGUAGES: readonly MessageLanguage[] = ['zh-cn', 'en', 'auto'];

/**
 * Normalises raw settings (any shape) into a complete, valid Settings object and lists every value it had
 * to drop or replace. Never throws. With `knownRules`, rule ids outside it are reported (and dropped).
 */
export function validateSettings(raw: unknown, knownRules?: ReadonlySet<string>): { settings: Settings; problems: SettingProblem[] } {
  const problems: SettingProblem[] = [];
  const r = isRecord(raw) ? raw : {};
  const bad = (key: string, expected: string, fallback: unknown): void => {
    problems.push({ kind: 'badValue', path: [key], value: r[key], expected, fallback });
  };
  for (const key of Object.keys(r)) {
    // `trace` belongs to the editor (wenfeng.trace.server), not to the analysis.
    if (!(SETTING_KEYS as readonly string[]).includes(key) && key !== 'trace') {
      problems.push({ kind: 'unknownKey', path: [key], value: r[key] });
    }
  }
  const has = (key: string): boolean => r[key] !== undefined && r[key] !== null;

  const rules: Record<string, RuleLevel> = {};
  if (isRecord(r.rules)) {
    for (const [id, level] of Object.entries(r.rules)) {
      if (knownRules && !knownRules.has(id)) {
        problems.push({ kind: 'unknownRule', path: ['rules', id], value: level });
        continue;
      }
      const l = level === 'info' ? 'information' : level === 'warn' ? 'warning' : level;
      if (typeof l === 'string' && (RULE_LEVELS as readonly string[]).includes(l)) {
        rules[id] = l as RuleLevel;
      } else {
        problems.push({ kind: 'badValue', path: ['rules', id], value: level, expected: RULE_LEVELS.join(', ') });
      }
    }
  } else if (has('rules')) {
    bad('rules', '{ "rule-id": "off|hint|information|warning|error" }', {});
  }

  const stringArray = (key: 'languages' | 'acceptedWords', fallback: string[]): string[] => {
    const v = r[key];
    if (!has(key)) {
      return fallback;
    }
    if (!Array.isArray(v)) {
      bad(key, '["…"]', fallback);
      return fallback;
    }
    const strings = v.filter((x): x is string => typeof x === 'string');
    v.forEach((x, i) => {
      if (typeof x !== 'string') {
        problems.push({ kind: 'badValue', path: [key, String(i)], value: x, expected: '"…"' });
      }
    });
    return strings;
  };
  const oneOf = <T extends string>(key: string, options: readonly T[], fallback: T): T => {
    const v = r[key];
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) {
      return v as T;
    }
    if (has(key)) {
      bad(key, options.join(', '), fallback);
    }
    return fallback;
  };
  const boolean = (key: string, fallback: boolean): boolean => {
    const v = r[key];
    if (typeof v === 'boolean') {
      return v;
    }
    if (has(key)) {
      bad(key, 'true, false', fallback);
    }
    return fallback;
  };

  let debounce = DEFAULT_SETTINGS.debounce;
  if (typeof r.debounce === 'number' && Number.isFinite(r.debounce)) {
    debounce = Math.min(5000, Math.max(0, r.debounce));
    if (debounce !== r.debounce) {
      bad('debounce', '0–5000', debounce);
    }
  } else if (has('debounce')) {
    bad('debounce', '0–5000', debounce);
  }
  let maxDiagnostics = DEFAULT_SETTINGS.maxDiagnostics;
  if (typeof r.maxDiagnostics === 'number' && Number.isInteger(r.maxDiagnostics) && r.maxDiagnostics >= 0) {
    maxDiagnostics = r.maxDiagnostics;
  } else if (has('maxDiagnostics')) {
    bad('maxDiagnostics', MAX_DIAGNOSTICS_EXPECTED, maxDiagnostics);
  }
  const corpus: CorpusSettings = { paths: [] };
  if (isRecord(r.corpus)) {
    for (const [key, v] of Object.entries(r.corpus)) {
      if (key !== 'paths') {
        problems.push({ kind: 'unknownKey', path: ['corpus', key], value: v });
      } else if (Array.isArray(v)) {
        v.forEach((x: unknown, i) => {
          if (typeof x === 'string' && x.trim().length > 0) {
            corpus.paths.push(x.trim());
          } else {
            problems.push({ kind: 'badValue', path: ['corpus', 'paths', String(i)], value: x, expected: '"…"' });
          }
        });
      } else if (v !== undefined && v !== null) {
        problems.push({ kind: 'badValue', path: ['corpus', 'paths'], value: v, expected: '["…"]', fallback: [] });
      }
    }
  } else if (has('corpus')) {
    bad('corpus', '{ "paths": ["…"] }', { paths: [] });
  }
  const terms: TermSetting[] = [];
  if (Array.isArray(r.terms)) {
    r.terms.forEach((entry, i) => {
      const at = ['terms', String(i)];
      if (!isRecord(entry) || typeof entry.expected !== 'string' || entry.expected === '') {
        problems.push({ kind: 'badValue', path: isRecord(entry) ? [...at, 'expected'] : at, value: isRecord(entry) ? entry.expected : entry, expected: TERM_EXPECTED });
        return;
      }
      const list = (key: 'patterns' | 'match' | 'noMatch', valid: (s: string) => boolean, expected: string): string[] => {
        const v = entry[key];
        if (v === undefined || v === null) {
          return [];
        }
        if (!Array.isArray(v)) {
          problems.push({ kind: 'badValue', path: [...at, key], value: v, expected: '["…"]' });
          return [];
        }
        return v.filter((x, k): x is string => {
          const ok = typeof x === 'string' && valid(x);
          if (!ok) {
            problems.push({ kind: 'badValue', path: [...at, key, String(k)], value: x, expected });
          }
          return ok;
        });
      };
      for (const key of Object.keys(entry)) {
        if (!['expected', 'patterns', 'match', 'noMatch'].includes(key)) {
          problems.push({ kind: 'unknownKey', path: [...at, key], value: entry[key] });
        }
      }
      const patterns = list('patterns', isPattern, 'a regular expression that matches some text');
      terms.push({ expected: entry.expected, patterns, match: list('match', (x) => x !== '', '"…"'), noMatch: list('noMatch', () => true, '"…"') });
    });
  } else if (has('terms')) {
    bad('terms', `[${TERM_EXPECTED}]`, []);
  }
  const settings: Settings = {
    enable: boolean('enable', DEFAULT_SETTINGS.enable),
    languages: stringArray('languages', DEFAULT_SETTINGS.languages),
    script: oneOf('script', SCRIPT_OPTIONS, DEFAULT_SETTINGS.script),
    rules,
    acceptedWords: stringArray('acceptedWords', []),
    run: oneOf('run', RUN_MODES, DEFAULT_SETTINGS.run),
    debounce,
    messageLanguage: oneOf('messageLanguage', MESSAGE_LANGUAGES, DEFAULT_SETTINGS.messageLanguage),
    maxDiagnostics,
    qitaForm: oneOf('qitaForm', QITA_FORMS, DEFAULT_SETTINGS.qitaForm),
    zuochuForm: oneOf('zuochuForm', ZUOCHU_FORMS, DEFAULT_SETTINGS.zuochuForm),
    corpus,
    terms,
  };
  return { settings, problems };
}

/** What an entry of `terms` must be, as problems name it. */
const TERM_EXPECTED = '{ "expected": "…", "patterns": ["…"], "match": ["…"], "noMatch": ["…"] }';

/** True for a JavaScript regular expression (Unicode mode) that matches no empty text. */
function isPattern(pattern: string): boolean {
  try {
    return !new RegExp(pattern, 'u').test('');
  } catch {
    return false;
  }
}

/** Normalises raw settings (any shape) into a complete, valid Settings object. Never throws. */
export function normalizeSettings(raw: unknown): Settings {
  return validateSettings(raw).settings;
}
