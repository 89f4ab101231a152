/**
 * Garbled text: runs of a paragraph that lost characters on their way through legacy encodings (the `?fù)`
 * residue of lost characters, U+FFFD, HTML entities whose `&` was lost, GBK read one byte off, UTF-8 read as
 * GBK or Latin-1, 锟斤拷 and 烫烫烫). Used by script/garbled (which reports them and recovers what it can),
 * script/mixed (whose script votes ignore them) and punctuation/halfwidth (whose `?` they are not).
 */
import { isHan } from '../chars';
import { hasToneMark, isSyllable, stripTone } from '../pinyin';
import type { ScriptConverter, Services } from '../types';
import { cp1252Byte, decodeUtf8, gbkCode, gbkDecodePair, hasGbk, isLevelOne, utf8SequenceAt } from './encodings';

/** Stands for a character that cannot be recovered, in messages. */
export const LOST = '□';

const TONED_LETTERS = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';

function isPinyinLetter(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xe0 && TONED_LETTERS.includes(String.fromCharCode(c)));
}

/** A `?`, its full-width form, or U+FFFD: something that stood for a character. */
function isLostMark(c: number): boolean {
  return c === 0x3f || c === 0xff1f || c === 0xfffd;
}

function isCjkPunctuationCode(c: number): boolean {
  return (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x2014 || c === 0x2026 || (c >= 0x2018 && c <= 0x201f);
}

/** Punctuation after which a bare `?` cannot have been a question mark (`?、`, `?,`). */
const AFTER_LOST = new Set([...'、，。；：,.;:']);
/** A stray ASCII mark inside a lost run (`?!敝刑糁`: a full-width mark read one byte off, later made half-width). */
const STRAY_MARK = new Set([...'!,.:;']);

const ENTITIES: Record<string, string> = {
  ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', mdash: '—', ndash: '–', hellip: '…', middot: '·', bull: '•',
  nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", times: '×', divide: '÷', deg: '°', yen: '¥',
  copy: '©', reg: '®', laquo: '«', raquo: '»', emsp: ' ', ensp: ' ',
};

/** Text for a message or a fix title: a long run shows its beginning and its end. */
export function excerpt(text: string, max = 40): string {
  if (text.length <= max) {
    return text;
  }
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 12).join('')}…${chars.slice(-10).join('')}`;
}

/** One piece of a garbled run. */
type Part =
  | { kind: 'slot'; start: number; end: number; syllable: string }
  | { kind: 'lost'; start: number; end: number }
  | { kind: 'entity'; start: number; end: number; text: string }
  | { kind: 'orphan'; start: number; end: number }
  | { kind: 'shifted'; start: number; end: number; text: string; tail: boolean };

/** A garbled run: residue of lost characters, or mojibake. */
export interface GarbledRegion {
  start: number;
  end: number;
  kind: 'residue' | 'utf8-as-gbk' | 'utf8-as-latin1' | 'replacement' | 'uninitialised';
  parts: Part[];
  /** What the mojibake reads as (mojibake kinds). */
  decoded?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Common and rare characters

const rarityTables = new WeakMap<ScriptConverter, Uint8Array>();
const COMMON = 1;
const RARE = 2;

/**
 * Common: a GB2312 level-1 character or CJK punctuation, directly or through its Simplified form (實 → 实).
 * Rare: any other character GBK encodes (level-2 and extension characters, kana, Cyrillic, box drawing).
 */
function isRare(converter: ScriptConverter, c: number): boolean {
  let table = rarityTables.get(converter);
  if (!table) {
    table = new Uint8Array(0x10000);
    rarityTables.set(converter, table);
  }
  let r = table[c]!;
  if (r === 0) {
    const code = gbkCode(c);
    r = RARE;
    if (isLevelOne(code) || isCjkPunctuationCode(c) || (code !== 0 && (code >> 8 === 0xa1 || code >> 8 === 0xa3))) {
      r = COMMON;
    } else if (c >= 0x3400 && c <= 0x9fff) {
      const s = converter.toSimplified(String.fromCharCode(c));
      if (s.length === 1 && s.charCodeAt(0) !== c && isLevelOne(gbkCode(s.charCodeAt(0)))) {
        r = COMMON;
      }
    }
    table[c] = r;
  }
  return r === RARE;
}

/** A character that can belong to a run of GBK read one byte off: a two-byte GBK character, not punctuation. */
function isRunChar(c: number): boolean {
  return !isCjkPunctuationCode(c) && c !== 0xe000 && gbkCode(c) > 0xff;
}

// ---------------------------------------------------------------------------------------------------------
// GBK read one byte off

const byteBuffer: { bytes: Uint8Array } = { bytes: new Uint8Array(256) };

function bufferFor(n: number): Uint8Array {
  if (byteBuffer.bytes.length < n) {
    byteBuffer.bytes = new Uint8Array(Math.max(n, byteBuffer.bytes.length * 2));
  }
  return byteBuffer.bytes;
}

const MAX_SHIFTED_RUN = 40;

/**
 * Reads `prose[start, end)` re-encoded as GBK from its second byte on. Returns the text when that gives common
 * characters where the run has rare ones, else undefined. `tail` is true when a byte is left over at the end
 * (the first byte of a character that was lost).
 */
function readShifted(converter: ScriptConverter, prose: string, start: number, end: number): { text: string; tail: boolean } | undefined {
  const n = end - start;
  if (n < 3 || n > MAX_SHIFTED_RUN) {
    return undefined;
  }
  const bytes = bufferFor(n * 2);
  let rare = 0;
  for (let i = 0; i < n; i++) {
    const c = prose.charCodeAt(start + i);
    const code = gbkCode(c);
    bytes[2 * i] = code >> 8;
    bytes[2 * i + 1] = code & 0xff;
    if (isRare(converter, c)) {
      rare++;
    }
  }
  if (rare === 0) {
    return undefined;
  }
  let text = '';
  for (let b = 1; b + 1 < n * 2; b += 2) {
    const c = gbkDecodePair(bytes[b]!, bytes[b + 1]!);
    if (c === 0 || isRare(converter, c) || isCjkPunctuationCode(c)) {
      return undefined;
    }
    text += String.fromCharCode(c);
  }
  return { text, tail: true };
}

// ---------------------------------------------------------------------------------------------------------
// Residue of lost characters

/**
 * Whether a `(` or `（` is still open at a position of the paragraph: the depths are counted once, on the first
 * question, so that a long line full of residue stays linear.
 */
class OpenParens {
  private depth?: Int32Array;
  constructor(private readonly prose: string) {}
  before(pos: number): boolean {
    if (!this.depth) {
      const depth = new Int32Array(this.prose.length + 1);
      let d = 0;
      for (let i = 0; i < this.prose.length; i++) {
        depth[i] = d;
        const c = this.prose.charCodeAt(i);
        if (c === 0x28 || c === 0xff08) {
          d++;
        } else if ((c === 0x29 || c === 0xff09) && d > 0) {
          d--;
        }
      }
      depth[this.prose.length] = d;
      this.depth = depth;
    }
    return this.depth[pos]! > 0;
  }
}

/** The pinyin syllable and `)` at `i`: the syllable, or undefined. */
export function syllableAt(prose: string, i: number): string | undefined {
  let j = i;
  while (j < prose.length && j - i <= 6 && isPinyinLetter(prose.charCodeAt(j))) {
    j++;
  }
  if (j === i || prose.charCodeAt(j) !== 0x29) {
    return undefined;
  }
  const s = prose.slice(i, j);
  return isSyllable(s) ? s : undefined;
}

/** An HTML entity name and `;` at `i` (`ldquo;`, `#8220;`): its text, or undefined. */
function entityAt(prose: string, i: number): { text: string; length: number } | undefined {
  let semi = i;
  while (semi < prose.length && semi - i <= 8 && prose.charCodeAt(semi) !== 0x3b) {
    semi++;
  }
  if (prose.charCodeAt(semi) !== 0x3b || semi - i < 2) {
    return undefined;
  }
  const name = prose.slice(i, semi);
  const numeric = /^#(\d{2,6})$/.exec(name);
  if (numeric) {
    const cp = Number(numeric[1]);
    return cp > 0x20 && cp <= 0x10ffff ? { text: String.fromCodePoint(cp), length: name.length + 1 } : undefined;
  }
  const text = ENTITIES[name];
  return text === undefined ? undefined : { text, length: name.length + 1 };
}

/** Lost characters with their surviving pinyin, entities, U+FFFD and orphan fragments, in order. */
function residueParts(prose: string, services: Services): Part[] {
  const parts: Part[] = [];
  const open = new OpenParens(prose);
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    if (!isLostMark(c)) {
      continue;
    }
    const syllable = syllableAt(prose, i + 1);
    if (syllable !== undefined) {
      const end = i + 1 + syllable.length + 1;
      // A toneless syllable (們 → `?men)`) only after a character, closing nothing, and read by some character.
      if (
        hasToneMark(syllable) ||
        (isHan(prose[i - 1]) && !open.before(i) && services.pinyin.charactersFor(stripTone(syllable)).length > 0)
      ) {
        parts.push({ kind: 'slot', start: i, end, syllable });
        i = end - 1;
        continue;
      }
    }
    if (c !== 0xff1f) {
      const entity = entityAt(prose, i + 1);
      if (entity) {
        parts.push({ kind: 'entity', start: i, end: i + 1 + entity.length, text: entity.text });
        i += entity.length;
        continue;
      }
    }
    if (c === 0xfffd) {
      let end = i + 1;
      while (prose.charCodeAt(end) === 0xfffd) {
        end++;
      }
      parts.push({ kind: 'lost', start: i, end });
      i = end - 1;
    }
  }
  // Orphan fragments: `dān)` right after a character, its `(` lost. Parts found so far are in order.
  const found = parts.length;
  let next = 0;
  for (let k = prose.indexOf(')'); k >= 0; k = prose.indexOf(')', k + 1)) {
    let j = k;
    while (j > 0 && k - j < 6 && isPinyinLetter(prose.charCodeAt(j - 1))) {
      j--;
    }
    if (j === k || j === 0) {
      continue;
    }
    const s = prose.slice(j, k);
    const lo = prose.charCodeAt(j - 1);
    const before = lo >= 0xdc00 && lo <= 0xdfff ? prose.slice(j - 2, j) : prose[j - 1];
    while (next < found && parts[next]!.end <= j) {
      next++;
    }
    const inPart = next < found && parts[next]!.start <= j;
    if (inPart || !isSyllable(s) || !hasToneMark(s) || !isHan(before) || open.before(j)) {
      continue;
    }
    parts.push({ kind: 'orphan', start: j, end: k + 1 });
  }
  parts.sort((a, b) => a.start - b.start);
  return parts;
}

/** Groups parts into runs and grows them over bare `?` and GBK read one byte off. */
function residueRegions(prose: string, services: Services): GarbledRegion[] {
  const parts = residueParts(prose, services);
  if (parts.length === 0) {
    return [];
  }
  const converter = services.converter;
  const gbk = hasGbk();
  const regions: GarbledRegion[] = [];
  for (const p of parts) {
    const last = regions[regions.length - 1];
    if (last && last.end >= p.start) {
      last.parts.push(p);
      last.end = Math.max(last.end, p.end);
    } else {
      regions.push({ start: p.start, end: p.end, kind: 'residue', parts: [p] });
    }
  }
  for (const r of regions) {
    // Orphan fragments stand alone; everything else may grow.
    if (r.parts.every((p) => p.kind === 'orphan')) {
      continue;
    }
    // Rightwards: bare `?` before punctuation, runs of GBK read one byte off.
    for (;;) {
      const c = prose.charCodeAt(r.end);
      if ((c === 0x3f || c === 0xff1f) && (AFTER_LOST.has(prose[r.end + 1] ?? '') || isLostMark(prose.charCodeAt(r.end + 1)))) {
        r.parts.push({ kind: 'lost', start: r.end, end: r.end + 1 });
        r.end++;
        continue;
      }
      if (gbk && isRunChar(c)) {
        let e = r.end;
        while (e < prose.length && isRunChar(prose.charCodeAt(e))) {
          e++;
        }
        const shifted = readShifted(converter, prose, r.end, e);
        if (shifted) {
          r.parts.push({ kind: 'shifted', start: r.end, end: e, ...shifted });
          r.end = e;
          continue;
        }
      }
      break;
    }
    // Leftwards: a run of GBK read one byte off, and the `?` (with a stray mark) that began it.
    if (gbk && isRunChar(prose.charCodeAt(r.start - 1))) {
      let s = r.start;
      while (s > 0 && isRunChar(prose.charCodeAt(s - 1))) {
        s--;
      }
      const shifted = readShifted(converter, prose, s, r.start);
      if (shifted) {
        r.parts.unshift({ kind: 'shifted', start: s, end: r.start, ...shifted });
        r.start = s;
        let q = s - 1;
        if (STRAY_MARK.has(prose[q] ?? '') && isLostMark(prose.charCodeAt(q - 1))) {
          q--;
        }
        if (isLostMark(prose.charCodeAt(q))) {
          r.parts.unshift({ kind: 'lost', start: q, end: s });
          r.start = q;
        }
      }
    }
    if (isLostMark(prose.charCodeAt(r.start - 1)) && r.parts[0]!.kind !== 'lost') {
      r.parts.unshift({ kind: 'lost', start: r.start - 1, end: r.start });
      r.start--;
    }
  }
  // Growing may have joined neighbours.
  const merged: GarbledRegion[] = [];
  for (const r of regions) {
    const last = merged[merged.length - 1];
    if (last && last.end >= r.start) {
      for (const p of r.parts) {
        if (p.start >= last.end) {
          last.parts.push(p);
        }
      }
      last.end = Math.max(last.end, r.end);
    } else {
      merged.push(r);
    }
  }
  return merged;
}

// ---------------------------------------------------------------------------------------------------------
// Classic mojibake

const MIN_MOJIBAKE_SEQUENCES = 2;

/** Runs of GBK characters that are UTF-8 bytes read as GBK (浣犲ソ → 你好). */
function utf8AsGbk(prose: string, converter: ScriptConverter, out: GarbledRegion[]): void {
  if (!hasGbk()) {
    return;
  }
  for (let i = 0; i < prose.length; ) {
    if (gbkCode(prose.charCodeAt(i)) === 0) {
      i++;
      continue;
    }
    let e = i;
    while (e < prose.length && gbkCode(prose.charCodeAt(e)) !== 0) {
      e++;
    }
    if (e - i >= 3) {
      scanUtf8Run(prose, i, e, converter, out);
    }
    i = e;
  }
}

/** Byte → character index of the run being scanned. */
const charOfByte: { index: Int32Array } = { index: new Int32Array(256) };

function scanUtf8Run(prose: string, start: number, end: number, converter: ScriptConverter, out: GarbledRegion[]): void {
  const bytes = bufferFor((end - start) * 2);
  if (charOfByte.index.length < bytes.length) {
    charOfByte.index = new Int32Array(bytes.length);
  }
  const owner = charOfByte.index;
  let total = 0;
  for (let i = start; i < end; i++) {
    const code = gbkCode(prose.charCodeAt(i));
    if (code > 0xff) {
      owner[total] = i;
      bytes[total++] = code >> 8;
    }
    owner[total] = i;
    bytes[total++] = code & 0xff;
  }
  for (let b = 0; b < total; ) {
    const first = cjkSequenceAt(bytes, b, total);
    if (first === 0) {
      b++;
      continue;
    }
    let e = b;
    let sequences = 0;
    for (let len = first; len > 0; len = cjkSequenceAt(bytes, e, total)) {
      e += len;
      sequences++;
    }
    if (sequences >= MIN_MOJIBAKE_SEQUENCES) {
      judgeUtf8(prose, bytes, owner, total, b, e, converter, out);
    }
    b = e;
  }
}

/**
 * 3 when `bytes[i..]` is the UTF-8 of a CJK character or mark (U+3000–U+9FFF, full-width forms U+FF00–U+FFEF),
 * else 0. Chinese text in UTF-8 is made of nothing else, so other sequences are not looked for.
 */
function cjkSequenceAt(bytes: Uint8Array, i: number, end: number): number {
  const lead = bytes[i]!;
  if (lead < 0xe3 || (lead > 0xe9 && lead !== 0xef) || (lead === 0xef && (bytes[i + 1]! < 0xbc || bytes[i + 1]! > 0xbf))) {
    return 0;
  }
  return utf8SequenceAt(bytes, i, end) === 3 ? 3 : 0;
}

/** True when `bytes[b, e)` is the beginning of a well-formed multi-byte UTF-8 sequence that needs more bytes. */
function isUtf8Prefix(bytes: Uint8Array, b: number, e: number): boolean {
  const lead = bytes[b]!;
  const need = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (need === 0 || e - b >= need) {
    return false;
  }
  for (let i = b + 1; i < e; i++) {
    if (bytes[i]! < 0x80 || bytes[i]! > 0xbf) {
      return false;
    }
  }
  return true;
}

function judgeUtf8(
  prose: string,
  bytes: Uint8Array,
  owner: Int32Array,
  total: number,
  b: number,
  e: number,
  converter: ScriptConverter,
  out: GarbledRegion[],
): void {
  const decoded = decodeUtf8(bytes.subarray(b, e));
  let han = 0;
  let common = 0;
  for (let i = 0; i < decoded.length; i++) {
    const c = decoded.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      han++;
      if (!isRare(converter, c)) {
        common++;
      }
    } else if (!isCjkPunctuationCode(c) || c === 0xfffd) {
      return;
    }
  }
  if (han < MIN_MOJIBAKE_SEQUENCES || common < han * 0.7) {
    return;
  }
  let start = owner[b]!;
  let end = owner[e - 1]! + 1;
  let rare = 0;
  for (let i = start; i < end; i++) {
    if (isRare(converter, prose.charCodeAt(i))) {
      rare++;
    }
  }
  if (rare * 3 < end - start) {
    return;
  }
  // A character split between the mojibake and its neighbour lost its other bytes, as did a U+FFFD beside it.
  let head = b > 0 && owner[b - 1] === start ? LOST : '';
  let tail = e < total && owner[e] === end - 1 ? LOST : '';
  // The run ends with the first bytes of a sequence whose last bytes became U+FFFD (蹇� for 念).
  if (e < total && total - e <= 3 && prose.charCodeAt(owner[total - 1]! + 1) === 0xfffd && isUtf8Prefix(bytes, e, total)) {
    end = owner[total - 1]! + 2;
    tail = LOST;
  }
  while (prose.charCodeAt(start - 1) === 0xfffd) {
    start--;
    head += LOST;
  }
  while (prose.charCodeAt(end) === 0xfffd) {
    end++;
    tail += LOST;
  }
  out.push({ start, end, kind: 'utf8-as-gbk', parts: [], decoded: head + decoded + tail });
}

/** Runs of Latin-1 / Windows-1252 characters that are UTF-8 bytes (ä¸­æ–‡ → 中文). */
function utf8AsLatin1(prose: string, out: GarbledRegion[]): void {
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    if (c < 0xe0 || c > 0xef) {
      continue;
    }
    const bytes: number[] = [];
    let e = i;
    let sequences = 0;
    for (;;) {
      const lead = prose.charCodeAt(e);
      if (lead < 0xe0 || lead > 0xef) {
        break;
      }
      const b1 = cp1252Byte(prose.charCodeAt(e + 1));
      const b2 = cp1252Byte(prose.charCodeAt(e + 2));
      if (b1 < 0 || b2 < 0 || utf8SequenceAt([lead, b1, b2], 0, 3) !== 3) {
        break;
      }
      bytes.push(lead, b1, b2);
      e += 3;
      sequences++;
    }
    if (sequences >= MIN_MOJIBAKE_SEQUENCES) {
      const decoded = decodeUtf8(Uint8Array.from(bytes));
      if (/^[\p{Script=Han}\u3000-\u303f\uff00-\uffef]+$/u.test(decoded) && /\p{Script=Han}/u.test(decoded)) {
        out.push({ start: i, end: e, kind: 'utf8-as-latin1', parts: [], decoded });
      }
    }
    i = Math.max(i, e - 1);
  }
}

/** 锟斤拷 (two U+FFFD in UTF-8, read as GBK) and 烫烫烫烫 / 屯屯屯屯 (uninitialised memory). */
function literalMojibake(prose: string, out: GarbledRegion[]): void {
  for (let at = prose.indexOf('锟斤拷'); at >= 0; at = prose.indexOf('锟斤拷', at)) {
    let end = at;
    while (prose.startsWith('锟斤拷', end)) {
      end += 3;
    }
    out.push({ start: at, end, kind: 'replacement', parts: [] });
    at = end;
  }
  for (const ch of ['烫', '屯']) {
    const four = ch.repeat(4);
    for (let at = prose.indexOf(four); at >= 0; at = prose.indexOf(four, at)) {
      let end = at;
      while (prose[end] === ch) {
        end++;
      }
      out.push({ start: at, end, kind: 'uninitialised', parts: [] });
      at = end;
    }
  }
}

/** Every garbled run of a paragraph's prose, in order, without overlaps. */
export function findGarbled(prose: string, services: Services): GarbledRegion[] {
  const found: GarbledRegion[] = [];
  let hasMark = false;
  let hasLatin = false;
  let hasClose = false;
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    if (c === 0x3f || c === 0xff1f || c === 0xfffd) {
      hasMark = true;
    } else if (c === 0x29) {
      hasClose = true;
    } else if (c >= 0xe0 && c <= 0xef) {
      hasLatin = true;
    }
  }
  if (hasMark || hasClose) {
    for (const r of residueRegions(prose, services)) {
      found.push(r);
    }
  }
  literalMojibake(prose, found);
  utf8AsGbk(prose, services.converter, found);
  if (hasLatin) {
    utf8AsLatin1(prose, found);
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: GarbledRegion[] = [];
  for (const r of found) {
    const last = kept[kept.length - 1];
    if (!last || r.start >= last.end) {
      kept.push(r);
    }
  }
  return kept;
}
