/**
 * What the CLI's paths name: globs (`*`, `**`, `?`, `{a,b}`, `[…]`) and folder walks that honour
 * `.gitignore` and `.wenfengignore` files (a subset of gitignore: blank lines, `#` comments, `!` negation,
 * a trailing `/` for folders, a `/` that anchors a pattern to its file's folder, `*`, `?`, `[…]` and `**`).
 * Ignore files are read from the folder walked up to its repository root (the nearest folder holding `.git`)
 * and in every folder below it; a deeper file and a later line win. Explicitly named files are never ignored.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The ignore files, in the order they are read in one folder (a later one wins). */
export const IGNORE_FILES = ['.gitignore', '.wenfengignore'] as const;

interface IgnoreRule {
  negate: boolean;
  dirOnly: boolean;
  /** Anchored rules match the path relative to the file's folder; the others match the last name. */
  anchored: boolean;
  re: RegExp;
}

/** The rules of one ignore file and the folder they are relative to. */
export interface IgnoreFile {
  dir: string;
  rules: IgnoreRule[];
}

const escapeRe = (c: string): string => c.replace(/[.+^$()|\\[\]{}*?]/g, '\\$&');

/**
 * The regular expression source of a glob over `/`-separated paths: `**` as a whole segment crosses folders,
 * `*` and `?` stay inside one, `[…]` is a class and, with `braces`, `{a,b}` an alternation.
 */
export function globSource(glob: string, braces: boolean): string {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '\\' && i + 1 < glob.length) {
      re += escapeRe(glob[++i]!);
    } else if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const next = glob[i + 2];
        i++;
        if (atStart && next === '/') {
          re += '(?:[^/]*/)*';
          i++;
        } else if (atStart && next === undefined) {
          re += '.*';
        } else {
          re += '[^/]*';
        }
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
      } else {
        let body = glob.slice(i + 1, close);
        body = body.startsWith('!') ? `^${body.slice(1)}` : body;
        re += `[${body.replace(/\\(?!\])/g, '\\\\')}]`;
        i = close;
      }
    } else if (braces && c === '{') {
      re += '(?:';
      depth++;
    } else if (braces && c === '}' && depth > 0) {
      re += ')';
      depth--;
    } else if (braces && c === ',' && depth > 0) {
      re += '|';
    } else {
      re += escapeRe(c);
    }
  }
  return re + ')'.repeat(depth);
}

/** Parses the text of an ignore file. */
export function parseIgnore(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const negate = line.startsWith('!');
    if (negate) {
      line = line.slice(1);
    } else if (line.startsWith('\\!') || line.startsWith('\\#')) {
      line = line.slice(1);
    }
    const dirOnly = line.endsWith('/');
    if (dirOnly) {
      line = line.slice(0, -1);
    }
    const anchored = line.includes('/');
    if (line.startsWith('/')) {
      line = line.slice(1);
    }
    if (line === '') {
      continue;
    }
    rules.push({ negate, dirOnly, anchored, re: new RegExp(`^${globSource(line, false)}$`) });
  }
  return rules;
}

/** Reads the ignore files of one folder (none there: undefined). */
export function readIgnoreFiles(dir: string): IgnoreFile[] {
  const out: IgnoreFile[] = [];
  for (const name of IGNORE_FILES) {
    let text: string;
    try {
      text = fs.readFileSync(path.join(dir, name), 'utf8');
    } catch {
      continue;
    }
    out.push({ dir, rules: parseIgnore(text) });
  }
  return out;
}

/** The ignore files that apply to a folder walked from: its own and its parents' up to the repository root. */
export function ancestorIgnores(dir: string): IgnoreFile[] {
  const chain: string[] = [];
  let d = path.resolve(dir);
  for (;;) {
    chain.unshift(d);
    if (fs.existsSync(path.join(d, '.git'))) {
      break;
    }
    const up = path.dirname(d);
    if (up === d) {
      // No repository: only the folder's own files.
      chain.splice(0, chain.length - 1);
      break;
    }
    d = up;
  }
  return chain.flatMap(readIgnoreFiles);
}

/** Whether the ignore files (outermost first) exclude a path. */
export function isIgnored(file: string, isDir: boolean, ignores: readonly IgnoreFile[]): boolean {
  const abs = path.resolve(file);
  const name = path.basename(abs);
  let ignored = false;
  for (const f of ignores) {
    const rel = path.relative(f.dir, abs).split(path.sep).join('/');
    if (rel === '' || rel.startsWith('../')) {
      continue;
    }
    for (const r of f.rules) {
      if ((r.dirOnly && !isDir) || r.negate !== ignored) {
        continue;
      }
      if (r.re.test(r.anchored ? rel : name)) {
        ignored = !r.negate;
      }
    }
  }
  return ignored;
}

/** Whether a path is a glob pattern (and not the name of something that exists). */
export function isGlob(p: string): boolean {
  return /[*?[{]/.test(p) && !fs.existsSync(p);
}

/** The folder a glob starts from (its segments before the first with a pattern) and the rest of it. */
export function globBase(glob: string): { base: string; rest: string } {
  const parts = glob.split('/');
  const i = parts.findIndex((s) => /[*?[{]/.test(s));
  const base = parts.slice(0, i).join('/');
  return { base: base === '' && glob.startsWith('/') ? '/' : base, rest: parts.slice(i).join('/') };
}
