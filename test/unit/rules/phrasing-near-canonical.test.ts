/**
 * phrasing/near-canonical: a phrase one homophone or look-alike character off an idiom, a set phrase or a
 * genre phrase, fixed to the phrase (sentences written for these tests; the shipped corpus model).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { slipAlternatives } from '../../../server/src/analysis/rules/phrasing/near-canonical';
import { run } from '../../../server/src/cli/main';
import { getServices } from '../../../server/src/services';
import { useLanguage } from '../../../server/src/shared/messages';
import { check, ruleTester } from '../helpers';

const RULE = 'phrasing/near-canonical';
const userList = (...phrases: string[]) => ({ config: { terms: phrases.map((expected) => ({ expected, patterns: [] })) } });

ruleTester(RULE, {
  valid: [
    '我们要再接再厉，迫不及待地投入工作，一如既往地支持基层。',
    '坚持全心全意为人民服务的根本宗旨，与时俱进。',
    // A word of its own, not a slip: 为人们服务 (人们 is a word).
    '我们都在为人们服务。',
    // Common words side by side, whatever phrase they resemble (社会形态, 法制建设, 充要条件).
    '加强法治建设，培育理性平和的社会心态。',
    '这是情感培育和发展的重要条件。',
    // The phrase itself close by: a deliberate contrast.
    '授人以鱼，不如授人以渔。',
    // Quoted on its own: a pun.
    '雾霾之下，“十面霾伏”让呼吸变得沉重。',
    // Accepted variant characters.
    '惟其如此，才能行稳致远。',
    // Without the user's list, 理念信念 and 好做风 are no slips of anything the dictionary knows.
    '坚定理念信念。',
    '要发扬好做风。',
    // The user's phrase written right.
    { text: '坚定理想信念，发扬好作风。', options: userList('理想信念', '好作风') },
    // Traditional text is not judged.
    '我們要再接再勵。',
  ],
  invalid: [
    { text: '我们要再接再励，争取更大的胜利。', errors: [{ range: [3, 7], text: '再接再励', message: '再接再厉' }], output: '我们要再接再厉，争取更大的胜利。' },
    { text: '大家迫不急待地投入了工作。', errors: [{ range: [2, 6], text: '迫不急待' }], output: '大家迫不及待地投入了工作。' },
    { text: '坚持全心全意为人名服务的根本宗旨。', errors: [{ range: [2, 11], text: '全心全意为人名服务' }], output: '坚持全心全意为人民服务的根本宗旨。' },
    { text: '一如继往地支持基层建设。', errors: [{ range: [0, 4], text: '一如继往' }], output: '一如既往地支持基层建设。' },
    { text: '要与时具进，开拓创新。', errors: [{ range: [1, 5], text: '与时具进', message: '与时俱进' }], output: '要与时俱进，开拓创新。' },
    // Two slips in one sentence, both fixed.
    { text: '再接再励，一如继往。', errors: [{ range: [0, 4] }, { range: [5, 9] }], output: '再接再厉，一如既往。' },
    // A phrase of the user's list: any one character off, a suggestion (fix-all leaves it).
    { text: '坚定理念信念。', options: userList('理想信念'), errors: [{ range: [2, 6], text: '理念信念', message: '理想信念' }], output: '坚定理念信念。' },
    { text: '要发扬好做风。', options: userList('好作风'), errors: [{ range: [3, 6], text: '好做风', message: '好作风' }], output: '要发扬好做风。' },
  ],
});

test('phrasing/near-canonical: the suggestion of the user\'s list gives the phrase; accepted words are left alone', () => {
  const text = '坚定理念信念。';
  const [f] = check(text, [RULE], userList('理想信念'));
  assert.deepEqual(f?.fixes.map((x) => [x.auto, x.edits]), [[false, [{ start: 2, end: 6, newText: '理想信念' }]]]);
  assert.deepEqual(check('我们要再接再励。', [RULE], { config: { acceptedWords: ['再接再励'] } }), []);
});

test('slipAlternatives: homophones, near-homophones and look-alikes, never the character itself', () => {
  const { pinyin } = getServices();
  const alts = (ch: string): Set<string> => new Set([...slipAlternatives(pinyin, ch.charCodeAt(0))].map((c) => String.fromCharCode(c)));
  assert.ok(alts('励').has('厉'));
  assert.ok(alts('名').has('民'), 'ming ~ min');
  assert.ok(alts('做').has('作'));
  assert.ok(alts('候').has('侯'));
  assert.ok(!alts('励').has('励'));
  assert.ok(!alts('励').has('民'));
  assert.equal(slipAlternatives(pinyin, 'a'.charCodeAt(0)).size, 0);
});

test('wenfeng check and fix: the finding with its exact range and fix, and the fixed text', () => {
  useLanguage('en');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-near-'));
  const draft = path.join(dir, 'draft.txt');
  fs.writeFileSync(draft, '同志们，我们要再接再励，\n坚持全心全意为人名服务。\n');
  let out = '';
  let err = '';
  assert.equal(run(['check', draft, '--rule', RULE, '--lang', 'en', '--format', 'json'], (s) => (out += s), (s) => (err += s)), 1, err);
  const report = JSON.parse(out) as { files: Array<{ diagnostics: Array<{ rule: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; fixes: Array<{ auto: boolean; edits: Array<{ newText: string }> }> }> }> };
  assert.deepEqual(
    report.files[0]!.diagnostics.map((d) => [d.rule, d.range.start.line, d.range.start.character, d.range.end.character, d.fixes[0]!.auto, d.fixes[0]!.edits[0]!.newText]),
    [[RULE, 0, 7, 11, true, '再接再厉'], [RULE, 1, 2, 11, true, '全心全意为人民服务']],
  );
  assert.equal(report.files[0]!.diagnostics[0]!.message, '“再接再励” is one character off the set phrase “再接再厉”');
  let fixed = '';
  assert.equal(run(['fix', draft, '--rule', RULE], (s) => (fixed += s), () => undefined), 0);
  assert.equal(fixed, '同志们，我们要再接再厉，\n坚持全心全意为人民服务。\n');
});

test('phrasing/near-canonical: the phrase in the sentence before does not hide a slip in the next', () => {
  const text = '我们要坚持守正创新。守证创新不是一句空话。';
  assert.deepEqual(check(text, [RULE]).map((f) => [f.start, f.end, f.fixes[0]?.edits[0]?.newText]), [[10, 14, '守正创新']]);
  // In the same sentence the two stand in contrast: left alone.
  assert.deepEqual(check('授人以鱼，不如授人以渔。', [RULE]), []);
});

test('the dictionary words the phrase index is built from: exactly the lengths asked, each a dictionary word', () => {
  const segmenter = getServices().segmenter;
  assert.ok(segmenter.words);
  const four = [...segmenter.words(4, 4)];
  assert.ok(four.length > 10000, `${four.length} words of four units`);
  assert.ok(four.every((w) => w.length === 4 && segmenter.hasWord(w)));
  const set = new Set(four);
  for (const w of ['再接再厉', '迫不及待', '与时俱进']) {
    assert.ok(set.has(w), w);
  }
  assert.ok(!set.has('发展') && !set.has('全心全意为人民服务'));
  const longer = [...segmenter.words(5, 12)];
  assert.ok(longer.every((w) => w.length >= 5 && w.length <= 12));
  assert.ok(longer.includes('全心全意为人民服务'));
});
