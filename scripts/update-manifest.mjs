// Regenerates the generated parts of package.json (contributes.configuration), of package.nls.json /
// package.nls.zh-cn.json and the JSON schema of .wenfeng.json (syntaxes/wenfeng-config.schema.json) from the
// rule registry and protocol/settings.ts, the single source of all of them.
// Reads the compiled registry (out/), so run `tsc -p .` first (npm run update-manifest does).
// With --check, changes nothing and exits 1 when the files are stale.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ALL_RULES } = require('../out/server/src/analysis/registry.js');
const { DEFAULT_SETTINGS, RULE_LEVELS, SETTING_KEYS, SETTING_SPECS } = require('../out/protocol/settings.js');
const zhRules = JSON.parse(fs.readFileSync('l10n/rules.zh-cn.json', 'utf8'));

const check = process.argv.includes('--check');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const nls = JSON.parse(fs.readFileSync('package.nls.json', 'utf8'));
const nlsZh = JSON.parse(fs.readFileSync('package.nls.zh-cn.json', 'utf8'));

// One entry per setting of SETTING_SPECS (protocol/settings.ts), in its order; `rules` has a section of its own.
const simpleProperty = (key, spec) => {
  const base = { scope: 'resource', description: `%config.${key}%` };
  const def = DEFAULT_SETTINGS[key];
  switch (spec.type) {
    case 'boolean':
      return { type: 'boolean', default: def, ...base };
    case 'strings':
      return { type: 'array', items: { type: 'string' }, default: def, ...base };
    case 'enum':
      return { type: 'string', enum: spec.options, default: def, ...base, ...(spec.enumDescriptions ? { enumDescriptions: spec.options.map((o) => `%config.${key}.${o}%`) } : {}) };
    case 'number':
      return { type: 'number', minimum: spec.minimum, maximum: spec.maximum, default: def, ...base };
    case 'integer':
      return { type: 'integer', minimum: spec.minimum, default: def, ...base };
    default:
      throw new Error(`no manifest entry for the ${spec.type} setting ${key}`);
  }
};
const structuredProperties = {
  rules: () => ({}),
  corpus: () => ({
    'wenfeng.corpus.paths': { type: 'array', items: { type: 'string' }, default: DEFAULT_SETTINGS.corpus.paths, scope: 'resource', description: '%config.corpus.paths%' },
  }),
  terms: () => ({
    'wenfeng.terms': {
      type: 'array',
      default: DEFAULT_SETTINGS.terms,
      scope: 'resource',
      description: '%config.terms%',
      items: {
        type: 'object',
        required: ['expected'],
        additionalProperties: false,
        properties: {
          expected: { type: 'string', minLength: 1, description: '%config.terms.expected%' },
          patterns: { type: 'array', items: { type: 'string', format: 'regex' }, description: '%config.terms.patterns%' },
          match: { type: 'array', items: { type: 'string' }, description: '%config.terms.match%' },
          noMatch: { type: 'array', items: { type: 'string' }, description: '%config.terms.noMatch%' },
        },
      },
    },
  }),
};
const general = {
  title: '%config.general.title%',
  properties: {
    ...Object.fromEntries(
      SETTING_KEYS.flatMap((key) => {
        const spec = SETTING_SPECS[key];
        return Object.entries(structuredProperties[spec.type]?.() ?? { [`wenfeng.${key}`]: simpleProperty(key, spec) });
      }),
    ),
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

// The schema of .wenfeng.json: the same keys as the settings, without the `wenfeng.` prefix and without the
// editor's own (trace). A schema file cannot use %keys%, so each description carries both languages. Unknown
// keys are not closed off here: the language server names them itself, at the key, in the message language.
const text = (v) => {
  const key = /^%(.*)%$/.exec(v)?.[1];
  if (!key) return v;
  if (nls[key] === undefined || nlsZh[key] === undefined) throw new Error(`package.nls*.json lacks ${key}`);
  return `${nlsZh[key]}\n${nls[key]}`;
};
const schemaProps = {};
for (const [name, prop] of Object.entries(general.properties)) {
  const key = name.replace(/^wenfeng\./, '');
  if (!SETTING_KEYS.includes(key)) continue;
  const { scope: _scope, ...rest } = prop;
  const items = prop.items?.properties
    ? { ...prop.items, properties: Object.fromEntries(Object.entries(prop.items.properties).map(([k, v]) => [k, { ...v, description: text(v.description) }])) }
    : prop.items;
  schemaProps[key] = { ...rest, ...(items ? { items } : {}), description: text(prop.description), ...(prop.enumDescriptions ? { enumDescriptions: prop.enumDescriptions.map(text) } : {}) };
}
// Nested keys: `corpus.paths` is `{ "corpus": { "paths": […] } }` in the project file.
{
  const { scope: _scope, ...paths } = general.properties['wenfeng.corpus.paths'];
  schemaProps.corpus = { type: 'object', description: text('%config.corpus%'), properties: { paths: { ...paths, description: text(paths.description) } }, additionalProperties: false };
}
// The server also takes `info` and `warn` for a rule's level.
const levels = [...RULE_LEVELS, 'info', 'warn'];
schemaProps.rules = {
  type: 'object',
  description: text('%config.rules%'),
  default: {},
  properties: Object.fromEntries(
    ALL_RULES.map((r) => [r.meta.id, { type: 'string', enum: levels, default: r.meta.defaultSeverity, description: text(`%config.rule.${r.meta.id}%`) }]),
  ),
  additionalProperties: { type: 'string', enum: levels },
};
const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: '.wenfeng.json',
  description: 'Wenfeng project settings (.wenfeng.json), over the user\'s and the workspace\'s settings. Generated by scripts/update-manifest.mjs from protocol/settings.ts and the rule registry. The language server validates every key and value itself and shows the problems on this file.',
  type: 'object',
  allowComments: true,
  allowTrailingCommas: true,
  properties: Object.fromEntries(SETTING_KEYS.map((k) => {
    if (!schemaProps[k]) throw new Error(`the settings of package.json lack wenfeng.${k}`);
    return [k, schemaProps[k]];
  })),
};

const out = [
  ['syntaxes/wenfeng-config.schema.json', `${JSON.stringify(schema, null, 2)}\n`],
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
