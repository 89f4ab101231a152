/**
 * phrasing/near-canonical — a phrase one character away from a canonical phrase of the genre, the character
 * being a likely slip: a homophone or near-homophone (名/民, 急/及, 做/作, 继/既) or a known look-alike (励/厉,
 * 候/侯). Canonical phrases are the idioms and set phrases of the dictionary (jieba marks idioms `i` and set
 * phrases `l`), the genre's phrases of the project dictionary (为人民服务, 全心全意为人民服务) and the phrases
 * of the user's terms table (`terms` entries in the settings or `.wenfeng.json`, any one-character slip).
 *
 * Precision before recall: the written form must be no word of its own (or one the dictionary knows only as
 * a rare misspelling, such as 再接再励 beside 再接再厉), unattested in the corpus model, and the text around it
 * must not read as ordinary words that merely touch (发展中国家 is no slip of anything).
 *
 * ✗ 我们要再接再励，迫不急待地投入工作。     ✓ 我们要再接再厉，迫不及待地投入工作。
 * ✗ 全心全意为人名服务                     ✓ 全心全意为人民服务
 * ✗ 一如继往地支持                         ✓ 一如既往地支持
 * ✓ 再接再厉 · 与时俱进 · 为人们服务 (a word of its own)
 *
 * Fix: the canonical form; automatic for the phrases of the dictionary, a suggestion for those of the
 * user's list (where any character may be the wrong one).
 *
 * Only Simplified text is judged (the dictionary and the corpus model are Simplified).
 */
import * as l10n from '@vscode/l10n';
import type { ParagraphRule } from '../../rule';
import type { CorpusModel, PinyinIndex, Segmenter, Token } from '../../types';

/** One finding: `found` at [start, end) of the paragraph should read `expected`. */
export interface NearCanonical {
  start: number;
  end: number;
  found: string;
  expected: string;
  auto: boolean;
}

/** What the finder needs. */
export interface NearCanonicalServices {
  segmenter: Segmenter;
  pinyin: PinyinIndex;
  model?: CorpusModel;
}

/**
 * Look-alike characters that writers confuse (pairs of the genre's proofreading lists; each line a group).
 * Most confusions are homophones, which the pinyin data gives; these are the ones it does not.
 */
const SHAPE_GROUPS = [
  '励厉', '候侯', '己已巳', '未末', '拔拨', '辨辩辫瓣', '戊戌戍', '崇祟', '治冶', '栗粟', '盲肓', '券卷', '析折',
  '贷货', '免兔', '竟竞', '贫贪', '徒徙', '侯喉', '峰锋蜂', '暑署', '祗祇', '赢嬴羸', '即既', '拆折', '概慨',
  '幅副', '篮蓝', '密蜜', '复夏', '刺剌', '撤撒', '隋随', '茶荼', '坚竖', '汩汨', '澈撤', '逐遂', '晴睛',
  '湿显', '尤龙', '佳隹', '遣遗', '瞬舜', '待侍', '怡恰', '壁璧', '辛幸', '鸣呜', '冒昌', '陷馅', '跋拔',
];

/** Characters written for each other as accepted variants (唯其如此 惟其如此, 戮力 勠力, 磨练 磨炼): no slip. */
const VARIANT_PAIRS = new Set(['唯惟', '惟唯', '戮勠', '勠戮', '练炼', '炼练', '连联', '联连', '像象', '象像', '工功', '功工', '份分', '分份']);

/** Readings close enough to be mistyped or misheard for each other (front and back nasals, flat and curled). */
function nearReadings(r: string): string[] {
  const out = [r];
  const finals: Array<[RegExp, string]> = [[/ing$/, 'in'], [/in$/, 'ing'], [/eng$/, 'en'], [/en$/, 'eng']];
  for (const [re, to] of finals) {
    if (re.test(r)) {
      out.push(r.replace(re, to));
    }
  }
  for (const x of [...out]) {
    if (/^(?:zh|ch|sh)/.test(x)) {
      out.push(x[0] + x.slice(2));
    } else if (/^[zcs]/.test(x)) {
      out.push(`${x[0]}h${x.slice(1)}`);
    }
  }
  return out;
}

const alternativesCache = new WeakMap<PinyinIndex, Map<number, ReadonlySet<number>>>();
let shapeIndex: Map<number, string> | undefined;
const NONE: ReadonlySet<number> = new Set();

/** The characters a writer may have typed for `unit` by slip: homophones, near-homophones, look-alikes. */
export function slipAlternatives(pinyin: PinyinIndex, unit: number): ReadonlySet<number> {
  let cache = alternativesCache.get(pinyin);
  if (!cache) {
    cache = new Map();
    alternativesCache.set(pinyin, cache);
  }
  let set = cache.get(unit);
  if (set) {
    return set;
  }
  if (unit < 0x4e00 || unit > 0x9fff) {
    cache.set(unit, NONE);
    return NONE;
  }
  const ch = String.fromCharCode(unit);
  const s = new Set<number>();
  // A writer types the usual reading of the character meant (its first), and the input method offers every
  // character that has that reading among its own: so the meant character's first reading must be one of
  // the written character's readings, or close to one (没 for 无 is no slip: 无 is read mó only in 南无).
  const readings = new Set(pinyin.readings(ch).flatMap(nearReadings));
  for (const r of readings) {
    for (const c of pinyin.charactersFor(r)) {
      if (c.length === 1 && c !== ch && readings.has(pinyin.readings(c)[0] ?? '')) {
        s.add(c.charCodeAt(0));
      }
    }
  }
  if (!shapeIndex) {
    shapeIndex = new Map();
    for (const g of SHAPE_GROUPS) {
      for (const c of g) {
        shapeIndex.set(c.charCodeAt(0), g);
      }
    }
  }
  for (const c of shapeIndex.get(unit) ?? '') {
    if (c !== ch) {
      s.add(c.charCodeAt(0));
    }
  }
  set = s;
  cache.set(unit, set);
  return set;
}

/** Frequency from which a dictionary word counts as one of the genre's phrases (the project dictionary's). */
const GENRE_PHRASE_FREQUENCY = 1000;
/** How much commoner the canonical phrase must be than a written form the dictionary also lists. */
const MISSPELLING_RATIO = 20;
/** Longest phrase searched (UTF-16 units). */
const MAX_LENGTH = 12;

const HAN = /^\p{Script=Han}+$/u;
/** Characters either side of a written form searched for the phrase itself (a play on it). */
const NEARBY = 16;
const OPEN_QUOTE = '“‘「『';
const SENTENCE_END = /[。！？!?\n]/;
const CLOSE_QUOTE = '”’」』';

/**
 * Dictionary frequency from which an idiom or set phrase counts as current: jieba lists many rare or
 * miswritten entries at frequency 3 (应时而变, 一字之贬, 生当做人杰), which no writer is likely to have meant.
 */
const CURRENT_FREQUENCY = 10;
/** Corpus occurrences from which a rarer dictionary phrase counts as current all the same. */
const CURRENT_IN_CORPUS = 3;
/** Documents from which a word bigram of the written form counts as attested in the corpus. */
const ATTESTED_BIGRAM = 1;
/** Dictionary frequency from which a word of two characters or more counts as common. */
const COMMON_WORD = 300;

/** True when the dictionary word is a current canonical phrase of the genre (an idiom, a set phrase, a genre phrase). */
function canonical(word: string, segmenter: Segmenter, model: CorpusModel | undefined): boolean {
  if (word.length < 4) {
    return false;
  }
  const tag = segmenter.tagOf(word) ?? '';
  const f = segmenter.frequency(word);
  return f >= GENRE_PHRASE_FREQUENCY || ((tag === 'i' || tag === 'l') && (f >= CURRENT_FREQUENCY || (model !== undefined && model.wordCount(word) >= CURRENT_IN_CORPUS)));
}

/**
 * The canonical phrases of a dictionary and model, indexed for the one-substitution search: a phrase of four
 * units or more with one unit replaced keeps its first two units (a slip at 2 or later) or its units 2–3 (a
 * slip at 0 or 1), so a position of the text need only be compared with the phrases that open with its two
 * units or hold its next two at 2–3. Built once per segmenter and model (the model decides what is current).
 */
/**
 * Phrases by two of their units: indexed by the first unit's code (a plain array lookup rejects most text
 * positions), then mapped by the second's.
 */
type PairTable = Array<Map<number, string[]> | undefined>;
interface PhraseIndex {
  /** Phrases by their units 0–1. */
  byHead: PairTable;
  /** Phrases by their units 2–3. */
  byMiddle: PairTable;
}
const phraseIndexes = new WeakMap<Segmenter, WeakMap<object, PhraseIndex>>();
const NO_MODEL = {};

function phraseIndex(segmenter: Segmenter, model: CorpusModel | undefined): PhraseIndex | undefined {
  if (!segmenter.words) {
    return undefined;
  }
  let byModel = phraseIndexes.get(segmenter);
  if (!byModel) {
    byModel = new WeakMap();
    phraseIndexes.set(segmenter, byModel);
  }
  let index = byModel.get(model ?? NO_MODEL);
  if (index) {
    return index;
  }
  index = { byHead: new Array<Map<number, string[]> | undefined>(0x10000), byMiddle: new Array<Map<number, string[]> | undefined>(0x10000) };
  const push = (table: PairTable, word: string, k: number): void => {
    const first = word.charCodeAt(k);
    const second = word.charCodeAt(k + 1);
    let map = table[first];
    if (!map) {
      map = new Map();
      table[first] = map;
    }
    const list = map.get(second);
    if (list) {
      list.push(word);
    } else {
      map.set(second, [word]);
    }
  };
  for (const word of segmenter.words(4, MAX_LENGTH)) {
    if (HAN.test(word) && canonical(word, segmenter, model)) {
      push(index.byHead, word, 0);
      push(index.byMiddle, word, 2);
    }
  }
  byModel.set(model ?? NO_MODEL, index);
  return index;
}

/** The phrases of `table` whose units at `from`, `from + 1` are those at `k`, `k + 1` of `s` (no substring made). */
function phrasesAt(table: PairTable, s: string, k: number): string[] | undefined {
  return table[s.charCodeAt(k)]?.get(s.charCodeAt(k + 1));
}

/**
 * The best canonical phrase starting at `i` of `text` that differs from it in exactly one unit, where the
 * phrase's unit is one of the `alternatives` of the text's: the longest, and of those the commonest (再接再厉,
 * not the misspelling 再接再历); of equally common ones, the first met (head list, then middle list).
 */
function bestNearPhrase(
  index: PhraseIndex,
  text: string,
  i: number,
  alternatives: (unit: number) => ReadonlySet<number>,
  frequency: (word: string) => number,
): { word: string; at: number } | undefined {
  let bestWord: string | undefined;
  let bestAt = -1;
  const rest = text.length - i;
  const consider = (word: string, at: number): void => {
    if (bestWord !== undefined && (bestWord.length > word.length || (bestWord.length === word.length && frequency(bestWord) >= frequency(word)))) {
      return;
    }
    bestWord = word;
    bestAt = at;
  };
  // A slip at 2 or later is found by the phrase's head (units 0–1 equal by the key).
  const byHead = phrasesAt(index.byHead, text, i);
  if (byHead) {
    for (const word of byHead) {
      const n = word.length;
      if (n > rest) {
        continue;
      }
      let at = -1;
      for (let k = 2; k < n; k++) {
        if (text.charCodeAt(i + k) !== word.charCodeAt(k)) {
          if (at >= 0) {
            at = -2;
            break;
          }
          at = k;
        }
      }
      if (at >= 2 && alternatives(text.charCodeAt(i + at)).has(word.charCodeAt(at))) {
        consider(word, at);
      }
    }
  }
  // A slip at 0 or 1 is found by its middle (units 2–3 equal by the key).
  if (rest < 4) {
    return bestWord === undefined ? undefined : { word: bestWord, at: bestAt };
  }
  const byMiddle = phrasesAt(index.byMiddle, text, i + 2);
  if (byMiddle) {
    for (const word of byMiddle) {
      const n = word.length;
      if (n > rest) {
        continue;
      }
      const d0 = text.charCodeAt(i) !== word.charCodeAt(0);
      const d1 = text.charCodeAt(i + 1) !== word.charCodeAt(1);
      if (d0 === d1) {
        continue;
      }
      let same = true;
      for (let k = 4; k < n && same; k++) {
        same = text.charCodeAt(i + k) === word.charCodeAt(k);
      }
      const at = d0 ? 0 : 1;
      if (same && alternatives(text.charCodeAt(i + at)).has(word.charCodeAt(at))) {
        consider(word, at);
      }
    }
  }
  return bestWord === undefined ? undefined : { word: bestWord, at: bestAt };
}

/**
 * Finds the near-canonical phrases of one paragraph (Simplified text; offsets paragraph-relative).
 * `userPhrases`: the user's canonical phrases, any one-character slip of which is reported.
 */
export function findNearCanonical(tokens: readonly Token[], services: NearCanonicalServices, userPhrases: readonly string[] = []): NearCanonical[] {
  const { segmenter, pinyin, model } = services;
  if (tokens.length === 0) {
    return [];
  }
  const text = tokens.map((t) => t.norm).join('');
  const base = tokens[0]!.start;
  // Token index at each offset of `text`, to see how the writer's text is cut around a window.
  const tokenAt = new Int32Array(text.length);
  {
    let at = 0;
    tokens.forEach((t, k) => {
      tokenAt.fill(k, at, at + t.norm.length);
      at += t.norm.length;
    });
  }
  const out: NearCanonical[] = [];
  const taken: Array<[number, number]> = [];
  /**
   * True when the written form [i, i + written.length) is a phrase of its own: a word of the corpus, a
   * dictionary word not much rarer than the canonical phrase, or words whose every bigram the corpus knows
   * (法治|建设 beside 法制建设, 社会|心态 beside 社会形态, 因时|而|变 beside 应时而变).
   */
  const attested = (i: number, written: string, expected: string, commonWords = true): boolean => {
    if (model && model.wordCount(written) > 0) {
      return true;
    }
    if (segmenter.hasWord(written)) {
      return segmenter.frequency(written) * MISSPELLING_RATIO > segmenter.frequency(expected);
    }
    const first = tokenAt[i]!;
    const last = tokenAt[i + written.length - 1]!;
    if (first === last) {
      return false;
    }
    // Common words side by side (重要|条件, 正确|认知, 整合|利用) say what they say, whatever phrase they resemble.
    let common = commonWords;
    for (let k = first; k <= last && common; k++) {
      const w = tokens[k]!.norm;
      common = w.length >= 2 && segmenter.frequency(w) >= COMMON_WORD;
    }
    if (common) {
      return true;
    }
    if (!model) {
      return false;
    }
    for (let k = first; k < last; k++) {
      if (model.bigramDocuments(tokens[k]!.norm, tokens[k + 1]!.norm) < ATTESTED_BIGRAM) {
        return false;
      }
    }
    return true;
  };
  /** True when the window [i, j) cuts through a word of the writer's text at either edge. */
  const crossesWord = (i: number, j: number): boolean => {
    const first = tokens[tokenAt[i]!]!;
    const last = tokens[tokenAt[j - 1]!]!;
    const firstStart = first.start - base;
    const lastEnd = last.end - base;
    return (firstStart < i && HAN.test(first.norm) && first.norm.length > 1) || (lastEnd > j && HAN.test(last.norm) && last.norm.length > 1);
  };
  /**
   * True when the writer plays on the phrase rather than slips: the phrase itself stands close by
   * in the same sentence (授人以鱼，不如授人以渔; 甘于创新、敢于创新), or the written form is quoted on its own
   * (“十面霾伏”, a pun).
   */
  const playsOn = (i: number, written: string, expected: string): boolean => {
    const j = i + written.length;
    // Only within the sentence: 我们要坚持守正创新。守证创新不是空话 repeats the phrase and then slips.
    const near = text.slice(Math.max(0, i - NEARBY), j + NEARBY);
    const from = i - Math.max(0, i - NEARBY);
    const before = near.slice(0, from).split(SENTENCE_END).pop() ?? '';
    const after = near.slice(from + written.length).split(SENTENCE_END)[0] ?? '';
    return (before + written + after).includes(expected) || (OPEN_QUOTE.includes(text[i - 1] ?? '') && CLOSE_QUOTE.includes(text[j] ?? ''));
  };
  const add = (i: number, written: string, expected: string, auto: boolean): void => {
    const j = i + written.length;
    if (taken.some(([a, b]) => a < j && i < b)) {
      return;
    }
    taken.push([i, j]);
    out.push({ start: base + i, end: base + j, found: written, expected, auto });
  };

  // The user's phrases first: any one character off, where the written form is no word of the dictionary
  // and no words the corpus writes together (common words side by side count: the user named the phrase).
  for (const phrase of userPhrases) {
    const n = phrase.length;
    if (n < 3 || !HAN.test(phrase)) {
      continue;
    }
    for (let i = 0; i + n <= text.length; i++) {
      let diff = -1;
      for (let k = 0; k < n; k++) {
        if (text.charCodeAt(i + k) !== phrase.charCodeAt(k)) {
          if (diff >= 0) {
            diff = -2;
            break;
          }
          diff = k;
        }
      }
      if (diff < 0) {
        continue;
      }
      const written = text.slice(i, i + n);
      if (HAN.test(written) && !attested(i, written, phrase, false) && !segmenter.hasWord(written) && !crossesWord(i, i + n)) {
        add(i, written, phrase, false);
      }
    }
  }

  const index = phraseIndex(segmenter, model);
  if (!index) {
    return out.sort((a, b) => a.start - b.start);
  }
  const alternatives = (unit: number): ReadonlySet<number> => slipAlternatives(pinyin, unit);
  const frequency = (word: string): number => segmenter.frequency(word);
  for (let i = 0; i + 4 <= text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x4e00 || c > 0x9fff) {
      continue;
    }
    const best = bestNearPhrase(index, text, i, alternatives, frequency);
    if (!best) {
      continue;
    }
    const written = text.slice(i, i + best.word.length);
    if (VARIANT_PAIRS.has(written[best.at]! + best.word[best.at]!)) {
      continue;
    }
    if (!HAN.test(written) || attested(i, written, best.word) || crossesWord(i, i + written.length) || playsOn(i, written, best.word)) {
      continue;
    }
    add(i, written, best.word, true);
  }
  return out.sort((a, b) => a.start - b.start);
}

export const rule: ParagraphRule = {
  meta: {
    id: 'phrasing/near-canonical',
    category: 'phrasing',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'A phrase one likely slip away from a canonical phrase of the genre: 再接再励 → 再接再厉, 为人名服务 → 为人民服务',
  },
  scope: 'paragraph',
  check(ctx) {
    if (ctx.target !== 'simplified') {
      return;
    }
    const userPhrases = (ctx.terms ?? []).filter((t) => t.patterns.length === 0).map((t) => t.expected);
    for (const f of findNearCanonical(ctx.tokens(), ctx.services, userPhrases)) {
      if (ctx.accepted.has(f.found)) {
        continue;
      }
      ctx.report({
        message: l10n.t('“{0}” is one character off the set phrase “{1}”', f.found, f.expected),
        start: f.start,
        end: f.end,
        fixes: [{ title: l10n.t('Replace with “{0}”', f.expected), auto: f.auto, edits: [{ start: f.start, end: f.end, newText: f.expected }] }],
      });
    }
  },
};
