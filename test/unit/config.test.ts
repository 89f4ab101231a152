/**
 * Settings validation and the `.wenfeng.json` reader: JSONC, exact problem ranges, one message per bad key
 * naming the value used instead, and errors that never quote the file.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, normalizeSettings, validateSettings } from '../../protocol/settings';
import { describeSettingProblem, findProjectConfig, JsonSyntaxError, knownRuleIds, parseJsonc, readProjectConfig } from '../../server/src/shared/config';
import { useLanguage } from '../../server/src/shared/messages';
import { decodeInput, looksBinary } from '../../server/src/cli/input';
import { describeFsError } from '../../server/src/shared/files';

test('parseJsonc: comments, trailing commas and key locations', () => {
  const text = '{\n  // a comment\n  "a": [1, 2,], /* block */\n  "b": {"c": "x",},\n}';
  const r = parseJsonc(text);
  assert.deepEqual(r.value, { a: [1, 2], b: { c: 'x' } });
  assert.deepEqual(r.locations.get('a'), { offset: text.indexOf('"a"'), length: 3 });
  assert.deepEqual(r.locations.get('b\u0000c'), { offset: text.indexOf('"c"'), length: 3 });
  assert.deepEqual(r.locations.get('a\u00001'), { offset: text.indexOf('2'), length: 1 });
  assert.deepEqual(parseJsonc('"s\\u00e9"').value, 's\u00e9');
  assert.deepEqual(parseJsonc('{"__proto__": {"x": 1}}').value, JSON.parse('{"__proto__": {"x": 1}}'));
});

test('parseJsonc: syntax errors carry an offset and never quote the text', () => {
  useLanguage('en');
  const cases: Array<[string, number, string]> = [
    ['', 0, 'unexpected end of the file'],
    ['root:x:0:0:root', 0, 'expected a value'],
    ['{"a" 1}', 5, 'expected “:”'],
    ['{"a": 1 "b": 2}', 8, 'expected “,” or “}”'],
    ['[1 2]', 3, 'expected “,” or “]”'],
    ['{a: 1}', 1, 'expected a property name in double quotes'],
    ['{"a": "open', 6, 'a string is not closed'],
    ['/* open', 0, 'a comment is not closed'],
    ['{} x', 3, 'unexpected content after the end'],
    ['"\\q"', 0, 'invalid escape in a string'],
    ['['.repeat(100), 65, 'nested too deeply'],
  ];
  for (const [text, offset, message] of cases) {
    assert.throws(
      () => parseJsonc(text),
      (e: unknown) => e instanceof JsonSyntaxError && e.offset === offset && e.message === message,
      JSON.stringify(text),
    );
  }
  useLanguage('zh-cn');
});

test('validateSettings names every value it drops or replaces, and keeps the good ones', () => {
  const { settings, problems } = validateSettings(
    { rules: { 'script/mixed': 'bogus', 'no/such': 'error', 'punctuation/halfwidth': 'info' }, script: 42, languages: ['markdown', 7], debounce: 9000, enable: 'yes', colour: 'red', trace: { server: 'off' } },
    knownRuleIds(),
  );
  assert.deepEqual(settings, { ...DEFAULT_SETTINGS, rules: { 'punctuation/halfwidth': 'information' }, languages: ['markdown'], debounce: 5000 });
  useLanguage('en');
  assert.deepEqual(
    problems.map((p) => describeSettingProblem(p, 'wenfeng.')),
    [
      'wenfeng.colour: unknown setting; ignored',
      'wenfeng.rules.script/mixed: "bogus" is not valid (expected off, hint, information, warning, error); using "warning"',
      'wenfeng.rules.no/such: unknown rule id; ignored',
      // Then the simple settings in the order of SETTING_SPECS.
      'wenfeng.enable: "yes" is not valid (expected true, false); using true',
      'wenfeng.languages.1: 7 is not valid (expected "…"); ignored',
      'wenfeng.script: 42 is not valid (expected auto, simplified, traditional, taiwan, hongkong); using "auto"',
      'wenfeng.debounce: 9000 is not valid (expected 0–5000); using 5000',
    ],
  );
  // A below-range number is clamped up; a whole number below its minimum falls back to the default.
  assert.deepEqual(
    validateSettings({ debounce: -5, maxDiagnostics: -1 }).problems.map((p) => describeSettingProblem(p, 'wenfeng.')),
    ['wenfeng.debounce: -5 is not valid (expected 0–5000); using 0', 'wenfeng.maxDiagnostics: -1 is not valid (expected 0 (no limit) or a whole number); using 1000'],
  );
  // Defaults are copies: changing the settings of one resource cannot change another's.
  const a = normalizeSettings({});
  a.languages.push('latex');
  a.acceptedWords.push('抓手');
  assert.deepEqual([normalizeSettings({}).languages, normalizeSettings({}).acceptedWords], [DEFAULT_SETTINGS.languages, []]);
  assert.deepEqual(DEFAULT_SETTINGS.languages, ['markdown', 'plaintext', 'wenfeng-essay', 'text']);
  useLanguage('zh-cn');
  // Valid settings have no problems; without the rule list, rule ids are not judged.
  assert.deepEqual(validateSettings({ ...DEFAULT_SETTINGS, rules: { 'script/mixed': 'off' } }, knownRuleIds()).problems, []);
  assert.deepEqual(validateSettings({ rules: { 'no/such': 'error' } }).problems, []);
  assert.deepEqual(normalizeSettings(null), DEFAULT_SETTINGS);
});

test('readProjectConfig: a byte order mark is fine; problems point at the bad keys', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-config-'));
  const file = path.join(dir, '.wenfeng.json');
  const text = '{\n  "rules": {"script/mixed": "bogus", "no/such": "error"},\n  "script": 42\n}\n';
  fs.writeFileSync(file, `\uFEFF${text}`);
  useLanguage('en');
  const c = readProjectConfig(file);
  assert.equal(c.text, text);
  assert.deepEqual(c.settings, DEFAULT_SETTINGS);
  assert.deepEqual(
    c.problems.map((p) => [text.slice(p.offset, p.offset + p.length), p.fatal]),
    [
      ['"script/mixed"', false],
      ['"no/such"', false],
      ['"script"', false],
    ],
  );
  // The unsaved text of an open editor wins over the file.
  assert.deepEqual(readProjectConfig(file, '{"script": "traditional"}').settings, { ...DEFAULT_SETTINGS, script: 'traditional' });
  assert.deepEqual(readProjectConfig(file, '[]').problems, [{ message: 'the settings must be a JSON object', offset: 0, length: 2, fatal: true }]);
  fs.writeFileSync(file, Buffer.from([0x7b, 0xff, 0x7d]));
  assert.deepEqual(readProjectConfig(file).problems, [{ message: 'not UTF-8 text', offset: 0, length: 0, fatal: true }]);
  assert.deepEqual(readProjectConfig(path.join(dir, 'missing.json')).problems, [{ message: 'no such file (or a broken symbolic link)', offset: 0, length: 0, fatal: true }]);
  useLanguage('zh-cn');
});

test('findProjectConfig stops at a workspace folder and at a repository root', () => {
  const top = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-find-'));
  const deep = path.join(top, 'ws', 'a', 'b');
  fs.mkdirSync(deep, { recursive: true });
  fs.writeFileSync(path.join(top, '.wenfeng.json'), '{}');
  assert.equal(findProjectConfig(deep), path.join(top, '.wenfeng.json'));
  assert.equal(findProjectConfig(deep, path.join(top, 'ws')), undefined);
  fs.mkdirSync(path.join(top, 'ws', 'a', '.git'));
  assert.equal(findProjectConfig(deep), undefined);
  fs.writeFileSync(path.join(top, 'ws', 'a', '.wenfeng.json'), '{}');
  assert.equal(findProjectConfig(deep), path.join(top, 'ws', 'a', '.wenfeng.json'));
});

test('decodeInput: UTF-8 with and without BOM, GB18030, lossy UTF-8, binary and UTF-16', () => {
  const zh = '组工干部要发扬优良作风。';
  assert.deepEqual(decodeInput(Buffer.from(zh)), { kind: 'text', text: zh, encoding: 'utf-8', bom: false, lossy: false });
  assert.deepEqual(decodeInput(Buffer.from(`\uFEFF${zh}`)), { kind: 'text', text: zh, encoding: 'utf-8', bom: true, lossy: false });
  // 中文 in GBK.
  assert.deepEqual(decodeInput(Buffer.from([0xd6, 0xd0, 0xce, 0xc4])), { kind: 'text', text: '中文', encoding: 'gb18030', bom: false, lossy: false });
  // Latin-1 bytes decode as GB18030 too, but not into Chinese: lossy UTF-8.
  const latin = decodeInput(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x61, 0xef, 0x76, 0x65]));
  assert.deepEqual(latin, { kind: 'text', text: 'caf\uFFFD na\uFFFDve', encoding: 'utf-8', bom: false, lossy: true });
  assert.equal(decodeInput(Buffer.from([0x41, 0x00, 0x42])).kind, 'skip');
  assert.equal(decodeInput(Buffer.from([0xff, 0xfe, 0x2d, 0x4e])).kind, 'skip');
  assert.equal(looksBinary(Buffer.from('a\u0001b\u0002c\u0003d\u0004')), true);
  assert.equal(looksBinary(Buffer.from('line\r\n\tindented\f\n')), false);
  assert.equal(looksBinary(Buffer.alloc(0)), false);
});

test('describeFsError: one short reason per error code, never "internal error"', () => {
  useLanguage('en');
  const err = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: /secret/path`), { code });
  assert.deepEqual(
    ['EACCES', 'EPERM', 'ENOENT', 'EISDIR', 'ELOOP', 'ENOTDIR', 'EIO'].map((c) => describeFsError(err(c))),
    ['permission denied', 'permission denied', 'no such file (or a broken symbolic link)', 'is a directory', 'too many levels of symbolic links', 'a part of the path is not a folder', 'cannot be read (EIO)'],
  );
  useLanguage('zh-cn');
  assert.equal(describeFsError(err('EACCES')), '没有读取权限');
});
