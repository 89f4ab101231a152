/**
 * Applying fixes to a text: the engine of fix-all, `wenfeng fix` and the server's source action.
 */
import type { Finding, TextEdit } from './types';

/**
 * Applies the first automatic fix of every finding, in document order. A fix whose edits overlap an edit
 * already taken is skipped (the next run picks it up), so the result never depends on edit order and
 * text outside the fixes' ranges is never touched. Returns the new text and the edits applied.
 */
export function applyFixes(
  text: string,
  findings: readonly Finding[],
  accept: (f: Finding) => boolean = () => true,
): { text: string; edits: TextEdit[] } {
  const taken: TextEdit[] = [];
  const sorted = [...findings].sort((a, b) => a.start - b.start || a.end - b.end);
  for (const f of sorted) {
    if (!accept(f)) {
      continue;
    }
    const fix = f.fixes.find((x) => x.auto);
    if (!fix) {
      continue;
    }
    const overlaps = fix.edits.some((e) =>
      taken.some((t) => e.start < t.end && t.start < e.end || (e.start === e.end && e.start === t.start) || (t.start === t.end && t.start === e.start)),
    );
    if (overlaps) {
      continue;
    }
    taken.push(...fix.edits);
  }
  taken.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let last = 0;
  for (const e of taken) {
    out += text.slice(last, e.start) + e.newText;
    last = e.end;
  }
  out += text.slice(last);
  return { text: out, edits: taken };
}
