/**
 * Pinyin services over pinyin-pro: readings of a character (heteronyms included) and the reverse index
 * syllable → characters over the CJK Unified Ideographs.
 *
 * Nothing is loaded at start-up. On first use the readings of U+4E00–U+9FFF come from the table the build
 * derives from pinyin-pro (dist/data/pinyin.json, used only when it was made from this pinyin-pro version);
 * without it they are derived from pinyin-pro (about 300 ms). pinyin-pro itself is loaded only for that, or
 * for the readings of a character outside the table.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PinyinIndex } from '../analysis/types';
import { stripTone } from '../analysis/pinyin';
import { version as PINYIN_PRO_VERSION } from 'pinyin-pro/package.json';
import { compiledDataDirs } from './jieba';

/** File name of the table the build derives from pinyin-pro (see esbuild.mjs). */
export const PINYIN_TABLE = 'pinyin.json';

/** First and last code point of the table. */
const FIRST = 0x4e00;
const LAST = 0x9fff;

/** The readings of the table's characters, by code point − FIRST, each list joined with spaces. */
export interface PinyinTableFile {
  /** The pinyin-pro version the table was derived from. */
  version: string;
  first: number;
  last: number;
  /** Toned readings, each once, in pinyin-pro's order (`zhòng chóng`). */
  toned: string[];
  /** What readings() returns: toneless readings, each once (`zhong chong`). */
  plain: string[];
}

type PinyinPro = typeof import('pinyin-pro');

let pro: PinyinPro | undefined;

/** pinyin-pro, loaded on first use. */
function pinyinPro(): PinyinPro {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (pro ??= require('pinyin-pro') as PinyinPro);
}

/** Toneless readings of a character (or string) as pinyin-pro gives them, each once. */
function plainReadings(ch: string): string[] {
  return [...new Set(pinyinPro().pinyin(ch, { multiple: true, type: 'array', toneType: 'none' }).filter((x) => x !== ch))];
}

/** Derives the table from pinyin-pro (the build writes it; runs without it derive it on first use). */
export function pinyinTableFile(): PinyinTableFile {
  const toned: string[] = [];
  const plain: string[] = [];
  for (let cp = FIRST; cp <= LAST; cp++) {
    const ch = String.fromCodePoint(cp);
    toned.push([...new Set(pinyinPro().pinyin(ch, { multiple: true, type: 'array' }))].filter((t) => t !== ch).join(' '));
    plain.push(plainReadings(ch).join(' '));
  }
  return { version: PINYIN_PRO_VERSION, first: FIRST, last: LAST, toned, plain };
}

/** The build's table, when there is one made from this pinyin-pro. */
function readTable(): PinyinTableFile | undefined {
  for (const file of compiledDataDirs().map((d) => path.join(d, PINYIN_TABLE))) {
    try {
      if (!fs.existsSync(file)) {
        continue;
      }
      const t = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PinyinTableFile>;
      const size = LAST - FIRST + 1;
      if (t.version === PINYIN_PRO_VERSION && t.first === FIRST && t.last === LAST && t.toned?.length === size && t.plain?.length === size) {
        return t as PinyinTableFile;
      }
    } catch {
      // Unreadable: derive the table instead.
    }
  }
  return undefined;
}

const split = (s: string): string[] => (s === '' ? [] : s.split(' '));

/** Creates the pinyin index; its data loads on first use. */
export function createPinyinIndex(loadTable: () => PinyinTableFile = () => readTable() ?? pinyinTableFile()): PinyinIndex {
  let table: PinyinTableFile | undefined;
  let reverse: Map<string, string[]> | undefined;
  const readingCache = new Map<string, readonly string[]>();
  const build = (t: PinyinTableFile): Map<string, string[]> => {
    const map = new Map<string, string[]>();
    const add = (key: string, ch: string): void => {
      const list = map.get(key);
      if (list) {
        list.push(ch);
      } else {
        map.set(key, [ch]);
      }
    };
    t.toned.forEach((readings, i) => {
      if (readings === '') {
        return;
      }
      const ch = String.fromCodePoint(t.first + i);
      for (const r of readings.split(' ')) {
        add(r, ch);
        add(stripTone(r), ch);
      }
    });
    return map;
  };
  return {
    charactersFor(syllable) {
      reverse ??= build((table ??= loadTable()));
      return reverse.get(syllable.toLowerCase()) ?? [];
    },
    readings(ch) {
      let r = readingCache.get(ch);
      if (!r) {
        const cp = ch.length === 1 ? ch.charCodeAt(0) : -1;
        if (cp >= FIRST && cp <= LAST) {
          table ??= loadTable();
          r = split(table.plain[cp - FIRST]!);
        } else {
          r = plainReadings(ch);
        }
        readingCache.set(ch, r);
      }
      return r;
    },
  };
}
