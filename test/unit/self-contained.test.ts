/**
 * The repository stands alone: nothing in it reads the team's shared folder beside the checkout
 * (its corpus and gold folders). The corpus and the gold annotations live in server/data.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

/** Places in `text` (a file at `file`, relative to the root) that reach outside the checkout for `shared`. */
export function outsideReferences(file: string, text: string): string[] {
  const found: string[] = [];
  // A path into the shared folder's known parts, from anywhere.
  for (const m of text.matchAll(/(?:\.\.[\\/])+shared[\\/](?:corpus|gold|notes|hooks)\b/g)) {
    found.push(m[0]);
  }
  // path.join(ROOT, '..', 'shared') and the like.
  for (const m of text.matchAll(/['"]\.\.['"]\s*,\s*['"]shared['"]/g)) {
    found.push(m[0]);
  }
  // Imports and requires of ../shared that resolve outside the root (server/src/shared is inside).
  for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]((?:\.\.\/)+shared\b[^'"]*)['"]/g)) {
    const target = path.resolve(ROOT, path.dirname(file), m[1]!);
    if (path.relative(ROOT, target).startsWith('..')) {
      found.push(m[0]);
    }
  }
  return found;
}

test('outsideReferences: flags paths to the shared folder, not the server\'s own shared module', () => {
  assert.deepEqual(outsideReferences('test/x.ts', "const C = path.resolve(ROOT, '..', 'shared', 'corpus');"), ["'..', 'shared'"]);
  // Spelled in parts, so that this file does not itself hold the path it looks for.
  const sharedCorpus = ['..', 'shared', 'corpus'].join('/');
  assert.deepEqual(outsideReferences('package.json', `"build-model": "wenfeng build-model ${sharedCorpus}/shenlun"`), [sharedCorpus]);
  assert.deepEqual(outsideReferences('server/src/cli/main.ts', "import { x } from '../shared/config';"), []);
  assert.deepEqual(outsideReferences('x.ts', "import { x } from '../shared/config';"), ["from '../shared/config'"]);
});

test('no tracked file reads ../shared: the corpus and gold annotations are in the project', () => {
  const r = spawnSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  // This file names the patterns it looks for; the corpus and gold folders describe where they came from.
  const files = r.stdout.split('\0').filter((f) => f && f !== 'test/unit/self-contained.test.ts' && !f.startsWith('server/data/corpus/') && !f.startsWith('server/data/gold/'));
  assert.ok(files.includes('package.json'));
  const offending: string[] = [];
  for (const f of files) {
    if (!/\.(?:ts|mjs|js|json|sh|md|lua|yml|yaml)$|^\.ci\//.test(f) || f === 'package-lock.json') {
      continue;
    }
    const abs = path.join(ROOT, f);
    if (!fs.existsSync(abs)) {
      continue;
    }
    for (const hit of outsideReferences(f, fs.readFileSync(abs, 'utf8'))) {
      offending.push(`${f}: ${hit}`);
    }
  }
  assert.deepEqual(offending, []);
  for (const needed of ['server/data/corpus/README.md', 'server/data/corpus/PROVENANCE.md', 'server/data/gold/README.md', 'server/data/gold/test.json', 'server/data/gold/split.json']) {
    assert.ok(fs.existsSync(path.join(ROOT, needed)), needed);
  }
  assert.equal(fs.readdirSync(path.join(ROOT, 'server', 'data', 'corpus', 'shenlun')).filter((f) => f.endsWith('.txt')).length, 995);
});
