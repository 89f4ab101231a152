/**
 * The `wenfeng` command line (contract in the spec): check, fix, convert, score, lsp.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error (message on stderr).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import { DEFAULT_SETTINGS, type Settings } from '../../../protocol/settings';
import { ALL_RULES, applyFixes, createAnalyzer, ruleById, SEVERITIES, type AnalysisResult, type Analyzer, type Severity } from '../analysis';
import { complete } from '../analysis/complete';
import { buildModel } from '../analysis/model/corpus';
import { getServices } from '../services';
import { findProjectConfig, formatOf, readProjectConfig, toAnalysisConfig } from '../shared/config';
import { toLang, useLanguage } from '../shared/messages';
import { formatJson, formatOutline, formatSarif, formatText, type FileReport } from './format';

/** A usage or I/O problem: reported on stderr with exit code 2. */
export class UsageError extends Error {}

interface Options {
  command: string;
  paths: string[];
  flags: Map<string, string[]>;
}

const VALUE_FLAGS = new Set(['--format', '--fail-on', '--rule', '--config', '--lang', '--to', '--offset', '-o']);
const BOOLEAN_FLAGS = new Set(['--write', '--stdio', '--help', '-h', '--version']);

function parseArgs(argv: string[]): Options {
  const [command = 'help', ...rest] = argv;
  const flags = new Map<string, string[]>();
  const paths: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (VALUE_FLAGS.has(name)) {
      const values = flags.get(name) ?? [];
      if (eq > 0 && a.startsWith('--')) {
        values.push(a.slice(eq + 1));
      } else {
        const v = rest[++i];
        if (v === undefined) {
          throw new UsageError(`option ${name} needs a value`);
        }
        values.push(v);
        // --rule takes several ids: `--rule a b` as well as `--rule a --rule b`.
        while (name === '--rule' && rest[i + 1] !== undefined && /^[a-z]+\/[a-z-]+$/.test(rest[i + 1]!)) {
          values.push(rest[++i]!);
        }
      }
      flags.set(name, values);
    } else if (BOOLEAN_FLAGS.has(name)) {
      flags.set(name, ['true']);
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a}`);
    } else {
      paths.push(a);
    }
  }
  return { command, paths, flags };
}

function one(o: Options, flag: string, allowed?: readonly string[]): string | undefined {
  const v = o.flags.get(flag);
  if (!v) {
    return undefined;
  }
  const last = v[v.length - 1]!;
  if (allowed && !allowed.includes(last)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got ${last})`);
  }
  return last;
}

function readInput(p: string): string {
  try {
    const buf = p === '-' ? fs.readFileSync(0) : fs.readFileSync(p);
    return new TextDecoder('utf-8', { fatal: false }).decode(buf).replace(/^\uFEFF/, '');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new UsageError(`cannot read ${p === '-' ? 'standard input' : p}: ${err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'is a directory' : err.message}`);
  }
}

/** Expands folders into the Markdown and text files inside them. */
function expandPaths(paths: string[]): string[] {
  if (paths.length === 0) {
    return ['-'];
  }
  const out: string[] = [];
  for (const p of paths) {
    if (p !== '-' && fs.existsSync(p) && fs.statSync(p).isDirectory()) {
      const walk = (dir: string): void => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
          if (e.name.startsWith('.') || e.name === 'node_modules') {
            continue;
          }
          const full = path.join(dir, e.name);
          if (e.isDirectory()) {
            walk(full);
          } else if (/\.(md|markdown|txt)$/i.test(e.name)) {
            out.push(full);
          }
        }
      };
      walk(p);
    } else {
      out.push(p);
    }
  }
  return out;
}

function settingsFor(o: Options, file: string): Settings {
  const explicit = one(o, '--config');
  if (explicit) {
    try {
      return readProjectConfig(explicit);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const found = findProjectConfig(file === '-' ? process.cwd() : path.dirname(path.resolve(file)));
  if (found) {
    try {
      return readProjectConfig(found);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  return DEFAULT_SETTINGS;
}

function ruleFilter(o: Options): string[] | undefined {
  const rules = o.flags.get('--rule');
  if (!rules) {
    return undefined;
  }
  for (const r of rules) {
    if (!ruleById(r)) {
      throw new UsageError(`unknown rule ${r}; known rules: ${ALL_RULES.map((x) => x.meta.id).join(', ')}`);
    }
  }
  return rules;
}

function analyzeFile(analyzer: Analyzer, o: Options, file: string, text: string): AnalysisResult {
  const settings = settingsFor(o, file);
  return analyzer.analyze(text, { format: formatOf(file), config: toAnalysisConfig(settings, ruleFilter(o)) });
}

/** Applies automatic fixes until the text is stable (overlapping fixes need a second round). */
function fixText(analyzer: Analyzer, o: Options, file: string, text: string): string {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const result = analyzeFile(analyzer, o, file, current);
    const next = applyFixes(current, result.findings).text;
    if (next === current) {
      break;
    }
    current = next;
  }
  return current;
}

const HELP = `wenfeng — writing assistant for Chinese official-style prose

  wenfeng check [paths…] [--format text|json|sarif] [--fail-on error|warning|information|hint]
                [--rule ID…] [--config FILE] [--lang zh|en]
  wenfeng fix [paths…] [--rule ID…] [--write]
  wenfeng convert --to simplified|traditional|taiwan|hongkong [path]
  wenfeng outline [path] --format json
  wenfeng complete [path] --offset N --format json
  wenfeng build-model <corpus-dir…> -o FILE
  wenfeng score [paths…] --format json
  wenfeng lsp --stdio

'-' or no path reads standard input. Exit: 0 clean, 1 findings at or above --fail-on (default: warning),
2 usage or I/O error.
`;

/** Runs the CLI; returns the exit code. Output goes through the given writers (tests pass their own). */
export function run(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let o: Options;
  try {
    o = parseArgs(argv);
    useLanguage(toLang(one(o, '--lang', ['zh', 'en', 'zh-cn', 'zh-CN']), 'zh-cn'));
  } catch (e) {
    err(`wenfeng: ${(e as Error).message}\n`);
    return 2;
  }
  try {
    switch (o.command) {
      case 'help':
      case '--help':
      case '-h':
        out(HELP);
        return 0;
      case 'check':
      case 'score': {
        const format = one(o, '--format', ['text', 'json', 'sarif']) ?? (o.command === 'score' ? 'json' : 'text');
        const failOn = (one(o, '--fail-on', SEVERITIES) ?? 'warning') as Severity;
        const analyzer = createAnalyzer(getServices(), { log: (m) => err(`${m}\n`) });
        const reports: FileReport[] = [];
        for (const file of expandPaths(o.paths)) {
          const text = readInput(file);
          reports.push({ path: file === '-' ? '<stdin>' : file, text, result: analyzeFile(analyzer, o, file, text) });
        }
        if (o.command === 'score') {
          out(`${JSON.stringify({ version: 1, files: reports.map((r) => ({ path: r.path, script: r.result.script, score: r.result.score })) }, null, 2)}\n`);
          return 0;
        }
        out(format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports) : formatText(reports));
        const rank = SEVERITIES.indexOf(failOn);
        const failing = reports.some((r) => r.result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= rank));
        return failing ? 1 : 0;
      }
      case 'fix': {
        const analyzer = createAnalyzer(getServices(), { log: (m) => err(`${m}\n`) });
        const write = o.flags.has('--write');
        for (const file of expandPaths(o.paths)) {
          const text = readInput(file);
          const fixed = fixText(analyzer, o, file, text);
          if (write && file !== '-') {
            if (fixed !== text) {
              fs.writeFileSync(file, fixed);
            }
          } else {
            out(fixed);
          }
        }
        return 0;
      }
      case 'convert': {
        const to = one(o, '--to', ['simplified', 'traditional', 'taiwan', 'hongkong']);
        if (!to) {
          throw new UsageError('convert needs --to simplified|traditional|taiwan|hongkong');
        }
        if (o.paths.length > 1) {
          throw new UsageError('convert takes one path');
        }
        const text = readInput(o.paths[0] ?? '-');
        out(getServices().converter.convert(text, to as 'simplified'));
        return 0;
      }
      case 'lsp': {
        if (!o.flags.has('--stdio')) {
          throw new UsageError('lsp needs --stdio');
        }
        // Loaded here so that the other commands never pay for the server's modules.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        (require('../server') as typeof import('../server')).startStdioServer();
        return -1;
      }
      case 'build-model': {
        const outFile = one(o, '-o');
        if (!outFile || o.paths.length === 0) {
          throw new UsageError('build-model needs <corpus-dir…> -o FILE');
        }
        const files = expandPaths(o.paths).filter((f) => f !== '-');
        if (files.length === 0) {
          throw new UsageError(`no .txt or .md files under ${o.paths.join(', ')}`);
        }
        const model = buildModel(files.map(readInput), getServices().segmenter);
        try {
          fs.writeFileSync(outFile, `${JSON.stringify(model)}\n`);
        } catch (e) {
          throw new UsageError(`cannot write ${outFile}: ${(e as Error).message}`);
        }
        err(`wenfeng: model of ${model.documents} documents, ${model.tokenCount} tokens, ${Object.keys(model.words).length} words, ${Object.keys(model.bigrams).length} bigrams → ${outFile}\n`);
        return 0;
      }
      case 'outline': {
        one(o, '--format', ['json']);
        if (o.paths.length > 1) {
          throw new UsageError('outline takes one path');
        }
        const file = o.paths[0] ?? '-';
        const text = readInput(file);
        const result = analyzeFile(createAnalyzer(getServices(), { log: (m) => err(`${m}\n`) }), o, file, text);
        out(formatOutline({ path: file === '-' ? '<stdin>' : file, text, result }));
        return 0;
      }
      case 'complete': {
        one(o, '--format', ['json']);
        const raw = one(o, '--offset');
        const offset = raw === undefined ? Number.NaN : Number(raw);
        if (!Number.isInteger(offset) || offset < 0) {
          throw new UsageError('complete needs --offset N (a UTF-16 offset, 0 or more)');
        }
        const file = o.paths[0] ?? '-';
        const text = readInput(file);
        if (offset > text.length) {
          throw new UsageError(`--offset ${offset} is past the end of the text (${text.length})`);
        }
        const services = getServices();
        const analyzer = createAnalyzer(services, { log: (m) => err(`${m}\n`) });
        const result = analyzeFile(analyzer, o, file, text);
        const items = complete(text, offset, result, analyzer.tokens, services.model);
        out(`${JSON.stringify({ version: 1, items: items.map((i) => ({ label: i.label, insertText: i.insertText, kind: i.kind, replace: i.replace, score: i.score })) }, null, 2)}\n`);
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${o.command}; run wenfeng help`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`wenfeng: ${e.message}\n`);
      return 2;
    }
    err(`wenfeng: ${l10n.t('internal error')}: ${(e as Error).message}\n`);
    return 2;
  }
}

if (require.main === module) {
  const code = run(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s));
  if (code >= 0) {
    process.exitCode = code;
  }
}
