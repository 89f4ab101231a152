/**
 * Snippets parse as VS Code snippet syntax, every prefix is unique and typeable (pinyin or English), and
 * the bodies are Chinese; the grammars pass their syntax tests (vscode-tmgrammar-test).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

/** Parses a snippet body; returns the tab stops with their defaults, or throws on a syntax error. */
function parseSnippet(body: string): Map<number, string[]> {
  const stops = new Map<number, string[]>();
  let i = 0;
  const add = (n: number, def: string): void => {
    const list = stops.get(n) ?? [];
    list.push(def);
    stops.set(n, list);
  };
  const parse = (until: string | undefined): string => {
    let text = '';
    while (i < body.length) {
      const c = body[i]!;
      if (c === '\\') {
        text += body[i + 1] ?? '';
        i += 2;
        continue;
      }
      if (until !== undefined && c === until) {
        return text;
      }
      if (c === '$') {
        const simple = /^\$(\d+)/.exec(body.slice(i));
        if (simple) {
          add(Number(simple[1]), '');
          i += simple[0].length;
          continue;
        }
        const open = /^\$\{(\d+)(:|\||\})/.exec(body.slice(i));
        if (!open) {
          throw new Error(`bad $ at ${i}: ${body.slice(i, i + 10)}`);
        }
        i += open[0].length;
        const n = Number(open[1]);
        if (open[2] === '}') {
          add(n, '');
        } else if (open[2] === ':') {
          const def = parse('}');
          if (body[i] !== '}') {
            throw new Error(`unclosed placeholder \${${n}:`);
          }
          i++;
          add(n, def);
          text += def;
        } else {
          const end = body.indexOf('|}', i);
          if (end < 0) {
            throw new Error('unclosed choice');
          }
          add(n, body.slice(i, end).split(',')[0]!);
          i = end + 2;
        }
        continue;
      }
      text += c;
      i++;
    }
    if (until !== undefined) {
      throw new Error(`missing ${until}`);
    }
    return text;
  };
  parse(undefined);
  return stops;
}

test('every snippet parses, mirrors agree, and every prefix is unique, pinyin or English', () => {
  const file = path.join(ROOT, 'snippets', 'essay.code-snippets');
  const snippets = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Snippet>;
  const names = Object.keys(snippets);
  assert.ok(names.length >= 8);
  const prefixes = new Map<string, string>();
  for (const [name, s] of Object.entries(snippets)) {
    const body = Array.isArray(s.body) ? s.body.join('\n') : s.body;
    const stops = parseSnippet(body);
    assert.ok(stops.size >= 2, `${name} has tab stops`);
    for (const [n, defs] of stops) {
      const given = defs.filter((d) => d.length > 0);
      assert.ok(new Set(given).size <= 1, `${name}: tab stop ${n} has different defaults ${given.join(' / ')}`);
    }
    assert.match(body, /\p{Script=Han}/u, `${name} body is Chinese`);
    for (const p of Array.isArray(s.prefix) ? s.prefix : [s.prefix]) {
      assert.match(p, /^[a-z][a-z-]*$/, `${name}: prefix ${p} is pinyin or English`);
      assert.equal(prefixes.get(p), undefined, `prefix ${p} used by ${prefixes.get(p)} and ${name}`);
      prefixes.set(p, name);
    }
  }
  assert.throws(() => parseSnippet('一是${1:未闭合'), /unclosed|missing/);
});

test('the grammars pass their syntax tests', () => {
  const bin = path.join(ROOT, 'node_modules', '.bin', 'vscode-tmgrammar-test');
  const grammars = ['-g', 'syntaxes/wenfeng-essay.tmLanguage.json', '-g', 'syntaxes/wenfeng-injection.tmLanguage.json', '-g', 'test/grammar/markdown-stub.tmLanguage.json'];
  for (const pattern of ['test/grammar/*.essay', 'test/grammar/*.md']) {
    const r = spawnSync(bin, [...grammars, pattern], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `${pattern}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /run successfuly/);
  }
});
