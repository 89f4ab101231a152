import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../server/src/analysis';
import { check, corpusEssay, corpusEssays, fixAll, ruleTester, seed } from '../helpers';

const ID = 'punctuation/duplicate';
const md = { format: 'markdown' as const };

ruleTester(ID, {
  valid: [
    '真的吗？！难道不是！？',
    '等等……还有——破折号。',
    '他说：“好。”',
    '2019--2020年，圆周率3.14。',
    'Loading... 请稍候',
    'and so on...',
    '更易于--，更易于--。',
    '一、坚持；二、加强。',
    '版本1..2之间',
    { text: '代码`。。`与`--`不检查。', options: md },
    { text: '正文。\n\n---\n\n正文。', options: md },
    '详见http://a.cn/x...y的说明。',
  ],
  invalid: [
    {
      text: '提供坚实支撑。。',
      errors: [{ range: [6, 8], message: '。' }],
      output: '提供坚实支撑。',
    },
    {
      text: '不轻言放弃，，艰苦磨练、、精益求精；；',
      errors: [{ range: [5, 7] }, { range: [11, 13] }, { range: [17, 19] }],
      output: '不轻言放弃，艰苦磨练、精益求精；',
    },
    {
      text: '精选：：以诚信之力！！！真的吗？？',
      errors: [{ range: [2, 4] }, { range: [9, 12] }, { range: [15, 17] }],
      output: '精选：以诚信之力！真的吗？',
    },
    {
      text: '真的吗？？！',
      errors: [{ range: [3, 6], message: '？！' }],
      output: '真的吗？！',
    },
    {
      // A mixed run inside a paragraph: suggestions only.
      text: '根源在于教育资源的不公平，。但互联网改变了这一点。',
      errors: [{ range: [12, 14], message: '，。' }],
      output: '根源在于教育资源的不公平，。但互联网改变了这一点。',
    },
    {
      // At the end of a paragraph the sentence-ending mark is kept.
      text: '教育资源不公平，。”\n下一段。',
      errors: [{ range: [7, 9] }],
      output: '教育资源不公平。”\n下一段。',
    },
    {
      text: '信息传播缓慢现象严重.......诸如此类',
      errors: [{ range: [10, 17], message: '……' }],
      output: '信息传播缓慢现象严重……诸如此类',
    },
    {
      text: '现象严重 ...... 诸如此类',
      errors: [{ range: [4, 12] }],
      output: '现象严重……诸如此类',
    },
    {
      text: '再到中学生撞车留道歉信。。。诚信',
      errors: [{ range: [11, 14] }],
      output: '再到中学生撞车留道歉信……诚信',
    },
    {
      text: '让人看尽山河美······能共享',
      errors: [{ range: [7, 13] }],
      output: '让人看尽山河美……能共享',
    },
    {
      text: '等等..',
      errors: [{ range: [2, 4] }],
      output: '等等..',
    },
    {
      text: '根源所在 --- 乡村教育的缺失',
      errors: [{ range: [4, 9], message: '——' }],
      output: '根源所在——乡村教育的缺失',
    },
    {
      text: '“变质”--外因；提出问题－－分析问题',
      errors: [{ range: [4, 6] }, { range: [13, 15] }],
      output: '“变质”——外因；提出问题——分析问题',
    },
    {
      text: '𠮷祥。。如意',
      errors: [{ range: [3, 5] }],
      output: '𠮷祥。如意',
    },
    {
      text: '第一段。。\r\n第二段，，结束',
      errors: [{ range: [3, 5] }, { range: [10, 12] }],
      output: '第一段。\r\n第二段，结束',
    },
    {
      text: '正文。。`代码。。`',
      errors: [{ range: [2, 4] }],
      output: '正文。`代码。。`',
      options: md,
    },
  ],
});

test('a mixed run offers each mark; the sentence end is preferred at the end of a paragraph', () => {
  const [inner] = check('不公平，。但是', [ID]);
  assert.deepEqual(inner?.fixes.map((f) => [f.auto, f.edits[0]!.newText]), [
    [false, '，'],
    [false, '。'],
  ]);
  const [last] = check('不公平，。', [ID]);
  assert.deepEqual(last?.fixes.map((f) => [f.auto, f.edits[0]!.newText]), [
    [true, '。'],
    [false, '，'],
  ]);
});

test('runs of half-width marks are left to punctuation/halfwidth first, then collapsed here', () => {
  const rules = ['punctuation/halfwidth', ID];
  assert.equal(fixAll('好,,坚持!!', rules), '好，坚持！');
  assert.equal(fixAll('严重...诸如', rules), '严重……诸如');
});

test('the seeds have no doubled punctuation', () => {
  for (const s of ['000', '001', '002', '003', '004']) {
    assert.deepEqual(check(seed(s), [ID]), [], `seed ${s}`);
  }
});

test('corpus: findings are the makeshift ellipses and dashes the essays contain', () => {
  let total = 0;
  let doubled = 0;
  for (const name of corpusEssays()) {
    for (const f of check(corpusEssay(name), [ID])) {
      total++;
      if (/Repeated|Consecutive/.test(f.message)) {
        doubled++;
      }
    }
  }
  // Measured: 112, of which 8 doubled marks (，， ：： 、、 。。 ，。 。，); the rest are ...... 。。。 ··· and -- ---.
  assert.ok(total <= 125, `${total} findings`);
  assert.ok(doubled <= 10, `${doubled} doubled marks`);
});

test('corpus: an injected 。。 is found at its exact offset and collapsed by fix-all', () => {
  const names = corpusEssays()
    .filter((_, i) => i % 71 === 2)
    .filter((n) => check(corpusEssay(n), [ID]).length === 0)
    .slice(0, 8);
  assert.ok(names.length >= 5, `only ${names.length} essays`);
  for (const name of names) {
    const original = corpusEssay(name);
    const at = original.indexOf('。', 200);
    assert.ok(at > 0, name);
    const text = `${original.slice(0, at)}。${original.slice(at)}`;
    assert.deepEqual(
      check(text, [ID]).map((f) => [f.start, f.end]),
      [[at, at + 2]],
      name,
    );
    assert.equal(fixAll(text, [ID]), original, name);
  }
});

test('long runs stay linear and keep their ranges', () => {
  for (const text of ['不公平' + '，。'.repeat(50_000), '好' + '！'.repeat(100_000), '中' + '·'.repeat(100_000) + '文']) {
    const found = check(text, [ID]);
    assert.equal(found.length, 1);
    assert.deepEqual([found[0]!.start, found[0]!.end], [text.search(/[，！·]/), text.length - (text.endsWith('文') ? 1 : 0)]);
    assert.ok(found[0]!.message.length < 80);
  }
});

test('a run after parentheses that punctuation/halfwidth converts is Chinese in the same round', () => {
  const rules = ['punctuation/halfwidth', ID];
  const round = (text: string): string => applyFixes(text, check(text, rules)).text;
  for (const [text, runEnd, output] of [
    ['(刘备)!!', 6, '（刘备）！'],
    ['(刘备)!!!!!!!!!', 13, '（刘备）！'],
    ['(刘备) !! 好', 8, '（刘备）！好'],
  ] as const) {
    const found = check(text, rules);
    assert.deepEqual(found.map((f) => [f.rule, f.start, f.end]), [
      ['punctuation/halfwidth', 0, 4],
      [ID, 4, runEnd],
    ], text);
    assert.deepEqual(found[1]!.fixes[0]!.edits, [{ start: 4, end: runEnd, newText: '！' }], text);
    assert.equal(round(text), output, text);
    assert.equal(round(output), output, text);
  }
});

test('a makeshift dash before or after parentheses that punctuation/halfwidth converts is fixed in the same round', () => {
  const rules = ['punctuation/halfwidth', ID];
  for (const [text, dash, parens, output] of [
    ['# 标题--(刘备)', [4, 6], [6, 10], '# 标题——（刘备）'],
    ['(刘备)--我', [4, 6], [0, 4], '（刘备）——我'],
  ] as const) {
    const found = check(text, rules);
    assert.deepEqual(
      found.map((f) => [f.rule, f.start, f.end]).sort((a, b) => (a[1] as number) - (b[1] as number)),
      [[ID, ...dash], ['punctuation/halfwidth', ...parens]].sort((a, b) => (a[1] as number) - (b[1] as number)),
      text,
    );
    const once = applyFixes(text, found).text;
    assert.equal(once, output, text);
    assert.equal(applyFixes(once, check(once, rules)).text, once, text);
  }
});
