/**
 * Pinyin annotations: a Han character followed by `(` one pinyin syllable `)`, as pages that annotate
 * characters write them (`關(guān)注`). A toneless syllable counts only when it is a reading of the character
 * before it (`們(men)`). Used by script/pinyin-annotation (which deletes them), script/mixed, punctuation/halfwidth
 * and repetition/overused-phrase (for which they are not text).
 */
import { isHan } from '../chars';
import { PINYIN_LETTERS, hasToneMark, isSyllable, stripTone } from '../pinyin';

const ANNOTATION = new RegExp(`\\(([${PINYIN_LETTERS}]{1,6})\\)`, 'g');

/** The longest pinyin syllable an annotation holds, with its parentheses. */
const MAX_ANNOTATION = 8;
const SYLLABLE_CHARS = new RegExp(`^[${PINYIN_LETTERS}]{1,6}$`);

/**
 * Offset of the character an annotation at `open` belongs to, past annotations before it: in `關(guān)(guān)`
 * both annotate 關 (pages repeat them). -1 when there is no such character.
 */
function annotatedAt(prose: string, open: number): number {
  let at = open;
  for (;;) {
    if (prose[at - 1] !== ')') {
      break;
    }
    const before = prose.lastIndexOf('(', at - 2);
    if (before < 0 || at - 1 - before > MAX_ANNOTATION || !SYLLABLE_CHARS.test(prose.slice(before + 1, at - 1))) {
      break;
    }
    at = before;
  }
  const lo = prose.charCodeAt(at - 1);
  const start = lo >= 0xdc00 && lo <= 0xdfff ? at - 2 : at - 1;
  return start >= 0 && isHan(prose.slice(start, at)) ? start : -1;
}

/**
 * True when `prose[open..close]` is a pinyin annotation of the character before it (or of the character
 * before a chain of annotations). `readings` gives the toneless readings of a character; without it a
 * toneless syllable is never taken for an annotation.
 */
export function isPinyinAnnotation(
  prose: string,
  open: number,
  close: number,
  readings?: (ch: string) => readonly string[],
): boolean {
  if (prose[open] !== '(' || prose[close] !== ')') {
    return false;
  }
  const at = annotatedAt(prose, open);
  if (at < 0) {
    return false;
  }
  const syllable = prose.slice(open + 1, close);
  if (!isSyllable(syllable)) {
    return false;
  }
  if (hasToneMark(syllable)) {
    return true;
  }
  if (!readings) {
    return false;
  }
  const ch = prose.slice(at, open).replace(/\(.*$/, '');
  return readings(ch).includes(stripTone(syllable));
}

/** Ranges [start, end) of the pinyin annotations of a paragraph's prose, in order. */
export function pinyinAnnotations(prose: string, readings: (ch: string) => readonly string[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (!prose.includes('(')) {
    return out;
  }
  const re = new RegExp(ANNOTATION.source, 'g');
  for (let m = re.exec(prose); m; m = re.exec(prose)) {
    const close = m.index + m[0].length - 1;
    if (isPinyinAnnotation(prose, m.index, close, readings)) {
      out.push([m.index, close + 1]);
    }
  }
  return out;
}
