/**
 * The pinyin service loads on first use from the table the build derives (dist/data/pinyin.json) and answers
 * exactly what pinyin-pro answers (issue 15, item 5): every reading of U+4E00–U+9FFF and every syllable's
 * characters, in the same order, compared with a reference written here straight over pinyin-pro.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pinyin } from 'pinyin-pro';
import { stripTone } from '../../server/src/analysis/pinyin';
import { createPinyinIndex, PINYIN_TABLE, pinyinTableFile, type PinyinTableFile } from '../../server/src/services/pinyin';
import { ROOT } from './helpers';

/** The reference: readings and the reverse index computed character by character from pinyin-pro. */
function reference(): { readings: (ch: string) => string[]; reverse: Map<string, string[]> } {
  const reverse = new Map<string, string[]>();
  const add = (key: string, ch: string): void => {
    const list = reverse.get(key) ?? [];
    list.push(ch);
    reverse.set(key, list);
  };
  for (let cp = 0x4e00; cp <= 0x9fff; cp++) {
    const ch = String.fromCharCode(cp);
    for (const t of new Set(pinyin(ch, { multiple: true, type: 'array' }))) {
      if (t !== ch) {
        add(t, ch);
        add(stripTone(t), ch);
      }
    }
  }
  return { readings: (ch) => [...new Set(pinyin(ch, { multiple: true, type: 'array', toneType: 'none' }).filter((x) => x !== ch))], reverse };
}

test('the pinyin table (built and derived) gives exactly pinyin-pro\'s readings and characters', () => {
  const ref = reference();
  const built = path.join(ROOT, 'dist', 'data', PINYIN_TABLE);
  // The service as the server creates it, one over the derived table, and one over the build's file.
  const indexes = [
    { name: 'default', index: createPinyinIndex() },
    { name: 'derived', index: createPinyinIndex(pinyinTableFile) },
  ];
  if (fs.existsSync(built)) {
    indexes.push({ name: 'built', index: createPinyinIndex(() => JSON.parse(fs.readFileSync(built, 'utf8')) as PinyinTableFile) });
  }
  for (const { name, index } of indexes) {
    for (const [syllable, chars] of ref.reverse) {
      assert.deepEqual(index.charactersFor(syllable), chars, `${name}: ${syllable}`);
      assert.deepEqual(index.charactersFor(syllable.toUpperCase()), chars, `${name}: ${syllable} in capitals`);
    }
    assert.deepEqual(index.charactersFor('xyzzy'), []);
    for (let cp = 0x4e00; cp <= 0x9fff; cp += 7) {
      const ch = String.fromCharCode(cp);
      assert.deepEqual(index.readings(ch), ref.readings(ch), `${name}: ${ch}`);
    }
    // Outside the table: pinyin-pro itself (an Extension A character, 〇, a letter, a pair of characters).
    for (const ch of ['\u3400', '〇', 'a', '重庆', '𠮷']) {
      assert.deepEqual(index.readings(ch), ref.readings(ch), `${name}: ${ch}`);
    }
    assert.deepEqual(index.readings('重'), ['zhong', 'chong']);
  }
});

test('the derived table records its pinyin-pro version and holds every character of U+4E00–U+9FFF', () => {
  const t = pinyinTableFile();
  assert.match(t.version, /^\d+\.\d+\.\d+/);
  assert.equal(t.toned.length, 0x9fff - 0x4e00 + 1);
  assert.equal(t.toned[0x91cd - 0x4e00], 'zhòng chóng');
});
