/**
 * The dictionary's words by length, for indexes built once (phrasing/near-canonical indexes its canonical
 * phrases by their first two units and by units 2–3). A walk of the compiled trie (./dictionary.ts). Pure: no I/O.
 */
import { NONE, type Dictionary } from './dictionary';

/**
 * The look-up words of the dictionary of `minLength` to `maxLength` UTF-16 units, in trie order: a walk of
 * the compiled trie, depth first, cut at `maxLength`.
 */
export function* dictionaryWords(d: Dictionary, minLength: number, maxLength: number): Generator<string> {
  const units: number[] = [];
  const stack: Array<[node: number, depth: number]> = [];
  for (let c = d.childStart[0]!; c < d.childStart[1]!; c++) {
    stack.push([c, 1]);
  }
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    units.length = depth - 1;
    units.push(d.code[node]!);
    if (depth >= minLength && d.lookClass[node] !== NONE) {
      yield String.fromCharCode(...units);
    }
    if (depth < maxLength) {
      for (let c = d.childStart[node]!; c < d.childStart[node + 1]!; c++) {
        stack.push([c, depth + 1]);
      }
    }
  }
}
