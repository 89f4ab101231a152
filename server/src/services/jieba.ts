/**
 * The jieba segmenter (@node-rs/jieba 2.0.2) behind the core's Segmenter interface.
 *
 * In the packaged extension the native binary and dict.txt are copied next to the bundle (dist/jieba/) by
 * the build; unbundled (tests, development) they come from node_modules. The genre's user dictionary
 * (server/data/userdict.txt) is merged so words such as 组工干部 stay whole.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Segmenter } from '../analysis/types';

interface JiebaInstance {
  cut(sentence: string, hmm?: boolean): string[];
  loadDict(dict: Uint8Array): void;
}
interface JiebaModule {
  Jieba: { withDict(dict: Uint8Array): JiebaInstance };
}

/** Where the runtime files live: next to the bundle, or in the source tree. */
export function dataDir(): string {
  // Bundled: dist/data. Compiled for tests: out/server/src/services → server/data of the checkout.
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    for (const c of [path.join(dir, 'data'), path.join(dir, 'server', 'data')]) {
      if (fs.existsSync(path.join(c, 'userdict.txt'))) {
        return c;
      }
    }
  }
  throw new Error(`wenfeng: data folder not found next to ${__dirname}`);
}

function loadModule(): { mod: JiebaModule; dictPath: string } {
  const local = path.join(__dirname, 'jieba');
  if (fs.existsSync(local)) {
    const prefix = `jieba.${process.platform}-${process.arch}`;
    const binary = fs.readdirSync(local).find((f) => f.startsWith(prefix) && f.endsWith('.node'));
    if (!binary) {
      throw new Error(`wenfeng: no jieba binary for ${process.platform}-${process.arch} in ${local}`);
    }
    // A native addon exports the classes directly.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(local, binary)) as JiebaModule;
    return { mod, dictPath: path.join(local, 'dict.txt') };
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('@node-rs/jieba') as JiebaModule;
  return { mod, dictPath: path.join(path.dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt') };
}

/** Creates the jieba segmenter; loads its dictionary once. `extraWords` go into the user dictionary. */
export function createJiebaSegmenter(extraWords: readonly string[] = []): Segmenter {
  const { mod, dictPath } = loadModule();
  const dict = fs.readFileSync(dictPath);
  const jieba = mod.Jieba.withDict(dict);
  const userDict = fs.readFileSync(path.join(dataDir(), 'userdict.txt'), 'utf8');
  const extra = extraWords.filter((w) => /^\S+$/.test(w)).map((w) => `${w} 2000 n`);
  jieba.loadDict(Buffer.from(`${userDict.trim()}\n${extra.join('\n')}\n`));
  // Dictionary look-ups: word → "frequency tag", parsed lazily on first use (about 350,000 entries).
  let entries: Map<string, string> | undefined;
  const lookup = (w: string): string | undefined => {
    if (!entries) {
      entries = new Map();
      for (const text of [dict.toString('utf8'), userDict]) {
        for (const line of text.split('\n')) {
          const sp = line.indexOf(' ');
          if (sp > 0) {
            entries.set(line.slice(0, sp), line.slice(sp + 1).trim());
          }
        }
      }
    }
    return entries.get(w);
  };
  return {
    cut: (text) => jieba.cut(text, false),
    hasWord: (w) => lookup(w) !== undefined,
    frequency: (w) => {
      const e = lookup(w);
      return e === undefined ? 0 : Number.parseInt(e, 10) || 1;
    },
    tagOf: (w) => {
      const e = lookup(w);
      const sp = e === undefined ? -1 : e.indexOf(' ');
      return sp < 0 ? undefined : e!.slice(sp + 1);
    },
  };
}
