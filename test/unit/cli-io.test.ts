/**
 * The CLI on input that is not clean UTF-8 text, and on folders with bad entries (issue 13, parts 6 and 8):
 * binary files are skipped, GB18030/GBK is decoded, invalid UTF-8 is never written back, fix --write keeps
 * the byte order mark and CRLF, and one bad entry neither aborts nor hangs a folder run.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { run } from '../../server/src/cli/main';
import { corpusEssay } from './helpers';

function cli(args: string[]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = run(args, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-io-'));
}

/** A GBK encoder derived from the decoder: every two-byte GBK code decoded once. */
let gbkTable: Map<string, number[]> | undefined;
function encodeGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk', { fatal: true });
    for (let lead = 0x81; lead <= 0xfe; lead++) {
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) {
          continue;
        }
        try {
          const ch = decoder.decode(Uint8Array.of(lead, trail));
          if (!gbkTable.has(ch)) {
            gbkTable.set(ch, [lead, trail]);
          }
        } catch {
          // Not a GBK code.
        }
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) {
      bytes.push(c);
    } else {
      const code = gbkTable.get(ch);
      assert.ok(code, `U+${c.toString(16)} has no GBK code`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}

/** The JSON diagnostics of `check`, without the path. */
function diagnosticsOf(out: string): unknown {
  return (JSON.parse(out) as { files: Array<{ diagnostics: unknown }> }).files.map((f) => f.diagnostics);
}

test('a binary file is skipped with one line on stderr; alone, it exits 2; fix --write leaves it alone', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'image.md');
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, ...Buffer.from('组工干部,要发扬。')]);
  fs.writeFileSync(file, bytes);
  const r = cli(['check', file, '--lang', 'en']);
  assert.equal(r.code, 2);
  assert.equal(r.out, '');
  assert.equal(r.err, `wenfeng: ${file}: not a text file (binary content); skipped\n`);
  const w = cli(['fix', file, '--write']);
  assert.equal(w.code, 2);
  assert.equal(w.err, `wenfeng: ${file}: 不是文本文件（二进制内容），已跳过\n`);
  assert.deepEqual(fs.readFileSync(file), bytes);
  // Next to a text file it is skipped, and the text file decides the exit code.
  const good = path.join(dir, 'good.md');
  fs.writeFileSync(good, '组工干部要发扬优良作风。\n');
  const both = cli(['check', file, good, '--lang', 'en']);
  assert.equal(both.code, 0);
  assert.equal(both.err, `wenfeng: ${file}: not a text file (binary content); skipped\n`);
  assert.match(both.out, /good\.md\n {2}0 findings/);
});

test('a GBK essay is decoded as GB18030: the same findings as its UTF-8 original, no garbled errors', () => {
  const dir = tmpDir();
  const essay = corpusEssay('0001.txt');
  const utf8 = path.join(dir, 'utf8.txt');
  const gbk = path.join(dir, 'gbk.txt');
  fs.writeFileSync(utf8, essay);
  fs.writeFileSync(gbk, encodeGbk(essay));
  const expected = cli(['check', utf8, '--format', 'json']);
  const r = cli(['check', gbk, '--format', 'json']);
  assert.equal(r.err, `wenfeng: ${gbk}: 已按 GB18030 解码\n`);
  assert.equal(r.code, expected.code);
  assert.deepEqual(diagnosticsOf(r.out), diagnosticsOf(expected.out));
  assert.doesNotMatch(r.out, /script\/garbled/);
  // fix prints the fixed text (as UTF-8) but fix --write refuses to rewrite a GB18030 file.
  assert.equal(cli(['fix', gbk]).out, cli(['fix', utf8]).out);
  const before = fs.readFileSync(gbk);
  const w = cli(['fix', gbk, '--write', '--lang', 'en']);
  assert.equal(w.code, 2);
  assert.equal(
    w.err,
    `wenfeng: ${gbk}: decoded as GB18030\nwenfeng: ${gbk}: not rewritten: GB18030 files are never rewritten by fix --write; convert the file to UTF-8 first\n`,
  );
  assert.deepEqual(fs.readFileSync(gbk), before);
});

test('invalid UTF-8 that is not GBK: check says so and goes on; fix --write refuses and keeps every byte', () => {
  const dir = tmpDir();
  const file = path.join(dir, 'broken.md');
  // A lone 0xFF is neither UTF-8 nor GB18030.
  const bytes = Buffer.concat([Buffer.from('组工干部要发扬'), Buffer.from([0xff]), Buffer.from('优良作风,锻造品格。\n')]);
  fs.writeFileSync(file, bytes);
  const r = cli(['check', file, '--format', 'json', '--lang', 'en']);
  assert.equal(r.err, `wenfeng: ${file}: not valid UTF-8; the invalid bytes are read as U+FFFD\n`);
  assert.equal(r.code, 1);
  const rules = (JSON.parse(r.out) as { files: Array<{ diagnostics: Array<{ rule: string }> }> }).files[0]!.diagnostics.map((d) => d.rule);
  assert.ok(rules.includes('punctuation/halfwidth'), rules.join(', '));
  const w = cli(['fix', file, '--write', '--lang', 'en']);
  assert.equal(w.code, 2);
  assert.match(w.err, /not rewritten: the file is not valid UTF-8 and writing it back would replace the invalid bytes\n$/);
  assert.deepEqual(fs.readFileSync(file), bytes);
});

test('fix --write changes only the fixed bytes: the byte order mark and CRLF stay', () => {
  const file = path.join(tmpDir(), 'bom.md');
  fs.writeFileSync(file, '\uFEFF第一段发扬精神,锻造品格。\r\n\r\n第二段没有问题。\r\n');
  const r = cli(['fix', file, '--write']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  assert.deepEqual(fs.readFileSync(file), Buffer.from('\uFEFF第一段发扬精神，锻造品格。\r\n\r\n第二段没有问题。\r\n'));
  // A clean file is not touched at all.
  const mtime = fs.statSync(file).mtimeMs;
  assert.equal(cli(['fix', file, '--write']).code, 0);
  assert.equal(fs.statSync(file).mtimeMs, mtime);
});

test('a folder run skips and reports bad entries, never hangs on a FIFO or reads a device, and checks every good file', () => {
  const dir = tmpDir();
  fs.writeFileSync(path.join(dir, 'a.md'), '发扬精神,锻造品格。\n');
  fs.mkdirSync(path.join(dir, 'x.md'));
  fs.writeFileSync(path.join(dir, 'x.md', 'inner.txt'), '组工干部要发扬优良作风。\n');
  fs.symlinkSync(path.join(dir, 'missing.md'), path.join(dir, 'dangling.md'));
  fs.symlinkSync('/dev/zero', path.join(dir, 'y.md'));
  execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
  fs.writeFileSync(path.join(dir, 'z.txt'), '第二个文件,也要检查。\n');
  const started = Date.now();
  const r = cli(['check', dir, '--lang', 'en']);
  assert.ok(Date.now() - started < 20000);
  assert.equal(r.code, 2);
  assert.equal(
    r.err,
    [
      `wenfeng: ${path.join(dir, 'dangling.md')}: no such file (or a broken symbolic link)`,
      `wenfeng: ${path.join(dir, 'pipe.md')}: not a regular file (a FIFO, device or socket); skipped`,
      `wenfeng: ${path.join(dir, 'y.md')}: not a regular file (a FIFO, device or socket); skipped`,
      '',
    ].join('\n'),
  );
  const checked = r.out.split('\n').filter((l) => l.startsWith(dir));
  assert.deepEqual(checked, [path.join(dir, 'a.md'), path.join(dir, 'x.md', 'inner.txt'), path.join(dir, 'z.txt')]);
  assert.match(r.out, /1:5\twarning\tHalf-width “,”/);
  // An explicit path that cannot be read is an I/O error too, and says why (not "internal error").
  const fifo = cli(['check', path.join(dir, 'pipe.md'), '--lang', 'en']);
  assert.equal(fifo.code, 2);
  assert.doesNotMatch(fifo.err, /internal error/);
});

test('the .wenfeng.json search stops at the repository root, and a config pointing at a device or another file fails in one line', () => {
  const top = tmpDir();
  fs.writeFileSync(path.join(top, '.wenfeng.json'), '{"rules":{"punctuation/halfwidth":"off"}}');
  const repo = path.join(top, 'repo');
  fs.mkdirSync(path.join(repo, '.git'), { recursive: true });
  const file = path.join(repo, 'a.md');
  fs.writeFileSync(file, '发扬精神,锻造品格。\n');
  // The project file above the repository does not apply.
  assert.equal(cli(['check', file]).code, 1);
  // Inside the repository it does.
  fs.copyFileSync(path.join(top, '.wenfeng.json'), path.join(repo, '.wenfeng.json'));
  assert.equal(cli(['check', file]).code, 0);
  // A project file that is a link to a device is refused at once.
  fs.rmSync(path.join(repo, '.wenfeng.json'));
  fs.symlinkSync('/dev/zero', path.join(repo, '.wenfeng.json'));
  const dev = cli(['check', file, '--lang', 'en']);
  assert.equal(dev.code, 2);
  assert.equal(dev.err, `wenfeng: ${path.join(repo, '.wenfeng.json')}: not a regular file (a FIFO, device or socket); skipped\n`);
  // A project file that is another file's content is not JSON, and the message does not quote it.
  fs.rmSync(path.join(repo, '.wenfeng.json'));
  const secret = path.join(top, 'passwd');
  fs.writeFileSync(secret, 'root:x:0:0:root:/root:/bin/bash\n');
  fs.symlinkSync(secret, path.join(repo, '.wenfeng.json'));
  const other = cli(['check', file, '--lang', 'en']);
  assert.equal(other.code, 2);
  assert.equal(other.err, `wenfeng: ${path.join(repo, '.wenfeng.json')}:1:1: not valid JSON: expected a value\n`);
  assert.doesNotMatch(other.err, /root/);
});

test('.wenfeng.json: a byte order mark, comments and trailing commas are accepted; each bad key gets one message', () => {
  const dir = tmpDir();
  const config = path.join(dir, '.wenfeng.json');
  fs.writeFileSync(config, '\uFEFF{\n  // project settings\n  "rules": { "punctuation/halfwidth": "off", /* a rule */ },\n}\n');
  const file = path.join(dir, 'a.md');
  fs.writeFileSync(file, '发扬精神,锻造品格。\n');
  const ok = cli(['check', file]);
  assert.equal(ok.code, 0);
  assert.equal(ok.err, '');
  fs.writeFileSync(config, '{"rules":{"script/mixed":"bogus","no/such":"error"},"script":42}');
  fs.writeFileSync(path.join(dir, 'b.md'), '组工干部要发扬优良作风。\n');
  // Two files under the same project file: its problems are reported once.
  const bad = cli(['check', file, path.join(dir, 'b.md'), '--lang', 'en']);
  assert.equal(
    bad.err,
    [
      `wenfeng: ${config}:1:11: rules.script/mixed: "bogus" is not valid (expected off, hint, information, warning, error); using "warning"`,
      `wenfeng: ${config}:1:34: rules.no/such: unknown rule id; ignored`,
      `wenfeng: ${config}:1:53: script: 42 is not valid (expected auto, simplified, traditional, taiwan, hongkong); using "auto"`,
      '',
    ].join('\n'),
  );
  const zh = cli(['check', file]);
  assert.equal(zh.code, 1);
  assert.match(zh.err, /rules\.no\/such：未知的规则 ID，已忽略/);
  fs.writeFileSync(config, '{"rules": {"punctuation/halfwidth": "off"');
  const broken = cli(['check', file, '--lang', 'en']);
  assert.equal(broken.code, 2);
  assert.equal(broken.err, `wenfeng: ${config}:1:42: not valid JSON: expected “,” or “}”\n`);
});
