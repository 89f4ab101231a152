/**
 * repetition/doubled-word: a character doubled inside a word (国国家, 热情情, 人人文), issue 14. Legitimate
 * reduplication stays unflagged, and so do the clean dev essays tuned on (test/tools/doubled-dev.ts).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { check, corpusEssay, fixAll, ROOT, ruleTester } from '../helpers';

const ID = 'repetition/doubled-word';

ruleTester(ID, {
  valid: [
    // Reduplication the dictionary knows, alone and before words that share a character with it.
    '谢谢大家，他往往来得早，天天学习，看看书，常常加班，人人有责，个个都是好样的，年年有余，步步为营。',
    '家家户户都明明白白，渐渐地，刚刚开始，层层落实，处处留心，事事关心，时时处处，默默无闻，一一落实，多多益善。',
    '他明明知道，刚刚好赶上，人人参与，事事关心，一一对应。',
    '我们研究研究，仔仔细细，高高兴兴，绿油油的麦田，亮晶晶的露珠，红彤彤的太阳。',
    // A lone copy that is a word of its own beside a word sharing it.
    '我们对对方的信任。社会会面临挑战。历史中中华文化源远流长。人才才能发挥作用。',
    '稳定和和谐。脚踏实地地训练。可以以其柔弱之力。达到目的的手段要正当。他的的确确是好干部。',
    // A verb with its aspect particle after a word ending in it.
    '会议对下一步工作作了部署。',
    '价值判断的标准，是是非曲直的尺度。不可能有有效的监管。我们要要求自己严格一些。',
    // Numbers, letters, one after another, verbs doubled before their object, three copies, names.
    '2017年年初，A市市政府出台政策。这一锤锤砸到了心里。',
    '经常照照镜子、正正衣冠、洗洗澡、治治病。不要走走弯路。散散步，聊聊天，晒晒太阳，吹吹风。',
    '内心鼓噪着“买买买”。正像美图秀秀的创始人所说。感謝您瀏覽江蘇蘇訊網。',
    { text: '我们要维护国国家安全。', options: { config: { acceptedWords: ['国国'] } } },
    // Issue 17: two words meeting at a doubled character, though the joined reading is a word too.
    '大学学生积极参与，中学学生也不例外。长江水生生物保护区全面禁捕。延长粮食生产产业链。',
    '省委组织部部长出席会议。他是无目的的忙碌。一个个人的力量有限。发展展现新气象。',
    '大幅降低关税税率。北京市投资促进局局长出席。被称为“党内立法法”。',
    '这是理论论据。三十一一个。人才才能发挥作用。要经常洗洗澡。一个个鲜活的例子，一座座高峰。',
  ],
  invalid: [
    {
      // Issue 17: a character doubled in the middle of a longer word (a suggestion: 社会会 may be read otherwise).
      text: '坚持中国特色社会会主义道路。',
      errors: [{ range: [7, 9], text: '会会', message: '“会” is written twice in “社会主义”' }],
      output: '坚持中国特色社会会主义道路。',
    },
    {
      text: '我国城市市化水平越来越高，随着互联联网+的时代浪潮，有效治理重金金属污染。',
      errors: [{ text: '市市' }, { text: '联联' }, { text: '金金' }],
    },
    {
      // A verb doubled before 了 after a verb ending in it, an adverb after an adverb, a modal governing nothing,
      // a numeral after a demonstrative, a copy glued to what follows (化发展 is a rare dictionary oddity).
      text: '分别提出出了三个对策。必须须坚持农业优先。形成新动能能。担当起这一一代人的使命。发挥对文化化发展的引导。',
      errors: [{ text: '出出' }, { text: '须须' }, { text: '能能' }, { text: '一一' }, { text: '化化' }],
    },
    {
      // The modal 会 after a noun ending in it governs a verb phrase (社会会面临 is valid above); before a noun it is a slip.
      text: '联系社会会实际，自拟题目。',
      errors: [{ range: [3, 5], text: '会会', message: '“会” is written twice in “社会”' }],
    },
    {
      // 些 after 这些/一些 before a noun and 的 (no unknown name cut into characters); a glued token after a quote.
      text: '制造这些些笔的钢珠。一些些人的人生观。在“两学一做”学学习教育中。城市不只是是乌煤蒸汽。',
      errors: [{ range: [3, 5], text: '些些' }, { text: '些些' }, { text: '学学' }, { text: '是是' }],
    },
    {
      // A glued token holding both copies, rare beside the word with one copy (学学习 7, 学习 13482).
      text: '不断提高学学习的能力。',
      errors: [{ range: [4, 6], text: '学学', message: '“学” is written twice in “学习”' }],
    },
    {
      // A verb doubled before a character the dictionary tags as a noun is still a slip when the doubled verb is
      // no word (保保 构构 如如): 保障, 构成, 如果.
      text: '充分保保障执法对象的权利，这些构构成了风景。一个政党如如果想要长远发展。',
      errors: [{ range: [2, 4], text: '保保' }, { text: '构构' }, { text: '如如' }],
    },
    {
      text: '我们要维护国国家安全。',
      errors: [{ range: [5, 7], text: '国国', message: '“国” is written twice in “国家”' }],
      output: '我们要维护国家安全。',
    },
    {
      text: '全面推进农农村改革，加快农业现代化。',
      errors: [{ range: [4, 6], text: '农农' }],
      output: '全面推进农村改革，加快农业现代化。',
    },
    {
      text: '要加强基基层党组织建设，提升我国的国国际地位。',
      errors: [{ range: [3, 5], text: '基基' }, { range: [17, 19], text: '国国' }],
      output: '要加强基层党组织建设，提升我国的国际地位。',
    },
    {
      // Suggestions only (the fix is not automatic): a doubled last character, a rare word, XX a word.
      text: '他对工作充满热情情，干劲十足。',
      errors: [{ range: [7, 9], text: '情情', message: '“情” is written twice in “充满热情”' }],
      output: '他对工作充满热情情，干劲十足。',
    },
    {
      text: '我们要大力推动技术创新新，提升竞争力。',
      errors: [{ range: [10, 12], text: '新新' }],
    },
    {
      text: '删删繁就简是好文风。',
      errors: [{ range: [0, 2], text: '删删' }],
    },
    {
      text: '为城市增添人人文美。',
      errors: [{ range: [5, 7], text: '人人' }],
    },
    {
      // Astral character before the finding: offsets are UTF-16 code units.
      text: '𠮷祥国国家安全',
      errors: [{ range: [3, 5], text: '国国' }],
      output: '𠮷祥国家安全',
    },
    {
      text: '第一行没有问题。\r\n全面推进农农村改革。',
      errors: [{ range: [14, 16], text: '农农' }],
      output: '第一行没有问题。\r\n全面推进农村改革。',
    },
    {
      // Traditional script: look-ups use the Simplified form.
      text: '這是國國家大事。',
      errors: [{ range: [2, 4], text: '國國' }],
      output: '這是國家大事。',
    },
  ],
});

test('a doubled character inside a word: automatic fix with a wide margin, else a suggestion deleting the copy', () => {
  const cases: Array<[string, string, boolean]> = [
    ['我们要维护国国家安全。', '我们要维护国家安全。', true],
    ['他对工作充满热情情，干劲十足。', '他对工作充满热情，干劲十足。', false],
    ['我们要大力推动技术创新新，提升竞争力。', '我们要大力推动技术创新，提升竞争力。', false],
    ['删删繁就简是好文风。', '删繁就简是好文风。', false],
    ['为城市增添人人文美。', '为城市增添人文美。', false],
  ];
  for (const [text, fixed, auto] of cases) {
    const [f] = check(text, [ID]);
    assert.ok(f, text);
    const fix = f.fixes[0]!;
    assert.equal(fix.auto, auto, text);
    assert.equal(fix.title, 'Remove the extra “' + text.slice(f.start, f.start + 1) + '”');
    const [edit] = fix.edits;
    assert.ok(edit);
    assert.equal(text.slice(0, edit.start) + edit.newText + text.slice(edit.end), fixed);
  }
});

/** The first 50 *dev* essays (server/data/gold/split.json) and the real slips they hold. */
const DEV_SLIPS: Record<string, string[]> = {
  '0001.txt': ['在在'], // 关在在于 (关键在于 with 键 lost and 在 doubled)
  '0036.txt': ['的的', '价价'], // 成功的的事例; 经价价值 (经济价值)
  '0040.txt': ['是是'], // 制造业是是立国之本
  '0042.txt': ['让让'], // 让让广大农民
  '0061.txt': ['者者'], // 城市管理者者利民为本
  '0062.txt': ['的的'], // 科技强国的的同时
};

test('50 clean dev essays: only their real slips are flagged', () => {
  const split = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'gold', 'split.json'), 'utf8')) as { dev: string[] };
  const essays = split.dev.slice(0, 50);
  assert.equal(essays.length, 50);
  for (const file of essays) {
    const text = corpusEssay(file);
    assert.deepEqual(check(text, [ID]).map((f) => text.slice(f.start, f.end)), DEV_SLIPS[file] ?? [], file);
  }
});

test('fix-all on a dev essay with an injected doubled character restores it', () => {
  const text = corpusEssay('0000.txt');
  const at = text.indexOf('国家富强');
  assert.equal(at, 110);
  const dirty = text.slice(0, at) + '国' + text.slice(at);
  const found = check(dirty, [ID]);
  assert.deepEqual(found.map((f) => [f.start, f.end]), [[at, at + 2]]);
  assert.equal(fixAll(dirty, [ID]), text);
});

test('XX that is an everyday word beside a free word is reported one severity lower, never fixed automatically', () => {
  // [text, doubled pair, severity]: 人人 and 大大 are words; 学 and 题 stand alone; 民 of 人民 is bound.
  const cases: Array<[string, string, string]> = [
    ['开展人人学礼的活动，营造文明风尚。', '人人', 'information'],
    ['跟习大大学如何给文章增色。', '大大', 'information'],
    ['我们要解决新问问题，完成新任务。', '问问', 'information'],
    ['全心全意为人人民服务。', '人人', 'warning'],
    ['我们要维护国国家安全。', '国国', 'warning'],
  ];
  for (const [text, pair, severity] of cases) {
    const found = check(text, [ID]);
    assert.equal(found.length, 1, text);
    const f = found[0]!;
    assert.equal(text.slice(f.start, f.end), pair, text);
    assert.equal(f.severity, severity, text);
    if (severity === 'information') {
      assert.equal(f.fixes[0]!.auto, false, text);
    }
  }
  // Configured as information, the tentative finding is a hint.
  const [f] = check('开展人人学礼的活动。', [ID], { config: { rules: { [ID]: 'information' } } });
  assert.equal(f?.severity, 'hint');
});
