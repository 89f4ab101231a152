import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../server/src/analysis';
import { check, ruleTester, seed } from '../helpers';

const ID = 'repetition/duplicate-sentence';

const S = '基层是一切工作的落脚点。';
const A = '作为组工战线的一分子，身在基层、打好基础，凝聚人才。';
const B = '新时代，如何发挥主观能动性争做一名合格组工干部？';
const Q = '“万物各得其和以生，各得其养以成。”';

ruleTester(ID, {
  valid: [
    // Short sentences repeat naturally.
    '要坚持学习。我们走吧！要坚持学习。',
    `${S}我们要扎根基层。`,
    // Sentences of a pasted paragraph are duplicate-paragraph's.
    `${A}${S}\n${B}\n${A}${S}`,
    // Issue 14: repeats that quote on purpose. A saying quoted twice (dev essay 0563).
    `${Q}这是中华传统文明的智慧。\n${B}${Q}这句话仍然启迪着我们。`,
    // A list after the essay quotes its sentences (dev essays 0877, 0881).
    `${A}${S}\n整体来看，文章结构完整。\n1.开头点明了主题。${S}`,
    // A commentary after 【点评】 quoting the essay (dev essays 0478, 1164).
    `${A}${S}\n【点评】\n本文开头即点题。${S}`,
    // A label sentence repeated before two examples (dev essay 0578).
    `下面展示一个示范：\n${A}\n下面展示一个示范：\n${B}`,
    // A source line under two quotations (dev essay 1003).
    `${A}\n——学者与规划设计专家朱泽君\n${B}\n——学者与规划设计专家朱泽君`,
    // A paragraph introduced by a label line restating an example (dev essay 0885).
    `（1）问句示范：\n${B}${A}\n（3）组合示范：\n${B}我们要扎根基层。`,
    // A subheading echoed in the running text (dev essay 0855: 作风建设是永恒课题).
    `基层是一切工作的落脚点\n我们要扎根基层。${S}`,
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
