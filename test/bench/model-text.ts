/**
 * The text `build-model` is measured on (issue 16, item 5): about 100 million characters of reshuffled corpus
 * sentences, written as essay-sized documents into OUT/NNN/NNNNNN.txt (a thousand a folder). Not committed;
 * generate it where you build:
 *
 *   node out/test/bench/model-text.js OUT [characters, default 100000000] [seed, default 16]
 *   /usr/bin/time -v node dist/cli.js build-model OUT -o model.json
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusDocuments } from './bench-text';

function main(): void {
  const [out, charsArg, seedArg] = process.argv.slice(2);
  if (!out) {
    process.stderr.write('usage: node out/test/bench/model-text.js OUT [characters] [seed]\n');
    process.exitCode = 2;
    return;
  }
  const chars = Number(charsArg ?? 100_000_000);
  let n = 0;
  let total = 0;
  for (const doc of corpusDocuments(chars, Number(seedArg ?? 16))) {
    const dir = path.join(out, String(Math.floor(n / 1000)).padStart(3, '0'));
    if (n % 1000 === 0) {
      fs.mkdirSync(dir, { recursive: true });
    }
    fs.writeFileSync(path.join(dir, `${String(n).padStart(6, '0')}.txt`), doc);
    total += doc.length;
    n++;
  }
  process.stdout.write(`${n} documents, ${total} characters → ${out}\n`);
}

main();
