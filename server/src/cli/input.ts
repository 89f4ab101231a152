/**
 * Turns the bytes of an input file into text, or says why it is not text. UTF-8 (with or without a byte
 * order mark) is read as is; GB18030/GBK is decoded; invalid UTF-8 that is not GB18030 is decoded with
 * U+FFFD for the bad bytes and marked lossy; binary files and UTF-16 are not text for us.
 *
 * Write-back policy: `fix --write` rewrites only UTF-8 files that decoded without loss, restoring their byte
 * order mark. A GB18030 file or a lossy one is never rewritten (the fixed text still goes to standard output
 * without --write): re-encoding could change bytes outside the fixes.
 */
import * as l10n from '@vscode/l10n';

export type InputEncoding = 'utf-8' | 'gb18030';

/** Decoded text of an input, or the reason it was skipped. */
export type DecodedInput =
  | { kind: 'text'; text: string; encoding: InputEncoding; bom: boolean; lossy: boolean }
  | { kind: 'skip'; reason: string };

/** How many leading bytes the binary test looks at. */
const SNIFF_BYTES = 8192;

/** True when the first chunk holds a NUL byte or more than 10% control bytes (other than tab, CR, LF, FF, ESC). */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) {
      return true;
    }
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f) {
      control++;
    }
  }
  return n > 0 && control / n > 0.1;
}

/** Share of the non-ASCII characters of a text that are Han, CJK punctuation or full-width forms. */
function cjkShare(text: string): number {
  let nonAscii = 0;
  let cjk = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      continue;
    }
    nonAscii++;
    if (/[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2010-\u2027\u00b7\u2160-\u217f\u2460-\u24ff]/u.test(ch)) {
      cjk++;
    }
  }
  return nonAscii === 0 ? 0 : cjk / nonAscii;
}

/** Decodes the bytes of an input (see the module comment for the rules). */
export function decodeInput(bytes: Uint8Array): DecodedInput {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { kind: 'skip', reason: l10n.t('UTF-16 text is not supported; save it as UTF-8') };
  }
  if (looksBinary(bytes)) {
    return { kind: 'skip', reason: l10n.t('not a text file (binary content); skipped') };
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  try {
    return { kind: 'text', text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8', bom, lossy: false };
  } catch {
    // Not UTF-8: GB18030 (a superset of GBK and GB2312) when it decodes cleanly into Chinese text.
  }
  if (!bom) {
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(body);
      if (cjkShare(text) >= 0.9) {
        return { kind: 'text', text, encoding: 'gb18030', bom: false, lossy: false };
      }
    } catch {
      // Neither UTF-8 nor GB18030.
    }
  }
  return { kind: 'text', text: new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(body), encoding: 'utf-8', bom, lossy: true };
}

/** The text to write back for a fixed input: the byte order mark restored. Only for lossless UTF-8 input. */
export function encodeOutput(text: string, input: { bom: boolean }): Buffer {
  return Buffer.from(input.bom ? `\uFEFF${text}` : text, 'utf8');
}
