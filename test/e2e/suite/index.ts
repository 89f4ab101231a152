/**
 * Entry point of the extension-host tests, in the contract of @vscode/test-electron: the extension host
 * loads this module (--extensionTestsPath) and awaits run(). Used unchanged by test/e2e/runTest.ts
 * (Electron VS Code) and scripts/e2e-exthost.mjs (code-server).
 *
 * WENFENG_E2E_GREP, when set, runs only the tests whose title matches it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60000, color: false, reporter: 'spec' });
  const grep = process.env.WENFENG_E2E_GREP;
  if (grep) {
    mocha.grep(grep);
  }
  for (const file of fs.readdirSync(__dirname).filter((f) => f.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  const stats = await new Promise<{ passes: number; failures: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0 }));
    } catch (e) {
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
  // The plain closing line that scripts/test.mjs and CI read.
  console.log(`${stats.passes} passed, ${stats.failures} failed`);
  if (stats.failures > 0) {
    throw new Error(`${stats.failures} extension-host test(s) failed`);
  }
  if (stats.passes === 0) {
    throw new Error('no extension-host test ran');
  }
}
