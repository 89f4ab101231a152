/**
 * Character classes used by the rules, defined by Unicode properties rather than hand-made ranges.
 */

const HAN = /\p{Script=Han}/u;

/** True for a Han character (any CJK ideograph block, astral ones included). */
export function isHan(ch: string | undefined): boolean {
  return ch !== undefined && ch.length > 0 && HAN.test(ch);
}

/**
 * Script=Han of each BMP code unit, decided by the Unicode property on first use (0: not yet known, 1: Han,
 * 2: not Han). Han starts at U+2E80 and U+4E00–U+9FFF is all Han, so most look-ups never reach the table.
 */
const BMP_HAN = new Uint8Array(0x10000);

/** True when code point `cp` has Script=Han (the same answer as `\p{Script=Han}`). */
export function isHanCodePoint(cp: number): boolean {
  if (cp < 0x2e80) {
    return false;
  }
  if (cp >= 0x4e00 && cp <= 0x9fff) {
    return true;
  }
  if (cp > 0xffff) {
    return HAN.test(String.fromCodePoint(cp));
  }
  if (cp >= 0xd800 && cp <= 0xdfff) {
    return false;
  }
  let known = BMP_HAN[cp]!;
  if (known === 0) {
    known = HAN.test(String.fromCharCode(cp)) ? 1 : 2;
    BMP_HAN[cp] = known;
  }
  return known === 1;
}

/** True when a string holds a Han character anywhere: `/\p{Script=Han}/u.test(s)` without the regex. */
export function hasHan(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x2e80) {
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (isHanCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000)) {
          return true;
        }
        i++;
        continue;
      }
    }
    if (isHanCodePoint(c)) {
      return true;
    }
  }
  return false;
}

/** True when a string is one or more Han characters and nothing else: `/^\p{Script=Han}+$/u.test(s)`. */
export function isHanOnly(s: string): boolean {
  if (s.length === 0) {
    return false;
  }
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) {
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff && isHanCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000)) {
        i++;
        continue;
      }
      return false;
    }
    if (!isHanCodePoint(c)) {
      return false;
    }
  }
  return true;
}

/** Number of Han code points of a string: `(s.match(/\p{Script=Han}/gu) ?? []).length`. */
export function countHan(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x2e80) {
      continue;
    }
    if (c >= 0x4e00 && c <= 0x9fff) {
      n++;
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (isHanCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000)) {
          n++;
        }
        i++;
        continue;
      }
    }
    if (isHanCodePoint(c)) {
      n++;
    }
  }
  return n;
}

/**
 * True when `s` from `start` holds at least `n` Han code points: `countHan(s.slice(start)) >= n`, stopping at
 * the n-th (a whole paragraph need not be counted to tell it has ten).
 */
export function hasHanAtLeast(s: string, n: number, start = 0): boolean {
  if (n <= 0) {
    return true;
  }
  let count = 0;
  for (let i = start; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x2e80) {
      continue;
    }
    let han: boolean;
    if (c >= 0x4e00 && c <= 0x9fff) {
      han = true;
    } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) {
      han = isHanCodePoint(((c - 0xd800) << 10) + (s.charCodeAt(i + 1) - 0xdc00) + 0x10000);
      i++;
    } else {
      han = isHanCodePoint(c);
    }
    if (han && ++count >= n) {
      return true;
    }
  }
  return false;
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

/** The run of ASCII spaces around `[start, end)`: where the spaces before it start and the spaces after it end. */
export function spacesAround(text: string, start: number, end: number): [number, number] {
  let s = start;
  while (s > 0 && text[s - 1] === ' ') {
    s--;
  }
  let e = end;
  while (e < text.length && text[e] === ' ') {
    e++;
  }
  return [s, e];
}

/** Number of code points of a string (a surrogate pair counts once). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) {
      n++;
    }
  }
  return n;
}
