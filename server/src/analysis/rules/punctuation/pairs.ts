/**
 * punctuation/pairs — paired marks without their partner: （） “” ‘’ 《》 〈〉 「」 『』 【】 〔〕 〖〗 ［］, and
 * half-width ( ) in Chinese context.
 *
 * Each kind is matched on its own stack inside a paragraph (so one missing mark is reported once and does
 * not drag every later mark with it); the finding is the unmatched mark itself. Not reported:
 * - a multi-paragraph quotation: each paragraph opens “ and only the last closes (the convention of
 *   GB/T 15834); an unclosed “ is accepted when the next paragraph starts with “;
 * - a pair broken by a line break: an opener left open in a paragraph and closed by an otherwise unmatched
 *   closer in one of the next three paragraphs, never across a heading (hard-wrapped plain text, an
 *   attribution wrapped onto its own line);
 * - enumerators `1）` `a)` `二）` at the start of a paragraph or after a pause;
 * - half-width parentheses that punctuation/halfwidth pairs, parentheses in English context, and the
 *   `?fù)` residue of lost characters (script/garbled);
 * - straight quotes (punctuation/quotes), and a typographic quote that a straight quote pairs with;
 * - apostrophes ’ inside Latin words.
 *
 * Fixed where certain: quotation marks of a paragraph that pair up by position but point the wrong way
 * (”显绩“ → “显绩”, “潜绩“ → “潜绩”), and a half-width parenthesis closed by a full-width one, or the
 * reverse (`(注：略）` → `（注：略）`).
 *
 * ✗ 坚持以人民为中心（详见附件。   ✗ 礼记》中说   ✗ 只有既看”显绩“，也看”潜绩“
 * ✓ 他说：“第一段……⏎“第二段……” · 1）坚持党的领导 · 關(guān)注
 */
import * as l10n from '@vscode/l10n';
import { isChinese, isHan, nextNonSpace, prevNonSpace } from '../../chars';
import { MASK, type Paragraph } from '../../document';
import { hasToneMark, isSyllable } from '../../pinyin';
import type { DocumentRule } from '../../rule';
import type { Report } from '../../types';
import { isApostrophe, MARKS, quotePlans, type QuoteStyle } from '../../detect/quote-marks';

/** Opener → closer. The half-width pair shares its family with （）. */
const CLOSER: Readonly<Record<string, string>> = {
  '（': '）',
  '(': ')',
  '“': '”',
  '‘': '’',
  '《': '》',
  '〈': '〉',
  '「': '」',
  '『': '』',
  '【': '】',
  '〔': '〕',
  '〖': '〗',
  '［': '］',
};
const OPENER: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(CLOSER).map(([o, c]) => [c, o]));
/** Marks whose direction is easily confused: paired by position when the stack fails. */
const QUOTE_FAMILIES = new Set(['“', '‘', '「', '『']);
/** Quotation marks that may open each paragraph of a multi-paragraph quotation. */
const CONTINUING = new Set(['“', '「', '『', '‘']);
/** How many paragraphs later a pair broken by line breaks may still close. */
const MAX_SPAN = 3;

const PINYIN_LETTER = /^[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]$/;
const ENUMERATOR_CHAR = /^[0-9０-９A-Za-z一二三四五六七八九十]$/;
const ENUMERATOR_BOUNDARY = '。；;：:，,、．.！？!?';

/** The family of a mark: its opener, with half-width parentheses in the full-width family. */
function familyOf(ch: string): string {
  const open = CLOSER[ch] !== undefined ? ch : OPENER[ch]!;
  return open === '(' ? '（' : open;
}

interface Mark {
  pos: number;
  ch: string;
  open: boolean;
  family: string;
  /** Matched across paragraphs but never reported (half-width parentheses in English context). */
  silent?: boolean;
}

interface ParagraphMarks {
  /** Unmatched marks in order, offsets relative to the paragraph. */
  unmatched: Mark[];
  /** Closers that close openers left open by the previous paragraphs. */
  carried: Mark[];
  /** Certain findings (positional quotes, mixed-width parentheses), relative offsets. */
  reports: Report[];
}

function chineseNeighbour(ch: string | undefined): boolean {
  return ch !== undefined && ch !== MASK && isChinese(ch);
}

/** Chinese context of a half-width parenthesis: Chinese before it, or Han after it. */
function chineseContext(prose: string, i: number): boolean {
  return chineseNeighbour(prevNonSpace(prose, i)) || isHan(nextNonSpace(prose, i + 1));
}

/**
 * `)` closing the residue of a lost character: a pinyin syllable after `?` or U+FFFD (`?fù)`), or a toned
 * syllable right after a Han character whose `(` was lost (`穩wěn)`).
 */
function garbledTail(prose: string, i: number): boolean {
  let s = i;
  while (s > 0 && i - s < 6 && PINYIN_LETTER.test(prose[s - 1]!)) {
    s--;
  }
  if (s === i || s === 0) {
    return false;
  }
  const syllable = prose.slice(s, i);
  if (!isSyllable(syllable)) {
    return false;
  }
  const before = prose[s - 1]!;
  if (before === '?' || before === '\ufffd') {
    return true;
  }
  return hasToneMark(syllable) && isHan(prevNonSpace(prose, s));
}

/** A closing parenthesis after an enumerator at the start of a paragraph or after a pause: `1）` `a)`. */
function enumerator(prose: string, i: number): boolean {
  let s = i;
  while (s > 0 && i - s < 3 && ENUMERATOR_CHAR.test(prose[s - 1]!)) {
    s--;
  }
  if (s === i) {
    return false;
  }
  const token = prose.slice(s, i);
  if (/[A-Za-z]/.test(token) && token.length > 1) {
    return false;
  }
  const before = prose[s - 1];
  return before === undefined || before === MASK || before.trim() === '' || ENUMERATOR_BOUNDARY.includes(before);
}

/**
 * The marks a quotation family's pairs become when punctuation/quotes converts them: the document's style
 * when it mixes the styles and the family is of the other one, else undefined (the family's own marks).
 */
function convertedFamily(family: string, style: QuoteStyle, mixed: boolean): readonly [string, string] | undefined {
  const own: QuoteStyle = family === '“' || family === '‘' ? 'curly' : 'corner';
  if (!mixed || own === style) {
    return undefined;
  }
  const m = MARKS[style];
  return family === '“' || family === '「' ? [m.open, m.close] : [m.innerOpen, m.innerClose];
}

/** True for the code units of marks (a fast reject; see analyseParagraph). */
function isMarkCode(c: number): boolean {
  return c === 0x28 || c === 0x29 || (c >= 0x2018 && c <= 0x201d) || (c >= 0x3008 && c <= 0x3017) || c === 0xff08 || c === 0xff09 || c === 0xff3b || c === 0xff3d;
}

/** True when the prose holds a code unit that may be a mark. */
function hasMarks(prose: string): boolean {
  for (let i = 0; i < prose.length; i++) {
    if (isMarkCode(prose.charCodeAt(i))) {
      return true;
    }
  }
  return false;
}

/** What a paragraph without marks gives, whatever the openers carried into it (shared, never changed). */
const NO_MARKS: ParagraphMarks = Object.freeze({ unmatched: [], carried: [], reports: [] });
/** The kept value of a paragraph without marks (shared, never changed). */
const NO_MARKS_KEPT: unknown[] = Object.freeze([]) as unknown as unknown[];

/** Analyses the marks of one paragraph. */
function analyseParagraph(
  prose: string,
  partners: ReadonlySet<number>,
  carried: (family: string) => number,
  style: QuoteStyle,
  mixed: boolean,
): ParagraphMarks {
  const result: ParagraphMarks = { unmatched: [], carried: [], reports: [] };
  // Half-width pairs belong to punctuation/halfwidth (it converts them, or they are English).
  const halfwidthPaired = new Set<number>();
  if (prose.indexOf('(') >= 0) {
    const stack: number[] = [];
    for (let i = 0; i < prose.length; i++) {
      const c = prose[i];
      if (c === '(') {
        stack.push(i);
      } else if (c === ')' && stack.length > 0) {
        halfwidthPaired.add(stack.pop()!);
        halfwidthPaired.add(i);
      }
    }
  }
  const byFamily = new Map<string, Mark[]>();
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    // Fast reject: every mark is `(`, `)`, U+2018–U+201D, U+3008–U+3017 or U+FF08/U+FF09/U+FF3B/U+FF3D.
    if (!isMarkCode(c)) {
      continue;
    }
    const ch = prose[i]!;
    const open = CLOSER[ch] !== undefined;
    if (!open && OPENER[ch] === undefined) {
      continue;
    }
    if (partners.has(i) || halfwidthPaired.has(i)) {
      continue;
    }
    if ((ch === '’' || ch === '‘') && isApostrophe(prose, i)) {
      continue;
    }
    const family = familyOf(ch);
    let list = byFamily.get(family);
    if (!list) {
      list = [];
      byFamily.set(family, list);
    }
    list.push({ pos: i, ch, open, family });
  }

  for (const [family, marks] of byFamily) {
    // Openers left open by the previous paragraphs act as the bottom of the stack.
    let carry = carried(family);
    const rest: Mark[] = [];
    const unmatched: Mark[] = [];
    const stack: Mark[] = [];
    for (const m of marks) {
      if (m.open) {
        stack.push(m);
        rest.push(m);
        continue;
      }
      const o = stack.pop();
      if (!o) {
        if (family === '（' && (enumerator(prose, m.pos) || (m.ch === ')' && garbledTail(prose, m.pos)))) {
          // Not a bracket at all.
          continue;
        }
        if (carry > 0) {
          carry--;
          result.carried.push(m);
          continue;
        }
        unmatched.push(m);
        rest.push(m);
        continue;
      }
      rest.push(m);
      if (family === '（' && (o.ch === '(') !== (m.ch === ')')) {
        // A half-width parenthesis paired with a full-width one: make both full-width.
        const half = o.ch === '(' ? o : m;
        const full = half === o ? '（' : '）';
        result.reports.push({
          message: l10n.t('Half-width {0} paired with full-width {1}: use {2}', half.ch, half === o ? m.ch : o.ch, full),
          start: half.pos,
          end: half.pos + 1,
          fixes: [{ title: l10n.t('Replace with {0}', full), auto: true, edits: [{ start: half.pos, end: half.pos + 1, newText: full }] }],
        });
      }
    }
    for (const m of stack) {
      unmatched.push(m);
    }
    if (unmatched.length === 0) {
      continue;
    }
    if (QUOTE_FAMILIES.has(family) && rest.length % 2 === 0) {
      // The stack failed but the count is even: quotation marks do not nest within their own kind, so
      // reading them by position gives the pairs; report the ones that point the wrong way. In a document
      // that mixes the styles, a pair of the minority's family takes the document's marks at once
      // (punctuation/quotes converts only pairs that already match, so it would take a second round).
      const converted = convertedFamily(family, style, mixed);
      const [open, close] = converted ?? [family, CLOSER[family]!];
      for (let k = 0; k + 1 < rest.length; k += 2) {
        const a = rest[k]!;
        const b = rest[k + 1]!;
        if (a.open && !b.open) {
          if (converted) {
            // Pointing the right way, in the minority's style.
            result.reports.push({
              message: l10n.t('Quotation marks {0} in a document that uses {1}', `${a.ch}${b.ch}`, `${open}${close}`),
              start: a.pos,
              end: b.pos + 1,
              fixes: [
                {
                  title: l10n.t('Replace with {0}', `${open}${close}`),
                  auto: true,
                  edits: [
                    { start: a.pos, end: a.pos + 1, newText: open },
                    { start: b.pos, end: b.pos + 1, newText: close },
                  ],
                },
              ],
            });
          }
          continue;
        }
        const edits = [];
        if (!a.open || converted) {
          edits.push({ start: a.pos, end: a.pos + 1, newText: open });
        }
        if (b.open || converted) {
          edits.push({ start: b.pos, end: b.pos + 1, newText: close });
        }
        result.reports.push({
          message:
            !a.open && b.open && !converted
              ? l10n.t('Quotation marks reversed: {0}…{1} should be {1}…{0}', a.ch, b.ch)
              : l10n.t('Quotation marks point the wrong way: {0}…{1} should be {2}…{3}', a.ch, b.ch, open, close),
          start: a.pos,
          end: b.pos + 1,
          fixes: [{ title: l10n.t('Replace with {0}', `${open}…${close}`), auto: true, edits }],
        });
      }
      continue;
    }
    for (const m of unmatched) {
      // Half-width parentheses outside Chinese are English; they still close or open across lines.
      m.silent = (m.ch === '(' || m.ch === ')') && !chineseContext(prose, m.pos);
      result.unmatched.push(m);
    }
  }
  result.unmatched.sort((a, b) => a.pos - b.pos);
  return result;
}

/** The first code unit of a paragraph's prose that is not whitespace or masked. */
function firstVisible(p: Paragraph): string | undefined {
  const prose = p.prose;
  for (let i = 0; i < prose.length; i++) {
    const ch = prose[i]!;
    if (ch !== MASK && ch.trim() !== '') {
      return ch;
    }
  }
  return undefined;
}

interface Pending {
  paragraph: number;
  start: number;
  mark: Mark;
}

export const rule: DocumentRule = {
  meta: {
    id: 'punctuation/pairs',
    category: 'punctuation',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'Unmatched brackets and quotation marks within a paragraph',
  },
  scope: 'document',
  check(ctx) {
    const reportMark = (m: Mark, start: number): void => {
      const partner = m.open ? CLOSER[m.ch]! : OPENER[m.ch]!;
      ctx.report({
        message: m.open
          ? l10n.t('Unmatched {0}: no closing {1} in this paragraph', m.ch, partner)
          : l10n.t('Unmatched {0}: no opening {1} before it in this paragraph', m.ch, partner),
        start: start + m.pos,
        end: start + m.pos + 1,
      });
    };
    // Openers still waiting for a closer in a later paragraph, per family, innermost last.
    const pending = new Map<string, Pending[]>();
    const expire = (before: number): void => {
      for (const list of pending.values()) {
        // Entries are in paragraph order: the expired ones are a prefix, removed at once.
        let k = 0;
        for (; k < list.length && list[k]!.paragraph < before; k++) {
          const x = list[k]!;
          if (!x.mark.silent) {
            reportMark(x.mark, x.start);
          }
        }
        if (k > 0) {
          list.splice(0, k);
        }
      }
    };

    const { plans, style, mixed } = quotePlans(ctx);
    ctx.paragraphs.forEach((p, j) => {
      // Pairs do not span headings, nor more than MAX_SPAN paragraphs.
      expire(p.heading ? j : j - MAX_SPAN);
      const first = firstVisible(p);
      if (first !== undefined && CONTINUING.has(first)) {
        const list = pending.get(first);
        const last = list?.[list.length - 1];
        if (last && last.paragraph === j - 1) {
          // The previous paragraph's open quotation continues here.
          list!.pop();
        }
      }
      // What the paragraph's marks give depends on its prose, the document's style and the openers carried
      // into it: kept per paragraph under those (an edit re-reads the changed paragraphs only).
      let key = mixed ? `${style}+` : style;
      for (const [family, list] of pending) {
        if (list.length > 0) {
          key += `${family}${list.length}`;
        }
      }
      // A paragraph without marks (most) keeps one shared value; else key, marks, key, marks … (a few).
      const kept = ctx.paragraphMemo(p, 'punctuation/pairs', (): unknown[] => (hasMarks(p.prose) ? [] : NO_MARKS_KEPT));
      let data: ParagraphMarks | undefined = kept === NO_MARKS_KEPT ? NO_MARKS : undefined;
      for (let k = 0; !data && k < kept.length; k += 2) {
        if (kept[k] === key) {
          data = kept[k + 1] as ParagraphMarks;
        }
      }
      if (!data) {
        data = analyseParagraph(p.prose, plans[j]!.partners, (family) => pending.get(family)?.length ?? 0, style, mixed);
        if (data.unmatched.length === 0 && data.carried.length === 0 && data.reports.length === 0) {
          // Balanced marks (most paragraphs that have any): nothing to keep but the key.
          data = NO_MARKS;
        }
        if (kept.length < 8) {
          kept.push(key, data);
        }
      }
      for (const r of data.reports) {
        ctx.report({
          ...r,
          start: r.start + p.start,
          end: r.end + p.start,
          fixes: (r.fixes ?? []).map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + p.start, end: e.end + p.start })) })),
        });
      }
      for (const m of data.carried) {
        pending.get(m.family)!.pop();
      }
      for (const m of data.unmatched) {
        if (m.open) {
          const list = pending.get(m.family) ?? [];
          list.push({ paragraph: j, start: p.start, mark: m });
          pending.set(m.family, list);
        } else if (!m.silent) {
          reportMark(m, p.start);
        }
      }
      if (p.heading) {
        expire(j + 1);
      }
    });
    expire(Number.MAX_SAFE_INTEGER);
  },
};
