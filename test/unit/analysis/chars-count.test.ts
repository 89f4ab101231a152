/** hasHanAtLeast: countHan(s.slice(start)) >= n, without counting past the n-th Han character. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countHan, hasHanAtLeast } from '../../../server/src/analysis/chars';

test('hasHanAtLeast agrees with countHan over a slice: BMP and astral Han, marks, Latin', () => {
  const texts = ['推动文化创新，开拓传统文化。', '𠮷野家的牛肉饭，ABC三个字', 'abc，。！', '', '〇一二三四五六七八九十'];
  for (const s of texts) {
    for (let start = 0; start <= s.length; start++) {
      for (let n = 0; n <= 14; n++) {
        assert.equal(hasHanAtLeast(s, n, start), countHan(s.slice(start)) >= n, `${s} from ${start}, ${n}`);
      }
    }
  }
  // Twelve Han characters, six of them from offset 7.
  assert.equal(hasHanAtLeast('推动文化创新，开拓传统文化。', 12), true);
  assert.equal(hasHanAtLeast('推动文化创新，开拓传统文化。', 13), false);
  assert.equal(hasHanAtLeast('推动文化创新，开拓传统文化。', 6, 7), true);
  assert.equal(hasHanAtLeast('推动文化创新，开拓传统文化。', 7, 7), false);
  // An astral Han character counts once (two code units).
  assert.equal(hasHanAtLeast('𠮷a', 1), true);
  assert.equal(hasHanAtLeast('𠮷a', 2), false);
});
