/**
 * jieba's segmentation without HMM, as jieba-rs (the engine of @node-rs/jieba) does it, over the compiled
 * dictionary (./dictionary.ts), returning where the words end instead of building one string per word.
 *
 * - The text splits into blocks: runs of Han characters and `[a-zA-Z0-9+#&._%-]` (jieba's RE_HAN_DEFAULT)
 *   and runs of anything else.
 * - In a Han block every start of a character has edges to the ends of the dictionary words starting there;
 *   the route from the end backwards takes, at each start, the edge maximising ln(freq) - ln(total) plus the
 *   route's value at the edge's end (a tie goes to the longer word; a start without edges steps one
 *   character at frequency 1). Following the route gives the words, where consecutive single ASCII letters
 *   and digits join into one word.
 * - Elsewhere `\r\n` is one word and every other character is a word of its own.
 *
 * The text must be well formed (no lone surrogates): the native segmenter received such text as UTF-8 with
 * U+FFFD in their place.
 */
import { NONE, type Dictionary } from './dictionary';

/** True for the characters of jieba's Han blocks (code point `cp`). */
function inHanBlock(cp: number): boolean {
  if (cp < 0x80) {
    return (
      (cp >= 0x61 && cp <= 0x7a) ||
      (cp >= 0x41 && cp <= 0x5a) ||
      (cp >= 0x30 && cp <= 0x39) ||
      cp === 0x2b || // +
      cp === 0x23 || // #
      cp === 0x26 || // &
      cp === 0x2e || // .
      cp === 0x5f || // _
      cp === 0x25 || // %
      cp === 0x2d // -
    );
  }
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2ebef) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** Code point at `i` of a well-formed text. */
function codePointAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? text.codePointAt(i)! : c;
}

/** Scratch arrays of the route, grown as needed (segmentation is synchronous). */
let routeValue = new Float64Array(1024);
let routeNext = new Int32Array(1024);
let routeNode = new Int32Array(1024);
let endsBuffer = new Int32Array(1024);
let nodesBuffer = new Int32Array(1024);
let endsCount = 0;

/**
 * Records a word: where it ends and what it is — the trie node of a dictionary word (> 0), a single BMP
 * character outside Han blocks (-1 - its code unit), or 0 for anything else.
 */
function pushWord(end: number, node: number): void {
  if (endsCount === endsBuffer.length) {
    const grown = new Int32Array(endsBuffer.length * 2);
    grown.set(endsBuffer);
    endsBuffer = grown;
    const grownNodes = new Int32Array(nodesBuffer.length * 2);
    grownNodes.set(nodesBuffer);
    nodesBuffer = grownNodes;
  }
  nodesBuffer[endsCount] = node;
  endsBuffer[endsCount++] = end;
}

/**
 * Recent trie steps per dictionary, direct-mapped: node, code unit, child (0: none) per slot. The genre's
 * vocabulary is small, so most steps are found here instead of by binary search among a node's children.
 */
const STEP_SLOTS = 1 << 16;
const STEP_MASK = STEP_SLOTS - 1;
const stepCaches = new WeakMap<Dictionary, Int32Array>();

function stepCache(d: Dictionary): Int32Array {
  let steps = stepCaches.get(d);
  if (!steps) {
    // Node 0 (the root) never takes this path, so an empty slot (node 0) never matches.
    steps = new Int32Array(STEP_SLOTS * 3);
    stepCaches.set(d, steps);
  }
  return steps;
}

/** Segments the Han block `text[start, end)`. */
function cutHanBlock(d: Dictionary, text: string, start: number, end: number): void {
  const length = end - start;
  if (routeValue.length < length + 1) {
    let size = routeValue.length;
    while (size < length + 1) {
      size *= 2;
    }
    routeValue = new Float64Array(size);
    routeNext = new Int32Array(size);
    routeNode = new Int32Array(size);
  }
  const value = routeValue;
  const next = routeNext;
  const wordNode = routeNode;
  const { code, childStart, segClass, classLog, logTotal, rootChild } = d;
  const steps = stepCache(d);
  // Route indexes are relative to the block.
  value[length] = 0;
  let following = length;
  for (let i = length - 1; i >= 0; i--) {
    const c0 = text.charCodeAt(start + i);
    if (c0 >= 0xdc00 && c0 <= 0xdfff) {
      // The second half of a surrogate pair: not the start of a character.
      continue;
    }
    let best = 0;
    let bestEnd = -1;
    let bestNode = 0;
    let node = rootChild[c0]!;
    let j = i + 1;
    while (node !== 0) {
      const cls = segClass[node]!;
      if (cls !== NONE) {
        const v = classLog[cls]! - logTotal + value[j]!;
        if (bestEnd < 0 || v >= best) {
          best = v;
          bestEnd = j;
          bestNode = node;
        }
      }
      if (j >= length) {
        break;
      }
      // The child along the next code unit: from the cache of recent steps, else by binary search among
      // the sorted children and a short scan.
      const c = text.charCodeAt(start + j);
      const slot = (Math.imul(node, 0x9e3779b1) ^ c) & STEP_MASK;
      if (steps[slot * 3] === node && steps[slot * 3 + 1] === c) {
        node = steps[slot * 3 + 2]!;
      } else {
        const from = node;
        let lo = childStart[node]!;
        const last = childStart[node + 1]!;
        let hi = last;
        while (hi - lo > 8) {
          const mid = (lo + hi) >> 1;
          if (code[mid]! < c) {
            lo = mid + 1;
          } else {
            hi = mid;
          }
        }
        node = 0;
        for (; lo < last; lo++) {
          const x = code[lo]!;
          if (x >= c) {
            if (x === c) {
              node = lo;
            }
            break;
          }
        }
        steps[slot * 3] = from;
        steps[slot * 3 + 1] = c;
        steps[slot * 3 + 2] = node;
      }
      j++;
    }
    if (bestEnd < 0) {
      best = 0 - logTotal + value[following]!;
      bestEnd = following;
      bestNode = 0;
    }
    value[i] = best;
    next[i] = bestEnd;
    wordNode[i] = bestNode;
    following = i;
  }
  // Follow the route; single ASCII letters and digits in a row make one word.
  let x = 0;
  let left = -1;
  while (x < length) {
    const y = next[x]!;
    if (y - x === 1 && isAsciiAlphanumeric(text.charCodeAt(start + x))) {
      if (left < 0) {
        left = x;
      }
    } else {
      if (left >= 0) {
        pushWord(start + x, 0);
        left = -1;
      }
      pushWord(start + y, wordNode[x]!);
    }
    x = y;
  }
  if (left >= 0) {
    pushWord(end, 0);
  }
}

/**
 * The words jieba cuts a well-formed text into, in order: their ends (UTF-16 offsets) and what they are
 * (see {@link pushWord}).
 */
export function cutEnds(d: Dictionary, text: string): { ends: Int32Array; nodes: Int32Array } {
  endsCount = 0;
  const n = text.length;
  let i = 0;
  while (i < n) {
    let cp = codePointAt(text, i);
    if (inHanBlock(cp)) {
      let j = i;
      do {
        j += cp > 0xffff ? 2 : 1;
        cp = j < n ? codePointAt(text, j) : -1;
      } while (j < n && inHanBlock(cp));
      cutHanBlock(d, text, i, j);
      i = j;
    } else {
      // Outside Han blocks: \r\n is one word, every other character a word.
      const len = cp > 0xffff ? 2 : 1;
      const end = cp === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + len;
      pushWord(end, end - i === 1 ? -1 - cp : 0);
      i = end;
    }
  }
  return { ends: endsBuffer.slice(0, endsCount), nodes: nodesBuffer.slice(0, endsCount) };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** True when a text has no lone surrogate. */
export function isWellFormed(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return !LONE_SURROGATE.test(text);
}

/** The words jieba cuts a text into (lone surrogates read as U+FFFD, as the native segmenter received them). */
export function cutWords(d: Dictionary, text: string): string[] {
  const wellFormed = isWellFormed(text) ? text : text.replace(LONE_SURROGATE, '\ufffd');
  const { ends } = cutEnds(d, wellFormed);
  const words = new Array<string>(ends.length);
  let start = 0;
  for (let k = 0; k < ends.length; k++) {
    words[k] = wellFormed.slice(start, ends[k]);
    start = ends[k]!;
  }
  return words;
}
