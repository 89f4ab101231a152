// Merges l10n/pending-*.json (translations written alongside new rules) into l10n/bundle.l10n.zh-cn.json,
// keeps only keys the code uses, sorts them, and with --clean deletes the pending files. Run: node scripts/merge-l10n.mjs [--clean]
import * as fs from 'node:fs';
import * as path from 'node:path';

const bundleFile = 'l10n/bundle.l10n.zh-cn.json';
const bundle = JSON.parse(fs.readFileSync(bundleFile, 'utf8'));
const pending = fs.readdirSync('l10n').filter((f) => /^pending-.*\.json$/.test(f));
for (const f of pending) {
  Object.assign(bundle, JSON.parse(fs.readFileSync(path.join('l10n', f), 'utf8')));
}
const walk = (d) => fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.ts') ? [path.join(d, e.name)] : []));
const used = new Set();
const re = /l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g;
for (const file of [...walk('server/src'), ...walk('client/src')]) {
  const text = fs.readFileSync(file, 'utf8');
  for (let m = re.exec(text); m; m = re.exec(text)) used.add(m[1].replace(/\\'/g, "'"));
}
const out = Object.fromEntries(Object.entries(bundle).filter(([k]) => used.has(k)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(bundleFile, `${JSON.stringify(out, null, 2)}\n`);
if (process.argv.includes('--clean')) for (const f of pending) fs.unlinkSync(path.join('l10n', f));
const missing = [...used].filter((k) => !(k in out));
console.log(`${Object.keys(out).length} strings; merged ${pending.join(', ') || 'nothing'}${missing.length ? `; missing: ${missing.join(' | ')}` : ''}`);
