import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../server/src/analysis';
import { check, corpusEssay, corpusEssays, fixAll, ruleTester, seed } from '../helpers';

const ID = 'punctuation/quotes';
const md = { format: 'markdown' as const };
const taiwan = { config: { script: 'taiwan' as const } };
const hongkong = { config: { script: 'hongkong' as const } };

ruleTester(ID, {
  valid: [
    'He said "yes" to me.',
    "I don't know 这个问题。",
    '这是Tom\'s书，那是students’ 作业。',
    'It’s fine，他说。',
    '他说“好”，她说“行”。',
    '他说“要坚持‘两个维护’”。',
    { text: '代码`"x"`不检查。', options: md },
    { text: '他說「好」，她說「行『對』」。', options: taiwan },
    // Only one style in the document: nothing is mixed, whatever the target script.
    { text: '他說“好”，她說“行”。', options: taiwan },
    { text: '他说「好」。', options: { config: { script: 'simplified' as const } } },
  ],
  invalid: [
    {
      text: '以"儿童安全"为主题',
      errors: [{ range: [1, 7], text: '"儿童安全"', message: '“”' }],
      output: '以“儿童安全”为主题',
    },
    {
      text: '以＂儿童安全＂为主题',
      errors: [{ range: [1, 7] }],
      output: '以“儿童安全”为主题',
    },
    {
      // Spaces between the marks and Chinese text go with them.
      text: '成为新 " 风口 "。',
      errors: [{ range: [3, 10] }],
      output: '成为新“风口”。',
    },
    {
      // Nested in a quotation: the inner marks.
      text: '“"稳增长"政策效果正在显现。”',
      errors: [{ range: [1, 6], message: '‘’' }],
      output: '“‘稳增长’政策效果正在显现。”',
    },
    {
      text: "古人云：'以地事秦，犹抱薪救火。'此言得之。",
      errors: [{ range: [4, 17] }],
      output: '古人云：‘以地事秦，犹抱薪救火。’此言得之。',
    },
    {
      // A straight quote whose partner is a typographic closer.
      text: '考生会犯嘀咕:"今年立意是什么?”',
      errors: [{ range: [7, 8], text: '"' }],
      output: '考生会犯嘀咕:“今年立意是什么?”',
    },
    {
      // Three straight quotes do not pair up: each is reported, nothing is fixed automatically.
      text: '他说"好，她说"行"。',
      errors: [{ range: [2, 3] }, { range: [7, 8] }, { range: [9, 10] }],
      output: '他说"好，她说"行"。',
    },
    {
      text: '社会心态是改革发展的"风向标"、文化建设的"晴雨表"、社会稳定的"安全阀"。',
      errors: [{ text: '"风向标"' }, { text: '"晴雨表"' }, { text: '"安全阀"' }],
      output: '社会心态是改革发展的“风向标”、文化建设的“晴雨表”、社会稳定的“安全阀”。',
    },
    {
      text: '他说"hello"很好。',
      errors: [{ range: [2, 9] }],
      output: '他说“hello”很好。',
    },
    {
      text: '𠮷"祥"如意',
      errors: [{ range: [2, 5] }],
      output: '𠮷“祥”如意',
    },
    {
      text: '第一段"甲"\r\n第二段"乙"',
      errors: [{ range: [3, 6] }, { range: [11, 14] }],
      output: '第一段“甲”\r\n第二段“乙”',
    },
    {
      text: '以"主题"写，`"code"`不算。',
      errors: [{ range: [1, 5] }],
      output: '以“主题”写，`"code"`不算。',
      options: md,
    },
    {
      // Mixed styles in a Simplified document: the minority 「」 becomes “”.
      text: '他说“好”，她说“行”，又说「对」。',
      errors: [{ range: [14, 17], message: '「」' }],
      output: '他说“好”，她说“行”，又说“对”。',
    },
    {
      // A tie follows the target script; the inner marks are converted with the outer ones.
      text: '他说“好”，她说「行『对』」。',
      errors: [{ range: [8, 14] }, { range: [10, 13] }],
      output: '他说“好”，她说“行‘对’”。',
    },
    {
      text: '他說「好」，她說「行」，又說“對”。',
      errors: [{ range: [14, 17], message: '“”' }],
      output: '他說「好」，她說「行」，又說「對」。',
      options: taiwan,
    },
    {
      text: '他說“好”，她說「行」。',
      errors: [{ range: [2, 5] }],
      output: '他說「好」，她說「行」。',
      options: hongkong,
    },
    {
      // Straight quotes in a document written with 「」 become 「」.
      text: '他說「好」，又說"行"。',
      errors: [{ range: [8, 11], message: '「」' }],
      output: '他說「好」，又說「行」。',
      options: taiwan,
    },
  ],
});

test('a loose straight quote offers both directions, the likelier first, and no automatic fix', () => {
  const found = check('他说"好，她说"行"。', [ID]);
  assert.equal(found.length, 3);
  assert.deepEqual(
    found.map((f) => f.fixes.map((x) => `${x.auto ? '*' : ''}${x.edits[0]!.newText}`)),
    [
      ['“', '”'],
      ['“', '”'],
      ['”', '“'],
    ],
  );
});

test('the seeds have no straight quotes in Chinese', () => {
  for (const s of ['000', '001', '002', '003', '004']) {
    assert.deepEqual(
      check(seed(s), [ID]).map((f) => f.message),
      [],
      `seed ${s}`,
    );
  }
});

test('corpus: only the straight quotes some essays really contain are reported', () => {
  let total = 0;
  for (const name of corpusEssays()) {
    const found = check(corpusEssay(name), [ID]);
    for (const f of found) {
      assert.match(f.message, /Straight quotation mark/, `${name}: ${f.message}`);
    }
    total += found.length;
  }
  // Measured: 29, every one a straight quote in Chinese text (no 「」 occurs in the corpus).
  assert.ok(total <= 35, `${total} findings`);
});

test('corpus: a quotation rewritten with straight quotes is found at its exact range and fixed back', () => {
  const names = corpusEssays().filter((_, i) => i % 89 === 3);
  let tried = 0;
  for (const name of names) {
    const original = corpusEssay(name);
    if (check(original, [ID]).length > 0) {
      continue;
    }
    const m = /“([\p{Script=Han}，、]{2,20})”/u.exec(original);
    if (!m) {
      continue;
    }
    tried++;
    const a = m.index;
    const b = a + m[0].length - 1;
    const text = `${original.slice(0, a)}"${m[1]}"${original.slice(b + 1)}`;
    const found = check(text, [ID]);
    assert.deepEqual(
      found.map((f) => [f.start, f.end]),
      [[a, b + 1]],
      name,
    );
    assert.equal(fixAll(text, [ID]), original, name);
  }
  assert.ok(tried >= 5, `only ${tried} essays tried`);
});

test('long runs of straight quotes stay linear and keep their ranges', () => {
  const inputs: Array<[string, number]> = [
    ['"'.repeat(100_000), 0],
    ['中 " '.repeat(30_000), 15_000],
    ["中'".repeat(50_000), 25_000],
    ['「中」“中”'.repeat(20_000), 20_000],
  ];
  for (const [text, expected] of inputs) {
    const found = check(text, [ID]);
    assert.equal(found.length, expected, text.slice(0, 6));
    for (const f of found) {
      assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end);
    }
  }
});

/** One round of fix-all over the findings of `rules` (what the server's source.fixAll.wenfeng does once). */
function oneRound(text: string, rules: readonly string[]): string {
  return applyFixes(text, check(text, rules)).text;
}

test('a straight quote paired with a closer of the minority style converts both in one round', () => {
  const rules = [ID, 'punctuation/halfwidth', 'punctuation/pairs'];
  // The document uses “”; the straight ' pairs with 』: the pair becomes ‘’ at once, not 『』 first.
  const text = "'(刘备)』一、才能真正实现政策的“言必信，行必果”。";
  const found = check(text, rules);
  assert.deepEqual(found.map((f) => [f.rule, f.start, f.end]), [
    [ID, 0, 6],
    ['punctuation/halfwidth', 1, 5],
  ]);
  assert.deepEqual(found[0]!.fixes[0]!.edits, [
    { start: 0, end: 1, newText: '‘' },
    { start: 5, end: 6, newText: '’' },
  ]);
  const once = oneRound(text, rules);
  assert.equal(once, '‘（刘备）’一、才能真正实现政策的“言必信，行必果”。');
  assert.equal(oneRound(once, rules), once);
  // The same with an opener of the minority style before the straight quote.
  const text2 = "『((刘备)'海不清，决不半点改变”。”张自忠";
  assert.deepEqual(check(text2, [ID]).map((f) => [f.start, f.end]), [[0, 7]]);
  const once2 = oneRound(text2, rules);
  assert.equal(once2, '‘(（刘备）’海不清，决不半点改变“。”张自忠');
  assert.equal(oneRound(once2, rules), once2);
  // Without mixed styles the partner keeps its style.
  assert.equal(oneRound("'好』。", rules), '『好』。');
});

test('straight quotes pair with typographic quotes as punctuation/pairs turns them around', () => {
  const rules = [ID, 'punctuation/halfwidth', 'punctuation/pairs'];
  // 」」 become 「」 (punctuation/pairs) in the same round: the two straight quotes pair with each other.
  const text = '""『(刘备)」」';
  const found = check(text, rules);
  assert.deepEqual(found.map((f) => [f.rule, f.start, f.end]), [
    [ID, 0, 2],
    ['punctuation/pairs', 2, 3],
    ['punctuation/halfwidth', 3, 7],
    ['punctuation/pairs', 7, 9],
  ]);
  const once = oneRound(text, rules);
  assert.equal(once, '「」『（刘备）「」');
  assert.equal(oneRound(once, rules), once);
});
