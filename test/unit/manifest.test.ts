/**
 * The manifest's commands, menus, walkthrough and .wenfeng.json schema (issue 18): every walkthrough step's
 * command exists, every command is either shown only where it works (a `when` clause) or listed here as global,
 * the step pages exist in both languages, the schema is the one generated from the settings, and the starter
 * .wenfeng.json reads without a problem.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { starterConfig } from '../../client/src/starter';
import { Commands } from '../../protocol/protocol';
import { DEFAULT_SETTINGS, SETTING_KEYS } from '../../protocol/settings';
import { knownRuleIds, readProjectConfig } from '../../server/src/shared/config';
import { ROOT } from './helpers';

interface Step { id: string; title: string; description: string; media: { markdown?: string }; completionEvents?: string[] }
interface Manifest {
  capabilities: Record<string, { supported: boolean | string; description?: string }>;
  contributes: {
    commands: Array<{ command: string; title: string }>;
    menus: { commandPalette: Array<{ command: string; when?: string }> };
    walkthroughs: Array<{ id: string; title: string; steps: Step[] }>;
    jsonValidation: Array<{ fileMatch: string; url: string }>;
    languages: Array<{ id: string; filenames?: string[] }>;
  };
}
const read = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as T;
const manifest = read<Manifest>('package.json');
const nls = read<Record<string, string>>('package.nls.json');
const nlsZh = read<Record<string, string>>('package.nls.zh-cn.json');
const key = (s: string): string => /^%(.+)%$/.exec(s)?.[1] ?? assert.fail(`not localised: ${s}`);

/** Commands that work anywhere, so they have no `when` clause: turning checking on and off, the sample draft. */
const GLOBAL = new Set<string>([Commands.toggle, Commands.openSample]);
/** VS Code's own commands the walkthrough uses. */
const BUILT_IN = new Set(['workbench.actions.view.problems', 'outline.focus', 'workbench.action.openSettings']);

const steps = manifest.contributes.walkthroughs.flatMap((w) => w.steps);
const stepCommands = (s: Step): string[] => [...s.description.matchAll(/\(command:([\w.]+)/g), ...(nls[key(s.description)] ?? '').matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!);

test('every command of the protocol is contributed, and every contributed one is registered by the protocol', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();
  assert.deepEqual(contributed, Object.values(Commands).sort());
});

test('every command has a `when` clause in the palette, or is one of the documented global commands', () => {
  const when = new Map(manifest.contributes.menus.commandPalette.map((m) => [m.command, m.when]));
  for (const { command } of manifest.contributes.commands) {
    if (GLOBAL.has(command)) {
      assert.equal(when.get(command), undefined, `${command} is global`);
    } else {
      assert.ok(when.get(command), `${command} has no when clause`);
    }
  }
  // The document commands follow wenfeng.languages (a context key the client sets) and need the server.
  for (const c of [Commands.fixAll, Commands.convertToSimplified, Commands.showReport]) {
    assert.equal(when.get(c), 'wenfeng.checking && editorLangId in wenfeng.languages');
  }
});

test('the walkthrough: seven steps in order, each with a button whose command exists, completion events and pages in both languages', () => {
  assert.deepEqual(steps.map((s) => s.id), ['sample', 'findings', 'fixAll', 'snippet', 'outline', 'corpus', 'report']);
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  for (const s of steps) {
    for (const field of [s.title, s.description, s.media.markdown ?? '']) {
      assert.ok(nls[key(field)], `${s.id}: ${field} in package.nls.json`);
      assert.ok(nlsZh[key(field)], `${s.id}: ${field} in package.nls.zh-cn.json`);
    }
    const used = stepCommands(s);
    assert.equal(used.length, 1, `${s.id}: one button`);
    for (const c of used) {
      assert.ok(commands.has(c) || BUILT_IN.has(c), `${s.id}: command ${c} is neither contributed nor a known built-in`);
    }
    // The zh-CN description has the same button.
    assert.deepEqual([...nlsZh[key(s.description)]!.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]), used, `${s.id}: same command in zh-CN`);
    assert.ok((s.completionEvents ?? []).length > 0, `${s.id}: completion events`);
    assert.ok(s.completionEvents!.some((e) => e === `onCommand:${used[0]}`), `${s.id}: completed by its own command`);
    for (const page of [nls[key(s.media.markdown!)]!, nlsZh[key(s.media.markdown!)]!]) {
      assert.ok(fs.existsSync(path.join(ROOT, page)), `${s.id}: ${page} exists`);
    }
  }
  assert.ok(fs.existsSync(path.join(ROOT, 'walkthrough', 'sample.essay')));
});

test('.wenfeng.json: JSON with comments, validated by the generated schema; virtual workspaces declared unsupported', () => {
  assert.ok(manifest.contributes.languages.some((l) => l.id === 'jsonc' && l.filenames?.includes('.wenfeng.json')));
  assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.wenfeng.json', url: './syntaxes/wenfeng-config.schema.json' }]);
  const schema = read<{ allowComments: boolean; allowTrailingCommas: boolean; properties: Record<string, unknown> }>('syntaxes/wenfeng-config.schema.json');
  assert.ok(schema.allowComments && schema.allowTrailingCommas);
  assert.deepEqual(Object.keys(schema.properties), [...SETTING_KEYS]);
  assert.equal(manifest.capabilities['virtualWorkspaces']?.supported, false);
  assert.ok(nls[key(manifest.capabilities['virtualWorkspaces']!.description!)]);
  // Generated == committed (the manifest, its strings and the schema).
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'update-manifest.mjs'), '--check'], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
});

test('the starter .wenfeng.json reads without a problem and changes no default', () => {
  const text = starterConfig({ header: 'a\nb', script: 's', acceptedWords: 'w', rules: 'r', rulesExample: 'e' });
  assert.match(text, /^\/\/ a\n\/\/ b\n\{/);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-starter-'));
  try {
    const file = path.join(dir, '.wenfeng.json');
    fs.writeFileSync(file, text);
    const config = readProjectConfig(file);
    assert.deepEqual(config.problems, []);
    assert.deepEqual(config.settings, DEFAULT_SETTINGS);
    // The commented-out example names a real rule.
    for (const m of text.matchAll(/\/\/ "([\w-]+\/[\w-]+)": "off"/g)) {
      assert.ok(knownRuleIds().has(m[1]!), m[1]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
