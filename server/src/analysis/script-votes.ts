/**
 * Script votes: how many characters of a text exist only in Traditional or only in Simplified script (the
 * document's majority is the script it is checked against when the settings say `auto`).
 */
import type { Services } from './types';

/** Vote of each code unit per converter (0: not yet known, 1: none, 2: Traditional-only, 3: Simplified-only). */
const voteTables = new WeakMap<Services['converter'], Uint8Array>();

/** Counts characters (code units) that exist only in Traditional or only in Simplified script. */
export function scriptVotes(prose: string, services: Services): [number, number] {
  const converter = services.converter;
  let table = voteTables.get(converter);
  if (!table) {
    table = new Uint8Array(0x10000);
    voteTables.set(converter, table);
  }
  let trad = 0;
  let simp = 0;
  for (let i = 0; i < prose.length; i++) {
    const c = prose.charCodeAt(i);
    if (c < 0x3400) {
      continue;
    }
    let vote = table[c]!;
    if (vote === 0) {
      const ch = prose[i]!;
      vote = converter.isTraditionalOnly(ch) ? 2 : converter.isSimplifiedOnly(ch) ? 3 : 1;
      table[c] = vote;
    }
    if (vote === 2) {
      trad++;
    } else if (vote === 3) {
      simp++;
    }
  }
  return [trad, simp];
}
