/**
 * The text `build-model` is measured on (issue 16, item 5): about 100 million characters of reshuffled corpus
 * sentences, written as essay-sized documents into OUT/NNN/NNNNNN.txt (a thousand a folder). Not committed;
 * generate it where you build:
 *
 *   node out/test/bench/model-text.js OUT [characters, default 100000000] [seed, default 16]
 *   /usr/bin/time -v node dist/cli.js build-model OUT -o model.json
 */
import { writeModelText } from './model-build';

function main(): void {
  const [out, charsArg, seedArg] = process.argv.slice(2);
  if (!out) {
    process.stderr.write('usage: node out/test/bench/model-text.js OUT [characters] [seed]\n');
    process.exitCode = 2;
    return;
  }
  const t = writeModelText(out, Number(charsArg ?? 100_000_000), Number(seedArg ?? 16));
  process.stdout.write(`${t.documents} documents, ${t.chars} characters → ${out}\n`);
}

main();
