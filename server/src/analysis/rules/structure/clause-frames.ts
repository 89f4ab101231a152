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
 * What `odd` lost of the frame its `siblings` share (see the header), with the frame as a template. `lead`
 * says the clause opens its sentence and may begin with words of its own.
 */
function droppedRun(siblings: readonly Piece[], odd: Piece, lead: boolean, middle: ((prefix: string) => boolean) | undefined, tokens: readonly Token[], tagOf: TagOf | undefined): { word: string; frame: string } | undefined {
  const texts = siblings.map((s) => s.text);
  const lengths = texts.map((t) => t.length);
  const shortest = Math.min(...lengths);
  const longest = Math.max(...lengths);
  // Parallel clauses: short, and of lengths alike.
  if (longest > 24 || shortest < 2 || longest > shortest * 1.6 + 1) {
    return undefined;
  }
  const f = frameOf(texts);
  const { prefix, suffix } = f;
  const fixed = prefix.length + suffix.length;
  // A frame of two characters or more, besides glue; slots between them.
  if (fixed + Math.min(1, f.glue.length) < 2 || fixed >= shortest || ![...prefix + suffix].some((c) => HAN_RUN.test(c) && !PARTICLES.has(c))) {
    return undefined;
  }
  const frame = `${prefix}{X}${f.glue.length > 0 ? `${f.glue[0]!.c}{Y}` : ''}${suffix}`;
  const starts = new Set(tokens.map((t) => t.start));
  const ends = new Set(tokens.map((t) => t.end));
  const tagged = (word: string, slots: string[]): boolean => {
    const tag = tagClass(tagOf, word);
    return tag !== undefined && slots.every((w) => tagClass(tagOf, w) === tag);
  };
  /** The word opening (closing) [start, end) of the paragraph, by the tokens. */
  const wordAt = (start: number, end: number, last: boolean): string | undefined => {
    const ws = wordsIn(tokens, start, end);
    return (last ? ws[ws.length - 1] : ws[0])?.text;
  };
  const fits = (len: number): boolean => len >= shortest - 1 && len <= longest + 1;
  const candidates: Piece[] = [odd];
  if (lead) {
    // The clause may open with words of its own: try its ends of a sibling's length, less up to four
    // characters, each from the start of a word.
    for (let n = Math.max(1, shortest - 4); n <= longest + 1 && n < odd.text.length; n++) {
      const at = odd.start + odd.text.length - n;
      if (starts.has(at)) {
        candidates.push({ text: odd.text.slice(odd.text.length - n), start: at });
      }
    }
  }
  for (const cand of candidates) {
    const d = judge(cand);
    if (d) {
      return { word: d, frame };
    }
  }
  return undefined;

  function judge(c: Piece): string | undefined {
    const w = judgeRun(c);
    // A word the clause holds elsewhere (城市建设关系到… after words of its own) is not dropped.
    return w !== undefined && !odd.text.includes(w) ? w : undefined;
  }

  function judgeRun(c: Piece): string | undefined {
    const t = c.text;
    const hasPrefix = t.startsWith(prefix);
    const hasSuffix = t.endsWith(suffix);
    if (hasPrefix && hasSuffix) {
      // Frame kept: a glue character missing (以基层重点 against 以{X}为{Y}).
      const g = f.glue[0];
      if (!g || f.glue.length > 1 || !fits(t.length + 1) || t.slice(prefix.length).includes(g.c)) {
        return undefined;
      }
      // The slot after the glue as long as the siblings' there, so the glue's place is clear.
      return t.length - suffix.length - prefix.length > g.fromEnd - suffix.length ? g.c : undefined;
    }
    if (!hasPrefix && !hasSuffix) {
      return undefined;
    }
    if (!hasPrefix) {
      // Part of the opening dropped: the item opens with the opening less one to four characters (u + v of
      // u + w + v), at a word's edge.
      for (let from = 0; from < prefix.length; from++) {
        for (let to = from + 1; to <= Math.min(prefix.length, from + 4); to++) {
          const w = prefix.slice(from, to);
          const rest = prefix.slice(0, from) + prefix.slice(to);
          if (!HAN_RUN.test(w) || PARTICLES.has(w) || !t.startsWith(rest) || t.includes(w) || !fits(t.length + w.length)) {
            continue;
          }
          if (rest.length > 0) {
            if (starts.has(c.start + rest.length) || rest.length === t.length) {
              return w;
            }
            continue;
          }
          // All of it: the item is what the siblings have after it, opening with a word tagged as theirs.
          const first = wordAt(c.start, c.start + t.length, false);
          const slots = siblings.map((s) => wordAt(s.start + prefix.length, s.start + s.text.length, false) ?? '');
          if (middle?.(prefix) === true && prefix.length >= 2 && first !== undefined && t.startsWith(first) && tagged(first, slots)) {
            return w;
          }
        }
      }
      return undefined;
    }
    // Part of the ending dropped: only at its end (背景分析 against 必要性分析 keeps the head 分析: a kind,
    // not a drop), and all of it only when the item is one word tagged as the siblings' slots.
    for (let from = 0; from < suffix.length; from++) {
      const w = suffix.slice(from);
      const rest = suffix.slice(0, from);
      if (w.length > 4 || !HAN_RUN.test(w) || PARTICLES.has(w) || !t.endsWith(rest) || t.includes(w) || !fits(t.length + w.length)) {
        continue;
      }
      if (rest.length > 0) {
        return ends.has(c.start + t.length) ? w : undefined;
      }
      const words = wordsIn(tokens, c.start, c.start + t.length);
      // The siblings' slots are one word each too (顺应 of 顺应自然).
      const slots = siblings.map((s) => {
        const ws = wordsIn(tokens, s.start, s.start + s.text.length - suffix.length);
        return ws.length === 1 && ws[0]!.text.length === s.text.length - suffix.length ? ws[0]!.text : '';
      });
      if (words.length === 1 && words[0]!.text === t && tagged(t, slots)) {
        return w;
      }
    }
    return undefined;
  }
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
    const pieces: Piece[] = sentence.map((c) => ({ text: c.core, start: c.coreStart }));
    pieces.forEach((odd, k) => {
      const options: number[][] = [
        [k + 1, k + 2],
        [k - 2, k - 1],
        [k - 1, k + 1],
      ];
      for (const opt of options) {
        if (opt.some((i) => i < 0 || i >= pieces.length)) {
          continue;
        }
        const siblings = opt.map((i) => pieces[i]!);
        // A sibling opening the sentence may open with words of its own: it is compared from where the other's
        // opening appears in it.
        const trimmed = siblings.map((s, j) => {
          if (opt[j] !== 0 || j !== 0) {
            return s;
          }
          // From where the other sibling's opening (two characters, else one) appears in it.
          const other = siblings[1]!.text;
          let at = s.text.lastIndexOf(other.slice(0, 2));
          if (at <= 0) {
            at = s.text.lastIndexOf(other.slice(0, 1));
          }
          return at > 0 ? { text: s.text.slice(at), start: s.start + at } : s;
        });
        // Between its siblings, the clause may have lost all of their opening, when the clauses around them keep it
        // (not A，B；A，B；A，B, where every other clause opens alike).
        const around = [pieces[k - 2], pieces[k + 2]].filter((x) => x !== undefined);
        const middle = opt[0]! < k && k < opt[1]! ? (prefix: string): boolean => around.every((x) => x.text.startsWith(prefix)) : undefined;
        const d = droppedRun(trimmed, odd, k === 0, middle, tokens, tagOf);
        if (d) {
          out.push({ start: odd.start, end: odd.start + odd.text.length, word: d.word, frame: d.frame, siblings: siblings.map((s) => ({ start: s.start, end: s.start + s.text.length })) });
          return;
        }
      }
    });
  }
  return out;
}
