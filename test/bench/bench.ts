/**
 * `npm run bench`: Wenfeng side by side with the peers users would otherwise run, on the same text in one
 * run, reporting ratios against the spec's quality bars. Text: the corpus essays concatenated to 1 MB and
 * 10 MB. Peers: autocorrect-node (CJK spacing and punctuation, native) and zhlint (JS).
 * Numbers are medians of several runs; this machine is noisy, so read ratios, not absolute times.
 *
 * - Throughput: whole-document analysis from a cold start each time (a new analyzer keeps no cache).
 * - One-character edit: the server's path after didChange — the document updated incrementally, analysed,
 *   its findings turned into LSP diagnostics and serialised — on a 100,000-character document.
 * - Start-up and memory: the language server (dist/server.js, with the data the build compiles) over
 *   stdio, from spawn to the first diagnostics; its resident memory (the operating system's figure for the
 *   process) once it has published the diagnostics of the 10 MB text and settled, and at its peak.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer, type AnalysisConfig } from '../../server/src/analysis';
import { toDiagnostic } from '../../server/src/features/diagnostics';
import { getServices } from '../../server/src/services';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORPUS = path.resolve(ROOT, 'server', 'data', 'corpus', 'shenlun');
const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [] };

function corpusText(bytes: number): string {
  const essays = fs.readdirSync(CORPUS).sort().map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8'));
  let out = '';
  for (let i = 0; Buffer.byteLength(out) < bytes; i++) {
    // Number the copies so that repeated essays are distinct paragraphs (no cache hits across copies).
    out += essays[i % essays.length]!.replace(/\n/g, `（${i}）\n`);
  }
  return out;
}

/** The median; of an even number of runs, the mean of the middle two (of two runs, not the slower one). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function time(runs: number, f: () => void): number {
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
const fmt = (n: number, d = 1): string => n.toFixed(d);

/** The language server over stdio, and a way to wait for the diagnostics of a document it was sent. */
function startServer(): { child: ChildProcessWithoutNullStreams; send(msg: object): void; diagnostics(uri: string): Promise<void> } {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe' });
  child.stderr.resume();
  const send = (msg: object): void => {
    const body = JSON.stringify(msg);
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  // Parse the Content-Length framed messages, keeping only the URIs of published diagnostics.
  let pending = Buffer.alloc(0);
  const published = new Set<string>();
  const waiting = new Map<string, () => void>();
  child.stdout.on('data', (d: Buffer) => {
    pending = Buffer.concat([pending, d]);
    for (;;) {
      const head = pending.indexOf('\r\n\r\n');
      if (head < 0) {
        return;
      }
      const length = Number(/Content-Length: (\d+)/i.exec(pending.subarray(0, head).toString())?.[1] ?? 0);
      if (pending.length < head + 4 + length) {
        return;
      }
      const body = pending.subarray(head + 4, head + 4 + length).toString();
      pending = pending.subarray(head + 4 + length);
      const m = /"method":"textDocument\/publishDiagnostics","params":\{"uri":"([^"]+)"/.exec(body);
      if (m) {
        published.add(m[1]!);
        waiting.get(m[1]!)?.();
      }
    }
  });
  const diagnostics = (uri: string): Promise<void> =>
    published.has(uri) ? Promise.resolve() : new Promise((resolve) => waiting.set(uri, resolve));
  send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  return { child, send, diagnostics };
}

const open = (uri: string, text: string): object => ({
  jsonrpc: '2.0',
  method: 'textDocument/didOpen',
  params: { textDocument: { uri, languageId: 'plaintext', version: 1, text } },
});

/** Server start (spawn) to the first diagnostics of a 20 KB document. */
async function firstDiagnostics(): Promise<number> {
  const text = corpusText(20_000);
  const t0 = performance.now();
  const server = startServer();
  server.send(open('file:///bench.txt', text));
  await server.diagnostics('file:///bench.txt');
  const ms = performance.now() - t0;
  server.child.kill();
  return ms;
}

/** Resident and peak resident memory of a process in MB (Linux: /proc; elsewhere ps, without the peak). */
function residentMemory(pid: number): { rss: number; peak: number | null } {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') / 1000, peak: kb('VmHWM') / 1000 };
  } catch {
    return { rss: Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)]).toString().trim()) / 1000, peak: null };
  }
}

/** The server's memory once it has published the diagnostics of `text` and has been idle for a while. */
async function serverMemory(text: string): Promise<{ rss: number; peak: number | null }> {
  const server = startServer();
  server.send(open('file:///big.txt', text));
  await server.diagnostics('file:///big.txt');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const m = residentMemory(server.child.pid!);
  server.child.kill();
  return m;
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const one = corpusText(1_000_000);
  const ten = corpusText(10_000_000);
  const b1 = Buffer.byteLength(one);
  const b10 = Buffer.byteLength(ten);

  const t0 = performance.now();
  const services = getServices();
  const warm = createAnalyzer(services);
  warm.analyze('预热。', { format: 'plaintext', config: CONFIG });
  const loadMs = performance.now() - t0;

  // Whole-document analysis from a cold cache each time (a new analyzer per run).
  const w1 = time(5, () => createAnalyzer(services).analyze(one, { format: 'plaintext', config: CONFIG }));
  const w10 = time(2, () => createAnalyzer(services).analyze(ten, { format: 'plaintext', config: CONFIG }));

  // Re-analysis after a one-character edit in a 100,000-character document (warm caches), as the server
  // does it: the edit applied to the document, the text analysed, the findings converted and serialised.
  const analyzer = createAnalyzer(services);
  let doc = TextDocument.create('file:///edit.txt', 'plaintext', 1, corpusText(300_000).slice(0, 100_000));
  analyzer.analyze(doc.getText(), { format: 'plaintext', config: CONFIG });
  let k = 0;
  const edit = time(21, () => {
    const at = doc.positionAt(50_000 + (k++ % 100) * 10);
    doc = TextDocument.update(doc, [{ range: { start: at, end: at }, text: '字' }], doc.version + 1);
    const result = analyzer.analyze(doc.getText(), { format: 'plaintext', config: CONFIG });
    const diagnostics = result.findings.map((f) => toDiagnostic(doc, f));
    JSON.stringify({ uri: doc.uri, version: doc.version, diagnostics });
  });

  rows.push(['wenfeng (all rules)', fmt(mbps(b1, w1)), fmt(mbps(b10, w10)), '1.00']);

  // Peers on the same text.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const autocorrect = require('autocorrect-node') as { lintFor(text: string, file: string): { lines: unknown[]; error: string } };
  const chunks = (text: string, size: number): string[] => {
    const out: string[] = [];
    for (let i = 0; i < text.length; ) {
      let j = Math.min(text.length, i + size);
      const nl = text.indexOf('\n', j);
      j = nl < 0 ? text.length : nl + 1;
      out.push(text.slice(i, j));
      i = j;
    }
    return out;
  };
  const a1 = time(5, () => chunks(one, 30_000).forEach((c) => autocorrect.lintFor(c, 'a.md')));
  const a10 = time(2, () => chunks(ten, 30_000).forEach((c) => autocorrect.lintFor(c, 'a.md')));
  rows.push(['autocorrect-node (≤100 KB chunks)', fmt(mbps(b1, a1)), fmt(mbps(b10, a10)), fmt(a1 / w1, 2)]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const zhlint = require('zhlint') as { run(text: string): unknown };
  const z1 = time(1, () => chunks(one, 30_000).forEach((c) => zhlint.run(c)));
  rows.push(['zhlint (1 MB only)', fmt(mbps(b1, z1)), '—', fmt(z1 / w1, 2)]);

  const start = await firstDiagnostics();
  const memory = await serverMemory(ten);
  const memory1 = await serverMemory(one);

  const out = [
    `Wenfeng benchmark — ${new Date().toISOString()} — node ${process.version}`,
    `text: corpus essays, ${fmt(b1 / 1e6, 2)} MB and ${fmt(b10 / 1e6, 2)} MB of UTF-8`,
    '',
    '| tool | MB/s on 1 MB | MB/s on 10 MB | time ratio to wenfeng (1 MB) |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
    `quality bars (spec): ≥ 8 MB/s → ${fmt(mbps(b1, w1))} MB/s ${mbps(b1, w1) >= 8 ? 'ok' : 'BELOW'}; ` +
      `linear (10 MB ≤ 12× 1 MB) → ${fmt(w10 / w1, 2)}× ${w10 / w1 <= 12 ? 'ok' : 'BELOW'}; ` +
      `one-character edit in 100,000 characters ≤ 15 ms → ${fmt(edit, 2)} ms ${edit <= 15 ? 'ok' : 'BELOW'}; ` +
      `server start to first diagnostics ≤ 500 ms → ${fmt(start, 0)} ms ${start <= 500 ? 'ok' : 'BELOW'}; ` +
      `resident memory ≤ 200 MB → ${fmt(memory.rss, 0)} MB (language server, settled after the diagnostics of the 10 MB text; ` +
      `peak ${memory.peak === null ? 'n/a' : fmt(memory.peak, 0)} MB; 1 MB text: ${fmt(memory1.rss, 0)} MB, peak ${memory1.peak === null ? 'n/a' : fmt(memory1.peak, 0)} MB) ${memory.rss <= 200 ? 'ok' : 'BELOW'}`,
    `services load (jieba, dictionaries): ${fmt(loadMs, 0)} ms`,
  ];
  console.log(out.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
