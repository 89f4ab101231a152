/**
 * Every user-facing string passed to l10n.t (server, CLI, client) has a Simplified-Chinese translation,
 * the translation keeps the same {n} placeholders, and the bundle holds no stray keys.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

function usedKeys(): Set<string> {
  const keys = new Set<string>();
  const re = /l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g;
  for (const file of [...sources(path.join(ROOT, 'server', 'src')), ...sources(path.join(ROOT, 'client', 'src'))]) {
    const text = fs.readFileSync(file, 'utf8');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      keys.add(m[1]!.replace(/\\'/g, "'"));
    }
  }
  return keys;
}

const placeholders = (s: string): string[] => (s.match(/\{\d+\}/g) ?? []).sort();

test('every l10n.t string has a zh-cn translation with the same placeholders', () => {
  const bundle = JSON.parse(fs.readFileSync(path.join(ROOT, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
  const used = usedKeys();
  assert.ok(used.size > 10);
  const missing = [...used].filter((k) => bundle[k] === undefined);
  assert.deepEqual(missing, [], 'strings without a translation in l10n/bundle.l10n.zh-cn.json');
  for (const k of used) {
    assert.deepEqual(placeholders(bundle[k]!), placeholders(k), `placeholders of ${k}`);
    assert.match(bundle[k]!, /[\u4e00-\u9fff]/, `translation of ${k} is Chinese`);
  }
  const stray = Object.keys(bundle).filter((k) => !used.has(k));
  assert.deepEqual(stray, [], 'keys in the bundle that no code uses');
});

test('package.nls.json and package.nls.zh-cn.json have the same keys, and package.json uses only those', () => {
  const en = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const zh = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort());
  const pkg = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
  const refs = [...pkg.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
  assert.deepEqual(refs.filter((r) => en[r] === undefined), []);
});
