// Builds the three bundles (client, server, CLI) and the runtime data next to them in dist/data/: the genre's
// user dictionary, and what the server would otherwise derive at start-up, compiled from its sources (jieba's
// dictionary from the @node-rs/jieba development dependency, the corpus model server/data/model.json, OpenCC's
// script sets), with a record of those sources (provenance.json). The sources themselves are not copied: the
// package carries no native binary, no dict.txt and no model.json, so one .vsix serves every platform.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  // Only the build and the tests read @node-rs/jieba (its dict.txt, its native segmenter as the oracle).
  external: ['vscode', '@node-rs/jieba'],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  // Also the worker threads of `check --jobs N`: the pool starts this same file with workerData (cli/pool.ts).
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

const DATA = path.join('dist', 'data');

function copyRuntimeFiles() {
  // Earlier builds copied the native segmenter and the sources here; none of it is read any more.
  fs.rmSync(path.join('dist', 'jieba'), { recursive: true, force: true });
  fs.rmSync(DATA, { recursive: true, force: true });
  fs.mkdirSync(DATA, { recursive: true });
  fs.copyFileSync(path.join('server', 'data', 'userdict.txt'), path.join(DATA, 'userdict.txt'));
  fs.chmodSync(path.join('dist', 'cli.js'), 0o755);
}

function record(file, origin) {
  const bytes = fs.readFileSync(file);
  return { origin, bytes: bytes.length, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

/** Loads a module of the services, bundled in memory (for the build steps below). */
async function servicesModule(entry) {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    logLevel: 'warning',
    external: ['@node-rs/jieba'],
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', '__dirname', result.outputFiles[0].text)(mod, mod.exports, require, path.resolve('dist'));
  return mod.exports;
}

// Data the server would otherwise derive at start-up, derived once here with the services' own code:
// jieba's dictionary and the user dictionary compiled into dist/data/dictionary.bin (loads in milliseconds
// instead of compiling dict.txt), the corpus model compiled into dist/data/model.bin (no JSON parse), the
// Traditional-only / Simplified-only character sets of OpenCC and pinyin-pro's readings of the common Han
// characters (dist/data/pinyin.json); then the record of their sources.
async function compileData() {
  const jiebaDir = path.dirname(require.resolve('@node-rs/jieba/package.json'));
  const dictFile = path.join(jiebaDir, 'dict.txt');
  const userFile = path.join('server', 'data', 'userdict.txt');
  const modelFile = path.join('server', 'data', 'model.json');
  const jieba = await servicesModule('server/src/services/jieba.ts');
  jieba.writeCompiledDictionary(dictFile, userFile, path.join(DATA, jieba.COMPILED_DICTIONARY));
  const model = await servicesModule('server/src/services/model.ts');
  model.writeCompiledModel(modelFile, path.join(DATA, model.COMPILED_MODEL));
  const opencc = await servicesModule('server/src/services/opencc.ts');
  fs.writeFileSync(path.join(DATA, opencc.SCRIPT_SETS), JSON.stringify(opencc.scriptSetsFile()));
  // The readings of U+4E00–U+9FFF, so that neither start-up nor the first diagnostics load pinyin-pro.
  const pinyin = await servicesModule('server/src/services/pinyin.ts');
  fs.writeFileSync(path.join(DATA, pinyin.PINYIN_TABLE), JSON.stringify(pinyin.pinyinTableFile()));
  const version = (pkg) => JSON.parse(fs.readFileSync(path.join('node_modules', pkg, 'package.json'), 'utf8')).version;
  const provenance = {
    format: 1,
    dictionary: record(dictFile, `dict.txt of @node-rs/jieba ${version('@node-rs/jieba')}`),
    userDictionary: record(userFile, 'server/data/userdict.txt'),
    model: {
      ...record(modelFile, 'server/data/model.json (npm run build-model)'),
      fnv1a: model.hashBytes(fs.readFileSync(modelFile)),
      corpus: `server/data/corpus/shenlun (${fs.readdirSync(path.join('server', 'data', 'corpus', 'shenlun')).filter((f) => f.endsWith('.txt')).length} essays; see server/data/corpus/PROVENANCE.md)`,
    },
    opencc: { origin: `opencc-js ${version('opencc-js')}` },
    pinyin: { origin: `pinyin-pro ${version('pinyin-pro')}` },
  };
  fs.writeFileSync(path.join(DATA, 'provenance.json'), `${JSON.stringify(provenance, null, 2)}\n`);
}

// A bundle holding any non-ASCII character is kept by V8 as a two-byte string, twice its size in memory and
// slower to scan. esbuild escapes non-ASCII characters except in regular expression literals (and
// comments): escape those as well (`\u4e00` means the same there; `\（`, an escaped character, is the
// character itself). Columns shift on the few lines concerned, which only source maps notice.
function escapeNonAscii(file) {
  const src = fs.readFileSync(file, 'utf8');
  if (!/[^\x00-\x7f]/.test(src)) {
    return;
  }
  const out = src.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, ch) =>
    `${slashes.length % 2 === 1 ? slashes.slice(1) : slashes}\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  fs.writeFileSync(file, out);
}

if (watch) {
  for (const e of entries) {
    const ctx = await esbuild.context({ ...common, ...e });
    await ctx.watch();
  }
  console.log('[watch] build started');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  entries.forEach((e) => escapeNonAscii(e.outfile));
  copyRuntimeFiles();
  await compileData();
}
