// The project layout (the architecture notes: a pure core, the server as an adapter, a thin client), enforced
// from the sources' own imports: the analysis core is a pure library (no Node, no vscode, no LSP, nothing from the
// host folders), and rules/ holds rules that do not import one another (shared detectors live in analysis/detect/
// and analysis/structure/).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

const CORE = path.join(ROOT, 'server', 'src', 'analysis');
const RULES = path.join(CORE, 'rules');

/** Packages the core may import: pure JavaScript, no I/O. */
const CORE_PACKAGES: ReadonlySet<string> = new Set(['@vscode/l10n']);

/**
 * Imports of one rule by another that remain from before analysis/detect/ existed (architecture Part 3, item 1):
 * each is a shared plan or finder still living in a rule's module. The list may only shrink.
 */
const RULE_TO_RULE_DEBT: ReadonlySet<string> = new Set([
  'structure/frame-mismatch.ts -> structure/clause-frames.ts',
]);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Module specifiers of a file's static and dynamic imports and re-exports, and of its require() calls. */
export function importsOf(source: string): string[] {
  const out: string[] = [];
  const patterns = [/\b(?:import|export)\s[^'";]*?\sfrom\s*'([^']+)'/g, /\bimport\s*'([^']+)'/g, /\bimport\(\s*'([^']+)'\s*\)/g, /\brequire\(\s*'([^']+)'\s*\)/g];
  for (const re of patterns) {
    for (const m of source.matchAll(re)) {
      out.push(m[1]!);
    }
  }
  return out;
}

test('importsOf reads import, export-from, side-effect, dynamic and require forms, and nothing in a string', () => {
  const src = [
    "import * as l10n from '@vscode/l10n';",
    "import type { Finding } from '../types';",
    "export { x } from './x';",
    "import './side';",
    "const m = await import('node:fs');",
    "const p = require('path');",
    "const s = 'from here';",
  ].join('\n');
  assert.deepEqual(importsOf(src).sort(), ['../types', './side', './x', '@vscode/l10n', 'node:fs', 'path'].sort());
});

test('the analysis core imports only itself and pure packages: no Node, no vscode, no LSP, no host code', () => {
  const bad: string[] = [];
  for (const file of sources(CORE)) {
    for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
      const rel = path.relative(ROOT, file);
      if (spec.startsWith('.')) {
        const target = path.resolve(path.dirname(file), spec);
        if (target !== CORE && !target.startsWith(CORE + path.sep)) {
          bad.push(`${rel} -> ${spec} (outside server/src/analysis)`);
        }
      } else if (!CORE_PACKAGES.has(spec)) {
        bad.push(`${rel} -> ${spec}`);
      }
    }
  }
  assert.deepEqual(bad, []);
});

test('a rule imports no other rule beyond the listed debt, and the debt list holds no settled entry', () => {
  const found = new Set<string>();
  for (const file of sources(RULES)) {
    for (const spec of importsOf(fs.readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) {
        continue;
      }
      const target = `${path.resolve(path.dirname(file), spec)}.ts`;
      if (target.startsWith(RULES + path.sep)) {
        found.add(`${path.relative(RULES, file)} -> ${path.relative(RULES, target)}`.split(path.sep).join('/'));
      }
    }
  }
  assert.deepEqual([...found].filter((e) => !RULE_TO_RULE_DEBT.has(e)).sort(), [], 'new imports between rules: move the shared part to analysis/detect/');
  assert.deepEqual([...RULE_TO_RULE_DEBT].filter((e) => !found.has(e)).sort(), [], 'settled debt: remove it from the list');
});

test('rules/ holds rules only: every module there registers a rule in the registry', () => {
  const registry = fs.readFileSync(path.join(CORE, 'registry.ts'), 'utf8');
  const registered = new Set(importsOf(registry).filter((s) => s.startsWith('./rules/')).map((s) => `${s.slice('./rules/'.length)}.ts`));
  const files = sources(RULES).map((f) => path.relative(RULES, f).split(path.sep).join('/'));
  // clause-frames.ts is the last shared detector in rules/ (used by frame-mismatch), listed in the debt above.
  assert.deepEqual(files.filter((f) => !registered.has(f)).sort(), ['structure/clause-frames.ts']);
});
