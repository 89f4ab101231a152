import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, fixAll, ruleTester, seed } from '../helpers';

const ID = 'repetition/doubled-word';

ruleTester(ID, {
  valid: [
    // Dictionary words.
    '谢谢大家，他往往来得早，群众纷纷点赞，天色渐渐暗了，刚刚开完会，常常加班，天天学习，人人有责。',
    '他的的确确是个好干部，要明辨是是非非，为千千万万的群众服务。',
    // AA, AABB and ABAB reduplication.
    '要仔仔细细地研究，干干净净做事，清清白白做人，认认真真学习。',
    '这个问题我们研究研究，再讨论讨论。',
    '桩桩件件都有着落，年年有新意，月月有进步。',
    '一步一步地迈向幸福，一个国家一个国家地游玩。',
    '文章写着写着就跑题了。写不写不重要，关键是怎么写。',
    '二要坚持坚持再坚持，落实落实再落实。',
    '屠呦呦研究青蒿素，徐玉玉事件令人痛心。',
    // Doubling across a word boundary is two words.
    '这是重要要求，也是主要要求。达到目的的手段要正当。我们要要求自己严格一些。',
    // Numbers and other scripts.
    '2011年11月，Hello hello。',
    // Traditional script: dictionary look-ups use the Simplified form.
    '謝謝大家，他往往來得早，群眾紛紛點讚。',
    { text: '我们要要结合实际。', options: { config: { acceptedWords: ['要要'] } } },
  ],
  invalid: [
    {
      text: '我们要要结合基层实际。',
      errors: [{ range: [2, 4], text: '要要', message: '要' }],
      output: '我们要结合基层实际。',
    },
    {
      text: '最典型的的代表就是他。',
      errors: [{ text: '的的' }],
      output: '最典型的代表就是他。',
    },
    {
      text: '我们我们要坚持学习。',
      errors: [{ range: [0, 4], text: '我们我们' }],
      output: '我们要坚持学习。',
    },
    {
      text: '让他他们感受到温暖。',
      errors: [{ range: [1, 3], text: '他他' }],
      output: '让他们感受到温暖。',
    },
    {
      text: '这是我们们的责任。',
      errors: [{ range: [3, 5], text: '们们' }],
      output: '这是我们的责任。',
    },
    {
      text: '这是我的的的责任。',
      errors: [{ range: [3, 6], text: '的的的', message: '3' }],
      output: '这是我的责任。',
    },
    {
      text: '这样一个年轻的年轻的国家。',
      errors: [{ range: [4, 10], text: '年轻的年轻的' }],
      output: '这样一个年轻的国家。',
    },
    {
      text: '加快发展发展绿色能源，才能才能实现目标。',
      errors: [{ text: '发展发展' }, { text: '才能才能' }],
      output: '加快发展绿色能源，才能实现目标。',
    },
    {
      // Astral character before the finding: offsets are UTF-16 code units.
      text: '𠮷祥的的事',
      errors: [{ range: [3, 5], text: '的的' }],
      output: '𠮷祥的事',
    },
    {
      text: '第一行没有问题。\r\n我们要要学习。',
      errors: [{ range: [12, 14], text: '要要' }],
      output: '第一行没有问题。\r\n我们要学习。',
    },
    {
      text: '我們要要學習，這是是我們的責任。',
      errors: [{ text: '要要' }, { text: '是是' }],
      output: '我們要學習，這是我們的責任。',
    },
  ],
});

test('seed 001: 要要 is flagged (in both copies of the pasted body)', () => {
  const text = seed('001');
  const found = check(text, [ID]);
  assert.equal(found.length, 2);
  for (const f of found) {
    assert.equal(text.slice(f.start, f.end), '要要');
  }
});

test('seeds 000, 002 and 004 have no doubled words', () => {
  for (const s of ['000', '002', '004']) {
    assert.deepEqual(check(seed(s), [ID]).map((f) => f.message), [], `seed ${s}`);
  }
});

test('fix-all removes only the extra copy', () => {
  const text = '一要扎根基层。我们要要结合实际，最典型的的代表。';
  assert.equal(fixAll(text, [ID]), '一要扎根基层。我们要结合实际，最典型的代表。');
});
