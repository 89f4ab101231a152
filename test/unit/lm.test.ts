/**
 * The completion language model (server/src/analysis/model/lm.ts): interpolated Kneser–Ney over clauses,
 * pruned for size without losing its normalisation, the top order's contexts seen once kept compactly, and
 * the compiled form answering as the JSON form does.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compileModel, loadCompiledModel } from '../../server/src/analysis/model/compiled';
import { buildModel, loadModel } from '../../server/src/analysis/model/corpus';
import { buildLm, EOS, LanguageModel, type LmOptions } from '../../server/src/analysis/model/lm';
import { getServices } from '../../server/src/services';

const CLAUSES = [
  ['我们', '要', '坚持', '发展'],
  ['我们', '要', '坚持', '改革'],
  ['我们', '要', '加强', '学习'],
  ['他们', '要', '坚持', '发展'],
  ['坚持', '发展'],
  ['全心全意', '为', '人民', '服务'],
  ['全心全意', '为', '人民', '服务'],
  ['为', '人民', '谋', '幸福'],
  ['深化', '要', '改革'],
];
const FULL: LmOptions = { order: 3, minCount: [1, 1, 1], minContext: [1, 1, 1], cap: [1e9, 1e9, 1e9], singles: false, singleMinShorter: 1 };

function total(lm: LanguageModel, vocab: readonly string[], history: string[]): number {
  return vocab.filter((w) => w !== '<s>').reduce((s, w) => s + lm.probability(history, w), 0);
}

test('a distribution over the vocabulary after any history, the attested continuation first', () => {
  const file = buildLm(CLAUSES, FULL);
  const lm = LanguageModel.fromFile(file);
  for (const h of [[], ['我们', '要'], ['要', '坚持'], ['坚持'], ['没见过'], ['全心全意', '为']]) {
    assert.ok(Math.abs(total(lm, file.vocab, h) - 1) < 1e-9, `${h.join(' ')}: ${total(lm, file.vocab, h)}`);
  }
  assert.deepEqual(lm.predict(['我们', '要'], 2).map((x) => x.word), ['坚持', '加强']);
  assert.equal(lm.predict(['要', '坚持'], 1)[0]!.word, '发展');
  assert.equal(lm.predict(['全心全意', '为'], 1)[0]!.word, '人民');
  // The clause's end is a word of the model: after 服务 the clause ends.
  assert.equal(lm.predict(['为', '人民', '服务'], 1)[0]!.word, EOS);
  // At a clause's start (a history shorter than the order) BOS is the context: 坚持 opens a clause once.
  assert.ok(lm.probability(['坚持'], '发展') > lm.probability(['坚持'], '改革'));
  assert.equal(lm.probability(['我们'], '没见过'), 0);
});

test('pruning keeps each context total: the pruned mass goes to the lower orders and sums stay at most 1', () => {
  const pruned = buildLm(CLAUSES, { order: 3, minCount: [2, 1, 1], minContext: [1, 1, 2], cap: [1e9, 1, 1], singles: false, singleMinShorter: 1 });
  const lm = LanguageModel.fromFile(pruned);
  const full = LanguageModel.fromFile(buildLm(CLAUSES, FULL));
  const s = total(lm, pruned.vocab, ['我们', '要']);
  assert.ok(s <= 1 + 1e-9 && s > 0.5, String(s));
  // The likeliest word after 要 keeps its rank.
  assert.equal(lm.predict(['要'], 1)[0]!.word, full.predict(['要'], 1)[0]!.word);
  assert.ok(pruned.followers.length < buildLm(CLAUSES, FULL).followers.length);
});

test('contexts seen once as singles: the same answers as nodes, in fewer numbers', () => {
  const opts: LmOptions = { ...FULL, minContext: [1, 1, 2], singles: true };
  const withSingles = buildLm(CLAUSES, opts);
  assert.ok(withSingles.singles.length > 0);
  assert.equal(withSingles.singles.length % 3, 0);
  const a = LanguageModel.fromFile(withSingles);
  const b = LanguageModel.fromFile(buildLm(CLAUSES, FULL));
  for (const h of [['为', '人民'], ['他们', '要'], ['人民', '谋'], ['我们', '要'], ['深化', '要']]) {
    assert.deepEqual(a.predict(h, 2).map((x) => x.word), b.predict(h, 2).map((x) => x.word), h.join(' '));
  }
  // 深化 要 was seen once, followed by 改革, where 要 alone leads to 坚持: a single. 人民 谋 → 幸福 is what 谋
  // alone predicts: not kept.
  assert.deepEqual(withSingles.singles.map((i) => withSingles.vocab[i]), ['深化', '要', '改革']);
  assert.equal(a.predict(['深化', '要'], 1)[0]!.word, '改革');
  assert.equal(a.predict(['要'], 1)[0]!.word, '坚持');
});

test('the compiled form predicts as the JSON form', () => {
  const texts = ['我们要坚持以人民为中心的发展思想，全心全意为人民服务。', '坚持以人民为中心的发展思想，不断实现好、维护好、发展好最广大人民根本利益。', '全心全意为人民服务是党的根本宗旨。'];
  const file = buildModel(texts, getServices().segmenter);
  const bytes = compileModel(file, 10, 20)!;
  const compiled = loadCompiledModel(bytes, 10, 20)!;
  const json = loadModel(JSON.parse(JSON.stringify(file)));
  for (const h of [['坚持', '以'], ['全心全意'], ['以', '人民', '为'], ['没有的词'], []]) {
    assert.deepEqual(compiled.predict(h, 5), json.predict(h, 5), h.join(' '));
  }
  assert.ok(json.predict(['全心全意'], 5).length > 0);
});
