/**
 * phrasing/terms — the user's own terms table: for each term its expected form and the patterns of the
 * forms it must not take (setting `terms`, in the editor's settings or `.wenfeng.json`). A pattern's match
 * is reported with a fix to the expected form, except where it lies inside an occurrence of the expected
 * form itself (the pattern 新时代中国特色社会主义思想 of the expected 习近平新时代中国特色社会主义思想 is
 * not reported inside the full name).
 *
 * Options (each entry of `terms`):
 * - `expected`: the form to write;
 * - `patterns`: JavaScript regular expressions (Unicode mode) of the wrong forms; an entry without patterns
 *   makes `expected` a canonical phrase of phrasing/near-canonical instead;
 * - `match` / `noMatch`: example texts in which the entry must / must not report something. They are
 *   checked when the settings are read; a failing example, or a pattern that is no regular expression, is
 *   reported on the settings file at the place it is written.
 *
 * ✗ 十九届三中全会 with { "expected": "党的十九届三中全会", "patterns": ["(?<!党的)十九届三中全会"] }
 * ✓ 党的十九届三中全会
 *
 * Fix: the expected form, automatic (the user wrote the table).
 */
import * as l10n from '@vscode/l10n';
import type { ParagraphRule } from '../../rule';
import type { Term } from '../../types';

/** A match of a term's pattern: [start, end) of the text, to be replaced by the term's expected form. */
export interface TermMatch {
  start: number;
  end: number;
  found: string;
  expected: string;
}

const compiled = new Map<string, RegExp | null>();

/** The pattern compiled (global, Unicode), or null when it is no valid regular expression. */
export function compileTermPattern(pattern: string): RegExp | null {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern, 'gu');
    } catch {
      re = null;
    }
    if (compiled.size > 1000) {
      compiled.clear();
    }
    compiled.set(pattern, re);
  }
  return re;
}

/** The reported matches of one term in a text, in text order, without overlaps (the first match wins). */
export function findTermMatches(text: string, term: Term): TermMatch[] {
  if (term.expected === '') {
    return [];
  }
  const inside: Array<[number, number]> = [];
  for (let k = text.indexOf(term.expected); k !== -1; k = text.indexOf(term.expected, k + 1)) {
    inside.push([k, k + term.expected.length]);
  }
  const out: TermMatch[] = [];
  for (const pattern of term.patterns) {
    const re = compileTermPattern(pattern);
    if (!re) {
      continue;
    }
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) {
        re.lastIndex = start + 1;
        continue;
      }
      if (m[0] === term.expected || inside.some(([a, b]) => a <= start && end <= b) || out.some((o) => o.start < end && start < o.end)) {
        continue;
      }
      out.push({ start, end, found: m[0], expected: term.expected });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

export const rule: ParagraphRule = {
  meta: {
    id: 'phrasing/terms',
    category: 'phrasing',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'A term written otherwise than the user\'s terms table says (setting terms)',
  },
  scope: 'paragraph',
  check(ctx) {
    const terms = ctx.terms ?? [];
    if (terms.length === 0) {
      return;
    }
    const taken: TermMatch[] = [];
    for (const term of terms) {
      for (const m of findTermMatches(ctx.prose, term)) {
        if (ctx.accepted.has(m.found) || taken.some((o) => o.start < m.end && m.start < o.end)) {
          continue;
        }
        taken.push(m);
        ctx.report({
          message: l10n.t('The terms table writes “{0}” as “{1}”', m.found, m.expected),
          start: m.start,
          end: m.end,
          fixes: [{ title: l10n.t('Replace with “{0}”', m.expected), auto: true, edits: [{ start: m.start, end: m.end, newText: m.expected }] }],
        });
      }
    }
  },
};
