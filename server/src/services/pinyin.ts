/**
 * Pinyin services over pinyin-pro: readings of a character (heteronyms included) and the reverse index
 * syllable → characters, built lazily over the CJK Unified Ideographs (about 130 ms, once).
 */
import { pinyin } from 'pinyin-pro';
import type { PinyinIndex } from '../analysis/types';
import { stripTone } from '../analysis/pinyin';

/** Creates the pinyin index. */
export function createPinyinIndex(): PinyinIndex {
  let reverse: Map<string, string[]> | undefined;
  const readingCache = new Map<string, readonly string[]>();
  const build = (): Map<string, string[]> => {
    const map = new Map<string, string[]>();
    const add = (key: string, ch: string): void => {
      const list = map.get(key);
      if (list) {
        list.push(ch);
      } else {
        map.set(key, [ch]);
      }
    };
    for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
      const ch = String.fromCodePoint(cp);
      const toned = pinyin(ch, { multiple: true, type: 'array' });
      for (const t of new Set(toned)) {
        if (t !== ch) {
          add(t, ch);
          add(stripTone(t), ch);
        }
      }
    }
    return map;
  };
  return {
    charactersFor(syllable) {
      reverse ??= build();
      const key = syllable.toLowerCase();
      return reverse.get(key) ?? [];
    },
    readings(ch) {
      let r = readingCache.get(ch);
      if (!r) {
        r = [...new Set(pinyin(ch, { multiple: true, type: 'array', toneType: 'none' }).filter((x) => x !== ch))];
        readingCache.set(ch, r);
      }
      return r;
    },
  };
}
