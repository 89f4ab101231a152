/**
 * Pinyin syllables: recognising a toned syllable such as `guān` or `zhǔn`, and stripping its tone.
 */

const TONED: Record<string, string> = {
  ā: 'a', á: 'a', ǎ: 'a', à: 'a',
  ē: 'e', é: 'e', ě: 'e', è: 'e',
  ī: 'i', í: 'i', ǐ: 'i', ì: 'i',
  ō: 'o', ó: 'o', ǒ: 'o', ò: 'o',
  ū: 'u', ú: 'u', ǔ: 'u', ù: 'u',
  ǖ: 'ü', ǘ: 'ü', ǚ: 'ü', ǜ: 'ü',
  ń: 'n', ň: 'n', ǹ: 'n', ḿ: 'm',
};

/** Letters that may occur in a syllable written with tone marks. */
export const PINYIN_LETTERS = 'a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ';

const INITIAL = '(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?';
const FINAL =
  '(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|üan|van|ai|ao|an|ei|en|er|ia|ie|in|iu|ou|ua|uo|ui|un|ue|üe|ve|ün|vn|a|e|i|o|u|ü|v)';
const SYLLABLE = new RegExp(`^${INITIAL}${FINAL}$`);
const INTERJECTION = /^(?:m|n|ng|hm|hng)$/;

/** The syllable without tone marks, lower-cased (`Guān` → `guan`). */
export function stripTone(s: string): string {
  let out = '';
  for (const ch of s.toLowerCase()) {
    out += TONED[ch] ?? ch;
  }
  return out;
}

/** True when the text carries at least one tone mark. */
export function hasToneMark(s: string): boolean {
  for (const ch of s.toLowerCase()) {
    if (TONED[ch] !== undefined) {
      return true;
    }
  }
  return false;
}

/** True for one well-formed pinyin syllable, with or without tone marks (`guān`, `lve`, `zhuang`). */
export function isSyllable(s: string): boolean {
  if (s.length === 0 || s.length > 6) {
    return false;
  }
  const bare = stripTone(s);
  return SYLLABLE.test(bare) || INTERJECTION.test(bare);
}
