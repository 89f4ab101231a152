/**
 * Runs the extension-host suite (test/e2e/suite) with @vscode/test-electron, the standard way, in a desktop
 * VS Code. Where the internet is reachable it downloads VS Code (VSCODE_VERSION, default: stable); with
 * VSCODE_EXECUTABLE set it uses that executable instead and downloads nothing.
 *
 *   npx tsc -p . && node esbuild.mjs && node out/test/e2e/runTest.js
 *
 * Not used on the offline CI machine: there `npm test` runs the same suite in code-server through
 * scripts/e2e-exthost.mjs. That script also accepts test-electron's arguments, so this runner works offline
 * too: VSCODE_EXECUTABLE=scripts/e2e-exthost.mjs node out/test/e2e/runTest.js
 */
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  // out/test/e2e → the checkout is three levels up.
  const root = path.resolve(__dirname, '..', '..', '..');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE
    ? path.resolve(process.env.VSCODE_EXECUTABLE)
    : await downloadAndUnzipVSCode(process.env.VSCODE_VERSION ?? 'stable');
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    // The test workspace (its .vscode/settings.json pins the settings the tests expect); no other extensions.
    launchArgs: [path.join(root, 'test', 'fixtures', 'workspace'), '--disable-extensions'],
  });
}

main().catch((e: unknown) => {
  console.error(`extension-host tests failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
