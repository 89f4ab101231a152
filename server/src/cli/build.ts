/**
 * `wenfeng build-model`'s file side: partial counts written and read line by line, the files of a corpus
 * split into contiguous runs of about equal size, and the worker threads that count those runs (the CLI's own
 * bundle started with `workerData.wenfengBuildWorker`, see main.ts). The counting itself is the pure
 * analysis/model/counts.ts; the main thread merges the workers' counts in the order of their files, so the
 * model does not depend on the number of threads while nothing is pruned.
 */
import * as fs from 'node:fs';
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { ModelCounts, type ModelCountsData } from '../analysis/model/counts';
import { getServices } from '../services';
import { useLanguage, type Lang } from '../shared/messages';

/** What a build worker is started with. */
export interface BuildWorkerOptions {
  wenfengBuildWorker: true;
  files: string[];
  order: number;
  maxEntries: number;
  lang: Lang;
}

/** A worker's answer: its counts, its messages about the files (in order) and how reading went. */
export interface BuildWorkerResult {
  data: ModelCountsData;
  messages: string[];
  read: number;
  skipped: number;
  failed: boolean;
}

/** The texts of files, read one at a time; messages about bad entries go to `report`. */
export type ReadTexts = (files: readonly string[], report: (s: string) => void, tally: { read: number; skipped: number; failed: boolean }) => Iterable<string>;

/** Counts files one at a time into counts bounded by maxEntries. */
export function countFiles(files: readonly string[], order: number, maxEntries: number, read: ReadTexts, report: (s: string) => void): Omit<BuildWorkerResult, 'messages' | 'data'> & { counts: ModelCounts } {
  const counts = new ModelCounts(order, maxEntries);
  const tally = { read: 0, skipped: 0, failed: false };
  const segmenter = getServices().segmenter;
  for (const text of read(files, report, tally)) {
    counts.addDocument(text, segmenter);
  }
  return { counts, ...tally };
}

/** Body of a build worker: counts its files and posts the counts. */
export function startBuildWorker(read: ReadTexts): void {
  const options = workerData as BuildWorkerOptions;
  const port = parentPort;
  if (!port) {
    return;
  }
  useLanguage(options.lang);
  const messages: string[] = [];
  const { counts, ...tally } = countFiles(options.files, options.order, options.maxEntries, read, (s) => messages.push(s));
  const answer: BuildWorkerResult = { data: counts.data(), messages, ...tally };
  port.postMessage(answer);
}

/** Runs a build worker over some files; `stop` ends it early. */
export function runBuildWorker(entry: string, options: Omit<BuildWorkerOptions, 'wenfengBuildWorker'>): { result: Promise<BuildWorkerResult>; stop: () => Promise<number> } {
  const w = new Worker(entry, { workerData: { wenfengBuildWorker: true, ...options } satisfies BuildWorkerOptions, stdout: false, stderr: false });
  const result = new Promise<BuildWorkerResult>((resolve, reject) => {
    let answered = false;
    w.on('message', (r: BuildWorkerResult) => {
      answered = true;
      resolve(r);
    });
    w.on('error', reject);
    w.on('exit', (code) => {
      if (!answered) {
        reject(new Error(`a worker thread stopped (exit code ${code})`));
      }
    });
  });
  // A run that failed elsewhere should not wait for this one: nothing is left unhandled.
  result.catch(() => undefined);
  return { result, stop: () => w.terminate() };
}

/** Files split into at most `parts` contiguous runs of about equal size in bytes (none empty). */
export function splitBySize(files: readonly string[], parts: number, sizeOf: (file: string) => number): string[][] {
  parts = Math.max(1, Math.min(parts, files.length));
  const sizes = files.map((f) => Math.max(1, sizeOf(f)));
  const total = sizes.reduce((a, b) => a + b, 0);
  const out: string[][] = [];
  let run: string[] = [];
  let sum = 0;
  files.forEach((f, i) => {
    run.push(f);
    sum += sizes[i]!;
    // Close the run once it reaches its share of the total, or when the files left are one a run to come.
    const left = files.length - i - 1;
    const runsAfter = parts - out.length - 1;
    if (runsAfter > 0 && left >= runsAfter && (sum >= (total * (out.length + 1)) / parts || left === runsAfter)) {
      out.push(run);
      run = [];
    }
  });
  if (run.length > 0) {
    out.push(run);
  }
  return out;
}

/** The lines of a file, read a megabyte at a time. */
export function* readLines(file: string): Generator<string> {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    const decoder = new TextDecoder('utf-8', { fatal: true });
    let rest = '';
    for (;;) {
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) {
        break;
      }
      rest += decoder.decode(buf.subarray(0, n), { stream: true });
      let start = 0;
      for (let i = rest.indexOf('\n'); i >= 0; i = rest.indexOf('\n', start)) {
        yield rest.slice(start, i);
        start = i + 1;
      }
      rest = rest.slice(start);
    }
    rest += decoder.decode();
    if (rest.length > 0) {
      yield rest;
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes lines to a file, a megabyte at a time. */
export function writeLines(file: string, lines: Iterable<string>): void {
  const fd = fs.openSync(file, 'w');
  try {
    let buf = '';
    for (const line of lines) {
      buf += `${line}\n`;
      if (buf.length >= 1 << 20) {
        fs.writeSync(fd, buf);
        buf = '';
      }
    }
    fs.writeSync(fd, buf);
  } finally {
    fs.closeSync(fd);
  }
}
