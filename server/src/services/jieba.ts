/**
 * The jieba segmenter behind the core's Segmenter interface: jieba's dictionary (dict.txt of @node-rs/jieba
 * 2.0.2) plus the genre's user dictionary (server/data/userdict.txt, so that words such as 组工干部 stay
 * whole), segmented in JavaScript exactly as the native jieba-rs does (./segment.ts) over a compact trie
 * (./dictionary.ts). The trie serves the dictionary look-ups too.
 *
 * The build compiles the dictionary into dist/data/dictionary.bin, which loads in a few milliseconds; without
 * it (tests and tools running from out/) the dictionary is compiled from dict.txt at start-up. dict.txt comes
 * from the @node-rs/jieba package (a development dependency: the build's source and the tests' oracle); the
 * bundle does not carry it and checks the compiled file against the build's record (./provenance.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Segmenter } from '../analysis/types';
import { compileDictionary, deserializeDictionary, hashText, nodeOfWord, NONE, serializeDictionary, type Dictionary, type DictionarySource } from './dictionary';
import { readProvenance } from './provenance';
import { dictionaryWords } from './near-words';
import { cutEnds, cutWords, isWellFormed } from './segment';

/** File name of the compiled dictionary in the data folder. */
export const COMPILED_DICTIONARY = 'dictionary.bin';

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

/**
 * Where the build's compiled data is: the data folder next to the bundle, or the dist/data of the checkout
 * when running unbundled (tests, tools). Each compiled file records its sources and is used only when they
 * match, so a stale build is ignored.
 */
export function compiledDataDirs(): string[] {
  const dir = dataDir();
  const built = path.resolve(dir, '..', '..', 'dist', 'data');
  return built === dir ? [dir] : [dir, built];
}

/** jieba's dict.txt in the @node-rs/jieba package; undefined where that is not installed (a packaged extension). */
export function findJiebaDict(): string | undefined {
  try {
    const file = path.join(path.dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt');
    return fs.existsSync(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** jieba's dict.txt; throws when the package is not installed (the build and the tests need it). */
export function jiebaDictPath(): string {
  const file = findJiebaDict();
  if (!file) {
    throw new Error('wenfeng: jieba\'s dict.txt not found (install the development dependencies: npm install)');
  }
  return file;
}

/** Lines of the extra words as jieba received them (`word 2000 n`). */
function extraLines(extraWords: readonly string[]): string {
  return extraWords.filter((w) => /^\S+$/.test(w)).map((w) => `${w} 2000 n`).join('\n');
}

/** What a compiled dictionary records of its sources: dict.txt's size and a hash of the user dictionary. */
export function dictionarySource(dictFile: string, userText: string, extra = ''): DictionarySource {
  return { dictBytes: fs.statSync(dictFile).size, userHash: hashText(`${userText}\u0000${extra}`) };
}

/** Writes the compiled dictionary of `dictFile` and `userFile` to `outFile` (called by the build). */
export function writeCompiledDictionary(dictFile: string, userFile: string, outFile: string): void {
  const userText = fs.readFileSync(userFile, 'utf8');
  const d = compileDictionary(fs.readFileSync(dictFile, 'utf8'), userText);
  fs.writeFileSync(outFile, serializeDictionary(d, dictionarySource(dictFile, userText)));
}

/** The dictionary: the compiled file when it matches the sources, else compiled now. */
function loadDictionary(extraWords: readonly string[]): Dictionary {
  const dir = dataDir();
  const dictFile = findJiebaDict();
  const userText = fs.readFileSync(path.join(dir, 'userdict.txt'), 'utf8');
  const extra = extraLines(extraWords);
  for (const folder of compiledDataDirs()) {
    const compiled = path.join(folder, COMPILED_DICTIONARY);
    if (extra === '' && fs.existsSync(compiled)) {
      // The sources when they are at hand, else what the build recorded of them next to the compiled file.
      const dictBytes = dictFile ? fs.statSync(dictFile).size : readProvenance(folder)?.dictionary.bytes;
      if (dictBytes === undefined) {
        continue;
      }
      let bytes: Uint8Array = fs.readFileSync(compiled);
      if (bytes.byteOffset % 8 !== 0) {
        bytes = new Uint8Array(bytes);
      }
      const d = deserializeDictionary(bytes, { dictBytes, userHash: hashText(`${userText}\u0000${extra}`) });
      if (d) {
        return d;
      }
    }
  }
  if (!dictFile) {
    throw new Error(`wenfeng: the compiled dictionary in ${dir} is missing or does not match its record; reinstall Wenfeng`);
  }
  return compileDictionary(fs.readFileSync(dictFile, 'utf8'), userText, extra);
}

/** Creates the jieba segmenter; loads its dictionary once. `extraWords` go into the user dictionary. */
export function createJiebaSegmenter(extraWords: readonly string[] = []): Segmenter {
  const dict = loadDictionary(extraWords);
  /** Look-up class of a word, NONE when it has no entry. */
  // The word the dictionary walk (`words`) yielded last and its trie node: whoever iterates it (the phrase index
  // of phrasing/near-canonical) asks for that word's frequency and tag next, which then needs no walk from the root.
  let walkedWord: string | undefined;
  let walkedNode = 0;
  const nodeOf = (w: string): number => (w === walkedWord ? walkedNode : nodeOfWord(dict, w));
  const entry = (w: string): number => {
    const node = nodeOf(w);
    return node === 0 ? NONE : dict.lookClass[node]!;
  };
  // One string per dictionary word and per character met, shared by all tokens that are that word: the
  // words met so far in an array, found by trie node through a typed array (index + 1; 0: not yet met).
  const wordIndex = new Int32Array(dict.nodes);
  const wordStrings: string[] = [];
  const charStrings = new Array<string | undefined>(0x10000).fill(undefined);
  /**
   * Word ids of a cut: > 0, index + 1 of a dictionary word's shared string; < 0, -1 - the code unit of a
   * single BMP character outside Han blocks; 0, anything else (the caller slices the text).
   */
  const cutIds = (text: string): { ends: Int32Array; ids: Int32Array } | undefined => {
    if (!isWellFormed(text)) {
      return undefined;
    }
    const { ends, nodes } = cutEnds(dict, text);
    // The nodes become ids in place (the array is the cut's own copy).
    const ids = nodes;
    let start = 0;
    for (let k = 0; k < ends.length; k++) {
      const node = nodes[k]!;
      const end = ends[k]!;
      if (node > 0) {
        let i = wordIndex[node]!;
        if (i === 0) {
          // Copied: a slice would keep the text it came from alive.
          wordStrings.push(`${text.slice(start, end)} `.slice(0, -1));
          i = wordStrings.length;
          wordIndex[node] = i;
        }
        ids[k] = i;
      }
      start = end;
    }
    return { ends, ids };
  };
  const wordOfId = (id: number): string | undefined =>
    id > 0 ? wordStrings[id - 1] : id < 0 && id >= -0x10000 ? (charStrings[-1 - id] ??= String.fromCharCode(-1 - id)) : undefined;
  const cutTokens = (text: string): { ends: Int32Array; words: Array<string | undefined> } | undefined => {
    const cut = cutIds(text);
    if (!cut) {
      return undefined;
    }
    const { ends, ids } = cut;
    const words = new Array<string | undefined>(ends.length);
    for (let k = 0; k < ends.length; k++) {
      words[k] = wordOfId(ids[k]!);
    }
    return { ends, words };
  };
  return {
    cut: (text) => cutWords(dict, text),
    cutTokens,
    cutIds,
    wordOfId,
    hasWord: (w) => entry(w) !== NONE,
    words: (minLength, maxLength) =>
      dictionaryWords(dict, minLength, maxLength, (word, node) => {
        walkedWord = word;
        walkedNode = node;
      }),
    frequency: (w) => {
      const c = entry(w);
      return c === NONE ? 0 : dict.classFreq[c]!;
    },
    tagOf: (w) => {
      const node = nodeOf(w);
      if (node === 0 || dict.lookClass[node] === NONE) {
        return undefined;
      }
      const t = dict.lookTag[node]!;
      return t === 0 ? undefined : dict.tags[t];
    },
  };
}
