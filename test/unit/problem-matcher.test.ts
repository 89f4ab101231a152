/**
 * The problem matcher the extension contributes for VS Code tasks ($wenfeng) reads the CLI's one-line format:
 * its pattern is applied, as VS Code applies it, to what `wenfeng check --format line` actually prints, and every
 * finding of the JSON output for the same files must come back with its file, line, column, severity, rule and
 * message. VS Code's severity mapping is reproduced: `error`, `warning` and `info` are read as such, `hint` as
 * info, anything else falls back to the matcher's `severity`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

const BIN = path.join(ROOT, 'dist', 'cli.js');

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  code: number;
  message: number;
}
interface Matcher {
  name: string;
  owner: string;
  source?: string;
  severity?: string;
  fileLocation: string[];
  pattern: Pattern;
}

const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { problemMatchers?: Matcher[] } };
const matcher = manifest.contributes.problemMatchers?.find((m) => m.name === 'wenfeng');

/** VS Code's reading of a severity group (problemMatcher.ts, getSeverity). */
function vscodeSeverity(value: string, fallback: string | undefined): 'error' | 'warning' | 'info' {
  const v = value.toLowerCase();
  if (v === 'error') {
    return 'error';
  }
  if (v === 'warning' || v === 'warn') {
    return 'warning';
  }
  if (v === 'info' || v === 'hint' || v === 'note') {
    return 'info';
  }
  return fallback === 'warning' || fallback === 'info' ? fallback : 'error';
}

/** What the editor makes of a finding of each of our severities. */
const EXPECTED: Record<string, 'error' | 'warning' | 'info'> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };

function wenfeng(args: string[], cwd: string): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface JsonDiagnostic {
  rule: string;
  severity: string;
  message: string;
  range: { start: { line: number; character: number } };
}

test('the extension contributes the problem matcher $wenfeng with its own owner', () => {
  assert.ok(matcher, 'contributes.problemMatchers has one named wenfeng');
  // Not the language client's collection (`wenfeng`): the task's markers must not replace the server's.
  assert.equal(matcher.owner, 'wenfeng-cli');
  assert.equal(matcher.source, 'wenfeng');
  assert.deepEqual(matcher.fileLocation, ['autoDetect', '${workspaceFolder}']);
});

test('$wenfeng reads every finding of `wenfeng check --format line` back: file, line, column, severity, rule, message', () => {
  assert.ok(matcher);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-matcher-'));
  fs.mkdirSync(path.join(dir, '草稿 一'));
  // Four severities: half-width comma (warning), a repeated sentence (information), pinyin set to error,
  // doubled word set to hint by the project file. A file name with a space, a colon and Chinese.
  fs.writeFileSync(
    path.join(dir, '.wenfeng.json'),
    '{ "rules": { "repetition/doubled-word": "hint", "script/pinyin-annotation": "error" } }\n',
  );
  fs.writeFileSync(path.join(dir, '草稿 一', '第1稿:修改.md'), '# 标题\n\n我们要要坚持学思结合,不断提高本领。\n\n我们要始终关(guān)注群众的急难愁盼。\n');
  fs.writeFileSync(path.join(dir, 'b.txt'), '我们要坚持学思结合，不断提高本领。我们要坚持学思结合，不断提高本领。\n');
  const files = ['草稿 一/第1稿:修改.md', 'b.txt'];

  const line = wenfeng(['check', ...files, '--format', 'line', '--fail-on', 'error'], dir);
  assert.equal(line.err, '');
  assert.equal(line.code, 1);
  const json = wenfeng(['check', ...files, '--format', 'json', '--fail-on', 'error'], dir);
  const expected = (JSON.parse(json.out) as { files: Array<{ path: string; diagnostics: JsonDiagnostic[] }> }).files.flatMap((f) =>
    f.diagnostics.map((d) => ({
      file: path.join(dir, f.path),
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
      severity: EXPECTED[d.severity],
      code: d.rule,
      message: d.message,
    })),
  );
  assert.deepEqual(
    [...new Set(expected.map((e) => `${e.code} ${e.severity}`))].sort(),
    ['punctuation/halfwidth warning', 'repetition/doubled-word info', 'repetition/duplicate-sentence info', 'script/pinyin-annotation error'],
  );

  const re = new RegExp(matcher.pattern.regexp);
  const p = matcher.pattern;
  const lines = line.out.split('\n').filter((l) => l.length > 0);
  const matched = lines.map((l) => {
    const m = re.exec(l);
    assert.ok(m, `the pattern does not match: ${l}`);
    // fileLocation autoDetect: a relative path is taken from the workspace folder (here the CLI's folder).
    return {
      file: path.resolve(dir, m[p.file]!),
      line: Number(m[p.line]),
      column: Number(m[p.column]),
      severity: vscodeSeverity(m[p.severity]!, matcher.severity),
      code: m[p.code]!,
      message: m[p.message]!,
    };
  });
  assert.deepEqual(matched, expected);
  // The first line as printed, so that a change of the format shows here too (the message is the rule's).
  assert.ok(lines[0]!.startsWith('草稿 一/第1稿:修改.md:3:3: hint repetition/doubled-word “要”'), lines[0]);
});

test('$wenfeng matches absolute paths and nothing but finding lines', () => {
  assert.ok(matcher);
  const re = new RegExp(matcher.pattern.regexp);
  const abs = re.exec('/home/a/稿件/x.md:12:7: error script/garbled 疑似乱码：“锟斤拷”');
  assert.deepEqual(abs?.slice(1), ['/home/a/稿件/x.md', '12', '7', 'error', 'script/garbled', '疑似乱码：“锟斤拷”']);
  const win = re.exec('C:\\稿件\\x.md:1:2: warning punctuation/halfwidth 中文中使用了半角“,”，应使用“，”');
  assert.equal(win?.[1], 'C:\\稿件\\x.md');
  // The text format's score lines and a usage error are not findings.
  for (const other of ['得分 92（结构 100）', 'wenfeng: unknown option --x; see wenfeng check --help', 'a.md:3: warning punctuation/halfwidth 缺列']) {
    assert.equal(re.exec(other), null, other);
  }
});
