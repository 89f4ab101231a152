/**
 * `wenfeng check --jobs N`: N − 1 worker threads and the main thread, each with its own analyzer, for runs
 * over many files. The main thread expands the paths, reads and decodes each file and resolves its settings
 * (so every message about an entry, and every `.wenfeng.json` problem, is the one a single-threaded run
 * gives); a worker (or the main thread, when every worker has work queued) analyses the text and formats the
 * file's output pieces; the main thread writes the pieces in the order of the files. The worker is the CLI's own bundle started with `workerData.wenfengCheckWorker` (see main.ts).
 */
import { Worker, parentPort, workerData } from 'node:worker_threads';
import { createAnalyzer, SEVERITIES, type AnalysisConfig, type Analyzer } from '../analysis';
import { getServices } from '../services';
import { useLanguage, type Lang } from '../shared/messages';
import { filePieces, type OutputFormat, type Piece } from './format';

/** What every worker of a run is started with. */
export interface WorkerOptions {
  wenfengCheckWorker: true;
  format: OutputFormat;
  lang: Lang;
}

/** One file to analyse. */
export interface Job {
  id: number;
  /** The path as printed (`<stdin>` for standard input). */
  path: string;
  /** The file name the input format is taken from. */
  file: string;
  text: string;
  config: AnalysisConfig;
}

/** A worker's answer: the file's pieces, the rank of its most severe finding, and the analyzer's log lines. */
export interface JobResult {
  id: number;
  pieces: Piece[];
  /** Index in SEVERITIES of the most severe finding; SEVERITIES.length when there is none. */
  worst: number;
  logs: string[];
  /** An internal error, when the analysis threw. */
  error?: string;
}

/** Analyses one job: what a worker does, and what the in-process run does per file. */
export function runJob(analyzer: Analyzer, format: OutputFormat, job: Job, formatOf: (file: string) => 'markdown' | 'plaintext'): Omit<JobResult, 'logs'> {
  const result = analyzer.analyze(job.text, { format: formatOf(job.file), config: job.config });
  let worst = SEVERITIES.length;
  for (const f of result.findings) {
    worst = Math.min(worst, SEVERITIES.indexOf(f.severity));
  }
  return { id: job.id, pieces: [...filePieces(format, { path: job.path, text: job.text, result })], worst };
}

/** Body of a worker thread: answers jobs until the main thread lets it go. */
export function startCheckWorker(formatOf: (file: string) => 'markdown' | 'plaintext'): void {
  const options = workerData as WorkerOptions;
  const port = parentPort;
  if (!port) {
    return;
  }
  useLanguage(options.lang);
  let logs: string[] = [];
  let analyzer: Analyzer | undefined;
  port.on('message', (job: Job) => {
    let answer: JobResult;
    try {
      analyzer ??= createAnalyzer(getServices(), { log: (m) => logs.push(`${m}\n`) });
      answer = { ...runJob(analyzer, options.format, job, formatOf), logs };
    } catch (e) {
      answer = { id: job.id, pieces: [], worst: SEVERITIES.length, logs, error: (e as Error).message };
    }
    logs = [];
    port.postMessage(answer);
  });
}

/** Worker threads running jobs; each job goes to the first idle worker. */
export class CheckPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<{ job: Job; resolve: (r: JobResult) => void; reject: (e: Error) => void }> = [];
  private readonly pending = new Map<number, { resolve: (r: JobResult) => void; reject: (e: Error) => void }>();
  private failure: Error | undefined;

  constructor(
    entry: string,
    readonly size: number,
    options: Omit<WorkerOptions, 'wenfengCheckWorker'>,
  ) {
    const data: WorkerOptions = { wenfengCheckWorker: true, ...options };
    for (let i = 0; i < size; i++) {
      const w = new Worker(entry, { workerData: data, stdout: false, stderr: false });
      w.on('message', (r: JobResult) => {
        const p = this.pending.get(r.id);
        this.pending.delete(r.id);
        p?.resolve(r);
        this.next(w);
      });
      w.on('error', (e: Error) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0 && !this.closing) {
          this.fail(new Error(`a worker thread stopped (exit code ${code})`));
        }
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  private closing = false;

  /** Jobs sent and not answered yet, and jobs waiting for a worker. */
  load(): number {
    return this.pending.size + this.waiting.length;
  }

  /** Runs a job on a worker; resolves with its answer. */
  run(job: Job): Promise<JobResult> {
    return new Promise((resolve, reject) => {
      if (this.failure) {
        reject(this.failure);
        return;
      }
      this.waiting.push({ job, resolve, reject });
      const w = this.idle.pop();
      if (w) {
        this.next(w);
      }
    });
  }

  private next(w: Worker): void {
    const item = this.waiting.shift();
    if (!item) {
      this.idle.push(w);
      return;
    }
    this.pending.set(item.job.id, { resolve: item.resolve, reject: item.reject });
    w.postMessage(item.job);
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of [...this.pending.values(), ...this.waiting]) {
      p.reject(e);
    }
    this.pending.clear();
    this.waiting.length = 0;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
