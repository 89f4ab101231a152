/**
 * The writer's corpus over the protocol (issue 16, item 4): setting `corpus.paths` makes the bundled server
 * index the folder under a work-done progress (create, begin, reports per file, end), summarise a skipped
 * file, and then answer completions and the overused-phrase diagnostics from the mixed model; a file added
 * to the folder is indexed again on its own; removing the setting restores the default model's answers.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { LspSession } from './harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ESSAYS = path.join(ROOT, 'test', 'fixtures', 'user-corpus', 'essays');
const OVERUSED_ID = 'repetition/overused-phrase';
// Four uses of 始终 within 102 characters: over the default corpus's norm, within the writer's.
const OVERUSED = '群众工作是基层工作的生命线，党员干部始终把群众放在心上。今年以来，街道组织干部走进社区听取意见建议一百余条，大家始终坚持问题导向，对停车难等问题逐一研究。实践证明，只有始终坚持实事求是，工作才能落到实处。下一步，我们将继续完善服务机制，始终站在群众立场，为群众办实事。\n';
// The writer's phrase 以滴水穿石的韧劲, cut before its last word.
const DRAFT = '我们要以滴水穿石的\n';

test('corpus.paths: indexed under a progress bar, then completions and norms follow the writer, and its files are followed', async () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-corpus-protocol-'));
  const corpus = path.join(work, 'essays');
  fs.mkdirSync(corpus);
  for (const f of fs.readdirSync(ESSAYS)) {
    fs.copyFileSync(path.join(ESSAYS, f), path.join(corpus, f));
  }
  fs.writeFileSync(path.join(corpus, 'scan.txt'), Buffer.from([0xe4, 0xb8, 0xad, 0x00]));
  const workspace = path.join(work, 'workspace');
  fs.mkdirSync(workspace);
  let paths: string[] = [];
  const s = await LspSession.start({
    rootUri: pathToFileURL(workspace).href,
    // A relative path: taken from the workspace folder.
    configuration: () => ({ messageLanguage: 'en', corpus: { paths } }),
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true } },
    initializationOptions: { workspaceTrusted: true, cacheDir: path.join(work, 'cache') },
  });
  try {
    const overusedUri = pathToFileURL(path.join(workspace, 'overused.txt')).href;
    const draftUri = pathToFileURL(path.join(workspace, 'draft.txt')).href;
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: overusedUri, languageId: 'plaintext', version: 1, text: OVERUSED } });
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: draftUri, languageId: 'plaintext', version: 1, text: DRAFT } });
    const overusedOf = (p: { diagnostics: Array<{ code?: unknown; range: { start: { character: number } } }> }): number[] =>
      p.diagnostics.filter((d) => d.code === OVERUSED_ID).map((d) => d.range.start.character);
    const first = await s.diagnostics(overusedUri);
    // The fourth 始终 (UTF-16 column 118) is reported.
    assert.deepEqual(overusedOf(first), [118]);
    const labels = async (): Promise<string[]> =>
      ((await s.conn.sendRequest('textDocument/completion', { textDocument: { uri: draftUri }, position: { line: 0, character: 9 } })) as Array<{ label: string }>).map((i) => i.label);
    const before = await labels();
    assert.ok(before.length > 0 && !before.includes('韧劲'), before.join(' '));
    assert.deepEqual(s.progressTokens, []);

    // The setting names the folder: indexed with progress, the skipped file summarised.
    paths = ['../essays'];
    const published = s.published.length;
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const end = await s.waitFor(s.progress, (p) => p.value.kind === 'end');
    const run = s.progress.filter((p) => p.token === end.token).map((p) => p.value);
    assert.equal(s.progressTokens[0], end.token);
    assert.deepEqual(run[0], { kind: 'begin', title: 'Wenfeng: indexing your corpus', percentage: 0, cancellable: false });
    assert.deepEqual(
      run.filter((v) => v.kind === 'report' && v.message).map((v) => [v.percentage, v.message]),
      [
        [20, 'file 2 of 5: 01-基层治理.md'],
        [40, 'file 3 of 5: 02-乡村振兴.md'],
        [60, 'file 4 of 5: 03-青年干部.md'],
        [80, 'file 5 of 5: 04-营商环境.md'],
        [100, 'building the model'],
      ],
    );
    assert.deepEqual(run[run.length - 2], { kind: 'report', percentage: 100 });
    const summary = await s.waitFor(s.messages, (m) => m.message.startsWith('Wenfeng: your corpus'));
    assert.deepEqual(summary, { type: 3, message: 'Wenfeng: your corpus: 4 files indexed, 1 skipped: scan.txt: binary (holds NUL bytes); skipped' });
    assert.ok(s.logs.some((l) => l.includes(`skipped ${path.join(corpus, 'scan.txt')}: binary (holds NUL bytes); skipped`)));

    // The documents are checked again with the mixed model: four 始终 are this writer's norm.
    const after = await s.diagnostics(overusedUri, (p) => overusedOf(p).length === 0, published);
    assert.deepEqual(overusedOf(after), []);
    const withCorpus = await labels();
    assert.equal(withCorpus[0], '韧劲', withCorpus.join(' '));

    // A file added to the folder: indexed again after a second of quiet, by a new progress.
    const logged = s.logs.length;
    fs.writeFileSync(path.join(corpus, '05-新篇.md'), '# 新篇\n\n我们始终以滴水穿石的韧劲推进各项工作。\n');
    await s.waitFor(s.logs, (l) => /corpus .*: 5 files, 5 documents/.test(l), logged);
    assert.ok(s.progressTokens.length >= 2);

    // The setting removed: the default model again.
    paths = [];
    const published2 = s.published.length;
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const again = await s.diagnostics(overusedUri, (p) => overusedOf(p).length === 1, published2);
    assert.deepEqual(overusedOf(again), [118]);
    assert.deepEqual(await labels(), before);
  } finally {
    await s.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
});
