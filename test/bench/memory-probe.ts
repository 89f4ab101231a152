/**
 * Preloaded into the language server by the bench (`node -r …/memory-probe.js dist/server.js`): on SIGUSR2
 * the server writes its memory as one line to standard error, after a full garbage collection when it runs
 * with --expose-gc. The server itself knows nothing of this.
 */
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  process.stderr.write(`wenfeng-bench-memory ${JSON.stringify(process.memoryUsage())}\n`);
});
