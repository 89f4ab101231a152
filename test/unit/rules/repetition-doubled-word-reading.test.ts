/**
 * repetition/doubled-word decided by the genre's language model (readingDoublings, issue 17): a doubled character
 * the segmenter reads as a reduplicated word or as a lone copy beside a word (小小|资, 要|要求, 用|用心), where the
 * clause with one copy removed joins the character into a word and is far likelier. The sentences are from dev
 * essays of the corpus with one character doubled; the earlier stages of the rule leave each of them alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDoublings } from '../../../server/src/analysis/rules/repetition/doubled-word';
import type { CorpusModel } from '../../../server/src/analysis/types';
import { getServices } from '../../../server/src/services';
import { check, getAnalyzer, ruleTester } from '../helpers';

const ID = 'repetition/doubled-word';

ruleTester(ID, {
  valid: [
    // Reduplications written on purpose.
    '人人都有责任，天天锻炼身体，常常反思自己，方方面面都要考虑，仅仅靠政府是不够的。',
    // A verb's tentative reduplication (唱唱戏, 见见你), a name the dictionary knows in part (美图秀秀), a
    // reduplication the genre writes more often than the word it would join (层层 beside 层叠).
    '少数人唱唱戏、跳跳舞。全国人民都想见见你。',
    '正像美图秀秀的创始人所说。城市里的建筑层层叠罗。',
    // A measure doubled after a numeral, a particle after a word ending in it, two words meeting at the pair.
    '用爱心温暖一颗颗防备的心，一条条鲜活的生命被残害。',
    '却出现了无目的的物质主义。要推进我国国有经济的战略性改组。',
    '中国教育网网友认为，土地的公有制制度建立后，情况变了。',
    // A pair after a digit or a letter, an adverb XX before a verb.
    '2017年年初，A市市政府出台政策。她对着镜头微微笑了。',
  ],
  invalid: [
    {
      // A token XX (小小, 公公, 长长, 满满) before the rest of the word.
      text: '知书达理的小小资风度翩翩的白领越来越多。最终花香满满园。',
      errors: [
        { range: [5, 7], text: '小小', message: '“小” is written twice in “小资”' },
        { range: [24, 26], text: '满满', message: '“满” is written twice in “满园”' },
      ],
      output: '知书达理的小小资风度翩翩的白领越来越多。最终花香满满园。',
    },
    {
      text: '长长江滚滚，蜿蜒十八弯。国外媒体把中国妖魔化成好斗的公公鸡。',
      errors: [
        { range: [0, 2], text: '长长', message: '“长” is written twice in “长江”' },
        { range: [26, 28], text: '公公', message: '“公” is written twice in “公鸡”' },
      ],
    },
    {
      // A lone copy the earlier stages excuse as a word of its own (要 a modal, 有 a verb, 用 a preposition, 和 a
      // conjunction): here the clause reads only with one copy.
      text: '现实的困境要要求我们必须跳出原有城市发展的思路。',
      errors: [{ range: [5, 7], text: '要要', message: '“要” is written twice in “要求”' }],
    },
    {
      text: '农民工劳动权益得不到有有效保障。社会稳定和和谐是经济建设的前提。',
      errors: [
        { range: [10, 12], text: '有有', message: '“有” is written twice in “有效”' },
        { range: [20, 22], text: '和和', message: '“和” is written twice in “和谐”' },
      ],
    },
    {
      text: '读书欲精不欲博，用用心欲专不欲杂。',
      errors: [{ range: [8, 10], text: '用用', message: '“用” is written twice in “用心”' }],
    },
    {
      // The last character of a word doubled before the particle that follows it.
      text: '这是实现社会公平平的重要途径。我们的文化获得很大大的发展。',
      errors: [
        { range: [7, 9], text: '平平', message: '“平” is written twice in “公平”' },
        { range: [23, 25], text: '大大', message: '“大” is written twice in “很大”' },
      ],
    },
    {
      // Two words meeting at the pair where the second is a rare oddity of the dictionary (化发展 beside 发展), and
      // a token holding both copies (静静心).
      text: '以中华文化化发展繁荣为条件。让我们静静心学习，以水为师。',
      errors: [
        { range: [4, 6], text: '化化', message: '“化” is written twice in “中华文化”' },
        { range: [17, 19], text: '静静', message: '“静” is written twice in “静心”' },
      ],
    },
  ],
});

test('a doubled character found by the language model: a warning with a suggestion deleting the second copy', () => {
  const cases: Array<[string, string]> = [
    ['知书达理的小小资风度翩翩的白领越来越多。', '知书达理的小资风度翩翩的白领越来越多。'],
    ['现实的困境要要求我们必须跳出原有城市发展的思路。', '现实的困境要求我们必须跳出原有城市发展的思路。'],
    ['这是实现社会公平平的重要途径。', '这是实现社会公平的重要途径。'],
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

test('without a language model in the corpus model, the stage reports nothing', () => {
  const services = getServices();
  const model = services.model;
  assert.ok(model);
  const noLm: CorpusModel = Object.assign(Object.create(model) as CorpusModel, { probability: () => 0 });
  const text = '知书达理的小小资风度翩翩的白领越来越多。';
  const tokens = getAnalyzer().tokens(text);
  assert.deepEqual(findDoublings(tokens, services.segmenter, new Set(), text, model).map((d) => [d.start, d.end, d.word]), [[5, 7, '小资']]);
  assert.deepEqual(findDoublings(tokens, services.segmenter, new Set(), text, noLm), []);
});
