#!/usr/bin/env node
// Keeps the measured precision of each rule, as the README and the rule pages state it, in step with the
// evaluation. The figures come from `node out/test/tools/eval.js --json FILE` (the test part of the corpus split);
// they are kept in docs/precision.json together with a fingerprint of what they depend on (the analysis and
// service sources, the data, the gold annotations, the evaluation tool), and written into:
//   - README.md and docs/rules/README.md: the precision (and per-20k) cells of every rule row of the tables
//     between `<!-- precision-table zh|en -->` and `<!-- /precision-table -->` (a date there is the measuring date);
//   - docs/rules/<category>/<name>.md: the blocks between `<!-- precision zh|en … -->` and `<!-- /precision -->`.
//
// Usage:
//   npx tsc -p . && node esbuild.mjs && node out/test/tools/eval.js --json /tmp/eval.json
//   node scripts/update-precision.mjs /tmp/eval.json     # rewrite the snapshot and the pages
//   node scripts/update-precision.mjs --check [FILE]     # exit 1 when anything is stale (test/unit/docs.test.ts)
// --check reports: the snapshot's fingerprint differs from the checkout's (a rule, the data or the gold changed
// since the last measurement), a page whose figures differ from the snapshot, and with FILE, a snapshot whose
// figures differ from that evaluation. --docs-root DIR reads and writes the pages under DIR (tests); the
// fingerprint is always the checkout's.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SNAPSHOT = 'docs/precision.json';
/** What the figures depend on: folders are taken whole, files as they are. */
const INPUTS = [
  'server/src/analysis',
  'server/src/services',
  'server/data',
  'test/tools/eval.ts',
  'test/tools/eval-lib.ts',
];

const SEVERITY_ZH = { error: '错误', warning: '警告', information: '信息', hint: '提示' };
const ORDER = ['error', 'warning', 'information', 'hint'];

function parseArgs(argv) {
  const args = { check: false, file: undefined, docsRoot: ROOT };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--check') {
      args.check = true;
    } else if (a === '--docs-root') {
      args.docsRoot = path.resolve(argv[++i] ?? '.');
    } else if (a === '--help' || a === '-h') {
      process.stdout.write('usage: node scripts/update-precision.mjs EVAL.json | --check [EVAL.json] [--docs-root DIR]\n');
      process.exit(0);
    } else if (a.startsWith('-')) {
      throw new Error(`unknown option ${a}`);
    } else {
      args.file = a;
    }
  }
  if (!args.check && !args.file) {
    throw new Error('give the JSON of `node out/test/tools/eval.js --json FILE`, or --check');
  }
  return args;
}

/** SHA-256 over the inputs' relative paths and contents, in path order (line endings as stored). */
export function fingerprint(root = ROOT) {
  const files = [];
  const walk = (rel) => {
    const abs = path.join(root, rel);
    if (!fs.existsSync(abs)) {
      return;
    }
    if (fs.statSync(abs).isDirectory()) {
      for (const name of fs.readdirSync(abs).sort()) {
        walk(path.posix.join(rel, name));
      }
    } else {
      files.push(rel);
    }
  };
  INPUTS.forEach(walk);
  const hash = createHash('sha256');
  for (const rel of files.sort()) {
    hash.update(`${rel}\0${createHash('sha256').update(fs.readFileSync(path.join(root, rel))).digest('hex')}\n`);
  }
  return hash.digest('hex');
}

/** The figures the pages state, from the evaluation's JSON. */
function figuresOf(evalJson) {
  if (evalJson?.version !== 1 || typeof evalJson.rules !== 'object') {
    throw new Error('not the JSON of out/test/tools/eval.js --json (version 1)');
  }
  const rules = {};
  for (const [id, r] of Object.entries(evalJson.rules).sort(([a], [b]) => a.localeCompare(b))) {
    const bySeverity = {};
    for (const s of ORDER) {
      const x = r.bySeverity?.[s];
      if (x) {
        bySeverity[s] = { tp: x.tp, fp: x.fp };
      }
    }
    rules[id] = {
      defaultSeverity: r.defaultSeverity,
      findings: r.findings,
      tp: r.tp,
      fp: r.fp,
      mismatch: r.mismatch,
      bySeverity,
      recall: { defects: r.recall.defects, found: r.recall.found },
      per20k: Number(r.clean.per20k.toFixed(2)),
    };
  }
  return { essays: { test: evalJson.essays.test, annotated: evalJson.essays.annotated }, rules };
}

const pct = (tp, n) => `${((100 * tp) / n).toFixed(1)}%`;

/** The precision cell of a table: overall, or per severity when findings came at several. */
function precisionCell(r, lang) {
  const levels = Object.entries(r.bySeverity).filter(([, x]) => x.tp + x.fp > 0);
  if (levels.length === 0) {
    return '—';
  }
  const one = (x) => (lang === 'zh' ? `${pct(x.tp, x.tp + x.fp)}（${x.tp}/${x.tp + x.fp}）` : `${pct(x.tp, x.tp + x.fp)} (${x.tp}/${x.tp + x.fp})`);
  if (levels.length === 1) {
    return one(levels[0][1]);
  }
  return levels.map(([s, x]) => `${lang === 'zh' ? SEVERITY_ZH[s] : s} ${one(x)}`).join(lang === 'zh' ? '；' : '; ');
}

/** The block of a rule page, in one language. */
function pageBlock(id, r, f, date, lang) {
  const n = r.tp + r.fp;
  const severities = Object.entries(r.bySeverity).filter(([, x]) => x.tp + x.fp > 0);
  const out = [];
  if (lang === 'zh') {
    out.push(`${date} 用 \`npm run eval\` 测得：语料划分的测试部分，金标准由没有参与编写规则的编辑标注。规则仍在调整，这些数字会随之更新。`, '');
    out.push('| 项目 | 数值 |', '|---|---|');
    out.push(`| 有标注的 ${f.essays.annotated} 篇文章中的提示 | ${r.findings} 处：正确 ${r.tp}，误报 ${r.fp}，其他类型的问题 ${r.mismatch} |`);
    out.push(`| 精度（正确 ÷（正确 + 误报）） | ${n === 0 ? '—（没有可计算的提示）' : `${pct(r.tp, n)}（${r.tp}/${n}）`} |`);
    if (severities.length > 1) {
      out.push(`| 按级别 | ${precisionCell(r, 'zh')} |`);
    }
    if (r.recall.defects > 0) {
      out.push(`| 找回（有标注文章中本规则所管的问题） | ${r.recall.found}/${r.recall.defects}（${pct(r.recall.found, r.recall.defects)}） |`);
    }
    out.push(`| 每 2 万字的提示数（测试部分全部 ${f.essays.test} 篇原文） | ${r.per20k.toFixed(2)} |`, '');
    out.push(`每 2 万字的提示数把原文里真实存在的问题也算在内，所以它是误报率的上限，不等于误报率。${n > 0 && n < 10 ? `样本只有 ${n} 处，精度数字参考价值有限。` : ''}`);
  } else {
    out.push(`Measured on ${date} with \`npm run eval\` on the test part of the corpus split, against gold annotations by editors who did not write the rules. Rules are still being tuned; the figures will be refreshed.`, '');
    out.push('| item | value |', '|---|---|');
    out.push(`| findings in the ${f.essays.annotated} annotated essays | ${r.findings}: ${r.tp} right, ${r.fp} false alarms, ${r.mismatch} on defects of another type |`);
    out.push(`| precision (right ÷ (right + false alarms)) | ${n === 0 ? '— (nothing to compute it from)' : `${pct(r.tp, n)} (${r.tp}/${n})`} |`);
    if (severities.length > 1) {
      out.push(`| by severity | ${precisionCell(r, 'en')} |`);
    }
    if (r.recall.defects > 0) {
      out.push(`| recall (annotated defects of the rule's types) | ${r.recall.found}/${r.recall.defects} (${pct(r.recall.found, r.recall.defects)}) |`);
    }
    out.push(`| findings per 20,000 characters (all ${f.essays.test} test essays as published) | ${r.per20k.toFixed(2)} |`, '');
    out.push(`Findings per 20,000 characters include real defects of the published essays: an upper bound of the false-alarm rate, not the rate itself.${n > 0 && n < 10 ? ` ${n === 1 ? 'One finding' : `${n} findings`} only: the precision figure says little.` : ''}`);
  }
  return out.join('\n');
}

const BLOCK = /(<!-- precision (zh|en)\b[^>]*-->\n)([\s\S]*?)(\n<!-- \/precision -->)/g;
const TABLE = /(<!-- precision-table (zh|en) -->\n)([\s\S]*?)(\n<!-- \/precision-table -->)/g;

function splitRow(line) {
  return line.split(/(?<!\\)\|/).slice(1, -1);
}

/** Rewrites the precision and per-20k cells of the rule rows of a table region. */
function rewriteTable(body, lang, snap, problems, where) {
  let precisionCol = -1;
  let rateCol = -1;
  return body
    .split('\n')
    .map((line) => {
      if (!line.startsWith('|')) {
        return line.replace(/\b\d{4}-\d{2}-\d{2}\b/g, snap.date);
      }
      const cells = splitRow(line);
      if (cells.every((c) => /^\s*:?-+:?\s*$/.test(c))) {
        return line;
      }
      const id = /\[`([a-z]+\/[a-z-]+)`\]/.exec(cells[0] ?? '')?.[1];
      if (!id) {
        precisionCol = cells.findIndex((c) => /精度|precision/i.test(c));
        rateCol = cells.findIndex((c) => /2 万字|20k/i.test(c));
        return line;
      }
      const r = snap.rules[id];
      if (!r) {
        problems.push(`${where}: ${id} has no figures in ${SNAPSHOT}`);
        return line;
      }
      if (precisionCol < 0) {
        problems.push(`${where}: the table of ${id} has no precision column`);
        return line;
      }
      cells[precisionCol] = ` ${precisionCell(r, lang)} `;
      if (rateCol >= 0) {
        cells[rateCol] = ` ${r.per20k.toFixed(2)} `;
      }
      return `|${cells.join('|')}|`;
    })
    .join('\n');
}

/** The rewritten text of every file that states figures: path → { before, after }. */
function render(snap, docsRoot, problems) {
  const files = new Map();
  const read = (rel) => {
    const abs = path.join(docsRoot, rel);
    return fs.existsSync(abs) ? fs.readFileSync(abs, 'utf8') : undefined;
  };
  for (const rel of ['README.md', 'docs/rules/README.md']) {
    const before = read(rel);
    if (before === undefined) {
      problems.push(`${rel} is missing`);
      continue;
    }
    let regions = 0;
    const after = before.replace(TABLE, (_, open, lang, body, close) => {
      regions++;
      return open + rewriteTable(body, lang, snap, problems, rel) + close;
    });
    if (regions === 0) {
      problems.push(`${rel} has no <!-- precision-table zh|en --> region`);
    }
    files.set(rel, { before, after });
  }
  for (const id of Object.keys(snap.rules)) {
    const rel = `docs/rules/${id}.md`;
    const before = read(rel);
    if (before === undefined) {
      problems.push(`${rel} is missing`);
      continue;
    }
    const langs = [];
    const after = before.replace(BLOCK, (_, open, lang, _body, close) => {
      langs.push(lang);
      return open + pageBlock(id, snap.rules[id], snap, snap.date, lang) + close;
    });
    if (langs.join() !== 'zh,en') {
      problems.push(`${rel}: want one <!-- precision zh --> block then one <!-- precision en --> block, found ${langs.join(',') || 'none'}`);
    }
    files.set(rel, { before, after });
  }
  return files;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const snapPath = path.join(args.docsRoot, SNAPSHOT);
  const old = fs.existsSync(snapPath) ? JSON.parse(fs.readFileSync(snapPath, 'utf8')) : undefined;
  const problems = [];
  const fresh = args.file ? figuresOf(JSON.parse(fs.readFileSync(args.file, 'utf8'))) : undefined;
  const print = fingerprint();

  if (args.check) {
    if (!old) {
      console.error(`update-precision: ${SNAPSHOT} is missing`);
      return 1;
    }
    if (old.fingerprint !== print) {
      problems.push(`${SNAPSHOT} was measured on other sources or data than this checkout's (${INPUTS.join(', ')}): run the evaluation and this script again`);
    }
    if (fresh && JSON.stringify({ essays: fresh.essays, rules: fresh.rules }) !== JSON.stringify({ essays: old.essays, rules: old.rules })) {
      problems.push(`${SNAPSHOT} differs from ${args.file}`);
    }
    for (const [rel, { before, after }] of render(old, args.docsRoot, problems)) {
      if (before !== after) {
        const a = before.split('\n');
        const b = after.split('\n');
        const i = a.findIndex((l, k) => l !== b[k]);
        problems.push(`${rel}:${i + 1}: stale figures: "${a[i]}" should be "${b[i]}"`);
      }
    }
    for (const p of problems) {
      console.error(`update-precision: ${p}`);
    }
    if (problems.length > 0) {
      console.error('refresh: npx tsc -p . && node esbuild.mjs && node out/test/tools/eval.js --json /tmp/eval.json; node scripts/update-precision.mjs /tmp/eval.json');
    }
    return problems.length === 0 ? 0 : 1;
  }

  // The date moves only when a figure does.
  const same = old && JSON.stringify({ essays: fresh.essays, rules: fresh.rules }) === JSON.stringify({ essays: old.essays, rules: old.rules });
  const snap = { date: same ? old.date : new Date().toISOString().slice(0, 10), fingerprint: print, ...fresh };
  fs.mkdirSync(path.dirname(snapPath), { recursive: true });
  fs.writeFileSync(snapPath, `${JSON.stringify(snap, null, 2)}\n`);
  let changed = 0;
  for (const [rel, { before, after }] of render(snap, args.docsRoot, problems)) {
    if (before !== after) {
      fs.writeFileSync(path.join(args.docsRoot, rel), after);
      changed++;
    }
  }
  for (const p of problems) {
    console.error(`update-precision: ${p}`);
  }
  console.log(`update-precision: ${Object.keys(snap.rules).length} rules measured ${snap.date}; ${changed} file(s) rewritten`);
  return problems.length === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    process.exitCode = main();
  } catch (e) {
    console.error(`update-precision: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  }
}
