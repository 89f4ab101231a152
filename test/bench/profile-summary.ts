/**
 * Summarises a V8 CPU profile (.cpuprofile): self time per function (top N) and per source file, as shares
 * of the profile. `node out/test/bench/profile-summary.js FILE [N]`.
 */
import * as fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
const file = process.argv[2]!;
const top = Number(process.argv[3] ?? 40);
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
for (const n of profile.nodes) {
  const t = self.get(n.id) ?? 0;
  const fileName = n.callFrame.url.replace(/^.*\/(out|node_modules)\//, '$1/') || '(native)';
  const key = `${n.callFrame.functionName || '(anon)'} ${fileName}:${n.callFrame.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
  byFile.set(fileName, (byFile.get(fileName) ?? 0) + t);
}
const pct = (t: number): string => `${((t / total) * 100).toFixed(1).padStart(5)}%`;
console.log(`total ${(total / 1000).toFixed(0)} ms`);
for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(`${pct(t)} ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}
// Inclusive time per function (a function on the stack more than once counts once).
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const inclusive = new Map<string, number>();
const keyOf = (n: Node): string => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(out|node_modules)\//, '$1/') || '(native)'}:${n.callFrame.lineNumber + 1}`;
const walk = (id: number, open: Map<string, number>): number => {
  const n = byId.get(id)!;
  let t = self.get(id) ?? 0;
  const k = keyOf(n);
  open.set(k, (open.get(k) ?? 0) + 1);
  for (const c of n.children ?? []) {
    t += walk(c, open);
  }
  open.set(k, open.get(k)! - 1);
  if (open.get(k) === 0) {
    inclusive.set(k, (inclusive.get(k) ?? 0) + t);
  }
  return t;
};
walk(profile.nodes[0]!.id, new Map());
console.log('--- inclusive (top)');
for (const [k, t] of [...inclusive].sort((a, b) => b[1] - a[1]).filter(([k]) => !/^\(root\)|profile-run|^main |^\(anon\) \(native\)/.test(k)).slice(0, top)) {
  console.log(`${pct(t)} ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}
console.log('--- by file');
for (const [k, t] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${pct(t)} ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
}
