/**
 * --stdin-filename, the one-line and GitHub output formats and fix --diff: the bundled binary as a child
 * process on Chinese text, exact output and exit codes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { unifiedDiff } from '../../server/src/cli/diff';
import { githubData, githubProperty } from '../../server/src/cli/format';
import { ROOT } from './helpers';

const BIN = path.join(ROOT, 'dist', 'cli.js');
const ESSAY = '# 标题\n\n组工干部要发扬优良作风,锻造过硬品格。\n\n第二段没有问题。\n';

function wenfeng(args: string[], opts: { input?: string; cwd?: string } = {}): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input: opts.input ?? '', cwd: opts.cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmpDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-formats-'));
  for (const [name, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('--format line: file:line:col: severity rule message, one line per finding', () => {
  const dir = tmpDir({ 'a.md': ESSAY, 'clean.md': '第二段没有问题。\n' });
  assert.deepEqual(wenfeng(['check', 'a.md', 'clean.md', '--format', 'line', '--rule', 'punctuation/halfwidth'], { cwd: dir }), {
    code: 1,
    out: 'a.md:3:12: warning punctuation/halfwidth 中文中使用了半角“,”，应使用“，”\n',
    err: '',
  });
  assert.deepEqual(wenfeng(['check', 'clean.md', '--format', 'line'], { cwd: dir }), { code: 0, out: '', err: '' });
});

test('--format github: workflow commands with escaped properties and message', () => {
  const dir = tmpDir({ 'a,b:c.md': ESSAY });
  assert.deepEqual(wenfeng(['check', 'a,b:c.md', '--format', 'github', '--rule', 'punctuation/halfwidth', '--lang', 'en'], { cwd: dir }), {
    code: 1,
    out: '::warning file=a%2Cb%3Ac.md,line=3,col=12,endLine=3,endColumn=13,title=punctuation/halfwidth::Half-width “,” in Chinese text: use “，”\n',
    err: '',
  });
  assert.equal(githubData('50%\r\n好:,'), '50%25%0D%0A好:,');
  assert.equal(githubProperty('50%\r\n好:,'), '50%25%0D%0A好%3A%2C');
});

test('--stdin-filename names standard input in the output and decides its format', () => {
  // A comma in a code span is code in Markdown and prose in plain text: the name's extension decides.
  const input = '发扬精神，见`甲,乙`，锻造品格。\n';
  assert.deepEqual(wenfeng(['check', '--stdin-filename', 'drafts/a.md', '--format', 'line'], { input }), { code: 0, out: '', err: '' });
  assert.deepEqual(wenfeng(['check', '-', '--stdin-filename', 'drafts/a.txt', '--format', 'line'], { input }), {
    code: 1,
    out: 'drafts/a.txt:1:9: warning punctuation/halfwidth 中文中使用了半角“,”，应使用“，”\n',
    err: '',
  });
  const json = JSON.parse(wenfeng(['check', '--stdin-filename', 'drafts/a.md', '--format', 'json'], { input }).out) as { files: Array<{ path: string }> };
  assert.equal(json.files[0]!.path, 'drafts/a.md');
  assert.deepEqual(wenfeng(['check', '--stdin-filename', 'x/draft.txt', '--format', 'line', '--rule', 'punctuation/halfwidth'], { input: '发扬精神,锻造品格。' }), {
    code: 1,
    out: 'x/draft.txt:1:5: warning punctuation/halfwidth 中文中使用了半角“,”，应使用“，”\n',
    err: '',
  });
});

test('fix --diff prints a unified diff, writes nothing, exits 1 when there is something to fix', () => {
  const dir = tmpDir({ 'a.md': ESSAY, 'clean.md': '第二段没有问题。\n' });
  const r = wenfeng(['fix', '--diff', 'a.md', 'clean.md'], { cwd: dir });
  assert.deepEqual(r, {
    code: 1,
    out: ['--- a.md', '+++ a.md', '@@ -1,5 +1,5 @@', ' # 标题', ' ', '-组工干部要发扬优良作风,锻造过硬品格。', '+组工干部要发扬优良作风，锻造过硬品格。', ' ', ' 第二段没有问题。', ''].join('\n'),
    err: '',
  });
  assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), ESSAY);
  assert.deepEqual(wenfeng(['fix', '--diff', 'clean.md'], { cwd: dir }), { code: 0, out: '', err: '' });
  assert.deepEqual(wenfeng(['fix', '--diff', '--stdin-filename', 'in.txt'], { input: '发扬精神,锻造品格。' }), {
    code: 1,
    out: '--- in.txt\n+++ in.txt\n@@ -1,1 +1,1 @@\n-发扬精神,锻造品格。\n\\ No newline at end of file\n+发扬精神，锻造品格。\n\\ No newline at end of file\n',
    err: '',
  });
  assert.equal(wenfeng(['fix', '--diff', '--write', 'a.md'], { cwd: dir }).code, 2);
});

test('unifiedDiff: separate hunks with three lines of context, additions and removals', () => {
  const before = Array.from({ length: 20 }, (_, i) => `第${i + 1}行\n`).join('');
  const after = before.replace('第2行\n', '第二行\n').replace('第15行\n', '').replace('第20行\n', '第20行\n新增\n');
  assert.equal(
    unifiedDiff(before, after, 'a', 'b'),
    [
      '--- a',
      '+++ b',
      '@@ -1,5 +1,5 @@',
      ' 第1行',
      '-第2行',
      '+第二行',
      ' 第3行',
      ' 第4行',
      ' 第5行',
      '@@ -12,9 +12,9 @@',
      ' 第12行',
      ' 第13行',
      ' 第14行',
      '-第15行',
      ' 第16行',
      ' 第17行',
      ' 第18行',
      ' 第19行',
      ' 第20行',
      '+新增',
      '',
    ].join('\n'),
  );
  assert.equal(unifiedDiff('同\n', '同\n', 'a', 'b'), '');
  assert.equal(unifiedDiff('', '新\n', 'a', 'b'), '--- a\n+++ b\n@@ -0,0 +1,1 @@\n+新\n');
});
