/**
 * Trust (issue 13): fix-all reaches its fixed point in one round and changes only what check reported;
 * convert to the script a text is already in changes nothing, and Simplified → Traditional → Simplified
 * round-trips. The exact inputs of the issue, then a sample of 50 corpus essays (the whole corpus:
 * test/tools/corpus-trust.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes } from '../../server/src/analysis';
import { getServices } from '../../server/src/services';
import { checkText, trust } from '../tools/trust';
import { corpusEssay, corpusEssays } from './helpers';

/** One round of fix-all: the findings' automatic fixes applied once. */
function fixOnce(text: string): string {
  return applyFixes(text, checkText(text).findings).text;
}

/** The findings as [rule, start, end, flagged text]. */
function found(text: string): Array<[string, number, number, string]> {
  return checkText(text).findings.map((f) => [f.rule, f.start, f.end, text.slice(f.start, f.end)]);
}

test('a run of 24 half-width ! becomes one ！ in one round', () => {
  const text = `我们${'!'.repeat(24)}发展。`;
  assert.deepEqual(found(text), [['punctuation/duplicate', 2, 26, '!'.repeat(24)]]);
  assert.equal(fixOnce(text), '我们！发展。');
  assert.equal(fixOnce('我们！发展。'), '我们！发展。');
});

test('runs of ; ? , and of mixed ！! collapse in one round', () => {
  for (const [mark, full] of [[';', '；'], ['?', '？'], [',', '，']] as const) {
    const text = `我们${mark.repeat(20)}发展。`;
    assert.deepEqual(found(text), [['punctuation/duplicate', 2, 22, mark.repeat(20)]], mark);
    assert.equal(fixOnce(text), `我们${full}发展。`);
  }
  assert.equal(fixOnce('我们！！!!!!!!!!!!!!!！发展。'), '我们！发展。');
  assert.equal(fixOnce('才能战胜大自然.。——达尔文'), '才能战胜大自然。——达尔文');
  assert.equal(fixOnce('真的吗?!'), '真的吗？！');
  assert.equal(fixOnce('你好 ! ! 发展'), '你好！发展');
});

test('a run of marks in English or numbers is left alone', () => {
  for (const text of ['Really?! OK.', 'Wait!!! Go,', '共1,000.5元']) {
    assert.deepEqual(found(text).filter(([r]) => r.startsWith('punctuation/')), [], text);
  }
});

test('runs next to astral characters and across CRLF keep their ranges', () => {
  const text = '𠮷!!!!祥\r\n我们,,发展。';
  assert.deepEqual(found(text), [
    ['punctuation/duplicate', 2, 6, '!!!!'],
    ['punctuation/duplicate', 11, 13, ',,'],
  ]);
  assert.equal(fixOnce(text), '𠮷！祥\r\n我们，发展。');
});

test('twelve repeated pinyin annotations are all deleted in one round', () => {
  const text = `關${'(guān)'.repeat(12)}注`;
  const f = found(text);
  assert.equal(f.length, 12);
  assert.deepEqual(f[0], ['script/pinyin-annotation', 1, 7, '(guān)']);
  assert.deepEqual(f[11], ['script/pinyin-annotation', 67, 73, '(guān)']);
  assert.equal(fixOnce(text), '關注');
});

test('check reports every mark fix changes: (2) after a half-width ;', () => {
  const text = '要求：(1)写出明确具体的设问;(2)设问应当分类。';
  assert.deepEqual(found(text), [
    ['punctuation/halfwidth', 3, 6, '(1)'],
    ['punctuation/halfwidth', 15, 16, ';'],
    ['punctuation/halfwidth', 16, 19, '(2)'],
  ]);
  assert.equal(fixOnce(text), '要求：（1）写出明确具体的设问；（2）设问应当分类。');
});

test('check reports every mark fix changes: ! after straight quotes', () => {
  const text = '"保驾护航" !';
  assert.deepEqual(found(text), [
    ['punctuation/quotes', 0, 6, '"保驾护航"'],
    ['punctuation/halfwidth', 6, 8, ' !'],
  ]);
  assert.equal(fixOnce(text), '“保驾护航”！');
  assert.deepEqual(found('He said "hi" !'), []);
});

test('convert to the script a text is in changes nothing', () => {
  const c = getServices().converter;
  const simplified = '显著的成绩，著书立说，什么都要，乾隆年间，卓著的贡献。';
  assert.equal(c.convert(simplified, 'simplified'), simplified);
  assert.equal(c.convert(simplified, 'traditional'), '顯著的成績，著書立說，什麼都要，乾隆年間，卓著的貢獻。');
  for (const to of ['traditional', 'taiwan', 'hongkong'] as const) {
    const converted = c.convert(simplified, to);
    assert.equal(c.convert(converted, to), converted, to);
    assert.equal(c.convert(converted, 'simplified'), simplified, to);
  }
});

test('convert to Traditional keeps the variants of a Traditional text and changes only its Simplified words', () => {
  const c = getServices().converter;
  // Taiwan-style forms (為, 群眾, 著) are Traditional: converting the text to Traditional leaves them.
  const taiwan = '為人民服務是我們的宗旨，寄託著人民群眾的熱切期盼。';
  assert.equal(c.convert(taiwan, 'traditional'), taiwan);
  // Simplified words in it change (干部 → 幹部, 寄托 → 寄託); a lone shared character (干 of 干在前) stays,
  // as script/mixed leaves it.
  assert.equal(c.convert('組工干部為人民服務，寄托著群眾的期盼，走在前、干在前。', 'traditional'), '組工幹部為人民服務，寄託著群眾的期盼，走在前、干在前。');
  // A regional standard is still enforced when asked for.
  assert.equal(c.convert('爲人民服務。', 'taiwan'), '為人民服務。');
});

test('convert still converts Traditional text and Traditional words in Simplified text', () => {
  const c = getServices().converter;
  assert.equal(c.convert('穿著衣服，乾淨的房間。戰鬥力。', 'simplified'), '穿着衣服，干净的房间。战斗力。');
  assert.equal(c.convert('我们要关注顯著的问题。', 'simplified'), '我们要关注显著的问题。');
  assert.equal(c.convert('𠮷祥的關注\r\n', 'simplified'), '𠮷祥的关注\r\n');
});

test('50 corpus essays: fix idempotent and confined, convert to own script unchanged, round trip', () => {
  const names = corpusEssays();
  const sample = names.filter((_, i) => i % Math.floor(names.length / 50) === 0).slice(0, 50);
  assert.equal(sample.length, 50);
  for (const name of sample) {
    const r = trust(corpusEssay(name), name);
    assert.deepEqual({ ...r, convertedReported: false }, { idempotent: undefined, confined: undefined, convert: undefined, convertedReported: false, roundTrip: undefined }, name);
  }
});
