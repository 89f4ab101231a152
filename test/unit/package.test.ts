/**
 * What the .vsix contains (vsce ls over the .vscodeignore allow-list): one universal package — the bundled
 * client and server, the compiled data with the record of its sources, manifests, strings, grammars and
 * snippets, the rule pages, and the walkthrough's sample draft and step pages. No native binary, no CLI bundle, no dictionary or model sources, no corpus, no sources or tests.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

const EXPECTED = [
  'LICENSE',
  'README.md',
  'dist/client.js',
  'dist/data/dictionary.bin',
  'dist/data/model.bin',
  'dist/data/pinyin.json',
  'dist/data/provenance.json',
  'dist/data/script-sets.json',
  'dist/data/userdict.txt',
  'dist/server.js',
  'l10n/bundle.l10n.zh-cn.json',
  'package.json',
  'package.nls.json',
  'package.nls.zh-cn.json',
  'snippets/essay.code-snippets',
  'syntaxes/language-configuration.json',
  'syntaxes/wenfeng-config.schema.json',
  'syntaxes/wenfeng-essay.tmLanguage.json',
  'syntaxes/wenfeng-injection.tmLanguage.json',
  'walkthrough/en/corpus.md',
  'walkthrough/en/findings.md',
  'walkthrough/en/fixAll.md',
  'walkthrough/en/outline.md',
  'walkthrough/en/report.md',
  'walkthrough/en/sample.md',
  'walkthrough/en/snippet.md',
  'walkthrough/sample.essay',
  'walkthrough/zh-cn/corpus.md',
  'walkthrough/zh-cn/findings.md',
  'walkthrough/zh-cn/fixAll.md',
  'walkthrough/zh-cn/outline.md',
  'walkthrough/zh-cn/report.md',
  'walkthrough/zh-cn/sample.md',
  'walkthrough/zh-cn/snippet.md',
];

/**
 * Upper bound of the unpacked size (bytes) in a development build (bundles not minified): the bundles and the
 * compiled data, 16.03 MB on 2026-12-03 with the near-canonical rule and the larger completion model; the
 * production build that `npm run package` makes (minified bundles) ships about 14.6 MB of the same files.
 */
const MAX_UNPACKED = 16_500_000;

test('the package is universal: exactly the bundles, compiled data and manifests, within its size', () => {
  const vsce = path.join(ROOT, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const files = r.stdout.split('\n').filter((l) => l.length > 0 && !l.includes(' ')).sort();
  // The rule pages (docs/rules/**.md) ship as they are: the README's rule table links to them.
  const pages = fs.readdirSync(path.join(ROOT, 'docs', 'rules'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md')).map((f) => `docs/rules/${f.split(path.sep).join('/')}`);
  assert.ok(pages.length >= 20, `${pages.length} rule pages`);
  assert.deepEqual(files, [...EXPECTED, ...pages].sort());
  const size = files.reduce((n, f) => n + fs.statSync(path.join(ROOT, f)).size, 0);
  assert.ok(size < MAX_UNPACKED, `unpacked size ${size} bytes`);
  // No platform target: the manifest's package script must not pass --target.
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string>; dependencies: Record<string, string>; devDependencies: Record<string, string> };
  assert.doesNotMatch(manifest.scripts['package'] ?? '', /--target/);
  assert.equal(manifest.dependencies['@node-rs/jieba'], undefined, 'the native segmenter is a development dependency');
  assert.equal(manifest.devDependencies['@node-rs/jieba'], '2.0.2');
});

test('the built server runs without node_modules: compiled data checked against the build record', () => {
  const dist = path.join(ROOT, 'dist');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-pkg-'));
  try {
    // The bundles and data as the package holds them, in a folder with no node_modules above it.
    fs.mkdirSync(path.join(tmp, 'dist', 'data'), { recursive: true });
    fs.copyFileSync(path.join(dist, 'cli.js'), path.join(tmp, 'dist', 'cli.js'));
    for (const f of fs.readdirSync(path.join(dist, 'data'))) {
      fs.copyFileSync(path.join(dist, 'data', f), path.join(tmp, 'dist', 'data', f));
    }
    const run = (input: string): ReturnType<typeof spawnSync> =>
      spawnSync(process.execPath, [path.join(tmp, 'dist', 'cli.js'), 'check', '--format', 'json', '-'], { cwd: tmp, input, encoding: 'utf8' });
    const ok = run('我们要要坚持以人民为中心的发展思想。\n');
    assert.equal(ok.status, 1, String(ok.stderr));
    const report = JSON.parse(String(ok.stdout)) as { files: Array<{ diagnostics: Array<{ rule: string }> }> };
    assert.deepEqual(report.files[0]!.diagnostics.map((d) => d.rule), ['repetition/doubled-word']);
    // A record that does not match the compiled dictionary: a clear error, not a silent wrong segmentation.
    const record = JSON.parse(fs.readFileSync(path.join(tmp, 'dist', 'data', 'provenance.json'), 'utf8')) as { dictionary: { bytes: number } };
    record.dictionary.bytes += 1;
    fs.writeFileSync(path.join(tmp, 'dist', 'data', 'provenance.json'), JSON.stringify(record));
    const bad = run('我们要坚持。\n');
    assert.equal(bad.status, 2);
    assert.match(String(bad.stderr), /dictionary/);
    assert.doesNotMatch(String(bad.stderr), /\n\s+at /, 'no stack trace');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
