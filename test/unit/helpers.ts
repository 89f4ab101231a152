/**
 * Shared test helpers: the production services (loaded once), an analyzer, and a table-driven rule tester
 * in the style of textlint's tester (valid texts, invalid texts with exact ranges and the fixed output).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { ALL_RULES, applyFixes, createAnalyzer, type AnalysisConfig, type Analyzer, type Finding, type TextFormat } from '../../server/src/analysis';
import { getServices } from '../../server/src/services';

let analyzer: Analyzer | undefined;

/** The analyzer over the real services (jieba, OpenCC, pinyin), shared by all tests of a process. */
export function getAnalyzer(): Analyzer {
  return (analyzer ??= createAnalyzer(getServices()));
}

/** The checkout's root folder. */
/** The ids of every structure rule, from the registry. */
export const STRUCTURE_RULES: readonly string[] = ALL_RULES.map((r) => r.meta.id).filter((id) => id.startsWith('structure/'));

export const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The corpus of the genre, kept in the project (server/data/corpus). */
export const CORPUS = path.resolve(ROOT, 'server', 'data', 'corpus');

/** Reads a seed essay by its number prefix (`000`). */
export function seed(prefix: string): string {
  const dir = path.join(CORPUS, 'seeds');
  const name = fs.readdirSync(dir).find((f) => f.startsWith(prefix));
  assert.ok(name, `seed ${prefix} not found in ${dir}`);
  return fs.readFileSync(path.join(dir, name), 'utf8');
}

/** Reads a corpus essay of server/data/corpus/shenlun by file name (`0001.txt`). */
export function corpusEssay(name: string): string {
  return fs.readFileSync(path.join(CORPUS, 'shenlun', name), 'utf8');
}

/** Lists the corpus essays. */
export function corpusEssays(): string[] {
  return fs.readdirSync(path.join(CORPUS, 'shenlun')).filter((f) => f.endsWith('.txt')).sort();
}

/** Options of a check in tests. */
export interface CheckOptions {
  format?: TextFormat;
  config?: Partial<AnalysisConfig>;
}

/** Runs only `rules` over `text` and returns their findings. */
export function check(text: string, rules: readonly string[], options: CheckOptions = {}): Finding[] {
  const config: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [], only: rules, ...options.config };
  return getAnalyzer().analyze(text, { format: options.format ?? 'plaintext', config }).findings;
}

/** Applies every automatic fix of `rules`, repeatedly until nothing changes (at most 5 rounds). */
export function fixAll(text: string, rules: readonly string[], options: CheckOptions = {}): string {
  let current = text;
  for (let i = 0; i < 5; i++) {
    const next = applyFixes(current, check(current, rules, options)).text;
    if (next === current) {
      return current;
    }
    current = next;
  }
  return current;
}

/** An expected finding: the flagged text, or exact offsets. */
export interface Expected {
  /** Exact UTF-16 range. */
  range?: [number, number];
  /** The flagged substring (checked against the range found). */
  text?: string;
  /** Substring the message must contain. */
  message?: string;
}

/** A failing case: the text, the expected findings in order, and the text after fix-all. */
export interface InvalidCase {
  text: string;
  errors: Expected[];
  output?: string;
  options?: CheckOptions;
}

/** A table of cases for one rule. */
export interface RuleCases {
  valid: Array<string | { text: string; options?: CheckOptions }>;
  invalid: InvalidCase[];
}

/** Registers node:test cases for a rule from a table. */
export function ruleTester(ruleId: string, cases: RuleCases): void {
  for (const v of cases.valid) {
    const { text, options } = typeof v === 'string' ? { text: v, options: undefined } : v;
    test(`${ruleId} valid: ${text.slice(0, 40)}`, () => {
      const found = check(text, [ruleId], options);
      assert.deepEqual(
        found.map((f) => text.slice(f.start, f.end)),
        [],
        `expected no findings, got ${found.map((f) => `${f.message} @${f.start}-${f.end}`).join('; ')}`,
      );
    });
  }
  for (const c of cases.invalid) {
    test(`${ruleId} invalid: ${c.text.slice(0, 40)}`, () => {
      const found = check(c.text, [ruleId], c.options);
      assert.equal(found.length, c.errors.length, `findings: ${found.map((f) => `${JSON.stringify(c.text.slice(f.start, f.end))} @${f.start}-${f.end}`).join('; ')}`);
      c.errors.forEach((e, i) => {
        const f = found[i]!;
        assert.equal(f.rule, ruleId);
        if (e.range) {
          assert.deepEqual([f.start, f.end], e.range);
        }
        if (e.text !== undefined) {
          assert.equal(c.text.slice(f.start, f.end), e.text);
        }
        if (e.message !== undefined) {
          assert.ok(f.message.includes(e.message), `message ${JSON.stringify(f.message)} lacks ${JSON.stringify(e.message)}`);
        }
        for (const fix of f.fixes) {
          for (const edit of fix.edits) {
            // A fix never touches text outside its finding.
            assert.ok(edit.start >= f.start && edit.end <= f.end, `fix edit ${edit.start}-${edit.end} outside finding ${f.start}-${f.end}`);
          }
        }
      });
      if (c.output !== undefined) {
        const fixed = fixAll(c.text, [ruleId], c.options);
        assert.equal(fixed, c.output);
        assert.equal(fixAll(fixed, [ruleId], c.options), fixed, 'fix-all is idempotent');
      }
    });
  }
}
