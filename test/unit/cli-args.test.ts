/**
 * The CLI's arguments (util.parseArgs per command), --version and help: the bundled binary run as a child
 * process, exact output and exit codes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT } from './helpers';

const BIN = path.join(ROOT, 'dist', 'cli.js');
const DIRTY = '组工干部要发扬优良作风,锻造过硬品格。\n';

function wenfeng(args: string[], input?: string, cwd?: string): { code: number | null; out: string; err: string } {
  // No input given: standard input is a closed pipe that would fail the test by hanging if it were read.
  const r = spawnSync(process.execPath, [BIN, ...args], { input: input ?? '', encoding: 'utf8', cwd, timeout: 30_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function tmpDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-args-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test('--rule takes exactly one value, may repeat, and no longer swallows the next path', () => {
  const dir = tmpDir({ 'a.md': DIRTY, 'b.md': DIRTY });
  const r = wenfeng(['check', '--rule', 'punctuation/halfwidth', 'a.md', 'b.md', '--format', 'json'], undefined, dir);
  assert.equal(r.code, 1, r.err);
  const files = (JSON.parse(r.out) as { files: Array<{ path: string; diagnostics: Array<{ rule: string }> }> }).files;
  assert.deepEqual(
    files.map((f) => [f.path, f.diagnostics.map((d) => d.rule)]),
    [
      ['a.md', ['punctuation/halfwidth']],
      ['b.md', ['punctuation/halfwidth']],
    ],
  );
  const twice = wenfeng(['check', '--rule', 'punctuation/halfwidth', '--rule=script/mixed', 'a.md', '--format', 'json'], undefined, dir);
  assert.equal(twice.code, 1, twice.err);
});

test('unknown options and missing values are usage errors: exit 2, one line naming the command help', () => {
  const dir = tmpDir({ 'a.md': DIRTY });
  assert.deepEqual(wenfeng(['check', 'a.md', '--bogus'], undefined, dir), { code: 2, out: '', err: 'wenfeng: unknown option --bogus; run wenfeng check --help\n' });
  assert.deepEqual(wenfeng(['fix', '--offset', '3'], undefined, dir), { code: 2, out: '', err: 'wenfeng: unknown option --offset; run wenfeng fix --help\n' });
  assert.deepEqual(wenfeng(['check', 'a.md', '--format'], undefined, dir), { code: 2, out: '', err: 'wenfeng: option --format needs a value; run wenfeng check --help\n' });
  assert.deepEqual(wenfeng(['fix', '--write=yes'], undefined, dir), { code: 2, out: '', err: 'wenfeng: option --write takes no value; run wenfeng fix --help\n' });
  assert.deepEqual(wenfeng(['--bogus']), { code: 2, out: '', err: 'wenfeng: unknown option --bogus; run wenfeng help\n' });
});

test('--version prints the package version', () => {
  const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.deepEqual(wenfeng(['--version']), { code: 0, out: `${version}\n`, err: '' });
});

test('help: wenfeng help, help <command>, <command> --help and -h, never reading standard input, zh-CN or English', () => {
  const commands = ['check', 'fix', 'convert', 'outline', 'complete', 'score', 'report', 'build-model', 'lsp'];
  const overview = wenfeng(['help']);
  assert.equal(overview.code, 0);
  assert.match(overview.out, /^wenfeng — 中文公文与申论写作助手\n\n用法: wenfeng <command> \[options\]\n/);
  for (const c of commands) {
    assert.match(overview.out, new RegExp(`\\n  ${c} +\\S`), c);
    const page = wenfeng(['help', c]);
    assert.equal(page.code, 0, c);
    assert.match(page.out, new RegExp(`^用法: wenfeng ${c} `), c);
    assert.match(page.out, /\n  -h, --help +显示此帮助\n$/, c);
    // The input would be checked (or the server started) if it were read; help leaves it alone.
    for (const flag of ['--help', '-h']) {
      assert.deepEqual(wenfeng([c, flag], DIRTY), { code: 0, out: page.out, err: '' }, `${c} ${flag}`);
    }
    const en = wenfeng([c, '--help', '--lang', 'en']);
    assert.match(en.out, new RegExp(`^Usage: wenfeng ${c} `), c);
    assert.match(en.out, /\n  -h, --help +show this help\n$/, c);
  }
  assert.equal(wenfeng(['--help']).out, overview.out);
  assert.equal(wenfeng([]).out, overview.out);
  assert.match(wenfeng(['help', '--lang', 'en']).out, /^wenfeng — writing assistant for Chinese official-style prose\n/);
  assert.equal(
    wenfeng(['check', '--help', '--lang', 'en']).out,
    [
      'Usage: wenfeng check [paths|globs…] [options]',
      '',
      'Checks Markdown and text files and prints the findings.',
      '',
      'Options:',
      '  --format text|json|sarif|line|github      output format (default: text)',
      '  --fail-on error|warning|information|hint  exit 1 when a finding is at least this severe (default: warning)',
      '  --rule ID                                 only this rule (repeat the option for several)',
      '  --config FILE                             the project file to use instead of the nearest .wenfeng.json',
      '  --corpus DIR                              a folder of your own essays, mixed into the corpus model (repeat for several)',
      '  --jobs N                                  worker threads (default: one per core); the output does not depend on N',
      '  --stdin-filename NAME                     the name of standard input, for format detection and in the output',
      '  --no-ignore                               do not read .wenfengignore and .gitignore files',
      '  --lang zh|en                              language of messages (default: zh)',
      '  -h, --help                                show this help',
      '',
    ].join('\n'),
  );
  const none = wenfeng(['help', 'frobnicate']);
  assert.equal(none.code, 2);
  assert.match(none.err, /^wenfeng: no help for frobnicate; commands: check, fix, /);
});
