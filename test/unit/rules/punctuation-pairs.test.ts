import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../server/src/analysis';
import { check, corpusEssay, corpusEssays, fixAll, ruleTester, seed } from '../helpers';

const ID = 'punctuation/pairs';
const md = { format: 'markdown' as const };

ruleTester(ID, {
  valid: [
    '坚持以人民为中心（详见附件）。',
    '《礼记〈曲礼〉》有云：“毋不敬。”',
    '他说：“要坚持‘两个维护’。”',
    // A multi-paragraph quotation: every paragraph opens, only the last closes.
    '他说：“第一段。\n“第二段。\n“第三段。”',
    // A pair broken by a line break.
    '（作者：\n申论名师团队）',
    '第一行（\r\n第二行）',
    '结合材料主题(\n健康)和题目要求',
    '甲（\n乙\n丙\n丁）',
    // Enumerators.
    '1）坚持党的领导\n2)加强团结\na) first\n二）第二项',
    '主要有：1）坚持；2）加强。',
    // Half-width pairs are punctuation/halfwidth's; pinyin residue is script/pinyin-annotation's and script/garbled's.
    '关(guān)注民生',
    '勇挑重?fù)?dān)当',
    'See (the note) here.',
    'An English aside) without Chinese.',
    // Apostrophes and straight quotes are not pairs' business.
    '引用‘甲’和don’t。',
    '以"儿童安全"为主题，他说"好',
    // A typographic closer paired with a straight opener (punctuation/quotes fixes the straight one).
    '考生会犯嘀咕:"今年立意是什么?”',
    // Crossing pairs of different kinds are not this rule's concern.
    '“甲（乙”丙）',
    { text: '[链接](http://a.cn/x(1) 与 `（` 不检查。', options: md },
  ],
  invalid: [
    {
      text: '坚持以人民为中心（详见附件。',
      errors: [{ range: [8, 9], message: '（' }],
    },
    {
      text: '礼记》中曾经说过',
      errors: [{ range: [2, 3], message: '》' }],
    },
    {
      text: '他说：“第一段。\n第二段。',
      errors: [{ range: [3, 4] }],
    },
    {
      // The quotation never closes: the last paragraph's opener is reported.
      text: '“甲。\n“乙。',
      errors: [{ range: [4, 5] }],
    },
    {
      text: '法律当儿戏，谁就必然亡于法律。(英·拜伦\n更多内容',
      errors: [{ range: [15, 16], text: '(' }],
    },
    {
      text: '【标题\n正文】不跨越太远的段落\n一\n二\n三',
      errors: [],
    },
    {
      text: '甲（\n乙\n丙\n丁\n戊）',
      errors: [{ range: [1, 2] }, { range: [10, 11] }],
    },
    {
      text: '只有既看”显绩“，也看”潜绩“，才能创造好政绩。',
      errors: [
        { range: [4, 8], message: '”…“' },
        { range: [11, 15], message: '”…“' },
      ],
      output: '只有既看“显绩”，也看“潜绩”，才能创造好政绩。',
    },
    {
      text: '弄清“显绩“与”潜绩“的关系',
      errors: [{ range: [2, 6] }, { range: [7, 11] }],
      output: '弄清“显绩”与“潜绩”的关系',
    },
    {
      text: '“唐福珍”、”孙中界”、“张继民”',
      errors: [{ range: [6, 11], text: '”孙中界”' }],
      output: '“唐福珍”、“孙中界”、“张继民”',
    },
    {
      text: '(注：详见附件）。',
      errors: [{ range: [0, 1], message: '（' }],
      output: '（注：详见附件）。',
    },
    {
      text: '𠮷（祥',
      errors: [{ range: [2, 3] }],
    },
    {
      text: '第一段（\r\n\r\n# 标题）',
      errors: [{ range: [3, 4] }, { range: [12, 13] }],
      options: md,
    },
    {
      text: '正文`代码（`正文（',
      errors: [{ range: [9, 10] }],
      options: md,
    },
  ],
});

test('seeds: only the quotation marks broken by mojibake are reported', () => {
  const found = ['000', '001', '002', '003', '004'].flatMap((s) => {
    const text = seed(s);
    return check(text, [ID]).map((f) => `${s}:${text.slice(f.start, f.end)}`);
  });
  // 000: `?ldquo;上”` lost its opener to an HTML entity; 004: `“六?!敝` lost its closer to mojibake.
  assert.deepEqual(found, ['000:”', '004:“']);
});

test('corpus: unmatched marks are rare in clean essays', () => {
  let total = 0;
  for (const name of corpusEssays()) {
    total += check(corpusEssay(name), [ID]).length;
  }
  // Measured: 45, all real defects of the sources (reversed ”…“ pairs, a quotation that lost its opener).
  assert.ok(total <= 50, `${total} findings`);
});

test('corpus: an injected unmatched （ is found at its exact offset', () => {
  const names = corpusEssays()
    .filter((_, i) => i % 61 === 7)
    .filter((n) => !/[（）()]/.test(corpusEssay(n)) && check(corpusEssay(n), [ID]).length === 0)
    .slice(0, 8);
  assert.ok(names.length >= 5, `only ${names.length} essays`);
  for (const name of names) {
    const original = corpusEssay(name);
    const m = /[\p{Script=Han}]{6}/u.exec(original.slice(300));
    assert.ok(m, name);
    const at = 300 + m.index + 3;
    const text = `${original.slice(0, at)}（${original.slice(at)}`;
    assert.deepEqual(
      check(text, [ID]).map((f) => [f.start, f.end]),
      [[at, at + 1]],
      name,
    );
  }
});

test('corpus: a quotation with reversed marks is found and fixed back', () => {
  const names = corpusEssays()
    .filter((_, i) => i % 53 === 11)
    .filter((n) => check(corpusEssay(n), [ID]).length === 0);
  let tried = 0;
  for (const name of names) {
    const original = corpusEssay(name);
    const m = /“([\p{Script=Han}]{2,12})”/u.exec(original);
    if (!m) {
      continue;
    }
    tried++;
    const a = m.index;
    const b = a + m[0].length - 1;
    const text = `${original.slice(0, a)}”${m[1]}“${original.slice(b + 1)}`;
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

test('long runs of marks stay linear and keep their ranges', () => {
  const inputs: Array<[string, number]> = [
    ['（'.repeat(100_000), 100_000],
    ['）'.repeat(100_000), 100_000],
    ['（中\n'.repeat(30_000), 30_000],
    ['“”'.repeat(50_000), 0],
    ['”中“'.repeat(30_000), 30_000],
  ];
  for (const [text, expected] of inputs) {
    const found = check(text, [ID]);
    assert.equal(found.length, expected, text.slice(0, 6));
    for (const f of found) {
      assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end);
    }
  }
});

test('quotation marks of the minority style paired by position take the document style in one round', () => {
  const rules = [ID, 'punctuation/quotes'];
  const round = (text: string): string => applyFixes(text, check(text, rules)).text;
  // The document uses “”: the reversed 」…「 becomes “…” at once, not 「…」 first.
  const text = '他说“好”，“对”，她说」行「。';
  const found = check(text, rules);
  assert.deepEqual(found.map((f) => [f.rule, f.start, f.end]), [[ID, 12, 15]]);
  assert.deepEqual(found[0]!.fixes[0]!.edits, [
    { start: 12, end: 13, newText: '“' },
    { start: 14, end: 15, newText: '”' },
  ]);
  assert.equal(round(text), '他说“好”，“对”，她说“行”。');
  // Pairs by position that point the right way are converted by the same finding kind (not by
  // punctuation/quotes, whose stack pairs 「行」 across them).
  const text2 = '他说“好”，“对”，“嗯”，她说」「行」「。';
  assert.deepEqual(check(text2, rules).map((f) => [f.rule, f.start, f.end]), [
    [ID, 16, 18],
    [ID, 19, 21],
  ]);
  const once = round(text2);
  assert.equal(once, '他说“好”，“对”，“嗯”，她说“”行“”。');
  assert.equal(round(once), once);
});
