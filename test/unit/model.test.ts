/**
 * The corpus model: built from server/data/corpus/shenlun, committed as server/data/model.json, loaded by the
 * services, and used for the genre-fit figure.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildModel, loadModel } from '../../server/src/analysis/model/corpus';
import { getServices } from '../../server/src/services';
import { CORPUS, ROOT, check, corpusEssay, corpusEssays, getAnalyzer } from './helpers';

test('the committed model is what build-model makes of the corpus today (run npm run build-model)', () => {
  const texts = corpusEssays().map((n) => fs.readFileSync(path.join(CORPUS, 'shenlun', n), 'utf8'));
  const built = buildModel(texts, getServices().segmenter);
  // Byte for byte what build-model writes: the counts, the norm, and the completion model's ids and order.
  const committed = fs.readFileSync(path.join(ROOT, 'server', 'data', 'model.json'), 'utf8');
  assert.ok(committed === `${JSON.stringify(built)}\n`, 'server/data/model.json differs from what build-model makes of the corpus');
  assert.ok(built.bigramNorm > 0.3 && built.bigramNorm < 1);
});

test('model queries: genre words are frequent, unseen words are 0, bad data is refused', () => {
  const model = getServices().model!;
  assert.ok(model.wordCount('发展') > 1000);
  assert.ok(model.documentCount('发展') <= model.documents);
  assert.equal(model.wordCount('锟斤拷'), 0);
  assert.ok(model.bigramDocuments('社会', '发展') >= 2);
  assert.equal(model.bigramDocuments('发展', '锟斤拷'), 0);
  assert.throws(() => loadModel({ version: 2 }), /not a Wenfeng corpus model/);
});

test('genre fit: a published essay fits the genre; shuffled words and another genre fit worse', () => {
  const config = { rules: {}, script: 'auto' as const, acceptedWords: [] };
  const essay = corpusEssay(corpusEssays()[10]!);
  const fit = getAnalyzer().analyze(essay, { format: 'plaintext', config }).score.genreFit;
  assert.ok(fit !== null && fit > 0.8, `fit ${fit}`);
  const recipe = '先把鸡蛋打散，加入少许盐和清水搅匀。锅中放油烧热，倒入蛋液，用筷子快速划散，待蛋液凝固后盛出备用。再把番茄切块下锅翻炒，炒出汁水后放入炒好的鸡蛋，加糖调味，翻炒均匀即可出锅装盘。';
  const other = getAnalyzer().analyze(recipe, { format: 'plaintext', config }).score.genreFit;
  assert.ok(other !== null && other < fit, `recipe ${other} vs essay ${fit}`);
  assert.equal(check('太短了。', []).length, 0);
  assert.equal(getAnalyzer().analyze('太短了。', { format: 'plaintext', config }).score.genreFit, null);
});
