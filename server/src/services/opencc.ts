/**
 * Script conversion over OpenCC data (opencc-js), behind the core's ScriptConverter interface.
 * Converters are built lazily, once each. Conversion towards Traditional goes word by word over the
 * segmenter's tokens, because OpenCC's forward maximum matching mis-converts across word boundaries
 * (好干部 → 好乾部).
 *
 * Towards Traditional, OpenCC's phrase tables (STPhrases, longest match first, then the character table) are
 * used with a few corrections of the genre placed above them (GENRE_PHRASES): words where OpenCC's phrase
 * table picks a form the genre does not write (了然 → 瞭然, 奉公克己 → 奉公剋己), or where its forward maximum
 * matching takes the wrong one of two overlapping phrases (新征程 read as 新征 + 程 → 新徵程, where 征程 decides).
 */
// The core and the preset over the per-dictionary modules rather than the package's main entry: that entry is a
// build with its own copy of every dictionary, which would put OpenCC's data twice into the bundle (some 2 MB of
// source to parse at start-up, and the strings twice in memory).
import { ConverterBuilder, ConverterFactory, type ConverterOptions, type DictGroup } from 'opencc-js/core';
import * as preset from 'opencc-js/preset';
import STCharacters from 'opencc-js/dict/STCharacters';
import STPhrases from 'opencc-js/dict/STPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariants from 'opencc-js/dict/TWVariants';
import HKVariants from 'opencc-js/dict/HKVariants';
import HKVariantsPhrases from 'opencc-js/dict/HKVariantsPhrases';
import TWVariantsPhrases from 'opencc-js/dict/TWVariantsPhrases';
import STPhrasesRegional from 'opencc-js/dict/STPhrases_GeneratedFromRegionalPhrases';
import CJKCompatibility from 'opencc-js/dict/CJK_Compatibility_Ideographs';
import type { ScriptConverter, ScriptTarget, Segmenter } from '../analysis/types';
import { isYuPrepositionWord, YU_SIMPLIFIED, YU_TRADITIONAL } from '../analysis/detect/yu';

type Convert = (text: string) => string;

/**
 * Simplified → Traditional corrections of OpenCC's phrase table for the genre, each a Simplified word and its
 * Traditional form (character for character). They take precedence over OpenCC's phrases, also inside the
 * longer phrases of its table that contain them (一目了然, 了然于心, 奉公克己).
 * - 了然 stays 了然: 瞭然 is a variant at most; the Taiwan and Hong Kong standards write 一目了然, 了然於心.
 * - 克己 and 克制 (self-restraint) keep 克 (克己奉公, 奉公克己, 克制情绪): 剋 is only for 剋扣, 相剋, 剋星.
 * - 征 of 征程 and 征途 stays after 新 (新征程, 新征途): OpenCC's 新征 → 新徵 (a new levy) matches first.
 * OpenCC's choices that its phrase table makes on purpose are kept: 借着 → 藉着 (Taiwan 藉著), 回环 → 迴環,
 * 了解 → 瞭解, 克扣 → 剋扣, 征收 → 徵收.
 */
export const GENRE_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['了然', '了然'],
  ['克己', '克己'],
  ['克制', '克制'],
  ['新征程', '新征程'],
  ['新征途', '新征途'],
];

/**
 * Words the Taiwan and Hong Kong standards write otherwise than OpenCC's phrase table, which has one form for all
 * Traditional text: 回歸 (回归; 迴歸 is the statistician's regression, and OpenCC writes it for both), and 布 in
 * 公布, 發布, 宣布, 分布 and their kind, the main entries of Taiwan's Ministry of Education dictionary and the
 * forms both governments publish (OpenCC writes 佈). OpenCC's forms stay valid: script/mixed accepts a character
 * any standard writes, so 迴歸 and 公佈 are never flagged either; this only stops flagging the regional forms and
 * makes them the conversion's output for those targets. Longer phrases of OpenCC's keep its form (北迴歸線).
 */
export const REGIONAL_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ['回归', '回歸'],
  ['公布', '公布'],
  ['发布', '發布'],
  ['发布会', '發布會'],
  ['宣布', '宣布'],
  ['分布', '分布'],
  ['散布', '散布'],
  ['颁布', '頒布'],
  ['遍布', '遍布'],
  ['密布', '密布'],
  ['摆布', '擺布'],
  ['布告', '布告'],
  ['布置', '布置'],
  ['布局', '布局'],
];

/** Entries of OpenCC's Simplified → Traditional phrase tables, as `[key, value]` pairs. */
function dictPairs(data: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const entry of data.split('|')) {
    const sp = entry.indexOf(' ');
    if (sp > 0) {
      // A key with several values: OpenCC uses the first.
      const rest = entry.slice(sp + 1);
      const sp2 = rest.indexOf(' ');
      pairs.push([entry.slice(0, sp), sp2 < 0 ? rest : rest.slice(0, sp2)]);
    }
  }
  return pairs;
}

/** Patched tables, derived once per list of phrases (the converters share them). */
const patchedTables = new Map<ReadonlyArray<readonly [string, string]>, Array<[string, string]>>();

/**
 * A list of phrases, and every phrase of OpenCC's tables that contains one of them with the list's form put in
 * (一目了然 → 一目了然 rather than 一目瞭然). Placed first, they win over OpenCC's entries of the same key.
 */
function patchedDict(phrases: ReadonlyArray<readonly [string, string]>): Array<[string, string]> {
  const cached = patchedTables.get(phrases);
  if (cached) {
    return cached;
  }
  const out = new Map<string, string>(phrases.map(([k, v]) => [k, v]));
  for (const data of [STPhrases, STPhrasesRegional]) {
    for (const [key, value] of dictPairs(data)) {
      if (out.has(key) || key.length !== value.length) {
        continue;
      }
      let patched = value;
      for (const [k, v] of phrases) {
        for (let at = key.indexOf(k); at >= 0; at = key.indexOf(k, at + 1)) {
          patched = patched.slice(0, at) + v + patched.slice(at + v.length);
        }
      }
      if (patched !== value) {
        out.set(key, patched);
      }
    }
  }
  const entries = [...out];
  patchedTables.set(phrases, entries);
  return entries;
}

/** The genre's phrases with OpenCC's phrases that contain them (see GENRE_PHRASES). */
const genreDict = (): Array<[string, string]> => patchedDict(GENRE_PHRASES);

function parseDict(data: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const entry of data.split('|')) {
    const parts = entry.split(' ');
    const key = parts[0];
    if (key) {
      map.set(key, parts.slice(1));
    }
  }
  return map;
}

/** Characters some phrase of the dictionary keeps unchanged (皇后 keeps 后, 若干 keeps 干). */
function keptByPhrases(phrases: Map<string, string[]>): Set<string> {
  const kept = new Set<string>();
  for (const [k, vs] of phrases) {
    const v = vs[0];
    if (!v) {
      continue;
    }
    const ka = Array.from(k);
    const va = Array.from(v);
    if (ka.length !== va.length) {
      continue;
    }
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] === va[i]) {
        kept.add(ka[i]!);
      }
    }
  }
  return kept;
}

interface ScriptSets {
  tradOnly: Set<string>;
  simpOnly: Set<string>;
  reverse: Map<string, string[]>;
}

/** File name of the script sets the build derives from OpenCC's data (see esbuild.mjs). */
export const SCRIPT_SETS = 'script-sets.json';

/** The script sets as JSON (the build writes them to dist/data so that start-up need not derive them). */
export interface ScriptSetsFile {
  /** Lengths of the OpenCC dictionaries they were derived from (a different opencc-js is not used). */
  source: number[];
  tradOnly: string[];
  simpOnly: string[];
  reverse: Array<[string, string[]]>;
}

function sourceLengths(): number[] {
  return [STCharacters, STPhrases, TSCharacters, TSPhrases, TWVariants, HKVariants].map((d) => d.length);
}

/** The script sets derived from this opencc-js, as JSON. */
export function scriptSetsFile(): ScriptSetsFile {
  const sets = buildSets();
  return { source: sourceLengths(), tradOnly: [...sets.tradOnly], simpOnly: [...sets.simpOnly], reverse: [...sets.reverse] };
}

/** Script sets from their JSON form; undefined when they were derived from other OpenCC data. */
function fromFile(file: ScriptSetsFile | undefined): ScriptSets | undefined {
  const lengths = sourceLengths();
  if (!file || !Array.isArray(file.source) || file.source.length !== lengths.length || file.source.some((n, i) => n !== lengths[i])) {
    return undefined;
  }
  return { tradOnly: new Set(file.tradOnly), simpOnly: new Set(file.simpOnly), reverse: new Map(file.reverse) };
}

function buildSets(): ScriptSets {
  const st = parseDict(STCharacters);
  const ts = parseDict(TSCharacters);
  const variants = new Set<string>();
  for (const d of [TWVariants, HKVariants]) {
    for (const [k, vs] of parseDict(d)) {
      variants.add(k);
      vs.forEach((v) => variants.add(v));
    }
  }
  const keptSimp = keptByPhrases(parseDict(STPhrases));
  const keptTrad = keptByPhrases(parseDict(TSPhrases));
  const tradValues = new Set<string>();
  for (const vs of st.values()) {
    vs.forEach((v) => tradValues.add(v));
  }
  const simpValues = new Set<string>();
  for (const vs of ts.values()) {
    vs.forEach((v) => simpValues.add(v));
  }
  const simpOnly = new Set<string>();
  for (const [k, vs] of st) {
    if (!vs.includes(k) && !keptSimp.has(k) && !variants.has(k) && !tradValues.has(k) && !ts.has(k)) {
      simpOnly.add(k);
    }
  }
  const tradOnly = new Set<string>();
  for (const [k, vs] of ts) {
    if (!vs.includes(k) && !keptTrad.has(k) && !simpValues.has(k) && !st.has(k)) {
      tradOnly.add(k);
    }
  }
  // Simplified character → every Traditional character that simplifies to it.
  const reverse = new Map<string, string[]>();
  const add = (s: string, t: string): void => {
    const list = reverse.get(s) ?? [];
    if (!list.includes(t)) {
      list.push(t);
    }
    reverse.set(s, list);
  };
  for (const [s, ts2] of st) {
    ts2.forEach((t) => add(s, t));
  }
  for (const [t, ss] of ts) {
    ss.forEach((s) => add(s, t));
  }
  return { tradOnly, simpOnly, reverse };
}

/** OpenCC's converters between its locales (what the package's `Converter` is). */
const converterOf: (options: ConverterOptions) => Convert = ConverterBuilder(preset);

/** Regional variants applied after the conversion to OpenCC's Traditional (s2tw, s2hk). */
const REGIONAL: Record<string, string[]> = { t: [], tw: [TWVariantsPhrases, TWVariants], hk: [HKVariantsPhrases, HKVariants] };

/**
 * Simplified → Traditional as OpenCC's s2t, s2tw and s2hk do it (compatibility ideographs normalised, then the
 * phrase tables before the character table by longest match, then the regional variants), with the genre's
 * phrases above OpenCC's.
 */
function toTraditionalConverter(to: string): Convert {
  const regional = REGIONAL[to];
  if (!regional) {
    return converterOf({ from: 'cn', to });
  }
  // The regional words alone, not patched into OpenCC's longer phrases: 北回归线 stays 北迴歸線 by longest match.
  const phrases = regional.length > 0 ? [REGIONAL_PHRASES.map(([k, v]): [string, string] => [k, v]), genreDict()] : [genreDict()];
  const groups: DictGroup[] = [[CJKCompatibility], [...phrases, STPhrases, STPhrasesRegional, STCharacters]];
  if (regional.length > 0) {
    groups.push(regional);
  }
  return ConverterFactory(...groups);
}

/**
 * Creates the converter. The segmenter is used for word-by-word conversion to Traditional. `precomputed`
 * reads the script sets the build derived (they are derived here when it gives none that match).
 */
export function createOpenccConverter(segmenter: Segmenter, precomputed: () => ScriptSetsFile | undefined = () => undefined): ScriptConverter {
  const converters = new Map<string, Convert>();
  const get = (from: string, to: string): Convert => {
    const key = `${from}>${to}`;
    const cached = converters.get(key);
    if (cached) {
      return cached;
    }
    const made: Convert = from === 'cn' && to !== 'cn' ? toTraditionalConverter(to) : converterOf({ from, to });
    converters.set(key, made);
    return made;
  };
  let sets: ScriptSets | undefined;
  const getSets = (): ScriptSets => (sets ??= fromFile(precomputed()) ?? buildSets());
  const OPENCC_TARGET: Record<Exclude<ScriptTarget, 'simplified'>, string> = { traditional: 't', taiwan: 'tw', hongkong: 'hk' };

  const toSimplified = (text: string): string => {
    const out = get('tw', 'cn')(get('hk', 't')(text));
    return out.includes(YU_TRADITIONAL) ? prepositionYu(out) : out;
  };

  /**
   * OpenCC's Traditional → Simplified phrase table keeps 於 in names (於單, 於潛, 於梨華), and its forward
   * maximum matching finds them across words too: 過於單一 → 过於单一. A 於 left in the Simplified text that reads
   * as the preposition there (in a word such as 过于, 由于 once it is 于) becomes 于; the names keep it.
   */
  const prepositionYu = (text: string): string => {
    const chars = text.split('');
    let at = 0;
    // 於 → 于 is one code unit for one: the words of the text with every 於 read as 于 align with the text.
    for (const word of segmenter.cut(text.replaceAll(YU_TRADITIONAL, YU_SIMPLIFIED))) {
      if (isYuPrepositionWord(word, segmenter)) {
        for (let i = at; i < at + word.length; i++) {
          if (chars[i] === YU_TRADITIONAL) {
            chars[i] = YU_SIMPLIFIED;
          }
        }
      }
      at += word.length;
    }
    return chars.join('');
  };

  /**
   * The text in Simplified, changing only what is Traditional. OpenCC's Traditional → Simplified step reads
   * every character as Traditional, so on Simplified text it damages characters both scripts share
   * (显著 → 显着, 么 → 幺). Word by word over the segmentation of the fully converted text: a word holding a
   * Traditional-only character takes its converted form, a word holding a Simplified-only character stays as
   * written, and a word of shared characters follows the document's majority script (so 著 stays in
   * Simplified text and becomes 着 in 穿著, in Traditional text). The preposition 於 of a word (由於, 终於)
   * becomes 于 in any text, as script/mixed has it; 於 as a surname or in a name (於潜) follows the majority.
   */
  const simplify = (text: string): string => {
    if (toSimplified(text) === text) {
      return text;
    }
    const s = getSets();
    let trad = 0;
    let simp = 0;
    for (const ch of text) {
      if (s.tradOnly.has(ch)) {
        trad++;
      } else if (s.simpOnly.has(ch)) {
        simp++;
      }
    }
    if (trad === 0 && !text.includes(YU_TRADITIONAL)) {
      return text;
    }
    // Sentence by sentence, so that a conversion that changes a length (騞 → 𬴃) stays local.
    return (text.match(/[^。！？\n]*(?:[。！？\n]|$)/g) ?? [text]).map((chunk) => simplifyChunk(chunk, trad > simp)).join('');
  };

  const simplifyChunk = (text: string, majorityTraditional: boolean): string => {
    const full = toSimplified(text);
    if (full === text) {
      return text;
    }
    if (full.length !== text.length) {
      return majorityTraditional ? full : text;
    }
    const s = getSets();
    let out = '';
    let offset = 0;
    for (const word of segmenter.cut(full)) {
      if (!full.startsWith(word, offset)) {
        break;
      }
      const original = text.slice(offset, offset + word.length);
      offset += word.length;
      if (original === word) {
        out += word;
        continue;
      }
      let hasTrad = false;
      let hasSimp = false;
      for (const ch of original) {
        hasTrad ||= s.tradOnly.has(ch);
        hasSimp ||= s.simpOnly.has(ch);
      }
      hasTrad ||= original.includes(YU_TRADITIONAL) && isYuPrepositionWord(word, segmenter);
      out += hasTrad || (!hasSimp && majorityTraditional) ? word : original;
    }
    // A segmenter that does not cover its input exactly leaves the rest as the full conversion has it.
    if (offset !== text.length) {
      out += full.slice(offset);
    }
    return keepSharedWords(text, out);
  };

  /**
   * OpenCC reads a character both scripts share as the Traditional form of another (著 → 着, 藉 → 借), also in
   * words that keep it in Simplified (卓著, 见微知著, 原著). Where the character as written makes a dictionary
   * word with its neighbours more than twice as frequent as any word the converted one makes, the written one
   * stays (卓著 263 against 卓着 3; but 穿著 3 against 穿着 110 converts, and 适用於 3 against 用于 8181).
   */
  const keepSharedWords = (text: string, converted: string): string => {
    const s = getSets();
    const chars = converted.split('');
    for (let k = 0; k < text.length; k++) {
      const o = text[k]!;
      if (chars[k] === o || s.tradOnly.has(o) || s.simpOnly.has(o) || (o.charCodeAt(0) & 0xf800) === 0xd800) {
        continue;
      }
      const conv = chars[k]!;
      // The most frequent word around the character, as written and as converted.
      let written = 0;
      let other = 0;
      for (let len = 2; len <= 4; len++) {
        for (let start = Math.max(0, k - len + 1); start <= k && start + len <= text.length; start++) {
          chars[k] = o;
          written = Math.max(written, segmenter.frequency(chars.slice(start, start + len).join('')));
          chars[k] = conv;
          other = Math.max(other, segmenter.frequency(chars.slice(start, start + len).join('')));
        }
      }
      const keep = written > 2 * other;
      if (keep) {
        chars[k] = o;
      }
    }
    return chars.join('');
  };
  /** True when the text holds more Traditional-only than Simplified-only characters. */
  const majorityTraditional = (text: string): boolean => {
    const s = getSets();
    let balance = 0;
    for (const ch of text) {
      if (s.tradOnly.has(ch)) {
        balance++;
      } else if (s.simpOnly.has(ch)) {
        balance--;
      }
    }
    return balance > 0;
  };

  /** The text in one Traditional standard: normalised to Simplified, then converted word by word. */
  const toTraditional = (text: string, to: Exclude<ScriptTarget, 'simplified'>): string => {
    const simplified = simplify(text);
    const conv = get('cn', OPENCC_TARGET[to]);
    let out = segmenter.cut(simplified).map(conv).join('');
    // Keep the conversion reversible: where converting back would not give the Simplified text again
    // (想象 → 想像 → 想像, 显著 in some contexts), keep the original character, which is valid in both
    // scripts in those words — unless it is Simplified-only (钜 → 鉅 → 巨, 馀 → 餘 → 余, 鲶 → 鯰 → 鲇): no
    // Traditional text writes those, so the conversion stands. Positions align because these conversions map
    // code unit to code unit.
    const s = getSets();
    for (let round = 0; round < 3; round++) {
      const back = toSimplified(out);
      if (back === simplified || back.length !== simplified.length || out.length !== simplified.length) {
        break;
      }
      let fixed = '';
      for (let i = 0; i < out.length; i++) {
        fixed += back[i] === simplified[i] || s.simpOnly.has(simplified[i]!) ? out[i] : simplified[i];
      }
      if (fixed === out) {
        break;
      }
      out = fixed;
    }
    return out;
  };

  return {
    toSimplified,
    convert(text, to) {
      if (to === 'simplified') {
        return simplify(text);
      }
      const out = toTraditional(text, to);
      if (to !== 'traditional' || out === text || out.length !== text.length) {
        return out;
      }
      // Traditional in general, not one standard: in a text that is already Traditional, a character that
      // some standard writes as it stands (為 and 爲, 群 and 羣, 著 read as 着) is the writer's and stays;
      // only what no Traditional standard writes that way (干部 → 幹部, 寄托 → 寄託) changes. A Simplified
      // text converts to OpenCC's standard as a whole.
      if (!majorityTraditional(text)) {
        return out;
      }
      const tw = toTraditional(text, 'taiwan');
      const hk = toTraditional(text, 'hongkong');
      if (tw.length !== text.length || hk.length !== text.length) {
        return out;
      }
      const s = getSets();
      // A character both scripts share that stands alone as a word (干 of 干在前, 筑 of 筑牢) is ambiguous
      // on its own (干戈, 干涉; 筑 the instrument): as in script/mixed, it stays.
      const lone = new Uint8Array(text.length);
      const simplified = simplify(text);
      if (simplified.length === text.length) {
        let at = 0;
        for (const w of segmenter.cut(simplified)) {
          if (w.length === 1) {
            lone[at] = 1;
          }
          at += w.length;
        }
      }
      let kept = '';
      for (let k = 0; k < text.length; k++) {
        const o = text[k]!;
        const keep = o === tw[k] || o === hk[k] || s.tradOnly.has(o) || (lone[k] === 1 && !s.simpOnly.has(o));
        kept += out[k] !== o && keep ? o : out[k]!;
      }
      return kept;
    },
    convertWord: (word, to) => get('cn', OPENCC_TARGET[to])(word),
    traditionalCandidates: (ch) => getSets().reverse.get(ch) ?? [],
    isTraditionalOnly: (ch) => getSets().tradOnly.has(ch),
    isSimplifiedOnly: (ch) => getSets().simpOnly.has(ch),
  };
}
