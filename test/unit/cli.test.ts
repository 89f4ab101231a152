/**
 * The CLI contract: commands, formats, exit codes, standard input, and the acceptance checks on the seeds.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ruleById } from '../../server/src/analysis';
import type { DocumentRule } from '../../server/src/analysis/rule';
import { run } from '../../server/src/cli/main';
import { getServices } from '../../server/src/services';
import { CORPUS, ROOT, corpusEssay, corpusEssays, seed } from './helpers';

function cli(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

function tmpFile(name: string, text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-cli-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

const seedPath = (prefix: string): string => {
  const dir = path.join(CORPUS, 'seeds');
  return path.join(dir, fs.readdirSync(dir).find((f) => f.startsWith(prefix))!);
};

/** An annotation the way the issue defines it: a Han character, then `(` toned pinyin `)`. */
const TONED_ANNOTATION = /(?<=\p{Script=Han})\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńň][a-zü]*\)/gu;

for (const prefix of ['000', '004']) {
  test(`fix --rule script/pinyin-annotation removes every annotation of seed ${prefix} and nothing else`, () => {
    const original = seed(prefix);
    const before = original.match(TONED_ANNOTATION)?.length ?? 0;
    assert.ok(before > 100, `seed ${prefix} has ${before} annotations`);
    const r = cli(['fix', seedPath(prefix), '--rule', 'script/pinyin-annotation']);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, original.replace(TONED_ANNOTATION, ''));
    assert.equal(r.out.match(TONED_ANNOTATION), null);
  });
}

test('seed 003: (wzjjgwy) and other non-pinyin parentheses are untouched', () => {
  const original = seed('003');
  const r = cli(['fix', seedPath('003'), '--rule', 'script/pinyin-annotation']);
  assert.equal(r.code, 0);
  assert.equal(r.out, original);
  assert.ok(r.out.includes('(wzjjgwy)'));
});

test('check --format json follows the contract: UTF-16 line, character and offset', () => {
  const file = tmpFile('draft.md', '# 标题\r\n𠮷祥如意,万事顺利。\n');
  const r = cli(['check', file, '--format', 'json']);
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out) as {
    version: number;
    files: Array<{ path: string; script: string; score: { total: number; categories: Record<string, number>; genreFit: number | null }; diagnostics: Array<{ rule: string; severity: string; message: string; range: { start: { line: number; character: number; offset: number }; end: { line: number; character: number; offset: number } }; fixes: Array<{ edits: Array<{ newText: string }> }> }> }>;
  };
  assert.equal(json.version, 1);
  const f = json.files[0]!;
  assert.equal(f.path, file);
  assert.equal(f.script, 'simplified');
  assert.deepEqual(Object.keys(f.score.categories).sort(), ['phrasing', 'punctuation', 'repetition', 'script', 'structure']);
  assert.equal(f.diagnostics.length, 1);
  const d = f.diagnostics[0]!;
  assert.equal(d.rule, 'punctuation/halfwidth');
  assert.equal(d.severity, 'warning');
  assert.deepEqual(d.range, { start: { line: 1, character: 5, offset: 11 }, end: { line: 1, character: 6, offset: 12 } });
  assert.equal(d.fixes[0]!.edits[0]!.newText, '，');
  assert.match(d.message, /半角/);
});

test('exit codes: 0 clean, 1 at or above --fail-on, 2 for usage and I/O errors without a stack trace', () => {
  const clean = tmpFile('clean.txt', '组工干部要发扬优良作风。\n');
  assert.equal(cli(['check', clean]).code, 0);
  const dirty = tmpFile('dirty.txt', '组工干部要发扬优良作风,锻造过硬品格。\n');
  assert.equal(cli(['check', dirty]).code, 1);
  assert.equal(cli(['check', dirty, '--fail-on', 'error']).code, 0);
  assert.equal(cli(['check', dirty, '--fail-on', 'hint']).code, 1);
  for (const args of [['check', '/nonexistent/draft.md'], ['check', dirty, '--bogus'], ['check', dirty, '--format', 'xml'], ['check', dirty, '--rule', 'no/such-rule'], ['frobnicate'], ['convert', dirty]]) {
    const r = cli(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^wenfeng: /);
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
  const badConfig = tmpFile('.wenfeng.json', '{ not json');
  const r = cli(['check', dirty, '--config', badConfig]);
  assert.equal(r.code, 2);
  assert.match(r.err, /\.wenfeng\.json/);
});

test('the bundled CLI reads standard input for "-" and prints SARIF', () => {
  const bin = path.join(ROOT, 'dist', 'cli.js');
  const r = spawnSync(process.execPath, [bin, 'check', '-', '--format', 'sarif', '--lang', 'en'], { input: '发扬精神,锻造品格。', encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  const sarif = JSON.parse(r.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string; message: { text: string }; locations: Array<{ physicalLocation: { region: { startLine: number; startColumn: number } } }> }> }> };
  assert.equal(sarif.version, '2.1.0');
  const result = sarif.runs[0]!.results[0]!;
  assert.equal(result.ruleId, 'punctuation/halfwidth');
  assert.deepEqual(result.locations[0]!.physicalLocation.region.startLine, 1);
  assert.deepEqual(result.locations[0]!.physicalLocation.region.startColumn, 5);
  assert.match(result.message.text, /Half-width/);
  const fixed = spawnSync(process.execPath, [bin, 'fix'], { input: '发扬精神,锻造品格。', encoding: 'utf8' });
  assert.equal(fixed.stdout, '发扬精神，锻造品格。');
});

test('fix --write rewrites the file in place and is idempotent', () => {
  const file = tmpFile('draft.txt', '关(guān)注民生,服务社会。\n');
  assert.equal(cli(['fix', file, '--write']).code, 0);
  assert.equal(fs.readFileSync(file, 'utf8'), '关注民生，服务社会。\n');
  assert.equal(cli(['fix', file, '--write']).code, 0);
  assert.equal(fs.readFileSync(file, 'utf8'), '关注民生，服务社会。\n');
  assert.equal(cli(['check', file]).code, 0);
});

test('convert: Simplified → Traditional → Simplified gives the original essay back', () => {
  // Essays that are purely Simplified (a few in the corpus carry stray Traditional characters, which
  // conversion to Simplified rightly normalises).
  const converter = getServices().converter;
  const names = corpusEssays()
    .filter((_, i) => i % 37 === 0)
    .filter((n) => converter.toSimplified(corpusEssay(n)) === corpusEssay(n));
  assert.ok(names.length >= 20);
  for (const name of names) {
    const original = corpusEssay(name);
    const file = tmpFile(name, original);
    const trad = cli(['convert', '--to', 'traditional', file]);
    assert.equal(trad.code, 0);
    assert.notEqual(trad.out, original);
    const back = cli(['convert', '--to', 'simplified', tmpFile('t.txt', trad.out)]);
    assert.equal(back.out, original, `round trip of ${name}`);
  }
});

test('convert uses word-level conversion: 好干部 stays 好幹部, 头发 becomes 頭髮, 皇后 keeps 后', () => {
  const file = tmpFile('w.txt', '好干部要理发，皇后与干净的头发。');
  assert.equal(cli(['convert', '--to', 'traditional', file]).out, '好幹部要理髮，皇后與乾淨的頭髮。');
  assert.equal(cli(['convert', '--to', 'taiwan', tmpFile('w2.txt', '台湾的群众')]).out, '臺灣的群眾');
});

test('check: the same clauses in another order are a near copy, reported on line 2 (no internal error)', () => {
  const first = '快乐总与宽厚的人相伴，财富总与诚信的人相伴，智慧总与高尚的人相伴，魅力总与幽默的人相伴，健康总与豁达的人相伴。';
  const second = '快乐总与宽厚的人相伴，魅力总与幽默的人相伴，智慧总与高尚的人相伴，健康总与豁达的人相伴，财富总与诚信的人相伴。';
  const file = tmpFile('series.txt', `${first}\n${second}\n`);
  const r = cli(['check', file, '--format', 'json']);
  assert.equal(r.err, '');
  assert.equal(r.code, 1);
  const json = JSON.parse(r.out) as {
    files: Array<{ diagnostics: Array<{ rule: string; range: { start: { line: number; character: number; offset: number }; end: { line: number; character: number; offset: number } }; fixes: Array<{ auto: boolean }> }> }>;
  };
  const diagnostics = json.files[0]!.diagnostics;
  assert.deepEqual(
    diagnostics.map((d) => [d.rule, d.range.start.line, d.range.start.character, d.range.start.offset, d.range.end.line, d.range.end.character, d.range.end.offset]),
    [['repetition/duplicate-paragraph', 1, 0, 56, 2, 0, 112]],
  );
  assert.deepEqual(diagnostics[0]!.fixes.map((f) => f.auto), [false]);
});

test('check: a rule that throws is reported as an error on line 1, the other findings are printed, exit per findings', () => {
  const rule = ruleById('structure/frame-mismatch') as DocumentRule;
  const original = rule.check;
  rule.check = () => {
    throw new Error('boom');
  };
  try {
    const file = tmpFile('draft.txt', '我们要坚持以人民为中心,推动高质量发展。\n第二段没有问题。\n');
    const r = cli(['check', file, '--fail-on', 'error']);
    assert.equal(r.code, 1);
    const lines = r.out.split('\n').filter((l) => /^\s+\d+:\d+\t/.test(l));
    assert.deepEqual(lines.map((l) => l.trim().split('\t')), [
      ['1:1', '错误', '规则 structure/frame-mismatch 内部出错：boom。该规则的结果缺失，其他规则照常检查。  「我们要坚持以人民为中心,推动高质量发展。」', 'internal/rule-error'],
      [lines[1]!.trim().split('\t')[0]!, lines[1]!.trim().split('\t')[1]!, lines[1]!.trim().split('\t')[2]!, 'punctuation/halfwidth'],
    ]);
    assert.equal(lines[1]!.trim().split('\t')[0], '1:12');
    // The stack goes to standard error, once.
    assert.equal(r.err.match(/structure\/frame-mismatch threw: Error: boom/g)?.length, 1);
    // Without --fail-on error the same run exits 1 as well (the halfwidth warning), never 2.
    assert.equal(cli(['check', file]).code, 1);
  } finally {
    rule.check = original;
  }
});
