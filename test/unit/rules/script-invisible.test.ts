import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../server/src/analysis';
import { check, corpusEssay, corpusEssays, fixAll, ruleTester, seed } from '../helpers';

const ID = 'script/invisible';
const md = { format: 'markdown' as const };

ruleTester(ID, {
  valid: [
    '\uFEFF全心全意为人民服务。',
    '\t\u00a0首行用不换行空格缩进。',
    '弘扬榜样力量\u00a0 引领道德前行',
    '段末的填充空格。\u00a0',
    'Hello\u00a0world, no Chinese here.',
    '全家福👨\u200d👩\u200d👧很温馨。',
    '波斯语می\u200cخواهم的写法。',
    '第一段\r\n\t第二段。',
    { text: '代码`a\u200bb`不检查。', options: md },
    { text: '代码`中\u00a0文`不检查。', options: md },
    { text: '```\na\u200bb\u0007\n```\n\n正文。', options: md },
    { text: '<!-- 注\u200b释 -->正文。', options: md },
  ],
  invalid: [
    {
      text: '全心全意\u200b为人民服务',
      errors: [{ range: [4, 5], message: 'U+200B' }],
      output: '全心全意为人民服务',
    },
    {
      text: '坚持\u200b\u200c\u2060人民至上',
      errors: [{ range: [2, 5], message: 'U+200B U+200C U+2060' }],
      output: '坚持人民至上',
    },
    {
      text: '人\u200d民',
      errors: [{ range: [1, 2], message: 'U+200D' }],
      output: '人民',
    },
    {
      text: '第一段。\n\uFEFF第二段。',
      errors: [{ range: [5, 6], message: 'U+FEFF' }],
      output: '第一段。\n第二段。',
    },
    {
      text: '第一段。\n\uFEFF\n第二段。',
      errors: [{ range: [5, 6] }],
      output: '第一段。\n\n第二段。',
    },
    {
      text: '第一段。\n\u000b\n第二段。',
      errors: [{ range: [5, 6], message: 'U+000B' }],
      output: '第一段。\n\n第二段。',
    },
    {
      text: '出现了\u0007响铃，\u0085和\u007f。',
      errors: [{ range: [3, 4] }, { range: [7, 8] }, { range: [9, 10] }],
      output: '出现了响铃，和。',
    },
    {
      text: '坚持\u00a0人民至上',
      errors: [{ range: [2, 3], message: 'U+00A0' }],
      output: '坚持人民至上',
    },
    {
      text: '坚持\u00a0\u00a0人民至上',
      errors: [{ range: [2, 4] }],
      output: '坚持人民至上',
    },
    {
      text: '（一）\u00a0政治类',
      errors: [{ range: [3, 4] }],
      output: '（一）政治类',
    },
    {
      text: '使用\u00a0Python\u00a0编程',
      errors: [{ range: [2, 3] }, { range: [9, 10] }],
      output: '使用 Python 编程',
    },
    {
      text: '他说Deep\u00a0Learning很重要。',
      errors: [{ range: [6, 7] }],
      output: '他说Deep Learning很重要。',
    },
    {
      text: '𠮷\u200b祥如意',
      errors: [{ range: [2, 3] }],
      output: '𠮷祥如意',
    },
    {
      text: '第一行\u200b\r\n第二行\u00a0文字',
      errors: [{ range: [3, 4] }, { range: [9, 10] }],
      output: '第一行\r\n第二行文字',
    },
    {
      // The zero-width space is glued to the URL (the document model masks it with the address).
      text: '详见 http://a.cn/x\u200b 的说明。',
      errors: [{ range: [16, 17] }],
      output: '详见 http://a.cn/x 的说明。',
      options: md,
    },
    {
      text: '正文\u200b段落，`代码`之外。',
      errors: [{ range: [2, 3] }],
      output: '正文段落，`代码`之外。',
      options: md,
    },
  ],
});

test('NBSP between Chinese: delete by default, a normal space as the alternative', () => {
  const [f] = check('坚持\u00a0人民至上', [ID]);
  assert.ok(f);
  assert.deepEqual(
    f.fixes.map((x) => [x.auto, x.edits[0]!.newText]),
    [
      [true, ''],
      [false, ' '],
    ],
  );
});

test('lone surrogates, control-only input and empty input do not throw', () => {
  for (const text of ['', '\u0000', '\ud800\u200b\udc00', '\u200b', '\uFEFF', '\u00a0\u00a0']) {
    const found = check(text, [ID]);
    for (const f of found) {
      assert.ok(f.start >= 0 && f.end <= text.length && f.start < f.end);
    }
  }
});

test('the seeds have no invisible characters inside Chinese', () => {
  for (const s of ['000', '001', '002', '003', '004']) {
    assert.deepEqual(check(seed(s), [ID]), [], `seed ${s}`);
  }
});

test('corpus: at most a handful of findings over all clean essays', () => {
  let total = 0;
  for (const name of corpusEssays()) {
    total += check(corpusEssay(name), [ID]).length;
  }
  // Measured: 1 (an NBSP between （一） and a heading, residue of &nbsp;). Indentation NBSPs are not flagged.
  assert.ok(total <= 3, `${total} findings`);
});

test('corpus: an injected zero-width space is found at its exact offset and removed by fix-all', () => {
  const names = corpusEssays().filter((_, i) => i % 97 === 5).slice(0, 8);
  assert.ok(names.length >= 5);
  for (const name of names) {
    const original = corpusEssay(name);
    const before = check(original, [ID]).length;
    const m = /[\p{Script=Han}][\p{Script=Han}]/u.exec(original.slice(200));
    assert.ok(m, name);
    const at = 200 + m.index + 1;
    const text = original.slice(0, at) + '\u200b' + original.slice(at);
    const found = check(text, [ID]);
    assert.equal(found.length, before + 1, name);
    assert.ok(found.some((f) => f.start === at && f.end === at + 1), `${name}: not found at ${at}`);
    assert.equal(fixAll(text, [ID]).includes('\u200b'), false);
  }
});

test('long runs of invisible characters are one finding with a short message', () => {
  const run = '\u200b'.repeat(100_000);
  for (const [text, format] of [
    [`中${run}文`, 'plaintext'],
    [`中${run}文`, 'markdown'],
    [`代码\`${run}\`中`, 'plaintext'],
  ] as const) {
    const found = check(text, [ID], { format });
    assert.equal(found.length, 1);
    assert.ok(found[0]!.message.length < 100);
  }
  assert.deepEqual(check(`代码\`${run}\`中`, [ID], md), []);
  assert.equal(check('中\u00a0'.repeat(50_000), [ID]).length, 49_999);
});

test('a non-breaking space next to half-width marks that become Chinese is decided as between Chinese', () => {
  const rules = [ID, 'punctuation/halfwidth', 'punctuation/duplicate'];
  const round = (text: string): string => applyFixes(text, check(text, rules)).text;
  const text = '(刘备)\u00a0(刘备)';
  const found = check(text, rules);
  assert.deepEqual(found.map((f) => [f.rule, f.start, f.end]), [
    ['punctuation/halfwidth', 0, 4],
    [ID, 4, 5],
    ['punctuation/halfwidth', 5, 9],
  ]);
  assert.deepEqual(found[1]!.fixes[0]!.edits, [{ start: 4, end: 5, newText: '' }]);
  assert.equal(round(text), '（刘备）（刘备）');
  // After a run of marks that becomes ！: deleted too, not first made a normal space.
  const text2 = '我!!\u00a0好';
  assert.deepEqual(check(text2, rules).map((f) => [f.rule, f.start, f.end]), [
    ['punctuation/duplicate', 1, 3],
    [ID, 3, 4],
  ]);
  assert.equal(round(text2), '我！好');
});

test('a non-breaking space after a straight quote that punctuation/quotes converts is next to Chinese', () => {
  const rules = [ID, 'punctuation/quotes', 'punctuation/halfwidth'];
  const text = "『(刘备)'\u00a02018国家";
  const found = check(text, rules);
  assert.deepEqual(found.map((f) => [f.rule, f.start, f.end]), [
    ['punctuation/halfwidth', 1, 5],
    ['punctuation/quotes', 5, 6],
    [ID, 6, 7],
  ]);
  assert.deepEqual(found[2]!.fixes[0]!.edits, [{ start: 6, end: 7, newText: ' ' }]);
  const once = applyFixes(text, found).text;
  assert.equal(once, '『（刘备）』 2018国家');
  assert.equal(applyFixes(once, check(once, rules)).text, once);
});
