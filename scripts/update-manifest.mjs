// Regenerates the generated parts of package.json (contributes.configuration) and of package.nls.json /
// package.nls.zh-cn.json from the rule registry and protocol/settings.ts, the single source of both.
// Reads the compiled registry (out/), so run `tsc -p .` first (npm run update-manifest does).
// With --check, changes nothing and exits 1 when the files are stale.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ALL_RULES } = require('../out/server/src/analysis/registry.js');
const { DEFAULT_SETTINGS, RULE_LEVELS, SCRIPT_OPTIONS } = require('../out/protocol/settings.js');
const zhRules = JSON.parse(fs.readFileSync('l10n/rules.zh-cn.json', 'utf8'));

const check = process.argv.includes('--check');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const nls = JSON.parse(fs.readFileSync('package.nls.json', 'utf8'));
const nlsZh = JSON.parse(fs.readFileSync('package.nls.zh-cn.json', 'utf8'));

const general = {
  title: '%config.general.title%',
  properties: {
    'wenfeng.enable': { type: 'boolean', default: DEFAULT_SETTINGS.enable, scope: 'resource', description: '%config.enable%' },
    'wenfeng.languages': { type: 'array', items: { type: 'string' }, default: DEFAULT_SETTINGS.languages, scope: 'resource', description: '%config.languages%' },
    'wenfeng.script': { type: 'string', enum: SCRIPT_OPTIONS, default: DEFAULT_SETTINGS.script, scope: 'resource', description: '%config.script%', enumDescriptions: SCRIPT_OPTIONS.map((s) => `%config.script.${s}%`) },
    'wenfeng.acceptedWords': { type: 'array', items: { type: 'string' }, default: [], scope: 'resource', description: '%config.acceptedWords%' },
    'wenfeng.run': { type: 'string', enum: ['onType', 'onSave'], default: DEFAULT_SETTINGS.run, scope: 'resource', description: '%config.run%' },
    'wenfeng.debounce': { type: 'number', minimum: 0, maximum: 5000, default: DEFAULT_SETTINGS.debounce, scope: 'resource', description: '%config.debounce%' },
    'wenfeng.messageLanguage': { type: 'string', enum: ['zh-cn', 'en', 'auto'], default: DEFAULT_SETTINGS.messageLanguage, scope: 'resource', description: '%config.messageLanguage%' },
    'wenfeng.maxDiagnostics': { type: 'integer', minimum: 0, default: DEFAULT_SETTINGS.maxDiagnostics, scope: 'resource', description: '%config.maxDiagnostics%' },
    'wenfeng.trace.server': { type: 'string', enum: ['off', 'messages', 'verbose'], default: 'off', scope: 'window', description: '%config.trace%' },
  },
};
const ruleProps = {};
for (const r of ALL_RULES) {
  const key = `config.rule.${r.meta.id}`;
  ruleProps[`wenfeng.rules.${r.meta.id}`] = undefined;
  nls[key] = `${r.meta.description} (default: ${r.meta.defaultSeverity})`;
  if (!zhRules[r.meta.id]) throw new Error(`l10n/rules.zh-cn.json lacks ${r.meta.id}`);
  nlsZh[key] = `${zhRules[r.meta.id]}（默认：${{ error: '错误', warning: '警告', information: '信息', hint: '提示' }[r.meta.defaultSeverity]}）`;
}
const rules = {
  title: '%config.rules.title%',
  properties: {
    'wenfeng.rules': {
      type: 'object',
      scope: 'resource',
      default: {},
      description: '%config.rules%',
      properties: Object.fromEntries(
        ALL_RULES.map((r) => [r.meta.id, { type: 'string', enum: RULE_LEVELS, default: r.meta.defaultSeverity, description: `%config.rule.${r.meta.id}%` }]),
      ),
      additionalProperties: false,
    },
  },
};
pkg.contributes.configuration = [general, rules];
const out = [
  ['package.json', `${JSON.stringify(pkg, null, 2)}\n`],
  ['package.nls.json', `${JSON.stringify(sortKeys(nls), null, 2)}\n`],
  ['package.nls.zh-cn.json', `${JSON.stringify(sortKeys(nlsZh), null, 2)}\n`],
];
function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
}
let stale = false;
for (const [file, content] of out) {
  if (fs.readFileSync(file, 'utf8') !== content) {
    stale = true;
    if (check) console.error(`${file} is out of date: run npm run update-manifest`);
    else fs.writeFileSync(file, content);
  }
}
process.exit(check && stale ? 1 : 0);
