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

/** About `bytes` bytes (UTF-8) of reshuffled genre text, one paragraph a line. */
export function corpusText(bytes: number, seed = 15): string {
  const all = corpusSentences();
  const random = rng(seed);
  const order = all.map((_, i) => i);
  const parts: string[] = [];
  let size = 0;
  let k = order.length;
  while (size < bytes) {
    let line = '';
    for (let n = 2 + Math.floor(random() * 5); n > 0; n--) {
      if (k === order.length) {
        // A new pass over the corpus, in a new order (Fisher–Yates).
        for (let i = order.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [order[i], order[j]] = [order[j]!, order[i]!];
        }
        k = 0;
      }
      line += all[order[k++]!]!;
    }
    parts.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  return parts.join('\n') + '\n';
}
