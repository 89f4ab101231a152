/**
 * repetition/doubled-word — a character, word or short phrase written twice by accident: 要要, 的的,
 * 我们我们, 年轻的年轻的, 他他们.
 *
 * Doubling that is Chinese grammar is left alone, and the segmenter's dictionary decides most of it:
 * - a doubled form that is one dictionary word: 谢谢 往往 纷纷 渐渐 刚刚 常常 天天 人人 的的确确 仔仔细细
 *   是是非非 千千万万 (jieba keeps a dictionary word whole, so the copies are inside one token);
 * - AA of a content character, judged by its dictionary tag and frequency: numerals, measure words,
 *   nouns, names, time words, place words and interjections reduplicate (年年 周周 座座 域域 徐玉玉 屠呦呦),
 *   and so do rare verbs and adverbs (挂挂 墩墩苗 正正衣冠), whereas function words never do (的 了 在 从
 *   由 而 我 这: particles, prepositions, conjunctions, pronouns) and the most frequent verbs and adverbs
 *   (是 要 会 让 到 将 就 都) only in dictionary words (看看 说说 想想), so their AA outside one is a slip;
 * - AABB (认认真真 桩桩件件, also when not in the dictionary) and ABB (绿油油);
 * - ABAB of a verb that takes tentative reduplication (研究研究 讨论讨论 商量商量), of a state adjective
 *   (雪白雪白, dictionary tag z), of a numeral phrase (一步一步 一个国家一个国家), of 大段/整段-style quantities,
 *   and the rhetorical 坚持坚持再坚持;
 * - the constructions V着V着 (写着写着) and A不A (写不写不重要), and a word called out twice to open a
 *   sentence (出路出路，走出去了才有路).
 * A character doubled inside a word (国国家 农农村 热情情 技术创新新 删删繁就简 增添人人文美) is found where the
 * segmenter leaves one copy alone beside a dictionary word that starts or ends with it (国|国家, 热情|情); the
 * lone copy is excused where it may be a word of its own (对对方 社会会面临 历史中中华 人才才能), see
 * insideWordDoublings. A character doubled in the middle of a longer word (社会会主义, 互联联网) is found in the text
 * itself, where removing one copy leaves a dictionary word of three characters or more around it, and one
 * glued into a rare dictionary token (学学习) where the token with one copy is a common word (middleDoublings,
 * issue 17). Its fix is automatic only with a wide margin, otherwise a suggestion. Where the segmenter reads the
 * pair as grammar (申申|论, 说|明明, 自|自己), the genre's own word counts decide (genreDoublings); where the
 * segmenter reads it as a reduplication or a lone copy the earlier steps excuse (静静|心, 小小|资, 要|要求, 用|用心),
 * the genre's language model does: the clause with one copy removed must be far likelier (readingDoublings).
 * Only Han text is considered; digits (2020, 11) and text in other scripts never are.
 *
 * ✗ 我们要要结合基层实际      ✓ 我们要结合基层实际
 * ✗ 最典型的的代表            ✓ 最典型的代表
 * ✗ 我们我们要坚持            ✓ 我们要坚持
 * ✗ 维护国国家安全            ✓ 维护国家安全
 * ✓ 谢谢 · 往往 · 仔仔细细地研究 · 我们研究研究 · 年年有新意 · 一步一步地 · 写着写着
 *
 * Fix: remove the extra copies (the first copy stays).
 */
import * as l10n from '@vscode/l10n';
import { codePointLength, isHanOnly } from '../../chars';
import type { ParagraphRule } from '../../rule';
import type { CorpusModel, Segmenter, Token } from '../../types';


/**
 * Dictionary tags whose single characters reduplicate freely (jieba's tags): numerals (m: 一一 年年 月月),
 * measure words (q: 道道 座座), nouns and names (n, nr, ns, nt, nz, ng: 域域 物物 玉玉), place and time
 * words (f, s, t: 上上 天天), interjections and onomatopoeia (e, o, y: 呦呦 哈哈) and morphemes (g, zg).
 */
const REDUPLICATING_TAG = /^(?:m|q|n|f|s|t|e|o|y|g|zg|x)/;
/** Tags of function words: particles, prepositions, conjunctions, pronouns. Their AA is never grammatical. */
const FUNCTION_TAG = /^(?:u|p|c|r)/;
/**
 * Dictionary frequency from which a verb or adverb is so common that its legitimate AA is a dictionary word
 * (看看 说说 想想 走走 常常): jieba's frequencies of the doubled function-like verbs and adverbs in the corpus
 * are 让 50310, 会 92091, 将 122305, 到 205341, 是 796991; those of reduplicated content verbs and adverbs
 * found there are 正 37763 (正正衣冠), 生 22579 (生生将…), 挂 6653, 墩 1585.
 */
const COMMON_FREQUENCY = 40_000;

/**
 * Verbs that take tentative ABAB reduplication (研究研究 = look into it a little). Jieba's tags do not tell
 * them apart (商量 and 整理 are tagged n, 研究 and 调查 vn), so this short list supplements the dictionary.
 * Other doubled words (我们我们 精神精神 彰显彰显 实现实现 不仅不仅) are slips: the corpus has them only as
 * slips.
 */
export const TENTATIVE_VERBS: ReadonlySet<string> = new Set(
  ('研究 讨论 商量 考虑 学习 休息 锻炼 活动 打扫 整理 收拾 交流 沟通 了解 调查 检查 思考 琢磨 准备 练习 ' +
    '放松 比较 介绍 反思 总结 梳理 清理 打听 复习 溜达 散步 帮助 关心 体验 尝试 熟悉 分析 议论 指点 ' +
    '打扮 修理 照顾 表扬 批评 提醒 观察 欣赏 品尝').split(' '),
);
/** First characters of quantity nouns that double as ABAB (大段大段 整段整段 大把大把 成片成片). */
const QUANTITY_PREFIX = new Set(['大', '整', '成', '满']);
/** Closing tokens of units whose doubling is a construction: V着V着, A不A (写不写不重要), A没A. */
const CONSTRUCTION_END = new Set(['着', '不', '没', '没有']);
/** Pronouns that take 们; 我我们 and 我们们 are slips. */
const PLURAL_PRONOUN = new Set(['我', '你', '他', '她', '它', '咱']);

/** A doubled unit found in a paragraph: copies of `unit` from `start` to `end`, paragraph-relative. */
export interface Doubling {
  start: number;
  end: number;
  /** The repeated unit as written. */
  unit: string;
  /** Number of copies (2 for 要要, 3 for 的的的). */
  copies: number;
  /** Offset where the extra copies start (they run to `end`). */
  extraStart: number;
  /**
   * False when the deletion is offered as a suggestion only: a character doubled inside a word where the
   * reading of the lone copy as a word of its own is not far-fetched (see insideWordDoublings).
   */
  auto?: boolean;
  /** True when XX may be the reduplicated word it is elsewhere (人人学礼): reported one severity lower. */
  tentative?: boolean;
  /** The dictionary word a character is doubled in (国家 of 国国家), when it is. */
  word?: string;
}

const han = (t: Token | undefined): t is Token => t !== undefined && isHanOnly(t.text);

function sameUnit(tokens: readonly Token[], a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) {
    const x = tokens[a + k];
    const y = tokens[b + k];
    if (x === undefined || y === undefined || x.text !== y.text) {
      return false;
    }
  }
  for (let k = 0; k < n; k++) {
    if (!han(tokens[a + k])) {
      return false;
    }
  }
  return true;
}


/** True when `AA` of a single character (tokens[i] doubled by tokens[i+1]) is grammatical reduplication. */
function legitimateAA(tokens: readonly Token[], i: number, segmenter: Segmenter): boolean {
  const t = tokens[i]!;
  // AABB: 认认真真, 桩桩件件 (either half).
  const n1 = tokens[i + 2];
  const n2 = tokens[i + 3];
  if (han(n1) && n2 && codePointLength(n1.text) === 1 && n1.text === n2.text && n1.text !== t.text) {
    return true;
  }
  const p1 = tokens[i - 1];
  const p2 = tokens[i - 2];
  if (han(p1) && p2 && codePointLength(p1.text) === 1 && p1.text === p2.text && p1.text !== t.text) {
    return true;
  }
  const tag = segmenter.tagOf(t.norm);
  if (tag === undefined) {
    // Not in the dictionary: a rare character, reduplicated on purpose (name, dialect, classical text).
    return true;
  }
  if (FUNCTION_TAG.test(tag)) {
    return false;
  }
  if (REDUPLICATING_TAG.test(tag)) {
    return true;
  }
  return segmenter.frequency(t.norm) < COMMON_FREQUENCY;
}

/** True when the word `w` (one token, two or more characters) doubled as ABAB is grammatical. */
function legitimateABAB(tokens: readonly Token[], i: number, segmenter: Segmenter): boolean {
  const w = tokens[i]!.norm;
  if (TENTATIVE_VERBS.has(w) || w.startsWith('一') || (w.length === 2 && QUANTITY_PREFIX.has(w[0]!))) {
    return true;
  }
  const tag = segmenter.tagOf(w) ?? '';
  if (/^(?:m|q|z)/.test(tag)) {
    return true;
  }
  // 坚持坚持再坚持, 落实落实再落实.
  const next = tokens[i + 2];
  const after = tokens[i + 3];
  if (next?.text === '再' && after?.text === tokens[i]!.text) {
    return true;
  }
  // A word called out twice to open a sentence: 出路出路，走出去了才有路.
  const before = tokens[i - 1];
  return (!before || /[。！？；：、“‘（\s]$/u.test(before.text)) && (next?.text === '，' || next?.text === '！');
}

/** True when a unit of several tokens (tokens[i..i+n)) doubled is a construction or spans constituents. */
function legitimateUnit(tokens: readonly Token[], i: number, n: number, segmenter: Segmenter): boolean {
  const first = tokens[i]!;
  const last = tokens[i + n - 1]!;
  if (first.norm.startsWith('一') || /^m/.test(segmenter.tagOf(first.norm) ?? '')) {
    return true;
  }
  if (CONSTRUCTION_END.has(last.norm)) {
    return true;
  }
  // A unit ending in a preposition or conjunction cuts across phrases (有的人对人对己 = 有的人 + 对人对己).
  return /^(?:p|c)/.test(segmenter.tagOf(last.norm) ?? '');
}

/**
 * False when no code unit of the tokens' joined `key` equals the one before it and none is a surrogate (an
 * astral character written twice is no pair of equal units): then no character is written twice in a row.
 */
function mayDoubleCharacter(tokens: readonly Token[], key: 'text' | 'norm'): boolean {
  let last = -1;
  for (const t of tokens) {
    const s = t[key];
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c === last || (c >= 0xd800 && c <= 0xdfff)) {
        return true;
      }
      last = c;
    }
  }
  return false;
}

/**
 * Finds accidental doublings in a paragraph from its tokens. `accepted` words (the doubled form, such as
 * 呦呦) are never reported. `text` is the tokens' text joined, when the caller has it (the prose).
 */
export function findDoublings(tokens: readonly Token[], segmenter: Segmenter, accepted: ReadonlySet<string>, text?: string, model?: CorpusModel): Doubling[] {
  const out: Doubling[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const c = t.text.charCodeAt(0);
    // Han text only (a cheap range test first: punctuation, Latin and digits are most of the rest).
    if (c < 0x3400 || (c >= 0xa000 && c < 0xd800) || c > 0xdbff && c < 0xf900 || !han(t)) {
      continue;
    }
    // 我我们 and 我们们: the pronoun doubled across the segmenter's word boundary.
    const next = tokens[i + 1];
    if (next && han(next)) {
      if (PLURAL_PRONOUN.has(t.text) && next.norm === `${t.norm}们` && segmenter.tagOf(next.norm)?.startsWith('r')) {
        if (!accepted.has(t.text + next.text)) {
          out.push({ start: t.start, end: t.end + 1, unit: t.text, copies: 2, extraStart: t.end });
        }
        continue;
      }
      if (next.text === '们' && t.text.length === 2 && t.norm.endsWith('们') && segmenter.tagOf(t.norm)?.startsWith('r')) {
        if (!accepted.has(t.text + next.text)) {
          out.push({ start: t.end - 1, end: next.end, unit: next.text, copies: 2, extraStart: next.start });
        }
        continue;
      }
    }
    for (let n = 1; n <= 4; n++) {
      // A unit of n tokens repeats only if its first token does (the cheap test before the full one).
      if (tokens[i + n]?.text !== t.text || !sameUnit(tokens, i, i + n, n)) {
        continue;
      }
      let copies = 2;
      while (sameUnit(tokens, i, i + copies * n, n)) {
        copies++;
      }
      const unitText = tokens.slice(i, i + n).map((x) => x.text).join('');
      let legitimate: boolean;
      if (n === 1 && codePointLength(t.text) === 1) {
        legitimate = legitimateAA(tokens, i, segmenter);
      } else if (n === 1) {
        legitimate = legitimateABAB(tokens, i, segmenter);
      } else {
        legitimate = legitimateUnit(tokens, i, n, segmenter);
      }
      if (!legitimate && !accepted.has(unitText.repeat(2)) && !accepted.has(unitText)) {
        const end = tokens[i + copies * n - 1]!.end;
        out.push({ start: t.start, end, unit: unitText, copies, extraStart: tokens[i + n]!.start });
        i += copies * n - 1;
      }
      break;
    }
  }
  const crossing = crossingDoublings(tokens, segmenter, accepted, out, text);
  // The middle of a longer word first: 社会|会|主义 is 社会主义 doubled, not 社会 (which the next step would say).
  const middle = middleDoublings(tokens, segmenter, accepted, [...out, ...crossing], text);
  // Both need a character written twice in a row (in the text as written, resp. in its Simplified form):
  // most paragraphs hold none, and one pass over their code units says so.
  const inside = mayDoubleCharacter(tokens, 'text') ? insideWordDoublings(tokens, segmenter, accepted, [...out, ...crossing, ...middle]) : [];
  const genre = model && mayDoubleCharacter(tokens, 'norm') ? genreDoublings(tokens, segmenter, model, accepted, [...out, ...crossing, ...middle, ...inside]) : [];
  const read = model ? readingDoublings(tokens, segmenter, model, accepted, [...out, ...crossing, ...middle, ...inside, ...genre], text) : [];
  return [...out, ...crossing, ...inside, ...middle, ...genre, ...read].sort((a, b) => a.start - b.start);
}

/**
 * Frequency from which two words meeting at a doubled character are read as such (大学|学生, 水生 629|生物),
 * not as a slip inside the joined word: the rare halves of slips read on dev essays are 重金 166, 互联 187,
 * 例证 189, 四段 27.
 */
const MEETING_WORD_FREQUENCY = 500;
/**
 * ...or when the joined word is this many times rarer than both halves (关税 578|税率 210 beside 关税率 5); in
 * the slips read on dev it is about as common as the rarer half or more (重金属 112, 例证法 2 beside 证法 8).
 */
const MEETING_RATIO = 10;
/** Longest dictionary word looked for around a doubled character (社会主义 of 社会会主义). */
const MAX_JOIN_WORD = 6;

/** Ratio by which the word with one copy must be more frequent than the token holding both (学学习 7, 学习 13482). */
const GLUED_RATIO = 100;

/**
 * The word a doubled pair at `i` (relative to the joined norm) is a slip of when the segmenter glued both
 * copies into one token: a token of three characters or more, no numeral or measure reduplication (一个个
 * 一座座) and not opening with 一, whose form with one copy is a word {@link GLUED_RATIO} times as frequent
 * (学学习 → 学习), unless the pair is a verb of the dictionary (洗洗澡). A token XX is left alone even when rare (申申|论): on dev essays such pairs were mostly
 * verbs and adverbs reduplicated on purpose (洗洗澡, 动动心思, 不单单).
 */
function glueDoubling(tokens: readonly Token[], tokenAt: Int32Array, starts: readonly number[], i: number, segmenter: Segmenter): string | undefined {
  const k = tokenAt[i]!;
  if (tokenAt[i + 1] !== k) {
    return undefined;
  }
  const t = tokens[k]!.norm;
  const tf = segmenter.frequency(t);
  const tag = segmenter.tagOf(t) ?? '';
  if (t.length < 3 || t.startsWith('一') || /^(?:m|q|n[rstz])/.test(tag)) {
    // Numeral and measure reduplications (一个个) and names (立法法, the Legislation Law, tagged nr).
    return undefined;
  }
  const at = i - starts[k]!;
  if (t[at + 2] === '长') {
    // A unit before its head's title: 促进局|局长 glued as 局局长.
    return undefined;
  }
  if (/^v(?!n)/.test(segmenter.tagOf(t.slice(at, at + 2)) ?? '')) {
    // A verb's tentative reduplication before its object: 洗洗澡 (洗洗 is a verb of the dictionary).
    return undefined;
  }
  const reduced = t.slice(0, at) + t.slice(at + 1);
  return segmenter.frequency(reduced) >= Math.max(1, tf) * GLUED_RATIO ? reduced : undefined;
}

/**
 * A character doubled in the middle of a word of three or more characters: 社会会主义 (社会主义), 城市市化
 * (城市化), 互联联网 (互联网), 李克克强. The segmenter cuts such text anywhere (社会|会|主义, 互联|联网), so the
 * tokens do not show it; the text does: with one copy removed, a dictionary word of three characters or more
 * holds the character with text on both sides. Left alone: a doubled pair inside one dictionary token
 * (一个个, 常常), AABB and triples (认认真真, 买买买), a pair that is a common reduplication itself (人人,
 * 天天), a particle after a word ending in it (无目的|的|物质), a unit before its head's title (组织部|部长),
 * and two common words meeting at the pair (大学|学生, 水生|生物, though 大学生 and 水生物 are words) unless
 * the joined word is more common than either, or far rarer than both (关税|税率); rare halves do not count
 * (重金|金属, 例证|证法, 互联|联网 are slips). Always a suggestion.
 */
function middleDoublings(tokens: readonly Token[], segmenter: Segmenter, accepted: ReadonlySet<string>, found: readonly Doubling[], joined?: string): Doubling[] {
  const out: Doubling[] = [];
  if (tokens.length === 0) {
    return out;
  }
  const base = tokens[0]!.start;
  const text = joined !== undefined && base === 0 && tokens[tokens.length - 1]!.end === joined.length ? joined : tokens.map((t) => t.text).join('');
  const norm = tokens.map((t) => t.norm).join('');
  if (text.length !== norm.length) {
    return out;
  }
  // Cheap scan first: most paragraphs hold no doubled Han character at all.
  let any = false;
  for (let i = 1; i + 2 < norm.length && !any; i++) {
    any = norm.charCodeAt(i) === norm.charCodeAt(i + 1) && norm.charCodeAt(i) >= 0x4e00 && norm.charCodeAt(i) <= 0x9fff;
  }
  if (!any) {
    return out;
  }
  // The token holding each code unit, and each token's start (relative).
  const tokenAt = new Int32Array(norm.length);
  const starts: number[] = [];
  for (let k = 0, at = 0; k < tokens.length; k++) {
    starts.push(at);
    for (let j = 0; j < tokens[k]!.norm.length; j++) {
      tokenAt[at + j] = k;
    }
    at += tokens[k]!.norm.length;
  }
  const isHan = (c: string | undefined): boolean => c !== undefined && c >= '\u4e00' && c <= '\u9fff';
  for (let i = 1; i + 2 < norm.length; i++) {
    const x = norm[i]!;
    if (norm[i + 1] !== x || !isHan(x)) {
      continue;
    }
    if (!isHan(norm[i - 1]) || !isHan(norm[i + 2])) {
      // At a word's edge only a glued token can hold the slip (“学学习教育).
      const glued = norm[i - 1] !== x && norm[i + 2] !== x ? glueDoubling(tokens, tokenAt, starts, i, segmenter) : undefined;
      if (glued !== undefined && !accepted.has(x + x) && !accepted.has(glued) && !found.some((d) => d.start - base < i + 2 && d.end - base > i)) {
        out.push({ start: base + i, end: base + i + 2, unit: text[i]!, copies: 2, extraStart: base + i + 1, auto: false, word: glued });
        i++;
      }
      continue;
    }
    // Triples and AABB / ABB: 买买买, 认认真真, 绿油油 (the pair next to another pair).
    if (norm[i - 1] === x || norm[i + 2] === x || norm[i + 2] === norm[i + 3] || norm[i - 1] === norm[i - 2]) {
      continue;
    }
    if (found.some((d) => d.start - base < i + 2 && d.end - base > i)) {
      continue;
    }
    // Both copies in one token: the segmenter read the pair as part of a word (一个个, 常常), unless that
    // "word" is a rare dictionary oddity whose form with one copy is a common word: 学学习 (7) of 学习 (13482),
    // 工工资 (3) of 工资.
    const glued = glueDoubling(tokens, tokenAt, starts, i, segmenter);
    if (glued !== undefined) {
      if (!accepted.has(x + x) && !accepted.has(glued)) {
        out.push({ start: base + i, end: base + i + 2, unit: text[i]!, copies: 2, extraStart: base + i + 1, auto: false, word: glued });
        i++;
      }
      continue;
    }
    if (tokenAt[i] === tokenAt[i + 1] && segmenter.hasWord(tokens[tokenAt[i]!]!.norm)) {
      continue;
    }
    // The longest dictionary word of the joined reading holding the character with text on both sides.
    let word = '';
    for (let a = Math.max(0, i - MAX_JOIN_WORD + 2); a < i; a++) {
      for (let b = Math.min(norm.length, a + MAX_JOIN_WORD + 1); b >= i + 3 && b - a - 1 > word.length; b--) {
        const w = norm.slice(a, i + 1) + norm.slice(i + 2, b);
        if (w.length >= 3 && isHanOnly(w) && segmenter.hasWord(w)) {
          word = w;
          break;
        }
      }
    }
    if (word === '' || accepted.has(x + x) || accepted.has(word)) {
      continue;
    }
    const tag = segmenter.tagOf(x) ?? '';
    if (FUNCTION_TAG.test(tag)) {
      // A particle or preposition ending one word and standing after it: 无目的|的|物质 (目的物 is a word too).
      continue;
    }
    if (segmenter.frequency(x + x) >= REDUPLICATION_WORD_FREQUENCY) {
      // A reduplication of its own (人人 天天 处处): 人人民 is read as a slip by insideWordDoublings if at all.
      continue;
    }
    // Two words meeting at the pair: the most common dictionary word ending with the first copy and the most
    // common starting with the second (生产|产业链 is read as 生产|产业).
    let fl = 0;
    for (let a = Math.max(0, i - MAX_JOIN_WORD + 1); a < i; a++) {
      const w = norm.slice(a, i + 1);
      if (isHanOnly(w)) {
        fl = Math.max(fl, segmenter.frequency(w));
      }
    }
    let fr = 0;
    for (let b = i + 3; b <= Math.min(norm.length, i + 1 + MAX_JOIN_WORD); b++) {
      const w = norm.slice(i + 1, b);
      if (isHanOnly(w)) {
        fr = Math.max(fr, segmenter.frequency(w));
      }
    }
    const fw = segmenter.frequency(word);
    if (Math.min(fl, fr) >= MEETING_WORD_FREQUENCY && fw < Math.max(fl, fr) || fw * MEETING_RATIO < Math.min(fl, fr)) {
      continue;
    }
    // A unit and the title of its head: 组织部|部长, 教育局|局长, 党校|校长 (组织部长 is a word too).
    if (norm[i + 2] === '长' && segmenter.hasWord(norm.slice(i + 1, i + 3))) {
      continue;
    }
    out.push({ start: base + i, end: base + i + 2, unit: text[i]!, copies: 2, extraStart: base + i + 1, auto: false, word });
    i++;
  }
  return out;
}

/** Frequency from which a lone verb is a common word of its own (会 能 有 要 来), as in 社会|会|面临. */
const STANDALONE_FREQUENCY = 50_000;
/** Frequency from which the word of a doubled character is common enough for the deletion to be automatic. */
const AUTO_WORD_FREQUENCY = 1000;
/** Frequency below which the lone copy is too rare a word of its own to be meant (国 29996, 农 2914). */
const AUTO_LONE_FREQUENCY = 30_000;
/**
 * Dictionary frequency from which a reduplication XX is an everyday word (人人 等等 大大 天天 处处 每每 问问 家家,
 * all above 250), so that a lone X beside a word starting or ending with X is read as XX, not as a slip.
 */
const REDUPLICATION_WORD_FREQUENCY = 250;
/** ...and the rest of the word must be a free word of its own for that reading: 学 of 人学, not 民 of 人民 (ng). */
const FREE_WORD_FREQUENCY = 1000;
/** Tags of bound morphemes and unknown forms (民 众 in 人民 公众), which cannot stand as a word. */
const BOUND_TAG = /^(?:ng|vg|ag|zg|dg|tg|g|x)/;
/** Letters and digits: 2017|年|年初, A|市|市政府 (the lone character belongs to them). */
const ALNUM = /[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]$/u;
/** Numerals and demonstratives before a measure word: 三|个|个人 is 三个 + 个人. */
const COUNTING_END = /[一二两三四五六七八九十百千万亿几每这那哪某各半]$/u;
/** Numerals: 三十|一|一个 is 三十一 + 个 (a numeral before a numeral continues the number). */
const NUMERAL_END = /[一二两三四五六七八九十百千万亿几]$/u;
/** Verb-object words whose verb doubles (照照镜子, 吹吹风) though the dictionary lacks the doubled verb (照照, 吹吹) or tags the verb n. */
const DOUBLING_VERB_OBJECT = new Set(['照镜子', '吹风']);

/** The last code point of a string. */
const lastChar = (s: string): string => {
  const c = s.charCodeAt(s.length - 1);
  return c >= 0xdc00 && c <= 0xdfff && s.length >= 2 ? s.slice(-2) : s.slice(-1);
};

/**
 * True when the lone copy `x` (tag `tag`) beside `word` may be a word of its own. `first`: the lone copy
 * comes before the word (对|对方), else after it (社会|会); `other` is the token on its other side.
 */
function standsAlone(x: string, tag: string, first: boolean, word: string, other: Token | undefined, segmenter: Segmenter): boolean {
  const otherTag = other ? segmenter.tagOf(other.norm) ?? '' : '';
  const wordTag = segmenter.tagOf(word) ?? '';
  if (first && other?.text === '的' && x !== '的') {
    // After 的 comes a noun phrase, never a lone function word: 的对对策 is 的对策 doubled.
    return false;
  }
  if (/^(?:e|o)/.test(tag) || x === '和' || x === '与') {
    // Interjections; 稳定|和|和谐, 平和|和|大爱.
    return true;
  }
  if (/^m/.test(tag)) {
    // 三十|一|一个, 五|十|十分: numerals after numerals (not after a demonstrative: 这|一|一代人 is a slip).
    return first && other !== undefined && NUMERAL_END.test(other.text);
  }
  if (/^q/.test(tag)) {
    return first && other !== undefined && COUNTING_END.test(other.text);
  }
  if (/^u/.test(tag)) {
    // X的|的确; 脚踏实地|地|训练 (地 after an adverbial). 为了了, 通过过, 着着力 are slips.
    return first ? x === '的' : x === '的' || x === '地' && /^(?:a|i|l|z|d)/.test(wordTag);
  }
  if (/^f/.test(tag)) {
    // A localizer after a noun: 历史中|中华.
    return first && /^(?:n|s|vn)/.test(otherTag);
  }
  if (/^p/.test(tag)) {
    // 对|对方: a preposition before its object; 可以|以|其.
    return first ? /^(?:n|r|s|vn)/.test(wordTag) : word === '可以';
  }
  if (first) {
    // 有|有效, 要|要求, 是|是非曲直: they take an object starting with themselves.
    return x === '有' || x === '要' || x === '是' && word.startsWith('是非');
  }
  if (wordTag === 'nr' && codePointLength(word) >= 3 && segmenter.frequency(word) < 100) {
    // A name the dictionary knows only in part: 美图秀|秀 (美图秀秀).
    return true;
  }
  if (/^d/.test(tag)) {
    // 人才|才|能: an adverb between its subject and a verb; after another kind of word it is a slip (必须|须|坚持,
    // 正确|确|与否).
    return /^(?:v|d|p|a)/.test(otherTag) && /^(?:n|r)/.test(wordTag);
  }
  if (/^v/.test(tag) && segmenter.frequency(x) >= STANDALONE_FREQUENCY) {
    // 社会|会|面临, 机会|会|越来越多: a noun, then the modal with what it governs; 带来|来, 拥有|有 are slips,
    // and so is a modal with no verb phrase after it (新动能|能。, 其他意见|见，, 社会|会|实际).
    return /^n/.test(wordTag) && other !== undefined && han(other) && /^(?:v|a|d|p)/.test(otherTag);
  }
  return false;
}

/**
 * A character doubled inside a word: 国国家 (cut 国|国家), 热情情 (热情|情), 人人文 (人|人文), 删删繁就简. The segmenter
 * has already weighed the readings: a reduplication that is a word (人人 明明 刚刚 天天向上 一个个 散散心) stays one
 * token, so only a lone copy of a character beside a dictionary word that starts (or ends) with it is a
 * candidate. It is left alone when the lone character may be a word of its own there (standsAlone: 对|对方,
 * 社会|会|面临, 历史中|中华), when it opens a word with what follows (工作|作|风采 = 作风, 创新|新|能源), after a
 * number or a letter (2017|年|年初), in 一锤锤 (一 and a doubled measure), in a verb doubled before its object
 * (走走弯路, 唱唱戏, 扣扣子, 治治病), and in three copies or AABB (买买买).
 */
function insideWordDoublings(given: readonly Token[], segmenter: Segmenter, accepted: ReadonlySet<string>, found: readonly Doubling[]): Doubling[] {
  const out: Doubling[] = [];
  const tokens = splitUnknownAfterWord(given, segmenter);
  // A word the lone copy opens with what follows, unless a rare oddity of the dictionary made of the copy and a
  // whole word (化发展 14 beside 发展 68664; 论据 of 理论|论|据 is a word).
  const opensWord = (w: string, rest: string): boolean =>
    segmenter.hasWord(w) && (codePointLength(rest) < 2 || segmenter.frequency(w) * GLUED_RATIO > segmenter.frequency(rest));
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    if (a.text.length === 0 || b.text.length === 0 || !han(a) || !han(b)) {
      continue;
    }
    const x = lastChar(a.text);
    if (!b.text.startsWith(x)) {
      continue;
    }
    const first = a.text === x;
    if (first === (b.text === x)) {
      // XX as two lone characters is the AA case above; a word ending and a word starting with the same
      // character (大学|学习, 发展|展现) is ordinary text.
      continue;
    }
    const word = first ? b : a;
    const lone = first ? a : b;
    const before = tokens[i - 1];
    const after = tokens[i + 2];
    const tag = segmenter.tagOf(lone.norm);
    if (tag === undefined || !segmenter.hasWord(word.norm) || accepted.has(x + x) || accepted.has(a.text + b.text) ||
      standsAlone(lone.norm, tag, first, word.norm, first ? before : after, segmenter)) {
      continue;
    }
    // A common reduplicated word XX next to a free word may be meant: 人人|学礼, 习|大大|学, 高|等等 beside the
    // slips 问问题 (问题), 国家家 (国家). Reported one severity lower and never fixed automatically; 人人民 (民 is
    // bound) is a plain slip.
    const rest = first ? word.norm.slice(x.length) : word.norm.slice(0, word.norm.length - x.length);
    const tentative = segmenter.frequency(x + x) >= REDUPLICATION_WORD_FREQUENCY && segmenter.frequency(rest) >= FREE_WORD_FREQUENCY &&
      !BOUND_TAG.test(segmenter.tagOf(rest) ?? 'g');
    // Three copies (买|买买, 买买|买) or AABB (AA|BB).
    if (before?.text.endsWith(x) || after?.text.startsWith(x) || word.text.startsWith(x + x) || word.text.endsWith(x + x) ||
      after && after.text.length >= 2 && after.text[0] === after.text[1]) {
      continue;
    }
    if (first) {
      if (before && ALNUM.test(before.text)) {
        continue;
      }
      // A verb doubled before its object: 走走弯路, 唱唱戏, 治治病, 扣扣子. Only a verb whose reduplication is a
      // verb of the dictionary (走走 唱唱 治治 扣扣 洗洗 聊聊) does so: 保保障, 构构成, 如如果, 生生命 are slips
      // though 障 成 果 命 are tagged as nouns (issue 17: read on doubled characters injected in dev essays).
      const object = b.norm.slice(x.length);
      if (/^v/.test(tag) && /^v(?!n)/.test(segmenter.tagOf(x + x) ?? '') && (object === '子' || /^n/.test(segmenter.tagOf(object) ?? '')) ||
        DOUBLING_VERB_OBJECT.has(b.norm)) {
        continue;
      }
    } else {
      if (/^v/.test(tag) && after !== undefined && /^[了着过]/.test(after.text) && !/^v(?!n)/.test(segmenter.tagOf(a.norm) ?? '')) {
        // A verb taking its aspect particle after a noun ending in it: 对下一步工作|作|了部署, 合作|作|过. After a
        // verb ending in it, the verb is doubled: 提出|出|了, 增添|添|了, 增加|加|了.
        continue;
      }
      if (a.text.length === 2 && a.text.startsWith('一') && x !== '些') {
        // 一锤|锤, 一部|部: one after another (一些|些 is a slip).
        continue;
      }
      // The lone character opens a word with what follows, one the dictionary lacks as a whole or that the
      // segmenter cut otherwise: 创新|新|能源开发 (新能源); or a name it does not know at all, cut into lone
      // characters that are no verbs, opened by no common word: 江苏|苏|讯|网 (苏讯网), not 百姓|姓|是|谁 or
      // 只是|是|乌|煤.
      const next = tokens[i + 3];
      if (after && han(after) && (opensWord(x + after.norm, after.norm) || opensWord(x + after.norm.slice(0, 2), after.norm) ||
        codePointLength(after.text) === 1 && !/^(?:u|p|c|d|r|y|m|q|v)/.test(segmenter.tagOf(after.norm) ?? 'u') &&
          (/^n[rsz]/.test(segmenter.tagOf(a.norm) ?? '') || han(next) && codePointLength(next.text) === 1 && !/^(?:u|p|c)/.test(segmenter.tagOf(next.norm) ?? '') &&
          segmenter.frequency(x) < STANDALONE_FREQUENCY))) {
        continue;
      }
    }
    const start = first ? a.start : a.end - x.length;
    const end = start + 2 * x.length;
    if (found.some((d) => d.start < end && d.end > start)) {
      continue;
    }
    // Automatic only with a wide margin: the first character of a frequent word, a lone copy that is no
    // common word of its own, and no dictionary reduplication XX. A doubled last character is only suggested:
    // the lone copy after a word may open a word the dictionary lacks (工作|作|风采, 文化|化 of 文化经济化).
    const auto = first && segmenter.frequency(word.norm) >= AUTO_WORD_FREQUENCY && segmenter.frequency(lone.norm) < AUTO_LONE_FREQUENCY &&
      !/^(?:u|p|c|d|r|f|m|q)/.test(tag) && !segmenter.hasWord(x + x);
    out.push({ start, end, unit: x, copies: 2, extraStart: start + x.length, auto: auto && !tentative, word: word.text, ...(tentative ? { tentative } : {}) });
  }
  return out;
}

/**
 * The tokens with a token that repeats the last character of the dictionary word before it cut after that
 * character, when the rest is a word and the token is unknown or a rare oddity of the dictionary
 * ({@link GLUED_RATIO} times rarer than both words): 文化|化发展 (14) → 文化|化|发展, 底蕴|蕴和 (3) → 底蕴|蕴|和
 * (the segmenter glues the lone copy to what follows), so that the copy is seen as lone. 发展|展现 stays.
 */
function splitUnknownAfterWord(tokens: readonly Token[], segmenter: Segmenter): readonly Token[] {
  let out: Token[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const b = tokens[i]!;
    const a = tokens[i - 1];
    const x = b.norm[0];
    const split = a !== undefined && x !== undefined && b.text.length >= 2 && a.text.length >= 2 && b.text.length === b.norm.length &&
      han(a) && han(b) && a.norm.endsWith(x) && segmenter.hasWord(a.norm) && segmenter.hasWord(b.norm.slice(1)) &&
      segmenter.frequency(b.norm) * GLUED_RATIO <= Math.min(segmenter.frequency(a.norm), segmenter.frequency(b.norm.slice(1)));
    if (split) {
      out ??= tokens.slice(0, i);
      out.push({ ...b, text: b.text.slice(0, 1), norm: x, end: b.start + 1 }, { ...b, text: b.text.slice(1), norm: b.norm.slice(1), start: b.start + 1 });
    } else if (out) {
      out.push(b);
    }
  }
  return out ?? tokens;
}

/**
 * A doubled two-character dictionary word that the segmenter cut across the copies: 小家小家 as 小|家小|家,
 * 子路子路 as 子|路子|路. Only dictionary words count, so 越来越 (带来越来越多) and 有更有更 are not words doubled.
 */
function crossingDoublings(tokens: readonly Token[], segmenter: Segmenter, accepted: ReadonlySet<string>, found: readonly Doubling[], joined?: string): Doubling[] {
  const out: Doubling[] = [];
  if (tokens.length === 0) {
    return out;
  }
  const base = tokens[0]!.start;
  // The tokens' text: the caller's when the tokens cover it exactly, else joined here.
  const text = joined !== undefined && base === 0 && tokens[tokens.length - 1]!.end === joined.length ? joined : tokens.map((t) => t.text).join('');
  // Cheap scan first: most paragraphs hold no ABAB at all.
  let any = false;
  for (let i = 0; i + 4 <= text.length && !any; i++) {
    const c = text.charCodeAt(i);
    any = c === text.charCodeAt(i + 2) && text.charCodeAt(i + 1) === text.charCodeAt(i + 3) && c !== text.charCodeAt(i + 1);
  }
  if (!any) {
    return out;
  }
  const norm = tokens.map((t) => t.norm).join('');
  if (text.length !== norm.length) {
    return out;
  }
  const boundary = new Set(tokens.map((t) => t.start - base));
  let covered = 0;
  for (let i = 0; i + 4 <= text.length; i++) {
    if (text[i] !== text[i + 2] || text[i + 1] !== text[i + 3] || text[i] === text[i + 1] || boundary.has(i + 2) && boundary.has(i)) {
      continue;
    }
    const unit = text.slice(i, i + 2);
    const word = norm.slice(i, i + 2);
    if (!isHanOnly(unit) || !segmenter.hasWord(word) || i < covered || found.some((d) => d.start - base < i + 4 && d.end - base > i)) {
      continue;
    }
    const tag = segmenter.tagOf(word) ?? '';
    if (TENTATIVE_VERBS.has(word) || word.startsWith('一') || /^(?:m|q|z)/.test(tag) || accepted.has(unit.repeat(2))) {
      continue;
    }
    out.push({ start: base + i, end: base + i + 4, unit, copies: 2, extraStart: base + i + 2 });
    covered = i + 4;
  }
  return out;
}

/** Genre count (corpus model) from which a word is one the genre uses: 申论 2306, 整个 149, 小区 29, 抗日战争 15. */
const GENRE_WORD_COUNT = 10;
/** The same for a word after a lone copy of its first character (自|自己 913, 与|与时俱进 42; 对|对方 is valid). */
const LONE_GENRE_WORD_COUNT = 20;
/** How many times more frequent in the genre that word must be than the reduplication XX (申申 0, 人人 70). */
const GENRE_RATIO = 3;

/**
 * Doubled characters the segmenter reads as grammar, decided with the genre's own counts (the corpus model),
 * issue 17. The dictionary's frequencies are those of general text, where 申论 is rare (37) and 申申 a word:
 * - a token XX (申申|论, 整整|个, 小小|区, 说|明明) next to text that makes XY (or YX) a word the genre uses
 *   ({@link GENRE_WORD_COUNT}) and uses far more than XX ({@link GENRE_RATIO}), where neither neighbour bigram
 *   of XX is attested in the corpus (人人|都 12 documents, 事事|关心 2, 远远|超过 2 are left alone);
 * - a lone X before a genre word XY ({@link LONE_GENRE_WORD_COUNT}: 自|自己, 与|与时俱进, 有|有人) that the
 *   dictionary excused as a word of its own, where X|XY is not attested in the corpus, unless X is a place word
 *   (历史中|中华) or XY a verb or an adjective (我们要|要求自己, 可能有|有效);
 * - a lone X after a genre word YX (一定|定, 抗日战争|争|中, 并且|且) where neither YX|X nor X|next is attested
 *   and X is no function word and opens no word with what follows (社会|会|面临, 创新|新|能源 stay), and 以
 *   after 可以 before a verb, a preposition or an adverb (可以|以|使; 可以以人民为中心 stays).
 * Always a suggestion. Only Simplified text (the model is Simplified).
 */
function genreDoublings(tokens: readonly Token[], segmenter: Segmenter, model: CorpusModel, accepted: ReadonlySet<string>, found: readonly Doubling[]): Doubling[] {
  const out: Doubling[] = [];
  const count = (w: string): number => (segmenter.hasWord(w) ? model.wordCount(w) : 0);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const n = t.norm;
    if (!han(t) || n.length > 2 || t.text.length !== n.length) {
      continue;
    }
    const x = n[0]!;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (!han(next) || next.text.length !== next.norm.length || accepted.has(x + x)) {
      continue;
    }
    let word: string | undefined;
    let start = t.start;
    if (n.length === 2 && n[1] === x) {
      // A token XX: not in a triple or AABB, and no neighbour bigram of the genre.
      if (prev?.norm.endsWith(x) || next.norm.startsWith(x) || next.norm.length >= 2 && next.norm[0] === next.norm[1] ||
        prev !== undefined && prev.norm.length >= 2 && prev.norm[prev.norm.length - 1] === prev.norm[prev.norm.length - 2] ||
        model.bigramDocuments(n, next.norm) > 0 || prev !== undefined && model.bigramDocuments(prev.norm, n) > 0 ||
        /^[dza]/.test(segmenter.tagOf(n) ?? '') && /^v/.test(segmenter.tagOf(next.norm) ?? '')) {
        // Also a reduplicated adverb or adjective before a verb (微微|笑).
        continue;
      }
      const floor = Math.max(GENRE_WORD_COUNT, GENRE_RATIO * Math.max(1, model.wordCount(n)));
      let best = 0;
      // Not with a numeral after: an adverb XX before a number is grammar (单单|一次 is not 单一 doubled).
      for (let k = 1; k <= Math.min(3, /^m/.test(segmenter.tagOf(next.norm) ?? '') ? 0 : next.norm.length); k++) {
        const w = x + next.norm.slice(0, k);
        if (count(w) >= floor && count(w) > best) {
          best = count(w);
          word = w;
        }
      }
      if (han(prev) && prev.text.length === prev.norm.length) {
        for (let k = 1; k <= Math.min(3, prev.norm.length); k++) {
          const w = prev.norm.slice(prev.norm.length - k) + x;
          if (count(w) >= floor && count(w) > best) {
            best = count(w);
            word = w;
          }
        }
      }
    } else if (n.length === 1 && next.norm.length >= 2 && next.norm.startsWith(x) && !next.norm.startsWith(x + x)) {
      // A lone X before a genre word XY.
      if (prev?.norm.endsWith(x) || count(next.norm) < LONE_GENRE_WORD_COUNT || model.bigramDocuments(n, next.norm) > 0 ||
        /^f/.test(segmenter.tagOf(n) ?? '') || /^a/.test(segmenter.tagOf(next.norm) ?? '') && segmenter.frequency(n) >= COMMON_FREQUENCY ||
        /^v/.test(segmenter.tagOf(next.norm) ?? '') && segmenter.frequency(n) >= COMMON_FREQUENCY && han(tokens[i + 2]) && !/^u/.test(segmenter.tagOf(tokens[i + 2]!.norm) ?? '')) {
        // Also a place word before a word (历史中|中华), a common verb before an adjective (可能有|有效; 坚决落|落实
        // is a slip) and a common modal before a verb that goes on (我们要|要求自己; 提出了要|要求。, 要|要求的 and
        // 坚|坚守 are slips).
        continue;
      }
      word = next.norm;
    } else if (n.length === 1 && han(prev) && prev.norm.length >= 2 && prev.norm.endsWith(x) && !prev.norm.endsWith(x + x) &&
      prev.text.length === prev.norm.length && !next.norm.startsWith(x)) {
      // A lone X after a genre word YX.
      // Not a function word (平和|和|大爱), nor a measure after 一 (一起|起|案件; before a verb or an adverb, 一定|定|要 is a slip),
      // nor a copy that goes on with the next word in the genre (社会|会|面临: 会面临 5 documents, 会面 attested;
      // 创新|新|能源: 新能源), where a dictionary word the genre never writes does not count (强大|大|正能量: 大正).
      // 可以|以, 难以|以 before a verb or a preposition: the 以 of 以X为Y takes a noun (可以以其柔弱之力).
      const yi = x === '以' && /^(?:v(?!n)|p|d)/.test(segmenter.tagOf(next.norm) ?? '');
      if (!yi && (model.bigramDocuments(prev.norm, n) > 0 || model.bigramDocuments(n, next.norm) > 0) || count(prev.norm) < GENRE_WORD_COUNT ||
        !yi && /^(?:u|p|c|r)/.test(segmenter.tagOf(n) ?? 'u') ||
        prev.norm.startsWith('一') && !/^[vd]/.test(segmenter.tagOf(next.norm) ?? 'n') ||
        !yi && [1, 2, 3].some((k) => k <= next.norm.length && count(x + next.norm.slice(0, k)) > 0)) {
        continue;
      }
      word = prev.norm;
      start = t.start - 1;
    }
    if (word === undefined) {
      continue;
    }
    const end = start + 2;
    if (found.some((d) => d.start < end && d.end > start) || out.some((d) => d.start < end && d.end > start)) {
      continue;
    }
    out.push({ start, end, unit: t.text[0]!, copies: 2, extraStart: start + 1, auto: false, word });
  }
  return out;
}

/** Characters of context on each side of a doubled pair that {@link readingDoublings} segments and scores. */
const READING_CONTEXT = 12;
/**
 * Natural-log margin by which the clause with one copy must be likelier than the clause as written under the
 * genre's language model (a factor of about 22,000). Measured on 201 dev essays with a model built without
 * them (the corpus model holds every corpus essay, which flatters the text as written): the reduplications
 * and measure words the essays write on purpose score below it but for a few the filters of
 * readingDoublings leave alone (一颗颗, 一条条, 目的|的); the doubled characters injected there mostly above.
 */
export const READING_MARGIN = 10;

/**
 * A doubled character that another reading of the clause removes, decided by the genre's language model
 * (issue 17): a pair XX that the segmenter reads as a word of its own or as a lone copy beside a word
 * (静静|心, 宝宝|藏, 每每|一项, 有|有利于, 用|用心, 道路|路, 一代代) where the clause with one copy removed
 * segments into a dictionary word that joins X with its neighbours (静心, 宝藏, 每一项, 有利于, 用心, 道路,
 * 一代) and is likelier than the clause as written by {@link READING_MARGIN} under the completion model.
 * Left alone: triples and AABB (买买买, 认认真真), particles (目的|的), a measure doubled after a numeral or
 * a demonstrative (一个个, 一颗颗, 这种种), two dictionary words meeting at the pair (教育网|网友, 我国|国有:
 * middleDoublings decides those), a token XX the genre writes beside either neighbour (人人|都) or more often
 * than the word (层层叠罗), an adverb XX before a verb (微微|笑), a verb's tentative reduplication (唱唱戏,
 * 想见见你: the dictionary has 唱唱 and 见见 as verbs) and a name the dictionary knows in part (美图秀秀).
 * Always a suggestion. Only Simplified text with a model that has a language model.
 */
function readingDoublings(tokens: readonly Token[], segmenter: Segmenter, model: CorpusModel, accepted: ReadonlySet<string>, found: readonly Doubling[], joined?: string): Doubling[] {
  const out: Doubling[] = [];
  if (tokens.length === 0) {
    return out;
  }
  const base = tokens[0]!.start;
  const text = joined !== undefined && base === 0 && tokens[tokens.length - 1]!.end === joined.length ? joined : tokens.map((t) => t.text).join('');
  const norm = tokens.map((t) => t.norm).join('');
  if (text.length !== norm.length) {
    return out;
  }
  const isHan = (c: string | undefined): boolean => c !== undefined && c >= '\u4e00' && c <= '\u9fff';
  let any = false;
  for (let i = 0; i + 1 < norm.length && !any; i++) {
    any = norm.charCodeAt(i) === norm.charCodeAt(i + 1) && isHan(norm[i]);
  }
  if (!any || model.probability([], '的') <= 0) {
    return out;
  }
  const tokenAt = new Int32Array(norm.length);
  for (let k = 0, at = 0; k < tokens.length; k++) {
    for (let j = 0; j < tokens[k]!.norm.length; j++) {
      tokenAt[at + j] = k;
    }
    at += tokens[k]!.norm.length;
  }
  /** Natural log of the words' probability under the completion model, each after the three before it. */
  const logProbability = (words: readonly string[]): number => {
    let sum = 0;
    for (let k = 0; k < words.length; k++) {
      sum += Math.log(Math.max(model.probability(words.slice(Math.max(0, k - 2), k), words[k]!), 1e-9));
    }
    return sum;
  };
  for (let i = 0; i + 1 < norm.length; i++) {
    const x = norm[i]!;
    if (norm[i + 1] !== x || !isHan(x) || norm[i - 1] === x || norm[i + 2] === x) {
      continue;
    }
    if (isHan(norm[i + 2]) && norm[i + 2] === norm[i + 3] || isHan(norm[i - 1]) && norm[i - 1] === norm[i - 2]) {
      continue;
    }
    if (accepted.has(x + x) || found.some((d) => d.start - base < i + 2 && d.end - base > i) || /^[um]/.test(segmenter.tagOf(x) ?? '') ||
      NUMERAL_END.test(x) || i > 0 && (COUNTING_END.test(norm[i - 1]!) || ALNUM.test(norm[i - 1]!))) {
      // Also numerals (一一, 十|一一|届) and a pair after a numeral, a demonstrative, a digit or a letter (一个个,
      // 2017年|年初, A市|市政府).
      continue;
    }
    const ka = tokenAt[i]!;
    const kb = tokenAt[i + 1]!;
    const ta = tokens[ka]!;
    const tb = tokens[kb]!;
    if (ka !== kb && ta.norm.length >= 2 && tb.norm.length >= 2 && segmenter.hasWord(ta.norm) && segmenter.hasWord(tb.norm) &&
      !(tb.norm.length >= 3 && segmenter.frequency(tb.norm) * GLUED_RATIO <= segmenter.frequency(tb.norm.slice(1)))) {
      // Two words meeting at the pair, unless the second is a rare oddity of the dictionary made of the copy and a
      // common word (中华文化|化发展: 化发展 14, 发展 68,664).
      continue;
    }
    if (ka === kb && ta.norm === x + x) {
      // A reduplication the genre writes beside a neighbour (人人|都), or an adverb or adjective XX before a
      // verb (微微|笑).
      const prev = tokens[ka - 1];
      const next = tokens[ka + 1];
      if (prev && model.bigramDocuments(prev.norm, ta.norm) > 0 || next && model.bigramDocuments(ta.norm, next.norm) > 0 ||
        next && /^[dzab]/.test(segmenter.tagOf(ta.norm) ?? '') && /^v/.test(segmenter.tagOf(next.norm) ?? '')) {
        continue;
      }
    }
    let a = i;
    while (a > 0 && i - a < READING_CONTEXT && isHan(norm[a - 1])) {
      a--;
    }
    let b = i + 2;
    while (b < norm.length && b - i - 2 < READING_CONTEXT && isHan(norm[b])) {
      b++;
    }
    const corrected = segmenter.cut(norm.slice(a, i + 1) + norm.slice(i + 2, b));
    // The word of the corrected clause that holds the remaining copy.
    let word = '';
    for (let k = 0, at = a; k < corrected.length; at += corrected[k]!.length, k++) {
      if (at <= i && i < at + corrected[k]!.length) {
        word = corrected[k]!;
        break;
      }
    }
    if (codePointLength(word) < 2 || !isHanOnly(word) || !segmenter.hasWord(word) || accepted.has(word)) {
      continue;
    }
    const wordTag = segmenter.tagOf(word) ?? '';
    if (/^v/.test(segmenter.tagOf(x) ?? '') && /^v(?!n)/.test(segmenter.tagOf(x + x) ?? '') || DOUBLING_VERB_OBJECT.has(word)) {
      // A verb's tentative reduplication, before its object or after a modal: 唱唱戏, 跳跳舞, 吹吹风, 想见见你 (the
      // dictionary's tags do not tell 唱戏 from 考试, so 公务员考考试 stays too).
      continue;
    }
    if (model.wordCount(x + x) > model.wordCount(word) || /^nr/.test(wordTag) && codePointLength(word) >= 3 && segmenter.frequency(word) < 100) {
      // The genre writes XX more often than the word (层层|叠 beside 层叠), or the word is a name the dictionary
      // knows only in part (美图秀|秀 of 美图秀秀).
      continue;
    }
    const written = segmenter.cut(norm.slice(a, b));
    if (logProbability(corrected) - logProbability(written) < READING_MARGIN) {
      continue;
    }
    out.push({ start: base + i, end: base + i + 2, unit: text[i]!, copies: 2, extraStart: base + i + 1, auto: false, word });
    i++;
  }
  return out;
}

export const rule: ParagraphRule = {
  meta: {
    id: 'repetition/doubled-word',
    category: 'repetition',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'A character or word written twice by accident, such as 要要 or 我们我们',
  },
  scope: 'paragraph',
  check(ctx) {
    for (const d of findDoublings(ctx.tokens(), ctx.services.segmenter, ctx.accepted, ctx.prose, ctx.target === 'simplified' ? ctx.services.model : undefined)) {
      ctx.report({
        message:
          d.word !== undefined
            ? l10n.t('“{0}” is written twice in “{1}”', d.unit, d.word)
            : d.copies === 2
            ? l10n.t('“{0}” is written twice', d.unit)
            : l10n.t('“{0}” is written {1} times in a row', d.unit, d.copies),
        start: d.start,
        end: d.end,
        fixes: [{ title: l10n.t('Remove the extra “{0}”', d.unit), auto: d.auto ?? true, edits: [{ start: d.extraStart, end: d.end, newText: '' }] }],
        ...(d.tentative ? { tentative: true } : {}),
      });
    }
  },
};
