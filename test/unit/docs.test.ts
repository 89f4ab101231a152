/**
 * Rule documentation: every rule of the registry has its page docs/rules/<category>/<name>.md, laid out the same
 * way (zh-CN sections, then an English section with the same parts), with at least one flagged (✗) and one
 * not flagged (✓) example in each language, and the index docs/rules/README.md links every rule. Pages may
 * exist before their rule is merged (registry ⊆ pages, not equality).
 *
 * The examples are checked too, as plain text and as Markdown: a ✗ example is flagged by its rule and a ✓
 * example is not; `✗ `a` → `b`` means fix-all turns a into b, `（建议）→` / `(suggestion) →` that one of the
 * finding's suggestions (not applied by fix-all) does, and a ✗ example without an arrow is left unchanged by
 * fix-all. A multi-line example (a fenced block after the ✗/✓ line) has one paragraph a line; in Markdown the
 * lines are separated by blank lines. `⟨U+200B⟩` stands for that character; 繁体文档 / 简体文档 (Traditional /
 * Simplified document) set the target script. When a rule is tuned and an example no longer holds, the page is
 * what needs changing.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { applyFixes, type Finding } from '../../server/src/analysis';
import { ALL_RULES } from '../../server/src/analysis/registry';
import { check, fixAll } from './helpers';
import { validateSettings } from '../../protocol/settings';
import { toAnalysisConfig } from '../../server/src/shared/config';

/** The checkout's root (this file runs from out/test/unit). */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const DOCS = path.join(ROOT, 'docs', 'rules');

/** Sections of the Chinese part, in order. */
const ZH_SECTIONS = ['它检查什么', '为什么重要', '示例', '快速修复', '选项', '实测精度', '如何停用'];
/** Sections of the English part, in order (after `## English`). */
const EN_SECTIONS = ['What it checks', 'Why it matters', 'Examples', 'Quick fix', 'Options', 'Measured precision', 'How to disable'];

function pagePath(id: string): string {
  return path.join(DOCS, ...id.split('/')) + '.md';
}

/** Index of a heading line (`## 示例`) in the page's lines, outside fenced code; -1 when absent. */
function headingLine(lines: readonly string[], heading: string): number {
  let fenced = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
    } else if (!fenced && line.trimEnd() === heading) {
      return i;
    }
  }
  return -1;
}

/** The lines of a section: from its heading to the next heading of the same or a higher level. */
function section(lines: readonly string[], heading: string): string[] {
  const start = headingLine(lines, heading);
  if (start < 0) {
    return [];
  }
  const level = /^#+/.exec(heading)![0].length;
  const out: string[] = [];
  let fenced = false;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
    }
    const m = /^(#+)\s/.exec(line);
    if (!fenced && m && m[1]!.length <= level) {
      break;
    }
    out.push(line);
  }
  return out;
}

/** Example items of a section: list items marked ✗ (flagged) or ✓ (not flagged). */
function examples(lines: readonly string[]): { flagged: number; clean: number } {
  let flagged = 0;
  let clean = 0;
  for (const line of lines) {
    const m = /^\s*[-*]\s*(✗|✓)/.exec(line);
    if (m?.[1] === '✗') {
      flagged++;
    } else if (m?.[1] === '✓') {
      clean++;
    }
  }
  return { flagged, clean };
}

test('the registry has rules to document', () => {
  assert.ok(ALL_RULES.length >= 19, `${ALL_RULES.length} rules`);
});

for (const rule of ALL_RULES) {
  const id = rule.meta.id;
  test(`${id}: its page exists with the required sections in both languages and ✗/✓ examples`, () => {
    const file = pagePath(id);
    assert.ok(fs.existsSync(file), `missing page docs/rules/${id}.md`);
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    assert.equal(lines[0], `# ${id}`, 'the title is the rule id');

    const english = headingLine(lines, '## English');
    assert.ok(english > 0, 'an English section `## English`');
    let previous = 0;
    for (const name of ZH_SECTIONS) {
      const at = headingLine(lines, `## ${name}`);
      assert.ok(at > 0, `section \`## ${name}\``);
      assert.ok(at > previous && at < english, `\`## ${name}\` in order, before \`## English\``);
      assert.ok(section(lines, `## ${name}`).some((l) => l.trim().length > 0), `\`## ${name}\` is not empty`);
      previous = at;
    }
    previous = english;
    for (const name of EN_SECTIONS) {
      const at = headingLine(lines, `### ${name}`);
      assert.ok(at > english, `section \`### ${name}\` under \`## English\``);
      assert.ok(at > previous, `\`### ${name}\` in order`);
      assert.ok(section(lines, `### ${name}`).some((l) => l.trim().length > 0), `\`### ${name}\` is not empty`);
      previous = at;
    }

    for (const heading of ['## 示例', '### Examples']) {
      const { flagged, clean } = examples(section(lines, heading));
      assert.ok(flagged >= 1, `${heading}: at least one ✗ example`);
      assert.ok(clean >= 1, `${heading}: at least one ✓ example`);
    }
  });
}

test('the index docs/rules/README.md links every rule of the registry', () => {
  const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
  const missing = ALL_RULES.map((r) => r.meta.id).filter((id) => !index.includes(`](${id}.md)`));
  assert.deepEqual(missing, [], `not linked from docs/rules/README.md: ${missing.join(', ')}`);
});

test('every link of the index points at an existing page', () => {
  const index = fs.readFileSync(path.join(DOCS, 'README.md'), 'utf8');
  const targets = [...index.matchAll(/\]\(([\w-]+\/[\w-]+\.md)\)/g)].map((m) => m[1]!);
  assert.ok(targets.length >= ALL_RULES.length);
  for (const target of targets) {
    assert.ok(fs.existsSync(path.join(DOCS, target)), `docs/rules/${target} does not exist`);
  }
});

/** An example of a page: the text, what it should become, and under which script. */
interface Example {
  line: number;
  flagged: boolean;
  text: string;
  after?: string;
  suggestion: boolean;
  script?: 'simplified' | 'traditional';
}

const decode = (s: string): string => s.replace(/⟨U\+([0-9A-Fa-f]{4})⟩/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** The fenced block starting at or after line `from`: its lines (indentation removed) and the line after it. */
function fencedBlock(lines: readonly string[], from: number): { body: string[]; next: number } {
  let open = from;
  while (open < lines.length && !/^\s*```/.test(lines[open]!)) {
    open++;
  }
  const indent = /^\s*/.exec(lines[open] ?? '')![0].length;
  const body: string[] = [];
  let i = open + 1;
  for (; i < lines.length && !/^\s*```/.test(lines[i]!); i++) {
    body.push(lines[i]!.slice(indent));
  }
  return { body, next: i + 1 };
}

/** Every ✗/✓ example of a page, both languages. */
function pageExamples(lines: readonly string[]): Example[] {
  const out: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*[-*]\s*(✗|✓)(.*)$/.exec(lines[i]!);
    if (!m) {
      continue;
    }
    const rest = m[2]!;
    const script = /繁体文档|Traditional document/.test(rest) ? 'traditional' : /简体文档|Simplified document/.test(rest) ? 'simplified' : undefined;
    const arrow = rest.indexOf('→');
    const tick = rest.indexOf('`');
    const example: Example = { line: i + 1, flagged: m[1] === '✗', text: '', suggestion: false, script };
    if (tick >= 0 && (arrow < 0 || tick < arrow)) {
      example.text = decode(/`([^`]+)`/.exec(rest)![1]!);
      if (arrow >= 0) {
        const after = /→\s*`([^`]*)`/.exec(rest.slice(arrow));
        if (after) {
          example.after = decode(after[1]!);
          example.suggestion = /（建议）|\(suggestion\)/.test(rest);
        }
      }
    } else {
      const block = fencedBlock(lines, i + 1);
      example.text = decode(block.body.join('\n'));
      let k = block.next;
      while (k < lines.length && lines[k]!.trim() === '') {
        k++;
      }
      const arrowLine = /^\s*(→|（建议）→|\(suggestion\) →)/.exec(lines[k] ?? '');
      if (arrowLine) {
        example.after = decode(fencedBlock(lines, k + 1).body.join('\n'));
        example.suggestion = arrowLine[1] !== '→';
      }
    }
    out.push(example);
  }
  return out;
}

/** A suggestion of the findings that, applied alone, gives `after`. */
function suggestionGives(text: string, findings: readonly Finding[], after: string): boolean {
  return findings.some((f) => f.fixes.some((x) => !x.auto && applyFixes(text, [{ ...f, fixes: [{ ...x, auto: true }] }]).text === after));
}

for (const rule of ALL_RULES) {
  const id = rule.meta.id;
  test(`${id}: the page's examples behave as documented (plain text and Markdown)`, () => {
    const file = pagePath(id);
    assert.ok(fs.existsSync(file), `missing page docs/rules/${id}.md`);
    const lines = fs.readFileSync(file, 'utf8').split(/\r?\n/);
    const problems: string[] = [];
    // A page may give the settings its examples are checked with (phrasing/terms: the terms table).
    const pageSettings = lines.map((l) => /^<!-- example-settings (.*) -->$/.exec(l)?.[1]).find((x) => x !== undefined);
    const pageConfig = pageSettings === undefined ? {} : toAnalysisConfig(validateSettings(JSON.parse(pageSettings)).settings);
    for (const ex of pageExamples(lines)) {
      for (const format of ['plaintext', 'markdown'] as const) {
        // A file's text ends with a line break; Markdown separates paragraphs by a blank line.
        const md = (s: string): string => (format === 'markdown' ? s.replace(/\n/g, '\n\n') : s);
        const text = md(ex.text) + '\n';
        const after = ex.after === undefined ? undefined : md(ex.after) + '\n';
        const options = { format, config: { ...pageConfig, ...(ex.script ? { script: ex.script } : {}) } };
        const findings = check(text, [id], options);
        const where = `docs/rules/${id}.md:${ex.line} (${format}) ${JSON.stringify(ex.text)}`;
        if (!ex.flagged) {
          if (findings.length > 0) {
            problems.push(`${where}: documented as not flagged, flagged: ${findings.map((f) => f.message).join(' | ')}`);
          }
          continue;
        }
        if (findings.length === 0) {
          problems.push(`${where}: documented as flagged, not flagged`);
          continue;
        }
        const fixed = fixAll(text, [id], options);
        if (after === undefined || ex.suggestion) {
          if (fixed !== text) {
            problems.push(`${where}: documented without an automatic fix, fix-all gives ${JSON.stringify(fixed)}`);
          }
          if (after !== undefined && !suggestionGives(text, findings, after)) {
            problems.push(`${where}: no suggestion gives ${JSON.stringify(after)}`);
          }
        } else if (fixed !== after) {
          problems.push(`${where}: fix-all gives ${JSON.stringify(fixed)}, the page says ${JSON.stringify(after)}`);
        }
      }
    }
    assert.deepEqual(problems, []);
  });
}

// Measured precision: README.md, docs/rules/README.md and every page state the figures of docs/precision.json,
// which scripts/update-precision.mjs writes from `node out/test/tools/eval.js --json FILE`. The snapshot carries a
// fingerprint of the sources and data it was measured on, so a change to a rule fails here until the evaluation
// is run again and the script rewrites the figures.
const UPDATE_PRECISION = path.join(ROOT, 'scripts', 'update-precision.mjs');

function updatePrecision(args: string[]): { code: number | null; err: string } {
  const r = spawnSync(process.execPath, [UPDATE_PRECISION, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, err: r.stderr };
}

/** A copy of the files that state figures, to damage. */
function docsCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-docs-'));
  fs.cpSync(path.join(ROOT, 'docs'), path.join(dir, 'docs'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'README.md'), path.join(dir, 'README.md'));
  return dir;
}

test('the measured precision stated in the README and the rule pages is that of docs/precision.json, measured on these sources', () => {
  const r = updatePrecision(['--check']);
  assert.equal(r.err, '');
  assert.equal(r.code, 0);
  const snap = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'precision.json'), 'utf8')) as { rules: Record<string, unknown> };
  const missing = ALL_RULES.map((x) => x.meta.id).filter((id) => !(id in snap.rules));
  assert.deepEqual(missing, [], 'every rule of the registry has measured figures');
});

test('a stale figure in a page, in a table or in the snapshot fails the check, naming where', () => {
  // A page: the zh precision cell of punctuation/halfwidth edited by hand.
  let dir = docsCopy();
  const page = path.join(dir, 'docs', 'rules', 'punctuation', 'halfwidth.md');
  const text = fs.readFileSync(page, 'utf8');
  const cell = /\| 精度（正确 ÷（正确 \+ 误报）） \| [^|\n]+ \|/.exec(text)![0];
  fs.writeFileSync(page, text.replace(cell, '| 精度（正确 ÷（正确 + 误报）） | 99.9%（1/1） |'));
  let r = updatePrecision(['--check', '--docs-root', dir]);
  assert.equal(r.code, 1);
  assert.match(r.err, /docs\/rules\/punctuation\/halfwidth\.md:\d+: stale figures: "\| 精度（正确 ÷（正确 \+ 误报）） \| 99\.9%（1\/1） \|"/);
  assert.doesNotMatch(r.err, /README/);

  // The README's rule table.
  dir = docsCopy();
  const readme = path.join(dir, 'README.md');
  const before = fs.readFileSync(readme, 'utf8');
  const row = before.split('\n').find((l) => l.startsWith('| [`punctuation/halfwidth`]'))!;
  const cells = row.split('|');
  cells[cells.length - 2] = ' 1.0%（1/100） ';
  fs.writeFileSync(readme, before.replace(row, cells.join('|')));
  r = updatePrecision(['--check', '--docs-root', dir]);
  assert.equal(r.code, 1);
  assert.match(r.err, /^update-precision: README\.md:\d+: stale figures/m);

  // The snapshot changed (as after a new measurement) but the pages not rewritten: every page of the rule fails.
  dir = docsCopy();
  const snapFile = path.join(dir, 'docs', 'precision.json');
  const snap = JSON.parse(fs.readFileSync(snapFile, 'utf8')) as { rules: Record<string, { tp: number; fp: number; bySeverity: Record<string, { tp: number; fp: number }> }> };
  const halfwidth = snap.rules['punctuation/halfwidth']!;
  halfwidth.fp += 1;
  halfwidth.bySeverity.warning!.fp += 1;
  fs.writeFileSync(snapFile, JSON.stringify(snap));
  r = updatePrecision(['--check', '--docs-root', dir]);
  assert.equal(r.code, 1);
  for (const where of ['README.md', 'docs/rules/README.md', 'docs/rules/punctuation/halfwidth.md']) {
    assert.match(r.err, new RegExp(`update-precision: ${where.replace(/[./]/g, '\\$&')}:\\d+: stale figures`), where);
  }
  assert.match(r.err, /99\.6%（277\/278）/);
});

test('the README lists every rule of the registry in both rule tables, linked to its page, and links files that exist', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const lang of ['zh', 'en']) {
    const m = new RegExp(`<!-- precision-table ${lang} -->\\n([\\s\\S]*?)\\n<!-- /precision-table -->`).exec(readme);
    assert.ok(m, `README.md has the ${lang} rule table`);
    const missing = ALL_RULES.map((r) => r.meta.id).filter((id) => !m[1]!.includes(`| [\`${id}\`](docs/rules/${id}.md) |`));
    assert.deepEqual(missing, [], `rules missing from the ${lang} table of README.md`);
  }
  const links = [...readme.matchAll(/\]\(((?:docs|walkthrough)\/[^)#\s]+|CHANGELOG\.md)\)/g)].map((x) => x[1]!);
  assert.ok(links.includes('docs/images/problems.png') && links.includes('CHANGELOG.md'));
  const broken = links.filter((l) => !fs.existsSync(path.join(ROOT, l)));
  assert.deepEqual(broken, [], 'README.md links files that do not exist');
});
