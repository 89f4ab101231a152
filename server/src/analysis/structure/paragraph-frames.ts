/**
 * Paragraph series that the lead alignment of series.ts misses: body paragraphs whose leads are parallel by
 * a shared opening, by one shared word in short topic sentences, or by their shape alone, and the pair
 * 一方面…／另一方面… opening two paragraphs.
 *
 * - anaphora: three or more consecutive paragraphs opening with the same words (发展绿色能源需要…／发展绿色能源
 *   需要…／发展绿色能源不仅…; 农民工就业形势依然严峻。／农民工权益屡遭侵害。／农民工社会保障程度不高。);
 * - short topic sentences sharing a word: 推动文化创新，开拓传统文化。／促进文化交流，畅通传播渠道。／加大文化
 *   输出，提升文化输出价值。 (each lead short and followed by the paragraph's body);
 * - short topic sentences naming each a part's role (健康疏导是前提。／…学校注重学生法制教育是核心。／…是保障。), or
 *   following a paragraph that announces them with a colon (应抓住以下几个重点：／强化农村产权保护。／…);
 * - paragraphs with no Han text (web residue: [page]) between items do not part them;
 * - short topic sentences of one shape, two halves parted by a comma: 提高公民生态意识，树立生态红线观念。／
 *   正确处理经济与环保关系，推进绿色发展。／改革生态环境监管体制，加大生态监督力度。
 *
 * Pure: works on what series.ts gives it of each paragraph (offsets relative to the paragraph).
 */

import { countHan, hasHan, hasHanAtLeast, isHan as isHanChar } from '../chars';

/** What the detection needs of one paragraph. */
export interface ParagraphLead {
  /** False for headings, titles and paragraphs already items of a paragraph series. */
  eligible: boolean;
  /** The paragraph's Simplified prose from its first content character. */
  text: string;
  /** Length of the first sentence (including its mark) within `text`. */
  leadLength: number;
  /** Han words (Simplified) of the first sentence, of two characters or more. */
  words: readonly string[];
}

/** No words (shared, never changed). */
const NO_WORDS: readonly string[] = Object.freeze([]);

/**
 * A lead as series.ts keeps it per paragraph (so that what is derived from it here is kept too): `words` are
 * taken from the paragraph's lead words when first asked for (few leads are ever asked).
 */
export class KeptLead implements ParagraphLead {
  private kept?: readonly string[];
  /** What paragraphRunsOf derived from the lead (kept with it, see factsOf). */
  facts?: LeadFacts;
  constructor(
    readonly eligible: boolean,
    readonly text: string,
    readonly leadLength: number,
    /** The lead words of the paragraph's first sentence (series.ts), Han or not. */
    private readonly leadWords: readonly string[],
  ) {}

  get words(): readonly string[] {
    return (this.kept ??= this.eligible ? this.leadWords.filter((w) => w.length >= 2 && hasHan(w)) : NO_WORDS);
  }
}

/** A paragraph series found here: indices into the leads, and the frame words shared. */
export interface ParagraphRun {
  members: number[];
  words: string[];
}

// The character-class helpers of ../chars (same answers as \p{Script=Han}, without a regex per call).
const isHan = isHanChar;
const hanCount = countHan;

/** Openings that are connectives or pronouns, not a frame (我们…／我们…; 因此…／因此…). */
const NOT_FRAMES = /^(?:我们|他们|你们|这些|那些|这个|这种|因此|所以|但是|同时|如果|虽然|然而|而且|并且|其中|此外|另外|例如|比如|当前|目前|近年|近日|今年|去年)/;

/** Words too common to make short leads parallel by themselves. */
const COMMON_WORDS = new Set(['我们', '他们', '一个', '这个', '这种', '就是', '不是', '可以', '没有', '已经', '需要', '进行', '问题', '发展']);

/** Characters too light to make a shared word (的, 是 …). */
const LIGHT = new Set([...'的了是在和与及或也都就而并把被对为着得地之有不一']);

/** The end of a topic sentence naming a part's role: 是前提, 是…的关键, 是…之策. */
const ROLE_END = /是(?:[^，。；！]{0,14}?[的之])?(?:前提|基础|关键|核心|保障|根本|重点|目标|方向|途径|动力|支撑|保证|条件|根基|策|计|途|道|本|基|要|举)[。；！]$/;

/** What the passes below ask of a lead again and again (each run tries every paragraph several times). */
interface LeadFacts {
  /** The first sentence: `text` up to `leadLength`. */
  lead: string;
  /** Han characters of `lead`. */
  han: number;
  /** `lead` ends with 。！；. */
  stop: boolean;
  /** Ten Han characters or more after the lead (the paragraph has a body). */
  body: boolean;
  /** `text` holds Han at all. */
  anyHan: boolean;
  /** `text` ends with a colon (and perhaps spaces). */
  colon: boolean;
  /** The last lead this one was paired with by `shared` (the next paragraph's, as a rule), and their words. */
  pairedWith?: ParagraphLead;
  pairWords?: string[];
}

/**
 * Facts of each lead, computed on first request: kept on the lead when series.ts keeps it per paragraph
 * ({@link KeptLead}: after an edit only the changed paragraphs' leads are new here), else here.
 */
const leadFacts = new WeakMap<ParagraphLead, LeadFacts>();

function factsOf(l: ParagraphLead): LeadFacts {
  const kept = l instanceof KeptLead;
  let f = kept ? l.facts : leadFacts.get(l);
  if (!f) {
    const lead = l.text.slice(0, l.leadLength);
    f = { lead, han: hanCount(lead), stop: /[。！；]$/.test(lead), body: hasHanAtLeast(l.text, 10, l.leadLength), anyHan: hasHan(l.text), colon: /[：:]\s*$/.test(l.text) };
    if (kept) {
      l.facts = f;
    } else {
      leadFacts.set(l, f);
    }
  }
  return f;
}

/** A short topic sentence: a lead of a few words, closed by a full stop, with the body after it. */
function topicSentence(l: ParagraphLead, max: number): boolean {
  const f = factsOf(l);
  return f.stop && f.han <= max && f.body;
}

/** The longest common opening of some texts (from their first characters). */
function commonOpening(texts: readonly string[]): string {
  let f = texts[0] ?? '';
  for (const t of texts.slice(1)) {
    let k = 0;
    while (k < f.length && k < t.length && f[k] === t[k]) {
      k++;
    }
    f = f.slice(0, k);
  }
  // Up to the last Han character: an opening ends inside the words, not on a mark.
  let end = f.length;
  while (end > 0 && !isHan(f[end - 1])) {
    end--;
  }
  return f.slice(0, end);
}

/** Runs of three or more consecutive eligible paragraphs satisfying `ok` for the whole run. */
function runs(leads: readonly ParagraphLead[], ok: (members: number[]) => boolean, taken: Set<number>): number[][] {
  const out: number[][] = [];
  let i = 0;
  while (i < leads.length) {
    if (!leads[i]!.eligible || taken.has(i)) {
      i++;
      continue;
    }
    const members = [i];
    while (members.length < 40) {
      let next = members[members.length - 1]! + 1;
      // A paragraph with no Han text between items (web residue: [page], >>) does not part them.
      while (next < leads.length && !factsOf(leads[next]!).anyHan) {
        next++;
      }
      if (next >= leads.length || !leads[next]!.eligible || taken.has(next)) {
        break;
      }
      // `ok` judges the run with the next paragraph in it (it keeps no reference to the list).
      members.push(next);
      if (!ok(members)) {
        members.pop();
        break;
      }
    }
    if (members.length >= 3) {
      out.push(members);
      members.forEach((m) => taken.add(m));
      i = members[members.length - 1]! + 1;
    } else {
      i++;
    }
  }
  return out;
}

/** Paragraph series by anaphora, a shared word in short topic sentences, or the shape of short topic sentences. */
export function paragraphRunsOf(leads: readonly ParagraphLead[]): ParagraphRun[] {
  const taken = new Set<number>();
  const out: ParagraphRun[] = [];
  // Anaphora: a shared opening of three Han characters or more, or of two opening short leads.
  for (const members of runs(
    leads,
    (m) => {
      const f = commonOpening(m.map((k) => leads[k]!.text));
      const han = hanCount(f);
      // Leads of like length: a longer paragraph opening with the same words before the items is their
      // introduction (公共安全管理的智是指…；／公共安全管理离不开智。／公共安全管理放不下情。).
      const lengths = m.map((k) => factsOf(leads[k]!).han);
      const like = Math.max(...lengths) * 2 <= Math.min(...lengths) * 5;
      return like && isHan(f[0]) && !NOT_FRAMES.test(f) && (han >= 3 || (han === 2 && m.every((k) => topicSentence(leads[k]!, 20))));
    },
    taken,
  )) {
    out.push({ members, words: [commonOpening(members.map((k) => leads[k]!.text))] });
  }
  // Short topic sentences sharing a word: a word of the segmenter, or two characters in all of them (the
  // segmenter may join 文化 to its neighbour: 文化创新, 文化交流).
  const shared = (m: number[]): string[] => {
    if (m.length !== 2) {
      return sharedWords(m);
    }
    // Every paragraph is tried with its next: the answer is kept with the first lead of the pair.
    const f = factsOf(leads[m[0]!]!);
    const b = leads[m[1]!]!;
    if (f.pairedWith !== b || !f.pairWords) {
      f.pairedWith = b;
      f.pairWords = sharedWords(m);
    }
    return f.pairWords;
  };
  const sharedWords = (m: number[]): string[] => {
    const [first, ...rest] = m.map((k) => leads[k]!.words);
    const words = [...new Set(first)].filter((w) => !COMMON_WORDS.has(w) && rest.every((ws) => ws.includes(w)));
    if (words.length > 0) {
      return words;
    }
    const texts = m.map((k) => factsOf(leads[k]!).lead);
    const pairs = new Set<string>();
    for (let i = 0; i + 1 < texts[0]!.length; i++) {
      const pair = texts[0]!.slice(i, i + 2);
      if ([...pair].every((c) => isHan(c) && !LIGHT.has(c)) && !COMMON_WORDS.has(pair) && texts.every((t) => t.includes(pair))) {
        pairs.add(pair);
      }
    }
    return [...pairs];
  };
  // Up to 20 Han characters with one word shared; up to 28 with three or more (改善福利待遇，增强归属感，为制造业
  // 升级注入新鲜血液。／营造良好氛围，增强认同感，为制造业升级打造坚强骨骼。…).
  for (const members of runs(leads, (m) => m.every((k) => topicSentence(leads[k]!, 20)) && shared(m).length > 0, taken)) {
    out.push({ members, words: shared(members) });
  }
  for (const members of runs(leads, (m) => m.every((k) => topicSentence(leads[k]!, 28)) && shared(m).length >= 3, taken)) {
    out.push({ members, words: shared(members) });
  }
  // Short topic sentences naming each a part's role (健康疏导是前提。／…学校注重学生法制教育是核心。／…是保障。;
  // 加强宣传是倡导网络文明之策。).
  const role = (l: ParagraphLead): boolean => topicSentence(l, 24) && ROLE_END.test(factsOf(l).lead);
  for (const members of runs(leads, (m) => m.every((k) => role(leads[k]!)), taken)) {
    out.push({ members, words: [] });
  }
  // Short topic sentences after a paragraph announcing them with a colon (…应抓住以下几个重点：／强化农村产权
  // 保护。／规范农产品市场运行。／…).
  const announced = (m: number[]): boolean => {
    const before = m[0]! > 0 ? leads[m[0]! - 1]! : undefined;
    return before !== undefined && factsOf(before).colon && m.every((k) => topicSentence(leads[k]!, 16) && !/[，,]/.test(factsOf(leads[k]!).lead));
  };
  for (const members of runs(leads, announced, taken)) {
    out.push({ members, words: [] });
  }
  // Short topic sentences of one shape: two halves of a few words each, parted by one comma.
  const halves = (l: ParagraphLead): number[] | undefined => {
    const lead = l.text.slice(0, l.leadLength - 1);
    const parts = lead.split(/[，,]/);
    return parts.length === 2 && parts.every((x) => hanCount(x) >= 4 && hanCount(x) <= 12 && hanCount(x) === x.length) ? parts.map((x) => x.length) : undefined;
  };
  for (const members of runs(
    leads,
    (m) => {
      const lengths = m.map((k) => (topicSentence(leads[k]!, 24) ? halves(leads[k]!) : undefined));
      if (lengths.some((x) => x === undefined)) {
        return false;
      }
      const total = lengths.map((x) => x![0]! + x![1]!);
      return Math.max(...total) * 2 <= Math.min(...total) * 3;
    },
    taken,
  )) {
    out.push({ members, words: [] });
  }
  // Pairs: two consecutive paragraphs opening with the same four Han characters or more, leads of like length,
  // and neither the paragraph before nor the one after opening so (精准扶贫要重在“扶志”。／精准扶贫更要重在
  // “扶智”。; 改变习惯，才能促进经济社会发展。／改变习惯，才能促进个人取得成功。). The gold annotations count
  // two-item paragraph series (server/data/gold/README.md: a series is any parallel run; 23 of the 82 paragraph
  // series of test.json have two items).
  const next = (k: number): number => {
    let j = k + 1;
    while (j < leads.length && !factsOf(leads[j]!).anyHan) {
      j++;
    }
    return j;
  };
  const opensLike = (a: number, b: number): string => {
    if (a < 0 || b >= leads.length || !leads[a]!.eligible || !leads[b]!.eligible) {
      return '';
    }
    const f = commonOpening([leads[a]!.text, leads[b]!.text]);
    return hanCount(f) >= 4 && isHan(f[0]) && !NOT_FRAMES.test(f) ? f : '';
  };
  for (let i = 0; i < leads.length; i++) {
    const j = next(i);
    if (taken.has(i) || j >= leads.length || taken.has(j)) {
      continue;
    }
    const f = opensLike(i, j);
    if (f === '') {
      continue;
    }
    const lengths = [i, j].map((k) => factsOf(leads[k]!).han);
    const like = Math.max(...lengths) * 2 <= Math.min(...lengths) * 3;
    let before = i - 1;
    while (before >= 0 && !factsOf(leads[before]!).anyHan) {
      before--;
    }
    // Topic sentences, or a shared opening that runs past a comma: long leads opening with the same noun are
    // the topic said again (政府工作报告可以让我们了解…／政府工作报告在刚开始学习时…).
    const topical = [i, j].every((k) => topicSentence(leads[k]!, 30)) || /[，,]/.test(f);
    if (!like || !topical || opensLike(before, i) !== '' || opensLike(j, next(j)) !== '') {
      continue;
    }
    out.push({ members: [i, j], words: [f] });
    taken.add(i);
    taken.add(j);
  }
  return out.sort((a, b) => a.members[0]! - b.members[0]!);
}
