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
    // Issue 14: anaphora is the genre's device, not monotony (dev essays 0606 如何…？, 0088 从…, 0416 曾经…).
    '如果没有规矩，社会就会失序。如果没有法治，权利就无从保障。如果没有诚信，市场就难以运转。如果没有担当，事业就难以成功。',
    '如何保障民生？如何维护民利？如何畅达民情？',
    '从随意插队到公共场合吸烟，违规现象无处不在。从医生收红包到官员吃拿卡要，规则意识淡薄。从家庭到社会，处处需要规矩。',
    // Issue 14: the topic as the subject of consecutive sentences (dev essay 0154: 共享经济…).
    '共享经济让资源得到了高效的利用。共享经济也符合新发展理念。共享经济的基础是信任。',
    // Issue 14: labels are not openers (【释义】 before each of three quotations, 释义：).
    '【释义】这句话的意思是要谋全局。【释义】这句话说明规矩的重要。【释义】这句话强调实干。',
    '释义：这句话的意思是要谋全局。释义：这句话说明规矩的重要。释义：这句话强调实干。',
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
    {
      // A pronoun repeated at the start of sentences (dev essay 1095): monotony.
      text: '低俗的卖点也被无限传播。这与主流价值观背道而驰。这对青少年的影响尤其恶劣。这恰恰是我们所不能容忍的。',
      errors: [{ range: [37, 38], text: '这', message: '3' }],
    },
    {
      // A connective repeated at the start of sentences.
      text: '因此，我们要学习。因此，我们要思考。因此，我们要实践。',
      errors: [{ range: [18, 20], text: '因此' }],
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

test('seeds: no run (issue 14: seed 003’s 要坚持…要认真探索…要真抓实干 is anaphora, the genre’s device, no longer reported)', () => {
  for (const s of ['000', '001', '002', '003', '004']) {
    assert.deepEqual(check(seed(s), [ID]), [], `seed ${s}`);
  }
});
