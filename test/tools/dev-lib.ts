/**
 * The command line shared by the fold-based tuning tools of the *dev* part (dev-canonical, dev-confusable):
 * `[--folds N] [--seed N] [--quiet] [ESSAY…]`, and the dev essays, refusing any essay of the test part.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../unit/helpers';

export interface FoldArgs {
  folds: number;
  seed: number;
  quiet: boolean;
  /** Essays named on the command line (all dev essays are still used to build the fold models). */
  only: string[];
  /** The dev essays, in split order. */
  dev: string[];
}

/** Parses `argv`; undefined (after a message on stderr) when it names a test essay. */
export function foldArgs(tool: string, argv: readonly string[], defaults: { folds: number; seed: number }): FoldArgs | undefined {
  const args: FoldArgs = { ...defaults, quiet: false, only: [], dev: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--folds') {
      args.folds = Number(argv[++i]);
    } else if (a === '--seed') {
      args.seed = Number(argv[++i]);
    } else if (a === '--quiet') {
      args.quiet = true;
    } else {
      args.only.push(a);
    }
  }
  const split = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'gold', 'split.json'), 'utf8')) as { dev: string[]; test: string[] };
  const test = new Set(split.test);
  const refused = args.only.filter((f) => test.has(f));
  if (refused.length > 0) {
    process.stderr.write(`${tool}: ${refused.join(', ')} belong to the test part; measure them with npm run eval\n`);
    return undefined;
  }
  args.dev = split.dev.filter((f) => !test.has(f));
  return args;
}
