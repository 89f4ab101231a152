/**
 * The CLI's streamed output and its worker pool (issue 15, items 5 and 6): `check` writes JSON and SARIF
 * piece by piece, byte for byte what JSON.stringify of the whole document gives, and `--jobs N` gives the
 * same output, messages and exit code as `--jobs 1`. Runs the built CLI (dist/cli.js) as a child process.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createAnalyzer } from '../../server/src/analysis';
import { filePieces, formatReports, OutputWriter, type FileReport, type OutputFormat } from '../../server/src/cli/format';
import { getServices } from '../../server/src/services';
import { CORPUS, ROOT, corpusEssays } from './helpers';

const BIN = path.join(ROOT, 'dist', 'cli.js');

function cliBin(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A folder of corpus essays, a sample draft, an empty file, a binary file, a broken link and a subfolder. */
function mixedFolder(essays: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-jobs-'));
  for (const name of corpusEssays().slice(0, essays)) {
    fs.copyFileSync(path.join(CORPUS, 'shenlun', name), path.join(dir, name));
  }
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'drafts', 'sample.md'), path.join(dir, 'sub', 'sample.md'));
  fs.writeFileSync(path.join(dir, 'sub', 'empty.txt'), '');
  fs.writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0, 1, 2, 3, 0, 255, 254, 0]));
  fs.symlinkSync(path.join(dir, 'missing.md'), path.join(dir, 'broken.md'));
  fs.writeFileSync(path.join(dir, 'gbk.txt'), Buffer.from([0xd7, 0xe9, 0xb9, 0xa4, 0xb8, 0xc9, 0xb2, 0xbf, 0x2c, 0xd2, 0xaa, 0xb7, 0xa2, 0xd1, 0xef, 0xd7, 0xf7, 0xb7, 0xe7, 0xa1, 0xa3]));
  return dir;
}

function reports(texts: Record<string, string>): FileReport[] {
  const analyzer = createAnalyzer(getServices());
  return Object.entries(texts).map(([p, text]) => ({ path: p, text, result: analyzer.analyze(text, { format: 'markdown', config: { rules: {}, script: 'auto', acceptedWords: [] } }) }));
}

test('streamed JSON, SARIF and score are exactly JSON.stringify(document, null, 2), with and without findings', () => {
  const sets: FileReport[][] = [
    [],
    reports({ 'clean.md': '组工干部要发扬优良作风。\n' }),
    reports({ 'a.md': '# 标题\r\n𠮷祥如意,万事顺利。\n', 'b.md': '', 'c.md': '我们要要把学习贯彻党的创新理论作为必修课,关(guān)键时刻站得出来。。\n' }),
  ];
  for (const rs of sets) {
    for (const format of ['json', 'sarif', 'score'] as OutputFormat[]) {
      const out = formatReports(format, rs);
      assert.equal(out, `${JSON.stringify(JSON.parse(out), null, 2)}\n`, `${format} of ${rs.length} files`);
    }
    // Pieces are never larger than one finding (or one file's header) however many findings there are.
    for (const r of rs) {
      for (const p of filePieces('json', r)) {
        assert.ok(p.text.length < 4000, p.text.slice(0, 80));
      }
    }
  }
  const w = new OutputWriter('json');
  assert.equal(w.head() + w.tail(), `${JSON.stringify({ version: 1, files: [] }, null, 2)}\n`);
});

test('check --jobs 3 over a folder gives the same output, messages and exit code as --jobs 1', () => {
  const dir = mixedFolder(24);
  for (const format of ['json', 'sarif', 'text']) {
    const one = cliBin(['check', dir, '--format', format, '--jobs', '1', '--lang', 'en']);
    const three = cliBin(['check', dir, '--format', format, '--jobs', '3', '--lang', 'en']);
    assert.equal(one.code, 2, one.err);
    assert.equal(three.code, one.code, format);
    assert.equal(three.out, one.out, format);
    assert.equal(three.err, one.err, format);
    assert.ok(one.out.length > 10000);
  }
  // The messages name the bad entries, in the order of the files.
  const r = cliBin(['check', dir, '--jobs', '2', '--lang', 'en', '--format', 'json']);
  assert.deepEqual(r.err.split('\n').filter(Boolean), [
    `wenfeng: ${path.join(dir, 'binary.txt')}: not a text file (binary content); skipped`,
    `wenfeng: ${path.join(dir, 'broken.md')}: no such file (or a broken symbolic link)`,
    `wenfeng: ${path.join(dir, 'gbk.txt')}: decoded as GB18030`,
  ]);
  const json = JSON.parse(r.out) as { files: Array<{ path: string }> };
  assert.deepEqual(
    json.files.map((f) => path.relative(dir, f.path)),
    [...corpusEssays().slice(0, 24), 'gbk.txt', path.join('sub', 'empty.txt'), path.join('sub', 'sample.md')],
  );
  // Without bad entries the exit code follows the findings, the same for every --jobs.
  const clean = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-jobs-'));
  fs.writeFileSync(path.join(clean, 'a.txt'), '组工干部要发扬优良作风。\n');
  fs.writeFileSync(path.join(clean, 'b.txt'), '组工干部要发扬优良作风,锻造过硬品格。\n');
  for (const jobs of ['1', '2']) {
    assert.equal(cliBin(['check', clean, '--jobs', jobs]).code, 1);
    assert.equal(cliBin(['check', clean, '--jobs', jobs, '--fail-on', 'error']).code, 0);
    assert.equal(cliBin(['score', clean, '--jobs', jobs]).out, cliBin(['score', clean, '--jobs', '1']).out);
  }
  // A file that cannot be used as a project file stops the run before any output, whatever --jobs is.
  fs.writeFileSync(path.join(clean, '.wenfeng.json'), '{ not json');
  for (const jobs of ['1', '2']) {
    const bad = cliBin(['check', clean, '--jobs', jobs, '--format', 'json', '--lang', 'en']);
    assert.equal(bad.code, 2);
    assert.equal(bad.out, '');
    assert.equal(bad.err, `wenfeng: ${path.join(clean, '.wenfeng.json')}:1:3: not valid JSON: expected a property name in double quotes\n`);
  }
});

test('--jobs takes a whole number, 1 or more', () => {
  for (const bad of ['0', '-2', 'two', '1.5']) {
    const r = cliBin(['check', '--jobs', bad, path.join(ROOT, 'test', 'fixtures', 'drafts', 'sample.md')]);
    assert.equal(r.code, 2, bad);
    assert.equal(r.out, '');
    assert.match(r.err, /^wenfeng: --jobs needs a whole number, 1 or more/);
  }
});

test('a reader that closes the pipe early (check … | head) ends the run quietly with exit code 0', async () => {
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [BIN, 'check', CORPUS, '--format', 'json', '--jobs', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const first = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString('utf8'))));
  assert.ok(first.startsWith('{'), first.slice(0, 20));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
  assert.equal(code, 0);
  assert.equal(stderr, '');
});
