/**
 * Help of the `wenfeng` command line: the overview (`wenfeng help`) and one page per command
 * (`wenfeng help <command>`, `wenfeng <command> --help`). Descriptions go through l10n.t (zh-CN by default,
 * English with --lang en); synopses and option names are not translated.
 */
import * as l10n from '@vscode/l10n';

interface CommandHelp {
  synopsis: string;
  summary: () => string;
  options: Array<[string, () => string]>;
}

const RULE: [string, () => string] = ['--rule ID', () => l10n.t('only this rule (repeat the option for several)')];
const CONFIG: [string, () => string] = ['--config FILE', () => l10n.t('the project file to use instead of the nearest .wenfeng.json')];
const STDIN_NAME: [string, () => string] = ['--stdin-filename NAME', () => l10n.t('the name of standard input, for format detection and in the output')];
const NO_IGNORE: [string, () => string] = ['--no-ignore', () => l10n.t('do not read .wenfengignore and .gitignore files')];
const CORPUS: [string, () => string] = ['--corpus DIR', () => l10n.t('a folder of your own essays, mixed into the corpus model (repeat for several)')];
const JOBS: [string, () => string] = ['--jobs N', () => l10n.t('worker threads (default: one per core); the output does not depend on N')];

const COMMANDS: Record<string, CommandHelp> = {
  check: {
    synopsis: 'wenfeng check [paths|globs…] [options]',
    summary: () => l10n.t('Checks Markdown and text files and prints the findings.'),
    options: [
      ['--format text|json|sarif|line|github', () => l10n.t('output format (default: text)')],
      ['--fail-on error|warning|information|hint', () => l10n.t('exit 1 when a finding is at least this severe (default: warning)')],
      RULE,
      CONFIG,
      CORPUS,
      JOBS,
      STDIN_NAME,
      NO_IGNORE,
    ],
  },
  fix: {
    synopsis: 'wenfeng fix [paths|globs…] [options]',
    summary: () => l10n.t('Applies the automatic fixes and prints the result.'),
    options: [
      ['--write', () => l10n.t('rewrite the files in place instead of printing them')],
      ['--diff', () => l10n.t('print a unified diff of the changes and write nothing; exit 1 when there is something to fix')],
      RULE,
      CONFIG,
      STDIN_NAME,
      NO_IGNORE,
    ],
  },
  convert: {
    synopsis: 'wenfeng convert --to simplified|traditional|taiwan|hongkong [path]',
    summary: () => l10n.t('Converts the text between Chinese scripts.'),
    options: [['--to SCRIPT', () => l10n.t('the target script')]],
  },
  outline: {
    synopsis: 'wenfeng outline [path] --format json',
    summary: () => l10n.t('Prints the sections and parallel series of an essay as JSON.'),
    options: [['--format json', () => l10n.t('output format')], RULE, CONFIG, STDIN_NAME],
  },
  complete: {
    synopsis: 'wenfeng complete [path] --offset N --format json',
    summary: () => l10n.t('Prints the completions at a position as JSON.'),
    options: [['--offset N', () => l10n.t('the position, a UTF-16 offset')], ['--format json', () => l10n.t('output format')], RULE, CONFIG, CORPUS, STDIN_NAME],
  },
  score: {
    synopsis: 'wenfeng score [paths|globs…] --format json [options]',
    summary: () => l10n.t('Prints the score of each file as JSON.'),
    options: [['--format json', () => l10n.t('output format')], RULE, CONFIG, CORPUS, JOBS, STDIN_NAME, NO_IGNORE],
  },
  report: {
    synopsis: 'wenfeng report <file> [-o report.html] [--locale zh-CN|en]',
    summary: () => l10n.t('Writes an HTML report of one essay.'),
    options: [
      ['-o, --output FILE', () => l10n.t('the HTML file to write (default: standard output)')],
      ['--locale zh-CN|en', () => l10n.t('the language of the report')],
      RULE,
      CONFIG,
      CORPUS,
      STDIN_NAME,
    ],
  },
  'build-model': {
    synopsis: 'wenfeng build-model <corpus-dir…> -o FILE  |  build-model --merge PART… -o FILE',
    summary: () => l10n.t('Builds the corpus model from folders of essays.'),
    options: [
      ['-o, --output FILE', () => l10n.t('the model file to write')],
      ['--partial', () => l10n.t('write the counts instead of the model, to merge later (--merge)')],
      ['--merge', () => l10n.t('the paths are partial counts: merge them, in the order given')],
      ['--jobs N', () => l10n.t('worker threads (default: one per core); the model does not depend on N unless counts were pruned')],
      ['--max-entries N', () => l10n.t('keys the counts may hold before rare ones are pruned (default: 4000000; about 100 bytes each)')],
      NO_IGNORE,
    ],
  },
  lsp: {
    synopsis: 'wenfeng lsp --stdio',
    summary: () => l10n.t('Runs the language server over standard input and output.'),
    options: [['--stdio', () => l10n.t('talk over standard input and output')]],
  },
};

const COMMON: Array<[string, () => string]> = [
  ['--lang zh|en', () => l10n.t('language of messages (default: zh)')],
  ['-h, --help', () => l10n.t('show this help')],
];

function optionLines(options: Array<[string, () => string]>): string {
  const width = Math.max(...options.map(([o]) => o.length)) + 2;
  return options.map(([o, d]) => `  ${o.padEnd(width)}${d()}\n`).join('');
}

/** Whether a command has a help page. */
export const hasHelp = (command: string): boolean => Object.prototype.hasOwnProperty.call(COMMANDS, command);

/** The help page of one command. */
export function commandHelp(command: string): string {
  const c = COMMANDS[command]!;
  return `${l10n.t('Usage')}: ${c.synopsis}\n\n${c.summary()}\n\n${l10n.t('Options')}:\n${optionLines([...c.options, ...COMMON])}`;
}

/** The overview: every command with its summary, and what input and exit codes mean. */
export function generalHelp(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length)) + 2;
  return (
    `wenfeng — ${l10n.t('writing assistant for Chinese official-style prose')}\n\n` +
    `${l10n.t('Usage')}: wenfeng <command> [options]\n\n${l10n.t('Commands')}:\n` +
    names.map((n) => `  ${n.padEnd(width)}${COMMANDS[n]!.summary()}\n`).join('') +
    `\n  wenfeng help <command>   ${l10n.t('help of a command')}\n  wenfeng --version        ${l10n.t('the version')}\n\n` +
    `${l10n.t("'-' or no path reads standard input; a folder is searched for .md, .markdown and .txt files (honouring .wenfengignore and .gitignore); a path may be a glob (*, **, ?, {a,b}).")}\n` +
    `${l10n.t('Exit: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error.')}\n`
  );
}
