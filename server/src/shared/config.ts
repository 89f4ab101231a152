/**
 * Turns Settings into the core's AnalysisConfig, and finds, reads and validates `.wenfeng.json` project files
 * (JSON with comments and trailing commas; a UTF-8 byte order mark is allowed). Every value that cannot be
 * used gets one message naming the key and the value used instead.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { validateSettings, type SettingProblem, type Settings } from '../../../protocol/settings';
import { ALL_RULES, ruleById } from '../analysis';
import { findTermMatches } from '../analysis/rules/phrasing/terms';
import type { AnalysisConfig, TextFormat } from '../analysis/types';
import { FileError, readRegularFile } from './files';

/** The house-style choices as written form → chosen form (其它 → 其他 when 其他 is chosen). */
function variantsOf(settings: Settings): { variants?: Record<string, string> } {
  const variants: Record<string, string> = {};
  if (settings.qitaForm !== 'off') {
    variants[settings.qitaForm === '其他' ? '其它' : '其他'] = settings.qitaForm;
  }
  if (settings.zuochuForm !== 'off') {
    variants[settings.zuochuForm === '作出' ? '做出' : '作出'] = settings.zuochuForm;
  }
  return Object.keys(variants).length > 0 ? { variants } : {};
}

/** The core's configuration for a resource's settings. */
export function toAnalysisConfig(settings: Settings, only?: readonly string[]): AnalysisConfig {
  return {
    rules: settings.rules,
    script: settings.script,
    acceptedWords: settings.acceptedWords,
    ...variantsOf(settings),
    ...(settings.terms.length > 0 ? { terms: settings.terms.map((t) => ({ expected: t.expected, patterns: t.patterns })) } : {}),
    ...(only && only.length > 0 ? { only } : {}),
  };
}

/** Input format from a file name or language id. */
export function formatOf(nameOrLanguage: string): TextFormat {
  return /(^markdown$|\.(md|markdown|mdx)$)/i.test(nameOrLanguage) ? 'markdown' : 'plaintext';
}

export const CONFIG_FILE_NAME = '.wenfeng.json';

/** Largest `.wenfeng.json` read (1 MB): anything bigger is not a settings file. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/**
 * Nearest `.wenfeng.json` at or above a folder, or undefined. The search stops at `stopAt` (a workspace
 * folder) and at the root of a repository (a folder holding `.git`), after looking there. Whatever has the
 * name is returned (a folder or device too), so that reading it reports why it is unusable.
 */
export function findProjectConfig(startDir: string, stopAt?: string): string | undefined {
  let dir = path.resolve(startDir);
  const stop = stopAt === undefined ? undefined : path.resolve(stopAt);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (exists(candidate)) {
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir || dir === stop || exists(path.join(dir, '.git'))) {
      return undefined;
    }
    dir = parent;
  }
}

function exists(p: string): boolean {
  try {
    fs.lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** One problem of a project file: a one-line message and the range it is about (UTF-16 offsets). */
export interface ConfigProblem {
  message: string;
  offset: number;
  length: number;
  /** True when the file cannot be used at all (unreadable, not JSON). */
  fatal: boolean;
}

/** A read `.wenfeng.json`. `settings` is undefined when the file cannot be used. */
export interface ProjectConfig {
  file: string;
  /** The file's text (without a byte order mark), when it could be read as UTF-8. */
  text?: string;
  settings?: Settings;
  /** The languages the file lists itself (`languages`), added to the editor's; undefined when it lists none. */
  languages?: string[];
  problems: ConfigProblem[];
}

/** Reads and validates a `.wenfeng.json` (or its unsaved text, when given). Never throws. */
export function readProjectConfig(file: string, unsavedText?: string): ProjectConfig {
  let text = unsavedText;
  if (text === undefined) {
    let bytes: Buffer;
    try {
      bytes = readRegularFile(file, MAX_CONFIG_BYTES);
    } catch (e) {
      return { file, problems: [{ message: (e as FileError).message, offset: 0, length: 0, fatal: true }] };
    }
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return { file, problems: [{ message: l10n.t('not UTF-8 text'), offset: 0, length: 0, fatal: true }] };
    }
  }
  text = text.replace(/^\uFEFF/, '');
  let parsed: ParsedJson;
  try {
    parsed = parseJsonc(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) {
      return { file, text, problems: [{ message: l10n.t('not valid JSON: {0}', e.message), offset: e.offset, length: 1, fatal: true }] };
    }
    throw e;
  }
  if (typeof parsed.value !== 'object' || parsed.value === null || Array.isArray(parsed.value)) {
    return { file, text, problems: [{ message: l10n.t('the settings must be a JSON object'), offset: 0, length: text.length, fatal: true }] };
  }
  const { settings, problems } = validateSettings(parsed.value, knownRuleIds());
  problems.push(...termExampleProblems(settings));
  const listed = 'languages' in parsed.value && Array.isArray((parsed.value as { languages?: unknown }).languages);
  return {
    file,
    text,
    settings,
    ...(listed ? { languages: settings.languages } : {}),
    problems: problems.map((p) => {
      const loc = parsed.locations.get(p.path.join('\u0000'));
      return { message: describeSettingProblem(p, ''), offset: loc?.offset ?? 0, length: loc?.length ?? 0, fatal: false };
    }).sort((a, b) => a.offset - b.offset),
  };
}

/**
 * The examples of the terms table that fail: a `match` example in which its entry reports nothing, a
 * `noMatch` example in which it reports something.
 */
export function termExampleProblems(settings: Settings): SettingProblem[] {
  const out: SettingProblem[] = [];
  settings.terms.forEach((t, i) => {
    const matches = (example: string): number => findTermMatches(example, t).length;
    t.match.forEach((x, k) => {
      if (matches(x) === 0) {
        out.push({ kind: 'termExample', path: ['terms', String(i), 'match', String(k)], value: x, example: 'unmatched' });
      }
    });
    t.noMatch.forEach((x, k) => {
      if (matches(x) > 0) {
        out.push({ kind: 'termExample', path: ['terms', String(i), 'noMatch', String(k)], value: x, example: 'matched' });
      }
    });
  });
  return out;
}

let ruleIds: Set<string> | undefined;

/** The ids of every rule of the registry. */
export function knownRuleIds(): ReadonlySet<string> {
  return (ruleIds ??= new Set(ALL_RULES.map((r) => r.meta.id)));
}

function show(value: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 40 ? `${s.slice(0, 39)}…` : s;
}

/**
 * The one-line message of a settings problem. `prefix` goes before the key (`wenfeng.` for editor settings).
 */
export function describeSettingProblem(p: SettingProblem, prefix: string): string {
  const key = prefix + p.path.join('.');
  switch (p.kind) {
    case 'unknownKey':
      return l10n.t('{0}: unknown setting; ignored', key);
    case 'unknownRule':
      return l10n.t('{0}: unknown rule id; ignored', key);
    case 'termExample':
      return p.example === 'unmatched'
        ? l10n.t('{0}: no pattern of this term matches the example {1}', key, show(p.value))
        : l10n.t('{0}: a pattern of this term matches the example {1}, which should not be reported', key, show(p.value));
    case 'badValue': {
      let fallback = p.fallback;
      if (p.path[0] === 'rules' && p.path.length === 2) {
        fallback = ruleById(p.path[1]!)?.meta.defaultSeverity;
      }
      return fallback === undefined
        ? l10n.t('{0}: {1} is not valid (expected {2}); ignored', key, show(p.value), p.expected ?? '')
        : l10n.t('{0}: {1} is not valid (expected {2}); using {3}', key, show(p.value), p.expected ?? '', show(fallback));
    }
  }
}

/** Line and column (both zero-based, UTF-16) of an offset. */
export function lineColumn(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

// ---------------------------------------------------------------------------------------------------------
// A small JSONC parser: JSON plus // and /* */ comments and trailing commas. It records where every key (and
// every array item) is, so that problems can point at it, and its errors never quote the text.

/** A syntax error at an offset; the message is localised and does not quote the input. */
export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface ParsedJson {
  value: unknown;
  /** Range of each property key (or array item), by its path joined with U+0000. */
  locations: Map<string, { offset: number; length: number }>;
}

const MAX_DEPTH = 64;

export function parseJsonc(text: string): ParsedJson {
  const locations = new Map<string, { offset: number; length: number }>();
  let i = 0;

  const fail = (message: string, at = i): never => {
    throw new JsonSyntaxError(message, Math.min(at, text.length));
  };
  const skip = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0xfeff) {
        i++;
      } else if (c === 0x2f && text[i + 1] === '/') {
        const end = text.indexOf('\n', i);
        i = end === -1 ? text.length : end + 1;
      } else if (c === 0x2f && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end === -1) {
          fail(l10n.t('a comment is not closed'));
        }
        i = end + 2;
      } else {
        return;
      }
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) {
        fail(l10n.t('a string is not closed'), start);
      }
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        break;
      }
      if (c < 0x20) {
        fail(l10n.t('a string is not closed'), start);
      }
      i += c === 0x5c ? 2 : 1;
    }
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail(l10n.t('invalid escape in a string'), start);
    }
  };
  const value = (p: string[], depth: number): unknown => {
    if (depth > MAX_DEPTH) {
      fail(l10n.t('nested too deeply'));
    }
    skip();
    const c = text[i];
    if (c === '{') {
      i++;
      const obj: Record<string, unknown> = {};
      skip();
      while (text[i] !== '}') {
        if (text[i] !== '"') {
          fail(l10n.t('expected a property name in double quotes'));
        }
        const keyStart = i;
        const key = string();
        locations.set([...p, key].join('\u0000'), { offset: keyStart, length: i - keyStart });
        skip();
        if (text[i] !== ':') {
          fail(l10n.t('expected “:”'));
        }
        i++;
        Object.defineProperty(obj, key, { value: value([...p, key], depth + 1), enumerable: true, writable: true, configurable: true });
        skip();
        if (text[i] === ',') {
          i++;
          skip();
        } else if (text[i] !== '}') {
          fail(l10n.t('expected “,” or “}”'));
        }
      }
      i++;
      return obj;
    }
    if (c === '[') {
      i++;
      const arr: unknown[] = [];
      skip();
      while (text[i] !== ']') {
        skip();
        const itemStart = i;
        const item = value([...p, String(arr.length)], depth + 1);
        locations.set([...p, String(arr.length)].join('\u0000'), { offset: itemStart, length: i - itemStart });
        arr.push(item);
        skip();
        if (text[i] === ',') {
          i++;
          skip();
        } else if (text[i] !== ']') {
          fail(l10n.t('expected “,” or “]”'));
        }
      }
      i++;
      return arr;
    }
    if (c === '"') {
      return string();
    }
    const rest = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!rest) {
      return fail(i >= text.length ? l10n.t('unexpected end of the file') : l10n.t('expected a value'));
    }
    i += rest[0].length;
    return JSON.parse(rest[0]) as unknown;
  };

  const v = value([], 0);
  skip();
  if (i < text.length) {
    fail(l10n.t('unexpected content after the end'));
  }
  return { value: v, locations };
}
