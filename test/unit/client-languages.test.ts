/**
 * The client's reading of the languages a project's .wenfeng.json adds (client/src/projectLanguages.ts): JSONC
 * as the server accepts it, and nothing from a file that is not a settings object.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsoncToJson, projectLanguages } from '../../client/src/projectLanguages';
import { readProjectConfig } from '../../server/src/shared/config';

test('languages of a JSONC project file: comments, trailing commas and a byte order mark', () => {
  const text = '\uFEFF{\n  // 项目里也检查 LaTeX 和 ini\n  "languages": ["latex", /* 配置 */ "ini",],\n  "rules": { "punctuation/halfwidth": "off", },\n}\n';
  assert.deepEqual(projectLanguages(text), ['latex', 'ini']);
  // Comment markers inside strings are text; line breaks of block comments are kept.
  assert.equal(jsoncToJson('{"a": "http://x/*y*/", /* b\nc */ "d": [1,]}'), '{"a": "http://x/*y*/",     \n     "d": [1 ]}');
  assert.deepEqual(JSON.parse(jsoncToJson('{"a": "\\"//", "b": ",]"}')), { a: '"//', b: ',]' });
});

test('no languages: none listed, not a list, not an object, not JSON; bad items are skipped, duplicates dropped', () => {
  assert.deepEqual(projectLanguages('{ "rules": {} }'), []);
  assert.deepEqual(projectLanguages('{ "languages": "latex" }'), []);
  assert.deepEqual(projectLanguages('["latex"]'), []);
  assert.deepEqual(projectLanguages('{ "languages": ["latex" '), []);
  assert.deepEqual(projectLanguages('{ "languages": ["latex", 3, "", null, "latex", "ini"] }'), ['latex', 'ini']);
});

test('the server adds the languages a project file lists itself, and only those', () => {
  const listed = readProjectConfig('/p/.wenfeng.json', '{ "languages": ["latex", "ini"], // 项目\n}');
  assert.deepEqual(listed.languages, ['latex', 'ini']);
  assert.deepEqual(listed.problems, []);
  // Not listed: the defaults the settings carry are not the project's own, so none is added.
  const unlisted = readProjectConfig('/p/.wenfeng.json', '{ "rules": {} }');
  assert.equal(unlisted.languages, undefined);
  assert.ok(unlisted.settings?.languages.includes('markdown'));
});
