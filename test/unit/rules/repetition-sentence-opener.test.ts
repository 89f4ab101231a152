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
      // Only the opener is shared (no frame of two words): not a 排比, a monotonous run.
      text: '我们学习文件。我们讨论问题。我们制定计划。',
      errors: [{ range: [14, 16], text: '我们', message: '3' }],
    },
    {
      text: '我们学习文件。\n我们讨论问题。\n我们制定计划。我们总结经验。',
      errors: [{ range: [16, 18], message: '4' }],
    },
    {
      text: '“我们学习文件。”我们讨论问题！我们制定计划？',
      errors: [{ range: [16, 18] }],
    },
    {
      text: '𠮷字。我們要學習。我們要思考。\r\n我們要實踐。',
      errors: [{ range: [18, 20], text: '我們' }],
    },
  ],
});

test('a 排比 run (我们要… with a shared frame) is a series, not monotony', () => {
  assert.deepEqual(check('我们要学习文件。我们要讨论问题。我们要制定计划。', [ID]), []);
});

test('related information points at the other openers', () => {
  const text = '我们学习文件。我们讨论问题。我们制定计划。';
  const [f] = check(text, [ID]);
  assert.deepEqual(f?.related?.map((r) => [r.start, r.end]), [[0, 2], [7, 9]]);
});

test('seeds: only seed 003 has a run of 要… sentences that is not a series (its 要…吏治 and 要以… runs are 排比)', () => {
  for (const s of ['000', '001', '002', '004']) {
    assert.deepEqual(check(seed(s), [ID]), [], `seed ${s}`);
  }
  assert.equal(check(seed('003'), [ID]).length, 1);
});
