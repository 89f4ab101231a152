/**
 * dictionaryWords (server/src/services/near-words.ts): the look-up words of a compiled dictionary within a
 * range of lengths, in the order of a depth-first walk of the trie (the order phrasing/near-canonical indexes
 * them in), prefixes without an entry of their own left out.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileDictionary, nodeOfWord } from '../../server/src/services/dictionary';
import { dictionaryWords } from '../../server/src/services/near-words';

test('dictionaryWords: the entries of two to four units, depth first, later siblings first', () => {
  // 一 (U+4E00) < 三 (U+4E09) < 国 (U+56FD); 一心一 is only a prefix of 一心一意, 三 a word of one unit.
  const d = compileDictionary('一 5 m\n一心 8 d\n一心一意 20 i\n一往无前 9 i\n三 4 m\n三心二意 6 i\n国家 10 n\n', '组工干部 7 n\n');
  assert.deepEqual([...dictionaryWords(d, 2, 4)], ['组工干部', '国家', '三心二意', '一心', '一心一意', '一往无前']);
  assert.deepEqual([...dictionaryWords(d, 4, 4)], ['组工干部', '三心二意', '一心一意', '一往无前']);
  // Cut at the maximum length: nothing of three units here, and the longer words are not reached.
  assert.deepEqual([...dictionaryWords(d, 1, 2)], ['国家', '三', '一', '一心']);
  assert.deepEqual([...dictionaryWords(d, 3, 3)], []);
});

test('dictionaryWords: onWord receives each yielded word with its own trie node, before it is yielded', () => {
  const d = compileDictionary('一 5 m\n一心 8 d\n一心一意 20 i\n一往无前 9 i\n三心二意 6 i\n', '');
  const seen: Array<[string, number]> = [];
  const yielded: string[] = [];
  for (const w of dictionaryWords(d, 4, 4, (word, node) => seen.push([word, node]))) {
    // The callback has already run for this word (jieba.ts reads the node for the frequency and tag asked next).
    assert.equal(seen.at(-1)?.[0], w);
    yielded.push(w);
  }
  assert.deepEqual(yielded, ['三心二意', '一心一意', '一往无前']);
  assert.deepEqual(
    seen.map(([w, node]) => [w, node]),
    yielded.map((w) => [w, nodeOfWord(d, w)]),
  );
  assert.ok(seen.every(([, node]) => node > 0));
});
