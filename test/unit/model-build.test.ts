/**
 * The model builder that scales (issue 16, item 5): counts gathered document by document within a bound on
 * their keys (lossy counting), partial counts merged into the model one pass gives, and `build-model`
 * --partial / --merge / --jobs / --max-entries.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildModel, modelFromCounts } from '../../server/src/analysis/model/corpus';
import { CountTable, countLines, ModelCounts, parseCountLines, type CountTableData } from '../../server/src/analysis/model/counts';
import { DEFAULT_LM_OPTIONS } from '../../server/src/analysis/model/lm';
import { readLines, splitBySize, writeLines } from '../../server/src/cli/build';
import { run } from '../../server/src/cli/main';
import { getServices } from '../../server/src/services';
import { CORPUS, ROOT, corpusEssay, corpusEssays } from './helpers';

const ORDER = DEFAULT_LM_OPTIONS.order;
const seg = () => getServices().segmenter;

function countsOf(texts: readonly string[], maxEntries = Number.MAX_SAFE_INTEGER): ModelCounts {
  const c = new ModelCounts(ORDER, maxEntries);
  for (const t of texts) {
    c.addDocument(t, seg());
  }
  return c;
}

const essays = (from: number, n: number): string[] => corpusEssays().slice(from, from + n).map(corpusEssay);

test('a count table: pruning raises the floor to what leaves half the keys, later keys carry the floor as Δ', () => {
  const t = new CountTable();
  for (const [k, n] of [['发展', 5], ['改革', 1], ['创新', 2], ['开放', 1]] as const) {
    t.add(k, n);
  }
  const dropped: string[] = [];
  assert.equal(t.prune(2, (k) => dropped.push(k)), 2);
  assert.deepEqual(dropped, ['改革', '开放']);
  assert.equal(t.floor, 1);
  assert.deepEqual([...t.counts], [['发展', 5], ['创新', 2]]);
  // 改革 comes back: its count restarts, and it may have missed up to the floor.
  assert.equal(t.add('改革'), true);
  assert.equal(t.error('改革'), 1);
  assert.equal(t.error('发展'), 0);
  assert.equal(t.error('协调'), 1);
  // Nothing to drop when the target already holds.
  assert.equal(t.prune(3), 0);
  assert.equal(t.floor, 1);
  // Merging a pruned table: keys it lacks take its floor as Δ, its keys keep theirs, floors add up.
  const other: CountTableData = { floor: 2, counts: new Map([['发展', 4], ['绿色', 3]]), deltas: new Map([['绿色', 2]]) };
  t.merge(other);
  assert.deepEqual([...t.counts], [['发展', 9], ['创新', 2], ['改革', 1], ['绿色', 3]]);
  assert.deepEqual([...t.deltas].sort(), [['创新', 2], ['改革', 3], ['绿色', 3]]);
  assert.equal(t.floor, 3);
});

test('merged partial counts make the model one pass makes, in memory and through partial files', () => {
  const texts = essays(0, 24);
  const whole = buildModel(texts, seg());
  const a = countsOf(texts.slice(0, 7));
  const b = countsOf(texts.slice(7, 15));
  const c = countsOf(texts.slice(15));
  const merged = ModelCounts.from(a.data());
  merged.merge(b.data());
  merged.merge(c.data());
  assert.ok(merged.exact());
  assert.deepEqual(modelFromCounts(merged), whole);
  // Through the lines of partial files.
  const viaLines = ModelCounts.from(parseCountLines(countLines(a.data())));
  viaLines.merge(parseCountLines(countLines(b.data())));
  viaLines.merge(parseCountLines(countLines(c.data())));
  assert.equal(JSON.stringify(modelFromCounts(viaLines)), JSON.stringify(whole));
  // Merged in another order the documents are another corpus: the same words and bigrams, another id order.
  const swapped = ModelCounts.from(b.data());
  swapped.merge(a.data());
  swapped.merge(c.data());
  const other = modelFromCounts(swapped);
  assert.deepEqual(other.words, whole.words);
  assert.deepEqual(other.bigrams, whole.bigrams);
  assert.equal(other.bigramNorm, whole.bigramNorm);
  assert.notDeepEqual(other.lm!.vocab, whole.lm!.vocab);
  assert.throws(() => parseCountLines(['{"format":"something else"}']), /not partial counts/);
  assert.throws(() => parseCountLines([[...countLines(a.data())][0]!]), /end too early/);
});

/** Checks the lossy-counting bounds of one table against the exact one. */
function assertBounds(name: string, t: CountTable, exact: CountTable): void {
  for (const [k, c] of t.counts) {
    const truth = exact.counts.get(k)!;
    assert.ok(truth !== undefined, `${name}: ${k} was never seen`);
    assert.ok(c <= truth && truth <= c + t.error(k) && t.error(k) <= t.floor, `${name}: ${k} counted ${c}, truly ${truth}, Δ ${t.error(k)}, floor ${t.floor}`);
  }
  for (const [k, truth] of exact.counts) {
    if (truth > t.floor) {
      assert.ok(t.counts.has(k), `${name}: ${k} seen ${truth} times, above the floor ${t.floor}, was dropped`);
    }
  }
}

test('counts within a bound: every kept count at most the floor below the truth, every key above the floor kept', () => {
  const texts = essays(100, 30);
  const exact = countsOf(texts);
  const bounded = countsOf(texts, 6000);
  assert.ok(!bounded.exact());
  assert.ok(bounded.dropped > 0);
  // At most the bound plus the keys one document adds.
  assert.ok(bounded.entries() <= 6000, `${bounded.entries()} keys`);
  assert.equal(bounded.documents, exact.documents);
  assert.equal(bounded.tokenCount, exact.tokenCount);
  assertBounds('words', bounded.words, exact.words);
  assertBounds('bigrams', bounded.bigrams, exact.bigrams);
  bounded.ngrams.forEach((t, i) => assertBounds(`order ${i + 1}`, t, exact.ngrams[i]!));
  assert.ok(bounded.ngrams[ORDER - 1]!.floor >= 1);
  // Merged bounded partials keep the bounds, with floors added.
  const a = countsOf(texts.slice(0, 12), 4000);
  const b = countsOf(texts.slice(12), 4000);
  const merged = ModelCounts.from(a.data(), 6000);
  merged.merge(b.data());
  assertBounds('merged words', merged.words, exact.words);
  merged.ngrams.forEach((t, i) => assertBounds(`merged order ${i + 1}`, t, exact.ngrams[i]!));
  assert.ok(merged.entries() <= 6000);
  // The model from bounded counts is still a model: frequent words and their counts where nothing was lost.
  const model = modelFromCounts(bounded);
  const full = modelFromCounts(exact);
  assert.deepEqual(model.words['发展'], full.words['发展']);
  assert.ok(model.lm!.vocab.length > 100);
});

test('files split into contiguous runs of about equal size', () => {
  const sizes: Record<string, number> = { a: 10, b: 10, c: 30, d: 10, e: 40 };
  assert.deepEqual(splitBySize(Object.keys(sizes), 2, (f) => sizes[f]!), [['a', 'b', 'c'], ['d', 'e']]);
  assert.deepEqual(splitBySize(Object.keys(sizes), 3, (f) => sizes[f]!), [['a', 'b', 'c'], ['d'], ['e']]);
  assert.deepEqual(splitBySize(['a', 'b'], 4, (f) => sizes[f]!), [['a'], ['b']]);
  // A huge first file still leaves one file for each later run.
  assert.deepEqual(splitBySize(['e', 'a', 'b'], 3, () => 1).length, 3);
  assert.deepEqual(splitBySize(['e', 'a', 'b'], 3, (f) => (f === 'e' ? 1000 : 1)), [['e'], ['a'], ['b']]);
});

test('partial files round-trip line by line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-lines-'));
  const file = path.join(dir, 'lines.txt');
  const lines = ['坚持以人民为中心', '', 'x'.repeat(3 << 20), '推动高质量发展'];
  writeLines(file, lines);
  assert.deepEqual([...readLines(file)], lines);
  fs.rmSync(dir, { recursive: true });
});

/** Two folders of corpus essays. */
function corpusFolders(): [string, string, string] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-build-'));
  const names = corpusEssays().slice(200, 216);
  for (const [i, sub] of (['a', 'b'] as const).entries()) {
    fs.mkdirSync(path.join(dir, sub));
    for (const name of names.slice(i * 8, i * 8 + 8)) {
      fs.copyFileSync(path.join(CORPUS, 'shenlun', name), path.join(dir, sub, name));
    }
  }
  return [dir, path.join(dir, 'a'), path.join(dir, 'b')];
}

function cli(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run([...args, '--lang', 'en'], (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

test('build-model --partial on each folder, then --merge, writes the model one build over both writes', () => {
  const [dir, a, b] = corpusFolders();
  const all = path.join(dir, 'all.json');
  assert.equal(cli(['build-model', a, b, '-o', all]).code, 0);
  const pa = path.join(dir, 'a.counts');
  const pb = path.join(dir, 'b.counts');
  const ra = cli(['build-model', a, '--partial', '-o', pa]);
  assert.equal(ra.code, 0, ra.err);
  assert.match(ra.err, /counts of 8 documents, \d+ tokens, \d+ keys →/);
  assert.equal(cli(['build-model', b, '--partial', '-o', pb]).code, 0);
  const merged = path.join(dir, 'merged.json');
  const rm = cli(['build-model', '--merge', pa, pb, '-o', merged]);
  assert.equal(rm.code, 0, rm.err);
  assert.match(rm.err, /model of 16 documents/);
  assert.equal(fs.readFileSync(merged, 'utf8'), fs.readFileSync(all, 'utf8'));
  // A merge of merges (a reduce in two steps) is the same again.
  const pab = path.join(dir, 'ab.counts');
  assert.equal(cli(['build-model', '--merge', '--partial', pa, pb, '-o', pab]).code, 0);
  assert.equal(cli(['build-model', '--merge', pab, '-o', merged]).code, 0);
  assert.equal(fs.readFileSync(merged, 'utf8'), fs.readFileSync(all, 'utf8'));
  // Bounded: the summary says how far the counts may be off.
  const small = cli(['build-model', a, b, '--max-entries', '5000', '-o', path.join(dir, 'small.json')]);
  assert.equal(small.code, 0, small.err);
  assert.match(small.err, /pruned to \d+ keys, counts at most \d+ \(words\), \d+ \(bigrams\), \d+\/\d+\/[1-9]\d* \(n-grams\) below the truth/);
  // Usage errors.
  const notCounts = cli(['build-model', '--merge', path.join(a, fs.readdirSync(a)[0]!), '-o', merged]);
  assert.equal(notCounts.code, 2);
  assert.match(notCounts.err, /not partial counts of a Wenfeng model/);
  assert.match(cli(['build-model', a, '--max-entries', '10', '-o', merged]).err, /--max-entries needs a whole number, 1000 or more/);
  assert.match(cli(['build-model', a, '--jobs', '0', '-o', merged]).err, /--jobs needs a whole number/);
  fs.rmSync(dir, { recursive: true });
});

test('build-model --jobs 2 (worker threads) writes the model --jobs 1 writes', () => {
  const bin = path.join(ROOT, 'dist', 'cli.js');
  const [dir, a, b] = corpusFolders();
  const outs = ['1', '2'].map((jobs) => {
    const file = path.join(dir, `jobs${jobs}.json`);
    const r = spawnSync(process.execPath, [bin, 'build-model', a, b, '--jobs', jobs, '-o', file, '--lang', 'en'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /model of 16 documents/);
    return fs.readFileSync(file, 'utf8');
  });
  assert.equal(outs[1], outs[0]);
  fs.rmSync(dir, { recursive: true });
});
