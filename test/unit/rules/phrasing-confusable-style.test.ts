/**
 * phrasing/confusable, house style (issue 16, item 2): 其他/其它 and 作出/做出 are both accepted by default;
 * with wenfeng.qitaForm or wenfeng.zuochuForm the form not chosen is flagged and fixed to the chosen one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, validateSettings } from '../../../protocol/settings';
import { toAnalysisConfig } from '../../../server/src/shared/config';
import { check, fixAll } from '../helpers';

const RULE = 'phrasing/confusable';
const TEXT = '其它地区也要作出表率，其他部门做出了成绩。';

test('off by default: both forms pass', () => {
  assert.equal(DEFAULT_SETTINGS.qitaForm, 'off');
  assert.equal(DEFAULT_SETTINGS.zuochuForm, 'off');
  assert.deepEqual(check(TEXT, [RULE], { config: toAnalysisConfig(DEFAULT_SETTINGS) }), []);
});

test('a chosen form: the other one is flagged at its exact range and fixed', () => {
  const settings = { ...DEFAULT_SETTINGS, qitaForm: '其他' as const, zuochuForm: '作出' as const };
  const config = toAnalysisConfig(settings);
  const found = check(TEXT, [RULE], { config });
  assert.deepEqual(found.map((f) => [f.start, f.end, TEXT.slice(f.start, f.end)]), [[0, 2, '其它'], [15, 17, '做出']]);
  assert.match(found[0]!.message, /其他/);
  assert.equal(fixAll(TEXT, [RULE], { config }), '其他地区也要作出表率，其他部门作出了成绩。');
  // The other choice fixes the other way.
  const other = toAnalysisConfig({ ...DEFAULT_SETTINGS, qitaForm: '其它', zuochuForm: '做出' });
  assert.equal(fixAll(TEXT, [RULE], { config: other }), '其它地区也要做出表率，其它部门做出了成绩。');
  // An accepted word is left alone.
  assert.deepEqual(check('其它', [RULE], { config: { ...config, acceptedWords: ['其它'] } }), []);
});

test('settings: the values are validated, with a readable fallback', () => {
  const { settings, problems } = validateSettings({ qitaForm: '其他', zuochuForm: '造出' });
  assert.equal(settings.qitaForm, '其他');
  assert.equal(settings.zuochuForm, 'off');
  assert.deepEqual(problems.map((p) => [p.path.join('.'), p.expected]), [['zuochuForm', 'off, 作出, 做出']]);
});
