/**
 * The document model: a text becomes paragraphs with exact UTF-16 offsets, and inside each paragraph the
 * code units that are not prose (code, URLs, e-mail addresses, HTML, Markdown markers, directive comments)
 * are replaced by {@link MASK}, so that `prose` has the same length as `text` and offsets need no map.
 */
import type { TextFormat } from './types';

/** Stands in for every code unit that is not prose. A private-use character no rule treats as text. */
export const MASK = '\uE000';

/** A paragraph: one unit of text, never crossing a blank line. */
export interface Paragraph {
  /** Position in the document's list of paragraphs. */
  index: number;
  /** Absolute UTF-16 offset of the first code unit. */
  start: number;
  /** Absolute UTF-16 offset after the last code unit (line terminators excluded). */
  end: number;
  /** The original text of the paragraph. */
  text: string;
  /** `text` with non-prose code units replaced by {@link MASK}; same length. */
  prose: string;
  /** A Markdown heading (`#`) or not. */
  heading: boolean;
}

/** A line of the source with its terminator excluded. */
export interface Line {
  start: number;
  end: number;
}

/** Splits a text into lines on CRLF, LF or CR. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) {
        i++;
      }
      start = i + 1;
    }
  }
  lines.push({ start, end: text.length });
  return lines;
}

const URL_RE = /\b(?:https?|ftp):\/\/[^\s\u3000-\u303f\uff01-\uff5e<>"'“”‘’（）]+|\bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s\u3000-\u303f\uff01-\uff5e<>"'“”‘’（）]*/g;
const LOCAL_PART = /[A-Za-z0-9._%+-]/;
const DOMAIN_PART = /[A-Za-z0-9.-]/;

/**
 * Masks e-mail addresses, found from each `@` outwards (a regular expression over the whole text would
 * backtrack quadratically on long runs of dots or dashes).
 */
function maskEmails(m: Masking): void {
  const text = m.text;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && LOCAL_PART.test(text[start - 1]!)) {
      start--;
    }
    let end = at + 1;
    while (end < text.length && DOMAIN_PART.test(text[end]!)) {
      end++;
    }
    while (end > at + 1 && (text[end - 1] === '.' || text[end - 1] === '-')) {
      end--;
    }
    const domain = text.slice(at + 1, end);
    if (start < at && /^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+$/.test(domain)) {
      maskRange(m, start, end);
    }
  }
}
const COMMENT_RE = /<!--[\s\S]*?-->/g;

/**
 * The plain-text form of a directive: a line of its own, `// wenfeng-disable-next-line rule…` (also
 * `wenfeng-disable` and `wenfeng-enable`). Plain text has no comments, so the line is marked the way many
 * formats mark a note to the machine; prose never starts a line with `// wenfeng-`. Only plain text reads it
 * (Markdown keeps HTML comments, which plain text accepts too). Group 1: the kind; group 2: the rule names.
 */
export const PLAIN_DIRECTIVE_RE = /^[ \t\u3000]*\/\/[ \t]*wenfeng-(disable-next-line|disable|enable)((?:[ \t]+[\w/-]+)*)[ \t]*(?=\r?$)/gm;

/** A copy of a string that shares no storage with it (concatenation, then V8 flattens the pair). */
function flatCopy(s: string): string {
  return `${s} `.slice(0, -1);
}

/** A paragraph's text being masked: its code units are copied out on the first masked range. */
interface Masking {
  readonly text: string;
  chars?: string[];
}

function maskRange(m: Masking, start: number, end: number): void {
  if (start >= end) {
    return;
  }
  const chars = (m.chars ??= m.text.split(''));
  for (let i = start; i < end; i++) {
    const c = chars[i];
    if (c !== '\n' && c !== '\r') {
      chars[i] = MASK;
    }
  }
}

function maskMatches(masking: Masking, re: RegExp): void {
  const text = masking.text;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    maskRange(masking, m.index, m.index + m[0].length);
  }
}

/** Masks inline Markdown that is not prose: code spans, HTML, link destinations, autolinks. */
function maskMarkdownInline(masking: Masking): void {
  const text = masking.text;
  // Code spans: a run of backticks up to the next run of the same length.
  const tick = /`+/g;
  for (let m = tick.exec(text); m; m = tick.exec(text)) {
    const fence = m[0];
    const close = text.indexOf(fence, m.index + fence.length);
    if (close < 0) {
      continue;
    }
    maskRange(masking, m.index, close + fence.length);
    tick.lastIndex = close + fence.length;
  }
  maskMatches(masking, /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g);
  maskMatches(masking, /<(?:https?|mailto):[^<>\s]+>/g);
  // Link and image destinations: the `(url "title")` after `]`, and the brackets themselves.
  const link = /\]\(([^()\s]*(?:\s+"[^"]*")?)\)/g;
  for (let m = link.exec(text); m; m = link.exec(text)) {
    maskRange(masking, m.index, m.index + m[0].length);
  }
  maskMatches(masking, /!?\[(?=[^\]]*\]\()/g);
  maskMatches(masking, /^\s*\[[^\]]+\]:\s*\S+.*$/g);
}

const MD_BLOCK_MARKER = /^(?: {0,3})(?:#{1,6}(?=\s|$)|>+ ?|[-*+](?=\s)|\d{1,9}[.)](?=\s)|\|)/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const THEMATIC_BREAK = /^ {0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$/;
const SOFT_BREAK_END = /[。！？；：…”」』）)!?.:;]\s*$/;

/**
 * Builds the paragraphs of a document. Plain text: every non-blank line is a paragraph. Markdown: headings,
 * list items, quotes and table rows are paragraphs of their own, fenced code and front matter are skipped,
 * and a line that does not end a sentence continues into the next plain line (a soft-wrapped paragraph).
 */
export function buildParagraphs(text: string, format: TextFormat): Paragraph[] {
  const lines = splitLines(text);
  const paragraphs: Paragraph[] = [];
  // Directive comments and HTML comments are never prose, in any format; they may span lines.
  const commentRanges: Array<[number, number]> = [];
  COMMENT_RE.lastIndex = 0;
  for (let m = COMMENT_RE.exec(text); m; m = COMMENT_RE.exec(text)) {
    commentRanges.push([m.index, m.index + m[0].length]);
  }
  if (format === 'plaintext' && text.includes('wenfeng-')) {
    PLAIN_DIRECTIVE_RE.lastIndex = 0;
    for (let m = PLAIN_DIRECTIVE_RE.exec(text); m; m = PLAIN_DIRECTIVE_RE.exec(text)) {
      commentRanges.push([m.index, m.index + m[0].length]);
    }
  }

  const push = (start: number, end: number, heading: boolean): void => {
    const slice = text.slice(start, end);
    const masking: Masking = { text: slice };
    for (const [cs, ce] of commentRanges) {
      if (ce > start && cs < end) {
        maskRange(masking, Math.max(cs, start) - start, Math.min(ce, end) - start);
      }
    }
    if (slice.includes('://') || slice.includes('www.')) {
      maskMatches(masking, URL_RE);
    }
    maskEmails(masking);
    if (format === 'markdown') {
      maskMarkdownInline(masking);
      // Block markers at the start of each line of the paragraph.
      let lineStart = 0;
      for (let i = 0; i <= slice.length; i++) {
        if (i === slice.length || slice[i] === '\n') {
          const m = MD_BLOCK_MARKER.exec(slice.slice(lineStart, i));
          if (m) {
            maskRange(masking, lineStart, lineStart + m[0].length);
          }
          lineStart = i + 1;
        }
      }
    }
    // Most paragraphs have nothing to mask: their prose is their text, copied (a slice would keep the whole
    // document alive for as long as the analyzer keeps anything derived from the paragraph).
    const prose = masking.chars ? masking.chars.join('') : flatCopy(slice);
    const trimmed = prose.trim();
    if ((trimmed.includes(MASK) ? trimmed.replaceAll(MASK, '') : trimmed).length === 0) {
      return;
    }
    paragraphs.push({ index: paragraphs.length, start, end, text: slice, prose, heading });
  };

  let i = 0;
  if (format === 'markdown' && lines.length > 1 && /^---\s*$/.test(text.slice(lines[0]!.start, lines[0]!.end))) {
    for (let j = 1; j < lines.length; j++) {
      const l = text.slice(lines[j]!.start, lines[j]!.end);
      if (/^(?:---|\.\.\.)\s*$/.test(l)) {
        i = j + 1;
        break;
      }
    }
  }

  let open: { start: number; end: number } | undefined;
  const flush = (): void => {
    if (open) {
      push(open.start, open.end, false);
      open = undefined;
    }
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const s = text.slice(line.start, line.end);
    if (s.trim().length === 0) {
      flush();
      continue;
    }
    if (format === 'plaintext') {
      push(line.start, line.end, false);
      continue;
    }
    const fence = FENCE.exec(s);
    if (fence) {
      flush();
      const marker = fence[1]!;
      let j = i + 1;
      for (; j < lines.length; j++) {
        const l = text.slice(lines[j]!.start, lines[j]!.end).trimStart();
        if (l.startsWith(marker[0]!.repeat(marker.length)) && l.replace(/[`~]/g, '').trim() === '') {
          break;
        }
      }
      i = j;
      continue;
    }
    if (THEMATIC_BREAK.test(s)) {
      flush();
      continue;
    }
    const block = MD_BLOCK_MARKER.exec(s);
    if (block) {
      flush();
      const heading = block[0].trimStart().startsWith('#');
      if (heading || s.trimStart().startsWith('|')) {
        push(line.start, line.end, heading);
      } else {
        open = { start: line.start, end: line.end };
        if (SOFT_BREAK_END.test(s)) {
          flush();
        }
      }
      continue;
    }
    if (open) {
      open.end = line.end;
    } else {
      open = { start: line.start, end: line.end };
    }
    if (SOFT_BREAK_END.test(s)) {
      flush();
    }
  }
  flush();
  return paragraphs;
}

/** Code units compared at once when {@link updateParagraphs} looks for the edited region. */
const BLOCK = 1024;

/** A document's text and the paragraphs {@link buildParagraphs} made of it. */
export interface ParagraphsOf {
  text: string;
  format: TextFormat;
  paragraphs: readonly Paragraph[];
}

/**
 * The paragraphs of `text`, equal to {@link buildParagraphs}'s, reusing those of an earlier version of the
 * document (`before`) outside the edited region: after an edit, only the lines the edit touched are split
 * and masked again, and the unchanged paragraphs keep their prose strings (which the analyzer then finds
 * equal by identity). Plain text only, and only without HTML comments (the one construct of plain text that
 * spans lines); anything else is built afresh.
 */
export function updateParagraphs(before: ParagraphsOf | undefined, text: string, format: TextFormat): Paragraph[] {
  if (!before || format !== 'plaintext' || before.format !== 'plaintext' || text.includes('<!--') || before.text.includes('<!--')) {
    return buildParagraphs(text, format);
  }
  const old = before.text;
  const limit = Math.min(old.length, text.length);
  // Common prefix and suffix, a block at a time (a comparison of two slices is the engine's, much faster than
  // a loop over code units), then unit by unit inside the first block that differs.
  let prefix = 0;
  while (prefix + BLOCK <= limit && old.slice(prefix, prefix + BLOCK) === text.slice(prefix, prefix + BLOCK)) {
    prefix += BLOCK;
  }
  while (prefix < limit && old.charCodeAt(prefix) === text.charCodeAt(prefix)) {
    prefix++;
  }
  let suffix = 0;
  while (suffix + BLOCK <= limit - prefix && old.slice(old.length - suffix - BLOCK, old.length - suffix) === text.slice(text.length - suffix - BLOCK, text.length - suffix)) {
    suffix += BLOCK;
  }
  while (suffix < limit - prefix && old.charCodeAt(old.length - 1 - suffix) === text.charCodeAt(text.length - 1 - suffix)) {
    suffix++;
  }
  const shift = text.length - old.length;
  const list = before.paragraphs;
  // Kept before the edit: paragraphs whose line terminator is still unchanged (their line is the same line).
  let head = 0;
  while (head < list.length && list[head]!.end < prefix) {
    head++;
  }
  // Kept after the edit: paragraphs whose preceding line terminator is already in the unchanged end.
  let tail = list.length;
  while (tail > head && list[tail - 1]!.start - 1 >= old.length - suffix) {
    tail--;
  }
  // Everything in between is split again: from the end of the last kept line to the start of the next.
  const from = head > 0 ? list[head - 1]!.end : 0;
  const to = tail < list.length ? list[tail]!.start + shift : text.length;
  const out: Paragraph[] = [];
  const keep = (p: Paragraph, by: number): void => {
    const start = p.start + by;
    const end = p.end + by;
    // The text sliced anew from this version: a slice of the earlier one would keep that text alive.
    out.push({ index: out.length, start, end, text: text.slice(start, end), prose: p.prose, heading: p.heading });
  };
  for (let i = 0; i < head; i++) {
    keep(list[i]!, 0);
  }
  for (const p of buildParagraphs(text.slice(from, to), format)) {
    // A literal of the same shape as buildParagraphs's (a spread copy may get another hidden class, and the
    // code that reads paragraphs would then meet two).
    out.push({ index: out.length, start: p.start + from, end: p.end + from, text: p.text, prose: p.prose, heading: p.heading });
  }
  for (let i = tail; i < list.length; i++) {
    keep(list[i]!, shift);
  }
  return out;
}

/** A sentence inside a paragraph, offsets relative to the paragraph. */
export interface Sentence {
  start: number;
  end: number;
}

const SENTENCE_END = /[。！？!?；;…]+[”’」』）)]*|\n/g;

/** Splits a paragraph's prose into sentences, each including its closing punctuation. */
export function splitSentences(prose: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  SENTENCE_END.lastIndex = 0;
  for (let m = SENTENCE_END.exec(prose); m; m = SENTENCE_END.exec(prose)) {
    const end = m.index + m[0].length;
    if (prose.slice(start, end).trim().length > 0) {
      out.push({ start, end });
    }
    start = end;
  }
  if (prose.slice(start).trim().length > 0) {
    out.push({ start, end: prose.length });
  }
  return out;
}
