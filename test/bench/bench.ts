/**
 * `npm run bench`: Wenfeng side by side with the peers users would otherwise run, on the same text in one
 * run, reporting ratios against the spec's quality bars. Text: the corpus essays' sentences reshuffled into
 * paragraphs, 1 MB and 10 MB (./bench-text.ts). Times are wall-clock medians; the CPU time of the same runs is
 * reported beside them, since on a machine shared with other work it moves less. Peers: autocorrect-node (CJK
 * spacing and punctuation, native) and zhlint (JS). This machine is noisy, so read ratios, not absolute times.
 *
 * - Throughput: whole-document analysis from a cold start each time (a new analyzer keeps no cache).
 * - One-character edit: the server's path after didChange — the document updated incrementally, analysed,
 *   its findings turned into LSP diagnostics and serialised — on a 100,000-character document: the first 21
 *   edits after the analysis (the bar), then 21 more after 40 untimed ones; CPU time of all threads and of the
 *   main thread (Linux), since the first edits' CPU time is mostly the optimising compiler's thread.
 * - Start-up and memory: the language server (dist/server.js, with the data the build compiles) over
 *   stdio, from spawn to the first diagnostics; its resident memory (the operating system's figure for the
 *   process) once it has published the diagnostics of the 10 MB text and settled, and at its peak; and its
 *   V8 heap then (after a full collection), which the server reports through test/bench/memory-probe.ts.
 * - Many files: `wenfeng check DIR --format json` (dist/cli.js) over 200 corpus essays with --jobs 1 and
 *   --jobs 2, and AutoCorrect's CLI (`autocorrect --lint --format json DIR`) over the same folder, each a new
 *   process; and the CLI's start to first output on the sample draft.
 *
 * - Model build (only with `--only model`, it takes minutes): `wenfeng build-model` over 10 million characters
 *   of essay-sized reshuffled documents with --jobs 1 and 2: wall and CPU time, peak resident memory
 *   (./model-build.ts; `node out/test/bench/model-build.js` builds from 100 million).
 *
 * Options: `--only throughput,edit,server,files` runs only those parts. With WENFENG_BASELINE=<checkout> (an
 * older build of Wenfeng, its dist/ built) the server and CLI parts run that build too, side by side.
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createAnalyzer, type AnalysisConfig } from '../../server/src/analysis';
import { DEFAULT_SETTINGS } from '../../protocol/settings';
import { publishedDiagnostics } from '../../server/src/features/diagnostics';
import { getServices } from '../../server/src/services';
import { corpusText } from './bench-text';
import { measureBuild, writeModelText } from './model-build';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CORPUS = path.resolve(ROOT, 'server', 'data', 'corpus', 'shenlun');
const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [] };

/** The median; of an even number of runs, the mean of the middle two (of two runs, not the slower one). */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Median CPU time (ms) of the runs of the last {@link time}: on a busy machine it moves less than wall time. */
let lastCpu = 0;

/**
 * CPU time (ms) of the main thread of this process so far, or undefined where /proc does not tell it (not
 * Linux). process.cpuUsage counts every thread, the garbage collector's helpers included; the difference
 * tells how much of a run's CPU time went to them. Clock ticks: meaningful over many runs, not one.
 */
function mainThreadCpu(): number | undefined {
  try {
    const fields = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Mean main-thread CPU time (ms) of the runs of the last {@link time}, when known. */
let lastMainCpu: number | undefined;

function time(runs: number, f: () => void): number {
  const ts: number[] = [];
  const cpu: number[] = [];
  const main0 = mainThreadCpu();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    f();
    ts.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  lastCpu = median(cpu);
  const main1 = mainThreadCpu();
  lastMainCpu = main0 === undefined || main1 === undefined ? undefined : (main1 - main0) / runs;
  return median(ts);
}

const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000);
const fmt = (n: number, d = 1): string => n.toFixed(d);

/** The language server over stdio, and a way to wait for the diagnostics of a document it was sent. */
function startServer(root = ROOT): {
  child: ChildProcessWithoutNullStreams;
  send(msg: object): void;
  diagnostics(uri: string): Promise<void>;
  heap(): Promise<{ heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }>;
} {
  const probe = path.join(ROOT, 'out', 'test', 'bench', 'memory-probe.js');
  const child = spawn(process.execPath, ['--expose-gc', '-r', probe, path.join(root, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe' });
  let errText = '';
  let onMemory: ((line: string) => void) | undefined;
  child.stderr.on('data', (d: Buffer) => {
    errText += d.toString();
    const m = /wenfeng-bench-memory (\{.*\})\n/.exec(errText);
    if (m) {
      errText = '';
      onMemory?.(m[1]!);
    } else if (errText.length > 100_000) {
      errText = errText.slice(-1000);
    }
  });
  const heap = (): Promise<{ heapUsed: number; heapTotal: number; external: number; arrayBuffers: number }> =>
    new Promise((resolve) => {
      onMemory = (line) => resolve(JSON.parse(line) as { heapUsed: number; heapTotal: number; external: number; arrayBuffers: number });
      child.kill('SIGUSR2');
    });
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
  return { child, send, diagnostics, heap };
}

const open = (uri: string, text: string): object => ({
  jsonrpc: '2.0',
  method: 'textDocument/didOpen',
  params: { textDocument: { uri, languageId: 'plaintext', version: 1, text } },
});

/** Server start (spawn) to the first diagnostics of a 20 KB document. */
async function firstDiagnostics(root = ROOT): Promise<number> {
  const text = corpusText(20_000);
  const t0 = performance.now();
  const server = startServer(root);
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

/**
 * The server's memory once it has published the diagnostics of `text` and has been idle for a while: resident
 * (and peak), then the V8 heap after a full collection (MB).
 */
async function serverMemory(text: string, root = ROOT): Promise<{ rss: number; peak: number | null; heap: number; external: number }> {
  const server = startServer(root);
  server.send(open('file:///big.txt', text));
  await server.diagnostics('file:///big.txt');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const m = residentMemory(server.child.pid!);
  const h = await server.heap();
  server.child.kill();
  return { ...m, heap: h.heapUsed / 1e6, external: h.external / 1e6 };
}

/** Wall time of a command, in ms (its output discarded). */
function runMs(cmd: string, args: string[]): number {
  const t0 = performance.now();
  try {
    execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'ignore'], maxBuffer: 1 << 30 });
  } catch {
    // check exits 1 when it finds problems.
  }
  return performance.now() - t0;
}

/** A folder of the first `n` corpus essays. */
function essayFolder(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-bench-'));
  for (const f of fs.readdirSync(CORPUS).sort().slice(0, n)) {
    fs.copyFileSync(path.join(CORPUS, f), path.join(dir, f));
  }
  return dir;
}

async function main(): Promise<void> {
  const onlyArg = process.argv.indexOf('--only');
  const parts = new Set(onlyArg > 0 ? (process.argv[onlyArg + 1] ?? '').split(',') : ['throughput', 'edit', 'server', 'files']);
  const baseline = process.env.WENFENG_BASELINE ? path.resolve(process.env.WENFENG_BASELINE) : undefined;
  const out = [`Wenfeng benchmark — ${new Date().toISOString()} — node ${process.version}, ${os.availableParallelism()} cores, load ${os.loadavg().map((x) => fmt(x, 1)).join(' ')}`];
  const one = corpusText(1_000_000);
  const b1 = Buffer.byteLength(one);

  if (parts.has('throughput') || parts.has('edit')) {
    const t0 = performance.now();
    const services = getServices();
    const warm = createAnalyzer(services);
    warm.analyze('预热。', { format: 'plaintext', config: CONFIG });
    const loadMs = performance.now() - t0;
    const bars: string[] = [];
    if (parts.has('throughput')) {
      const rows: string[][] = [];
      const ten = corpusText(10_000_000);
      const b10 = Buffer.byteLength(ten);
      // Whole-document analysis from a cold cache each time (a new analyzer per run).
      const w1 = time(5, () => createAnalyzer(services).analyze(one, { format: 'plaintext', config: CONFIG }));
      const c1 = lastCpu;
      const w10 = time(2, () => createAnalyzer(services).analyze(ten, { format: 'plaintext', config: CONFIG }));
      const c10 = lastCpu;
      rows.push(['wenfeng (all rules)', fmt(mbps(b1, w1), 2), fmt(mbps(b10, w10), 2), '1.00', `${fmt(mbps(b1, c1), 2)} / ${fmt(mbps(b10, c10), 2)}`]);

      // Peers on the same text.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const autocorrect = require('autocorrect-node') as { lintFor(text: string, file: string): { lines: unknown[]; error: string } };
      const chunks = (text: string, size: number): string[] => {
        const pieces: string[] = [];
        for (let i = 0; i < text.length; ) {
          let j = Math.min(text.length, i + size);
          const nl = text.indexOf('\n', j);
          j = nl < 0 ? text.length : nl + 1;
          pieces.push(text.slice(i, j));
          i = j;
        }
        return pieces;
      };
      const a1 = time(5, () => chunks(one, 30_000).forEach((c) => autocorrect.lintFor(c, 'a.md')));
      const ac1 = lastCpu;
      const a10 = time(2, () => chunks(ten, 30_000).forEach((c) => autocorrect.lintFor(c, 'a.md')));
      const ac10 = lastCpu;
      rows.push(['autocorrect-node (≤100 KB chunks)', fmt(mbps(b1, a1), 2), fmt(mbps(b10, a10), 2), fmt(a1 / w1, 2), `${fmt(mbps(b1, ac1), 2)} / ${fmt(mbps(b10, ac10), 2)}`]);
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const zhlint = require('zhlint') as { run(text: string): unknown };
      const z1 = time(1, () => chunks(one, 30_000).forEach((c) => zhlint.run(c)));
      rows.push(['zhlint (1 MB only)', fmt(mbps(b1, z1), 2), '—', fmt(z1 / w1, 2), `${fmt(mbps(b1, lastCpu), 2)} / —`]);
      out.push(
        `text: corpus essays, ${fmt(b1 / 1e6, 2)} MB and ${fmt(b10 / 1e6, 2)} MB of UTF-8`,
        '',
        '| tool | MB/s on 1 MB | MB/s on 10 MB | time ratio to wenfeng (1 MB) | MB/s of CPU time, 1 MB / 10 MB |',
        '|---|---|---|---|---|',
        ...rows.map((r) => `| ${r.join(' | ')} |`),
        '',
      );
      bars.push(
        `≥ 8 MB/s → ${fmt(mbps(b1, w1))} MB/s ${mbps(b1, w1) >= 8 ? 'ok' : 'BELOW'}`,
        `linear (10 MB ≤ 12× 1 MB) → ${fmt(w10 / w1, 2)}× ${w10 / w1 <= 12 ? 'ok' : 'BELOW'}`,
      );
    }
    if (parts.has('edit')) {
      // Re-analysis after a one-character edit in a 100,000-character document (warm caches), as the server
      // does it: the edit applied to the document, the text analysed, the findings converted and serialised.
      const analyzer = createAnalyzer(services);
      let doc = TextDocument.create('file:///edit.txt', 'plaintext', 1, corpusText(300_000).slice(0, 100_000));
      analyzer.analyze(doc.getText(), { format: 'plaintext', config: CONFIG });
      let k = 0;
      const oneEdit = (): void => {
        const at = doc.positionAt(50_000 + (k++ % 100) * 10);
        doc = TextDocument.update(doc, [{ range: { start: at, end: at }, text: '字' }], doc.version + 1);
        const result = analyzer.analyze(doc.getText(), { format: 'plaintext', config: CONFIG });
        const diagnostics = publishedDiagnostics(doc, result.findings, DEFAULT_SETTINGS.maxDiagnostics);
        JSON.stringify({ uri: doc.uri, version: doc.version, diagnostics });
      };
      const mainShare = (): string =>
        lastMainCpu === undefined ? '' : `, of which the main thread ${fmt(lastMainCpu, 1)} ms on average: the rest is helper threads, the compiler's and the garbage collector's`;
      const edit = time(21, oneEdit);
      const editCpu = `CPU time ${fmt(lastCpu, 2)} ms${mainShare()}`;
      // The same after 40 more edits: the first edits after an analysis still pay for compiling the edit path
      // (the optimising compiler's thread), which a writer typing on pays once. Informative; the bar is the above.
      for (let i = 0; i < 40; i++) {
        oneEdit();
      }
      const warmEdit = time(21, oneEdit);
      bars.push(
        `one-character edit in 100,000 characters ≤ 15 ms → ${fmt(edit, 2)} ms ${edit <= 15 ? 'ok' : 'BELOW'} (${editCpu}; after 40 more edits ${fmt(warmEdit, 2)} ms, CPU time ${fmt(lastCpu, 2)} ms${mainShare()})`,
      );
    }
    out.push(`quality bars (spec): ${bars.join('; ')}`, `services load (jieba, dictionaries): ${fmt(loadMs, 0)} ms`, '');
  }

  // Builds compared side by side: this one, and the baseline when given (ratios are this / baseline).
  const builds: Array<[string, string]> = [['this build', ROOT], ...(baseline ? ([['baseline', baseline]] as Array<[string, string]>) : [])];
  const ratio = (a: number, b: number | undefined): string => (b === undefined ? '' : ` (${fmt(a / b, 2)}× the baseline)`);

  if (parts.has('server')) {
    const ten = corpusText(10_000_000);
    const lines: string[] = ['| language server | start → first diagnostics (ms, median of 5) | RSS after 10 MB (MB) | peak (MB) | heap after 10 MB (MB) | RSS after 1 MB (MB) |', '|---|---|---|---|---|---|'];
    const results: Array<{ start: number; rss: number; peak: number | null; heap: number; rss1: number }> = [];
    for (const [, root] of builds) {
      const starts: number[] = [];
      for (let i = 0; i < 5; i++) {
        starts.push(await firstDiagnostics(root));
      }
      const m10 = await serverMemory(ten, root);
      const m1 = await serverMemory(one, root);
      results.push({ start: median(starts), rss: m10.rss, peak: m10.peak, heap: m10.heap, rss1: m1.rss });
    }
    results.forEach((r, i) => {
      lines.push(`| ${builds[i]![0]} | ${fmt(r.start, 0)} | ${fmt(r.rss, 0)} | ${r.peak === null ? 'n/a' : fmt(r.peak, 0)} | ${fmt(r.heap, 0)} | ${fmt(r.rss1, 0)} |`);
    });
    const [cur, base] = results;
    out.push(
      ...lines,
      '',
      `quality bars (spec): server start to first diagnostics ≤ 500 ms → ${fmt(cur!.start, 0)} ms ${cur!.start <= 500 ? 'ok' : 'BELOW'}${ratio(cur!.start, base?.start)}; ` +
        `resident memory ≤ 200 MB after the 10 MB text → ${fmt(cur!.rss, 0)} MB ${cur!.rss <= 200 ? 'ok' : 'BELOW'}${ratio(cur!.rss, base?.rss)}; heap ${fmt(cur!.heap, 0)} MB${ratio(cur!.heap, base?.heap)}`,
      '',
    );
  }

  if (parts.has('files')) {
    const dir = essayFolder(200);
    const sample = path.join(ROOT, 'test', 'fixtures', 'drafts', 'sample.md');
    const lines: string[] = ['| many files and start-up | this build (ms) | baseline (ms) |', '|---|---|---|'];
    /** Median times per build; undefined for a build `f` does not apply to (it returns undefined). */
    const row = (name: string, f: (root: string) => number | undefined, runs: number): Array<number | undefined> => {
      const per = builds.map(() => [] as number[]);
      // Interleaved, so that the load of the machine falls on every build alike.
      for (let i = 0; i < runs; i++) {
        builds.forEach(([, root], b) => {
          const ms = f(root);
          if (ms !== undefined) {
            per[b]!.push(ms);
          }
        });
      }
      const ms = per.map((xs) => (xs.length > 0 ? median(xs) : undefined));
      lines.push(`| ${name} | ${fmt(ms[0]!, 0)} | ${ms[1] === undefined ? '—' : fmt(ms[1], 0)} |`);
      return ms;
    };
    // A baseline from before --jobs checks in one thread: it runs without the option, and not with --jobs 2.
    const jobs = (root: string, n: number): string[] | undefined => (root === ROOT ? ['--jobs', String(n)] : n === 1 ? [] : undefined);
    const cli = (root: string): string => path.join(root, 'dist', 'cli.js');
    const startMs = row('`check` of the sample draft, process start to exit (median of 10)', (root) => runMs(process.execPath, [cli(root), 'check', sample]), 10);
    const checkDir = (root: string, n: number): number | undefined => {
      const flag = jobs(root, n);
      return flag && runMs(process.execPath, [cli(root), 'check', dir, '--format', 'json', ...flag]);
    };
    const j1 = row('`check DIR --format json --jobs 1`, 200 essays (median of 3)', (root) => checkDir(root, 1), 3);
    const j2 = row('`check DIR --format json --jobs 2`, 200 essays (median of 3)', (root) => checkDir(root, 2), 3);
    const bin = path.join(ROOT, 'node_modules', '.bin', 'autocorrect');
    const ac = median([0, 1, 2].map(() => runMs(bin, ['--lint', '--format', 'json', dir])));
    lines.push(`| \`autocorrect --lint --format json DIR\`, same 200 essays (median of 3) | ${fmt(ac, 0)} | |`);
    fs.rmSync(dir, { recursive: true, force: true });
    out.push(
      ...lines,
      '',
      `ratios: --jobs 2 / --jobs 1 = ${fmt(j2[0]! / j1[0]!, 2)}; wenfeng --jobs 2 / autocorrect = ${fmt(j2[0]! / ac, 2)}` +
        `${startMs[1] === undefined ? '' : `; start-up this build / baseline = ${fmt(startMs[0]! / startMs[1], 2)}`}` +
        `${j1[1] === undefined ? '' : `; --jobs 1 this build / baseline = ${fmt(j1[0]! / j1[1], 2)}`}`,
    );
  }
  if (parts.has('model')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-bench-model-'));
    const text = writeModelText(dir, 10_000_000);
    out.push('', `| build-model, ${text.documents} documents, ${fmt(text.chars / 1e6, 1)} M characters | wall (s) | CPU (s) | peak RSS (MB) |`, '|---|---|---|---|');
    for (const jobs of [1, 2]) {
      const f = await measureBuild(dir, path.join(dir, 'model.json'), ['--jobs', String(jobs)]);
      out.push(`| --jobs ${jobs} | ${fmt(f.ms / 1000, 1)} | ${fmt(f.cpuMs / 1000, 1)} | ${fmt(f.peakMb, 0)} |`);
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log(out.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
