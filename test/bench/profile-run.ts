/**
 * The workloads to profile (issue 15). `node out/test/bench/profile-run.js analyze [MB] [OUT.cpuprofile]`: a
 * warm analyzer over the bench's text (10 MB by default), timed; `edit [CHARS] [OUT]`: one-character edits in
 * a document of 100,000 characters, as the server runs them (analysis, diagnostics, serialisation), median of
 * 20. With OUT, the timed part alone is profiled into OUT; read it with `node out/test/bench/profile-summary.js OUT`.
 */
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS } from '../../protocol/settings';
import { createAnalyzer, type AnalysisConfig } from '../../server/src/analysis';
import { publishedDiagnostics } from '../../server/src/features/diagnostics';
import { getServices } from '../../server/src/services';
import { corpusText } from './bench-text';

const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [] };
const [mode = 'analyze', sizeArg, out] = process.argv.slice(2);
const services = getServices();
createAnalyzer(services).analyze(corpusText(200_000), { format: 'plaintext', config: CONFIG });

const session = new Session();
function post(method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r))));
}

async function profiled(f: () => void): Promise<void> {
  if (!out) {
    f();
    return;
  }
  session.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  f();
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  fs.writeFileSync(out, JSON.stringify(profile));
}

async function main(): Promise<void> {
  if (mode === 'analyze') {
    const text = corpusText(Number(sizeArg ?? 10) * 1_000_000);
    const bytes = Buffer.byteLength(text);
    let ms = 0;
    let findings = 0;
    let cpu = 0;
    await profiled(() => {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      findings = createAnalyzer(services).analyze(text, { format: 'plaintext', config: CONFIG }).findings.length;
      ms = performance.now() - t0;
      const c = process.cpuUsage(c0);
      cpu = (c.user + c.system) / 1000;
    });
    console.log(
      `${(bytes / 1e6).toFixed(2)} MB in ${ms.toFixed(0)} ms (CPU ${cpu.toFixed(0)} ms: ${(bytes / 1e6 / (cpu / 1000)).toFixed(2)} MB/s of CPU time), ` +
        `${(bytes / 1e6 / (ms / 1000)).toFixed(2)} MB/s, ${findings} findings, ` +
        `heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB, rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`,
    );
  } else {
    const chars = Number(sizeArg ?? 100_000);
    const analyzer = createAnalyzer(services);
    let doc = TextDocument.create('file:///edit.txt', 'plaintext', 1, corpusText(chars * 4).slice(0, chars));
    analyzer.analyze(doc.getText(), { format: 'plaintext', config: CONFIG });
    const times: number[] = [];
    const cpus: number[] = [];
    await profiled(() => {
      for (let k = 0; k < 20; k++) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const at = doc.positionAt(chars / 2 + k * 10);
        doc = TextDocument.update(doc, [{ range: { start: at, end: at }, text: '字' }], doc.version + 1);
        const result = analyzer.analyze(doc.getText(), { format: 'plaintext', config: CONFIG });
        const diagnostics = publishedDiagnostics(doc, result.findings, DEFAULT_SETTINGS.maxDiagnostics);
        JSON.stringify({ uri: doc.uri, version: doc.version, diagnostics });
        times.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpus.push((c.user + c.system) / 1000);
      }
    });
    times.sort((a, b) => a - b);
    cpus.sort((a, b) => a - b);
    console.log(
      `one-character edit in ${chars} characters: median ${((times[9]! + times[10]!) / 2).toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms; ` +
        `CPU time median ${((cpus[9]! + cpus[10]!) / 2).toFixed(1)} ms, min ${cpus[0]!.toFixed(1)} ms`,
    );
  }
}

void main();
