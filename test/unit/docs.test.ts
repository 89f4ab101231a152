/**
 * Rule documentation: every rule of the registry has its page docs/rules/<category>/<name>.md, laid out the same
 * way (zh-CN sections, then an English section with the same parts), with at least one flagged (✗) and one
 * not flagged (✓) example in each language, and the index docs/rules/README.md links every rule. Pages may
 * exist before their rule is merged (registry ⊆ pages, not equality).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ALL_RULES } from '../../server/src/analysis/registry';

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
