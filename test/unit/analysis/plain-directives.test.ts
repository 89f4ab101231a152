/**
 * The plain-text form of the directives (`// wenfeng-disable-next-line rule` on a line of its own): exact
 * suppressed ranges, the directive line never analysed as prose, CRLF and astral characters, and Markdown
 * keeping the HTML-comment form only.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDirectives } from '../../../server/src/analysis/directives';
import { buildParagraphs } from '../../../server/src/analysis/document';
import { getAnalyzer } from '../helpers';

function findings(text: string, format: 'plaintext' | 'markdown' = 'plaintext'): Array<[string, string]> {
  return getAnalyzer()
    .analyze(text, { format, config: { rules: {}, script: 'auto', acceptedWords: [] } })
    .findings.map((f) => [f.rule, text.slice(f.start, f.end)]);
}

test('plain directives: next-line, disable … enable, exact ranges (CRLF, astral)', () => {
  const lines = [
    '// wenfeng-disable-next-line script/mixed', // 0
    '𠮷我们在系統中。', // 1
    '  // wenfeng-disable repetition punctuation/halfwidth', // 2
    '要要', // 3
    '\u3000// wenfeng-enable', // 4
    '尾',
  ];
  const text = lines.join('\r\n');
  const start = (i: number): number => lines.slice(0, i).reduce((n, l) => n + l.length + 2, 0);
  const s = parseDirectives(text, 'plaintext');
  assert.deepEqual(s, [
    { start: start(1), end: start(1) + lines[1]!.length, rules: ['script/mixed'] },
    { start: start(2) + lines[2]!.length, end: start(4), rules: ['repetition'] },
    { start: start(2) + lines[2]!.length, end: start(4), rules: ['punctuation/halfwidth'] },
  ]);
  // Not a directive in Markdown, where the line is prose.
  assert.deepEqual(parseDirectives(text, 'markdown'), []);
  // Only a line of its own is a directive.
  assert.deepEqual(parseDirectives('正文 // wenfeng-disable-next-line\n下一行', 'plaintext'), []);
  assert.deepEqual(parseDirectives('// wenfeng-disable-next-line 说明\n下一行', 'plaintext'), []);
});

test('plain directives: the directive line is no paragraph and no rule flags it', () => {
  const text = '// wenfeng-disable-next-line punctuation/halfwidth script/mixed\r\n我们在系統中使用它,很好.\r\n// wenfeng-disable\r\n';
  assert.deepEqual(
    buildParagraphs(text, 'plaintext').map((p) => p.text),
    ['我们在系統中使用它,很好.'],
  );
  assert.deepEqual(findings(text), []);
  // Without the directive the line is flagged (the directive is what silences it).
  assert.ok(findings(text.replace(/^\/\/ wenfeng-disable-next-line[^\r]*\r\n/, '')).some(([r]) => r === 'script/mixed'));
  // A directive for every rule before a paragraph full of half-width marks: nothing on the directive lines.
  const all = '// wenfeng-disable-next-line\n这是一个测试,真的(很).\n// wenfeng-disable-next-line punctuation\n𠮷这是一个测试,真的(很).';
  assert.deepEqual(findings(all), []);
});

test('plain directives: the HTML-comment form still works in plain text', () => {
  assert.deepEqual(findings('<!-- wenfeng-disable-next-line script/mixed -->\n我们在系統中。'), []);
});
