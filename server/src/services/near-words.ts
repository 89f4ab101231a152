/**
 * The dictionary's words by length, for indexes built once (phrasing/near-canonical indexes its canonical
 * phrases by their first two units and by units 2–3). A walk of the compiled trie (./dictionary.ts). Pure: no I/O.
 */
import { NONE, type Dictionary } from './dictionary';

/**
 * The look-up words of the dictionary of `minLength` to `maxLength` UTF-16 units, in trie order: a walk of
 * the compiled trie, depth first, cut at `maxLength`. `onWord` learns each word's trie node before it is yielded.
 */
export function* dictionaryWords(
  d: Dictionary,
  minLength: number,
  maxLength: number,
  onWord?: (word: string, node: number) => void,
): Generator<string> {
  // The stack in two typed arrays (node, depth) rather than a pair per entry: the walk visits most of the
  // trie's nodes, and allocating for each was most of its time. A node is pushed at most once, so the
  // stack never holds more than the trie's nodes. Pops come in the same order as before.
  const nodes = new Int32Array(d.nodes);
  const depths = new Uint16Array(d.nodes);
  let top = 0;
  const units: number[] = [];
  for (let c = d.childStart[0]!; c < d.childStart[1]!; c++) {
    nodes[top] = c;
    depths[top++] = 1;
  }
  while (top > 0) {
    top--;
    const node = nodes[top]!;
    const depth = depths[top]!;
    units.length = depth - 1;
    units.push(d.code[node]!);
    if (depth >= minLength && d.lookClass[node] !== NONE) {
      const word = String.fromCharCode(...units);
      onWord?.(word, node);
      yield word;
    }
    if (depth < maxLength) {
      const end = d.childStart[node + 1]!;
      for (let c = d.childStart[node]!; c < end; c++) {
        nodes[top] = c;
        depths[top++] = depth + 1;
      }
    }
  }
}
