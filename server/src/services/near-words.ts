/**
 * Dictionary words one character away from the text: the words that start at a position of the text and
 * read like it except for one character, which the caller's alternatives allow (再接再励 → 再接再厉 when 厉
 * is an alternative of 励). A walk of the compiled trie (./dictionary.ts) with one substitution: along the
 * text's own path, at each depth, the children that are alternatives of the text's character, then the
 * text's path again from there. Pure: no I/O.
 */
import { childOf, NONE, type Dictionary } from './dictionary';

/** A dictionary word `word` at the queried start whose UTF-16 unit `at` differs from the text. */
export interface NearWord {
  word: string;
  at: number;
}

/**
 * The dictionary words of `minLength` to `maxLength` UTF-16 units starting at `start` of `text` that differ
 * from the text in exactly one unit, at a position where `alternatives` of the text's unit holds the word's.
 */
export function nearWordsAt(
  d: Dictionary,
  text: string,
  start: number,
  minLength: number,
  maxLength: number,
  alternatives: (unit: number) => ReadonlySet<number>,
): NearWord[] {
  const out: NearWord[] = [];
  const end = Math.min(text.length, start + maxLength);
  /** Follows the text from `node` (depth `depth`, the substitution at `at`), collecting the words met. */
  const follow = (node: number, depth: number, at: number): void => {
    let n = node;
    for (let k = depth; ; k++) {
      if (k >= minLength && d.lookClass[n] !== NONE) {
        out.push({ word: text.slice(start, start + at) + String.fromCharCode(d.code[node]!) + text.slice(start + at + 1, start + k), at });
      }
      if (start + k >= end) {
        return;
      }
      n = childOf(d, n, text.charCodeAt(start + k));
      if (n === 0) {
        return;
      }
    }
  };
  if (start + 1 < end) {
    // The first character replaced: only the words whose second character is the text's are candidates.
    const unit = text.charCodeAt(start);
    const alts = alternatives(unit);
    for (const first of firstsBySecond(d, minLength).get(text.charCodeAt(start + 1)) ?? []) {
      if (d.code[first] !== unit && alts.has(d.code[first]!)) {
        follow(first, 1, 0);
      }
    }
  }
  let node = 0;
  for (let k = 0; start + k < end; k++) {
    const unit = text.charCodeAt(start + k);
    const alts = k === 0 ? NO_UNITS : alternatives(unit);
    if (alts.size > 0) {
      const first = node === 0 ? 0 : d.childStart[node]!;
      const last = node === 0 ? 0 : d.childStart[node + 1]!;
      if (node !== 0 && last - first < alts.size) {
        for (let c = first; c < last; c++) {
          if (d.code[c] !== unit && alts.has(d.code[c]!)) {
            follow(c, k + 1, k);
          }
        }
      } else {
        for (const a of alts) {
          const c = a === unit ? 0 : childOf(d, node, a);
          if (c !== 0) {
            follow(c, k + 1, k);
          }
        }
      }
    }
    node = childOf(d, node, unit);
    if (node === 0) {
      break;
    }
  }
  return out;
}

const NO_UNITS: ReadonlySet<number> = new Set();
const firstsCache = new WeakMap<Dictionary, Map<number, Map<number, number[]>>>();

/**
 * For each second character, the root children (first characters) of the words of at least `minLength`
 * units that continue with it: the candidates when the text's first character is the one replaced.
 */
function firstsBySecond(d: Dictionary, minLength: number): Map<number, number[]> {
  let byLength = firstsCache.get(d);
  if (!byLength) {
    byLength = new Map();
    firstsCache.set(d, byLength);
  }
  let map = byLength.get(minLength);
  if (map) {
    return map;
  }
  // Depth of the deepest word below each node: children are numbered after their parent (breadth first).
  const below = new Uint8Array(d.nodes);
  for (let n = d.nodes - 1; n > 0; n--) {
    let deepest = 0;
    for (let c = d.childStart[n]!; c < d.childStart[n + 1]!; c++) {
      deepest = Math.max(deepest, below[c]! + 1);
    }
    below[n] = Math.min(deepest, 255);
  }
  map = new Map();
  for (let first = d.childStart[0]!; first < d.childStart[1]!; first++) {
    for (let second = d.childStart[first]!; second < d.childStart[first + 1]!; second++) {
      if (2 + below[second]! >= minLength) {
        const unit = d.code[second]!;
        const list = map.get(unit);
        if (list) {
          list.push(first);
        } else {
          map.set(unit, [first]);
        }
      }
    }
  }
  byLength.set(minLength, map);
  return map;
}
