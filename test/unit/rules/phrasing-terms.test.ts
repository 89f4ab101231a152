/**
 * phrasing/terms: the user's terms table — matches of a term's patterns outside its expected form, fixed to
 * the expected form; the table's examples checked when `.wenfeng.json` is read, failures reported at the
 * place they are written; the same through `wenfeng check --config`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { validateSettings } from '../../../protocol/settings';
import { findTermMatches } from '../../../server/src/analysis/rules/phrasing/terms';
import { run } from '../../../server/src/cli/main';
import { lineColumn, readProjectConfig, toAnalysisConfig } from '../../../server/src/shared/config';
import { useLanguage } from '../../../server/src/shared/messages';
import { check, ruleTester } from '../helpers';

const RULE = 'phrasing/terms';
const PLENUM = { expected: '党的十九届三中全会', patterns: ['(?<!党的)十九届三中全会'] };
const THOUGHT = { expected: '习近平新时代中国特色社会主义思想', patterns: ['新时代中国特色社会主义思想'] };
const withTerms = (...terms: Array<{ expected: string; patterns: string[] }>) => ({ config: { terms } });

ruleTester(RULE, {
  valid: [
    // No table, nothing to check.
    '要认真学习十九届三中全会精神。',
    { text: '要认真学习党的十九届三中全会精神。', options: withTerms(PLENUM) },
    // A match inside the expected form itself is the expected form.
    { text: '深入学习习近平新时代中国特色社会主义思想。', options: withTerms(THOUGHT) },
    // An entry without patterns only names a set phrase (phrasing/near-canonical reads it).
    { text: '坚定理念信念。', options: withTerms({ expected: '理想信念', patterns: [] }) },
  ],
  invalid: [
    {
      text: '要认真学习十九届三中全会精神。',
      options: withTerms(PLENUM),
      errors: [{ range: [5, 12], text: '十九届三中全会', message: '党的十九届三中全会' }],
      output: '要认真学习党的十九届三中全会精神。',
    },
    {
      text: '以新时代中国特色社会主义思想为指导，学习习近平新时代中国特色社会主义思想。',
      options: withTerms(THOUGHT),
      errors: [{ range: [1, 14], text: '新时代中国特色社会主义思想' }],
      output: '以习近平新时代中国特色社会主义思想为指导，学习习近平新时代中国特色社会主义思想。',
    },
    {
      // Two entries, two findings, each fixed.
      text: '十九届三中全会提出的新时代中国特色社会主义思想。',
      options: withTerms(PLENUM, THOUGHT),
      errors: [{ range: [0, 7] }, { range: [10, 23] }],
      output: '党的十九届三中全会提出的习近平新时代中国特色社会主义思想。',
    },
  ],
});

test('phrasing/terms: accepted words are left alone', () => {
  const text = '要认真学习十九届三中全会精神。';
  assert.deepEqual(check(text, [RULE], { config: { terms: [PLENUM], acceptedWords: ['十九届三中全会'] } }), []);
});

test('findTermMatches: overlapping matches of several patterns are reported once; an empty match never', () => {
  const term = { expected: '一带一路', patterns: ['一带一路倡仪', '倡仪', 'x*'] };
  assert.deepEqual(findTermMatches('推进一带一路倡仪。', term), [{ start: 2, end: 8, found: '一带一路倡仪', expected: '一带一路' }]);
  assert.deepEqual(findTermMatches('这个倡仪', term), [{ start: 2, end: 4, found: '倡仪', expected: '一带一路' }]);
});

test('validateSettings: a pattern that is no regular expression, or matches the empty text, is dropped with a problem', () => {
  const { settings, problems } = validateSettings({ terms: [{ expected: '一带一路', patterns: ['倡仪', '(', 'a*'], match: ['倡仪'] }, { patterns: ['x'] }, 'x'] });
  assert.deepEqual(settings.terms, [{ expected: '一带一路', patterns: ['倡仪'], match: ['倡仪'], noMatch: [] }]);
  assert.deepEqual(problems.map((p) => p.path.join('.')), ['terms.0.patterns.1', 'terms.0.patterns.2', 'terms.1.expected', 'terms.2']);
  assert.deepEqual(toAnalysisConfig(settings).terms, [{ expected: '一带一路', patterns: ['倡仪'] }]);
});

/** A `.wenfeng.json` with a broken table: a bad pattern, a match example nothing reports, a noMatch example reported. */
const BROKEN = `{
  // The house's terms.
  "terms": [
    {
      "expected": "党的十九届三中全会",
      "patterns": ["(?<!党的)十九届三中全会", "十九届(三中"],
      "match": ["学习十九届三中全会精神", "学习三中全会精神"],
      "noMatch": ["学习党的十九届三中全会精神", "十九届三中全会"]
    }
  ]
}
`;

test('readProjectConfig: a broken terms table yields one problem at each bad pattern and failing example', () => {
  useLanguage('en');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-terms-'));
  const file = path.join(dir, '.wenfeng.json');
  fs.writeFileSync(file, BROKEN);
  const c = readProjectConfig(file);
  const at = (p: { offset: number }): string => {
    const { line, character } = lineColumn(BROKEN, p.offset);
    return `${line + 1}:${character + 1}`;
  };
  assert.deepEqual(c.problems.map((p) => [at(p), BROKEN.slice(p.offset, p.offset + p.length), p.fatal]), [
    ['6:38', '"十九届(三中"', false],
    ['7:32', '"学习三中全会精神"', false],
    ['8:36', '"十九届三中全会"', false],
  ]);
  assert.match(c.problems[0]!.message, /^terms\.0\.patterns\.1: .* is not valid \(expected a regular expression/);
  assert.equal(c.problems[1]!.message, 'terms.0.match.1: no pattern of this term matches the example "学习三中全会精神"');
  assert.equal(c.problems[2]!.message, 'terms.0.noMatch.1: a pattern of this term matches the example "十九届三中全会", which should not be reported');
  // The good pattern still applies.
  assert.deepEqual(c.settings?.terms[0]?.patterns, ['(?<!党的)十九届三中全会']);
});

test('wenfeng check --config: the table\'s problems with line and column, and the finding with its fix', () => {
  useLanguage('en');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-terms-cli-'));
  const config = path.join(dir, '.wenfeng.json');
  fs.writeFileSync(config, BROKEN);
  const draft = path.join(dir, 'draft.txt');
  fs.writeFileSync(draft, '要认真学习十九届三中全会精神。\n');
  let out = '';
  let err = '';
  const code = run(['check', draft, '--config', config, '--rule', RULE, '--lang', 'en', '--format', 'json'], (s) => (out += s), (s) => (err += s));
  assert.equal(code, 1, err);
  assert.equal(
    err,
    [
      `wenfeng: ${config}:6:38: terms.0.patterns.1: "十九届(三中" is not valid (expected a regular expression that matches some text); ignored`,
      `wenfeng: ${config}:7:32: terms.0.match.1: no pattern of this term matches the example "学习三中全会精神"`,
      `wenfeng: ${config}:8:36: terms.0.noMatch.1: a pattern of this term matches the example "十九届三中全会", which should not be reported`,
      '',
    ].join('\n'),
  );
  const report = JSON.parse(out) as { files: Array<{ diagnostics: Array<{ rule: string; range: { start: { character: number }; end: { character: number } }; fixes: Array<{ auto: boolean; edits: Array<{ newText: string }> }> }> }> };
  const d = report.files[0]!.diagnostics;
  assert.deepEqual(d.map((x) => [x.rule, x.range.start.character, x.range.end.character, x.fixes[0]!.auto, x.fixes[0]!.edits[0]!.newText]), [[RULE, 5, 12, true, '党的十九届三中全会']]);
  let fixed = '';
  assert.equal(run(['fix', draft, '--config', config, '--rule', RULE], (s) => (fixed += s), () => undefined), 0);
  assert.equal(fixed, '要认真学习党的十九届三中全会精神。\n');
});
