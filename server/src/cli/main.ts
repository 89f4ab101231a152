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
import { findProjectConfig, formatOf, lineColumn, readProjectConfig, toAnalysisConfig } from '../shared/config';
import { describeFsError, FileError, MAX_INPUT_BYTES, readRegularFile } from '../shared/files';
import { toLang, useLanguage } from '../shared/messages';
import { formatJson, formatOutline, formatSarif, formatText, type FileReport } from './format';
import { decodeInput, encodeOutput, type InputEncoding } from './input';
import { reportPage, writeReport } from './report';

/** A usage or I/O problem: reported on stderr with exit code 2. */
export class UsageError extends Error {}

interface Options {
  command: string;
  paths: string[];
  flags: Map<string, string[]>;
}

const VALUE_FLAGS = new Set(['--format', '--fail-on', '--rule', '--config', '--lang', '--locale', '--to', '--offset', '-o']);
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

/** One input read and decoded. */
interface Input {
  /** The path as given or found (`-` for standard input). */
  file: string;
  text: string;
  encoding: InputEncoding;
  bom: boolean;
  lossy: boolean;
}

/** What went wrong over a run: entries that failed (exit 2 at the end) and how many inputs were read. */
interface RunState {
  failed: boolean;
  read: number;
  skipped: number;
}

const displayName = (file: string): string => (file === '-' ? l10n.t('standard input') : file);

/** Reads and decodes one input; a FileError or an undecodable input becomes a reason string. */
function readOne(file: string): Input | { file: string; reason: string; skipped: boolean } {
  let bytes: Uint8Array;
  try {
    bytes = file === '-' ? fs.readFileSync(0) : readRegularFile(file, MAX_INPUT_BYTES);
  } catch (e) {
    return { file, reason: e instanceof FileError ? e.message : describeFsError(e), skipped: false };
  }
  const d = decodeInput(bytes);
  if (d.kind === 'skip') {
    return { file, reason: d.reason, skipped: true };
  }
  return { file, text: d.text, encoding: d.encoding, bom: d.bom, lossy: d.lossy };
}

/**
 * The inputs of a run, read one by one. A bad entry is reported on stderr (one line, never its content)
 * and skipped; the run goes on.
 */
function* readInputs(paths: string[], state: RunState, err: (s: string) => void): Generator<Input> {
  for (const file of expandPaths(paths, state, err)) {
    const r = readOne(file);
    if ('reason' in r) {
      err(`wenfeng: ${displayName(file)}: ${r.reason}\n`);
      if (r.skipped) {
        state.skipped++;
      } else {
        state.failed = true;
      }
      continue;
    }
    if (r.encoding === 'gb18030') {
      err(`wenfeng: ${displayName(file)}: ${l10n.t('decoded as GB18030')}\n`);
    } else if (r.lossy) {
      err(`wenfeng: ${displayName(file)}: ${l10n.t('not valid UTF-8; the invalid bytes are read as U+FFFD')}\n`);
    }
    state.read++;
    yield r;
  }
}

/** The single input of convert, outline and complete; an unreadable one is a usage error. */
function readSingle(file: string, err: (s: string) => void): Input {
  const state: RunState = { failed: false, read: 0, skipped: 0 };
  let reason = '';
  const input = [...readInputs([file], state, (s) => (reason = s))][0];
  if (!input) {
    throw new UsageError(reason.replace(/^wenfeng: /, '').trimEnd());
  }
  if (reason) {
    err(reason);
  }
  return input;
}

/** Exit code of a run over several inputs: 2 when an entry failed or nothing could be read. */
function runCode(state: RunState, code: number): number {
  return state.failed || (state.read === 0 && state.skipped > 0) ? 2 : code;
}

/** Expands folders into the Markdown and text files inside them; unreadable folders are reported and skipped. */
function expandPaths(paths: string[], state: RunState, err: (s: string) => void): string[] {
  if (paths.length === 0) {
    return ['-'];
  }
  const out: string[] = [];
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      err(`wenfeng: ${dir}: ${describeFsError(e)}\n`);
      state.failed = true;
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (e.name.startsWith('.') || e.name === 'node_modules') {
        continue;
      }
      const full = path.join(dir, e.name);
      // Symbolic links to folders are not followed (no cycles); every other entry with a text extension is
      // read, and reading says what is wrong with it (a FIFO, a device, a broken link).
      if (e.isDirectory()) {
        walk(full);
      } else if (/\.(md|markdown|txt)$/i.test(e.name)) {
        out.push(full);
      }
    }
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = p !== '-' && fs.statSync(p).isDirectory();
    } catch {
      // Reading it reports the problem.
    }
    if (isDir) {
      walk(p);
    } else {
      out.push(p);
    }
  }
  return out;
}

/** Settings of each `.wenfeng.json` read in this run; its problems are reported once. */
const configs = new Map<string, Settings>();

function loadConfig(file: string, err: (s: string) => void): Settings {
  const cached = configs.get(file);
  if (cached) {
    return cached;
  }
  const c = readProjectConfig(file);
  for (const p of c.problems) {
    const at = c.text === undefined ? '' : (({ line, character }) => `:${line + 1}:${character + 1}`)(lineColumn(c.text, p.offset));
    const line = `${file}${at}: ${p.message}`;
    if (p.fatal) {
      throw new UsageError(line);
    }
    err(`wenfeng: ${line}\n`);
  }
  const settings = c.settings ?? DEFAULT_SETTINGS;
  configs.set(file, settings);
  return settings;
}

function settingsFor(o: Options, file: string, err: (s: string) => void): Settings {
  const explicit = one(o, '--config');
  if (explicit) {
    return loadConfig(explicit, err);
  }
  const found = findProjectConfig(file === '-' ? process.cwd() : path.dirname(path.resolve(file)));
  return found ? loadConfig(found, err) : DEFAULT_SETTINGS;
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

function analyzeFile(analyzer: Analyzer, o: Options, file: string, text: string, err: (s: string) => void): AnalysisResult {
  const settings = settingsFor(o, file, err);
  return analyzer.analyze(text, { format: formatOf(file), config: toAnalysisConfig(settings, ruleFilter(o)) });
}

/** Applies automatic fixes until the text is stable (overlapping fixes need a second round). */
function fixText(analyzer: Analyzer, o: Options, file: string, text: string, err: (s: string) => void): string {
  let current = text;
  for (let round = 0; round < 10; round++) {
    const result = analyzeFile(analyzer, o, file, current, err);
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
  wenfeng report <file> [-o report.html] [--locale zh-CN|en]
  wenfeng lsp --stdio

'-' or no path reads standard input; a folder is searched for .md, .markdown and .txt files. Input is UTF-8
(a byte order mark is kept by fix --write) or GB18030/GBK (decoded, and never rewritten by fix --write);
binary files are skipped, and invalid UTF-8 is checked but never rewritten. Entries that cannot be read are
reported one per line and skipped. Exit: 0 clean, 1 findings at or above --fail-on (default: warning),
2 usage or I/O error (also when an entry was skipped for an error).
`;

/** Runs the CLI; returns the exit code. Output goes through the given writers (tests pass their own). */
export function run(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  let o: Options;
  configs.clear();
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
        const state: RunState = { failed: false, read: 0, skipped: 0 };
        for (const input of readInputs(o.paths, state, err)) {
          reports.push({ path: input.file === '-' ? '<stdin>' : input.file, text: input.text, result: analyzeFile(analyzer, o, input.file, input.text, err) });
        }
        if (o.command === 'score') {
          out(`${JSON.stringify({ version: 1, files: reports.map((r) => ({ path: r.path, script: r.result.script, score: r.result.score })) }, null, 2)}\n`);
          return runCode(state, 0);
        }
        out(format === 'json' ? formatJson(reports) : format === 'sarif' ? formatSarif(reports) : formatText(reports));
        const rank = SEVERITIES.indexOf(failOn);
        const failing = reports.some((r) => r.result.findings.some((f) => SEVERITIES.indexOf(f.severity) <= rank));
        return runCode(state, failing ? 1 : 0);
      }
      case 'fix': {
        const analyzer = createAnalyzer(getServices(), { log: (m) => err(`${m}\n`) });
        const write = o.flags.has('--write');
        const state: RunState = { failed: false, read: 0, skipped: 0 };
        for (const input of readInputs(o.paths, state, err)) {
          const fixed = fixText(analyzer, o, input.file, input.text, err);
          if (!write || input.file === '-') {
            out(fixed);
            continue;
          }
          if (fixed === input.text) {
            continue;
          }
          // Only lossless UTF-8 is rewritten, so that no byte outside a fix can change.
          if (input.encoding !== 'utf-8') {
            err(`wenfeng: ${input.file}: ${l10n.t('not rewritten: GB18030 files are never rewritten by fix --write; convert the file to UTF-8 first')}\n`);
            state.failed = true;
            continue;
          }
          if (input.lossy) {
            err(`wenfeng: ${input.file}: ${l10n.t('not rewritten: the file is not valid UTF-8 and writing it back would replace the invalid bytes')}\n`);
            state.failed = true;
            continue;
          }
          try {
            fs.writeFileSync(input.file, encodeOutput(fixed, input));
          } catch (e) {
            err(`wenfeng: ${input.file}: ${l10n.t('cannot write: {0}', describeFsError(e))}\n`);
            state.failed = true;
          }
        }
        return runCode(state, 0);
      }
      case 'convert': {
        const to = one(o, '--to', ['simplified', 'traditional', 'taiwan', 'hongkong']);
        if (!to) {
          throw new UsageError('convert needs --to simplified|traditional|taiwan|hongkong');
        }
        if (o.paths.length > 1) {
          throw new UsageError('convert takes one path');
        }
        const { text } = readSingle(o.paths[0] ?? '-', err);
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
      case 'report': {
        if (o.paths.length > 1) {
          throw new UsageError('report takes one path');
        }
        const lang = toLang(one(o, '--locale') ?? one(o, '--lang'), 'zh-cn');
        useLanguage(lang);
        const file = o.paths[0] ?? '-';
        const { text } = readSingle(file, err);
        const analyzer = createAnalyzer(getServices(), { log: (m) => err(`${m}\n`) });
        const problem = writeReport(reportPage(analyzeFile(analyzer, o, file, text, err), text, file, lang), one(o, '-o'), out);
        if (problem !== undefined) {
          throw new UsageError(`cannot write ${one(o, '-o')}: ${problem}`);
        }
        return 0;
      }
      case 'build-model': {
        const outFile = one(o, '-o');
        if (!outFile || o.paths.length === 0) {
          throw new UsageError('build-model needs <corpus-dir…> -o FILE');
        }
        const state: RunState = { failed: false, read: 0, skipped: 0 };
        const texts = [...readInputs(o.paths, state, err)].filter((i) => i.file !== '-').map((i) => i.text);
        if (texts.length === 0) {
          throw new UsageError(`no .txt or .md files under ${o.paths.join(', ')}`);
        }
        const model = buildModel(texts, getServices().segmenter);
        try {
          fs.writeFileSync(outFile, `${JSON.stringify(model)}\n`);
        } catch (e) {
          throw new UsageError(`cannot write ${outFile}: ${(e as Error).message}`);
        }
        err(`wenfeng: model of ${model.documents} documents, ${model.tokenCount} tokens, ${Object.keys(model.words).length} words, ${Object.keys(model.bigrams).length} bigrams → ${outFile}\n`);
        return runCode(state, 0);
      }
      case 'outline': {
        one(o, '--format', ['json']);
        if (o.paths.length > 1) {
          throw new UsageError('outline takes one path');
        }
        const file = o.paths[0] ?? '-';
        const { text } = readSingle(file, err);
        const result = analyzeFile(createAnalyzer(getServices(), { log: (m) => err(`${m}\n`) }), o, file, text, err);
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
        const { text } = readSingle(file, err);
        if (offset > text.length) {
          throw new UsageError(`--offset ${offset} is past the end of the text (${text.length})`);
        }
        const services = getServices();
        const analyzer = createAnalyzer(services, { log: (m) => err(`${m}\n`) });
        const result = analyzeFile(analyzer, o, file, text, err);
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
