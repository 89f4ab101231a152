/**
 * The false-positive code actions: the exact text and position of each inserted directive (Markdown, plain
 * text, CRLF, front matter), and the exact `.wenfeng.json` after "disable in this project" and "accept" for
 * a missing file, a file with comments, a file with rules already.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CodeActionKind, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { codeActions, type ActionContext } from '../../server/src/features/codeActions';
import { acceptWordChange, newConfigText, ruleOffChange, type TextChange } from '../../server/src/features/configEdits';
import { isRepeatedCopy, toDiagnostic } from '../../server/src/features/diagnostics';
import { parseJsonc } from '../../server/src/shared/config';
import { check } from './helpers';

const CONFIG = 'file:///w/.wenfeng.json';

function apply(text: string, c: TextChange | undefined): string {
  assert.ok(c, 'a change');
  return text.slice(0, c.offset) + c.newText + text.slice(c.offset + c.length);
}

function actionsFor(text: string, languageId: string, rule: string, start: number, end: number, context: Omit<ActionContext, 'format'> = {}): { doc: TextDocument; actions: CodeAction[] } {
  const doc = TextDocument.create('file:///w/a.txt', languageId, 1, text);
  const d: Diagnostic = { range: { start: doc.positionAt(start), end: doc.positionAt(end) }, source: 'wenfeng', code: rule, message: 'm' };
  const format = languageId === 'markdown' ? 'markdown' : 'plaintext';
  return { doc, actions: codeActions(doc, { textDocument: { uri: doc.uri }, range: d.range, context: { diagnostics: [d] } }, [], { format, ...context }) };
}

function editOf(actions: CodeAction[], title: RegExp, uri: string): TextEdit[] {
  const a = actions.find((x) => title.test(x.title));
  assert.ok(a, `an action ${title}: ${actions.map((x) => x.title).join(' | ')}`);
  assert.equal(a.kind, CodeActionKind.QuickFix);
  const changes = a.edit?.changes?.[uri];
  if (changes) {
    return changes;
  }
  const docEdit = a.edit?.documentChanges?.find((c): c is TextDocumentEdit => 'textDocument' in c && c.textDocument.uri === uri);
  assert.ok(docEdit, 'an edit of the file');
  return docEdit.edits as TextEdit[];
}

test('disable for this line: plain text gets the line form, Markdown the comment; indentation and CRLF kept', () => {
  const plain = actionsFor('第一行。\r\n\u3000\u3000我们在系統中。', 'plaintext', 'script/mixed', 11, 13);
  assert.deepEqual(editOf(plain.actions, /for this line/, plain.doc.uri), [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '\u3000\u3000// wenfeng-disable-next-line script/mixed\r\n' },
  ]);
  const md = actionsFor('第一行。\n我们在系統中。', 'markdown', 'script/mixed', 9, 11);
  assert.deepEqual(editOf(md.actions, /for this line/, md.doc.uri), [
    { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: '<!-- wenfeng-disable-next-line script/mixed -->\n' },
  ]);
  assert.ok(!JSON.stringify(plain.actions).includes('<!--'), 'no HTML comment in a plain-text file');
});

test('disable in this file: a directive at the top (after Markdown front matter), which silences the rule', () => {
  const text = '我们在系統中。\n第二行系統。';
  const plain = actionsFor(text, 'plaintext', 'script/mixed', 3, 5);
  const edits = editOf(plain.actions, /in this file/, plain.doc.uri);
  assert.deepEqual(edits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '// wenfeng-disable script/mixed\n' }]);
  const after = TextDocument.applyEdits(plain.doc, edits);
  assert.ok(check(text, ['script/mixed']).length > 0);
  assert.deepEqual(check(after, ['script/mixed']), []);
  const md = actionsFor('---\ntitle: 文\n---\n系統。', 'markdown', 'script/mixed', 18, 20);
  assert.deepEqual(editOf(md.actions, /in this file/, md.doc.uri), [
    { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '<!-- wenfeng-disable script/mixed -->\n' },
  ]);
  // Offered once: not again when the file already disables the rule.
  const again = actionsFor(after, 'plaintext', 'script/mixed', 35, 37);
  assert.ok(!again.actions.some((a) => /in this file/.test(a.title)));
});

test('disable in this project: creates .wenfeng.json when there is none, edits the nearest one otherwise', () => {
  const created = actionsFor('系統', 'plaintext', 'script/mixed', 0, 2, { project: { uri: CONFIG } });
  const a = created.actions.find((x) => /in this project/.test(x.title) && /Disable/.test(x.title));
  assert.ok(a);
  assert.deepEqual(a.edit?.documentChanges?.[0], { kind: 'create', uri: CONFIG, options: { ignoreIfExists: true } });
  const text = ((a.edit?.documentChanges?.[1] as TextDocumentEdit).edits[0] as TextEdit).newText;
  assert.equal(text, '{\n  "rules": {\n    "script/mixed": "off"\n  }\n}\n');
  assert.deepEqual(parseJsonc(text).value, { rules: { 'script/mixed': 'off' } });

  const config = '// 项目设置\n{\n  "script": "simplified", // 简体\n}\n';
  const existing = actionsFor('系統', 'plaintext', 'script/mixed', 0, 2, { project: { uri: CONFIG, text: config } });
  const edit = editOf(existing.actions, /Disable .* in this project/, CONFIG);
  const result = TextDocument.applyEdits(TextDocument.create(CONFIG, 'jsonc', 1, config), edit);
  assert.equal(result, '// 项目设置\n{\n  "rules": {\n    "script/mixed": "off"\n  },\n  "script": "simplified", // 简体\n}\n');
});

test('rule off in .wenfeng.json: no file, comments kept, existing rules, a rule already set', () => {
  assert.equal(newConfigText('rules', 'script/mixed'), '{\n  "rules": {\n    "script/mixed": "off"\n  }\n}\n');
  assert.equal(apply('{}', ruleOffChange('{}', 'a/b')), '{"rules": { "a/b": "off" }}');
  assert.equal(apply('{\n}\n', ruleOffChange('{\n}\n', 'a/b')), '{\n  "rules": {\n    "a/b": "off"\n  }\n}\n');
  const withRules = '{\n  /* 规则 */\n  "rules": {\n    "x/y": "warning", // 保留\n  },\n}\n';
  assert.equal(apply(withRules, ruleOffChange(withRules, 'a/b')), '{\n  /* 规则 */\n  "rules": {\n    "a/b": "off",\n    "x/y": "warning", // 保留\n  },\n}\n');
  assert.equal(apply(withRules, ruleOffChange(withRules, 'x/y')), '{\n  /* 规则 */\n  "rules": {\n    "x/y": "off", // 保留\n  },\n}\n');
  const empty = '{\n  "rules": {},\n  "script": "auto"\n}';
  assert.equal(apply(empty, ruleOffChange(empty, 'a/b')), '{\n  "rules": {\n    "a/b": "off"\n  },\n  "script": "auto"\n}');
  const crlf = '{\r\n\t"script": "auto"\r\n}';
  assert.equal(apply(crlf, ruleOffChange(crlf, 'a/b')), '{\r\n\t"rules": {\r\n\t\t"a/b": "off"\r\n\t},\r\n\t"script": "auto"\r\n}');
  assert.equal(ruleOffChange('{"rules": {"a/b": "off"}}', 'a/b'), undefined);
  assert.equal(ruleOffChange('{"rules": 1}', 'a/b'), undefined);
  assert.equal(ruleOffChange('{ not json', 'a/b'), undefined);
  for (const t of [withRules, empty, crlf, '{}']) {
    assert.equal((parseJsonc(apply(t, ruleOffChange(t, 'a/b'))).value as { rules: Record<string, string> }).rules['a/b'], 'off');
  }
});

test('accept a word in .wenfeng.json: no key, an empty list, a list with comments, a word already there', () => {
  assert.equal(newConfigText('acceptedWords', '系統'), '{\n  "acceptedWords": ["系統"]\n}\n');
  const none = '// 设置\n{\n  "script": "auto"\n}\n';
  assert.equal(apply(none, acceptWordChange(none, '系統')), '// 设置\n{\n  "acceptedWords": ["系統"],\n  "script": "auto"\n}\n');
  assert.equal(apply('{"acceptedWords": [ ]}', acceptWordChange('{"acceptedWords": [ ]}', '要要')), '{"acceptedWords": [ "要要"]}');
  const list = '{\n  "acceptedWords": [\n    "甲", // 注\n    "乙"\n  ]\n}';
  assert.equal(apply(list, acceptWordChange(list, '丙')), '{\n  "acceptedWords": [\n    "甲", // 注\n    "乙", "丙"\n  ]\n}');
  assert.equal(acceptWordChange(list, '乙'), undefined);
  assert.equal(acceptWordChange('{"acceptedWords": "甲"}', '乙'), undefined);
});

test('accept: offered for the rules that honour accepted words, with the finding text; accepting silences it', () => {
  const text = '我们要要认真学习。我们在Windows系統中使用Word。';
  for (const f of check(text, ['repetition/doubled-word', 'script/mixed'])) {
    const word = text.slice(f.start, f.end);
    const { actions } = actionsFor(text, 'plaintext', f.rule, f.start, f.end, { project: { uri: CONFIG, text: '{}' }, userAccept: true });
    assert.deepEqual(editOf(actions, /^Accept .* in this project/, CONFIG), [
      { range: { start: { line: 0, character: 1 }, end: { line: 0, character: 1 } }, newText: `"acceptedWords": [${JSON.stringify(word)}]` },
    ]);
    const user = actions.find((a) => /user settings/.test(a.title));
    assert.deepEqual(user?.command?.arguments, [word]);
    assert.equal(user?.command?.command, '_wenfeng.acceptWordForUser');
    assert.deepEqual(check(text, [f.rule], { config: { acceptedWords: [word] } }).filter((g) => g.start === f.start), []);
  }
  // Not offered for other rules, nor without a project or a client command.
  const other = actionsFor('a,b', 'plaintext', 'punctuation/halfwidth', 1, 2, { project: { uri: CONFIG, text: '{}' }, userAccept: true });
  assert.ok(!other.actions.some((a) => /^Accept/.test(a.title)));
  const bare = actionsFor('系統', 'plaintext', 'script/mixed', 0, 2);
  assert.deepEqual(bare.actions.map((a) => a.title), ['Disable script/mixed for this line', 'Disable script/mixed in this file']);
});

test('Unnecessary tag: a repeated sentence is faded, a doubled word (both copies marked) is not', () => {
  const text = '各地区要坚持以人民为中心的发展思想，推动高质量发展。各地区要坚持以人民为中心的发展思想，推动高质量发展。我们要要认真学习。';
  const doc = TextDocument.create('file:///w/a.txt', 'plaintext', 1, text);
  const found = check(text, ['repetition/duplicate-sentence', 'repetition/doubled-word']);
  const copy = found.find((f) => f.rule === 'repetition/duplicate-sentence');
  const doubled = found.find((f) => f.rule === 'repetition/doubled-word');
  assert.ok(copy && doubled);
  assert.equal(isRepeatedCopy(copy), true);
  assert.deepEqual(toDiagnostic(doc, copy).tags, [1]);
  assert.equal(text.slice(copy.start, copy.end), '各地区要坚持以人民为中心的发展思想，推动高质量发展。');
  assert.equal(copy.start, 26);
  assert.equal(toDiagnostic(doc, doubled).tags, undefined);
});
