/**
 * Legacy encodings for recognising mojibake: a GBK table built once from the standard `TextDecoder` (a web
 * platform global, so the core stays pure), GB2312 level-1 membership (the 3,755 common characters), and
 * UTF-8 / Windows-1252 byte helpers.
 */

/** GBK tables: Unicode code unit → two-byte code (`lead << 8 | trail`), and back. */
interface GbkTables {
  encode: Uint16Array;
  decode: Uint16Array;
}

/** What the tables need of the platform's TextDecoder. */
interface Decoder {
  decode(bytes: Uint8Array): string;
}

let tables: GbkTables | null | undefined;

/** Index of a two-byte GBK code in the decode table. */
function slot(lead: number, trail: number): number {
  return (lead - 0x81) * 0xbf + (trail - 0x40);
}

/**
 * Builds the GBK tables by decoding every two-byte sequence once (about 24,000 pairs, a few milliseconds).
 * Null when the runtime's TextDecoder has no GBK support (a Node built without ICU).
 */
function gbk(): GbkTables | null {
  if (tables !== undefined) {
    return tables;
  }
  let decoder: Decoder;
  try {
    decoder = new TextDecoder('gbk');
  } catch {
    tables = null;
    return tables;
  }
  // Every pair followed by a newline, so that each decodes on its own line.
  const bytes = new Uint8Array(126 * 190 * 3);
  let n = 0;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) {
        continue;
      }
      bytes[n++] = lead;
      bytes[n++] = trail;
      bytes[n++] = 0x0a;
    }
  }
  const lines = decoder.decode(bytes.subarray(0, n)).split('\n');
  const encode = new Uint16Array(0x10000);
  const decode = new Uint16Array(126 * 0xbf);
  let k = 0;
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) {
        continue;
      }
      const s = lines[k++];
      if (s === undefined || s.length !== 1 || s === '\uFFFD') {
        continue;
      }
      const c = s.charCodeAt(0);
      if (c < 0x80) {
        continue;
      }
      decode[slot(lead, trail)] = c;
      if (encode[c] === 0) {
        encode[c] = (lead << 8) | trail;
      }
    }
  }
  // The one single-byte character of the WHATWG GBK decoder: 0x80 reads as €.
  encode[0x20ac] = 0x80;
  tables = { encode, decode };
  return tables;
}

/** True when GBK tables are available in this runtime. */
export function hasGbk(): boolean {
  return gbk() !== null;
}

/**
 * The GBK code of a code unit: two bytes as `lead << 8 | trail`, or the single byte 0x80 for € (as the WHATWG
 * decoder reads it); 0 when it has none (ASCII, astral, unmapped).
 */
export function gbkCode(c: number): number {
  return gbk()?.encode[c] ?? 0;
}

/** The character a two-byte GBK sequence decodes to, 0 when the pair is not a valid GBK character. */
export function gbkDecodePair(lead: number, trail: number): number {
  if (lead < 0x81 || lead > 0xfe || trail < 0x40 || trail > 0xfe || trail === 0x7f) {
    return 0;
  }
  return gbk()?.decode[slot(lead, trail)] ?? 0;
}

/** True for a GBK code of GB2312's level 1: the 3,755 most common characters (B0A1–D7F9). */
export function isLevelOne(code: number): boolean {
  const lead = code >> 8;
  const trail = code & 0xff;
  return lead >= 0xb0 && lead <= 0xd7 && trail >= 0xa1 && trail <= 0xfe && code <= 0xd7f9;
}

/** Windows-1252 characters of the bytes 0x80–0x9F (the rest of the range is Latin-1). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

/** The byte a character stands for when UTF-8 was read as Windows-1252 or Latin-1, -1 when none. */
export function cp1252Byte(c: number): number {
  if (c >= 0xa0 && c <= 0xff) {
    return c;
  }
  if (c >= 0x80 && c <= 0x9f) {
    return c;
  }
  const i = CP1252_HIGH.indexOf(String.fromCharCode(c));
  return i >= 0 ? 0x80 + i : -1;
}

let utf8: Decoder | undefined;

/** Decodes bytes as UTF-8 (invalid sequences become U+FFFD). */
export function decodeUtf8(bytes: Uint8Array): string {
  utf8 ??= new TextDecoder('utf-8');
  return utf8.decode(bytes);
}

/**
 * Length of the well-formed UTF-8 multi-byte sequence starting at `bytes[i]`, 0 when there is none.
 * Overlong forms and surrogates are rejected, as a strict decoder does.
 */
export function utf8SequenceAt(bytes: ArrayLike<number>, i: number, end: number): number {
  const b0 = bytes[i]!;
  let len: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    len = 2;
  } else if (b0 >= 0xe0 && b0 <= 0xef) {
    len = 3;
    if (b0 === 0xe0) {
      lo = 0xa0;
    } else if (b0 === 0xed) {
      hi = 0x9f;
    }
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    len = 4;
    if (b0 === 0xf0) {
      lo = 0x90;
    } else if (b0 === 0xf4) {
      hi = 0x8f;
    }
  } else {
    return 0;
  }
  if (i + len > end) {
    return 0;
  }
  const b1 = bytes[i + 1]!;
  if (b1 < lo || b1 > hi) {
    return 0;
  }
  for (let k = 2; k < len; k++) {
    const b = bytes[i + k]!;
    if (b < 0x80 || b > 0xbf) {
      return 0;
    }
  }
  return len;
}
