/**
 * In-document control comments:
 *   <!-- wenfeng-disable [rule…] -->  …  <!-- wenfeng-enable [rule…] -->
 *   <!-- wenfeng-disable-next-line [rule…] -->
 *   <!-- wenfeng-disable-line [rule…] -->
 * In plain text, also on a line of its own (plain text has no comments; see {@link PLAIN_DIRECTIVE_RE}):
 *   // wenfeng-disable [rule…]  …  // wenfeng-enable [rule…]
 *   // wenfeng-disable-next-line [rule…]
 * A rule may be named by its id (`script/mixed`) or its category (`script`); no name means every rule.
 */
import { PLAIN_DIRECTIVE_RE, splitLines } from './document';
import type { TextFormat } from './types';

/** A suppressed range of the document for some rules (empty list: all rules). */
export interface Suppression {
  start: number;
  end: number;
  rules: readonly string[];
}

const DIRECTIVE = /<!--\s*wenfeng-(disable-next-line|disable-line|disable|enable)((?:\s+[\w/-]+)*)\s*-->/g;

function lineIndexAt(lines: ReturnType<typeof splitLines>, offset: number): number {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lines[mid]!.start <= offset) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

/** Every directive of a text in order: the HTML-comment form, and in plain text the line form. */
function directiveMatches(text: string, format: TextFormat): RegExpExecArray[] {
  const all: RegExpExecArray[] = [];
  for (const re of format === 'plaintext' ? [DIRECTIVE, PLAIN_DIRECTIVE_RE] : [DIRECTIVE]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      all.push(m);
    }
  }
  return all.sort((a, b) => a.index - b.index);
}

/** Parses every directive of a text into suppressed ranges. */
export function parseDirectives(text: string, format: TextFormat = 'markdown'): Suppression[] {
  if (!text.includes('wenfeng-')) {
    return [];
  }
  const out: Suppression[] = [];
  const lines = splitLines(text);
  // Open `disable` regions: rule name ('' for all) → start offset.
  const open = new Map<string, number>();
  for (const m of directiveMatches(text, format)) {
    const kind = m[1]!;
    const rules = m[2]!.trim().split(/\s+/).filter((r) => r.length > 0);
    const end = m.index + m[0].length;
    if (kind === 'disable') {
      for (const r of rules.length > 0 ? rules : ['']) {
        if (!open.has(r)) {
          open.set(r, end);
        }
      }
    } else if (kind === 'enable') {
      const names = rules.length > 0 ? rules : [...open.keys()];
      for (const r of names) {
        const start = open.get(r);
        if (start !== undefined) {
          out.push({ start, end: m.index, rules: r === '' ? [] : [r] });
          open.delete(r);
        }
      }
    } else {
      const li = lineIndexAt(lines, m.index) + (kind === 'disable-next-line' ? 1 : 0);
      const line = lines[li];
      if (line) {
        out.push({ start: line.start, end: line.end, rules });
      }
    }
  }
  for (const [r, start] of open) {
    out.push({ start, end: text.length, rules: r === '' ? [] : [r] });
  }
  return out;
}

function names(rule: string, list: readonly string[]): boolean {
  if (list.length === 0) {
    return true;
  }
  const category = rule.slice(0, rule.indexOf('/'));
  return list.includes(rule) || list.includes(category);
}

/** True when a finding of `rule` over `[start, end)` is suppressed. */
export function isSuppressed(suppressions: readonly Suppression[], rule: string, start: number, end: number): boolean {
  for (const s of suppressions) {
    if (start >= s.start && (start < s.end || (start === s.end && start === end)) && names(rule, s.rules)) {
      return true;
    }
  }
  return false;
}
