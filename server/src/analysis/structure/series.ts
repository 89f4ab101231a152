/**
 * Parallel series (排比) and the essay's outline.
 *
 * A series is a run of sibling units — paragraphs, or sentences inside one paragraph — that share a frame:
 * an ordinal family (一是/二是, 一、二、, （一）（二）, 1. 2., 第一/第二, 首先/其次/最后, ①②) and/or a lexical frame
 * found by aligning the units' leads token by token (longest common subsequence over jieba tokens; where
 * the leads differ the frame has a slot: 打好{X}牌，增强机关干部的{Y}意识).
 *
 * Paragraph-level ordinal series are interrupted by a marker of a higher level (一、 closes an open
 * （一）（二）) or by a Markdown heading, and restart at 1; sentence-level series live inside one paragraph
 * and need at least two markers there. Lexical frame series are runs of at least three consecutive
 * paragraphs whose leads share at least two words from their first words on (anaphora).
 */
import { hasHan } from '../chars';
import type { Paragraph } from '../document';
import type { ContentMemo, ParagraphMemo } from '../rule';
import type { Token } from '../types';
import { clauseRunsOf, type ClauseRun, type TagOf } from './clauses';
import { KeptLead, paragraphRunsOf } from './paragraph-frames';
import { FAMILY_RANK, ordinalAt, type OrdinalFamily, type OrdinalMarker } from './ordinals';

/** One item of a series. All offsets are absolute. */
export interface SeriesItem {
  /** Index of the paragraph holding the item. */
  paragraph: number;
  /** The unit: the paragraph, or the sentence(s) up to the next item inside the paragraph. */
  start: number;
  end: number;
  /** The lead: from the unit's start to the end of its first sentence or clause. */
  leadStart: number;
  leadEnd: number;
  lead: string;
  marker?: OrdinalMarker;
  /** Fixed frame words present in this item's lead, for frame series. */
  frameHits?: number;
}

/** An announced count introducing a series (以下三个方面, 打好“五张牌”). */
export interface Announcement {
  count: number;
  start: number;
  end: number;
  text: string;
}

/** A parallel series. */
export interface Series {
  kind: 'ordinal' | 'frame';
  /**
   * `paragraph`: items open paragraphs; `sentence`: items are sentences of one paragraph (ordinals, or
   * sentences opening alike); `clause`: items are clauses of one paragraph sharing frame characters
   * (有事多商量、有事好商量、有事会商量). Clause series feed the outline and the repetition rules' exemption; the
   * structure rules that judge items (frame-mismatch, item-balance, lead-punctuation) leave them alone.
   */
  level: 'paragraph' | 'sentence' | 'clause';
  family?: OrdinalFamily;
  items: SeriesItem[];
  /** The frame as a template with slots, when the items' leads share one. */
  frame?: string;
  /** The fixed (Simplified) words of the frame, in order. */
  frameWords: string[];
  announced: Announcement | null;
  /**
   * Two items 一是…，一是… parted by ， or ；: a repeated ordinal, or “one…, the other…” (两条：一是…；一是…), which
   * the genre also writes. The repeat is reported tentatively.
   */
  oneOther?: boolean;
}

/** A section of the outline: a Markdown heading, a title, or a heading-like top-level ordinal item. */
export interface Section {
  title: string;
  level: number;
  /** Range of the heading line. */
  headingStart: number;
  headingEnd: number;
  /** Range of the section: the heading up to the next heading of the same or a higher level. */
  start: number;
  end: number;
}

/** The essay's structure. */
export interface Structure {
  sections: Section[];
  series: Series[];
  /** Opening ordinals (一是, 首先, 一、) that no second item follows. */
  orphans: OrdinalMarker[];
  /**
   * Short lists a count announces in the same sentence (存在三种问题：虚假、浮夸、拖沓): not outline series (their
   * items are words, not 排比), but the count must still match them (announced-count).
   */
  announcedLists?: AnnouncedList[];
}

/** A short list and the count announcing it. */
export interface AnnouncedList {
  announced: Announcement;
  items: SeriesItem[];
}

type TokensOf = (p: Paragraph) => readonly Token[];

/** The words of a lead that alignment compares: Simplified Han words and frame punctuation. */
type Lead = readonly string[];

const MAX_LEAVE_ONE_OUT = 12;

/** True for the marks that end a lead: 。！？；!?; */
function isLeadEnd(c: number): boolean {
  return c === 0x3002 || c === 0xff01 || c === 0xff1f || c === 0xff1b || c === 0x21 || c === 0x3f || c === 0x3b;
}

/** End (relative) of the first sentence of `prose` from `from`, including its mark. */
function sentenceEnd(prose: string, from: number, limit = prose.length): number {
  for (let i = from; i < limit; i++) {
    if (isLeadEnd(prose.charCodeAt(i))) {
      return i + 1;
    }
  }
  return limit;
}

/** First characters of what may open a clause after a comma as an ordinal (首先, 二是, 第三 …). */
const SEQ_FIRST = new Set([...'首其再最一二三四五六七八九十第']);

/**
 * Places of a paragraph's prose where an ordinal may stand: its start, after 。；！？：, and after a comma when
 * 首先/其次/再次/最后 follows.
 */
function sentenceStarts(prose: string): number[] {
  const out = [0];
  for (let i = 0; i < prose.length; i++) {
    // Code units: 。；！？： ; : ! ? end a clause, ， , may precede 首先/其次/二是/第三 ….
    const c = prose.charCodeAt(i);
    const comma = c === 0xff0c || c === 0x2c;
    const seqAfterComma =
      comma && i + 1 < prose.length && SEQ_FIRST.has(prose[i + 1]!) && /^(?:首先|其次|再次|最后|[一二三四五六七八九十][是要]|第[一二三四五六七八九十])/.test(prose.slice(i + 1, i + 4));
    if (seqAfterComma || c === 0x3002 || c === 0xff1b || c === 0xff01 || c === 0xff1f || c === 0xff1a || c === 0x3b || c === 0x3a || c === 0x21 || c === 0x3f) {
      // Past closing quotes and spaces after the mark.
      let j = i + 1;
      while (j < prose.length) {
        const d = prose.charCodeAt(j);
        if (d !== 0x201d && d !== 0x2019 && d !== 0x20 && d !== 0x3000) {
          break;
        }
        j++;
      }
      if (j < prose.length) {
        out.push(j);
      }
    }
  }
  return out;
}

function groupKey(m: OrdinalMarker): string {
  return m.family;
}

/**
 * Whether `m`, numbered 1, repeats the lone 1 of `run` rather than starting a new list: same family and
 * variant, and a 3 follows it (一是…一是…三是…), or no 2 follows it (1.…1.…, （一）…（一）…). 两条：一是…；一是…
 * alone may also read “one…, the other…” (not when the second opens a sentence or a paragraph): `'oneOther'`.
 * 一是…一是…二是… is a new list after an item of its own.
 */
function repeatsLoneOne(run: readonly OrdinalMarker[], m: OrdinalMarker, next: OrdinalMarker | undefined, afterStop: boolean): boolean | 'oneOther' {
  const only = run.length === 1 ? run[0]! : undefined;
  if (m.n !== 1 || only === undefined || only.n !== 1 || only.family !== m.family || only.variant !== m.variant) {
    return false;
  }
  if (next?.n === 3) {
    return true;
  }
  if (next?.n === 2) {
    return false;
  }
  // “One…, the other…” parts its halves with ， or ；: a 一是 opening a sentence or a paragraph repeats the 1.
  return afterStop || !(m.family === 'verb' && m.variant === '是') ? true : 'oneOther';
}

/** Scratch table of `lcs`, grown as needed (detection is synchronous). */
let lcsTable = new Uint16Array(1024);

/** Longest common subsequence of two word lists: the matched index pairs. */
export function lcs(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  const n = a.length;
  const m = b.length;
  const size = (n + 1) * (m + 1);
  if (lcsTable.length < size) {
    lcsTable = new Uint16Array(Math.max(size, lcsTable.length * 2));
  }
  const dp = lcsTable;
  // The last row and column are the empty suffixes; every other cell is written before it is read.
  for (let j = 0; j <= m; j++) {
    dp[n * (m + 1) + j] = 0;
  }
  for (let i = 0; i < n; i++) {
    dp[i * (m + 1) + m] = 0;
  }
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * (m + 1) + j] = a[i] === b[j] ? dp[(i + 1) * (m + 1) + j + 1]! + 1 : Math.max(dp[(i + 1) * (m + 1) + j]!, dp[i * (m + 1) + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (dp[(i + 1) * (m + 1) + j]! >= dp[i * (m + 1) + j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return pairs;
}

const FRAME_PUNCTUATION: Record<string, string> = { '，': '，', ',': '，', '、': '、', '：': '：', ':': '：', '“': '“', '”': '”', '"': '”' };

/**
 * Words of a lead for alignment: Han words plus the punctuation that shapes a frame (quotes of “X”“Y”,
 * the comma of 打好X牌，增强…), half-width marks read as their full-width forms.
 */
export function leadWords(tokens: readonly Token[], start: number, end: number): string[] {
  const out: string[] = [];
  // Tokens are in order: find the first at or after `start` by binary search (a paragraph may have
  // thousands of sentences; scanning from the top for each would be quadratic).
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < start) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (let i = lo; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.end > end) {
      break;
    }
    if (hasHan(t.norm)) {
      out.push(t.norm);
    } else {
      const p = FRAME_PUNCTUATION[t.norm];
      if (p !== undefined) {
        out.push(p);
      }
    }
  }
  // A frame never ends in punctuation.
  while (out.length > 0 && !hasHan(out[out.length - 1]!) && out[out.length - 1] !== '”') {
    out.pop();
  }
  return out;
}

/** The frame template of a set of leads: their common words in order, slots where they differ. */
function computeFrame(leads: readonly Lead[]): { words: string[]; template: string } | undefined {
  if (leads.length < 2) {
    return undefined;
  }
  let common = [...leads[0]!];
  for (const l of leads.slice(1)) {
    const pairs = lcs(common, l);
    common = pairs.map(([i]) => common[i]!);
  }
  const hanWords = common.filter((w) => hasHan(w));
  if (hanWords.length < 2) {
    return undefined;
  }
  // A frame opens the units (anaphora) and is a good part of them, not two words met by chance.
  for (const l of leads) {
    const pairs = lcs(common, l);
    const han = l.filter((w) => hasHan(w)).length;
    if (pairs.length === 0 || pairs[0]![1] > 2 || hanWords.length / Math.max(1, han) < 0.25) {
      return undefined;
    }
  }
  // Template from the first lead: matched words verbatim, runs of other words become slots.
  const first = leads[0]!;
  const pairs = lcs(first, common);
  const matched = new Set(pairs.map(([i]) => i));
  const slots = 'XYZWUV';
  let template = '';
  let slot = 0;
  let inSlot = false;
  for (let i = 0; i < first.length; i++) {
    if (matched.has(i)) {
      template += first[i]!;
      inSlot = false;
    } else if (!inSlot) {
      template += `{${slots[slot++ % slots.length]}}`;
      inSlot = true;
    }
  }
  return { words: common, template };
}

/** True when one of the first three words of `a` is one of the first three of `b`. */
function sharesOpening(a: Lead, b: Lead): boolean {
  for (let i = 0; i < 3 && i < a.length; i++) {
    for (let j = 0; j < 3 && j < b.length; j++) {
      if (a[i] === b[j]) {
        return true;
      }
    }
  }
  return false;
}

/** True when two leads open alike: enough words in common, the first of them among the first three of both. */
function similar(a: Lead, b: Lead): boolean {
  if (a.length < 2 || b.length < 2) {
    return false;
  }
  // The alignment's first pair lies within the first three words of both only if they share a word there.
  if (!sharesOpening(a, b)) {
    return false;
  }
  const pairs = lcs(a, b);
  const han = pairs.filter(([i]) => hasHan(a[i]!)).length;
  const ratio = pairs.length / Math.min(a.length, b.length);
  return han >= 2 && pairs[0]![0] <= 2 && pairs[0]![1] <= 2 && (ratio >= 0.4 || (ratio >= 0.3 && pairs.length >= 3));
}

/** The lead of a paragraph that has none (a heading, an ordinal item, a title). */
const NO_LEAD: Lead = Object.freeze([]);

/** A number per lead array, for keys naming a set of leads. */
const leadIds = new WeakMap<Lead, number>();
let nextLeadId = 0;

function leadId(l: Lead): number {
  let id = leadIds.get(l);
  if (id === undefined) {
    id = nextLeadId++;
    leadIds.set(l, id);
  }
  return id;
}

/** Frame words (Han only) present in a lead, in order, and whether they start it. */
function hits(words: string[], lead: Lead): { count: number; anchored: boolean } {
  const pairs = lcs(words, lead);
  return { count: pairs.filter(([i]) => hasHan(words[i]!)).length, anchored: pairs.length > 0 && pairs[0]![1] <= 2 };
}

/** JavaScript's `\s` (what `trim` removes). */
function isJsSpace(c: number): boolean {
  return (
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x20 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** JavaScript's `\s` plus the closing quotes ” ’: what may separate sentences. */
function isSentenceGap(c: number): boolean {
  return isJsSpace(c) || c === 0x201d || c === 0x2019;
}

/**
 * Step 4b for one paragraph: runs of three or more consecutive sentences that open alike, each with the
 * frame they share (要坚持…。要坚持…。要坚持…。 / 是…的基础；是…的保障；是…的关键).
 */
/** Sentences that may stand between two items of a sentence series (the items' own explanations). */
const MAX_SENTENCE_GAP = 2;

/** Tags of nouns and noun modifiers: a frame of these alone names a topic. */
const NOMINAL_FRAME = /^(?:n|vn|b|j|t|s|an)/;
/** Light words left out when a frame's kind is judged. */
const GAP_LIGHT = new Set(['的', '之', '和', '与']);

/** Words giving an example inside a sentence (also a bare 如 after a mark: …的贪污腐败，如古代和珅…). */
const EXAMPLE_WORDS = /比如|例如|譬如|诸如|[，,：:（(]如(?![何果此今同期实意下是若一初虎火潮山])/;
/** A clause opening with a bare 如 that gives an example (not 如何, 如果, 如此, 如今, 如同 …). */
const BARE_EXAMPLE = /^如(?![何果此今同期实意下是若一初虎火潮山])/;
/** Light words that may precede an item's frame (也正是这种改变…; 而为什么…; 文化也是…). */
const LIGHT_OPENERS = new Set(['也', '而', '更', '还', '又', '但', '则', '就', '都', '并', '亦']);
/** Tags of words naming things (nouns, pronouns, verbal nouns, abbreviations). */
const NAMING_TAG = /^(?:n|vn|j|r|zg)/;

/** How many words stand before the frame's first word in a lead, light words (也, 而, 还…) aside (-1 when the lead lacks it). */
function frameStart(frame: readonly string[], lead: Lead): number {
  const pairs = lcs(frame, lead);
  if (pairs.length === 0) {
    return -1;
  }
  let words = 0;
  for (let i = 0; i < pairs[0]![1]; i++) {
    if (!LIGHT_OPENERS.has(lead[i]!)) {
      words++;
    }
  }
  return words;
}

function sentenceGroupsOf(prose: string, tokens: readonly Token[], tagOf?: TagOf): SentenceGroup[] {
  const sentences: Array<{ start: number; end: number; words: Lead }> = [];
  let from = firstContent(prose);
  while (from < prose.length) {
    const end = sentenceEnd(prose, from);
    let clause = from;
    for (; clause < end; clause++) {
      const c = prose.charCodeAt(clause);
      if (c === 0xff0c || c === 0x2c || c === 0xff1a || c === 0x3a) {
        break;
      }
    }
    sentences.push({ start: from, end, words: leadWords(tokens, from, Math.min(end, clause + 1)) });
    from = end;
    while (from < prose.length && isSentenceGap(prose.charCodeAt(from))) {
      from++;
    }
  }
  const groups: SentenceGroup[] = [];
  let k = 0;
  while (k < sentences.length) {
    let last = k;
    const members = [k];
    for (;;) {
      if (last + 1 < sentences.length && similar(sentences[last]!.words, sentences[last + 1]!.words)) {
        last++;
        members.push(last);
        continue;
      }
      // Items followed by sentences of their own (水之所以真，真在…。水无论…。水之所以善，善在…。水不争…。水之所以
      // 美…): the next item up to MAX_SENTENCE_GAP sentences later, its first clause opening like the last one's.
      let next = -1;
      for (let j = last + 2; j <= last + 1 + MAX_SENTENCE_GAP && j < sentences.length; j++) {
        if (similar(sentences[last]!.words, sentences[j]!.words)) {
          next = j;
          break;
        }
      }
      if (next < 0) {
        break;
      }
      last = next;
      members.push(next);
    }
    if (members.length >= 3) {
      const group = members.map((m) => sentences[m]!);
      const f = computeFrame(group.map((g) => g.words));
      // Examples given for each sentence (很多地方秉持着“先污染后治理”的发展模式，比如…；很多地方秉持着…，比如…):
      // cases of one phenomenon enumerated, a list rather than a 排比.
      const examples = group.filter((g) => EXAMPLE_WORDS.test(prose.slice(g.start, g.end))).length >= 2;
      // With sentences between the items, a frame of nouns alone is a topic said again (群众文化是…。群众文化是…。
      // …。群众文化和…): the frame needs a word of another kind (水之所以真…。…。水之所以善…, 在…方面).
      const gapped = members.some((m, i) => i > 0 && m > members[i - 1]! + 1);
      // It is most of each item's first clause (水之所以|真, 在…方面, …一定要|鲜明), and no item says an earlier one again.
      const frameHan = f ? f.words.filter((w) => hasHan(w)).length : 0;
      const content = f ? f.words.filter((w) => hasHan(w) && !GAP_LIGHT.has(w)) : [];
      const topic =
        f !== undefined &&
        ((gapped &&
          (!tagOf ||
            content.every((w) => NOMINAL_FRAME.test(tagOf(w) ?? 'n')) ||
            group.some((g) => frameHan * 2 < g.words.filter((w) => hasHan(w)).length) ||
            new Set(group.map((g) => g.words.join(''))).size < group.length)) ||
          // Consecutive sentences opening with the same noun state facts about it (我国水资源总量为…。我国水资源南多
          // 北少…。我国水资源人均占有量低…) or records of a year each (2014国考…。2013国考…。2012国考…).
          // Anaphora of one noun (网络是平的…。网络是活的…) or of a verbal noun (发展循环经济，…) still frames.
          (tagOf !== undefined && content.length >= 2 && f.words.filter((w) => hasHan(w) && w !== '的' && w !== '之').every((w) => /^(?:n|nz|nr|ns|j|r)$/.test(tagOf(w) ?? 'x'))) ||
          group.every((g) => /^[0-9０-９]/.test(prose.slice(g.start, g.start + 1))));
      // The frame stands at one place in every item after the first (which may carry a lead-in): an item where it
      // comes later (我们接受…。我们常常接受…。这是我们应接受的…; 网络是平的…。网络是活的…。这就是网络的…) says the topic
      // again rather than repeating the frame. A frame naming a thing (阳光心态, 国有经济, 社会管理) opens every item
      // alike, the first too (培育阳光心态…。阳光心态，顾名思义…。阳光心态的对立面…), or it is a topic said again.
      const at = f ? group.map((g) => frameStart(f.words, g.words)) : [];
      const naming = f !== undefined && tagOf !== undefined && content.length > 0 && content.every((w) => NAMING_TAG.test(tagOf(w) ?? 'n'));
      const shifted = at.length > 0 && (new Set(at.slice(1)).size > 1 || (naming && new Set(at).size > 1));
      if (f && !examples && !topic && !shifted) {
        groups.push({ sentences: group.map((g) => ({ start: g.start, end: g.end })), frame: f, hits: group.map((g) => hits(f.words, g.words).count) });
      }
    }
    k = members.length >= 3 ? last + 1 : k + 1;
  }
  return groups;
}

/** Finds the announced count in the text just before a series: the last sentence before its first item. */
function findAnnouncement(simplified: string, absStart: number, from: number, to: number): Announcement | null {
  // The last sentence of the span (it may end with ：); the one before too when the last is a short lead-in
  // with no count (分为三种。从企业自身来看，一是…).
  let s = from;
  for (let i = to - 2, stops = 0; i >= from; i--) {
    const c = simplified.charCodeAt(i);
    // 。！？
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f) {
      if (stops++ > 0 || to - i - 1 > 12 || /[两二三四五六七八九十]/.test(simplified.slice(i + 1, to))) {
        s = i + 1;
        break;
      }
    }
  }
  const sentence = simplified.slice(s, to);
  // 三层含义, 四类, 三大问题 name their items too.
  const re = /(?<![\d第一二三四五六七八九十两百千万几])([两二三四五六七八九十])(?:个|点|张|项|条|种|方面|步|招|层|类|大)/g;
  let last: Announcement | null = null;
  for (let m = re.exec(sentence); m; m = re.exec(sentence)) {
    const after = sentence.slice(m.index + m[0].length, m.index + m[0].length + 2);
    // 两个月, 三个人, 十大 as a ranking and similar are counts of things, not announcements of items.
    if (/^(?:月|人|小时|多|年|来|以上)/.test(after)) {
      continue;
    }
    // 上述六步, 这三点 point back at what came before; 正反两方面 is a pair of viewpoints, not two items.
    const before = sentence.slice(Math.max(0, m.index - 2), m.index);
    if (/(?:上述|前述|以上|正反|[这此该])$/.test(before)) {
      continue;
    }
    const count = m[1] === '两' ? 2 : ' 一二三四五六七八九十'.indexOf(m[1]!);
    // 四种方法：理证法、引证法、例证法、比较法 — the items are listed in the sentence itself.
    const rest = sentence.slice(m.index + m[0].length);
    // 六大系统, 四大建设 name a programme; 三大问题： announces what the colon opens.
    if (m[0].endsWith('大') && !/^[^，,。；、]{0,8}[：:]/.test(rest)) {
      continue;
    }
    if ((rest.match(/、/g) ?? []).length >= count - 1 && count > 1) {
      continue;
    }
    // 两方面的原因：一方面是…：the items are 一方面/另一方面, inside the sentence, not the series after it;
    // “建设三种住房”的政策体系, “发放三种补贴”、“建设…”: the count names part of a quoted title, not what follows.
    if (rest.includes('一方面') || /^[^“”"]*[”"](?:的|、|和|与)/.test(rest)) {
      continue;
    }
    last = { count, start: absStart + s + m.index, end: absStart + s + m.index + m[0].length, text: m[0] };
  }
  return last;
}

/** Conjunctions that may join the last two items of a 、-list (A、B、C和D). */
const LIST_CONJUNCTION = /以及|和|及|与|或/;

/**
 * Item ranges (relative, from `from`) of a plain 、-list, the last item split at its conjunction when that reads as
 * two (解决问题能力和文字表达能力 after …能力、…能力); undefined when the list is no plain list, or when its
 * conjunction may join two items or be part of one (改革和发展) and `count` fits either reading.
 */
export function listItems(list: string, from: number, count: number): Array<[number, number]> | undefined {
  const parts = list.split('、');
  // Items are words or short phrases; the last may be two joined by a conjunction.
  if (parts.length < 2 || parts.some((x, k) => x.length === 0 || x.length > (k === parts.length - 1 ? 25 : 12))) {
    return undefined;
  }
  // A conjunction inside an earlier item may join two words of one item (改革文化生产经营和传播模式) or two groups
  // of the list (生活、工作和心理、思想分为两大类别: 生活、工作 and 心理、思想): a count that the groups or the
  // split items give is not wrong.
  const joined = (x: string): boolean => {
    const c = LIST_CONJUNCTION.exec(x);
    return c !== null && c.index > 0 && c.index + c[0].length < x.length;
  };
  const inner = parts.slice(0, -1).filter(joined).length;
  if (inner > 0 && (count === inner + 1 || count === parts.length + inner)) {
    return undefined;
  }
  const ranges: Array<[number, number]> = [];
  let at = from;
  for (const x of parts) {
    ranges.push([at, at + x.length]);
    at += x.length + 1;
  }
  const last = parts[parts.length - 1]!;
  const conj = LIST_CONJUNCTION.exec(last);
  if (conj && conj.index > 0 && conj.index + conj[0].length < last.length) {
    const tail = parts[0]!.slice(-1);
    const two = parts.every((x) => x.endsWith(tail)) && last.slice(0, conj.index).endsWith(tail);
    if (!two && (count === parts.length || count === parts.length + 1)) {
      return undefined;
    }
    const [s0, e0] = ranges.pop()!;
    ranges.push([s0, s0 + conj.index], [s0 + conj.index + conj[0].length, e0]);
  }
  return ranges;
}

/**
 * Counts that announce a list in their own sentence, parted from it by a colon (申论主要考察考生四个方面的能力：
 * 阅读理解能力、贯彻执行能力、解决问题能力和文字表达能力。), with the list's items. The list is plain words: items
 * parted by 、 (the last two perhaps by 和/及/与/以及/或), no comma or quote, and it ends the sentence. When the
 * last item holds a conjunction that may join two items or be part of one (改革和发展), the list is returned only
 * if the count differs under both readings.
 */
export function listedCounts(simplified: string, absStart: number, text: string): AnnouncedList[] {
  const out: AnnouncedList[] = [];
  // A count and its measure word (四个方面), or a quoted numeral abbreviation (“六边”, “四风”).
  const re = /(?<![\d第一二三四五六七八九十两百千万几])([两二三四五六七八九十])(?:个|点|张|项|条|种|方面|步|招|层|类|大)|(?<=“)([两二三四五六七八九十])[\u4e00-\u9fff]”/g;
  for (let m = re.exec(simplified); m; m = re.exec(simplified)) {
    const after = m.index + m[0].length;
    const numeral = m[1] ?? m[2]!;
    if (/^(?:月|人|小时|多|年|来|以上)/.test(simplified.slice(after, after + 2))) {
      continue;
    }
    // 三个方面：/ 四个方面的能力：/ 五大目标是：— a short noun phrase, then the colon.
    const gap = /^[^，,。；;、：:“”"\s！？!?]{0,8}[：:]/.exec(simplified.slice(after));
    if (!gap) {
      continue;
    }
    const from = after + gap[0].length;
    let to = from;
    while (to < simplified.length && !/[。！？!?；;\n]/.test(simplified[to]!)) {
      to++;
    }
    const list = simplified.slice(from, to);
    if (!list.includes('、') || /[，,：:“”"‘’（）()\s《》]/.test(list)) {
      continue;
    }
    const count = numeral === '两' ? 2 : ' 一二三四五六七八九十'.indexOf(numeral);
    // 等 closing the list leaves items out: only fewer announced than listed is wrong.
    const open = /等+$/.exec(list);
    const ranges = listItems(open ? list.slice(0, open.index) : list, from, count);
    if (ranges && (open ? ranges.length > count : ranges.length !== count)) {
      out.push({
        announced: { count, start: absStart + m.index, end: absStart + after - (m[2] ? 1 : 0), text: m[2] ? m[0].slice(0, -1) : m[0] },
        items: ranges.map(([a, b]) => ({ paragraph: -1, start: absStart + a, end: absStart + b, leadStart: absStart + a, leadEnd: absStart + b, lead: text.slice(a, b) })),
      });
    }
  }
  // The list before its count in one clause (金钱、权力、地位已经演变成了衡量成功的三大标准), when it is the first
  // 、-list of its sentence (从道德教育、道德建设，国民素质提升，讲规矩、守纪律三个方面: the items reach back past
  // a comma) and no 等 leaves it open.
  const before = /(?:^|[，,。；;：:！？!?\n“])((?:[\u4e00-\u9fff]{1,12}、)+[\u4e00-\u9fff]{1,25})([^，,。；;：:！？!?、\n“”等\u4e00-\u9fff]{0,3})(?<![\d第一二三四五六七八九十两百千万几])([两二三四五六七八九十])(?:个|种|方面|类|大)/g;
  for (let m = before.exec(simplified); m; m = before.exec(simplified)) {
    // Past the mark before the list, if any.
    const from = m.index + (/^[\u4e00-\u9fff]/.test(m[0]) ? 0 : 1);
    let s0 = from;
    while (s0 > 0 && !/[。！？!?：:\n]/.test(simplified[s0 - 1]!)) {
      s0--;
    }
    if (simplified.slice(s0, from).includes('、') || /^(?:月|人|小时|多|年|来|以上)/.test(simplified.slice(m.index + m[0].length, m.index + m[0].length + 2))) {
      continue;
    }
    const numeral = m[3]!;
    const count = numeral === '两' ? 2 : ' 一二三四五六七八九十'.indexOf(numeral);
    const ranges = listItems(m[1]!, from, count);
    const at = from + m[1]!.length + m[2]!.length;
    // 打五个眼、钻五个孔: counts inside the list are its items' own.
    if (ranges && ranges.length !== count && !/[等两二三四五六七八九十]/.test(m[1]!)) {
      // The last item ends where the longest other does (地位 of 地位已经演变成了衡量成功的).
      const last = ranges[ranges.length - 1]!;
      const longest = Math.max(...ranges.slice(0, -1).map(([a, b]) => b - a));
      last[1] = Math.min(last[1], last[0] + longest);
      out.push({
        announced: { count, start: absStart + at, end: absStart + m.index + m[0].length, text: simplified.slice(at, m.index + m[0].length) },
        items: ranges.map(([a, b]) => ({ paragraph: -1, start: absStart + a, end: absStart + b, leadStart: absStart + a, leadEnd: absStart + b, lead: text.slice(a, b) })),
      });
    }
  }
  return out;
}

/** The kept listed counts of the many paragraphs without any (shared, never changed). */
const NO_LISTS: readonly AnnouncedList[] = Object.freeze([]);

/** An announced list found at offset 0 of paragraph `p` (listedCounts), moved to the paragraph's place. */
function movedList(l: AnnouncedList, p: Paragraph): AnnouncedList {
  const s = p.start;
  const a = l.announced;
  return {
    announced: { count: a.count, start: a.start + s, end: a.end + s, text: a.text },
    items: l.items.map((it) => ({
      paragraph: it.paragraph,
      start: it.start + s,
      end: it.end + s,
      leadStart: it.leadStart + s,
      leadEnd: it.leadEnd + s,
      // From this paragraph's text (another paragraph of the same prose may differ where prose is masked).
      lead: p.text.slice(it.leadStart, it.leadEnd),
    })),
  };
}

/**
 * What detection needs of one paragraph alone, a function of its prose and tokens, kept by the analyzer's
 * paragraph memo so that re-analysis after an edit recomputes it only for the changed paragraphs.
 */
interface ParagraphFacts {
  /** The prose in Simplified script (the tokens' forms) when that has the same length, else the prose. */
  norm: string;
  /** Ordinal markers at the starts of sentences (offsets relative to the paragraph). */
  markers: OrdinalMarker[];
  /** The ordinal opening the paragraph. */
  opening: OrdinalMarker | undefined;
  /** The prose holds a sentence end (。！？；). */
  hasStop: boolean;
  /** Lead words of the first sentence (computed on first request). */
  lead?: Lead;
  /** Runs of three or more sentences opening alike, with their frame (computed on first request). */
  sentenceGroups?: SentenceGroup[];
  /** Runs of three or more parallel clauses (offsets relative to the paragraph; computed on first request). */
  clauseRuns?: ClauseRun[];
  /**
   * `similar` of an earlier paragraph's lead and this one's: lead, answer, lead, answer … (a few, the
   * neighbours'; leads are kept per paragraph, so an edit changes only the pairs around it).
   */
  similarTo?: unknown[];
}

/** A run of sentences of one paragraph sharing an opening frame (step 4b). */
interface SentenceGroup {
  sentences: Array<{ start: number; end: number }>;
  frame: { words: string[]; template: string };
  /** Frame words present in each sentence's lead. */
  hits: number[];
}

function factsOf(p: Paragraph, tokens: readonly Token[]): ParagraphFacts {
  // The tokens' Simplified forms joined; in a Simplified document they are the prose itself.
  let norm = p.prose;
  if (tokens.some((t) => t.norm !== t.text)) {
    let simplified = '';
    for (const t of tokens) {
      simplified += t.norm;
    }
    norm = simplified.length === p.prose.length ? simplified : p.prose;
  }
  const markers: OrdinalMarker[] = [];
  /** The number of the last 1. 2. accepted: an inline list 要求：1.…；2.…；3.… goes on after ；. */
  let arDot = 0;
  for (const s of sentenceStarts(norm)) {
    const m = ordinalAt(norm, s);
    // 首先/其次/最后 also open a clause after a comma (…做到一尘不染，首先要…；其次要…). A number with a dot
    // inside a paragraph is an ordinal at its start, after a colon, or when it continues the last one — or
    // repeats it or skips one number after a clause end (1.…；1.…, 1.…；3.…: slips the ordinal rule reports).
    const continuesArDot = arDot > 0 && (m?.n === arDot + 1 || ((m?.n === arDot || m?.n === arDot + 2) && /[；;。]/.test(norm[s - 1] ?? '')));
    if (m && (m.family !== 'ar-dot' || s === 0 || /[：:]/.test(norm[s - 1] ?? '') || continuesArDot)) {
      markers.push(m);
      if (m.family === 'ar-dot') {
        arDot = m.n;
      }
    }
  }
  return { norm, markers, opening: ordinalAt(norm, 0), hasStop: /[。！？；]/.test(p.prose) };
}

/**
 * Computes a paragraph's facts while its tokens are at hand (the analyzer calls this in its paragraph pass,
 * so that it need not keep every paragraph's tokens until structure detection runs).
 */
export function prepareStructure(p: Paragraph, tokensOf: TokensOf, memo: ParagraphMemo, tagOf?: TagOf): void {
  const f = memo(p, 'structure/facts', () => factsOf(p, tokensOf(p)));
  f.lead ??= leadWords(tokensOf(p), firstContent(p.prose), sentenceEnd(p.prose, 0));
  if (!p.heading) {
    f.sentenceGroups ??= sentenceGroupsOf(p.prose, tokensOf(p), tagOf);
    f.clauseRuns ??= clauseRunsOf(f.norm, tokensOf(p), tagOf);
  }
}

/** Computes every time: for callers without an analyzer's memo. */
const noMemo: ParagraphMemo = (_p, _key, compute) => compute();
const noContentMemo: ContentMemo = (_key, compute) => compute();

/** Detects the series and sections of a document. */
export function detectStructure(
  paragraphs: readonly Paragraph[],
  tokensOf: TokensOf,
  memo: ParagraphMemo = noMemo,
  contentMemo: ContentMemo = noContentMemo,
  /** Part-of-speech tags of words: clause series tell lists of things from 排比 by them. */
  tagOf?: TagOf,
): Structure {
  const series: Series[] = [];
  /** The frame of some leads, kept across analyses by the leads' words (leave-one-out frames recur). */
  const frameOf = (leads: readonly Lead[]): { words: string[]; template: string } | undefined => {
    // Leads are kept per paragraph, so their identities name them (a changed paragraph has a new lead).
    let key = 'frame';
    for (const l of leads) {
      key += `:${leadId(l)}`;
    }
    const f = contentMemo(key, () => computeFrame(leads));
    return f && { words: [...f.words], template: f.template };
  };
  const facts = paragraphs.map((p) => memo(p, 'structure/facts', () => factsOf(p, tokensOf(p))));
  const norm = (i: number): string => facts[i]!.norm;
  /** listedCounts of paragraph pi: kept per paragraph at offset 0, moved to the paragraph's place. */
  const listedCountsAt = (pi: number): readonly AnnouncedList[] => {
    const p = paragraphs[pi]!;
    const at = memo(p, 'structure/listed-counts', () => {
      const found = listedCounts(norm(pi), 0, p.text);
      return found.length === 0 ? NO_LISTS : found;
    });
    return at.length === 0 ? at : at.map((l) => movedList(l, p));
  };
  /** Lead words of `paragraphs[pi]` between two offsets relative to it (kept per paragraph). */
  const leadBetween = (pi: number, from: number, to: number): Lead => {
    const p = paragraphs[pi]!;
    return memo(p, `structure/lead:${from}:${to}`, () => leadWords(tokensOf(p), from, to));
  };

  // 1. Sentence-level ordinal series inside paragraphs (two or more markers of one family).
  const usedAtStart = new Set<number>();
  const orphanCandidates: Array<{ pi: number; m: OrdinalMarker }> = [];
  paragraphs.forEach((p, pi) => {
    const prose = norm(pi);
    const markers = facts[pi]!.markers;
    if (markers.length === 0) {
      return;
    }
    const byKey = new Map<string, OrdinalMarker[]>();
    for (const m of markers) {
      const list = byKey.get(groupKey(m)) ?? [];
      list.push(m);
      byKey.set(groupKey(m), list);
    }
    for (const list of byKey.values()) {
      if (list.length < 2) {
        const m = list[0]!;
        const afterComma = m.start > 0 && /[，,]/.test(prose[m.start - 1]!);
        if (m.start !== firstContent(prose) && !afterComma) {
          orphanCandidates.push({ pi, m: { ...m, start: p.start + m.start, end: p.start + m.end, text: p.text.slice(m.start, m.end) } });
        }
        continue;
      }
      // One paragraph may hold several runs (一是…二是…，后文又一是…): split where numbering restarts at 1.
      let run: OrdinalMarker[] = [];
      let oneOther = false;
      const flush = (): void => {
        if (run.length >= 2) {
          const items: SeriesItem[] = run.map((m, k) => {
            const unitEnd = k + 1 < run.length ? run[k + 1]!.start : p.prose.length;
            const leadEnd = sentenceEnd(p.prose, m.end, unitEnd);
            return {
              paragraph: pi,
              start: p.start + m.start,
              end: p.start + unitEnd,
              leadStart: p.start + m.start,
              leadEnd: p.start + leadEnd,
              lead: p.text.slice(m.start, leadEnd),
              marker: { ...m, start: p.start + m.start, end: p.start + m.end, text: p.text.slice(m.start, m.end) },
            };
          });
          if (run[0]!.start === firstContent(p.prose)) {
            usedAtStart.add(pi);
          }
          const announced = findAnnouncement(prose, p.start, 0, run[0]!.start) ?? (run[0]!.start === firstContent(p.prose) && pi > 0 ? findAnnouncement(norm(pi - 1), paragraphs[pi - 1]!.start, 0, norm(pi - 1).length) : null);
          series.push({ kind: 'ordinal', level: 'sentence', family: run[0]!.family, items, frameWords: [], announced, ...(oneOther && run.length === 2 ? { oneOther } : {}) });
        }
        run = [];
        oneOther = false;
      };
      list.forEach((m, k) => {
        // Numbering restarts at 1, or goes down (三是…，一靠…；二靠…): a new list, nested in the item. But a 1
        // after a lone 1 is a repeated ordinal when no 2 follows it (一是…，一是…，三是…).
        if (run.length > 0 && (m.n === 1 || m.n < run[run.length - 1]!.n)) {
          const repeats = repeatsLoneOne(run, m, list[k + 1], /[。！？!?]\s*$/.test(prose.slice(Math.max(0, m.start - 4), m.start)));
          if (!repeats) {
            flush();
          }
          oneOther = repeats === 'oneOther';
        }
        run.push(m);
      });
      flush();
    }
  });

  // 2. Paragraph-level ordinal series.
  /** The ordinal opening the next paragraph that opens with one of family `key`, up to a heading. */
  const nextOpening = (pi: number, key: string): OrdinalMarker | undefined => {
    for (let k = pi + 1; k < paragraphs.length && !paragraphs[k]!.heading; k++) {
      const o = facts[k]!.opening;
      if (o && !usedAtStart.has(k) && groupKey(o) === key) {
        return o;
      }
    }
    return undefined;
  };
  const open = new Map<string, { family: OrdinalFamily; items: Array<{ pi: number; m: OrdinalMarker }> }>();
  const attached = new Set<number>();
  const prefix: SeriesItem[] = [];
  const closeSeries = (key: string): void => {
    const s = open.get(key);
    open.delete(key);
    if (!s) {
      return;
    }
    // 第一 in the middle of a paragraph, 第二 and 第三 opening the next ones: one series.
    const head = s.items[0]!;
    if (head.m.n > 1 && Number.isFinite(head.m.n)) {
      const loose = orphanCandidates.find((o) => o.m.family === head.m.family && o.m.n === head.m.n - 1 && o.pi < head.pi && o.pi >= head.pi - 3);
      if (loose) {
        attached.add(loose.m.start);
        const p = paragraphs[loose.pi]!;
        const rel = loose.m.start - p.start;
        const leadEnd = sentenceEnd(p.prose, loose.m.end - p.start);
        prefix.push({ paragraph: loose.pi, start: loose.m.start, end: p.end, leadStart: loose.m.start, leadEnd: p.start + leadEnd, lead: p.text.slice(rel, leadEnd), marker: loose.m });
      }
    }
    const items: SeriesItem[] = s.items.map(({ pi, m }) => {
      const p = paragraphs[pi]!;
      const leadEnd = sentenceEnd(p.prose, m.end);
      return {
        paragraph: pi,
        start: p.start,
        end: p.end,
        leadStart: p.start + m.start,
        leadEnd: p.start + leadEnd,
        lead: p.text.slice(m.start, leadEnd),
        marker: { ...m, start: p.start + m.start, end: p.start + m.end, text: p.text.slice(m.start, m.end) },
      };
    });
    const firstPi = prefix[0]?.paragraph ?? s.items[0]!.pi;
    // 第一 in the middle of a paragraph: the count stands before it there (个中原因有两点：一是…).
    const head0 = prefix[0];
    const announced = head0
      ? findAnnouncement(norm(firstPi), paragraphs[firstPi]!.start, 0, head0.leadStart - paragraphs[firstPi]!.start)
      : firstPi > 0
        ? findAnnouncement(norm(firstPi - 1), paragraphs[firstPi - 1]!.start, 0, norm(firstPi - 1).length)
        : null;
    series.push({ kind: 'ordinal', level: 'paragraph', family: s.family, items: [...prefix.splice(0), ...items], frameWords: [], announced });
  };
  paragraphs.forEach((p, pi) => {
    if (p.heading) {
      for (const k of [...open.keys()]) {
        closeSeries(k);
      }
    }
    if (usedAtStart.has(pi)) {
      return;
    }
    const m = facts[pi]!.opening;
    if (!m) {
      return;
    }
    const rank = FAMILY_RANK[m.family];
    for (const [k, s] of [...open]) {
      // A sub-list opening at 1 inside an item (第一，…（一）…（二）…第二，…) closes nothing when the series goes
      // on with its next number after it: the essay nests the families its own way.
      const after = nextOpening(pi, k)?.n;
      const sub = open.get(groupKey(m));
      const inItem = m.n === 1 || (sub !== undefined && sub.items[0]!.pi > s.items[s.items.length - 1]!.pi);
      const nested = inItem && after !== undefined && (after === s.items[s.items.length - 1]!.m.n + 1 || after === Number.POSITIVE_INFINITY);
      if (FAMILY_RANK[s.family] > rank && !nested) {
        closeSeries(k);
      }
    }
    const key = groupKey(m);
    const current = open.get(key);
    if (current && m.n === 1 && !repeatsLoneOne(current.items.map((x) => x.m), m, nextOpening(pi, key), true)) {
      closeSeries(key);
    }
    const target = open.get(key);
    if (target) {
      target.items.push({ pi, m });
    } else {
      open.set(key, { family: m.family, items: [{ pi, m }] });
    }
  });
  for (const k of [...open.keys()]) {
    closeSeries(k);
  }

  // 3. Frames of ordinal series (the words their leads share besides the ordinal).
  for (const s of series) {
    if (s.items.length >= 3) {
      const leads = s.items.map((it) => {
        const p = paragraphs[it.paragraph]!;
        return leadBetween(it.paragraph, it.marker!.end - p.start, it.leadEnd - p.start);
      });
      const f = frameOf(leads);
      if (f) {
        s.frame = f.template;
        s.frameWords = f.words;
      }
    }
  }

  // 4. Lexical frame series: runs of consecutive paragraphs whose leads share an opening frame. Runs of two
  // separated by one paragraph merge when together they keep a frame (the paragraph between them is an
  // item that broke it); a run then takes in a neighbour that carries part of the frame.
  // Paragraphs opening with an ordinal belong to ordinal series (or are orphans), never to lexical frames.
  const ordinalParagraphs = new Set(paragraphs.map((_, pi) => pi).filter((pi) => facts[pi]!.opening !== undefined));
  // The title (a first paragraph without a full stop) and subtitles (——…) echo the frame but are not items.
  const titleLike = (pi: number): boolean => {
    if (pi === 0 && !facts[pi]!.hasStop) {
      return true;
    }
    // Two dashes opening the trimmed prose.
    const prose = paragraphs[pi]!.prose;
    let i = 0;
    while (i < prose.length && isJsSpace(prose.charCodeAt(i))) {
      i++;
    }
    const dash = (c: number): boolean => c === 0x2014 || c === 0x2d;
    return i + 1 < prose.length && dash(prose.charCodeAt(i)) && dash(prose.charCodeAt(i + 1));
  };
  const leadOf = (pi: number): Lead => {
    const f = facts[pi]!;
    const p = paragraphs[pi]!;
    return (f.lead ??= leadWords(tokensOf(p), firstContent(p.prose), sentenceEnd(p.prose, 0)));
  };
  const leads = paragraphs.map((p, pi) => (p.heading || ordinalParagraphs.has(pi) || titleLike(pi) ? NO_LEAD : leadOf(pi)));
  /** `similar` of the leads of paragraphs x and k (x before k), kept with paragraph k's facts. */
  const similarLeads = (x: number, k: number): boolean => {
    const a = leads[x]!;
    const b = leads[k]!;
    // The cheap refusals need no cache.
    if (a.length < 2 || b.length < 2 || !sharesOpening(a, b)) {
      return false;
    }
    const cache = (facts[k]!.similarTo ??= []);
    for (let c = 0; c < cache.length; c += 2) {
      if (cache[c] === a) {
        return cache[c + 1] as boolean;
      }
    }
    const r = similar(a, b);
    if (cache.length >= 16) {
      cache.splice(0, 2);
    }
    cache.push(a, r);
    return r;
  };
  /** True when the lead of paragraph k keeps at least half of a frame's words from its start. */
  const partial = (k: number, words: string[]): boolean => {
    const han = words.filter((w) => hasHan(w)).length;
    const h = hits(words, leads[k]!);
    return leads[k]!.length > 0 && h.anchored && h.count >= Math.max(1, Math.ceil(han / 2));
  };
  // Runs of linked paragraphs; one paragraph may break a run in its middle (A B X D, A X C) when the
  // paragraphs on both sides share the frame and it keeps part of it: that is an item that broke the frame.
  let i = 0;
  while (i < paragraphs.length) {
    const core = [i];
    const members = [i];
    let last = i;
    let bodies = 0;
    /** A paragraph continues the run when its lead is like the last one, or carries the run's whole frame. */
    const continues = (k: number): boolean => {
      if (k >= paragraphs.length) {
        return false;
      }
      if (similarLeads(last, k)) {
        return true;
      }
      const f = core.length >= 2 ? frameOf(core.map((c) => leads[c]!)) : undefined;
      if (!f) {
        return false;
      }
      const han = f.words.filter((w) => hasHan(w)).length;
      const h = hits(f.words, leads[k]!);
      return h.anchored && h.count === han;
    };
    for (;;) {
      if (continues(last + 1)) {
        last++;
        core.push(last);
        members.push(last);
        continue;
      }
      if (last + 2 < paragraphs.length && similarLeads(last, last + 2)) {
        const f = frameOf([...core, last + 2].map((k) => leads[k]!));
        if (f && partial(last + 1, f.words)) {
          members.push(last + 1, last + 2);
          core.push(last + 2);
          last += 2;
          continue;
        }
      }
      // Items followed by body paragraphs (a lead line, then its text): the next item may come up to
      // three paragraphs later, when the paragraphs between carry nothing of the frame.
      let found = -1;
      const sentence = (k: number): boolean => facts[k]!.hasStop;
      for (let k = last + 2; k <= last + 4 && k < paragraphs.length && !paragraphs[k]!.heading; k++) {
        if (sentence(k) === sentence(last) && similarLeads(last, k)) {
          found = k;
          break;
        }
      }
      if (found > 0) {
        const f = frameOf([...core, found].map((k) => leads[k]!));
        const between = Array.from({ length: found - last - 1 }, (_, d) => last + 1 + d);
        if (f && between.every((k) => !partial(k, f.words) && !paragraphs[k]!.heading)) {
          bodies += between.length;
          core.push(found);
          members.push(found);
          last = found;
          continue;
        }
      }
      break;
    }
    // With body paragraphs between the items, three items must carry the frame. A run that makes no
    // series gives its paragraphs back: the next one may start a series of its own.
    const f = members.length >= 3 && core.length >= (bodies > 0 ? 3 : 2) ? frameOf(core.map((k) => leads[k]!)) : undefined;
    if (!f) {
      i++;
      continue;
    }
    i = last + 1;
    const first = members[0]!;
    series.push({
      kind: 'frame',
      level: 'paragraph',
      items: members.map((k) => {
        const p = paragraphs[k]!;
        const leadEnd = sentenceEnd(p.prose, 0);
        return {
          paragraph: k,
          start: p.start,
          end: p.end,
          leadStart: p.start + firstContent(p.prose),
          leadEnd: p.start + leadEnd,
          lead: p.text.slice(firstContent(p.prose), leadEnd),
          frameHits: hits(f.words, leads[k]!).count,
        };
      }),
      frame: f.template,
      frameWords: f.words,
      announced: first > 0 ? findAnnouncement(norm(first - 1), paragraphs[first - 1]!.start, 0, norm(first - 1).length) : null,
    });
  }

  /** An item inside paragraph `pi` whose unit is its lead: a sentence or a clause (offsets relative to it). */
  const unitItem = (pi: number, x: { start: number; end: number }): SeriesItem => {
    const p = paragraphs[pi]!;
    const start = p.start + x.start;
    const end = p.start + x.end;
    return { paragraph: pi, start, end, leadStart: start, leadEnd: end, lead: p.text.slice(x.start, x.end) };
  };

  /**
   * The count announcing a clause series of `n` items from `from` to `to` (relative) in paragraph `pi`: right
   * before its first item in the same sentence, parted from it by a mark alone (存在三种问题：虚假，…; 可以概括为
   * 三个方面，对人，…; 这个目的有三点：第一点是…), when the series holds every clause from there to the end of
   * the sentence (常见的方法有七种：例证法、…、归纳法和演绎法 with four of them found announces nothing the outline
   * can count).
   */
  const clauseAnnouncement = (pi: number, from: number, to: number, n: number): Announcement | null => {
    const text = norm(pi);
    const p = paragraphs[pi]!;
    const a = findAnnouncement(text, p.start, 0, from);
    if (!a) {
      return null;
    }
    // 三个方面，/ 三种问题：/ 三点：即 — a short noun after the count, no 的 or quote (两方面的作用，让…).
    const gap = text.slice(a.end - p.start, from);
    if (!/^[^，,。；;：:的“”"、\s]{0,4}[：:，,](?:即|分别是|包括)?$/u.test(gap)) {
      return null;
    }
    // The sentence ends with the last item (or after one more mark), and holds as many clauses as the series.
    let end = to;
    while (end < text.length && !/[。！？!?；;\n]/.test(text[end]!)) {
      end++;
    }
    const parts = text.slice(from, end).split(/[、，,和及与]/).filter((x) => x.trim().length > 0).length;
    return parts === n ? a : null;
  };

  // 4b. Sentence-level frame series: three or more consecutive sentences of a paragraph that open alike
  // (要坚持…。要坚持…。要坚持…。 / 是…的基础；是…的保障；是…的关键).
  const sentenceItemStarts = new Set(series.filter((x) => x.level === 'sentence').flatMap((x) => x.items.map((it) => it.leadStart)));
  paragraphs.forEach((p, pi) => {
    if (p.heading) {
      return;
    }
    const f = facts[pi]!;
    for (const g of (f.sentenceGroups ??= sentenceGroupsOf(p.prose, tokensOf(p), tagOf))) {
      const first = g.sentences[0]!;
      // Already an item of a sentence-level series (an ordinal one) starts there.
      const covered = sentenceItemStarts.has(p.start + first.start);
      if (!covered) {
        for (const x of g.sentences) {
          sentenceItemStarts.add(p.start + x.start);
        }
        series.push({
          kind: 'frame',
          level: 'sentence',
          items: g.sentences.map((x, k) => ({ ...unitItem(pi, x), frameHits: g.hits[k]! })),
          frame: g.frame.template,
          frameWords: [...g.frame.words],
          announced: null,
        });
      }
    }
  });

  // 4c. A frame series of four or more whose frame grows when one item is left out: that item altered it.
  for (const x of series) {
    // Leaving each item out costs a frame per item: only for series of a reasonable size (排比 has a few
    // items; a run of hundreds is a list, and this must stay linear on pathological input).
    if (x.kind !== 'frame' || x.items.length < 4 || x.items.length > MAX_LEAVE_ONE_OUT) {
      continue;
    }
    const leadsOf = x.items.map((it) => (x.level === 'paragraph' ? leads[it.paragraph]! : leadBetween(it.paragraph, it.leadStart - paragraphs[it.paragraph]!.start, it.leadEnd - paragraphs[it.paragraph]!.start)));
    const base = x.frameWords.filter((w) => hasHan(w)).length;
    for (let out = 0; out < x.items.length; out++) {
      const f = frameOf(leadsOf.filter((_, k) => k !== out));
      const grown = f ? f.words.filter((w) => hasHan(w)) : [];
      // Words the item lacks as tokens but has inside a longer word (立 in 立身) are not missing.
      const leadText = leadsOf[out]!.join('');
      const occurrences = (hay: string, w: string): number => hay.split(w).length - 1;
      const missing = grown.filter((w) => occurrences(leadText, w) < grown.filter((x) => x === w).length);
      if (f && grown.length > base && missing.length > 0 && hits(f.words, leadsOf[out]!).count < grown.length) {
        x.frame = f.template;
        x.frameWords = f.words;
        x.items.forEach((it, k) => (it.frameHits = hits(f.words, leadsOf[k]!).count));
        break;
      }
    }
  }

  // 4d. Clause-level series: three or more clauses of a paragraph sharing frame characters (有事多商量、有事好
  // 商量、有事会商量; 为中国制造…，为中国文化…), unless a series found above already holds them.
  const itemStarts = series.flatMap((x) => x.items.map((it) => it.leadStart)).sort((a, b) => a - b);
  const near = (at: number): boolean => {
    let lo = 0;
    let hi = itemStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (itemStarts[mid]! < at - 3) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < itemStarts.length && itemStarts[lo]! <= at + 3;
  };
  /** The clause series of a run of paragraph `pi`. */
  const clauseSeries = (pi: number, run: ClauseRun): Series => ({
    kind: 'frame',
    level: 'clause',
    items: run.items.map((x) => unitItem(pi, x)),
    frame: run.template,
    frameWords: [...run.words],
    announced: clauseAnnouncement(pi, run.items[0]!.start, run.items[run.items.length - 1]!.end, run.items.length),
  });
  /**
   * Clauses giving examples: a run whose items open with a bare 如 (如主题自身的内涵，如主题的背景，如…) lists cases of
   * what was said before. (A run after 例如， may still be one: 例如，一些部门在解决问题时…；在办理…时…；在面对…时….)
   */
  const examplesRun = (prose: string, run: ClauseRun): boolean => {
    return run.items.every((x) => BARE_EXAMPLE.test(prose.slice(x.start, x.start + 3)));
  };
  /**
   * Clauses each holding a number in digits state data, records or a template (化学需氧量占全国的43%、总氮量占全国的
   * 57%…; 2014国考…，2013国考…; 当问题1发生时……+当问题2发生时……), not a 排比 — unless each opens with a verb of its
   * own (创造了我国60%以上的GDP，缴纳了50%以上的税收，提供了80%以上的就业岗位: deeds listed in parallel).
   */
  const figuresRun = (pi: number, run: ClauseRun): boolean => {
    const prose = norm(pi);
    if (!run.items.every((x) => /[0-9０-９]/.test(prose.slice(x.start, x.end)))) {
      return false;
    }
    const tokens = tokensOf(paragraphs[pi]!);
    // The first item may carry a lead-in (民企创造了…): the others open the clauses.
    return !run.items.slice(1).every((x) => /^v/.test(tagOf?.(leadWords(tokens, x.start, x.end)[0] ?? '') ?? ''));
  };
  /**
   * Noun phrases graded by 更 (拿出更大的诚意、更敬畏的态度、更强的责任感; 提供更优质的生活、更高档的生活质量…): the
   * objects of one verb listed, not clauses in parallel (更加智能、更加绿色 still are, and so are items sharing
   * more than 更: 以更大的决心、更大的勇气、更大的毅力).
   */
  const comparedObjects = (prose: string, run: ClauseRun): boolean =>
    /^更加?\{X\}$/.test(run.template) &&
    run.items.slice(1).every((it) => /^[和及与以]?更加?[^，,、；;。：:的]{1,5}的[^，,、；;。：:的]{1,8}[，,、；;。：:]?$/u.test(prose.slice(it.start, it.end).trim()));
  /**
   * A verb shared inside clauses that each open with a verb of their own is the thing acted on (加强就业培训，落实就业
   * 政策，转变就业观念; 完善支持政策，创新支持方式): measures listed, as with a noun inside. A modal or relation inside
   * (百姓才能乐业，社会才能稳定; 主体在于…，要害在于…) opens no clause and still frames.
   */
  const actedOn = (pi: number, run: ClauseRun): boolean => {
    const inner = /^\{X\}([^{}]{2,})\{Y\}$/.exec(run.template)?.[1];
    if (inner === undefined || !tagOf || !/^vn?$/.test(tagOf(inner) ?? '') || /[能要会可应须在是]/.test(inner)) {
      return false;
    }
    const tokens = tokensOf(paragraphs[pi]!);
    return run.items.slice(1).every((x) => {
      const first = leadWords(tokens, x.start, x.end)[0] ?? '';
      return first !== inner && /^[va]/.test(tagOf(first) ?? '');
    });
  };
  /** Short lists (clauses.ts), judged as recaps once every paragraph series is known (4f). */
  const shortRuns: Array<{ pi: number; run: ClauseRun }> = [];
  paragraphs.forEach((p, pi) => {
    if (p.heading) {
      return;
    }
    const f = facts[pi]!;
    for (const run of (f.clauseRuns ??= clauseRunsOf(f.norm, tokensOf(p), tagOf))) {
      if (run.items.filter((x) => near(p.start + x.start)).length >= 2) {
        continue;
      }
      if (examplesRun(f.norm, run) || figuresRun(pi, run) || comparedObjects(f.norm, run) || actedOn(pi, run)) {
        continue;
      }
      if (run.short) {
        shortRuns.push({ pi, run });
      } else {
        series.push(clauseSeries(pi, run));
      }
    }
  });

  // 4e. Paragraph series the lead alignment misses: anaphora, short topic sentences sharing a word or one
  // shape (paragraph-frames.ts), and 一方面… / 另一方面… opening a paragraph. They carry no frame template:
  // the rules judging items by their frame (frame-mismatch, item-balance) and completion leave them alone.
  const inParagraphSeries = new Set(series.filter((x) => x.level === 'paragraph').flatMap((x) => x.items.map((it) => it.paragraph)));
  const paragraphItem = (k: number, words: string[]): SeriesItem => {
    const p = paragraphs[k]!;
    const from = firstContent(p.prose);
    const leadEnd = sentenceEnd(p.prose, from);
    return { paragraph: k, start: p.start, end: p.end, leadStart: p.start + from, leadEnd: p.start + leadEnd, lead: p.text.slice(from, leadEnd), frameHits: words.length };
  };
  const eligible = (pi: number): boolean => !paragraphs[pi]!.heading && !ordinalParagraphs.has(pi) && !titleLike(pi) && !inParagraphSeries.has(pi);
  // A paragraph's lead depends on the paragraph and its eligibility alone: kept per paragraph (so that
  // paragraphRunsOf meets the same objects again after an edit, and keeps what it derives from them).
  const paragraphLeads = paragraphs.map((p, pi) => {
    const ok = eligible(pi);
    return memo(p, ok ? 'structure/paragraph-lead:1' : 'structure/paragraph-lead:0', () => {
      const from = firstContent(p.prose);
      return new KeptLead(ok, facts[pi]!.norm.slice(from), sentenceEnd(p.prose, from) - from, ok ? leadOf(pi) : NO_LEAD);
    });
  });
  for (const run of paragraphRunsOf(paragraphLeads)) {
    // A count in the paragraph before that points at what follows (应从以下三个方面…。 / 完成以下三步：), not
    // a title's (从四个方面加强食品安全监管): these runs may hold part of a longer series.
    const first = run.members[0]!;
    const before = first > 0 && !paragraphs[first - 1]!.heading && !titleLike(first - 1) ? findAnnouncement(norm(first - 1), paragraphs[first - 1]!.start, 0, norm(first - 1).length) : null;
    let pointing = false;
    if (before) {
      const text = norm(first - 1);
      const rel = before.start - paragraphs[first - 1]!.start;
      pointing = /(?:以下|如下|下面|下列)$/.test(text.slice(Math.max(0, rel - 6), rel).replace(/[的这几]+$/, '')) || /[：:]\s*$/.test(text.slice(rel));
    }
    series.push({ kind: 'frame', level: 'paragraph', items: run.members.map((k) => paragraphItem(k, run.words)), frameWords: [...run.words], announced: pointing ? before : null });
    run.members.forEach((k) => inParagraphSeries.add(k));
  }
  paragraphs.forEach((p, pi) => {
    if (!eligible(pi) || !facts[pi]!.norm.startsWith('另一方面', firstContent(p.prose))) {
      return;
    }
    // 一方面 opening, or after a mark in, one of the two paragraphs before.
    for (let k = pi - 1; k >= Math.max(0, pi - 2); k--) {
      const q = paragraphs[k]!;
      const m = /(?:^|[，,：:。；\s])(一方面)/.exec(facts[k]!.norm);
      if (!m || q.heading) {
        continue;
      }
      const at = m.index + m[0].length - m[1]!.length;
      const leadEnd = sentenceEnd(q.prose, at);
      const first: SeriesItem = { paragraph: k, start: q.start + at, end: q.end, leadStart: q.start + at, leadEnd: q.start + leadEnd, lead: q.text.slice(at, leadEnd) };
      series.push({ kind: 'frame', level: 'paragraph', items: [first, paragraphItem(pi, [])], frameWords: [], announced: null });
      break;
    }
  });

  // 4f. A short list (clauses.ts) is kept only as a recap: in the closing paragraph, one item for each item of a
  // paragraph series before it (the sections summed up), most items echoing the leads of that series by a
  // pair of characters besides the frame (服务更便民 / 秩序更规范 / 决策更科学 after 利用互联网，让服务更便民。…).
  const closing = paragraphs.reduce((last, p, pi) => (!p.heading && hasHan(p.prose) ? pi : last), -1);
  const echoes = (text: string, leads: string, frame: readonly string[]): boolean => {
    for (let i = 0; i + 2 <= text.length; i++) {
      const pair = text.slice(i, i + 2);
      if (hasHan(pair[0]!) && hasHan(pair[1]!) && !frame.some((w) => w.includes(pair)) && leads.includes(pair)) {
        return true;
      }
    }
    return false;
  };
  const recap = (pi: number, run: ClauseRun): boolean =>
    pi === closing &&
    series.some((x) => {
      if (x.level !== 'paragraph' || x.items.length !== run.items.length || !x.items.every((it) => it.paragraph < pi)) {
        return false;
      }
      const leads = x.items.map((it) => facts[it.paragraph]!.norm.slice(it.leadStart - paragraphs[it.paragraph]!.start, it.leadEnd - paragraphs[it.paragraph]!.start)).join('|');
      const norm = facts[pi]!.norm;
      return run.items.filter((it) => echoes(norm.slice(it.start, it.end), leads, run.words)).length * 2 > run.items.length;
    });
  const announcedLists: AnnouncedList[] = [];
  for (const { pi, run } of shortRuns) {
    if (recap(pi, run)) {
      series.push(clauseSeries(pi, run));
    } else {
      const listed = clauseSeries(pi, run);
      if (listed.announced) {
        announcedLists.push({ announced: listed.announced, items: listed.items });
      }
    }
  }

  // 5. Items of ordinal series that drop the frame their siblings share (leave-one-out frames).
  for (const s of series) {
    if (s.kind !== 'ordinal' || s.items.length < 3 || s.items.length > MAX_LEAVE_ONE_OUT) {
      continue;
    }
    const leadsOf = s.items.map((it) => {
      const p = paragraphs[it.paragraph]!;
      return leadBetween(it.paragraph, it.marker!.end - p.start, it.leadEnd - p.start);
    });
    if (s.frame) {
      s.items.forEach((it, k) => (it.frameHits = hits(s.frameWords, leadsOf[k]!).count));
      continue;
    }
    // The ordinal is the series' frame; a lexical frame that all items but one share counts only when it
    // is substantial (three words or more) and the odd item keeps less than half of it.
    for (let out = 0; out < s.items.length; out++) {
      const others = leadsOf.filter((_, k) => k !== out);
      const f = frameOf(others);
      const han = f ? f.words.filter((w) => hasHan(w)).length : 0;
      if (f && han >= 3 && hits(f.words, leadsOf[out]!).count * 2 < han) {
        s.frame = f.template;
        s.frameWords = f.words;
        s.items.forEach((it, k) => (it.frameHits = hits(f.words, leadsOf[k]!).count));
        break;
      }
    }
  }

  const inSeries = new Set(series.flatMap((x) => x.items.map((it) => `${it.marker?.start ?? -1}`)));
  const orphans = orphanCandidates.filter((o) => o.m.n === 1 && !inSeries.has(`${o.m.start}`) && !attached.has(o.m.start)).map((o) => o.m);
  for (const x of series) {
    if (x.kind === 'ordinal' && x.items.length === 1 && x.items[0]!.marker && x.items[0]!.marker.n === 1) {
      orphans.push(x.items[0]!.marker);
    }
  }
  orphans.sort((a, b) => a.start - b.start);

  series.sort((a, b) => a.items[0]!.start - b.items[0]!.start || (a.level === 'paragraph' ? -1 : 1));
  // One count announces one series: the nearest after it (三个方面：一是…，二是…，三是… in the sentence itself,
  // not the （一）（二） sections that follow the paragraph).
  const announcedBy = new Map<number, Series>();
  for (const x of series) {
    if (x.announced && x.items.length >= 2) {
      const other = announcedBy.get(x.announced.start);
      if (!other || x.items[0]!.start < other.items[0]!.start) {
        announcedBy.set(x.announced.start, x);
      }
    }
  }
  paragraphs.forEach((p, pi) => {
    if (!p.heading) {
      for (const l of listedCountsAt(pi)) {
        if (!announcedLists.some((x) => x.announced.start === l.announced.start)) {
          announcedLists.push({ announced: l.announced, items: l.items.map((it) => ({ ...it, paragraph: pi })) });
        }
      }
    }
  });
  // A list in the count's own sentence is nearer than any series after it.
  const listed = new Set(announcedLists.map((l) => l.announced.start));
  for (const x of series) {
    if (x.announced && (announcedBy.get(x.announced.start) !== x || listed.has(x.announced.start))) {
      x.announced = null;
    }
  }
  return { sections: detectSections(paragraphs, series), series: series.filter((x) => x.items.length >= 2), orphans, announcedLists };
}

function firstContent(prose: string): number {
  let i = 0;
  while (i < prose.length && /[\s\u3000\uE000]/.test(prose[i]!)) {
    i++;
  }
  return i;
}

/** Sections: Markdown headings, else the heading-like items of the top paragraph-level ordinal series. */
function detectSections(paragraphs: readonly Paragraph[], series: readonly Series[]): Section[] {
  const heads: Array<{ pi: number; level: number }> = [];
  paragraphs.forEach((p, pi) => {
    if (p.heading) {
      heads.push({ pi, level: /^\s*(#+)/.exec(p.text)?.[1]?.length ?? 1 });
    }
  });
  if (heads.length === 0) {
    const top = series
      .filter((s) => s.level === 'paragraph' && s.kind === 'ordinal' && s.items.length >= 2)
      .filter((s) => s.items.every((it) => paragraphs[it.paragraph]!.prose.trim().length <= 40))
      .sort((a, b) => FAMILY_RANK[a.family!] - FAMILY_RANK[b.family!])[0];
    if (top) {
      const rank = FAMILY_RANK[top.family!];
      for (const s of series) {
        if (s.level === 'paragraph' && s.kind === 'ordinal' && s.family !== undefined && FAMILY_RANK[s.family] === rank) {
          s.items.forEach((it) => heads.push({ pi: it.paragraph, level: 2 }));
        }
      }
      heads.sort((a, b) => a.pi - b.pi);
    }
  }
  return heads.map((h, k) => {
    const p = paragraphs[h.pi]!;
    let endPi = paragraphs.length - 1;
    for (let j = k + 1; j < heads.length; j++) {
      if (heads[j]!.level <= h.level) {
        endPi = heads[j]!.pi - 1;
        break;
      }
    }
    return {
      title: p.text.replace(/^\s*#+\s*/, '').trim(),
      level: h.level,
      headingStart: p.start,
      headingEnd: p.end,
      start: p.start,
      end: paragraphs[Math.max(endPi, h.pi)]!.end,
    };
  });
}
