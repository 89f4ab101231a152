/**
 * Minimal text edits of a `.wenfeng.json` (JSONC): turn a rule off, add an accepted word. The rest of the
 * file — comments, order, formatting — is kept; only the inserted or replaced value changes. Offsets are
 * UTF-16 offsets of the text without a byte order mark (as an editor holds it).
 */
import { parseJsonc } from '../shared/config';

/** A replacement of `[offset, offset + length)` by `newText`. */
export interface TextChange {
  offset: number;
  length: number;
  newText: string;
}

/** The text of a new project file holding one key. */
export function newConfigText(key: 'rules' | 'acceptedWords', value: string, eol = '\n'): string {
  const inner = key === 'rules' ? `{${eol}    ${JSON.stringify(value)}: "off"${eol}  }` : `[${JSON.stringify(value)}]`;
  return `{${eol}  ${JSON.stringify(key)}: ${inner}${eol}}${eol}`;
}

/** Offset after whitespace and comments from `i`. */
function skip(text: string, i: number): number {
  for (;;) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end + 1;
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 2;
    } else {
      return i;
    }
  }
}

/** Offset of the value of the key located at `keyOffset` (length `keyLength`). */
function valueStart(text: string, keyOffset: number, keyLength: number): number {
  const colon = skip(text, keyOffset + keyLength);
  return skip(text, colon + 1);
}

function eolOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** The indentation of the first indented line, or two spaces. */
function indentUnit(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
}

/**
 * Inserts `member` (a `"key": value` or an array item) as the first member of the object or array opening at
 * `open`, on a line of its own when the file spreads over lines.
 */
function insertFirst(text: string, open: number, member: string, empty: boolean, depth: number): TextChange {
  const multiline = text.includes('\n');
  const eol = eolOf(text);
  const indent = indentUnit(text).repeat(depth);
  if (empty) {
    const close = skip(text, open + 1);
    const blank = text.slice(open + 1, close).trim() === '';
    // `{}` or `{ /* … */ }`: the member goes before the closer, the comments stay; blank space is replaced.
    return {
      offset: blank ? open + 1 : close,
      length: blank ? close - open - 1 : 0,
      newText: multiline && text[open] === '{' ? `${eol}${indent}${member}${eol}${indentUnit(text).repeat(depth - 1)}` : member,
    };
  }
  return { offset: open + 1, length: 0, newText: multiline && text[open] === '{' ? `${eol}${indent}${member},` : `${member}, ` };
}

/** The project file's text parsed as JSONC when it holds a JSON object, else undefined (no edit is offered). */
function parseObject(text: string): (ReturnType<typeof parseJsonc> & { value: Record<string, unknown> }) | undefined {
  let parsed: ReturnType<typeof parseJsonc>;
  try {
    parsed = parseJsonc(text);
  } catch {
    return undefined;
  }
  const v = parsed.value;
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (parsed as ReturnType<typeof parseJsonc> & { value: Record<string, unknown> }) : undefined;
}

/**
 * The change that sets `rules[rule]` to "off" in a project file's text, or undefined when the text is not a
 * JSON object (or its `rules` is not an object), or the rule is already off.
 */
export function ruleOffChange(text: string, rule: string): TextChange | undefined {
  const parsed = parseObject(text);
  if (!parsed) {
    return undefined;
  }
  const root = parsed.value;
  const rules = (root as Record<string, unknown>).rules;
  const top = skip(text, 0);
  if (rules === undefined) {
    const eol = eolOf(text);
    const unit = indentUnit(text);
    const value = text.includes('\n') ? `{${eol}${unit}${unit}${JSON.stringify(rule)}: "off"${eol}${unit}}` : `{ ${JSON.stringify(rule)}: "off" }`;
    return insertFirst(text, top, `"rules": ${value}`, Object.keys(root).length === 0, 1);
  }
  if (typeof rules !== 'object' || rules === null || Array.isArray(rules)) {
    return undefined;
  }
  const rulesKey = parsed.locations.get('rules')!;
  const open = valueStart(text, rulesKey.offset, rulesKey.length);
  const existing = (rules as Record<string, unknown>)[rule];
  if (existing === 'off') {
    return undefined;
  }
  if (existing !== undefined) {
    const key = parsed.locations.get(`rules\u0000${rule}`)!;
    const start = valueStart(text, key.offset, key.length);
    const end = start + JSON.stringify(existing).length;
    // A value written differently from JSON.stringify (spaces in an object…): replace up to the next , or }.
    const exact = text.slice(start, end) === JSON.stringify(existing);
    const stop = exact ? end : /[,}\n]/.exec(text.slice(start))!.index + start;
    return { offset: start, length: stop - start, newText: '"off"' };
  }
  return insertFirst(text, open, `${JSON.stringify(rule)}: "off"`, Object.keys(rules).length === 0, 2);
}

/**
 * The change that adds `word` to `acceptedWords` in a project file's text, or undefined when the text is not a
 * JSON object (or its `acceptedWords` is not an array), or the word is there already.
 */
export function acceptWordChange(text: string, word: string): TextChange | undefined {
  const parsed = parseObject(text);
  if (!parsed) {
    return undefined;
  }
  const root = parsed.value;
  const words = (root as Record<string, unknown>).acceptedWords;
  if (words === undefined) {
    return insertFirst(text, skip(text, 0), `"acceptedWords": [${JSON.stringify(word)}]`, Object.keys(root).length === 0, 1);
  }
  if (!Array.isArray(words) || words.includes(word)) {
    return undefined;
  }
  const key = parsed.locations.get('acceptedWords')!;
  const open = valueStart(text, key.offset, key.length);
  if (words.length === 0) {
    return { offset: skip(text, open + 1), length: 0, newText: JSON.stringify(word) };
  }
  // After the last item, so that the list keeps the order words were accepted in.
  const last = parsed.locations.get(`acceptedWords\u0000${words.length - 1}`)!;
  return { offset: last.offset + last.length, length: 0, newText: `, ${JSON.stringify(word)}` };
}
