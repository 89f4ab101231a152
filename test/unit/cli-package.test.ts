/**
 * The CLI as an npm package: the bin with its shebang, exactly the files it needs (npm pack --dry-run over
 * .npmignore), the pre-commit hook and the example CI workflow.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin?: Record<string, string>; private?: boolean; files?: unknown };

test('package.json publishes the wenfeng bin; the bundle starts with a node shebang and is executable', () => {
  assert.deepEqual(manifest.bin, { wenfeng: './dist/cli.js' });
  assert.equal(manifest.private, undefined);
  // vsce refuses "files" next to .vscodeignore: the npm contents are .npmignore's.
  assert.equal(manifest.files, undefined);
  const bundle = path.join(ROOT, 'dist', 'cli.js');
  assert.equal(fs.readFileSync(bundle, 'utf8').split('\n', 1)[0], '#!/usr/bin/env node');
  if (process.platform !== 'win32') {
    assert.ok((fs.statSync(bundle).mode & 0o111) !== 0);
  }
});

test('npm pack holds the CLI bundle, its data, README, LICENSE and package.json, nothing else', () => {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  assert.equal(r.status, 0, r.stderr);
  const files = (JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path).sort();
  const data = fs.readdirSync(path.join(ROOT, 'dist', 'data')).map((f) => `dist/data/${f}`);
  assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli.js', ...data, 'package.json'].sort());
});

test('the pre-commit hook and the example workflow', () => {
  const hook = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  assert.match(hook, /^- id: wenfeng$/m);
  assert.match(hook, /^ {2}entry: wenfeng check$/m);
  assert.match(hook, /^ {2}types_or: \[markdown, plain-text\]$/m);
  const workflow = fs.readFileSync(path.join(ROOT, 'docs', 'ci', 'github-actions.yml'), 'utf8');
  assert.match(workflow, /wenfeng check --format sarif \. > wenfeng\.sarif/);
  assert.match(workflow, /uses: github\/codeql-action\/upload-sarif@v3/);
  assert.match(workflow, /security-events: write/);
});
