import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../server/src/analysis';
import { check, ruleTester, seed } from '../helpers';

const ID = 'repetition/duplicate-sentence';

const S = '基层是一切工作的落脚点。';
const A = '作为组工战线的一分子，身在基层、打好基础，凝聚人才。';
const B = '新时代，如何发挥主观能动性争做一名合格组工干部？';

ruleTester(ID, {
  valid: [
    // Short sentences repeat naturally.
    '要坚持学习。我们走吧！要坚持学习。',
    `${S}我们要扎根基层。`,
    // Sentences of a pasted paragraph are duplicate-paragraph's.
    `${A}${S}\n${B}\n${A}${S}`,
  ],
  invalid: [
    {
      text: `${S}我们要扎根基层。${S}`,
      errors: [{ range: [20, 32], text: S, message: '基层是一切工作的落脚点' }],
      // Deleting a sentence is only a suggestion.
      output: `${S}我们要扎根基层。${S}`,
    },
    {
      // Across paragraphs, with different punctuation.
      text: `${A}${S}\n${B}基层,是一切工作的落脚点!`,
      errors: [{ text: '基层,是一切工作的落脚点!' }],
    },
    {
      // A one-sentence paragraph: the finding covers its line break, for the suggested deletion.
      text: `${S}\n${B}\n${S}\n${A}`,
      errors: [{ text: `${S}\n` }],
    },
    {
      text: `${A}\r\n𠮷${B}${A}`,
      errors: [{ range: [A.length + B.length + 4, 2 * A.length + B.length + 4], text: A }],
    },
    {
      // A third occurrence is reported too; both point at the first.
      text: `${S}甲。${S}乙。${S}`,
      errors: [{ range: [14, 26] }, { range: [28, 40] }],
    },
  ],
});

test('the suggested fix deletes the repeated sentence', () => {
  const text = `${S}我们要扎根基层。${S}`;
  const [f] = check(text, [ID]);
  assert.ok(f);
  assert.equal(f.fixes[0]?.auto, false);
  assert.deepEqual(f.related?.map((r) => text.slice(r.start, r.end)), [S]);
  assert.equal(applyFixes(text, [{ ...f, fixes: [{ ...f.fixes[0]!, auto: true }] }]).text, `${S}我们要扎根基层。`);
});

test('seed 001: the sentences of the pasted body are not reported again; seed 002 repeats two lead sentences', () => {
  assert.deepEqual(check(seed('001'), [ID]), []);
  const text = seed('002');
  const found = check(text, [ID]);
  assert.equal(found.length, 2);
  assert.ok(text.slice(found[0]!.start, found[0]!.end).startsWith('“勇于创新”是吕梁精神的灵魂'));
});

test('sentences whose comparison keys share a hash are told apart by their text', () => {
  // 展建展基民作人人革 and 济设发织层社组基会 have the same 32-bit FNV-1a hash.
  const [x, y] = ['展建展基民作人人革。', '济设发织层社组基会。'];
  assert.deepEqual(check(`${x}我们要扎根基层。${y}`, [ID]), []);
  const found = check(`${x}我们要扎根基层。${y}再说一遍。${x}`, [ID]);
  assert.equal(found.length, 1);
  assert.equal(found[0]!.related?.[0]?.start, 0);
  const again = check(`${x}我们要扎根基层。${y}再说一遍。${y}`, [ID]);
  assert.equal(again.length, 1);
  assert.equal(again[0]!.related?.[0]?.start, x.length + '我们要扎根基层。'.length);
});
