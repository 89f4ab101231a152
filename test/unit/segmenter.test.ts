/**
 * The JavaScript segmenter (server/src/services/segment.ts over the compiled dictionary) against the native
 * jieba-rs of @node-rs/jieba, which it replaces: the same words for the corpus, Traditional text and random
 * strings of dictionary words, punctuation, whitespace of every kind, astral characters and lone surrogates;
 * the same dictionary look-ups as the former Map over dict.txt and the user dictionary; the compiled form
 * round-trips.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { getServices } from '../../server/src/services';
import { compileDictionary, deserializeDictionary, lnExact, nodeOfWord, serializeDictionary } from '../../server/src/services/dictionary';
import { createJiebaSegmenter, dataDir, jiebaDictPath } from '../../server/src/services/jieba';
import { CORPUS, corpusEssays } from './helpers';

interface NativeJieba {
  cut(text: string, hmm: boolean): string[];
  loadDict(dict: Uint8Array): void;
}

function nativeJieba(): NativeJieba {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('@node-rs/jieba') as { Jieba: { withDict(dict: Uint8Array): NativeJieba } };
  const jieba = mod.Jieba.withDict(fs.readFileSync(jiebaDictPath()));
  const user = fs.readFileSync(path.join(dataDir(), 'userdict.txt'), 'utf8');
  jieba.loadDict(Buffer.from(`${user.trim()}\n\n`));
  return jieba;
}

/** A deterministic pseudo-random generator. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

test('segmentation is jieba-rs’s: corpus essays, Traditional text, random strings', () => {
  const native = nativeJieba();
  const { segmenter, converter } = getServices();
  const same = (text: string): void => {
    assert.deepEqual(segmenter.cut(text), native.cut(text, false), JSON.stringify(text.slice(0, 60)));
  };
  const essays = corpusEssays().filter((_, i) => i % 5 === 0).map((n) => fs.readFileSync(path.join(CORPUS, 'shenlun', n), 'utf8'));
  for (const essay of essays) {
    essay.split('\n').forEach(same);
  }
  for (const essay of essays.slice(0, 20)) {
    same(essay);
    converter.convert(essay, 'taiwan').split('\n').forEach(same);
  }
  const words = ['我们', '发展', '组工干部', '中华人民共和国', '一万九千', 'C++', 'AT&T', 'IP地址', '4S店', '研究', '研究生', '命'];
  const alphabet = [...'的是在了和要把对从将一二三十abcXYZ019+#&._%-，。！？；：、“”（）《》…—·'];
  alphabet.push(' ', '\t', '\n', '\r', '\r\n', '\u3000', '\u00a0', '\u0085', '\ufeff', '\u2028', '😀', '𠮷', '𪚥', '\ud800', '\udc00', '\uE000');
  const rnd = random(7);
  for (let k = 0; k < 5000; k++) {
    let s = '';
    const len = 1 + Math.floor(rnd() * 30);
    for (let i = 0; i < len; i++) {
      s += rnd() < 0.4 ? words[Math.floor(rnd() * words.length)] : alphabet[Math.floor(rnd() * alphabet.length)];
    }
    same(s);
  }
  same('');
});

test('dictionary look-ups: words, frequencies and tags of dict.txt and the user dictionary', () => {
  const { segmenter } = getServices();
  assert.equal(segmenter.hasWord('发展'), true);
  assert.equal(segmenter.tagOf('的'), 'uj');
  assert.equal(segmenter.tagOf('组工干部'), 'n');
  assert.equal(segmenter.frequency('组工干部'), 3000);
  assert.equal(segmenter.hasWord('发展的'), false);
  assert.equal(segmenter.frequency('锟斤拷锟'), 0);
  assert.equal(segmenter.tagOf('锟斤拷锟'), undefined);
  // Every entry as the former Map read it (the text up to the first space, then "freq tag").
  const entries = new Map<string, string>();
  for (const text of [fs.readFileSync(jiebaDictPath(), 'utf8'), fs.readFileSync(path.join(dataDir(), 'userdict.txt'), 'utf8')]) {
    for (const line of text.split('\n')) {
      const sp = line.indexOf(' ');
      if (sp > 0) {
        entries.set(line.slice(0, sp), line.slice(sp + 1).trim());
      }
    }
  }
  let k = 0;
  for (const [w, e] of entries) {
    if (k++ % 7 !== 0) {
      continue;
    }
    assert.equal(segmenter.hasWord(w), true, w);
    assert.equal(segmenter.frequency(w), Number.parseInt(e, 10) || 1, w);
    assert.equal(segmenter.tagOf(w), e.slice(e.indexOf(' ') + 1), w);
  }
});

test('extra words join the segmentation only; the compiled form round-trips and refuses other sources', () => {
  const plain = createJiebaSegmenter();
  const extra = createJiebaSegmenter(['扎根奉献']);
  assert.deepEqual(plain.cut('扎根奉献'), ['扎根', '奉献']);
  assert.deepEqual(extra.cut('扎根奉献'), ['扎根奉献']);
  assert.equal(extra.hasWord('扎根奉献'), false);

  const d = compileDictionary('一 5 m\n一万 3 m\n国家 10 n\n', '国家 20 ns\n组工 7 n\n');
  const source = { dictBytes: 1, userHash: 2 };
  const back = deserializeDictionary(serializeDictionary(d, source), source)!;
  for (const w of ['一', '一万', '国家', '组工', '国']) {
    const a = nodeOfWord(d, w);
    const b = nodeOfWord(back, w);
    assert.equal(a, b, w);
    assert.equal(d.segClass[a], back.segClass[b]);
    assert.equal(d.classFreq[d.lookClass[a]!], back.classFreq[back.lookClass[b]!]);
  }
  assert.equal(back.tags[back.lookTag[nodeOfWord(back, '国家')]!], 'ns');
  assert.equal(deserializeDictionary(serializeDictionary(d, source), { dictBytes: 1, userHash: 3 }), undefined);
});

test('lnExact rounds correctly where Math.log does not', () => {
  // Math.log(3) is 1.0986122886681096 in V8; the correctly rounded value (and glibc's) ends in …098.
  assert.equal(lnExact(3), 1.0986122886681098);
  assert.equal(lnExact(1), 0);
  assert.equal(lnExact(2), Math.LN2);
  assert.equal(lnExact(10), Math.LN10);
  assert.equal(lnExact(60231069), 17.91369887349265);
});

test('cutIds: the ends of cut, word ids that wordOfId turns into the words (shared strings), 0 for the rest', () => {
  const { segmenter } = getServices();
  const text = '我们要发展组工干部，C++和AT&T的IP地址😀。';
  const cut = segmenter.cutIds!(text)!;
  const words = segmenter.cut(text);
  let start = 0;
  assert.equal(cut.ends.length, words.length);
  words.forEach((w, k) => {
    const end = cut.ends[k]!;
    assert.equal(text.slice(start, end), w);
    const id = cut.ids[k]!;
    if (id === 0) {
      // No shared string: an ASCII run joined from single letters (C++), or an astral character.
      assert.ok(['C++', 'AT&T', '😀'].includes(w), w);
    } else {
      assert.equal(segmenter.wordOfId!(id), w);
    }
    start = end;
  });
  assert.equal(start, text.length);
  // The same word gets the same id, and punctuation its code unit's.
  const again = segmenter.cutIds!('组工干部，组工干部')!;
  assert.deepEqual([...again.ends], [4, 5, 9]);
  assert.equal(again.ids[0], again.ids[2]);
  assert.equal(again.ids[1], -1 - '，'.charCodeAt(0));
  assert.equal(segmenter.wordOfId!(0), undefined);
  // Lone surrogates: no compact form (callers fall back to cut).
  assert.equal(segmenter.cutIds!('发展\ud800'), undefined);
});

test('dictionary look-ups while the dictionary walk is under way: the walked word and any other word read their own entries', () => {
  const segmenter = createJiebaSegmenter();
  const walk = segmenter.words!(4, 4)[Symbol.iterator]();
  let checked = 0;
  for (let r = walk.next(); !r.done && checked < 2000; r = walk.next(), checked++) {
    const w = r.value;
    const copy = [...w].join('');
    assert.equal(segmenter.frequency(w) > 0, true, w);
    assert.equal(segmenter.frequency(copy), segmenter.frequency(w), w);
    assert.equal(segmenter.tagOf(copy), segmenter.tagOf(w), w);
    // Another word asked for in between is not answered from the walked word's node.
    assert.equal(segmenter.frequency('组工干部'), 3000);
    assert.equal(segmenter.tagOf('组工干部'), 'n');
    assert.equal(segmenter.frequency('锟斤拷锟'), 0);
  }
  assert.equal(checked, 2000);
});
