/**
 * script/invisible — characters a reader cannot see but that break search, comparison, line breaking and
 * copying: zero-width characters, control characters, a byte order mark inside the document, and a
 * non-breaking space inside Chinese text.
 *
 * Detected:
 * - zero-width space U+200B, non-joiner U+200C, joiner U+200D, word joiner U+2060;
 * - U+FEFF anywhere but at offset 0 of the document (a stray BOM, typically left by concatenated files);
 * - C0 and C1 control characters and DEL, except tab, line feed and carriage return;
 * - U+00A0 (NBSP) directly between two visible characters of which at least one is Chinese, or between two
 *   Latin words of a paragraph that contains Han characters.
 *
 * Not flagged: a BOM at offset 0; a zero-width joiner or non-joiner inside an emoji sequence (👨‍👩‍👧) or
 * between letters of a script that uses them (Arabic, Indic…); NBSP used as indentation, as trailing
 * padding or next to ordinary spaces (that is spacing, not an invisible character inside a word); anything
 * in Markdown code spans, HTML and comments. Invisible characters glued to a URL or an e-mail address are
 * flagged even though the document model masks the address (they are never part of an address).
 * Blank lines holding only a stray BOM or a form feed are flagged too.
 *
 * ✗ 全心全意\u200B为人民服务   ✓ 全心全意为人民服务
 * ✗ 坚持\u00A0人民至上          ✓ 坚持人民至上
 * ✓ 首行\u00A0\u00A0缩进用的不换行空格 at the start or end of a line · 👨‍👩‍👧
 *
 * Fix: delete (a run of adjacent invisible characters is one finding). NBSP between Chinese: delete, with
 * "replace by a normal space" as an alternative; NBSP next to a Latin word or a number: a normal space.
 */
import * as l10n from '@vscode/l10n';
import { isChinese } from '../../chars';
import { MASK, type Paragraph } from '../../document';
import type { DocumentRule } from '../../rule';
import type { Fix } from '../../types';
import { halfwidthPlan } from '../../detect/halfwidth-marks';
import { quotePlans } from '../../detect/quote-marks';

/** Every candidate code unit; one constant regex scanned over the whole text. */
const CANDIDATE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00a0\u200b-\u200d\u2060\ufeff]/g;
/** Letters and marks of scripts that use zero-width (non-)joiners legitimately. */
const LETTER_OR_MARK = /^[\p{L}\p{M}]/u;
const NON_JOINING_SCRIPT = /^[\p{Script=Han}\p{Script=Latin}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Bopomofo}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const EMOJI = /^[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F\u20E3]/u;
const LATIN_WORD = /^[\p{Script=Latin}0-9]/u;
const WHITESPACE = /^\s/;
const HAN_ANYWHERE = /\p{Script=Han}/u;

const NBSP = 0xa0;
const BOM = 0xfeff;

/** The code point before `offset` (a whole surrogate pair), or undefined at the start. */
function before(text: string, offset: number): string | undefined {
  if (offset <= 0) {
    return undefined;
  }
  const lo = text.charCodeAt(offset - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && offset >= 2) {
    const hi = text.charCodeAt(offset - 2);
    if (hi >= 0xd800 && hi <= 0xdbff) {
      return text.slice(offset - 2, offset);
    }
  }
  return text[offset - 1];
}

/** The code point at `offset` (a whole surrogate pair), or undefined at the end. */
function at(text: string, offset: number): string | undefined {
  if (offset >= text.length) {
    return undefined;
  }
  const cp = text.codePointAt(offset)!;
  return String.fromCodePoint(cp);
}

function isZeroWidth(c: number): boolean {
  return (c >= 0x200b && c <= 0x200d) || c === 0x2060;
}

function isJoiningLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER_OR_MARK.test(ch) && !NON_JOINING_SCRIPT.test(ch);
}

function isEmoji(ch: string | undefined): boolean {
  return ch !== undefined && EMOJI.test(ch);
}

/** `U+200B`-style name of a code unit. */
function codeName(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** What kind of invisible character a code unit is (translated). */
function kindName(c: number): string {
  switch (c) {
    case 0x200b:
      return l10n.t('zero-width space');
    case 0x200c:
      return l10n.t('zero-width non-joiner');
    case 0x200d:
      return l10n.t('zero-width joiner');
    case 0x2060:
      return l10n.t('word joiner');
    case BOM:
      return l10n.t('byte order mark');
    default:
      return l10n.t('control character');
  }
}

/**
 * Answers, for increasing offsets, whether a masked position of a paragraph belongs to a code span, HTML or
 * a comment (never flagged), judged from the first code unit of its run of masked code units. URLs, e-mail
 * addresses and Markdown markers are masked too, but an invisible character in them is a defect all the
 * same. The run start found last is remembered, so a long masked run is walked once.
 */
function codeOrMarkupTester(): (p: Paragraph, offset: number) => boolean {
  let lastParagraph: Paragraph | undefined;
  let lastOffset = -1;
  let lastStart = -1;
  return (p, offset) => {
    let s = offset;
    while (s > 0 && p.prose.charCodeAt(s - 1) === 0xe000) {
      if (p === lastParagraph && s - 1 === lastOffset) {
        s = lastStart;
        break;
      }
      s--;
    }
    lastParagraph = p;
    lastOffset = offset;
    lastStart = s;
    const first = p.text[s];
    return first === '`' || first === '<' || first === '~';
  };
}

/** Index of the paragraph containing `offset`, searching forward from `from`; -1 when none. */
function paragraphAt(paragraphs: readonly Paragraph[], offset: number, from: number): number {
  let i = from;
  while (i < paragraphs.length && paragraphs[i]!.end <= offset) {
    i++;
  }
  return i < paragraphs.length && paragraphs[i]!.start <= offset ? i : -1;
}

/** Answers, for increasing offsets, whether the line holding an offset is blank (only whitespace). */
function blankLineTester(text: string): (offset: number) => boolean {
  let lineEnd = -1;
  let blank = false;
  return (offset) => {
    if (offset < lineEnd) {
      return blank;
    }
    let s = offset;
    while (s > 0 && text[s - 1] !== '\n' && text[s - 1] !== '\r') {
      s--;
    }
    let e = offset;
    while (e < text.length && text[e] !== '\n' && text[e] !== '\r') {
      e++;
    }
    lineEnd = e;
    blank = text.slice(s, e).trim().length === 0;
    return blank;
  };
}

export const rule: DocumentRule = {
  meta: {
    id: 'script/invisible',
    category: 'script',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'Invisible characters: zero-width and control characters, a stray BOM, a non-breaking space in Chinese',
  },
  scope: 'document',
  check(ctx) {
    const { text, paragraphs } = ctx;
    // Pending run of deletable invisible characters: [start, end) and the code units in it.
    let runStart = -1;
    let runEnd = -1;
    let runCodes: number[] = [];
    const flush = (): void => {
      if (runStart < 0) {
        return;
      }
      // A long run is named by its first characters (a message is not the place for a megabyte of codes).
      const codes = runCodes.slice(0, 6).map(codeName).join(' ') + (runCodes.length > 6 ? ' …' : '');
      const first = runCodes[0]!;
      const message =
        runCodes.length === 1
          ? first === BOM
            ? l10n.t('Byte order mark ({0}) inside the document', codes)
            : l10n.t('Invisible character in the text: {0} ({1})', kindName(first), codes)
          : l10n.t('{0} invisible characters in the text: {1}', runCodes.length, codes);
      ctx.report({
        message,
        start: runStart,
        end: runEnd,
        fixes: [
          {
            title: runCodes.length === 1 ? l10n.t('Delete the invisible character') : l10n.t('Delete the invisible characters'),
            auto: true,
            edits: [{ start: runStart, end: runEnd, newText: '' }],
          },
        ],
      });
      runStart = -1;
      runCodes = [];
    };
    const hanInParagraph = new Map<number, boolean>();
    const inCodeOrMarkup = codeOrMarkupTester();
    const onBlankLine = blankLineTester(text);

    let zeroWidthEnd = -1;
    let zeroWidthAllowed = false;
    let pi = 0;
    CANDIDATE.lastIndex = 0;
    for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
      const i = m.index;
      const c = text.charCodeAt(i);
      if (c === BOM && i === 0) {
        continue;
      }
      const found = paragraphAt(paragraphs, i, pi);
      let p: Paragraph | undefined;
      if (found >= 0) {
        pi = found;
        p = paragraphs[found]!;
        const local = i - p.start;
        if (p.prose.charCodeAt(local) === 0xe000 && (c === NBSP || inCodeOrMarkup(p, local))) {
          continue;
        }
      } else if (c === NBSP || !onBlankLine(i)) {
        // Outside paragraphs: fenced code, front matter and masked-only lines are not prose.
        continue;
      }

      if (c === NBSP) {
        // A whole run of NBSP between two visible characters.
        if (i > 0 && text.charCodeAt(i - 1) === NBSP) {
          continue;
        }
        let e = i + 1;
        while (e < text.length && text.charCodeAt(e) === NBSP) {
          e++;
        }
        const prose = p!.prose;
        const local = i - p!.start;
        const localEnd = e - p!.start;
        if (localEnd > prose.length) {
          continue;
        }
        const prev = before(prose, local);
        const next = at(prose, localEnd);
        if (prev === undefined || next === undefined || WHITESPACE.test(prev) || WHITESPACE.test(next)) {
          continue;
        }
        // A half-width mark that punctuation/halfwidth or punctuation/duplicate converts, and a straight
        // quote that punctuation/quotes converts, count as the Chinese mark they become (`(刘备)\u00A0(刘备)`,
        // `『好'\u00A02018`): else the next round would decide otherwise.
        let halfwidth: ReadonlySet<number> | undefined;
        const quotes = quotePlans(ctx).plans[pi]!.pairs;
        const converted = (j: number): boolean =>
          (halfwidth ??= halfwidthPlan(prose, ctx.services).converted).has(j) ||
          quotes.some((q) => (q.open === j && q.openText !== undefined) || (q.close === j && q.closeText !== undefined));
        const prevZh = prev !== MASK && (isChinese(prev) || converted(local - 1));
        const nextZh = next !== MASK && (isChinese(next) || converted(localEnd));
        let fixes: Fix[];
        if (prevZh && nextZh) {
          fixes = [
            { title: l10n.t('Delete the non-breaking space'), auto: true, edits: [{ start: i, end: e, newText: '' }] },
            { title: l10n.t('Replace with a normal space'), auto: false, edits: [{ start: i, end: e, newText: ' ' }] },
          ];
        } else if (prevZh || nextZh) {
          fixes = [{ title: l10n.t('Replace with a normal space'), auto: true, edits: [{ start: i, end: e, newText: ' ' }] }];
        } else if (LATIN_WORD.test(prev) && LATIN_WORD.test(next)) {
          let han = hanInParagraph.get(pi);
          if (han === undefined) {
            han = HAN_ANYWHERE.test(prose);
            hanInParagraph.set(pi, han);
          }
          if (!han) {
            continue;
          }
          fixes = [{ title: l10n.t('Replace with a normal space'), auto: true, edits: [{ start: i, end: e, newText: ' ' }] }];
        } else {
          continue;
        }
        flush();
        ctx.report({
          message: l10n.t('Non-breaking space (U+00A0) in Chinese text'),
          start: i,
          end: e,
          fixes,
        });
        continue;
      }

      if (isZeroWidth(c)) {
        // Joiners have legitimate uses between emoji and in scripts that shape letters. The decision is
        // taken once for a whole run of zero-width characters.
        if (i >= zeroWidthEnd) {
          let e = i + 1;
          while (e < text.length && isZeroWidth(text.charCodeAt(e))) {
            e++;
          }
          const prev = before(text, i);
          const next = at(text, e);
          zeroWidthEnd = e;
          zeroWidthAllowed = (isEmoji(prev) && isEmoji(next)) || (isJoiningLetter(prev) && isJoiningLetter(next));
        }
        if (zeroWidthAllowed) {
          continue;
        }
      }
      if (runStart >= 0 && runEnd === i) {
        runEnd = i + 1;
        runCodes.push(c);
      } else {
        flush();
        runStart = i;
        runEnd = i + 1;
        runCodes = [c];
      }
    }
    flush();
  },
};
