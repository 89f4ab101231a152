import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../../server/src/analysis';
import { check, corpusEssay, fixAll, ruleTester, seed } from '../helpers';

const ID = 'punctuation/halfwidth';

ruleTester(ID, {
  valid: [
    '圆周率约为3.14，预算1,000元，会议于15:56开始。',
    'Hello, world. This is English: fine?',
    '详见http://www.example.com/a?b=1,c=2;d 的说明。',
    '来信请寄724922822@qq.com。',
    '版本v1.0发布了。',
    '他说……好吧。',
    '1.坚持党的领导。',
    { text: '代码`a, b`不检查。', options: { format: 'markdown' } },
    { text: '[链接](http://a.cn/x(1)) 不检查。', options: { format: 'markdown' } },
    '关(guān)注',
  ],
  invalid: [
    {
      text: '组工干部要发扬精神,锻造品格:信念坚定?',
      errors: [{ range: [9, 10], text: ',' }, { range: [14, 15], text: ':' }, { range: [19, 20], text: '?' }],
      output: '组工干部要发扬精神，锻造品格：信念坚定？',
    },
    {
      text: '学习新思想, 推动新振兴.',
      errors: [{ range: [5, 7], text: ', ', message: '，' }, { range: [12, 13], text: '.' }],
      output: '学习新思想，推动新振兴。',
    },
    {
      text: '一.必须党性坚强',
      errors: [{ range: [1, 2], message: '、' }],
      output: '一、必须党性坚强',
    },
    {
      text: '福建三明市(12月2日 中国组织人事报)报道!',
      errors: [{ range: [5, 20], text: '(12月2日 中国组织人事报)' }, { range: [22, 23], text: '!' }],
      output: '福建三明市（12月2日 中国组织人事报）报道！',
    },
    {
      text: '𠮷祥如意,万事顺利',
      errors: [{ range: [5, 6] }],
      output: '𠮷祥如意，万事顺利',
    },
    {
      text: '第一段,结束\r\n第二段;结束',
      errors: [{ range: [3, 4] }, { range: [11, 12] }],
      output: '第一段，结束\r\n第二段；结束',
    },
  ],
});

test('seed 000: every half-width , : ? in Chinese is flagged and fixed; URLs, numbers and e-mail are not', () => {
  const text = seed('000');
  const findings = check(text, [ID]);
  assert.ok(findings.length > 50, `only ${findings.length} findings`);
  const fixed = fixAll(text, [ID]);
  // What is left half-width is inside numbers, the e-mail address and the pinyin residue.
  assert.match(fixed, /724922822@qq\.com/);
  assert.match(fixed, /2020-05-28 15:56/);
  assert.match(fixed, /025-86163400/);
  assert.doesNotMatch(fixed, /[\p{Script=Han}][,:;!]/u);
  // Fixing touches nothing but the marks (and spaces next to them).
  const back = (s: string): string => s.replace(/[，：；？！。（）]/g, (c) => ',:;?!.()'['，：；？！。（）'.indexOf(c)]!).replace(/ /g, '');
  assert.equal(back(fixed), back(text));
});

test('parentheses after a run that punctuation/duplicate converts are Chinese in the same round', () => {
  const rules = [ID, 'punctuation/duplicate'];
  const text = '我!!(abc)';
  const found = check(text, rules);
  assert.deepEqual(found.map((f) => [f.rule, f.start, f.end]), [
    ['punctuation/duplicate', 1, 3],
    [ID, 3, 8],
  ]);
  assert.deepEqual(found[1]!.fixes[0]!.edits, [
    { start: 3, end: 4, newText: '（' },
    { start: 7, end: 8, newText: '）' },
  ]);
  const once = applyFixes(text, found).text;
  assert.equal(once, '我！（abc）');
  assert.equal(applyFixes(once, check(once, rules)).text, once);
});

test('an invisible character that script/invisible deletes does not hide the Chinese context of a mark', () => {
  const rules = [ID, 'punctuation/duplicate', 'script/invisible'];
  const text = '一、(刘备)\u0000!!';
  const found = check(text, rules);
  assert.deepEqual(found.map((f) => [f.rule, f.start, f.end]), [
    [ID, 2, 6],
    ['script/invisible', 6, 7],
    ['punctuation/duplicate', 7, 9],
  ]);
  assert.deepEqual(found[2]!.fixes[0]!.edits, [{ start: 7, end: 9, newText: '！' }]);
  const once = applyFixes(text, found).text;
  assert.equal(once, '一、（刘备）！');
  assert.equal(applyFixes(once, check(once, rules)).text, once);
});

test('a straight quote that punctuation/quotes converts gives the next mark Chinese context in the same round', () => {
  const rules = [ID, 'punctuation/quotes'];
  const text = "『(刘备)'(2)(刘备)";
  const found = check(text, rules);
  assert.deepEqual(found.map((f) => [f.rule, f.start, f.end]), [
    [ID, 1, 5],
    ['punctuation/quotes', 5, 6],
    [ID, 6, 9],
    [ID, 9, 13],
  ]);
  const once = applyFixes(text, found).text;
  assert.equal(once, '『（刘备）』（2）（刘备）');
  assert.equal(applyFixes(once, check(once, rules)).text, once);
});

test('an invisible character before Han text does not hide the Chinese context of the marks before it', () => {
  const rules = [ID, 'punctuation/duplicate', 'script/invisible'];
  const text = '!!\u200b在抗日战争中';
  const found = check(text, rules);
  assert.deepEqual(found.map((f) => [f.rule, f.start, f.end]), [
    ['punctuation/duplicate', 0, 2],
    ['script/invisible', 2, 3],
  ]);
  const once = applyFixes(text, found).text;
  assert.equal(once, '！在抗日战争中');
  assert.equal(applyFixes(once, check(once, rules)).text, once);
});

// The separator of book and chapter inside a book title is the middle dot ·, whatever stands there.
ruleTester(ID, {
  valid: [
    '韩非子说：“法不阿贵。”（《韩非子·有度》）',
    '《论语·学而》开篇即讲学习。',
    // A version number inside a title is no separator (and no punctuation at all).
    '《Python3.10入门》是一本书。',
  ],
  invalid: [
    {
      text: '法不阿贵，绳不挠曲（《韩非子.有度》）。',
      errors: [{ range: [14, 15], text: '.', message: '“·”' }],
      output: '法不阿贵，绳不挠曲（《韩非子·有度》）。',
    },
    {
      // Two titles in one sentence, and a full stop outside them that stays 。.
      text: '《沁园春.雪》与《史记.项羽本纪》都值得一读.',
      errors: [
        { range: [4, 5], message: '“·”' },
        { range: [11, 12], message: '“·”' },
        { range: [22, 23], message: '“。”' },
      ],
      output: '《沁园春·雪》与《史记·项羽本纪》都值得一读。',
    },
    {
      // Spaces around the dot go with it.
      text: '正如《慎言 . 御民篇》所说',
      errors: [{ range: [5, 8], text: ' . ', message: '“·”' }],
      output: '正如《慎言·御民篇》所说',
    },
    {
      // An astral Han character before the dot (two code units), and CRLF between paragraphs.
      text: '《𠮷祥.如意》\r\n《论语.学而》',
      errors: [{ range: [4, 5] }, { range: [13, 14] }],
      output: '《𠮷祥·如意》\r\n《论语·学而》',
    },
    {
      // Outside a title the dot after Han text is a full stop; inside a title at its end it is one too.
      text: '先读《论语》.再读《孟子.》',
      errors: [
        { range: [6, 7], message: '“。”' },
        { range: [12, 13], message: '“。”' },
      ],
      output: '先读《论语》。再读《孟子。》',
    },
  ],
});

test('dev essays: the dot between book and chapter of a title is fixed to ·', () => {
  for (const [name, title] of [
    ['0299.txt', '《沁园春.雪》'],
    ['0439.txt', '《慎言.御民篇》'],
  ] as const) {
    const text = corpusEssay(name);
    const at = text.indexOf(title);
    assert.ok(at >= 0, `${name} holds ${title}`);
    const dot = at + title.indexOf('.');
    const [f] = check(text, [ID]).filter((x) => x.start <= dot && dot < x.end);
    assert.ok(f, `${name}: the dot of ${title} is flagged`);
    assert.deepEqual(f.fixes.map((x) => x.edits.map((e) => [e.start, e.end, e.newText])), [[[dot, dot + 1, '·']]]);
    const fixed = fixAll(text, [ID]);
    assert.ok(fixed.includes(title.replace('.', '·')), `${name}: ${title} fixed`);
    // No title of the fixed essay holds a full stop.
    assert.doesNotMatch(fixed, /《[^》]*。[^》]*》/);
  }
});
