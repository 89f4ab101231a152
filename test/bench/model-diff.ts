/**
 * How far a model built within a bound (`build-model --max-entries N`) is from the exact one: words and
 * bigrams kept, lost and changed, the genre-fit norm, the completion model's size, and how often its next-word
 * predictions agree (first choice, and the five first as a set) after every clause prefix of every tenth
 * *dev* essay (test essays are not read).
 *
 *   node out/test/bench/model-diff.js EXACT.json BOUNDED.json
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadModel, statClauses, type ModelFile } from '../../server/src/analysis/model/corpus';
import { getServices } from '../../server/src/services';
import { corpusEssay, ROOT } from '../unit/helpers';

function compare<T>(a: Record<string, T>, b: Record<string, T>): string {
  let same = 0;
  let changed = 0;
  let lost = 0;
  for (const [k, v] of Object.entries(a)) {
    if (!(k in b)) {
      lost++;
    } else if (JSON.stringify(b[k]) === JSON.stringify(v)) {
      same++;
    } else {
      changed++;
    }
  }
  const added = Object.keys(b).filter((k) => !(k in a)).length;
  return `${Object.keys(a).length} → ${Object.keys(b).length}: ${same} the same, ${changed} other counts, ${lost} lost, ${added} added`;
}

function main(): void {
  const [exactFile, boundedFile] = process.argv.slice(2);
  if (!exactFile || !boundedFile) {
    process.stderr.write('usage: node out/test/bench/model-diff.js EXACT.json BOUNDED.json\n');
    process.exitCode = 2;
    return;
  }
  const read = (f: string): ModelFile => JSON.parse(fs.readFileSync(f, 'utf8')) as ModelFile;
  const [a, b] = [read(exactFile), read(boundedFile)];
  const out = (s: string): boolean => process.stdout.write(`${s}\n`);
  out(`words   ${compare(a.words, b.words)}`);
  out(`bigrams ${compare(a.bigrams, b.bigrams)}`);
  out(`norm    ${a.bigramNorm} → ${b.bigramNorm}`);
  const size = (m: ModelFile): string => `${m.lm!.vocab.length} words, ${m.lm!.contexts.length / 4} contexts, ${m.lm!.followers.length / 2} followers, ${m.lm!.singles.length / m.lm!.order} singles`;
  out(`lm      ${size(a)} → ${size(b)}`);
  const split = JSON.parse(fs.readFileSync(path.join(ROOT, 'server', 'data', 'gold', 'split.json'), 'utf8')) as { dev: string[]; test: string[] };
  const test = new Set(split.test);
  const held = split.dev.filter((f) => !test.has(f)).filter((_, i) => i % 10 === 3);
  const [ma, mb] = [loadModel(a), loadModel(b)];
  const seg = getServices().segmenter;
  let positions = 0;
  let first = 0;
  let overlap = 0;
  for (const f of held) {
    for (const clause of statClauses(seg, corpusEssay(f))) {
      for (let i = 1; i < clause.length; i++) {
        const h = clause.slice(0, i);
        const pa = ma.predict(h, 5).map((p) => p.word);
        const pb = new Set(mb.predict(h, 5).map((p) => p.word));
        positions++;
        first += pa[0] !== undefined && pa[0] === mb.predict(h, 1)[0]?.word ? 1 : 0;
        overlap += pa.filter((w) => pb.has(w)).length / Math.max(1, pa.length);
      }
    }
  }
  out(`predict ${positions} clause prefixes of ${held.length} dev essays: first choice the same ${((first / positions) * 100).toFixed(1)}%, top five shared ${((overlap / positions) * 100).toFixed(1)}%`);
}

main();
