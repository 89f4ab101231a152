/**
 * Dropped frame words in clause-level 排比 (used by structure/frame-mismatch): a clause of a sentence that has
 * the shape its neighbours share minus one piece of their frame.
 *
 * ✗ 尊重、顺应自然、保护自然 (自然 dropped)   ✗ 懂，敬规则，守规则   ✗ 以科学立法前提，以严格执法为保证，以全民守法为基础
 * ✗ 看遍良田万顷，遍湖水万丈，看遍夕阳一方   ✓ 尊重自然、顺应自然、保护自然   ✓ 北京、上海、广州
 *
 * The outline's clause series are found by shared characters, so an item that lost its frame is not one of
 * theirs (two items are left, which make no series). Here every clause of a sentence (clauses parted by 、，；)
 * is held against two neighbours (before it, after it, or one on each side): the neighbours' frame is the
 * characters they share in order; the clause must hold all of it but one run of one to four characters, found
 * inside a part of the frame that the neighbours hold side by side, with the clause's length that of the
 * neighbours less the run. A clause that holds nothing of the frame (尊重 against 顺应自然、保护自然) must be one
 * slot, tagged as the neighbours' slots are. The first clause of a sentence may open with words of its own
 * (我们要尊重、…): its last (frame at the end) or first characters are compared then.
 *
 * A sentence of parts parted by ； with as many clauses each (中国要强，农业必须强；中国富，…；中国要美，…) also
 * holds each clause against the clauses at its place in the parts around it.
 *
 * Everything works on one paragraph's prose and tokens, offsets relative to the paragraph.
 */
import { splitClauses } from '../../structure/clauses';
import type { Token } from '../../types';

/** Part-of-speech tag of a dictionary word, undefined when unknown. */
export type TagOf = (word: string) => string | undefined;

/** A clause that dropped a piece of its neighbours' frame. */
export interface ClauseDrop {
  /** The clause (relative to the paragraph). */
  start: number;
  end: number;
  /** The dropped characters. */
  word: string;
  /** The neighbours' frame as a template ({X}自然). */
  frame: string;
  /** The neighbours (relative spans). */
  siblings: Array<{ start: number; end: number }>;
}

/** Marks that part clauses of one sentence. */
const CLAUSE_MARKS: ReadonlySet<string> = new Set([...'，、；,;。！？!?：:\n\r\t']);
/** Marks that keep a sentence going. */
const INNER_MARKS: ReadonlySet<string> = new Set([...'，、；,;']);
const HAN_RUN = /^\p{Script=Han}+$/u;
/** Characters whose absence breaks no frame (文化创新 for 文化的创新). */
const PARTICLES: ReadonlySet<string> = new Set([...'的地得了着之与和及并而也都就']);

/** Particles that open no clause: an item opening with one lost the word before it. */
const NO_OPENING: ReadonlySet<string> = new Set([...'着了的地得之']);

/** Connectives that may open one item of a 排比 and not the others (…，也可以…，更可以…): compared without. */
const CONNECTIVES: ReadonlySet<string> = new Set(['更', '也', '还', '又', '并', '且', '而且', '并且', '甚至', '乃至', '更不能', '也不能', '更要', '也要', '还要', '同时', '以及']);

/** One-character openings any phrase may follow: copulas, prepositions, modals (是…, 在…, 要…). */
const LIGHT_OPENINGS: ReadonlySet<string> = new Set([...'是为在有要把被让使对从以与和向将会能可']);

/** Single characters that hold a frame inside its items (以{X}为{Y}): their absence breaks it. */
const GLUE: ReadonlySet<string> = new Set([...'为是于']);

/** The frame siblings share: their common opening and ending, and glue characters at one place from their end. */
interface Frame {
  prefix: string;
  suffix: string;
  /** Glue characters and their distance from the siblings' end (为 of 以{X}为{Y}: 3). */
  glue: Array<{ c: string; fromEnd: number }>;
}

function frameOf(texts: readonly string[]): Frame {
  const first = texts[0]!;
  const shortest = Math.min(...texts.map((t) => t.length));
  let p = 0;
  while (p < shortest && texts.every((t) => t[p] === first[p])) {
    p++;
  }
  let q = 0;
  while (q < shortest - p && texts.every((t) => t[t.length - 1 - q] === first[first.length - 1 - q])) {
    q++;
  }
  const glue: Frame['glue'] = [];
  for (let d = q + 2; d <= shortest - p - 1; d++) {
    const c = first[first.length - d]!;
    if (GLUE.has(c) && texts.every((t) => t[t.length - d] === c)) {
      glue.push({ c, fromEnd: d });
    }
  }
  return { prefix: first.slice(0, p), suffix: first.slice(first.length - q), glue };
}

/** Characters that close no clause: a clause ending on one stops inside a phrase (…社会进步的，; …精神文明为，). */
const DANGLING: ReadonlySet<string> = new Set([...'的之为于']);

/**
 * What a clause lost of the ending its siblings share when it stops right after a character of that ending that
 * closes no clause (是社会进步的 against 是经济基础的标准，是…利益的标准: 标准; 不能以牺牲精神文明为 against …为代价:
 * 代价): the rest of the ending, Han characters besides particles that the clause holds nowhere, its length then
 * within the siblings'. A clause that opens a run (`open`) may have words of its own before: only the upper bound,
 * measured from the siblings' opening when it holds it.
 */
function danglingEnd(f: Frame, text: string, shortest: number, longest: number, open: boolean): string | undefined {
  for (let i = 1; i < f.suffix.length; i++) {
    const head = f.suffix.slice(0, i);
    const rest = f.suffix.slice(i);
    // Before its siblings a clause ending on 的 is as often a subject made of it (父母所需要的，并不仅仅是物质上的孝，
    // 更重要的是精神层面的孝): only glue (为, 于) there.
    const last = head[i - 1]!;
    if (!DANGLING.has(last) || (open && !GLUE.has(last)) || !text.endsWith(head) || !HAN_RUN.test(rest) || [...rest].every((c) => PARTICLES.has(c)) || text.includes(rest)) {
      continue;
    }
    // A clause opening a run is measured from the siblings' opening, when it holds it (我们的发展不能以…).
    const from = open && f.prefix.length > 0 ? text.lastIndexOf(f.prefix) : 0;
    const len = text.length - Math.max(0, from) + rest.length;
    return len <= longest + 1 && (open || len >= shortest - 1) ? rest : undefined;
  }
  return undefined;
}

/** The words of `tokens` inside [start, end), as written. */
function wordsIn(tokens: readonly Token[], start: number, end: number): Token[] {
  return tokens.filter((t) => t.start >= start && t.end <= end && HAN_RUN.test(t.text));
}

/** The class of a word's tag: predicates (verbs and adjectives: jieba tags 尊重 as one), nouns, or others. */
function tagClass(tagOf: TagOf | undefined, word: string): string | undefined {
  const c = tagOf?.(word)?.[0];
  return c === 'a' ? 'v' : c;
}

interface Piece {
  text: string;
  start: number;
}

/**
 * Says whether the clauses two places from the item that are not its siblings lost the frame the same way
 * (opening with `kept` but not with `prefix`, or lacking `suffix`): then the sentence alternates two kinds of
 * clause (不是口号，是行动；不是目标，是要求; 看到的是…，看不到的是…；看到的是…), it did not drop a word.
 */
export type Alternates = (test: (clause: string) => boolean) => boolean;

/**
 * What `odd` lost of the frame its `siblings` share (see the header), with the frame as a template. `lead`
 * says the clause opens its sentence and may begin with words of its own.
 */
function droppedRun(siblings: readonly Piece[], odd: Piece, lead: 'sentence' | 'run' | undefined, middle: boolean, alternates: Alternates, tokens: readonly Token[], tagOf: TagOf | undefined, bare?: 'ending' | 'opening', listed = false): { word: string; frame: string } | undefined {
  const texts = siblings.map((s) => s.text);
  const lengths = texts.map((t) => t.length);
  const shortest = Math.min(...lengths);
  const longest = Math.max(...lengths);
  // Parallel clauses: short, and of lengths alike.
  if (longest > 24 || shortest < 2 || longest > shortest * 1.6 + 1) {
    return undefined;
  }
  const whole = frameOf(texts);
  const dangling = bare === undefined ? danglingEnd(whole, odd.text, shortest, longest, lead !== undefined) : undefined;
  if (dangling !== undefined && !alternates((x) => x.endsWith(whole.suffix.slice(0, whole.suffix.length - dangling.length)) && !x.endsWith(whole.suffix))) {
    return { word: dangling, frame: `${whole.prefix}{X}${whole.suffix}` };
  }
  // With `bare` 'ending', a one-character ending the siblings share by chance (合力, 威慑力) is taken for part of
  // their slots: 没有良好的长效机制 against 没有形成强大的合力，没有形成较强的威慑力 lost 形成, not 力. Only
  // for a clause before or between its siblings: one after them that keeps none of their ending as often
  // opens what follows (放在…上、放在…上，在精准施策上出实招、在精准推进上下实功). With 'opening', the siblings'
  // opening is cut to what the item shares of it, one character or more, the rest taken for part of their
  // slots (在人民大众当中，在社会生活，在人民的实践当中: 在, not 在人民; 当中 dropped).
  let f: Frame = whole;
  if (bare === 'ending') {
    if (whole.suffix.length !== 1) {
      return undefined;
    }
    f = { prefix: whole.prefix, suffix: '', glue: [] };
  } else if (bare === 'opening') {
    let n = 0;
    while (n < whole.prefix.length && odd.text[n] === whole.prefix[n]) {
      n++;
    }
    if (n === 0 || n === whole.prefix.length || whole.suffix.length < 2 || odd.text.endsWith(whole.suffix)) {
      return undefined;
    }
    f = { prefix: whole.prefix.slice(0, n), suffix: whole.suffix, glue: [] };
  }
  const { prefix, suffix } = f;
  const fixed = prefix.length + suffix.length;
  // A frame of two characters or more, besides glue; slots between them.
  if (fixed + Math.min(1, f.glue.length) < 2 || fixed >= shortest || ![...prefix + suffix].some((c) => HAN_RUN.test(c) && !PARTICLES.has(c))) {
    return undefined;
  }
  const frame = `${prefix}{X}${f.glue.length > 0 ? `${f.glue[0]!.c}{Y}` : ''}${suffix}`;
  const starts = new Set(tokens.map((t) => t.start));
  const tagged = (word: string, slots: string[]): boolean => {
    const tag = tagClass(tagOf, word);
    return tag !== undefined && slots.every((w) => tagClass(tagOf, w) === tag);
  };
  /** The word opening [start, end) of the paragraph, by the tokens. */
  const firstWord = (start: number, end: number): string | undefined => wordsIn(tokens, start, end)[0]?.text;
  const fits = (len: number): boolean => len >= shortest - 1 && len <= longest + 1;
  // The siblings' slots: what they hold besides the opening and the ending.
  const slotLengths = texts.map((x) => x.length - fixed);
  const slotMin = Math.min(...slotLengths);
  const slotMax = Math.max(...slotLengths);
  const w = judge(odd, undefined);
  if (w !== undefined) {
    return { word: w, frame };
  }
  if (lead !== undefined) {
    // The clause may open with words of its own (我们要尊重、…; 要以科学立法前提，…; 能够讲、懂规矩、守规矩): its
    // ends of a sibling's length, less up to four characters, each from the start of a word, are held against
    // the frame; after words of the sentence's own (能够讲) only for an ending dropped.
    for (let n = Math.max(1, shortest - 4); n <= longest + 1 && n < odd.text.length; n++) {
      const at = odd.start + odd.text.length - n;
      if (starts.has(at)) {
        // Words of the sentence's own end where the siblings' opening starts (就必须以科学立法前提 against 以…为…):
        // the rest is held against the whole frame, as at the sentence's start.
        const end = odd.text.slice(odd.text.length - n);
        const d = judge({ text: end, start: at }, lead === 'sentence' || (prefix.length > 0 && end.startsWith(prefix) && f.glue.length > 0) ? 'any' : 'ending');
        if (d !== undefined) {
          return { word: d, frame };
        }
      }
    }
  }
  return undefined;

  function judge(c: Piece, tail: 'any' | 'ending' | undefined): string | undefined {
    const d = judgeRun(c, tail);
    // A word the clause holds elsewhere (城市建设关系到… after words of its own) is not dropped.
    return d !== undefined && !odd.text.includes(d) ? d : undefined;
  }

  function judgeRun(c: Piece, tail: 'any' | 'ending' | undefined): string | undefined {
    const t = c.text;
    const hasPrefix = t.startsWith(prefix);
    const hasSuffix = t.endsWith(suffix);
    if (tail === 'ending' && (hasSuffix || suffix.length === 0 || prefix.length > 0)) {
      return undefined;
    }
    if (hasPrefix && hasSuffix) {
      // Frame kept: a glue character missing (以基层重点 against 以{X}为{Y}).
      const g = f.glue[0];
      if (!g || f.glue.length > 1 || prefix.length === 0 || !fits(t.length + 1) || t.slice(prefix.length).includes(g.c)) {
        return undefined;
      }
      // The slot after the glue as long as the siblings' there, so the glue's place is clear.
      return t.length - suffix.length - prefix.length > g.fromEnd - suffix.length ? g.c : undefined;
    }
    if (hasPrefix === hasSuffix) {
      return undefined;
    }
    if (!hasPrefix && tail === undefined && prefix.length >= 2) {
      // The item opens with a particle no clause opens with, which the siblings' opening holds after one to four
      // characters (着全面建设… against 关系着…，关系着…; 的项目… against 创业的氛围…，创业的机会…): those were dropped,
      // whatever the item's length.
      const i = prefix.indexOf(t[0]!);
      const word = i > 0 ? prefix.slice(0, i) : '';
      if (NO_OPENING.has(t[0]!) && i <= 4 && HAN_RUN.test(word) && ![...word].some((ch) => PARTICLES.has(ch)) && t.startsWith(prefix.slice(i)) && !t.includes(word)) {
        return alternates((x) => x.startsWith(prefix.slice(i))) ? undefined : word;
      }
    }
    if (!hasPrefix) {
      // Part of the opening dropped: the item opens with the opening less one to four characters (u + v of
      // u + w + v), at a word's edge, and its slot is as long as the siblings' (着力提升… against 着力提高…
      // changed a word of the opening: its slot is longer by it).
      const slot = t.length - (hasSuffix ? suffix.length : 0);
      for (let from = 0; from < prefix.length && tail === undefined; from++) {
        for (let to = from + 1; to <= Math.min(prefix.length, from + 4); to++) {
          const word = prefix.slice(from, to);
          const u = prefix.slice(0, from);
          const v = prefix.slice(to);
          const rest = u + v;
          // The last item of a list may be longer than the others (宣传好人好事、宣传惠民政策、改革开放的成就).
          const long = listed && rest.length === 0 && t.length + word.length <= 2 * longest;
          if (!HAN_RUN.test(word) || PARTICLES.has(word) || !t.startsWith(rest) || t.includes(word) || !(fits(t.length + word.length) || long)) {
            continue;
          }
          if (alternates((x) => x.startsWith(rest) && !x.startsWith(prefix))) {
            // All of the opening dropped reads as another kind of clause here; a part of it may still be the drop
            // (回到家乡，看遍良田万顷，看湖水万丈，看遍夕阳一方，心中…: not 看遍, 遍).
            if (rest.length === 0) {
              continue;
            }
            return undefined;
          }
          if (rest.length > 0) {
            // What is kept says where the word was: two characters or more before it (认识斑马线… against
            // 认识到…), or after it something besides particles (遍湖水万丈 against 看遍…).
            // Or the item opens with a particle no clause opens with (着全面建设… against 关系着…): the word stood
            // right before it.
            const own = slot - rest.length;
            // One character before it places the word too when the slots are of one length and the item's is that
            // length (看遍良田万顷，看湖水万丈，看遍夕阳一方): nothing took the word's place. Not after a copula or a
            // preposition, which any phrase may follow (是促进…根基；是与人和谐的初始一步；更是促进…).
            const exact = u.length === 1 && !LIGHT_OPENINGS.has(u) && slotMin === slotMax && own === slotMin && slotMin >= 2;
            const placed = v.length === 0 ? u.length >= 2 || exact : [...v].some((ch) => HAN_RUN.test(ch) && !PARTICLES.has(ch)) || (u.length === 0 && NO_OPENING.has(v[0]!));
            // A word of two characters or more may leave a slot up to one longer (没有良好的长效机制 against 没有形成
            // 强大的合力); one character no longer (着力提升… against 着力提高…: the character changed, not dropped).
            // A slot one longer is the word's when what follows it is not of its kind (方能顺应… against 方能实现…:
            // a verb for a verb, changed rather than dropped).
            const next = wordsIn(tokens, c.start + rest.length, c.start + t.length)[0]?.text;
            const kind = (w: string): string | undefined => tagOf?.(w)?.[0];
            const unlike = next !== undefined && kind(next) !== undefined && [next, next.slice(0, 2)].every((w) => kind(w) !== kind(word));
            const longer = word.length >= 2 && unlike ? 1 : 0;
            // A word of the dropped one's kind in its place (有利于破解… against 有利于提高…) replaced it. Only where
            // the word closed the opening: one dropped before the rest of it (爱心是阳光；是雨水) has nothing in its place.
            const replaced = v.length === 0 && word.length >= 2 && next !== undefined && kind(word) !== undefined && kind(next) === kind(word);
            if (placed && !replaced && slotMax - slotMin <= 1 && own >= slotMin - 1 && own <= slotMax + longer && starts.has(c.start + rest.length)) {
              return word;
            }
            continue;
          }
          // All of it: only between two siblings (a clause before or after two that open alike is as often a
          // lead-in or a conclusion: 在前行的道路上，让…，选择…，选择…), what they have after it, opening with a word
          // tagged as theirs, of their slots' length.
          const first = firstWord(c.start, c.start + t.length);
          const slots = siblings.map((s) => firstWord(s.start + prefix.length, s.start + s.text.length) ?? '');
          // After its siblings, one word where each has one word of that length (尊重人才、尊重知识、创新).
          const oneWord = lead === undefined && first === t && siblings.every((s, k) => slots[k] === s.text.slice(prefix.length) && slots[k]!.length === t.length);
          // Closing a list after its siblings (the same mark after each), opening with a noun where they open with
          // a verb (宣传好人好事、宣传惠民政策、改革开放的成就): the verb is missing. A verb there is another item
          // (加强…、加强…、完善…); the tagger's classes of the slots are too loose to be compared here.
          // Likewise between two siblings inside one 、-list (宣传好人好事、惠民政策、宣传改革开放的成就), whatever the
          // lengths of their objects.
          const afterList = listed && lead === undefined && first !== undefined && tagClass(tagOf, word) === 'v' && tagClass(tagOf, first) === 'n';
          if ((middle || oneWord || afterList) && prefix.length >= 2 && (slotMax - slotMin <= 2 || (afterList && middle)) && slot >= slotMin - 1 && (slot <= slotMax + 1 || (afterList && slot <= 2 * slotMax)) && first !== undefined && t.startsWith(first) && (afterList || tagged(first, slots))) {
            return word;
          }
        }
      }
      return undefined;
    }
    // The glue character opening the ending dropped (以牺牲人的生命代价 against 以牺牲生态环境为代价): the rest of
    // the ending and the opening kept, a slot of the siblings' length.
    const glued = suffix[0]!;
    if (tail === undefined && prefix.length > 0 && suffix.length >= 3 && GLUE.has(glued) && t.endsWith(suffix.slice(1)) && !t.slice(prefix.length).includes(glued)) {
      const slot = t.length - prefix.length - suffix.length + 1;
      return slot > 0 && slot >= slotMin && slot <= slotMax && !alternates((x) => !x.endsWith(suffix)) ? glued : undefined;
    }
    // All of the ending dropped (a part of it left is rather a kind: 背景分析 against 必要性分析; 有机食品
    // against 转基因食品安全标准).
    const word = suffix;
    if (word.length > 4 || !HAN_RUN.test(word) || t.includes(word) || !fits(t.length + word.length) || alternates((x) => !x.endsWith(suffix))) {
      return undefined;
    }
    if (prefix.length > 0) {
      // The item keeps the siblings' opening (从当下 against 从小事做起，从身边做起): its slot as long as theirs.
      const slot = t.length - prefix.length;
      return tail === undefined && suffix.length >= 2 && slotMax - slotMin <= 1 && slot > 0 && slot >= slotMin && slot <= slotMax ? word : undefined;
    }
    // Else the item is one word tagged as the siblings' slots, each one word (尊重 against 顺应自然、保护自然),
    // not one of theirs (权力是一种责任，权力越大，责任越大).
    // A slot is one word: one token, or a word of the dictionary the segmenter joined to the ending (守规矩).
    const oneWord = (start: number, text: string): boolean => {
      const ws = wordsIn(tokens, start, start + text.length);
      return (ws.length === 1 && ws[0]!.text === text) || tagOf?.(text) !== undefined;
    };
    const slots = siblings.map((s) => {
      const slot = s.text.slice(0, s.text.length - suffix.length);
      return oneWord(s.start, slot) ? slot : '';
    });
    // The verbs of a verb-object 排比 (尊重、顺应自然): the ending is no predicate, the slots are; a list of kinds
    // (网络游戏、手机游戏; 认真学习、积极学习) is not one.
    if (!oneWord(c.start, t) || slots.includes(t) || tagOf?.(suffix) === undefined || tagClass(tagOf, suffix) === 'v' || slots.some((x) => tagClass(tagOf, x) !== 'v')) {
      return undefined;
    }
    // A word the tagger does not know passes when it is as long as the siblings' slots (践行 against 敬畏、认同).
    const unknown = tagOf?.(t) === undefined && slots.every((x) => x.length === t.length);
    return tagged(t, slots) || unknown ? word : undefined;
  }
}

/**
 * What `odd` lost of a frame its two `siblings` share character for character at the same places, the siblings of
 * one length (以铜为镜可以正衣冠，以人为镜可以明得失 / 以史为镜知兴替: 可以, a piece of the frame inside the item, where
 * neither the opening nor the ending holds it). The item is the siblings' length less one to four characters, all
 * of them shared, next to another shared character; it has every other shared character at its place, three or
 * more of them Han besides particles, and the dropped characters nowhere. A clause around of the same shape
 * (alternating), a cut inside a word of the item's, or a word of the dropped one's kind in its place vetoes it.
 */
export function alignedDrop(siblings: readonly Piece[], odd: Piece, alternates: Alternates, tokens: readonly Token[], tagOf?: TagOf): { word: string; frame: string } | undefined {
  const [a, b] = siblings.map((x) => x.text) as [string, string];
  const n = a.length;
  const d = n - odd.text.length;
  if (b.length !== n || n < 4 || n > 16 || d < 1 || d > 4) {
    return undefined;
  }
  const shared = [...a].map((c, i) => c === b[i] && HAN_RUN.test(c));
  for (let i = 0; i + d <= n; i++) {
    if (!shared.slice(i, i + d).every(Boolean) || !(shared[i - 1] || shared[i + d])) {
      continue;
    }
    const word = a.slice(i, i + d);
    if ([...word].every((c) => PARTICLES.has(c)) || odd.text.includes(word)) {
      continue;
    }
    // The template less the word: each other shared character at its place in the item.
    const kept = shared.map((x, p) => x && (p < i || p >= i + d));
    const fits = (t: string): boolean => kept.every((x, p) => !x || t[p < i ? p : p - d] === a[p]);
    const keptHan = kept.filter((x, p) => x && !PARTICLES.has(a[p]!)).length;
    if (keptHan < 3 || !fits(odd.text)) {
      continue;
    }
    const at = odd.start + i;
    const next = tokens.find((t) => t.start === at);
    if (i < odd.text.length && next === undefined) {
      continue;
    }
    // A word of the dropped one's kind in its place replaced it (有利于破解资源瓶颈 against 有利于提高…).
    const kind = (w: string): string | undefined => tagOf?.(w)?.[0];
    if (next !== undefined && kind(word) !== undefined && [next.text, next.text.slice(0, 2)].some((w) => kind(w) === kind(word))) {
      continue;
    }
    if (alternates((x) => x.length === odd.text.length && fits(x))) {
      return undefined;
    }
    const frame = [...a].map((c, p) => (shared[p] ? c : '\u0000')).join('').replace(/\u0000+/gu, '{X}');
    return { word, frame };
  }
  return undefined;
}

/** Links between a clause's subject and its predicate that a 排比 repeats (文明才能更文明，乡愁才能得以寄托). */
const MID_LINKS: ReadonlySet<string> = new Set(['才能', '就是', '可以', '需要', '必须', '应该', '应当', '能够', '方能', '才会', '才']);

/**
 * The link `odd` dropped between its subject and its predicate: both siblings hold one link of MID_LINKS right after
 * subjects of one length (文明才能更文明，乡愁才能得以寄托), and the item has a subject of that length, then no link
 * (历史更悠久), a noun or pronoun opening it, a word starting after it, the link nowhere, and a length near the
 * siblings' less the link.
 */
export function droppedMidLink(siblings: readonly Piece[], odd: Piece, alternates: Alternates, tokens: readonly Token[], tagOf?: TagOf): { word: string; frame: string } | undefined {
  const [a, b] = siblings.map((x) => x.text) as [string, string];
  for (const word of MID_LINKS) {
    const i = a.indexOf(word);
    if (i < 2 || i > 6 || b.indexOf(word) !== i || a.indexOf(word, i + 1) >= 0 || b.indexOf(word, i + 1) >= 0) {
      continue;
    }
    const t = odd.text;
    const near = [a, b].every((x) => Math.abs(t.length - (x.length - word.length)) <= 2);
    if (t.includes(word) || !near || t.length <= i + 1 || !HAN_RUN.test(t.slice(0, i + 1)) || !tokens.some((x) => x.start === odd.start + i)) {
      continue;
    }
    // The item holds another link where the siblings have theirs (历史也更悠久, 历史将更悠久): a variation.
    const next = wordsIn(tokens, odd.start + i, odd.start + t.length)[0]?.text ?? '';
    if (MID_LINKS.has(next) || /^[要能会应须需得该将也还都就]/u.test(next)) {
      continue;
    }
    // A subject opens the item: a noun or a pronoun (获得长远的发展 after 企业才能打响品牌 is a predicate of its own).
    const subject = wordsIn(tokens, odd.start, odd.start + i)[0]?.text;
    const kind = subject === undefined ? undefined : tagOf?.(subject)?.[0];
    if (kind !== 'n' && kind !== 'r') {
      continue;
    }
    // A clause about as long without the link, around the item, is one of another kind alternating with it.
    if (alternates((x) => !x.includes(word) && Math.abs(x.length - t.length) <= 2)) {
      return undefined;
    }
    return { word, frame: `{X}${word}{Y}` };
  }
  return undefined;
}

/** The clauses of a paragraph's prose that dropped a piece of their neighbours' frame (see the header). */
export function clauseDrops(prose: string, tokens: readonly Token[], tagOf?: TagOf): ClauseDrop[] {
  const clauses = splitClauses(prose, CLAUSE_MARKS);
  // Sentences: runs of clauses parted by 、，；.
  const sentences: Array<typeof clauses> = [];
  let cur: typeof clauses = [];
  for (const c of clauses) {
    cur.push(c);
    if (!INNER_MARKS.has(c.mark)) {
      sentences.push(cur);
      cur = [];
    }
  }
  if (cur.length > 0) {
    sentences.push(cur);
  }
  const out: ClauseDrop[] = [];
  for (const sentence of sentences) {
    if (sentence.length < 3) {
      continue;
    }
    // A series quoted inside a clause (构筑“懂规则，敬规则，守规则”的氛围): its items are compared from the opening
    // quote and up to the closing one.
    const pieces: Piece[] = sentence.map((c) => {
      let text = c.core;
      let start = c.coreStart;
      const open = Math.max(text.lastIndexOf('“'), text.lastIndexOf('「'));
      if (open > 0) {
        start += open + 1;
        text = text.slice(open + 1);
      }
      const close = text.search(/[”」]/u);
      if (close > 0) {
        text = text.slice(0, close);
      }
      // A connective opening the clause (也可以…, 更不能以…) is left out of the comparison.
      const word = tokens.find((t) => t.start === start);
      if (word && CONNECTIVES.has(word.text) && text.length > word.text.length + 1) {
        return { text: text.slice(word.text.length), start: start + word.text.length };
      }
      // 更是, 也要: the segmenter joins the connective to the verb after it (not 还是, which is “or”).
      if (word && word.text.length === 2 && '更也又'.includes(word.text[0]!) && '是要能可会有在'.includes(word.text[1]!) && text.length > 3) {
        return { text: text.slice(1), start: start + 1 };
      }
      return { text, start };
    });
    // The parts of the sentence parted by ；: the clauses of each, and each clause's part.
    const units: number[][] = [[]];
    const unitOf: number[] = [];
    sentence.forEach((c, i) => {
      units[units.length - 1]!.push(i);
      unitOf.push(units.length - 1);
      if ((c.mark === '；' || c.mark === ';') && i + 1 < sentence.length) {
        units.push([]);
      }
    });
    pieces.forEach((odd, k) => {
      // A clause the list splitter cut before a conjunction (贴近自身思想和工作实际) is not a whole item; an item
      // holds two Han characters or more.
      let at = sentence[k]!.end;
      while (at < prose.length && /\s|\u3000/.test(prose[at]!)) {
        at++;
      }
      const next = prose[at];
      if ((next !== undefined && !CLAUSE_MARKS.has(next)) || (odd.text.match(/\p{Script=Han}/gu) ?? []).length < 1) {
        return;
      }
      const options: number[][] = [
        [k + 1, k + 2],
        [k - 2, k - 1],
        [k - 1, k + 1],
      ];
      // Parts of the sentence parted by ； that hold as many clauses each (中国要强，农业必须强；中国富，农民必须富；
      // 中国要美，农村必须美): the clause at the same place in the parts around.
      const u = unitOf[k]!;
      const same = (v: number): number | undefined => (units[v] !== undefined && units[v]!.length === units[u]!.length && units[u]!.length >= 2 ? units[v]![k - units[u]![0]!] : undefined);
      for (const [a, b] of [[u - 1, u + 1], [u + 1, u + 2], [u - 2, u - 1]] as const) {
        const x = same(a);
        const y = same(b);
        if (x !== undefined && y !== undefined) {
          options.push([x, y]);
        } else if (a === u - 1 && k === units[u]![0] && units[a] !== undefined && units[b] !== undefined) {
          // The clause opening its part, against the clauses opening the parts on either side, however many clauses
          // each holds (爱心是阳光，普照…；是雨水，滋润…，…；爱心是树叶，…): the anaphora of a 排比. Not a part after
          // them, as often a conclusion (…；爱心是树叶，…；爱心，亦是善).
          options.push([units[a]![0]!, units[b]![0]!]);
        }
      }
      for (const opt of options) {
        if (opt.some((i) => i < 0 || i >= pieces.length)) {
          continue;
        }
        const siblings = opt.map((i) => pieces[i]!);
        // A sibling opening the sentence may open with words of its own: it is compared from where the other's
        // opening appears in it.
        const trimmed = siblings.map((s, j) => {
          if (j !== 0) {
            return s;
          }
          // From where the other sibling's opening (two characters, else one when it opens the sentence) appears
          // in it: the first of a run may open with words of its own (让人们认识到…，认识到…).
          const other = siblings[1]!.text;
          // A sibling of the other's length opening as it does has no words of its own (以铜为镜可以…，以人为镜可以…:
          // not from the 以 of 可以).
          if (s.text.length === other.length && s.text[0] === other[0]) {
            return s;
          }
          let at = s.text.lastIndexOf(other.slice(0, 2));
          if (at <= 0 && opt[0] === 0) {
            at = s.text.lastIndexOf(other.slice(0, 1));
          }
          // Or a one-character opening that holds a frame (以 of 以{X}为{Y}) after words of the sentence's own
          // (就必须以科学立法为前提，以严格执法为保证…), what follows it as long as the other sibling, give or take one.
          if (at <= 0 && '以从在把'.includes(other[0]!)) {
            const one = s.text.lastIndexOf(other[0]!);
            at = one > 0 && Math.abs(s.text.length - one - other.length) <= 1 ? one : at;
          }
          return at > 0 ? { text: s.text.slice(at), start: s.start + at } : s;
        });
        // Only a clause between its siblings can be one of two kinds of clause that alternate; a short connective
        // opening the sentence is not one (有鉴于此，…需要…、公民保持理性、需要…).
        // Around an item of one or two characters (a bare slot), a clause of the other kind is about as long as it;
        // one much longer is no alternation (懂规则，敬，守规则”的治理堤坝，让法治成为习惯: what follows the run).
        const alike = (i: number): boolean => odd.text.length > 2 || Math.abs(pieces[i]!.text.length - odd.text.length) <= 2;
        // Inside a 、-list, an item opening with a noun where its siblings open with one verb (宣传好人好事、惠民政策、
        // 宣传…的成就，引导…): only clauses of the list alternate with it.
        const opening = wordsIn(tokens, odd.start, odd.start + odd.text.length)[0]?.text;
        const inList = opt[0] === k - 1 && opt[1] === k + 1 && sentence[k - 1]!.mark === '、' && sentence[k]!.mark === '、' && opening !== undefined && tagClass(tagOf, opening) === 'n';
        const listMember = (i: number): boolean => !inList || (i < k ? sentence[i]!.mark === '、' : sentence[i - 1]!.mark === '、');
        const around = opt[0]! < k && k < opt[1]! ? [k - 2, k + 2].filter((i) => i >= 0 && i < pieces.length && !(i === 0 && /^\p{Script=Han}{1,4}$/u.test(pieces[i]!.text)) && alike(i) && listMember(i)).map((i) => pieces[i]!.text) : [];
        const alternates: Alternates = (test) => around.some(test);
        const lead = k === 0 ? 'sentence' : opt[0]! > k ? 'run' : undefined;
        const middle = opt[0]! < k && k < opt[1]!;
        // The clause follows its two siblings in one list: the marks after them are the same.
        // The clause follows its two siblings in one 、-list and closes it (宣传…、宣传…、…的成就，): items of one
        // kind. After clauses parted by ， the clause after a run is as often a conclusion (增强…，增强…，汉字与汉语
        // 将承担…) or a comment (守信成本过高，守信激励不足，“老实人”吃亏…).
        const listed = (opt[0] === k - 2 && sentence[k - 2]!.mark === '、' && sentence[k - 1]!.mark === '、' && sentence[k]!.mark !== '、') || inList;
        const d =
          droppedRun(trimmed, odd, lead, middle, alternates, tokens, tagOf, undefined, listed) ??
          (lead === 'run' || middle ? (droppedRun(trimmed, odd, lead, middle, alternates, tokens, tagOf, 'ending') ?? droppedRun(trimmed, odd, lead, middle, alternates, tokens, tagOf, 'opening')) : undefined) ??
          (lead === undefined ? alignedDrop(trimmed, odd, alternates, tokens, tagOf) : undefined) ??
          (middle ? droppedMidLink(trimmed, odd, alternates, tokens, tagOf) : undefined);
        if (d) {
          out.push({ start: odd.start, end: odd.start + odd.text.length, word: d.word, frame: d.frame, siblings: siblings.map((s) => ({ start: s.start, end: s.start + s.text.length })) });
          return;
        }
      }
    });
  }
  return out;
}
