/**
 * repetition/duplicate-paragraph — a paragraph (at least 20 characters) identical or nearly identical to an
 * earlier one, typically text pasted twice. A repeated run of paragraphs is one finding; its related
 * information points at the first copy.
 *
 * Identical means equal after whitespace and punctuation are removed; nearly identical means most of the
 * text is shared (see analysis/detect/duplicates.ts for the measure and its threshold). The comparison is linear in the
 * document's length (paragraphs are hashed, never compared pair by pair).
 *
 * ✗ 作为组工战线的一分子……（整段）
 *   ……
 *   作为组工战线的一分子……（同一段再次出现）
 * ✓ 两段开头相同、内容不同：一是坚持党的领导，把方向、谋大局。/ 一是坚持党的领导，定政策、促改革。
 *
 * Fix: delete the repeat's lines, with the line breaks that separated it from the next paragraph, so exactly
 * one copy remains and no blank line is left behind; the finding's range is what the fix deletes. The fix is automatic for exact copies and a suggestion for near copies (deleting one
 * loses its differences).
 */
import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../../rule';
import { contentEndBefore, contentStartAfter, duplicatesOf, lineBreaks, lineStartOf } from '../../detect/duplicates';

/** 1-based line number of every offset asked for, in one pass over the text. */
function lineNumbers(text: string, offsets: readonly number[]): Map<number, number> {
  const sorted = [...new Set(offsets)].sort((a, b) => a - b);
  const out = new Map<number, number>();
  let line = 1;
  let k = 0;
  // Jump from one line break to the next (LF, CRLF or a lone CR) instead of visiting every code unit; the
  // next CR is searched for again only once passed (a text with a few CRs is not scanned to them per line).
  let cr = text.indexOf('\r');
  let at = 0;
  while (k < sorted.length) {
    let lf = text.indexOf('\n', at);
    if (cr >= 0 && cr < at) {
      cr = text.indexOf('\r', at);
    }
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      // CRLF counts once, at its LF.
      lf = text.charCodeAt(cr + 1) === 10 ? cr + 1 : cr;
    }
    const next = lf < 0 ? text.length + 1 : lf + 1;
    while (k < sorted.length && sorted[k]! < next) {
      if (sorted[k]! <= text.length) {
        out.set(sorted[k]!, line);
      }
      k++;
    }
    if (lf < 0) {
      break;
    }
    line++;
    at = next;
  }
  return out;
}

/** Offset just after the first line break at or after `offset` (CRLF whole), or the text's end. */
function throughLineBreak(text: string, offset: number): number {
  for (let i = offset; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      return i + 1;
    }
    if (c === 13) {
      return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
    }
  }
  return text.length;
}

export const rule: DocumentRule = {
  meta: {
    id: 'repetition/duplicate-paragraph',
    category: 'repetition',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'A paragraph or run of paragraphs repeated, identically or nearly',
  },
  scope: 'document',
  check(ctx) {
    const { blocks } = duplicatesOf(ctx);
    if (blocks.length === 0) {
      return;
    }
    const ps = ctx.paragraphs;
    const lines = lineNumbers(ctx.text, blocks.map((b) => ps[b.first]!.start));
    for (const b of blocks) {
      const firstStart = ps[b.first]!.start;
      const firstEnd = ps[b.first + b.length - 1]!.end;
      const repeatStart = ps[b.repeat]!.start;
      const repeatEnd = ps[b.repeat + b.length - 1]!.end;
      // The finding is exactly what the fix deletes, so the fix touches nothing outside it: the repeat's
      // whole lines, from the start of its first line (its indentation) through its own line break. One copy
      // remains, and the range starts on the repeat's own line, never on the line before.
      const start = lineStartOf(ctx.text, Math.min(contentStartAfter(ctx.text, repeatStart), repeatEnd));
      const next = contentStartAfter(ctx.text, repeatEnd);
      const ownEnd = throughLineBreak(ctx.text, repeatEnd);
      let end = ownEnd;
      if (next < ctx.text.length) {
        // Blank lines after the repeat go with it when the paragraphs before it are separated as widely
        // (A␤␤A␤␤C → A␤␤C); otherwise they stay (a pasted line between two lines of the essay).
        const nextLine = lineStartOf(ctx.text, next);
        const before = lineBreaks(ctx.text, contentEndBefore(ctx.text, start), start);
        if (nextLine > ownEnd && before >= 1 + lineBreaks(ctx.text, ownEnd, nextLine)) {
          end = nextLine;
        }
      }
      const line = lines.get(firstStart) ?? 1;
      // A near copy can share every 5-gram (the same clauses in another order): it still reads as less
      // than 100%, since it is not the same text.
      const percent = Math.min(Math.round(b.similarity * 100), b.exact ? 100 : 99);
      let message: string;
      if (b.length === 1) {
        message = b.exact
          ? l10n.t('This paragraph repeats the paragraph at line {0}', line)
          : l10n.t('This paragraph nearly repeats the paragraph at line {0} ({1}% shared)', line, percent);
      } else {
        message = b.exact
          ? l10n.t('These {0} paragraphs repeat the paragraphs from line {1}', b.length, line)
          : l10n.t('These {0} paragraphs nearly repeat the paragraphs from line {1} ({2}% shared)', b.length, line, percent);
      }
      ctx.report({
        message,
        start,
        end,
        related: [{ start: firstStart, end: firstEnd, message: l10n.t('First copy') }],
        fixes: [
          {
            title: b.length === 1 ? l10n.t('Delete the repeated paragraph') : l10n.t('Delete the {0} repeated paragraphs', b.length),
            auto: b.exact,
            edits: [{ start, end, newText: '' }],
          },
        ],
      });
    }
  },
};
