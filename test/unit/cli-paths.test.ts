/**
 * Globs and ignore files of the CLI: the bundled binary run in a temporary folder tree, exact file lists.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { globSource, parseIgnore } from '../../server/src/cli/paths';
import { ROOT } from './helpers';

const BIN = path.join(ROOT, 'dist', 'cli.js');
const DIRTY = '组工干部要发扬优良作风,锻造过硬品格。\n';

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-paths-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** The files a `score` run reads, as it names them, and its exit code and messages. */
function filesRead(cwd: string, args: string[]): { files: string[]; code: number | null; err: string } {
  const r = spawnSync(process.execPath, [BIN, 'score', '--jobs', '1', ...args], { cwd, encoding: 'utf8', input: '' });
  const files = r.stdout === '' ? [] : (JSON.parse(r.stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path.split(path.sep).join('/'));
  return { files, code: r.status, err: r.stderr };
}

const TREE = {
  'drafts/a.md': DIRTY,
  'drafts/b.txt': DIRTY,
  'drafts/deep/c.md': DIRTY,
  'drafts/deep/deeper/d.md': DIRTY,
  'drafts/old/e.md': DIRTY,
  'drafts/x1.md': DIRTY,
  'drafts/x22.md': DIRTY,
  'notes/f.md': DIRTY,
  'notes/g.markdown': DIRTY,
};

test('globs: *, **, ?, {a,b} and […] over a folder tree, named as written and sorted', () => {
  const dir = tree(TREE);
  assert.deepEqual(filesRead(dir, ['drafts/*.md']).files, ['drafts/a.md', 'drafts/x1.md', 'drafts/x22.md']);
  assert.deepEqual(filesRead(dir, ['drafts/**/*.md']).files, ['drafts/a.md', 'drafts/deep/c.md', 'drafts/deep/deeper/d.md', 'drafts/old/e.md', 'drafts/x1.md', 'drafts/x22.md']);
  assert.deepEqual(filesRead(dir, ['drafts/x?.md']).files, ['drafts/x1.md']);
  assert.deepEqual(filesRead(dir, ['{drafts,notes}/*.{txt,markdown}']).files, ['drafts/b.txt', 'notes/g.markdown']);
  assert.deepEqual(filesRead(dir, ['drafts/x[0-9].md']).files, ['drafts/x1.md']);
  assert.deepEqual(filesRead(dir, ['**/e.md', 'notes/f.md']).files, ['drafts/old/e.md', 'notes/f.md']);
  const none = filesRead(dir, ['drafts/*.doc', '--lang', 'en']);
  assert.deepEqual(none, { files: [], code: 2, err: 'wenfeng: no files match drafts/*.doc\n' });
});

test('a folder walk honours .wenfengignore and .gitignore up to the repository root; --no-ignore reads all', () => {
  const dir = tree({
    ...TREE,
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.gitignore': '# build output\n\nold/\n*.txt\n',
    'drafts/.wenfengignore': 'deep/**\n!deep/c.md\nx*.md\n!x1.md\n',
    'notes/.wenfengignore': '/f.md\n',
  });
  // The repository root's .gitignore applies to a walk that starts below it.
  assert.deepEqual(filesRead(path.join(dir, 'drafts'), ['.']).files, ['a.md', 'deep/c.md', 'x1.md']);
  assert.deepEqual(filesRead(dir, ['drafts', 'notes']).files, ['drafts/a.md', 'drafts/deep/c.md', 'drafts/x1.md', 'notes/g.markdown']);
  assert.deepEqual(filesRead(dir, ['drafts/**/*.md']).files, ['drafts/a.md', 'drafts/deep/c.md', 'drafts/x1.md']);
  assert.deepEqual(filesRead(dir, ['drafts', '--no-ignore']).files, ['drafts/a.md', 'drafts/b.txt', 'drafts/deep/c.md', 'drafts/deep/deeper/d.md', 'drafts/old/e.md', 'drafts/x1.md', 'drafts/x22.md']);
  // A file named on the command line is read even when ignored.
  assert.deepEqual(filesRead(dir, ['drafts/b.txt']).files, ['drafts/b.txt']);
  // Outside a repository only the folder's own ignore files count (the .gitignore above is not read).
  fs.rmSync(path.join(dir, '.git'), { recursive: true });
  assert.deepEqual(filesRead(path.join(dir, 'drafts'), ['.']).files, ['a.md', 'b.txt', 'deep/c.md', 'old/e.md', 'x1.md']);
});

test('check and fix take globs and --no-ignore too', () => {
  const dir = tree({ 'a/x.md': DIRTY, 'a/y.md': DIRTY, 'a/.wenfengignore': 'y.md\n' });
  const check = spawnSync(process.execPath, [BIN, 'check', 'a', '--format', 'json', '--jobs', '1'], { cwd: dir, encoding: 'utf8' });
  assert.equal(check.status, 1);
  assert.deepEqual((JSON.parse(check.stdout) as { files: Array<{ path: string }> }).files.map((f) => f.path), [path.join('a', 'x.md')]);
  const fix = spawnSync(process.execPath, [BIN, 'fix', 'a/*.md', '--no-ignore'], { cwd: dir, encoding: 'utf8' });
  assert.equal(fix.status, 0, fix.stderr);
  assert.equal(fix.stdout, DIRTY.replace(',', '，').repeat(2));
});

test('glob and ignore patterns as regular expressions', () => {
  assert.equal(globSource('a/**/*.md', true), 'a/(?:[^/]*/)*[^/]*\\.md');
  assert.equal(globSource('{a,b}?', true), '(?:a|b)[^/]');
  assert.equal(globSource('{a,b}', false), '\\{a,b\\}');
  assert.deepEqual(
    parseIgnore('# c\n\n!keep.md\nbuild/\n/top.md\n**/x\n').map((r) => [r.negate, r.dirOnly, r.anchored, r.re.source]),
    [
      [true, false, false, '^keep\\.md$'],
      [false, true, false, '^build$'],
      [false, false, true, '^top\\.md$'],
      [false, false, true, '^(?:[^/]*\\/)*x$'],
    ],
  );
});
