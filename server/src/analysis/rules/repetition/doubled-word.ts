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
 * Only Han text is considered; digits (2020, 11) and text in other scripts never are.
 *
 * ✗ 我们要要结合基层实际      ✓ 我们要结合基层实际
 * ✗ 最典型的的代表            ✓ 最典型的代表
 * ✗ 我们我们要坚持            ✓ 我们要坚持
 * ✓ 谢谢 · 往往 · 仔仔细细地研究 · 我们研究研究 · 年年有新意 · 一步一步地 · 写着写着
 *
 * Fix: remove the extra copies (the first copy stays).
 */
import * as l10n from '@vscode/l10n';
import { codePointLength, isHanOnly } from '../../chars';
import type { ParagraphRule } from '../../rule';
import type { Segmenter, Token } from '../../types';


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
 * Finds accidental doublings in a paragraph from its tokens. `accepted` words (the doubled form, such as
 * 呦呦) are never reported. `text` is the tokens' text joined, when the caller has it (the prose).
 */
export function findDoublings(tokens: readonly Token[], segmenter: Segmenter, accepted: ReadonlySet<string>, text?: string): Doubling[] {
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
  return [...out, ...crossingDoublings(tokens, segmenter, accepted, out, text)].sort((a, b) => a.start - b.start);
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
    for (const d of findDoublings(ctx.tokens(), ctx.services.segmenter, ctx.accepted, ctx.prose)) {
      ctx.report({
        message:
          d.copies === 2
            ? l10n.t('“{0}” is written twice', d.unit)
            : l10n.t('“{0}” is written {1} times in a row', d.unit, d.copies),
        start: d.start,
        end: d.end,
        fixes: [{ title: l10n.t('Remove the extra “{0}”', d.unit), auto: true, edits: [{ start: d.extraStart, end: d.end, newText: '' }] }],
      });
    }
  },
};
