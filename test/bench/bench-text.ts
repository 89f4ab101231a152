/**
 * The bench's text (issue 15): genre text whose sentences are reshuffled, so that neither a per-paragraph cache
 * nor the duplicate rules' copy detection sees the same paragraph twice. The corpus essays' sentences are dealt
 * out in an order fixed by a seeded generator into paragraphs of two to six sentences until the text reaches
 * the size asked for; a sentence comes back only after the whole corpus has been used once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rng } from '../tools/eval-lib';

export const CORPUS = path.resolve(__dirname, '..', '..', '..', 'server', 'data', 'corpus', 'shenlun');

let sentences: string[] | undefined;

/** Every sentence of the corpus (ending in 。！？ or the end of its line), in corpus order. */
function corpusSentences(): string[] {
  if (!sentences) {
    sentences = [];
    for (const f of fs.readdirSync(CORPUS).sort()) {
      for (const line of fs.readFileSync(path.join(CORPUS, f), 'utf8').split('\n')) {
        for (const s of line.trim().match(/[^。！？]+[。！？]*/g) ?? []) {
          sentences.push(s);
        }
      }
    }
  }
  return sentences;
}

/** The corpus's sentences dealt out in an order fixed by `random`, a new shuffled pass whenever one is used up. */
function dealer(random: () => number): () => string {
  const all = corpusSentences();
  const order = all.map((_, i) => i);
  let k = order.length;
  return () => {
    if (k === order.length) {
      // A new pass over the corpus, in a new order (Fisher–Yates).
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      k = 0;
    }
    return all[order[k++]!]!;
  };
}

/** About `bytes` bytes (UTF-8) of reshuffled genre text, one paragraph a line. */
export function corpusText(bytes: number, seed = 15): string {
  const random = rng(seed);
  const next = dealer(random);
  const parts: string[] = [];
  let size = 0;
  while (size < bytes) {
    let line = '';
    for (let n = 2 + Math.floor(random() * 5); n > 0; n--) {
      line += next();
    }
    parts.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return parts.join('\n') + '\n';
}

/**
 * Documents of reshuffled genre text, about `chars` characters (UTF-16 units) in all: each as long as a
 * corpus essay (their lengths taken in turn), paragraphs of two to six sentences, one a line.
 */
export function* corpusDocuments(chars: number, seed = 16): Generator<string> {
  const lengths = fs.readdirSync(CORPUS).sort().map((f) => fs.readFileSync(path.join(CORPUS, f), 'utf8').length);
  const random = rng(seed);
  const next = dealer(random);
  let total = 0;
  for (let d = 0; total < chars; d++) {
    const lines: string[] = [];
    let size = 0;
    while (size < lengths[d % lengths.length]!) {
      let line = '';
      for (let n = 2 + Math.floor(random() * 5); n > 0; n--) {
        line += next();
      }
      lines.push(line);
      size += line.length + 1;
    }
    total += size;
    yield lines.join('\n') + '\n';
  }
}
