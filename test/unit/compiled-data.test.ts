/**
 * Data the build derives so that the server starts fast (esbuild.mjs): the compiled corpus model answers as
 * the model read from JSON does, the precomputed script sets are OpenCC's, and the files in dist/data (when
 * built) match their sources.
 */
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { compileModel, loadCompiledModel } from '../../server/src/analysis/model/compiled';
import { loadModel, type ModelFile } from '../../server/src/analysis/model/corpus';
import { getServices } from '../../server/src/services';
import { deserializeDictionary } from '../../server/src/services/dictionary';
import { COMPILED_DICTIONARY, dictionarySource, jiebaDictPath } from '../../server/src/services/jieba';
import { PROVENANCE, readProvenance } from '../../server/src/services/provenance';
import { COMPILED_MODEL, hashBytes, loadDefaultModel } from '../../server/src/services/model';
import { createOpenccConverter, SCRIPT_SETS, scriptSetsFile } from '../../server/src/services/opencc';
import { PINYIN_TABLE, pinyinTableFile } from '../../server/src/services/pinyin';
import { ROOT } from './helpers';

const MODEL_JSON = path.join(ROOT, 'server', 'data', 'model.json');

function compiledModel(): { fromJson: ReturnType<typeof loadModel>; compiled: ReturnType<typeof loadModel>; file: ModelFile } {
  const file = JSON.parse(fs.readFileSync(MODEL_JSON, 'utf8')) as ModelFile;
  const bytes = compileModel(file, 123, 456)!;
  assert.ok(bytes, 'the default model compiles');
  return { fromJson: loadModel(file), compiled: loadCompiledModel(bytes, 123, 456)!, file };
}

test('the compiled model answers as the JSON model: counts, bigrams, continuations, prefixes', () => {
  const { fromJson, compiled, file } = compiledModel();
  assert.equal(compiled.documents, fromJson.documents);
  assert.equal(compiled.tokenCount, fromJson.tokenCount);
  assert.equal(compiled.bigramNorm, fromJson.bigramNorm);
  const words = Object.keys(file.words);
  for (const w of [...words, '锟斤拷', '', 'constructor', '__proto__', '发展 社会']) {
    assert.equal(compiled.wordCount(w), fromJson.wordCount(w), w);
    assert.equal(compiled.documentCount(w), fromJson.documentCount(w), w);
  }
  const bigrams = Object.keys(file.bigrams).map((k) => k.split(' ') as [string, string]);
  for (const [a, b] of bigrams) {
    assert.equal(compiled.bigramDocuments(a, b), fromJson.bigramDocuments(a, b), `${a} ${b}`);
    assert.equal(compiled.bigramDocuments(b, a), fromJson.bigramDocuments(b, a), `${b} ${a}`);
  }
  for (let i = 0; i < words.length; i += 7) {
    const a = words[i]!;
    const b = words[(i * 31) % words.length]!;
    assert.deepEqual(compiled.predict([a], 8), fromJson.predict([a], 8), a);
    assert.deepEqual(compiled.predict([b, a], 8), fromJson.predict([b, a], 8), `${b} ${a}`);
    assert.equal(compiled.probability([b], a), fromJson.probability([b], a), `${b} ${a}`);
    assert.equal(compiled.bigramDocuments(a, b), fromJson.bigramDocuments(a, b));
  }
  for (const [a, b] of bigrams.slice(0, 5000)) {
    assert.deepEqual(compiled.predict([a, b], 5, 3), fromJson.predict([a, b], 5, 3), `${a} ${b}`);
  }
  assert.ok(fromJson.predict(['坚持', '以', '人民'], 5).length === 5);
  assert.deepEqual(compiled.predict([], 5), fromJson.predict([], 5));
  assert.deepEqual(compiled.predict(['没有的词'], 5), fromJson.predict(['没有的词'], 5));
  for (const prefix of ['发', '发展', '全心', '坚持以', '中', '一', '锟', 'a']) {
    for (const limit of [1, 5, 50]) {
      assert.deepEqual(compiled.wordsWithPrefix(prefix, limit), fromJson.wordsWithPrefix(prefix, limit), prefix);
    }
  }
});

test('a compiled model is refused for another source, and a model with spaces in words is not compiled', () => {
  const file = JSON.parse(fs.readFileSync(MODEL_JSON, 'utf8')) as ModelFile;
  const bytes = compileModel(file, 1, 2)!;
  assert.equal(loadCompiledModel(bytes, 1, 3), undefined);
  assert.equal(loadCompiledModel(bytes, 2, 2), undefined);
  const spaced: ModelFile = { ...file, words: { ...file.words, 'a b': [2, 2] } };
  assert.equal(compileModel(spaced, 1, 2), undefined);
});

test('precomputed script sets are those derived from OpenCC', () => {
  const { segmenter, converter } = getServices();
  const sets = scriptSetsFile();
  const fromFile = createOpenccConverter(segmenter, () => JSON.parse(JSON.stringify(sets)) as typeof sets);
  const derived = createOpenccConverter(segmenter);
  for (let cp = 0x3400; cp <= 0x9fff; cp++) {
    const ch = String.fromCodePoint(cp);
    assert.equal(fromFile.isTraditionalOnly(ch), derived.isTraditionalOnly(ch), ch);
    assert.equal(fromFile.isSimplifiedOnly(ch), derived.isSimplifiedOnly(ch), ch);
    assert.deepEqual(fromFile.traditionalCandidates(ch), derived.traditionalCandidates(ch), ch);
    assert.equal(converter.isTraditionalOnly(ch), derived.isTraditionalOnly(ch), ch);
  }
  // Sets from other OpenCC data are ignored.
  const stale = createOpenccConverter(segmenter, () => ({ ...sets, source: [1, 2, 3, 4, 5, 6], tradOnly: [] }));
  assert.equal(stale.isTraditionalOnly('發'), true);
});

test('the built data in dist/data matches its sources', { skip: !fs.existsSync(path.join(ROOT, 'dist', 'data')) }, () => {
  const dist = path.join(ROOT, 'dist', 'data');
  const sets = JSON.parse(fs.readFileSync(path.join(dist, SCRIPT_SETS), 'utf8')) as unknown;
  assert.deepEqual(sets, JSON.parse(JSON.stringify(scriptSetsFile())));
  const dictionary = new Uint8Array(fs.readFileSync(path.join(dist, COMPILED_DICTIONARY)));
  const dictFile = jiebaDictPath();
  const userText = fs.readFileSync(path.join(dist, 'userdict.txt'), 'utf8');
  assert.ok(deserializeDictionary(dictionary, dictionarySource(dictFile, userText)), 'the compiled dictionary matches its sources');
  assert.equal(deserializeDictionary(dictionary, dictionarySource(dictFile, `${userText}x`)), undefined, 'and no other user dictionary');
  assert.ok(fs.existsSync(path.join(dist, COMPILED_MODEL)));
  assert.ok(loadDefaultModel());
  // The record of the sources, which the package checks the compiled files against (it carries no sources).
  const record = readProvenance(dist);
  assert.ok(record, PROVENANCE);
  const sha = (f: string): string => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
  const modelFile = path.join(ROOT, 'server', 'data', 'model.json');
  assert.deepEqual(
    [record.dictionary.bytes, record.dictionary.sha256, record.userDictionary.sha256, record.model.bytes, record.model.sha256, record.model.fnv1a],
    [fs.statSync(dictFile).size, sha(dictFile), sha(path.join(ROOT, 'server', 'data', 'userdict.txt')), fs.statSync(modelFile).size, sha(modelFile), hashBytes(fs.readFileSync(modelFile))],
  );
  assert.match(record.dictionary.origin, /@node-rs\/jieba 2\.0\.2/);
  // pinyin-pro's readings of U+4E00–U+9FFF, as the service would derive them.
  assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dist, PINYIN_TABLE), 'utf8')), pinyinTableFile());
  assert.match(record.pinyin?.origin ?? '', /^pinyin-pro \d/);
  assert.deepEqual(fs.readdirSync(dist).sort(), [COMPILED_DICTIONARY, COMPILED_MODEL, PINYIN_TABLE, PROVENANCE, SCRIPT_SETS, 'userdict.txt'].sort(), 'no sources in dist/data');
});
