/**
 * The writer's own corpus (issue 16, item 4): indexing a folder of essays, what is skipped and why, the disk
 * cache keyed by content, the mixture with the default model (completions, overused-phrase norms), the
 * `corpus.paths` setting, and untrusted workspaces (a project file's corpus folders are not read).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import type { Connection } from 'vscode-languageserver';
import { validateSettings, type Settings } from '../../protocol/settings';
import { complete } from '../../server/src/analysis/complete';
import { EOS } from '../../server/src/analysis/model/lm';
import type { CorpusModel } from '../../server/src/analysis/types';
import { corpusFolders } from '../../server/src/features/userCorpus';
import { getServices, setUserModel } from '../../server/src/services';
import { CACHE_KEEP, corpusKey, listCorpusFiles, mergeModels, readCorpusFile, resolveCorpusPath, UserCorpusIndexer, userWeight } from '../../server/src/services/user-corpus';
import { SettingsCache } from '../../server/src/settingsCache';
import { ROOT, check, getAnalyzer } from './helpers';

/** The writer's essays of the fixture: four short essays that say 以滴水穿石的韧劲 and 始终 again and again. */
const ESSAYS = path.join(ROOT, 'test', 'fixtures', 'user-corpus', 'essays');

const temps: string[] = [];
after(() => {
  for (const d of temps) {
    fs.rmSync(d, { recursive: true, force: true });
  }
});

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-corpus-'));
  temps.push(d);
  return d;
}

/** A copy of the fixture essays in a fresh folder, and a fresh cache folder. */
function copyEssays(): { dir: string; cache: string } {
  const dir = tempDir();
  for (const f of fs.readdirSync(ESSAYS)) {
    fs.copyFileSync(path.join(ESSAYS, f), path.join(dir, f));
  }
  return { dir, cache: tempDir() };
}

async function indexOf(folders: string[], cache?: string): Promise<NonNullable<Awaited<ReturnType<UserCorpusIndexer['index']>>>> {
  const r = await new UserCorpusIndexer(getServices().segmenter, cache).index(folders);
  assert.ok(r);
  return r;
}

test('a folder of essays is indexed: every file read, tokens and documents counted, progress from 0 to all', async () => {
  const seen: Array<[number, number, string | undefined, boolean | undefined]> = [];
  const r = await new UserCorpusIndexer(getServices().segmenter, undefined).index([ESSAYS], (d, n, f, building) => seen.push([d, n, f && path.basename(f), building]));
  assert.ok(r?.model);
  assert.equal(r.summary.files, 4);
  assert.equal(r.summary.documents, 4);
  assert.deepEqual(r.summary.skipped, []);
  assert.equal(r.summary.tokens, r.model.tokenCount);
  assert.ok(r.summary.tokens > 400 && r.summary.tokens < 600, String(r.summary.tokens));
  assert.equal(r.summary.weight, userWeight(r.summary.tokens));
  assert.deepEqual(seen, [
    [0, 4, '01-基层治理.md', undefined],
    [1, 4, '02-乡村振兴.md', undefined],
    [2, 4, '03-青年干部.md', undefined],
    [3, 4, '04-营商环境.md', undefined],
    [4, 4, undefined, true],
    [4, 4, undefined, undefined],
  ]);
  // 始终: 20 times in the four essays.
  assert.equal(r.model.wordCount('始终'), 20);
  assert.equal(r.model.documentCount('始终'), 4);
});

test('binary, non-UTF-8, huge, unreadable, non-text and non-Chinese files are skipped with a reason', async () => {
  const dir = tempDir();
  fs.copyFileSync(path.join(ESSAYS, '01-基层治理.md'), path.join(dir, 'good.md'));
  fs.writeFileSync(path.join(dir, 'nul.txt'), Buffer.from([0xe4, 0xb8, 0xad, 0x00, 0x41]));
  fs.writeFileSync(path.join(dir, 'gbk.txt'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4]));
  fs.writeFileSync(path.join(dir, 'photo.png'), 'x');
  fs.writeFileSync(path.join(dir, 'english.md'), 'Only English here.');
  fs.symlinkSync(path.join(dir, 'missing.md'), path.join(dir, 'broken.md'));
  execFileSync('mkfifo', [path.join(dir, 'pipe.txt')]);
  fs.mkdirSync(path.join(dir, '.git'));
  fs.writeFileSync(path.join(dir, '.git', 'HEAD.txt'), '中文');
  const r = await indexOf([dir, path.join(dir, 'nowhere')]);
  assert.equal(r.summary.files, 1);
  assert.deepEqual(
    r.summary.skipped.map((s) => [path.relative(dir, s.file), s.reason]),
    [
      ['broken.md', 'no such file (or a broken symbolic link)'],
      ['photo.png', 'not a Markdown, text or essay file; skipped'],
      ['pipe.txt', 'not a regular file (a FIFO, device or socket); skipped'],
      ['nowhere', 'no such file (or a broken symbolic link)'],
      ['english.md', 'no Chinese text; skipped'],
      ['gbk.txt', 'not UTF-8 text; skipped'],
      ['nul.txt', 'binary (holds NUL bytes); skipped'],
    ],
  );
  // A file over the size limit (a small limit here; 2 MB in use).
  fs.writeFileSync(path.join(dir, 'big.md'), '中'.repeat(400));
  assert.deepEqual(readCorpusFile(path.join(dir, 'big.md'), 1000), { reason: 'larger than 0 MB; skipped' });
  assert.ok('text' in readCorpusFile(path.join(dir, 'big.md'), 2000));
});

test('listing: sorted, each file once, hidden folders and node_modules not entered', () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'b'));
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.writeFileSync(path.join(dir, 'b', '二.txt'), '二');
  fs.writeFileSync(path.join(dir, 'a.essay'), '一');
  fs.writeFileSync(path.join(dir, 'node_modules', 'x.md'), '三');
  const listed = listCorpusFiles([dir, path.join(dir, 'b'), path.join(dir, 'a.essay')]);
  assert.deepEqual(listed.files.map((f) => path.relative(dir, f)), ['a.essay', path.join('b', '二.txt')]);
  assert.deepEqual(listed.skipped, []);
});

test('the disk cache is keyed by content: a rename hits, an edit misses, a revert hits again', async () => {
  const { dir, cache } = copyEssays();
  const first = await indexOf([dir], cache);
  assert.equal(first.summary.cached, false);
  const file = path.join(cache, 'user-corpus', `${first.summary.key}.json`);
  assert.ok(fs.existsSync(file));
  const again = await indexOf([dir], cache);
  assert.equal(again.summary.cached, true);
  assert.equal(again.summary.key, first.summary.key);
  assert.equal(again.model!.wordCount('始终'), first.model!.wordCount('始终'));
  // Renamed and moved into a subfolder: same contents, same key.
  fs.mkdirSync(path.join(dir, 'old'));
  fs.renameSync(path.join(dir, '01-基层治理.md'), path.join(dir, 'old', 'renamed.md'));
  const moved = await indexOf([dir], cache);
  assert.deepEqual([moved.summary.cached, moved.summary.key], [true, first.summary.key]);
  // One character changed: a new key, built again.
  const essay = path.join(dir, '02-乡村振兴.md');
  const before = fs.readFileSync(essay, 'utf8');
  fs.writeFileSync(essay, before.replace('乡村振兴是一篇大文章', '乡村振兴是一篇好文章'));
  const edited = await indexOf([dir], cache);
  assert.equal(edited.summary.cached, false);
  assert.notEqual(edited.summary.key, first.summary.key);
  assert.equal(edited.model!.wordCount('好'), first.model!.wordCount('好') + 1);
  fs.writeFileSync(essay, before);
  const reverted = await indexOf([dir], cache);
  assert.deepEqual([reverted.summary.cached, reverted.summary.key], [true, first.summary.key]);
  // The key does not depend on the order of the hashes; a corrupt cache file is rebuilt.
  assert.equal(corpusKey(['b', 'a']), corpusKey(['a', 'b']));
  fs.writeFileSync(file, '{"version": 1');
  const rebuilt = await indexOf([dir], cache);
  assert.deepEqual([rebuilt.summary.cached, rebuilt.summary.key], [false, first.summary.key]);
});

test('the disk cache keeps the most recently used models: older ones and stale temporary files go', async () => {
  const { dir, cache } = copyEssays();
  const folder = path.join(cache, 'user-corpus');
  fs.mkdirSync(folder, { recursive: true });
  const hour = 3600 * 1000;
  const age = (file: string, ms: number): void => {
    const t = new Date(Date.now() - ms);
    fs.utimesSync(file, t, t);
  };
  // Ten models of earlier versions of the corpus, the first used ten hours ago, the last one hour ago.
  const old = Array.from({ length: 10 }, (_, i) => path.join(folder, `${corpusKey([`edit ${i}`])}.json`));
  old.forEach((f, i) => {
    fs.writeFileSync(f, '{}');
    age(f, (10 - i) * hour);
  });
  const staleTmp = path.join(folder, `${corpusKey(['stale'])}.json.4242.tmp`);
  const freshTmp = path.join(folder, `${corpusKey(['fresh'])}.json.4243.tmp`);
  const other = path.join(folder, 'README.txt');
  for (const f of [staleTmp, freshTmp, other]) {
    fs.writeFileSync(f, 'x');
  }
  age(staleTmp, 2 * hour);
  age(other, 20 * hour);
  const first = await indexOf([dir], cache);
  assert.equal(first.summary.cached, false);
  const current = path.join(folder, `${first.summary.key}.json`);
  const models = (): string[] => fs.readdirSync(folder).filter((n) => /^[0-9a-f]{32}\.json$/.test(n)).sort();
  assert.equal(CACHE_KEEP, 8);
  // The new model and the seven most recently used of the old ones (3 to 9).
  assert.deepEqual(models(), [current, ...old.slice(3)].map((f) => path.basename(f)).sort());
  assert.deepEqual([fs.existsSync(staleTmp), fs.existsSync(freshTmp), fs.existsSync(other)], [false, true, true]);
  // A cache hit counts as a use: made the oldest, then read, the model outlives a newer entry at the next prune.
  age(current, 30 * hour);
  const hit = await indexOf([dir], cache);
  assert.equal(hit.summary.cached, true);
  assert.ok(Date.now() - fs.statSync(current).mtimeMs < hour);
  const essay = path.join(dir, '02-乡村振兴.md');
  fs.writeFileSync(essay, fs.readFileSync(essay, 'utf8').replace('乡村振兴是一篇大文章', '乡村振兴是一篇好文章'));
  const edited = await indexOf([dir], cache);
  assert.equal(edited.summary.cached, false);
  assert.deepEqual(models(), [current, path.join(folder, `${edited.summary.key}.json`), ...old.slice(4)].map((f) => path.basename(f)).sort());
});

/** A model with fixed answers, for the arithmetic of the mixture. */
function fixedModel(tokens: number, documents: number, counts: Record<string, [number, number]>, next: Record<string, number>): CorpusModel {
  return {
    tokenCount: tokens,
    documents,
    bigramNorm: 0.3,
    wordCount: (w) => counts[w]?.[0] ?? 0,
    documentCount: (w) => counts[w]?.[1] ?? 0,
    bigramDocuments: (a, b) => (a === '更好' && b === '地' ? documents / 10 : 0),
    predict: (_h, limit) => Object.entries(next).map(([word, p]) => ({ word, p })).sort((a, b) => b.p - a.p).slice(0, limit),
    probability: (_h, w) => next[w] ?? 0,
    wordsWithPrefix: (prefix, limit) => Object.entries(counts).filter(([w]) => w.startsWith(prefix) && w !== prefix).map(([word, [count]]) => ({ word, count })).slice(0, limit),
  };
}

test('the mixture: probabilities (1 − λ)·default + λ·user, counts with the user corpus a share λ of the tokens', () => {
  const base = fixedModel(10000, 100, { 始终: [20, 16], 始终如一: [4, 4] }, { 发展: 0.5, 的: 0.3 });
  const user = fixedModel(1000, 4, { 始终: [20, 4], 始终不渝: [3, 2] }, { 韧劲: 0.8, 的: 0.1 });
  const m = mergeModels(base, user, 0.2);
  // λ = 0.2: the user's counts × 0.25 × 10 = 2.5, so that its tokens are 2,500 of 12,500.
  assert.equal(m.tokenCount, 12500);
  assert.equal(m.documents, 110);
  assert.equal(m.wordCount('始终'), 70);
  assert.equal(m.documentCount('始终'), 26);
  assert.equal(m.bigramDocuments('更好', '地'), 10 + 2.5 * 0.4);
  assert.equal(m.bigramNorm, 0.3);
  assert.deepEqual(
    m.predict([], 3).map((x) => [x.word, Math.round(x.p * 1000) / 1000]),
    [
      ['发展', 0.4],
      ['的', 0.26],
      ['韧劲', 0.16],
    ],
  );
  assert.equal(m.probability([], '韧劲'), 0.2 * 0.8);
  // A context the writer's documents hold (更好|地: 0.4 of the user's 4 documents) weighs the user model
  // 0.6 × 0.4 / 2.4 = 0.1, less than λ: λ stays; a context the user never wrote keeps λ too.
  assert.equal(m.probability(['更好', '地'], '韧劲'), 0.2 * 0.8);
  const many = fixedModel(1000, 40, {}, { 韧劲: 0.8, 的: 0.1 });
  // 4 of the user's documents hold 更好|地: weight 0.6 × 4 / 6 = 0.4 in that context, λ = 0.2 elsewhere.
  const m2 = mergeModels(base, many, 0.2);
  assert.equal(Math.round(m2.probability(['更好', '地'], '韧劲') * 1e9) / 1e9, 0.32);
  assert.equal(Math.round(m2.probability(['地'], '韧劲') * 1e9) / 1e9, 0.16);
  assert.deepEqual(m2.predict(['更好', '地'], 1).map((x) => x.word), ['韧劲']);
  assert.deepEqual(m2.predict(['地'], 1).map((x) => x.word), ['发展']);
  assert.deepEqual(m.wordsWithPrefix('始终', 5), [
    { word: '始终不渝', count: 7.5 },
    { word: '始终如一', count: 4 },
  ]);
  // No default model: the user's alone; weights grow with the corpus towards one half.
  assert.equal(mergeModels(undefined, user, 0.2), user);
  assert.deepEqual([userWeight(0), userWeight(2000), userWeight(6000)], [0, 0.25, 0.375]);
});

/** The labels complete() offers at the end of `text`. */
function completionsAt(text: string): string[] {
  const analyzer = getAnalyzer();
  const result = analyzer.analyze(text, { format: 'plaintext', config: { rules: {}, script: 'auto', acceptedWords: [] } });
  return complete(text, text.length, result, analyzer.tokens, getServices().model).map((s) => s.label);
}

test('with the writer’s corpus, a phrase only the writer uses becomes a completion, and 始终 four times is their norm', async () => {
  const r = await indexOf([ESSAYS]);
  const base = getServices().model!;
  const draft = '我们要以滴水穿石的';
  // 以滴水穿石的韧劲: the default corpus does not say it; the writer does, in every essay.
  assert.ok(!base.predict(['以', '滴水穿石', '的'], 40).some((x) => x.word === '韧劲'));
  const before = completionsAt(draft);
  assert.ok(!before.includes('韧劲'), before.join(' '));
  // Four uses of 始终 within 102 characters: over the default norm (burstiness 1.19, threshold 4).
  const overused = '群众工作是基层工作的生命线，党员干部始终把群众放在心上。今年以来，街道组织干部走进社区听取意见建议一百余条，大家始终坚持问题导向，对停车难等问题逐一研究。实践证明，只有始终坚持实事求是，工作才能落到实处。下一步，我们将继续完善服务机制，始终站在群众立场，为群众办实事。';
  const ID = 'repetition/overused-phrase';
  assert.deepEqual(
    check(overused, [ID]).map((f) => overused.slice(f.start, f.end)),
    ['始终'],
  );
  setUserModel(r.model, r.summary.weight);
  try {
    const merged = getServices().model!;
    assert.notEqual(merged, base);
    const after = completionsAt(draft);
    assert.equal(after[0], '韧劲', after.join(' '));
    assert.deepEqual(merged.predict(['以', '滴水穿石', '的'], 3).filter((x) => x.word !== EOS).map((x) => x.word)[0], '韧劲');
    // The writer says 始终 five times an essay: the norm rises, four uses are no longer a tic.
    assert.ok(merged.wordCount('始终') / merged.documentCount('始终') > 3 * (base.wordCount('始终') / base.documentCount('始终')));
    assert.deepEqual(check(overused, [ID]), []);
  } finally {
    setUserModel(undefined);
  }
  assert.equal(getServices().model, base);
  assert.deepEqual(completionsAt(draft), before);
});

test('corpus.paths: validated, relative paths from the workspace folder or from the project file', async () => {
  assert.deepEqual(validateSettings({ corpus: { paths: ['essays', ' ~/写作 '] } }), { settings: { ...validateSettings({}).settings, corpus: { paths: ['essays', '~/写作'] } }, problems: [] });
  assert.deepEqual(validateSettings({}).settings.corpus, { paths: [] });
  const bad = validateSettings({ corpus: { paths: ['a', 3, ''], depth: 2 } });
  assert.deepEqual(bad.settings.corpus, { paths: ['a'] });
  assert.deepEqual(
    bad.problems.map((p) => p.path.join('.')),
    ['corpus.paths.1', 'corpus.paths.2', 'corpus.depth'],
  );
  assert.deepEqual(validateSettings({ corpus: 'essays' }).problems.map((p) => [p.path.join('.'), p.kind]), [['corpus', 'badValue']]);
  assert.equal(resolveCorpusPath('essays', '/w'), path.resolve('/w/essays'));
  assert.equal(resolveCorpusPath('/abs/essays', '/w'), path.resolve('/abs/essays'));
  assert.equal(resolveCorpusPath('~/essays', '/w'), path.join(os.homedir(), 'essays'));
  const settingsFor = async (uri: string): Promise<Settings> => ({ ...validateSettings({}).settings, corpus: { paths: uri.startsWith('file:') ? ['essays', '/shared/范文'] : ['~/mine'] } });
  assert.deepEqual(await corpusFolders(['/w1', '/w2'], settingsFor), [path.resolve('/shared/范文'), path.resolve('/w1/essays'), path.resolve('/w2/essays')]);
  assert.deepEqual(await corpusFolders([], settingsFor), [path.join(os.homedir(), 'mine')]);
});

/** A connection that answers workspace/configuration with `raw`. */
function fakeConnection(raw: unknown): Connection {
  return { console: { error: () => undefined }, workspace: { getConfiguration: () => Promise.resolve(raw) } } as unknown as Connection;
}

test('an untrusted workspace: the corpus folders of its .wenfeng.json are not read; the editor’s still are', async () => {
  const root = tempDir();
  fs.writeFileSync(path.join(root, '.wenfeng.json'), JSON.stringify({ corpus: { paths: ['范文', '/elsewhere'] } }));
  const host = { roots: () => [root], unsavedText: () => undefined, projectConfigRead: () => undefined, editorProblems: () => undefined };
  const editor = { corpus: { paths: ['/home/me/essays'] } };
  const probe = pathToFileURL(path.join(root, '.wenfeng-corpus')).href;
  const trusted = new SettingsCache(fakeConnection(editor), () => true, () => true, host);
  assert.deepEqual((await trusted.get(probe)).corpus.paths, ['/home/me/essays', path.join(root, '范文'), path.resolve('/elsewhere')]);
  const untrusted = new SettingsCache(fakeConnection(editor), () => true, () => false, host);
  assert.deepEqual((await untrusted.get(probe)).corpus.paths, ['/home/me/essays']);
  assert.deepEqual(await corpusFolders([root], (uri) => untrusted.get(uri)), [path.resolve('/home/me/essays')]);
  // Without editor settings (a client that cannot be asked), the project file's alone, from its folder.
  const projectOnly = new SettingsCache(fakeConnection(undefined), () => false, () => true, host);
  assert.deepEqual((await projectOnly.get(probe)).corpus.paths, [path.join(root, '范文'), path.resolve('/elsewhere')]);
});
