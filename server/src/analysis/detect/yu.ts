/**
 * 於 and 于. The Simplified standard writes the preposition 于 (由于, 对于, 终于, 毁于一旦) and keeps 於 only as a
 * surname and in a few names (於潜, 於菟); a Traditional text writes the preposition 於 and keeps 于 as a surname
 * (于谦, 于敏). OpenCC maps 於 → 于 everywhere and counts neither character as belonging to one script, so the
 * question is decided here, word by word: in a word of the dictionary holding 于 where the dictionary does not
 * read a name, the character is the preposition.
 */
import type { Segmenter } from '../types';

/** The Traditional preposition. */
export const YU_TRADITIONAL = '於';
/** The Simplified preposition (and a surname in both scripts). */
export const YU_SIMPLIFIED = '于';

/** jieba's tags of names: persons, places, organisations, other proper nouns. */
const NAME_TAG = /^n[rstz]/;

/**
 * True when `word` (a token in Simplified form) is a word of the dictionary, of two characters or more, that
 * holds the preposition 于: 由于, 终于, 严于律己, 寓教于乐, 于是, 于心不忍. A word that starts with 于 is read
 * as a name when the dictionary tags it so (于今 aside, its 于X entries tagged as names are surnames: 于长江,
 * 于洋); inside a word 于 is the preposition whatever the tag (jieba tags 严于律己 and 有志于 as names). 于潜,
 * 于谦 are not words: the segmenter leaves their 于 alone.
 */
export function isYuPrepositionWord(word: string, segmenter: Segmenter): boolean {
  const at = word.indexOf(YU_SIMPLIFIED);
  if (at < 0 || word.length < 2 || !segmenter.hasWord(word)) {
    return false;
  }
  if (at > 0) {
    return true;
  }
  const tag = segmenter.tagOf(word);
  return tag === undefined || !NAME_TAG.test(tag);
}
