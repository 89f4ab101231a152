/**
 * structure/frame-mismatch — an item that drops or alters the frame its siblings share.
 *
 * ✗ 打好政治牌，增强机关干部的政治意识。/ 打好团结牌，增强机关干部的团结意识。/ 抓好作风建设，提升干部的服务水平。/ 打好能力牌，…
 * ✗ 打好政治牌，增强政治意识。/ 打好团结，增强团结意识。/ 打好能力牌，增强能力意识。 (a frame word dropped)
 * The message shows the frame (打好{X}牌，增强机关干部的{Y}意识); related information points at the siblings.
 *
 * Besides the frame the detector gives a series, each item of a series of three or more is held against the
 * frame of its siblings alone: an item that lacks exactly one of its words, where the siblings have that word
 * right before the next frame word and the item has the rest in place (打好团结，增强… against 打好{X}牌，增强…),
 * dropped the word. A word the siblings vary (the last of the frame, or one with a slot after it) is left alone:
 * that is a slot, not a frame word. Likewise an item that opens with the siblings' shared opening less a few
 * characters inside it (践行价值… against 践行诚信价值…), whatever the segmenter made of those characters.
 */
import * as l10n from '@vscode/l10n';
import { hasHan } from '../../chars';
import type { DocumentContext, DocumentRule } from '../../rule';
import { nearbySiblings, structureOf, type Series, type SeriesItem } from '../../structure';
import { lcs, leadWords } from '../../structure/series';
import { clauseDrops } from './clause-frames';

const HAN = /\p{Script=Han}/u;

/** Series longer than this are lists, not 排比: holding each item against the others would be quadratic. */
const MAX_LEAVE_ONE_OUT = 12;

/** Copulas and modals: a frame's last word that is no slot's edge (理性是{X}, 青年要{X}). */
const LINKS: ReadonlySet<string> = new Set(['是', '要', '需要', '需', '必须', '应', '应该', '应当', '可以', '能够', '才能', '方能', '有利于', '在于']);

/** Function words whose absence does not break a frame. */
const PARTICLES: ReadonlySet<string> = new Set([...'的地得了着之与和及并而也都就']);

/** Lead words of an item as the detector compares them: after its ordinal, to the end of its lead. */
function itemLead(ctx: DocumentContext, it: SeriesItem): readonly string[] {
  const p = ctx.paragraphs[it.paragraph]!;
  const from = (it.marker ? it.marker.end : it.leadStart) - p.start;
  const to = it.leadEnd - p.start;
  return ctx.paragraphMemo(p, `frame-mismatch/lead:${from}:${to}`, () => leadWords(ctx.tokens(p), from, to));
}

/** Positions in `lead` of every word of `frame` (aligned in order), or undefined when one is missing. */
function positions(frame: readonly string[], lead: readonly string[]): number[] | undefined {
  const pairs = lcs(frame, lead);
  return pairs.length === frame.length ? pairs.map(([, j]) => j) : undefined;
}

/** The frame as a template: its words as in `lead`, a slot for each run of other words. */
function template(frame: readonly string[], lead: readonly string[], at: readonly number[]): string {
  const slots = 'XYZWUV';
  let out = '';
  let slot = 0;
  let next = 0;
  at.forEach((j, i) => {
    if (j > next) {
      out += `{${slots[slot++ % slots.length]}}`;
    }
    out += frame[i]!;
    next = j + 1;
  });
  return next < lead.length ? `${out}{${slots[slot % slots.length]}}` : out;
}

/**
 * The frame word `odd` dropped from the frame its `siblings` share, with that frame as a template; undefined
 * when it kept the frame, changed more than one word, or lacks only a word the siblings may vary.
 */
export function droppedWord(siblings: ReadonlyArray<readonly string[]>, odd: readonly string[], tagOf?: (word: string) => string | undefined): { word: string; frame: string } | undefined {
  let common: readonly string[] = siblings[0]!;
  for (const l of siblings.slice(1)) {
    common = lcs(common, l).map(([i]) => common[i]!);
  }
  // Two words or more besides particles, opening with a word: a frame, not a few words met by chance. Marks
  // before the first word (the comma of 供给改革，…是建设…) are left out: the frame then stands later (below).
  const content = common.filter((w) => hasHan(w) && !PARTICLES.has(w)).length;
  const firstWord = common.findIndex((w) => hasHan(w));
  if (content < 2 || firstWord < 0) {
    return undefined;
  }
  common = common.slice(firstWord);
  const at = siblings.map((l) => positions(common, l));
  if (at.some((a) => a === undefined)) {
    return undefined;
  }
  // The frame opens every sibling (anaphora), as the detector's frames do, and is a good part of it, unless
  // the item opens with the second word of an opening the siblings hold side by side (理性是…，理性是…，是企业
  // 立业之本: the first word dropped). A frame holding a run of three content words or more side by side may
  // stand later in their leads (…是打造智慧城市的现实途径): then only a word inside that run counts (below).
  const late = at.some((a) => a![0]! > 2);
  // The run of frame words the siblings hold side by side with the most content words.
  let run = { from: 0, to: 0, content: 0 };
  for (let i = 1, from = 0; i <= common.length; i++) {
    if (i === common.length || at.some((a) => a![i] !== a![i - 1]! + 1)) {
      const c = common.slice(from, i).filter((w) => hasHan(w) && !PARTICLES.has(w)).length;
      if (c > run.content) {
        run = { from, to: i - 1, content: c };
      }
      from = i;
    }
  }
  if (late && run.content < 3) {
    return undefined;
  }
  const openingDropped = at.every((a) => a![0] === 0 && a![1] === 1) && !odd.join('').includes(common[0]!) && lcs(common.slice(1), odd).length === common.length - 1 && lcs(common.slice(1), odd)[0]?.[1] === 0;
  // An opening of a topic and a copula or modal side by side (获得感是…) holds the siblings' long leads as well.
  const anaphora = at.every((a) => a![0] === 0 && a![1] === 1);
  if (!openingDropped && siblings.some((l) => content < (anaphora ? 0.25 : 0.3) * l.filter((w) => hasHan(w)).length)) {
    return undefined;
  }
  const pos = at as number[][];
  // Exactly one frame word missing; a word kept inside a longer one of the item (增强 in 增强团结) is not.
  const inOdd = new Map(lcs(common, odd));
  const text = odd.join('');
  const missing = common.map((_, i) => i).filter((i) => !inOdd.has(i) && !text.includes(common[i]!));
  if (missing.length !== 1) {
    return undefined;
  }
  const j = missing[0]!;
  const word = common[j]!;
  // Not the frame's last word (a slot may follow it), unless a copula or a modal the siblings hold right after
  // the word before it, a slot after it (理性是企业立业之本 / 理性企业立业之本: no content word is missing, the
  // link is); nor a
  // particle (韩国因文化创新 against 德国因汽车技术的创新 is no broken frame); its neighbours in the frame are in
  // the item. In a frame standing later in the leads, only a word inside its longest run.
  if (j > 0 && LINKS.has(word) && !late && inOdd.has(j - 1) && pos.every((a) => a[j] === a[j - 1]! + 1) && (j + 1 >= common.length || pos.some((a) => a[j + 1] !== a[j]! + 1))) {
    const after = odd[inOdd.get(j - 1)! + 1];
    // Nothing of the kind in its place (可组织… for 要…; 不仅是… for 需要…), nor a verb (文化遗产保留着… for
    // 文化遗产是…): a variation, not a drop. Without a tagger, no judgement.
    const verb = (w: string): boolean => tagOf?.(w)?.[0] !== 'n' && tagOf?.(w.slice(0, 2))?.[0] !== 'n';
    return after !== undefined && hasHan(after) && !LINKS.has(after) && !PARTICLES.has(after) && !/^[可能会应须需得该不也更还都就才]/u.test(after) && tagOf !== undefined && !verb(after) ? { word, frame: template(common, siblings[0]!, pos[0]!) } : undefined;
  }
  // A copula or modal opening the run of a frame standing later (…多元化是打造智慧城市的…): the item keeps the
  // rest of the run side by side, after a word that is no link or adverb of its own.
  if (late && j === run.from && LINKS.has(word) && run.to > j + 1) {
    const kept = common.slice(j + 1, run.to + 1).map((_, i) => inOdd.get(j + 1 + i));
    const side = kept.every((x, i) => x !== undefined && (i === 0 || x === kept[i - 1]! + 1));
    const before = kept[0] !== undefined ? odd[kept[0] - 1] : undefined;
    return side && before !== undefined && hasHan(before) && !LINKS.has(before) && !PARTICLES.has(before) && !/^[可能会应须需得该不也更还都就才将]/u.test(before) ? { word, frame: template(common, siblings[0]!, pos[0]!) } : undefined;
  }
  if (!hasHan(word) || PARTICLES.has(word) || j + 1 >= common.length || !inOdd.has(j + 1) || (j > 0 && !inOdd.has(j - 1)) || (late && (j <= run.from || j >= run.to))) {
    return undefined;
  }
  // The siblings have the word right before the next frame word: it is fixed, not the edge of a slot.
  if (pos.some((a) => a[j + 1] !== a[j]! + 1)) {
    return undefined;
  }
  const next = inOdd.get(j + 1)!;
  if (j === 0) {
    // The first frame word: the siblings open with it, the item opens with the next one.
    if (pos.some((a) => a[0] !== 0) || next !== 0) {
      return undefined;
    }
  } else {
    // The item has what the siblings have between the previous frame word and this one, minus the word: the
    // two frame words side by side where the siblings have no slot, a slot where they have one.
    // A slot no longer than the siblings' there: a longer one holds a word put in the dropped one's place
    // (定位前进的 against 指明前行的), which is a variation, not a drop.
    const prev = inOdd.get(j - 1)!;
    const tight = pos.every((a) => a[j] === a[j - 1]! + 1);
    const loose = pos.every((a) => a[j]! > a[j - 1]! + 1);
    const widest = Math.max(...pos.map((a) => a[j]! - a[j - 1]! - 1));
    if (!(tight && next === prev + 1) && !(loose && next > prev + 1 && next - prev - 1 <= widest)) {
      return undefined;
    }
  }
  return { word, frame: template(common, siblings[0]!, pos[0]!) };
}

/**
 * What `odd` dropped from the opening its `siblings` share character for character (践行诚信价值… / 践行价值…,
 * whatever the segmenter made of 诚信价值): the item opens with that opening less one to four characters, not
 * at its end (a slot may replace those).
 */
export function droppedOpening(siblings: ReadonlyArray<readonly string[]>, odd: readonly string[]): { word: string; frame: string } | undefined {
  const texts = siblings.map((l) => l.join(''));
  const first = texts[0]!;
  let n = 0;
  while (n < first.length && texts.every((t) => t[n] === first[n])) {
    n++;
  }
  const opening = first.slice(0, n);
  const item = odd.join('');
  if ([...opening].filter((c) => hasHan(c) && !PARTICLES.has(c)).length < 3) {
    return undefined;
  }
  for (let from = 0; from < n - 1; from++) {
    for (let to = from + 1; to <= from + 4 && to < n; to++) {
      const word = opening.slice(from, to);
      const rest = opening.slice(0, from) + opening.slice(to);
      // Dropping the start leaves an item that merely shares the rest: only when three characters or more remain
      // (一些网友… / 网友评论… is no drop).
      if ((from === 0 && n - to < 3) || !/^\p{Script=Han}+$/u.test(word) || PARTICLES.has(word)) {
        continue;
      }
      if (item.startsWith(rest) && !item.includes(word)) {
        return { word, frame: `${opening}{X}` };
      }
    }
  }
  return undefined;
}

/** Links that open what follows a topic clause (实现生态宜居，需要…; 推进教育国际化，有利于…). */
const CLAUSE_LINKS: ReadonlySet<string> = new Set(['需要', '必须', '有利于', '有助于', '可以', '能够', '才能', '方能', '应当', '应该']);

/**
 * The link `odd` dropped after its topic clause: every sibling's lead is a topic clause, a comma, then one and the
 * same link (…，需要…), and the item's is a topic clause, a comma, then a verb and nothing of the link anywhere in
 * its lead (实现生态宜居，补上历史欠账). The frame is one word, but its place is fixed: right after the first comma.
 */
export function droppedLink(siblings: ReadonlyArray<readonly string[]>, odd: readonly string[], tagOf?: (word: string) => string | undefined): { word: string; frame: string } | undefined {
  const after = (l: readonly string[]): string | undefined => {
    const c = l.indexOf('，');
    return c > 0 ? l[c + 1] : undefined;
  };
  const link = after(siblings[0]!);
  if (link === undefined || !CLAUSE_LINKS.has(link) || siblings.some((l) => after(l) !== link) || tagOf === undefined) {
    return undefined;
  }
  const next = after(odd);
  const text = odd.join('');
  if (next === undefined || text.includes(link) || CLAUSE_LINKS.has(next) || LINKS.has(next) || /^[可能会应须需得该不也更还都就才将要]/u.test(next) || tagOf(next)?.[0] !== 'v') {
    return undefined;
  }
  // Topic clauses alike: a few words each, the item's among the siblings' lengths.
  const topic = (l: readonly string[]): number => l.slice(0, l.indexOf('，')).join('').length;
  const lengths = siblings.map(topic);
  const own = topic(odd);
  return Math.max(...lengths) <= 12 && own >= Math.min(...lengths) - 2 && own <= Math.max(...lengths) + 2 ? { word: link, frame: `{X}，${link}{Y}` } : undefined;
}

/** Items of a series of three or more that dropped a word of their siblings' frame (see the header). */
function droppedItems(ctx: DocumentContext, s: Series): Array<{ k: number; frame: string }> {
  const tagOf = (w: string): string | undefined => ctx.services.segmenter.tagOf(w);
  if (s.items.length < 3 || s.items.length > MAX_LEAVE_ONE_OUT) {
    return [];
  }
  const leads = s.items.map((it) => itemLead(ctx, it));
  // A function of the leads' words alone: kept by them across analyses (an edit elsewhere leaves them).
  return ctx.contentMemo(`frame-mismatch/dropped:${leads.map((l) => l.join('\u0001')).join('\u0002')}`, () => {
    const out: Array<{ k: number; frame: string }> = [];
    leads.forEach((odd, k) => {
      const siblings = leads.filter((_, i) => i !== k);
      const d = droppedWord(siblings, odd, tagOf) ?? droppedOpening(siblings, odd) ?? droppedLink(siblings, odd, tagOf);
      if (d) {
        out.push({ k, frame: d.frame });
      }
    });
    return out;
  });
}

export const rule: DocumentRule = {
  meta: {
    id: 'structure/frame-mismatch',
    category: 'structure',
    defaultSeverity: 'information',
    fixable: false,
    description: 'A series item that drops or alters the frame its siblings share',
  },
  scope: 'document',
  check(ctx) {
    for (const s of structureOf(ctx).series) {
      // Clause series (尊重自然、顺应自然、保护自然) are found by shared characters, loosely: an item that breaks
      // their frame is not an item of theirs, so they are not judged here.
      if (s.level === 'clause') {
        continue;
      }
      const reported = new Set<number>();
      checkFrame(ctx, s, reported);
      for (const { k, frame } of droppedItems(ctx, s)) {
        if (reported.has(k)) {
          continue;
        }
        const it = s.items[k]!;
        const siblings = s.items.filter((_, i) => i !== k);
        ctx.report({
          message: l10n.t('This item breaks the frame “{0}” that its {1} siblings share', frame, siblings.length),
          start: it.leadStart,
          end: it.leadEnd,
          related: nearbySiblings(siblings, k, k).map((g) => ({ start: g.leadStart, end: g.leadEnd, message: l10n.t('Sibling following the frame') })),
        });
      }
    }
    // Clauses that dropped a piece of the frame their neighbours share (尊重、顺应自然、保护自然), series or not.
    const tagOf = (w: string): string | undefined => ctx.services.segmenter.tagOf(w);
    for (const p of ctx.paragraphs) {
      if (p.heading) {
        continue;
      }
      const drops = ctx.paragraphMemo(p, 'frame-mismatch/clause-drops', () => clauseDrops(p.prose, ctx.tokens(p), tagOf));
      for (const d of drops) {
        ctx.report({
          message: l10n.t('This clause lacks “{0}” of the frame “{1}” that its neighbours share', d.word, d.frame),
          start: p.start + d.start,
          end: p.start + d.end,
          related: d.siblings.map((g) => ({ start: p.start + g.start, end: p.start + g.end, message: l10n.t('Sibling following the frame') })),
        });
      }
    }
  },
};

/** Items lacking the frame the detector gave the series (the rule's first test). */
function checkFrame(ctx: DocumentContext, s: Series, reported: Set<number>): void {
  if (!s.frame || s.items.length < 3) {
    return;
  }
  const full = s.frameWords.filter((w) => HAN.test(w)).length;
  const keeps = (it: SeriesItem): boolean => (it.frameHits ?? full) >= full;
  const good = s.items.filter(keeps);
  // In an ordinal series the ordinal is the frame: two items sharing words besides it make a weak lexical
  // frame, three establish it. A lexical series is its frame (its runs already need three paragraphs).
  if (good.length < (s.kind === 'ordinal' ? 3 : 2) || good.length < s.items.length / 2) {
    return;
  }
  // Good siblings before the current item (both lists are in document order).
  let goodBefore = 0;
  for (const [k, it] of s.items.entries()) {
    if (keeps(it)) {
      goodBefore++;
      continue;
    }
    // A lexical series' first or last unit that keeps half of its frame or less is rather a topic sentence, a quotation
    // or a summary next to the series than an item of it.
    if (s.kind === 'frame' && (k === 0 || k === s.items.length - 1) && (it.frameHits ?? 0) * 2 <= full) {
      continue;
    }
    reported.add(k);
    ctx.report({
      message: l10n.t('This item breaks the frame “{0}” that its {1} siblings share', s.frame, good.length),
      start: it.leadStart,
      end: it.leadEnd,
      related: nearbySiblings(good, goodBefore, goodBefore).map((g) => ({ start: g.leadStart, end: g.leadEnd, message: l10n.t('Sibling following the frame') })),
    });
  }
}
