/**
 * `build-model` at scale (issue 16, item 5): builds a model from reshuffled corpus text (./model-text.ts) as a
 * new process and reports its wall time, CPU time (its threads' user + system time) and peak resident memory
 * (VmHWM of /proc, polled: Linux only), with the CLI's own summary line.
 *
 *   node out/test/bench/model-build.js [--chars N (default 100000000)] [--dir DIR (kept; generated if empty)]
 *                                      [--jobs N] [--max-entries N]
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { corpusDocuments } from './bench-text';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** What one build cost. */
export interface BuildFigures {
  ms: number;
  cpuMs: number;
  peakMb: number;
  summary: string;
}

/** Writes about `chars` characters of essay-sized documents into `dir` (a thousand a folder). */
export function writeModelText(dir: string, chars: number, seed = 16): { documents: number; chars: number } {
  let n = 0;
  let total = 0;
  for (const doc of corpusDocuments(chars, seed)) {
    const sub = path.join(dir, String(Math.floor(n / 1000)).padStart(3, '0'));
    if (n % 1000 === 0) {
      fs.mkdirSync(sub, { recursive: true });
    }
    fs.writeFileSync(path.join(sub, `${String(n).padStart(6, '0')}.txt`), doc);
    total += doc.length;
    n++;
  }
  return { documents: n, chars: total };
}

/** Runs `dist/cli.js build-model DIR -o OUT …args` and measures it. */
export function measureBuild(dir: string, out: string, args: readonly string[]): Promise<BuildFigures> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'build-model', dir, '-o', out, '--lang', 'en', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    let peakKb = 0;
    let cpuTicks = 0;
    const poll = (): void => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
        const stat = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuTicks = Math.max(cpuTicks, Number(fields[11]) + Number(fields[12]));
      } catch {
        // Gone already.
      }
    };
    const timer = setInterval(poll, 100);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) {
        reject(new Error(`build-model exited with ${code}: ${err}`));
        return;
      }
      resolve({ ms: performance.now() - t0, cpuMs: (cpuTicks * 1000) / 100, peakMb: peakKb / 1024, summary: err.trim().split('\n').pop() ?? '' });
    });
  });
}

async function main(): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const chars = Number(arg('--chars') ?? 100_000_000);
  const given = arg('--dir');
  const dir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'wenfeng-model-text-'));
  if (!fs.existsSync(dir) || fs.readdirSync(dir).length === 0) {
    const t = writeModelText(dir, chars);
    process.stdout.write(`generated ${t.documents} documents, ${t.chars} characters in ${dir}\n`);
  }
  const extra = [...(arg('--jobs') ? ['--jobs', arg('--jobs')!] : []), ...(arg('--max-entries') ? ['--max-entries', arg('--max-entries')!] : [])];
  const out = path.join(os.tmpdir(), `wenfeng-model-${process.pid}.json`);
  const f = await measureBuild(dir, out, extra);
  process.stdout.write(`build-model ${extra.join(' ')}: ${(f.ms / 1000).toFixed(1)} s wall, ${(f.cpuMs / 1000).toFixed(1)} s CPU, peak RSS ${f.peakMb.toFixed(0)} MB, load ${os.loadavg()[0]!.toFixed(1)}\n${f.summary}\n`);
  fs.rmSync(out, { force: true });
  if (!given) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
