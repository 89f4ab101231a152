/**
 * phrasing/terms and phrasing/near-canonical over the protocol (issue 16, item 3): the bundled server reads
 * the terms table of a `.wenfeng.json`, shows a broken pattern and a failing example as diagnostics on the file
 * itself at the line and column where they are written, reports the table's terms and the slips of set
 * phrases in a draft, and its code actions carry the fixes.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import type { CodeAction, Diagnostic, ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { LspSession } from './harness';

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-terms-'));
const CONFIG = `{
  "terms": [
    {
      "expected": "党的十九届三中全会",
      "patterns": ["(?<!党的)十九届三中全会", "十九届(三中"],
      "match": ["学习十九届三中全会精神", "学习三中全会精神"]
    },
    { "expected": "理想信念" }
  ]
}
`;
let session: LspSession;
let conn: ProtocolConnection;

before(async () => {
  fs.writeFileSync(path.join(workspace, '.wenfeng.json'), CONFIG);
  session = await LspSession.start({
    configuration: () => ({ messageLanguage: 'en' }),
    locale: 'en',
    rootUri: pathToFileURL(workspace).href,
    initializationOptions: { workspaceTrusted: true },
  });
  conn = session.conn;
});

after(async () => {
  await session.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test('a broken terms table: diagnostics on .wenfeng.json at the bad pattern and the failing example; the draft checked with the rest', async () => {
  const uri = pathToFileURL(path.join(workspace, 'draft.md')).href;
  const text = '要认真学习十九届三中全会精神，坚定理念信念，再接再励。\n';
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });

  const configUri = pathToFileURL(path.join(workspace, '.wenfeng.json')).href;
  const onConfig = await session.diagnostics(configUri, (p) => p.diagnostics.length > 0);
  assert.deepEqual(
    onConfig.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character, d.message]),
    [
      [4, 37, 45, 'terms.0.patterns.1: "十九届(三中" is not valid (expected a regular expression that matches some text); ignored'],
      [5, 31, 41, 'terms.0.match.1: no pattern of this term matches the example "学习三中全会精神"'],
    ],
  );

  const published = await session.diagnostics(uri, (p) => p.version === 1 && p.diagnostics.some((d) => d.code === 'phrasing/terms'));
  const ours = published.diagnostics.filter((d) => d.code === 'phrasing/terms' || d.code === 'phrasing/near-canonical');
  assert.deepEqual(
    ours.map((d) => [d.code, d.range.start.character, d.range.end.character]),
    [['phrasing/terms', 5, 12], ['phrasing/near-canonical', 17, 21], ['phrasing/near-canonical', 22, 26]],
  );
  const fixes: string[] = [];
  for (const d of ours) {
    const actions = (await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d as Diagnostic] } })) as CodeAction[];
    const fix = actions.find((a) => a.kind === `quickfix.wenfeng.${String(d.code)}` || (a.kind?.startsWith('quickfix') && a.edit !== undefined));
    assert.ok(fix?.edit?.changes?.[uri], `a quick fix for ${String(d.code)}: ${JSON.stringify(actions.map((a) => a.title))}`);
    fixes.push(fix.edit.changes[uri]!.map((e) => e.newText).join(''));
  }
  assert.deepEqual(fixes, ['党的十九届三中全会', '理想信念', '再接再厉']);
});
