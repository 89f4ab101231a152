/**
 * Character classes used by the rules, defined by Unicode properties rather than hand-made ranges.
 */

const HAN = /\p{Script=Han}/u;

/** True for a Han character (any CJK ideograph block, astral ones included). */
export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && HAN.test(ch);
}

/** True for a code point of CJK punctuation (full-width forms and CJK symbols). */
export function isCjkPunctuation(ch: string | undefined): boolean {
  if (ch === undefined) {
    return false;
  }
  const c = ch.charCodeAt(0);
  return (
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff01 && c <= 0xff0f) ||
    (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) ||
    (c >= 0xff5b && c <= 0xff65) ||
    c === 0x2014 ||
    c === 0x2026 ||
    (c >= 0x2018 && c <= 0x201f)
  );
}

/** True for text that reads as Chinese: a Han character or CJK punctuation. */
export function isChinese(ch: string | undefined): boolean {
  return isHan(ch) || isCjkPunctuation(ch);
}

/** Code point at a UTF-16 offset as a string (one or two code units). */
export function charAt(text: string, offset: number): string {
  const cp = text.codePointAt(offset);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Iterates the code points of a string with their UTF-16 offsets. */
export function* codePoints(text: string): Generator<[string, number]> {
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    yield [ch, i];
    i += ch.length;
  }
}

/** The nearest code point before `offset` that is not whitespace, or undefined. */
export function prevNonSpace(text: string, offset: number): string | undefined {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i]!;
    if (!/\s/.test(c)) {
      const lo = text.charCodeAt(i);
      if (lo >= 0xdc00 && lo <= 0xdfff && i > 0) {
        return text.slice(i - 1, i + 1);
      }
      return c;
    }
  }
  return undefined;
}

/** The nearest code point at or after `offset` that is not whitespace, or undefined. */
export function nextNonSpace(text: string, offset: number): string | undefined {
  for (let i = offset; i < text.length; i++) {
    if (!/\s/.test(text[i]!)) {
      return charAt(text, i);
    }
  }
  return undefined;
}
