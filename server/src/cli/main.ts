/**
 * The `wenfeng` command line (contract in the spec): check, fix, convert, score, lsp.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error (message on stderr).
 */
import { once } from 'node:events';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs as nodeParseArgs } from 'node:util';
import { isMainThread, workerData } from 'node:worker_threads';
import * as l10n from '@vscode/l10n';
import { DEFAULT_SETTINGS, type Settings } from '../../../protocol/settings';
import { ALL_RULES, applyFixes, createAnalyzer, ruleById, SEVERITIES, type AnalysisConfig, type AnalysisResult, type Analyzer, type Severity } from '../analysis';
import { complete } from '../analysis/complete';
import { modelFromCounts } from '../analysis/model/corpus';
import { countLines, DEFAULT_MAX_ENTRIES, ModelCounts, parseCountLines } from '../analysis/model/counts';
import { DEFAULT_LM_OPTIONS } from '../analysis/model/lm';
import { getServices, setUserModel } from '../services';
import { defaultCacheDir, resolveCorpusPath, UserCorpusIndexer } from '../services/user-corpus';
import { findProjectConfig, formatOf, lineColumn, readProjectConfig, toAnalysisConfig, type ProjectConfig } from '../shared/config';
import { describeFsError, FileError, MAX_INPUT_BYTES, readRegularFile } from '../shared/files';
import { toLang, useLanguage, type Lang } from '../shared/messages';
import { filePieces, formatOutline, OutputWriter, type OutputFormat } from './format';
import { countFiles, readLines, runBuildWorker, splitBySize, startBuildWorker, writeLines, type BuildWorkerOptions, type ReadTexts } from './build';
import { CheckPool, runJob, startCheckWorker, type Job, type JobResult, type WorkerOptions } from './pool';
import { decodeInput, encodeOutput, type InputEncoding } from './input';
import { reportPage, writeReport } from './report';
import { commandHelp, generalHelp, hasHelp } from './help';
import { unifiedDiff } from './diff';
import { ancestorIgnores, globBase, globSource, isGlob, isIgnored, readIgnoreFiles, type IgnoreFile } from './paths';
import { version } from '../../../package.json';

/** A usage or I/O problem: reported on stderr with exit code 2. */
export class UsageError extends Error {}

interface Options {
  command: string;
  paths: string[];
  flags: Map<string, string[]>;
}

/** An option of a command, as util.parseArgs takes it. */
interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
}

const COMMON: Record<string, OptionSpec> = { help: { type: 'boolean', short: 'h' }, lang: { type: 'string' } };
const RULE: OptionSpec = { type: 'string', multiple: true };
const CONFIG: OptionSpec = { type: 'string' };
const STRING: OptionSpec = { type: 'string' };
const BOOLEAN: OptionSpec = { type: 'boolean' };
const CORPUS: OptionSpec = { type: 'string', multiple: true };

/** The options each command accepts (every command also takes --help/-h and --lang). */
export const COMMAND_OPTIONS: Record<string, Record<string, OptionSpec>> = {
  check: { format: STRING, 'fail-on': STRING, rule: RULE, config: CONFIG, corpus: CORPUS, jobs: STRING, 'stdin-filename': STRING, 'no-ignore': BOOLEAN },
  score: { format: STRING, 'fail-on': STRING, rule: RULE, config: CONFIG, corpus: CORPUS, jobs: STRING, 'stdin-filename': STRING, 'no-ignore': BOOLEAN },
  fix: { rule: RULE, config: CONFIG, write: BOOLEAN, diff: BOOLEAN, 'stdin-filename': STRING, 'no-ignore': BOOLEAN },
  convert: { to: STRING, config: CONFIG },
  outline: { format: STRING, rule: RULE, config: CONFIG, 'stdin-filename': STRING },
  complete: { format: STRING, offset: STRING, rule: RULE, config: CONFIG, corpus: CORPUS, 'stdin-filename': STRING },
  report: { output: { type: 'string', short: 'o' }, locale: STRING, rule: RULE, config: CONFIG, corpus: CORPUS, 'stdin-filename': STRING },
  'build-model': { output: { type: 'string', short: 'o' }, 'no-ignore': BOOLEAN, jobs: STRING, partial: BOOLEAN, merge: BOOLEAN, 'max-entries': STRING },
  lsp: { stdio: BOOLEAN },
  help: {},
};

/** The commands, in the order help lists them. */
export const COMMANDS = ['check', 'fix', 'convert', 'outline', 'complete', 'score', 'report', 'build-model', 'lsp'] as const;

/** The flag under which an option is kept in Options.flags (`-o` for --output, as before). */
const flagName = (name: string): string => (name === 'output' ? '-o' : `--${name}`);

function parseArgs(argv: string[]): Options {
  const [first = 'help', ...rest] = argv;
  if (first === '--version' || first === '-v') {
    return { command: 'version', paths: [], flags: new Map() };
  }
  if (first === '--help' || first === '-h') {
    return parseArgs(['help', ...rest]);
  }
  if (first === '--lang' || first.startsWith('--lang=')) {
    // `wenfeng --lang en help check`: the global --lang before the command.
    const [lang, cmd = 'help', ...more] = first === '--lang' ? rest : [first.slice('--lang='.length), ...rest];
    return parseArgs([cmd, ...more, `--lang=${lang ?? ''}`]);
  }
  const command = first;
  const own = COMMAND_OPTIONS[command];
  if (own === undefined) {
    if (first.startsWith('-')) {
      throw new UsageError(`unknown option ${first}; run wenfeng help`);
    }
    return { command, paths: rest, flags: new Map() };
  }
  const options = { ...COMMON, ...own };
  let parsed: { values: Record<string, string | boolean | Array<string | boolean> | undefined>; positionals: string[] };
  try {
    parsed = nodeParseArgs({ args: joinValues(rest, options), options, strict: true, allowPositionals: true });
  } catch (e) {
    const help = command === 'help' ? 'wenfeng help' : `wenfeng ${command} --help`;
    throw new UsageError(`${parseErrorText(e)}; run ${help}`);
  }
  const flags = new Map<string, string[]>();
  for (const [name, value] of Object.entries(parsed.values)) {
    if (value === undefined || value === false) {
      continue;
    }
    flags.set(flagName(name), (Array.isArray(value) ? value : [value]).map(String));
  }
  return { command, paths: parsed.positionals, flags };
}

/**
 * `--name VALUE` of a string option as `--name=VALUE`: the word after a string option is always its value, as
 * it always was (`--jobs -2` is a bad number, not a missing value), which util.parseArgs otherwise refuses.
 */
function joinValues(args: readonly string[], options: Record<string, OptionSpec>): string[] {
  const byFlag = new Map<string, string>();
  for (const [name, spec] of Object.entries(options)) {
    if (spec.type === 'string') {
      byFlag.set(`--${name}`, name);
      if (spec.short) {
        byFlag.set(`-${spec.short}`, name);
      }
    }
  }
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      out.push(...args.slice(i));
      break;
    }
    const name = byFlag.get(a);
    const next = args[i + 1];
    if (name !== undefined && next !== undefined && next.startsWith('-')) {
      out.push(`--${name}=${next}`);
      i++;
    } else {
      out.push(a);
    }
  }
  return out;
}

/** The one-line message of a util.parseArgs error, without its hints. */
function parseErrorText(e: unknown): string {
  const code = (e as { code?: string }).code;
  const message = (e as Error).message;
  const option = /'(-[^' ]*)/.exec(message)?.[1];
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${option ?? message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (/does not take an argument/.test(message)) {
        return `option ${option ?? ''} takes no value`;
      }
      return `option ${option ?? ''} needs a value`;
    default:
      return message.split('\n')[0]!;
  }
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
function* readInputs(paths: string[], state: RunState, err: (s: string) => void, ignore = true): Generator<Input> {
  yield* readFiles(expandPaths(paths, state, err, ignore), state, err);
}

/** readInputs over paths already expanded. */
function* readFiles(files: readonly string[], state: RunState, err: (s: string) => void): Generator<Input> {
  for (const file of files) {
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

/**
 * Expands folders into the Markdown and text files inside them and globs into the files they match (see
 * paths.ts; both honour ignore files unless `ignore` is false); unreadable folders are reported and skipped,
 * and a glob that matches nothing is an error.
 */
function expandPaths(paths: string[], state: RunState, err: (s: string) => void, ignore = true): string[] {
  if (paths.length === 0) {
    return ['-'];
  }
  const out: string[] = [];
  /** Walks a folder: each file `take` accepts (given its path relative to the walk's start) is read. */
  const walk = (dir: string, rel: string, ignores: readonly IgnoreFile[], take: (rel: string, name: string) => boolean, into: string[]): void => {
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
      const childRel = rel === '' ? e.name : `${rel}/${e.name}`;
      // Symbolic links to folders are not followed (no cycles); every other entry with a text extension is
      // read, and reading says what is wrong with it (a FIFO, a device, a broken link).
      if (e.isDirectory()) {
        if (!(ignore && isIgnored(full, true, ignores))) {
          walk(full, childRel, ignore ? [...ignores, ...readIgnoreFiles(full)] : ignores, take, into);
        }
      } else if (take(childRel, e.name) && !(ignore && isIgnored(full, false, ignores))) {
        into.push(full);
      }
    }
  };
  const textFile = (_rel: string, name: string): boolean => /\.(md|markdown|txt)$/i.test(name);
  for (const p of paths) {
    if (p !== '-' && isGlob(p)) {
      const { base, rest } = globBase(p);
      const re = new RegExp(`^${globSource(rest, true)}$`);
      const dir = base === '' ? '.' : base;
      // Matches are named from the glob's folder as it was written (`drafts/a.md`, not `./drafts/a.md`).
      const prefix = base === '' ? '' : base.endsWith('/') ? base : `${base}/`;
      const found: string[] = [];
      walk(dir, '', ignore ? ancestorIgnores(dir) : [], (rel) => re.test(rel), found);
      if (found.length === 0) {
        err(`wenfeng: ${l10n.t('no files match {0}', p)}\n`);
        state.failed = true;
      }
      out.push(...found.map((f) => prefix + path.relative(dir, f).split(path.sep).join('/')));
      continue;
    }
    let isDir = false;
    try {
      isDir = p !== '-' && fs.statSync(p).isDirectory();
    } catch {
      // Reading it reports the problem.
    }
    if (isDir) {
      walk(p, '', ignore ? ancestorIgnores(p) : [], textFile, out);
    } else {
      out.push(p);
    }
  }
  return out;
}

/** The name of an input: --stdin-filename for standard input when given, else the path. */
function named(o: Options, file: string): string {
  return file === '-' ? (one(o, '--stdin-filename') ?? file) : file;
}

/** Settings of each `.wenfeng.json` read in this run; its problems are reported once. */
const configs = new Map<string, Settings>();
/** Each `.wenfeng.json` read in this run, as read. */
const projectConfigs = new Map<string, ProjectConfig>();

function readConfigOnce(file: string): ProjectConfig {
  let c = projectConfigs.get(file);
  if (!c) {
    c = readProjectConfig(file);
    projectConfigs.set(file, c);
  }
  return c;
}

/** The one-line message of a problem of a project file, with its line and column. */
function configProblemLine(c: ProjectConfig, p: ProjectConfig['problems'][number]): string {
  const at = c.text === undefined ? '' : (({ line, character }) => `:${line + 1}:${character + 1}`)(lineColumn(c.text, p.offset));
  return `${c.file}${at}: ${p.message}`;
}

/**
 * Throws the usage error of the first project file that cannot be used at all, among those the given
 * inputs would read. Called before any output is written, so that a streamed run never stops half-way.
 */
function preflightConfigs(o: Options, files: readonly string[]): void {
  const seen = new Set<string>();
  for (const file of files) {
    const config = configFileFor(o, file);
    if (config === undefined || seen.has(config)) {
      continue;
    }
    seen.add(config);
    const c = readConfigOnce(config);
    const fatal = c.problems.find((p) => p.fatal);
    if (fatal) {
      throw new UsageError(configProblemLine(c, fatal));
    }
  }
}

function loadConfig(file: string, err: (s: string) => void): Settings {
  const cached = configs.get(file);
  if (cached) {
    return cached;
  }
  const c = readConfigOnce(file);
  for (const p of c.problems) {
    const line = configProblemLine(c, p);
    if (p.fatal) {
      throw new UsageError(line);
    }
    err(`wenfeng: ${line}\n`);
  }
  const settings = c.settings ?? DEFAULT_SETTINGS;
  configs.set(file, settings);
  return settings;
}

/** The project file that applies to an input: --config, or the nearest `.wenfeng.json`. */
function configFileFor(o: Options, file: string): string | undefined {
  const name = named(o, file);
  return one(o, '--config') ?? findProjectConfig(name === '-' ? process.cwd() : path.dirname(path.resolve(name)));
}

function settingsFor(o: Options, file: string, err: (s: string) => void): Settings {
  const config = configFileFor(o, file);
  return config ? loadConfig(config, err) : DEFAULT_SETTINGS;
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

function configFor(o: Options, file: string, err: (s: string) => void): AnalysisConfig {
  return toAnalysisConfig(settingsFor(o, file, err), ruleFilter(o));
}

function analyzeFile(analyzer: Analyzer, o: Options, file: string, text: string, err: (s: string) => void): AnalysisResult {
  return analyzer.analyze(text, { format: formatOf(named(o, file)), config: configFor(o, file, err) });
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

/** Runs the CLI; returns the exit code. Output goes through the given writers (tests pass their own). */
export function run(argv: string[], out: (s: string) => void, err: (s: string) => void): number {
  const o = start(argv, err);
  if (o === undefined) {
    return 2;
  }
  try {
    if (o.flags.has('--help') && hasHelp(o.command)) {
      out(commandHelp(o.command));
      return 0;
    }
    switch (o.command) {
      case 'help': {
        const [topic, ...more] = o.paths;
        if (more.length > 0 || (topic !== undefined && !hasHelp(topic))) {
          throw new UsageError(`no help for ${o.paths.join(' ')}; commands: ${COMMANDS.join(', ')}`);
        }
        out(topic === undefined ? generalHelp() : commandHelp(topic));
        return 0;
      }
      case 'version':
        out(`${version}\n`);
        return 0;
      case 'check':
      case 'score': {
        // In process (`run` is synchronous); the `wenfeng` binary streams with backpressure and --jobs (main).
        const plan = planCheck(o, err);
        for (const chunk of buffered(checkInProcess(o, plan, err))) {
          out(chunk);
        }
        return checkCode(plan);
      }
      case 'fix': {
        const analyzer = createAnalyzer(getServices(), { log: (m) => err(`${m}\n`) });
        const write = o.flags.has('--write');
        const diff = o.flags.has('--diff');
        if (write && diff) {
          throw new UsageError('fix takes --write or --diff, not both');
        }
        const state: RunState = { failed: false, read: 0, skipped: 0 };
        let changed = false;
        for (const input of readInputs(o.paths, state, err, !o.flags.has('--no-ignore'))) {
          const fixed = fixText(analyzer, o, input.file, input.text, err);
          if (diff) {
            const name = displayPath(named(o, input.file)).replace(/\\/g, '/');
            const d = unifiedDiff(input.text, fixed, name, name);
            changed ||= d !== '';
            out(d);
            continue;
          }
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
        return runCode(state, changed ? 1 : 0);
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
        const problem = writeReport(reportPage(analyzeFile(analyzer, o, file, text, err), text, named(o, file), lang), one(o, '-o'), out);
        if (problem !== undefined) {
          throw new UsageError(`cannot write ${one(o, '-o')}: ${problem}`);
        }
        return 0;
      }
      case 'build-model': {
        // In process (`run` is synchronous); the `wenfeng` binary counts in worker threads (main).
        const plan = planBuild(o);
        if (plan.merge) {
          return finishBuild(plan, mergePartials(plan, o.paths), o.paths, err);
        }
        const files = expandPaths(o.paths, plan.state, err, !o.flags.has('--no-ignore')).filter((f) => f !== '-');
        const r = countFiles(files, DEFAULT_LM_OPTIONS.order, plan.maxEntries, readTexts, err);
        Object.assign(plan.state, { read: r.read, skipped: r.skipped, failed: r.failed || plan.state.failed });
        return finishBuild(plan, r.counts, o.paths, err);
      }
      case 'outline': {
        one(o, '--format', ['json']);
        if (o.paths.length > 1) {
          throw new UsageError('outline takes one path');
        }
        const file = o.paths[0] ?? '-';
        const { text } = readSingle(file, err);
        const result = analyzeFile(createAnalyzer(getServices(), { log: (m) => err(`${m}\n`) }), o, file, text, err);
        out(formatOutline({ path: displayPath(named(o, file)), text, result }));
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
    return failed(e, err);
  }
}

/** Parses the command line and sets the language of messages; undefined (after a message) when unusable. */
function start(argv: string[], err: (s: string) => void): Options | undefined {
  configs.clear();
  projectConfigs.clear();
  try {
    const o = parseArgs(argv);
    useLanguage(toLang(one(o, '--lang', ['zh', 'en', 'zh-cn', 'zh-CN']), 'zh-cn'));
    return o;
  } catch (e) {
    err(`wenfeng: ${(e as Error).message}\n`);
    return undefined;
  }
}

/** Reports an error that ends a run; the exit code is 2. */
function failed(e: unknown, err: (s: string) => void): number {
  if (e instanceof UsageError) {
    err(`wenfeng: ${e.message}\n`);
    return 2;
  }
  if ((e as { code?: unknown } | undefined)?.code === 'EPIPE') {
    // The reader closed the pipe (`wenfeng check … | head`): it wants no more output; nothing went wrong.
    return 0;
  }
  err(`wenfeng: ${l10n.t('internal error')}: ${(e as Error).message}\n`);
  return 2;
}

/** A `check` or `score` run: its inputs, output and what decides the exit code. */
interface CheckPlan {
  format: OutputFormat;
  /** Index in SEVERITIES of --fail-on. */
  failRank: number;
  lang: Lang;
  /** The inputs, folders expanded (entries of unreadable folders already reported). */
  files: string[];
  state: RunState;
  /** Index in SEVERITIES of the most severe finding so far; SEVERITIES.length while there is none. */
  worst: number;
}

/**
 * Checks the options of check and score, expands the paths and makes sure every project file they use can be
 * read: all that can fail with a usage error fails here, before any output is written.
 */
function planCheck(o: Options, err: (s: string) => void): CheckPlan {
  const format = one(o, '--format', ['text', 'json', 'sarif', 'line', 'github']) ?? (o.command === 'score' ? 'json' : 'text');
  const failOn = (one(o, '--fail-on', SEVERITIES) ?? 'warning') as Severity;
  ruleFilter(o);
  jobsOf(o);
  const state: RunState = { failed: false, read: 0, skipped: 0 };
  const files = expandPaths(o.paths, state, err, !o.flags.has('--no-ignore'));
  preflightConfigs(o, files);
  return {
    format: o.command === 'score' ? 'score' : (format as OutputFormat),
    failRank: SEVERITIES.indexOf(failOn),
    lang: toLang(one(o, '--lang'), 'zh-cn'),
    files,
    state,
    worst: SEVERITIES.length,
  };
}

/** Exit code of a check or score run. */
function checkCode(plan: CheckPlan): number {
  return runCode(plan.state, plan.format !== 'score' && plan.worst <= plan.failRank ? 1 : 0);
}

/** A build-model run: what it writes, and within how many keys it counts. */
interface BuildPlan {
  outFile: string;
  partial: boolean;
  merge: boolean;
  maxEntries: number;
  state: RunState;
}

function planBuild(o: Options): BuildPlan {
  const outFile = one(o, '-o');
  if (!outFile || o.paths.length === 0) {
    throw new UsageError('build-model needs <corpus-dir…> -o FILE (or --merge PART… -o FILE)');
  }
  const raw = one(o, '--max-entries');
  const maxEntries = raw === undefined ? DEFAULT_MAX_ENTRIES : Number(raw);
  if (raw !== undefined && (!/^\d+$/.test(raw) || !Number.isSafeInteger(maxEntries) || maxEntries < 1000)) {
    throw new UsageError(`--max-entries needs a whole number, 1000 or more (got ${raw})`);
  }
  jobsOf(o);
  return { outFile, partial: o.flags.has('--partial'), merge: o.flags.has('--merge'), maxEntries, state: { failed: false, read: 0, skipped: 0 } };
}

/** The texts of files for the model: read one at a time; messages about bad entries as check gives them. */
const readTexts: ReadTexts = function* (files, report, tally) {
  const state: RunState = { failed: false, read: 0, skipped: 0 };
  try {
    for (const input of readFiles(files, state, report)) {
      yield input.text;
    }
  } finally {
    Object.assign(tally, state);
  }
};

/** Partial counts merged in the order given; a file that is not partial counts is a usage error. */
function mergePartials(plan: BuildPlan, files: readonly string[]): ModelCounts {
  const counts = new ModelCounts(DEFAULT_LM_OPTIONS.order, plan.maxEntries);
  for (const file of files) {
    try {
      counts.merge(parseCountLines(readLines(file)));
    } catch (e) {
      throw new UsageError(`${file}: ${e instanceof SyntaxError || e instanceof TypeError ? 'not partial counts of a Wenfeng model' : (e as Error).message}`);
    }
    plan.state.read++;
  }
  return counts;
}

/** Writes the model (or, with --partial, the counts) and says what was built. */
function finishBuild(plan: BuildPlan, counts: ModelCounts, paths: readonly string[], err: (s: string) => void): number {
  if (counts.documents === 0) {
    throw new UsageError(plan.merge ? 'the partial counts hold no document' : `no .txt or .md files under ${paths.join(', ')}`);
  }
  const pruned = counts.exact()
    ? ''
    : `; pruned to ${counts.entries()} keys, counts at most ${counts.words.floor} (words), ${counts.bigrams.floor} (bigrams), ${counts.ngrams.map((t) => t.floor).join('/')} (n-grams) below the truth`;
  try {
    if (plan.partial) {
      writeLines(plan.outFile, countLines(counts.data()));
    } else {
      const model = modelFromCounts(counts, DEFAULT_LM_OPTIONS);
      fs.writeFileSync(plan.outFile, `${JSON.stringify(model)}\n`);
      err(`wenfeng: model of ${model.documents} documents, ${model.tokenCount} tokens, ${Object.keys(model.words).length} words, ${Object.keys(model.bigrams).length} bigrams${pruned} → ${plan.outFile}\n`);
      return runCode(plan.state, 0);
    }
  } catch (e) {
    throw new UsageError(`cannot write ${plan.outFile}: ${(e as Error).message}`);
  }
  err(`wenfeng: counts of ${counts.documents} documents, ${counts.tokenCount} tokens, ${counts.entries()} keys${pruned} → ${plan.outFile}\n`);
  return runCode(plan.state, 0);
}

/**
 * build-model as the binary runs it: the files split into --jobs contiguous runs of about equal size, each
 * counted by a worker thread within its share of --max-entries, the counts merged in the order of the files.
 */
async function buildStreamed(o: Options, err: (s: string) => void): Promise<number> {
  const plan = planBuild(o);
  if (plan.merge) {
    return finishBuild(plan, mergePartials(plan, o.paths), o.paths, err);
  }
  const files = expandPaths(o.paths, plan.state, err, !o.flags.has('--no-ignore')).filter((f) => f !== '-');
  const jobs = Math.min(jobsOf(o), files.length);
  if (jobs <= 1) {
    const r = countFiles(files, DEFAULT_LM_OPTIONS.order, plan.maxEntries, readTexts, err);
    Object.assign(plan.state, { read: r.read, skipped: r.skipped, failed: r.failed || plan.state.failed });
    return finishBuild(plan, r.counts, o.paths, err);
  }
  const sizeOf = (f: string): number => {
    try {
      return fs.statSync(f).size;
    } catch {
      return 0;
    }
  };
  const lang = toLang(one(o, '--lang'), 'zh-cn');
  const share = Math.max(1000, Math.floor(plan.maxEntries / jobs));
  const runs = splitBySize(files, jobs, sizeOf).map((run) => runBuildWorker(__filename, { files: run, order: DEFAULT_LM_OPTIONS.order, maxEntries: share, lang }));
  // Merged in file order as each run is done: the main thread holds the merged counts and one run's.
  let counts: ModelCounts | undefined;
  try {
    for (const run of runs) {
      const r = await run.result;
      r.messages.forEach(err);
      plan.state.read += r.read;
      plan.state.skipped += r.skipped;
      plan.state.failed ||= r.failed;
      if (counts) {
        counts.merge(r.data);
      } else {
        counts = ModelCounts.from(r.data, plan.maxEntries);
      }
    }
  } finally {
    await Promise.all(runs.map((run) => run.stop()));
  }
  return finishBuild(plan, counts!, o.paths, err);
}

/** --jobs: the number of worker threads; by default one per core. */
function jobsOf(o: Options): number {
  const raw = one(o, '--jobs');
  if (raw === undefined) {
    return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  }
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--jobs needs a whole number, 1 or more (got ${raw})`);
  }
  return n;
}

const displayPath = (file: string): string => (file === '-' ? '<stdin>' : file);

/** The output of a check or score run in this thread, file by file, piece by piece (read lazily). */
function* checkInProcess(o: Options, plan: CheckPlan, err: (s: string) => void): Generator<string> {
  const analyzer = createAnalyzer(getServices(), { log: (m) => err(`${m}\n`) });
  const writer = new OutputWriter(plan.format);
  yield writer.head();
  for (const input of readFiles(plan.files, plan.state, err)) {
    const name = named(o, input.file);
    const result = analyzer.analyze(input.text, { format: formatOf(name), config: configFor(o, input.file, err) });
    for (const f of result.findings) {
      plan.worst = Math.min(plan.worst, SEVERITIES.indexOf(f.severity));
    }
    for (const p of filePieces(plan.format, { path: displayPath(name), text: input.text, result })) {
      yield writer.piece(p);
    }
  }
  yield writer.tail();
}

/** Size of the chunks written: pieces are gathered up to it, so that a finding is not a system call. */
const CHUNK = 64 * 1024;

/** Gathers small strings into chunks of about CHUNK characters. */
function* buffered(pieces: Iterable<string>): Generator<string> {
  let buf = '';
  for (const p of pieces) {
    buf += p;
    if (buf.length >= CHUNK) {
      yield buf;
      buf = '';
    }
  }
  if (buf) {
    yield buf;
  }
}

/** Writes to a stream, waiting whenever it asks to (a pipe that is full). */
async function writeTo(stream: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!stream.write(chunk)) {
    await once(stream, 'drain');
  }
}

/**
 * `check` and `score` as the binary runs them: the output streamed to standard output with backpressure, and
 * with more than one input and --jobs above 1, the files analysed by a pool of worker threads. The output,
 * messages and exit code are the same as `run` gives.
 */
async function checkStreamed(o: Options, stdout: NodeJS.WritableStream, err: (s: string) => void, inProcess = false): Promise<number> {
  const plan = planCheck(o, err);
  // The writer's corpus lives in this thread's services: with it, every file is checked here.
  const jobs = inProcess ? 1 : Math.min(jobsOf(o), plan.files.length);
  if (jobs <= 1) {
    for (const chunk of buffered(checkInProcess(o, plan, err))) {
      await writeTo(stdout, chunk);
    }
    return checkCode(plan);
  }
  // The main thread is one of the N: it analyses a file itself whenever every worker has work queued.
  const pool = new CheckPool(__filename, jobs - 1, { format: plan.format, lang: plan.lang });
  let local: Analyzer | undefined;
  const localLogs: string[] = [];
  const runLocally = (job: Job): JobResult => {
    local ??= createAnalyzer(getServices(), { log: (m) => localLogs.push(`${m}\n`) });
    try {
      return { ...runJob(local, plan.format, job, formatOf), logs: localLogs.splice(0) };
    } catch (e) {
      return { id: job.id, pieces: [], worst: SEVERITIES.length, logs: localLogs.splice(0), error: (e as Error).message };
    }
  };
  try {
    const writer = new OutputWriter(plan.format);
    let buf = writer.head();
    const write = async (s: string): Promise<void> => {
      buf += s;
      if (buf.length >= CHUNK) {
        const chunk = buf;
        buf = '';
        await writeTo(stdout, chunk);
      }
    };
    // Each file in order: the messages of the main thread about it (and about skipped entries before it), and
    // the worker's answer. A file's messages and output are written only when every earlier file's are.
    interface Slot {
      messages: string[];
      result?: Promise<JobResult>;
      done?: boolean;
    }
    const window: Slot[] = [];
    const logged = new Set<string>();
    const emit = async (slot: Slot): Promise<void> => {
      slot.messages.forEach(err);
      if (!slot.result) {
        return;
      }
      const r = await slot.result;
      // The same rule error is logged once per run, as one analyzer does (each worker has its own).
      for (const line of r.logs) {
        if (!logged.has(line)) {
          logged.add(line);
          err(line);
        }
      }
      if (r.error !== undefined) {
        throw new Error(r.error);
      }
      plan.worst = Math.min(plan.worst, r.worst);
      for (const p of r.pieces) {
        await write(writer.piece(p));
      }
    };
    let messages: string[] = [];
    const collect = (s: string): void => {
      messages.push(s);
    };
    let id = 0;
    for (const input of readFiles(plan.files, plan.state, collect)) {
      const job: Job = { id: id++, path: displayPath(named(o, input.file)), file: named(o, input.file), text: input.text, config: configFor(o, input.file, collect) };
      // Two jobs queued per worker keep it busy; past that the main thread takes the file.
      const slot: Slot = { messages };
      if (pool.load() < 2 * pool.size) {
        slot.result = pool.run(job);
        slot.result.then(
          () => (slot.done = true),
          () => (slot.done = true),
        );
      } else {
        slot.result = Promise.resolve(runLocally(job));
        slot.done = true;
      }
      window.push(slot);
      messages = [];
      // Let the workers' answers in (each answer hands its worker the next queued job), then write what is
      // ready; wait only when many files are in flight (memory stays bounded).
      await new Promise<void>((resolve) => setImmediate(resolve));
      while (window.length > 0 && (window[0]!.done === true || window.length >= 4 * jobs)) {
        await emit(window.shift()!);
      }
    }
    window.push({ messages });
    for (const slot of window.splice(0)) {
      await emit(slot);
    }
    await writeTo(stdout, buf + writer.tail());
    return checkCode(plan);
  } finally {
    await pool.close();
  }
}

/**
 * The writer's corpus of a run (issue 16): the folders of --corpus (from the current folder) and the
 * `corpus.paths` of the project file (--config, or the nearest `.wenfeng.json` from the current folder),
 * indexed (cached under XDG_CACHE_HOME or ~/.cache, then wenfeng) and mixed into the model. True when a
 * user model was set; skipped files are listed on stderr.
 */
export async function useCorpusOf(o: Options, err: (s: string) => void): Promise<boolean> {
  const folders = new Set((o.flags.get('--corpus') ?? []).map((p) => resolveCorpusPath(p, process.cwd())));
  const config = one(o, '--config') ?? findProjectConfig(process.cwd());
  if (config) {
    for (const p of readProjectConfig(config).settings?.corpus.paths ?? []) {
      folders.add(resolveCorpusPath(p, path.dirname(path.resolve(config))));
    }
  }
  if (folders.size === 0) {
    return false;
  }
  const indexer = new UserCorpusIndexer(getServices().segmenter, defaultCacheDir(), (m) => err(`${m}\n`));
  const r = await indexer.index([...folders].sort());
  if (!r?.model) {
    err(`wenfeng: ${l10n.t('no essay could be read from the corpus folders')}\n`);
    return false;
  }
  setUserModel(r.model, r.summary.weight);
  return true;
}

/** Commands whose analysis reads the corpus model. */
const CORPUS_COMMANDS: ReadonlySet<string> = new Set(['check', 'score', 'complete', 'report']);

/** The binary: check and score streamed (checkStreamed), every other command through run. */
async function main(argv: string[]): Promise<number> {
  const err = (s: string): void => {
    process.stderr.write(s);
  };
  const o = start(argv, err);
  if (o === undefined) {
    return 2;
  }
  let withCorpus = false;
  if (CORPUS_COMMANDS.has(o.command) && !o.flags.has('--help')) {
    try {
      withCorpus = await useCorpusOf(o, err);
    } catch (e) {
      return failed(e, err);
    }
  }
  if ((o.command === 'check' || o.command === 'score') && !o.flags.has('--help')) {
    try {
      return await checkStreamed(o, process.stdout, err, withCorpus);
    } catch (e) {
      return failed(e, err);
    }
  }
  if (o.command === 'build-model' && !o.flags.has('--help')) {
    try {
      return await buildStreamed(o, err);
    } catch (e) {
      return failed(e, err);
    }
  }
  return run(argv, (s) => process.stdout.write(s), err);
}

if (!isMainThread && (workerData as Partial<WorkerOptions> | null)?.wenfengCheckWorker === true) {
  startCheckWorker(formatOf);
} else if (!isMainThread && (workerData as Partial<BuildWorkerOptions> | null)?.wenfengBuildWorker === true) {
  startBuildWorker(readTexts);
} else if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    if (code >= 0) {
      process.exitCode = code;
    }
  });
}
