/**
 * What the .vsix would contain (vsce ls over the .vscodeignore allow-list): the bundles, the jieba binary and
 * dictionaries, manifests and strings — no sources, no tests, no corpus, no node_modules.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

test('the package holds bundled JS, the jieba binary and dictionaries, and nothing else', () => {
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').filter((l) => l.length > 0 && !l.includes(' '));
  for (const needed of ['package.json', 'dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/jieba/dict.txt', 'dist/data/userdict.txt', 'l10n/bundle.l10n.zh-cn.json', 'package.nls.zh-cn.json']) {
    assert.ok(files.includes(needed), `${needed} missing from ${files.join(', ')}`);
  }
  assert.ok(files.some((f) => /^dist\/jieba\/jieba\.linux-x64.*\.node$/.test(f)), 'jieba binary');
  const unwanted = files.filter((f) => /\.ts$|\.map$|^test\/|^server\/|^client\/|node_modules|\.vsix$|^scripts\//.test(f));
  assert.deepEqual(unwanted, []);
});
