/**
 * Process entry of the language server (bundled to dist/server.js). The transport comes from the command
 * line: --node-ipc when VS Code starts it, --stdio for every other editor.
 */
import { ruleById } from './analysis/registry';
import { startFromArgv } from './server';

// Console output would corrupt the stdio transport; the server logs through connection.console.
console.log = (...args: unknown[]): void => {
  process.stderr.write(`${args.map(String).join(' ')}\n`);
};

// Test-only seam, not a setting (README, "End-to-end tests"): WENFENG_TEST_THROWING_RULE=<rule id> makes that
// rule throw on every check in this server process, so that tests can watch a failing rule being isolated end
// to end (one internal/rule-error diagnostic on line 1 naming it; every other rule still reports).
const throwing = process.env.WENFENG_TEST_THROWING_RULE;
if (throwing) {
  const rule = ruleById(throwing);
  if (rule) {
    rule.check = (): never => {
      throw new Error(`${throwing} made to throw by WENFENG_TEST_THROWING_RULE`);
    };
  } else {
    process.stderr.write(`wenfeng: WENFENG_TEST_THROWING_RULE: there is no rule ${throwing}\n`);
  }
}
startFromArgv();
