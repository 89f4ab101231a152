/**
 * Measures script/mixed and script/garbled over the whole shared corpus (server/data/corpus/shenlun): findings
 * on the clean Simplified essays, on the same essays converted to each Traditional standard, and the recall
 * of UTF-8-read-as-GBK mojibake made from the essays' own sentences. Not a test (it takes a while); run:
 *
 *   npx tsc -p . && node out/test/tools/script-rules-corpus.js
 */
import { getServices } from '../../server/src/services';
import type { ScriptTarget } from '../../server/src/analysis';
import { check, corpusEssay, corpusEssays } from '../unit/helpers';

const RULES = ['script/mixed', 'script/garbled'];

function measure(label: string, texts: Iterable<[string, string]>, script: ScriptTarget | 'auto'): void {
  const counts = new Map<string, number>();
  const examples: string[] = [];
  let essays = 0;
  for (const [name, text] of texts) {
    essays++;
    for (const f of check(text, RULES, { config: { script } })) {
      counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
      if (examples.length < 20) {
        examples.push(`  ${name} ${f.rule} ${JSON.stringify(text.slice(f.start, f.end))}: ${f.message}`);
      }
    }
  }
  const summary = RULES.map((r) => `${r} ${counts.get(r) ?? 0}`).join(', ');
  console.log(`${label}: ${essays} essays: ${summary}`);
  for (const e of examples) {
    console.log(e);
  }
}

function* essays(convert?: (text: string) => string): Generator<[string, string]> {
  for (const name of corpusEssays()) {
    const text = corpusEssay(name);
    yield [name, convert ? convert(text) : text];
  }
}

const converter = getServices().converter;
measure('Simplified corpus', essays(), 'auto');
for (const to of ['traditional', 'taiwan', 'hongkong'] as const) {
  measure(`converted to ${to}`, essays((t) => converter.convert(t, to)), to);
}

// Recall: a sentence of each essay turned into mojibake inside clean text.
const gbk = new TextDecoder('gbk');
let tried = 0;
let found = 0;
for (const name of corpusEssays()) {
  const sentence = corpusEssay(name).match(/[\u4e00-\u9fff]{8,20}/g)?.[1];
  if (!sentence) {
    continue;
  }
  const text = `我们要认真学习，${gbk.decode(new TextEncoder().encode(sentence))}，推动工作落实。`;
  tried++;
  if (check(text, ['script/garbled']).length > 0) {
    found++;
  }
}
console.log(`mojibake recall: ${found} of ${tried}`);
