/**
 * Process entry of the language server (bundled to dist/server.js). The transport comes from the command
 * line: --node-ipc when VS Code starts it, --stdio for every other editor.
 */
import { startFromArgv } from './server';

// Console output would corrupt the stdio transport; the server logs through connection.console.
console.log = (...args: unknown[]): void => {
  process.stderr.write(`${args.map(String).join(' ')}\n`);
};
startFromArgv();
