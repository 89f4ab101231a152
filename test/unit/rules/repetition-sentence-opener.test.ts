import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, ruleTester, seed } from '../helpers';

const ID = 'repetition/sentence-opener';

ruleTester(ID, {
  valid: [
    '我们要学习。同时要思考。更重要的是实践。',
    '我们要学习。我们要思考。',
    // Clauses separated by ；are one sentence (the genre's parallel construction).
    '就是要适应新常态；就是要心存敬畏；就是要坚守底线。',
    // Numbered labels make list items, not openers.
    '例1：要学习。例2：要思考。例3：要实践。分论点一：见贤思齐。分论点二：见贤思齐。分论点三：见贤思齐。',
    // A heading breaks the run.
    { text: '我们要学习。我们要思考。\n\n# 我们\n\n我们要实践。', options: { format: 'markdown' } },
  ],
  invalid: [
    {
      text: '我们要学习。我们要思考。我们要实践。',
      errors: [{ range: [12, 14], text: '我们', message: '3' }],
    },
    {
      text: '我们要学习。\n我们要思考。\n我们要实践。我们要总结。',
      errors: [{ range: [14, 16], message: '4' }],
    },
    {
      text: '“我们要学习。”我们要思考！我们要实践？',
      errors: [{ range: [14, 16] }],
    },
    {
      text: '𠮷字。我們要學習。我們要思考。\r\n我們要實踐。',
      errors: [{ range: [18, 20], text: '我們' }],
    },
  ],
});

test('related information points at the other openers', () => {
  const text = '我们要学习。我们要思考。我们要实践。';
  const [f] = check(text, [ID]);
  assert.deepEqual(f?.related?.map((r) => [r.start, r.end]), [[0, 2], [6, 8]]);
});

test('seeds: only seed 003 has runs of 要… sentences (series the structure rules will exempt)', () => {
  for (const s of ['000', '001', '002', '004']) {
    assert.deepEqual(check(seed(s), [ID]), [], `seed ${s}`);
  }
  assert.equal(check(seed('003'), [ID]).length, 2);
});
