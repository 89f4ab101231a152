// Builds the three bundles (client, server, CLI) and copies the runtime files next to them:
// dist/jieba/ (the dictionary and native binary of @node-rs/jieba; the server reads only the dictionary) and
// dist/data/ (user dictionary, model), then compiles data the server would otherwise derive at start-up.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
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
  // The native segmenter is loaded at run time from dist/jieba (see server/src/services/jieba.ts).
  external: ['vscode', '@node-rs/jieba'],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js' },
  { entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
];

function copyRuntimeFiles() {
  const jiebaDir = path.dirname(require.resolve('@node-rs/jieba/package.json'));
  const out = path.join('dist', 'jieba');
  fs.mkdirSync(out, { recursive: true });
  fs.copyFileSync(path.join(jiebaDir, 'dict.txt'), path.join(out, 'dict.txt'));
  // Every platform package of @node-rs/jieba that is installed (npm install --os/--cpu adds more).
  const scope = path.dirname(jiebaDir);
  for (const pkg of fs.readdirSync(scope)) {
    if (!pkg.startsWith('jieba-')) continue;
    for (const f of fs.readdirSync(path.join(scope, pkg))) {
      if (f.endsWith('.node')) fs.copyFileSync(path.join(scope, pkg, f), path.join(out, f));
    }
  }
  fs.mkdirSync(path.join('dist', 'data'), { recursive: true });
  // Only the files of server/data: its folders (the corpus and the gold annotations) are source data for the
  // model builder and the tests, not runtime files.
  for (const f of fs.readdirSync(path.join('server', 'data'), { withFileTypes: true })) {
    if (f.isFile()) fs.copyFileSync(path.join('server', 'data', f.name), path.join('dist', 'data', f.name));
  }
  fs.chmodSync(path.join('dist', 'cli.js'), 0o755);
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
// instead of compiling dict.txt), the corpus model compiled into dist/data/model.bin (no JSON parse), and the
// Traditional-only / Simplified-only character sets of OpenCC.
async function compileData() {
  const jieba = await servicesModule('server/src/services/jieba.ts');
  jieba.writeCompiledDictionary(path.join('dist', 'jieba', 'dict.txt'), path.join('dist', 'data', 'userdict.txt'), path.join('dist', 'data', jieba.COMPILED_DICTIONARY));
  const model = await servicesModule('server/src/services/model.ts');
  model.writeCompiledModel(path.join('dist', 'data', 'model.json'), path.join('dist', 'data', model.COMPILED_MODEL));
  const opencc = await servicesModule('server/src/services/opencc.ts');
  fs.writeFileSync(path.join('dist', 'data', opencc.SCRIPT_SETS), JSON.stringify(opencc.scriptSetsFile()));
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
