/**
 * repetition/doubled-word decided with the genre's counts (the corpus model), issue 17: a doubled character the
 * segmenter reads as a reduplicated word or a word of its own (申申|论, 说|明明, 自|自己, 可以|以) beside a word the
 * genre uses far more often. Reduplication the genre does use beside its neighbours stays unflagged.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, ruleTester } from '../helpers';

const ID = 'repetition/doubled-word';

ruleTester(ID, {
  valid: [
    // Reduplicated words attested beside their neighbours in the genre (人人|都, 事事|关心, 远远|超过) and 一个个.
    '人人都要遵守规则，事事关心，远远超过预期，一个个鲜活的例子。',
    // A modal before a verb, a verb before an adjective, a place word before a name.
    '我们要要求自己严格一些。不可能有有效的监管。历史中中华文化源远流长。',
    // A function word, a measure after 一, a copy that goes on with the next word (会面临, 新能源), a
    // reduplicated adverb before a verb.
    '保持平和和大爱之心。一起起案件触目惊心。在现代社会会面临困境。合作创新新能源开发方式。她对着镜头微微笑了。',
    // The 以 of 以X为Y before a noun.
    '可以以人民为中心。',
    // An adverb XX before a numeral is grammar, not 单一 doubled.
    '人生的胜负已不再能由单单一次考试来决定。单单一个字就布满了展厅。',
    // 一X|X of a measure before what it counts: 一起起触目惊心的案件 (each case).
    '一起起触目惊心的制假售劣案被曝光。',
  ],
  invalid: [
    {
      // The dictionary rates 申论 rare (37) and has 申申; the genre writes 申论 2,306 times and 申申 never.
      text: '2015年公务员申申论备考指南。',
      errors: [{ range: [8, 10], text: '申申', message: '“申” is written twice in “申论”' }],
      output: '2015年公务员申申论备考指南。',
    },
    {
      text: '他们清洁了整整个城市。很多小小区面临管理难题。',
      errors: [
        { range: [5, 7], text: '整整', message: '“整” is written twice in “整个”' },
        { range: [13, 15], text: '小小', message: '“小” is written twice in “小区”' },
      ],
    },
    {
      // A lone copy after a genre word (抗日战争 15 in the genre), a suggestion.
      text: '在抗日战争争中，军民团结一心。',
      errors: [{ range: [4, 6], text: '争争', message: '“争” is written twice in “抗日战争”' }],
      output: '在抗日战争争中，军民团结一心。',
    },
    {
      // 要|要求 where 要求 ends the clause: no modal governing a verb (我们要要求自己 is valid above).
      text: '这对我们提出了更高的要要求。',
      errors: [{ range: [10, 12], text: '要要', message: '“要” is written twice in “要求”' }],
    },
    {
      // 常态 109 in the genre, 常常 35: three times as frequent is enough where no neighbour bigram is attested.
      text: '我国进入经济新常常态。',
      errors: [{ range: [7, 9], text: '常常', message: '“常” is written twice in “常态”' }],
    },
    {
      // A lone copy of a less common verb before a verb of the genre (坚|坚守); modals like 要 stay excused above.
      text: '改革需要坚坚守公平。要坚决落落实到行动上。',
      errors: [
        { range: [4, 6], text: '坚坚', message: '“坚” is written twice in “坚守”' },
        { range: [13, 15], text: '落落', message: '“落” is written twice in “落实”' },
      ],
    },
    {
      // A lone copy after a genre word, before a verb (一起|起|沐浴), and before a dictionary word the genre never
      // writes (强大|大|正能量: 大正 is a Japanese era name).
      text: '农村孩子一起起沐浴教育的阳光。推动发展的强大大正能量。',
      errors: [
        { range: [5, 7], text: '起起', message: '“起” is written twice in “一起”' },
        { range: [21, 23], text: '大大', message: '“大” is written twice in “强大”' },
      ],
    },
    {
      // The word before the reduplication: 说|明明.
      text: '这说明明我们的工作还有差距。',
      errors: [{ range: [2, 4], text: '明明', message: '“明” is written twice in “说明”' }],
    },
    {
      // A lone copy that the dictionary takes for a word of its own: 自|自己, 与|与时俱进, 可以|以 before a verb.
      text: '我们要贡献自自己的力量。需做到与与时俱进。这样可以以使群众满意。',
      errors: [
        { range: [5, 7], text: '自自', message: '“自” is written twice in “自己”' },
        { range: [15, 17], text: '与与', message: '“与” is written twice in “与时俱进”' },
        { range: [24, 26], text: '以以', message: '“以” is written twice in “可以”' },
      ],
    },
  ],
});

test('a doubled character found with the genre counts: a suggestion deleting the second copy', () => {
  const cases: Array<[string, string]> = [
    ['2015年公务员申申论备考指南。', '2015年公务员申论备考指南。'],
    ['这说明明我们的工作还有差距。', '这说明我们的工作还有差距。'],
    ['我们要贡献自自己的力量。', '我们要贡献自己的力量。'],
    ['这样可以以使群众满意。', '这样可以使群众满意。'],
    ['在抗日战争争中，军民团结一心。', '在抗日战争中，军民团结一心。'],
  ];
  for (const [text, fixed] of cases) {
    const found = check(text, [ID]);
    assert.equal(found.length, 1, text);
    const f = found[0]!;
    assert.equal(f.severity, 'warning', text);
    const fix = f.fixes[0]!;
    assert.equal(fix.auto, false, text);
    const [edit] = fix.edits;
    assert.ok(edit);
    assert.equal(edit.start, f.start + 1, text);
    assert.equal(text.slice(0, edit.start) + edit.newText + text.slice(edit.end), fixed);
  }
});
