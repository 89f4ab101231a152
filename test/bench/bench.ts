/**
 * `npm run bench`: Wenfeng side by side with the peers users would otherwise run, on the same text in one
 * run, reporting ratios against the spec's quality bars. Text: the corpus essays concatenated to 1 MB and
 * 10 MB. Peers: autocorrect-node (CJK spacing and punctuation, native) and zhlint (JS).
 * Numbers are medians of several runs; this machine is noisy, so read ratios, not absolute times.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnalyzer, type AnalysisConfig } from '../../server/src/analysis';
import { getServices } from '../../server/src/services';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus', 'shenlun');
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

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
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

async function firstDiagnostics(): Promise<number> {
  const server = path.join(ROOT, 'dist', 'server.js');
  const text = corpusText(20_000);
  const t0 = performance.now();
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const send = (msg: object): void => {
    const body = JSON.stringify(msg);
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  };
  send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
  send({ jsonrpc: '2.0', method: 'initialized', params: {} });
  send({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///bench.txt', languageId: 'plaintext', version: 1, text } } });
  return new Promise((resolve) => {
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('textDocument/publishDiagnostics')) {
        const ms = performance.now() - t0;
        child.kill();
        resolve(ms);
      }
    });
  });
}

async function main(): Promise<void> {
  const rows: string[][] = [];
  const one = corpusText(1_000_000);
  const ten = corpusText(10_000_000);
  const b1 = Buffer.byteLength(one);
  const b10 = Buffer.byteLength(ten);

  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const services = getServices();
  const warm = createAnalyzer(services);
  warm.analyze('预热。', { format: 'plaintext', config: CONFIG });
  const loadMs = performance.now() - t0;

  // Whole-document analysis from a cold cache each time (a new analyzer per run).
  const w1 = time(5, () => createAnalyzer(services).analyze(one, { format: 'plaintext', config: CONFIG }));
  const w10 = time(2, () => createAnalyzer(services).analyze(ten, { format: 'plaintext', config: CONFIG }));
  const rss = process.memoryUsage().rss;

  // Re-analysis after a one-character edit in a 100,000-character document (warm caches).
  const doc = corpusText(300_000).slice(0, 100_000);
  const analyzer = createAnalyzer(services);
  analyzer.analyze(doc, { format: 'plaintext', config: CONFIG });
  let k = 0;
  const edit = time(21, () => {
    const at = 50_000 + (k++ % 100) * 10;
    analyzer.analyze(`${doc.slice(0, at)}字${doc.slice(at)}`, { format: 'plaintext', config: CONFIG });
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
      `resident memory ≤ 200 MB → ${fmt(rss / 1e6, 0)} MB (after 10 MB analysis; ${fmt(rssBefore / 1e6, 0)} MB before loading) ${rss / 1e6 <= 200 ? 'ok' : 'BELOW'}`,
    `services load (jieba, dictionaries): ${fmt(loadMs, 0)} ms`,
  ];
  console.log(out.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
