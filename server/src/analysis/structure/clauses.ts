/**
 * Clause-level parallel series (排比 inside one paragraph): three or more consecutive clauses — the text
 * between 、，；。！？： — that share frame characters at the same place.
 *
 * - a common opening: 有事多商量、有事好商量、有事会商量; 为中国制造…，为中国文化…，为中国力量…;
 *   再好的…，再美的…，再近的…;
 * - a common ending of clauses: 不能以牺牲资源换取增长，不能以污染环境换取增长，更不能以损害健康换取增长;
 * - frame characters a little way in: 望得见方向，看得见成效，摸得着实惠; 滋养了…，熏陶了…，营造了…;
 * - a sequence of steps: 首先…；其次…；最后… / 先…，再…，最后….
 *
 * The first item may open with words of its own before the frame (这座山是…，是…，也是…): its clause is taken
 * in when the frame appears in it. Any item may open with an adverb (也、还、更 …) before the frame.
 *
 * Not series (test/fixtures/dev-gold/README.md, the stricter reading and round 3): two clauses, or two pairs
 * (有…，也有…；有…，也有…); short items, the words of a list (聚民意、展民智、得民心; 求快、求洋、求大; 尊重自然、
 * 顺应自然、保护自然; 识才的慧眼、爱才的诚意、用才的胆识: isShortList — kept aside, a closing paragraph may recap
 * the body with one); examples closed by 等 or by an ellipsis the sentence goes on after; verb-object measures
 * sharing no frame word, or only the noun they act on; a list of named things (北京、上海、广州) shares nothing;
 * a list of kinds of one thing (经济建设、政治建设、文化建设; 城市设施、城市交通、城市精神等) shares a head noun,
 * which is told apart by the list mark 、 and a small set of category heads or a closing 等. Round 4: 了 alone
 * (增长了见识，积累了经验，点燃了梦想), a concession's cases (无论是…，还是…，都是…), pairs (不…，而…；不…，而…;
 * openings alternating), examples closed by an ellipsis inside the last item or typed as 。。。/·····, and facets
 * of one topic (文化产业…，文化产品…，文化服务…).
 *
 * Everything here works on one paragraph's Simplified prose (offsets relative to the paragraph) and its tokens.
 */
import type { Token } from '../types';

/** A clause of a paragraph: offsets relative to the paragraph's prose. */
export interface Clause {
  /** Start of the clause (after spaces). */
  start: number;
  /** End of the clause, before its closing mark. */
  end: number;
  /** The clause as compared: without opening or closing quotes and brackets. */
  core: string;
  /** Offset of `core` in the prose. */
  coreStart: number;
  /** The mark that ends the clause ('' at the end of the paragraph). */
  mark: string;
}

/** Part-of-speech tag of a dictionary word (jieba's tags), undefined when unknown. */
export type TagOf = (word: string) => string | undefined;

/** A run of parallel clauses found in one paragraph. */
export interface ClauseRun {
  /** Items: each the clause span (relative to the paragraph). */
  items: Array<{ start: number; end: number }>;
  /** The frame as a template (为中国{X}, {X}自然, {X}才的{Y}, 首先/其次/最后). */
  template: string;
  /** The frame's fixed text (Simplified), for the repetition rules' exemption; '' when none. */
  words: string[];
  /**
   * A short list (isShortList): not a 排比 inside the body, but a closing paragraph's recap of the body's
   * series may be one (只有让城市更加智能、更加绿色、更具有人文气息); series.ts decides by the paragraph's place.
   */
  short: boolean;
}

/**
 * A clause run with every property set, in one order: runs built at different sites then share one hidden
 * class, so the code reading them stays monomorphic (issue 15).
 */
function clauseRun(items: Array<{ start: number; end: number }>, template: string, words: string[], short = false): ClauseRun {
  return { items, template, words, short };
}

/** A clause's span, as a run's item. */
function itemOf(c: Clause): { start: number; end: number } {
  return { start: c.start, end: c.end };
}

/** Marks that end a clause. */
const CLAUSE_MARKS = new Set([...'，、；。！？：,;!?:…\n\r\t']);
/** Opening and closing quotes and brackets, left out of the compared text. */
const OPENERS = new Set([...'“‘「『《（(【〔']);
const CLOSERS = new Set([...'”’」』》）)】〕']);
const SPACES = new Set([...' \u3000\uE000\u00a0']);

/**
 * One-character adverbs an item may open with before the frame (…，也是…; …及解决问题). Not the words of a
 * consequence (就、则、才): 要理解…，要提出…，就要… is a condition and its outcome.
 */
const ADVERBS = new Set([...'也还更又而并且都均亦及和与或']);

/**
 * One-character openings that frame long clauses (coverbs, the copula, negation …): 从…到…，从…到…；
 * 以…为…、以…为…; 是…，是…，是…; 要…，要…，要….
 */
const FRAME_OPENERS = new Set([...'从为以用在把让使是有要会能应需必对向给靠将不无没可更多高早先新重求敢来凭于非只唯当如像若越每各所再']);

/** Particles and complements that frame clauses a little way in (滋养了…，熏陶了…; 望得见山、看得见水). */
const PARTICLES = new Set([...'了着得过']);
/** Characters an inner frame of two or more characters must hold (识才的慧眼、爱才的诚意). */
const INNER_GLUE = new Set([...'了着得过之的']);

/** One-character words too light to frame short items by themselves (治国之基、惠民之本、清政之魂). */
const LIGHT_INNER = new Set([...'之的地和与及或是在']);

/** Marks that end a sentence: a run of clauses does not go on past them. */
const SENTENCE_ENDS = new Set([...'。！？!?']);
/** Segments may run on past questions and exclamations (如何保障民生？如何维护民利？如何畅达民情？), not past 。. */
const FULL_STOPS: ReadonlySet<string> = new Set(['。']);

/**
 * Heads of lists of kinds (经济建设、政治建设; 大气污染、水体污染; 宜居城市、人文城市; 交通枢纽功能，带动功能):
 * a shared ending that names a category rather than frames a 排比.
 */
const CATEGORY_HEADS = [
  '建设', '污染', '文化', '城市', '功能', '产业', '经济', '资源', '能源', '领域', '部门', '企业', '机制', '体系', '制度',
  '工程', '项目', '行业', '地区', '国家', '论点', '性', '感', '式', '型', '化', '业', '者', '家', '人', '区', '市', '省',
  '县', '国', '门', '类', '品', '物', '费', '税', '权', '率', '法规', '政策', '设施', '服务', '主义', '体制', '行为',
  '方式', '模式', '形式', '方面', '层面', '环节', '因素', '要素', '精神',
];

const isHan = (c: string | undefined): boolean => c !== undefined && /\p{Script=Han}/u.test(c);
const hasHanChar = (s: string): boolean => /\p{Script=Han}/u.test(s);

/** Conjunctions that join the last item of a 、 list (分析问题及解决问题, 辩证分析问题和积极解决问题). */
const LIST_CONJUNCTIONS = /以及|[和及与或]/g;

/**
 * Splits a paragraph's prose into clauses. `marks` are the marks that end one. A clause after 、 that
 * holds a conjunction is split before it: the conjunction opens the list's last item.
 */
export function splitClauses(prose: string, marks: ReadonlySet<string> = CLAUSE_MARKS): Clause[] {
  const out: Clause[] = [];
  const push = (start: number, end: number, mark: string): void => {
    let cs = start;
    let ce = end;
    while (cs < ce && (OPENERS.has(prose[cs]!) || SPACES.has(prose[cs]!))) {
      cs++;
    }
    while (ce > cs && (CLOSERS.has(prose[ce - 1]!) || SPACES.has(prose[ce - 1]!))) {
      ce--;
    }
    let e = end;
    while (e > start && SPACES.has(prose[e - 1]!)) {
      e--;
    }
    out.push({ start, end: e, core: prose.slice(cs, ce), coreStart: cs, mark });
  };
  let i = 0;
  while (i < prose.length) {
    while (i < prose.length && (SPACES.has(prose[i]!) || marks.has(prose[i]!))) {
      i++;
    }
    if (i >= prose.length) {
      break;
    }
    const start = i;
    while (i < prose.length && !marks.has(prose[i]!)) {
      i++;
    }
    let mark = i < prose.length ? prose[i]! : '';
    // An ellipsis typed as full stops or dots (…负担。。。究其原因; …生物多样性破坏·····，面对) is one.
    const dots = /[·.]{3,}$/.exec(prose.slice(start, i));
    if ((mark === '。' && prose[i + 1] === '。') || (dots && dots.index > 0)) {
      mark = '…';
    }
    const prev = out[out.length - 1];
    if (prev && prev.mark === '、' && marks.has('、')) {
      LIST_CONJUNCTIONS.lastIndex = 0;
      const body = prose.slice(start, i);
      let m: RegExpExecArray | null;
      let at = -1;
      while ((m = LIST_CONJUNCTIONS.exec(body)) !== null) {
        if (m.index >= 2 && body.length - m.index - m[0].length >= 2) {
          at = m.index;
          break;
        }
      }
      if (at > 0) {
        push(start, start + at, '、');
        push(start + at, i, mark);
        continue;
      }
    }
    const dotted = /[·.]{3,}$/.exec(prose.slice(start, i));
    push(start, dotted && dotted.index > 0 ? start + dotted.index : i, mark);
  }
  return out;
}

/** True when `core` holds `f` at position `p`, directly or after an opening adverb. */
function holdsAt(core: string, f: string, p: number): boolean {
  return (
    core.startsWith(f, p) ||
    (ADVERBS.has(core[0] ?? '') && core.startsWith(f, p + 1)) ||
    // An adverb and the copula before an opening frame (这是对人才的浪费，对知识的浪费，更是对…的蔑视).
    (p === 0 && f[0] !== '是' && ADVERBS.has(core[0] ?? '') && core[1] === '是' && core.startsWith(f, 2))
  );
}

/** The longest and shortest `core` of a list of clauses. */
const longest = (cs: readonly Clause[]): number => cs.reduce((m, c) => Math.max(m, c.core.length), 0);
const shortest = (cs: readonly Clause[]): number => cs.reduce((m, c) => Math.min(m, c.core.length), Infinity);

/** True when every clause of the run but the last is followed by 、 (a list inside one clause). */
const listJoined = (cs: readonly Clause[]): boolean => cs.slice(0, -1).every((c) => c.mark === '、');

/** The ending all clauses share (of their compared text). */
function commonEnding(cs: readonly Clause[]): string {
  let e = cs[0]?.core ?? '';
  for (const c of cs.slice(1)) {
    let k = 0;
    while (k < e.length && k < c.core.length && e[e.length - 1 - k] === c.core[c.core.length - 1 - k]) {
      k++;
    }
    e = e.slice(e.length - k);
  }
  return e;
}

/** Frames that give examples (比如…，…，比如…): cases listed, not clauses in parallel. */
const EXAMPLE_FRAME = /^(?:比如|例如|譬如|诸如)/;

/** Words that announce an enumeration of kinds rather than a 排比. */
const ENUMERATION = /分为|分成|包括|包含|即|比如|例如|诸如|如下/;

/**
 * The last item of examples closed by 等 or an ellipsis (…等问题 is caught by the category heads). Not 平等, 同等 …
 */
const EXAMPLES_END = /(?<![平同均相对高中初上次优劣何])等{1,2}$/;

/** A concession opening a clause early (无论是, 不论, 不管是): its cases follow in the next clauses. */
const CONCESSION = /^.{0,10}?(?:无论|不论|不管)/;

/** A later alternative of a concession or a question (还是…, 或是…). */
const ALTERNATIVE = /^(?:还是|或是|或者|抑或)/;

/** An ellipsis inside a clause, text following it (……不仅掣肘经济创新发展). */
const ELLIPSIS = /(?:…|\.{3,}|·{3,}|。{2,})[^….·。]/;

/** Frames of short 、 lists that name words of one kind rather than frame a 排比 (不…, 无…, …于, …化). */
const SHORT_LIST_FRAMES = new Set([...'不无非未没于之的性化']);

/** A numeral with a classifier (一个字、一个词、一个句子): a count, not a frame. */
const COUNT_FRAME = /^[一两二三四五六七八九十几每各某][个种些位项条件次样名类]/;

/**
 * A list rather than a series: a list of kinds (its items end in a shared category head: 经济建设、政治建设;
 * 宜居城市、人文城市), a 、 list closed by 等, or a list of counted things (一个字、一个词、一个句子).
 */
function isList(all: readonly Clause[], members: readonly Clause[], shared: string, before: string, nominal: (c: Clause) => boolean, next?: Clause): boolean {
  // Counted things are short (一个字、一个词、一个句子); 一个富强民主文明的国家，首先是法治的国家；一个… frames.
  if (COUNT_FRAME.test(shared) && (listJoined(all) || longest(members) <= 6)) {
    return true;
  }
  // Short items of a 、 list framed by a negation or a light word (勇于、敢于、善于; 不平衡、不协调、不可持续;
  // 无公平、无和谐、无质量): words of one kind named, not clauses in parallel; the last item may run on into the
  // sentence (不可持续问题依然突出). A content word frames short items (求快、求洋、求大; 山美、水美、人更美).
  if (listJoined(all) && members.length >= 2 && longest(members.slice(0, -1)) <= 3 && [...shared].every((c) => SHORT_LIST_FRAMES.has(c))) {
    return true;
  }
  // Examples of a phenomenon enumerated, closed by 等 or an ellipsis (上学习惯求人，搬家习惯找人帮忙……;
  // 环境被污染，资源遭破坏，交通变拥堵等等).
  const last = all[all.length - 1]!;
  // An ellipsis closing the run's sentence is a trailing flourish (体悟幸福、点亮幸福、实现幸福……); inside the
  // last item (a segment), text after it, it closes examples (从…中，展现了…；从…中，传承了…；从…中，告诫了…
  // ……我们要…; 当一个个…；当一座座…；当一些……历史脉络…).
  if (EXAMPLES_END.test(last.core) || ELLIPSIS.test(last.core) || (next !== undefined && !SENTENCE_ENDS.has(last.mark) && (last.mark === '…' || ELLIPSIS.test(next.core)))) {
    return true;
  }
  // The cases of a concession (无论是…，还是…，都是…; 不论是…，还是…，或是…): alternatives enumerated and
  // what holds for them all, not clauses in parallel; nor does a run open with a later alternative (还是…，或是…).
  if (CONCESSION.test(all[0]!.core) || ALTERNATIVE.test(all[0]!.core)) {
    return true;
  }
  // Two pairs or more: the items alternate between two openings (我们要的是…的发展，不要…的发展；我们要的是…，
  // 不要…); three items only when one opening is a negation (the run taken from a pair's second clause on).
  if (all.length >= 3) {
    const open2 = all.map((c) => c.core.slice(0, 2));
    const even = [...new Set(open2.filter((_, i) => i % 2 === 0))];
    const odd = [...new Set(open2.filter((_, i) => i % 2 === 1))];
    if (even.length === 1 && odd.length === 1 && even[0] !== odd[0] && (all.length >= 4 || /^[不没非]/.test(even[0]!) || /^[不没非]/.test(odd[0]!))) {
      return true;
    }
  }
  // The nouns of a 、 list whose last item runs on into the sentence (管理理念、管理制度、管理手段、管理方法在今天…):
  // the last item judged on as many characters as the longest other item.
  if (listJoined(all) && members.length >= 3) {
    const head = longest(members.slice(0, -1));
    const cut = { ...members[members.length - 1]!, core: members[members.length - 1]!.core.slice(0, head) };
    if ([...members.slice(0, -1), cut].every(nominal)) {
      return true;
    }
  }
  // Every item a noun phrase: things named, not actions or qualities in parallel (个人品德、家庭美德、职业道德;
  // 公共事务、公共事业和公共利益; against 尊重自然、顺应自然 and 山美、水美、人更美).
  if (members.length >= 2 && members.every(nominal)) {
    return true;
  }
  // Kinds enumerated (分为经济问题、政治问题与公共服务问题; 即命题式作文、半命题式作文; 内容：个人品德、家庭美德…).
  if (listJoined(all) && ((ENUMERATION.test(all[0]!.core) && !ENUMERATION.test(shared)) || before === '：' || before === ':')) {
    return true;
  }
  // …的城市，…的城市 is a frame with a slot, not a list of kinds.
  const ending = commonEnding(members);
  if (ending.length > 0 && !ending.includes('的') && CATEGORY_HEADS.some((h) => ending.endsWith(h))) {
    return true;
  }
  return listJoined(all) && /等|之类/.test(all[all.length - 1]!.core);
}

/**
 * Acceptance of an opening (p = 0) or inner frame `f` shared by `members` (the lead-in excluded). An inner
 * frame is a particle (滋养了…，熏陶了…), holds one (识才的慧眼、爱才的诚意), or is a word between a verb and
 * its object in items of like length (把握城市发展内在规律、挖掘城市区域特色、培育城市科学内涵); `lead` tells
 * whether a lead-in clause comes first, and `tailLead` whether it is a 、 list's first item.
 */
function acceptsOpening(f: string, p: number, members: readonly Clause[], lead: boolean, tailLead: boolean, known: (w: string) => boolean): boolean {
  if (!isHan(f[0])) {
    return false;
  }
  if (p === 0) {
    // One character opens a frame as a coverb, modal, negation … (早发现，早预防; 求快、求洋), or before one
    // character each that makes no word with it (做实、做深、做细、做透): 快餐、快递、快车 are words sharing a
    // character, not a frame.
    return f.length >= 2 || FRAME_OPENERS.has(f) || members.every((c) => c.core.length === 2 && !known(c.core));
  }
  // The particle 了 alone frames nothing: clauses sharing it list what one subject did or caused (农民工增长了
  // 见识，积累了经验和资本，点燃了创业的梦想; 腐蚀了…，扰乱了…，冲破了…) — a generic word in the middle with
  // nothing else parallel (test/fixtures/dev-gold/README.md, round 2 and round 4). 着, 过 and 得 still frame.
  if (f === '了') {
    return false;
  }
  if (f.length === 1 && PARTICLES.has(f)) {
    return true;
  }
  // Any character aligned in short items of one length: 用实劲、做实事、求实效; not a light word alone
  // (治国之基、惠民之本、清政之魂 share only 之).
  if (f.length === 1 && LIGHT_INNER.has(f)) {
    return false;
  }
  if (longest(members) <= 5) {
    return members.every((c) => c.core.length === members[0]!.core.length && c.core.startsWith(f, p));
  }
  if (f.length === 1) {
    return PARTICLES.has(f);
  }
  if ([...f].some((c) => INNER_GLUE.has(c))) {
    return true;
  }
  const exact = members.every((c) => c.core.startsWith(f, p));
  return exact && longest(members) * 2 <= shortest(members) * 3 && (!lead || tailLead);
}

/**
 * Acceptance of a lead-in clause opening a run with words of its own: always as the first item of a 、 list
 * (一味求快、求洋、求大); early in a clause (这座山是…，是…) only for a frame opening its items or a particle —
 * a one-character frame inside short items (既有内因，也有外因) is too common to reach back for.
 */
function acceptsLeadIn(f: string, p: number, members: readonly Clause[], tail: boolean): boolean {
  return tail || p === 0 || f.length >= 2 || PARTICLES.has(f) || longest(members) > 4;
}

/** Acceptance of a shared ending `f` by `members` (the first clause excluded: it may open with a lead-in). */
function acceptsEnding(f: string, members: readonly Clause[]): boolean {
  if (!isHan(f[f.length - 1]) || members.length === 0) {
    return false;
  }
  // Items of a 排比 are of like length (山美、水美、人更美); an ending shared by clauses of any length is a
  // repeated word (…高层次论点；…分论点、具体论点).
  if (longest(members) > 2 * shortest(members)) {
    return false;
  }
  return f.length >= 2 || longest(members) <= 6;
}

const MAX_RUN = 40;
const MAX_FRAME = 6;
const MAX_LEAD_IN = 10;

/** Options of a search for runs. */
interface RunOptions {
  /** Frames a little way in (p = 1, 2) and shared endings. */
  inner: boolean;
  /** Marks after which a run does not go on. */
  stops: ReadonlySet<string>;
  /** True when a clause is a noun phrase (its words all nominal by their tags). */
  nominal: (c: Clause) => boolean;
  /** True when a frame is a noun (a topic word rather than a frame). */
  topic: (f: string) => boolean;
  /** True when a noun starts at offset `at` of a clause's core (a head after a modifier: 文化|产品). */
  nounAt: (c: Clause, at: number) => boolean;
  /** True for a word of the dictionary. */
  known: (w: string) => boolean;
  /** True when a run found is a short list after all (isShortList). */
  refuse: (r: ClauseRun) => boolean;
}

/**
 * The best frame at position p (0–2) of clause `s`: the one carrying the most clauses, then the longest.
 * With a frame of three characters or more one clause may come between two items (是不是要…，或…，是不是要…).
 */
function openingRun(cs: readonly Clause[], s: number, opts: RunOptions): { f: string; p: number; members: number[]; twoClauses: boolean } | undefined {
  let best: { f: string; p: number; members: number[]; twoClauses: boolean } | undefined;
  const first = cs[s]!.core;
  for (const skip of ADVERBS.has(first[0] ?? '') ? [0, 1] : [0]) {
    for (let p = 0; p <= (opts.inner ? 2 : 0); p++) {
      for (let k = 1; k <= MAX_FRAME && skip + p + k < first.length; k++) {
        const f = first.slice(skip + p, skip + p + k);
        if (!isHan(f[0]) || !isHan(f[f.length - 1])) {
          break;
        }
        const members = [s];
        let last = s;
        /** Items of two clauses each so far (是一面鉴古通今，判别是非的明镜，是一扇知书达理，教化人心的窗子，是…). */
        let alternating: boolean | undefined;
        for (;;) {
          if (members.length > MAX_RUN || opts.stops.has(cs[last]!.mark)) {
            break;
          }
          const next = last + 1;
          if (next < cs.length && holdsAt(cs[next]!.core, f, p) && cs[next]!.core.length > k) {
            // Items of two clauses go on only as such (没有人文的科技是呆板的，是行尸走肉，没有…，没有…).
            if (alternating === true) {
              break;
            }
            members.push(next);
            last = next;
            alternating = false;
            continue;
          }
          const after = last + 2;
          // One clause between two items: with a long frame (是不是要…，或…，是不是要…), or when it closes a
          // 、 list of the item before (坚持为人民服务、为社会主义服务，坚持百花齐放、百家争鸣，坚持…), or when every
          // item is two clauses parted by a comma, the frame opening the first (是一面…，…的明镜，是一扇…，…的窗子).
          const continued = cs[last]!.mark === '、' && cs[next]?.mark !== '、';
          // The frame opens like a coverb, modal or the copula (是…, 在…的时候, 使其…: not a topic said again, 阅卷人…，
          // 阅卷的工作量…), and the second clause does not hold it elsewhere (需要…，这既需要…，也需要…: an item of its own).
          const twoClauses =
            opts.inner && p === 0 && alternating !== false && cs[last]!.mark === '，' && cs[next]?.mark === '，' && FRAME_OPENERS.has(f[0]!) && !opts.topic(f) && !EXAMPLE_FRAME.test(f) && !cs[next]!.core.includes(k === 1 ? first.slice(0, 2) : f);
          if ((k >= 3 || continued || twoClauses) && after < cs.length && !opts.stops.has(cs[next]?.mark ?? '') && holdsAt(cs[after]!.core, f, p) && cs[after]!.core.length > k) {
            members.push(after);
            last = after;
            alternating ??= twoClauses && !continued && k < 3;
            continue;
          }
          break;
        }
        if (members.length === 1) {
          continue;
        }
        if (!best || members.length > best.members.length || (members.length === best.members.length && (k > best.f.length || (k === best.f.length && p < best.p)))) {
          best = { f, p, members, twoClauses: alternating === true };
        }
      }
    }
  }
  return best;
}

/** The best shared ending from clause `s` on. */
function endingRun(cs: readonly Clause[], s: number, opts: RunOptions): { f: string; last: number } | undefined {
  let best: { f: string; last: number } | undefined;
  const first = cs[s]!.core;
  for (let k = 1; k <= MAX_FRAME && k < first.length; k++) {
    const f = first.slice(first.length - k);
    if (!isHan(f[0]) || !isHan(f[f.length - 1])) {
      continue;
    }
    let last = s;
    while (last + 1 < cs.length && last - s < MAX_RUN && !opts.stops.has(cs[last]!.mark) && cs[last + 1]!.core.length > k && cs[last + 1]!.core.endsWith(f)) {
      last++;
    }
    if (last === s) {
      break;
    }
    if (!best || last > best.last || (last === best.last && k > best.f.length)) {
      best = { f, last };
    }
  }
  return best;
}

/** Index of the first token ending after `from` (tokens are in order). */
function firstTokenAfter(tokens: readonly Token[], from: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= from) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * Tags of words that may stand inside a noun phrase (pronouns and 的 too: 我们的政府, 特色的文化), and of those
 * that may head one.
 */
const NOMINAL_TAG = /^(?:n|vn|an|b|s|f|m|q|j|t|a|r|uj)/;
const HEAD_TAG = /^(?:n|vn|j|t|s)/;

/**
 * True when the Han words of [from, to) (offsets relative to the paragraph) make a noun phrase: nominal or
 * adjectival words ending in a noun (个人品德, 宜居城市); a word the dictionary does not know counts as a noun.
 */
function isNominal(tokens: readonly Token[], from: number, to: number, tagOf: TagOf): boolean {
  const lo = firstTokenAfter(tokens, from);
  let last: string | undefined;
  let any = false;
  for (let i = lo; i < tokens.length && tokens[i]!.start < to; i++) {
    const t = tokens[i]!;
    // The conjunction opening a list's last item (职业道德与社会公德) is not part of it.
    if (!isHan(t.norm[0]) || (!any && (ADVERBS.has(t.norm) || t.norm === '以及'))) {
      continue;
    }
    const tag = tagOf(t.norm);
    if (tag !== undefined && !NOMINAL_TAG.test(tag)) {
      return false;
    }
    // A long dictionary entry tagged as a noun may be a verb phrase (解决问题): its first word tells.
    if (t.norm.length >= 4 && /^v(?!n)/.test(tagOf(t.norm.slice(0, 2)) ?? '')) {
      return false;
    }
    last = tag;
    any = true;
  }
  return any && (last === undefined || HEAD_TAG.test(last));
}

/** The Han words (Simplified) of [from, to), offsets relative to the paragraph. */
function hanWords(tokens: readonly Token[], from: number, to: number): string[] {
  const lo = firstTokenAfter(tokens, from);
  const out: string[] = [];
  for (let i = lo; i < tokens.length && tokens[i]!.start < to; i++) {
    if (isHan(tokens[i]!.norm[0])) {
      out.push(tokens[i]!.norm);
    }
  }
  return out;
}

/** Sequence words by their place in a sequence of steps: 1 opens, 2 continues, 3 closes. */
const STEP_WORDS: Record<string, number> = { 首先: 1, 先: 1, 第一: 1, 其次: 2, 然后: 2, 再: 2, 接着: 2, 再次: 2, 随后: 2, 最后: 3, 最终: 3 };

/** The token starting at `at`, if any (tokens are in order). */
function tokenAt(tokens: readonly Token[], at: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < at) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  const t = tokens[lo];
  return t && t.start === at ? t : undefined;
}

/** Sequences of steps inside the paragraph: 首先…，其次/然后/再…，最后… (three steps or more). */
function stepRuns(cs: readonly Clause[], tokens: readonly Token[]): ClauseRun[] {
  const out: ClauseRun[] = [];
  let run: Clause[] = [];
  let words: string[] = [];
  const flush = (): void => {
    if (run.length >= 3) {
      out.push(clauseRun(run.map(itemOf), words.join('/'), []));
    }
    run = [];
    words = [];
  };
  cs.forEach((c, k) => {
    // The step word as a token of its own: 先 and 再, not 先进 or 再生.
    const t = tokenAt(tokens, c.coreStart);
    const step = t ? (STEP_WORDS[t.norm] ?? 0) : 0;
    if (step === 0) {
      return;
    }
    // A later step in another sentence than the step before opens its sentence, or closes the run (…，最后结尾
    // 再呼应一下): 先…，然后…。…适用于“喜欢先写完文章内容，再回过头去拟标题”的考生 — that 再 is a step of a quoted
    // sequence, not the third of this one.
    const prev = run[run.length - 1];
    if (step === 2 && prev !== undefined && k > 0 && !SENTENCE_ENDS.has(cs[k - 1]!.mark) && cs.slice(cs.indexOf(prev), k).some((x) => SENTENCE_ENDS.has(x.mark))) {
      flush();
      return;
    }
    if (step === 1) {
      flush();
      run = [c];
      words = [t!.norm];
    } else if (run.length > 0) {
      run.push(c);
      words.push(t!.norm);
      if (step === 3) {
        flush();
      }
    }
  });
  flush();
  return out;
}

/**
 * The clause before a run may open it with words of its own before the frame (这座山是…，是…，也是…;
 * 一味求快、求洋、求大): the frame appears early in it, or its tail after the frame is shaped like the items.
 * Returns where its item starts (relative to its core) and whether it is a list's tail, or undefined.
 */
function leadIn(prev: Clause, f: string, p: number, members: readonly Clause[]): { at: number; tail: boolean } | undefined {
  const at = prev.core.lastIndexOf(f);
  if (at < p || prev.core.length <= at + f.length) {
    return undefined;
  }
  const firstAt = prev.core.indexOf(f);
  const early = firstAt >= p && firstAt - p <= MAX_LEAD_IN;
  const rest = prev.core.length - (at - p);
  // Its tail has the items' shape: a 、 list's first item, or short items of one length after a long clause
  // (…之所以多年来扶而不起，帮而不富，助而不强).
  const sameLength = longest(members) <= 6 && shortest(members) === longest(members) && rest === longest(members);
  const tail = (prev.mark === '、' && rest <= longest(members) + 1) || sameLength;
  return early || tail ? { at: at - p, tail } : undefined;
}

/** Words of a consequence opening a clause (则、就、才、便). */
const CONSEQUENCE = /^[则就才便]/;

/**
 * Adverbs opening the second clause of a pair (有…，也有…; 既有…，又有…; 不难于…，而难于…: a contrast's 而).
 */
const PAIR_ADVERBS = new Set([...'也又还而']);

/**
 * Two pairs or more rather than a series: the items alternate between a clause and one opening with 也/又/还
 * (有鲜花掌声，也有荆棘坎坷；有肯定支持，也有批评和质疑).
 */
function pairs(all: readonly Clause[]): boolean {
  const paired = all.map((c) => PAIR_ADVERBS.has(c.core[0] ?? ''));
  const alternate = (odd: boolean): boolean => paired.every((a, i) => a === (i % 2 === (odd ? 1 : 0)));
  return all.length >= 3 && paired.filter((a) => a).length >= 2 && (alternate(true) || alternate(false));
}

function findRuns(cs: readonly Clause[], opts: RunOptions): ClauseRun[] {
  const runs: ClauseRun[] = [];
  let s = 0;
  /**
   * The first clause a lead-in may be: one not taken by a run, or the last item of the run before (营造了可凝思、
   * 可品味、可回味 closes 滋养了…，熏陶了…，营造了… and opens 可{X}).
   */
  let free = 0;
  /** The mark before clause k ('' for the first). */
  const all0 = (k: number): string => (k > 0 ? cs[k - 1]!.mark : '');
  while (s + 1 < cs.length) {
    let open = openingRun(cs, s, opts);
    let taken = -1;
    let listed = -1;
    if (open && open.members.length >= 2) {
      const members = open.members.map((k) => cs[k]!);
      // The lead-in is the clause before, or the one before that when it opens a 、 list the clause before
      // closes (要坚持为人民服务、为社会主义服务，坚持百花齐放…).
      // Items of two clauses each: the lead-in is the clause two back, its second clause the one before.
      const twoBack = s - 2 >= free && (open.twoClauses ? cs[s - 1]!.mark === '，' : cs[s - 2]!.mark === '、' && cs[s - 1]!.mark !== '、' && !cs[s - 1]!.core.includes(open.f)) && cs[s - 2]!.core.includes(open.f);
      const pi = twoBack ? s - 2 : s - 1;
      const prev = pi >= free && (twoBack || !open.twoClauses) ? cs[pi]! : undefined;
      const leadOf = (f: string): ReturnType<typeof leadIn> => (prev && !opts.stops.has(prev.mark) && !(open!.p === 0 && prev.core.startsWith(f)) ? leadIn(prev, f, open!.p, members) : undefined);
      let found = leadOf(open.f);
      // A lead-in holding only the start of the frame (人们可以通过…；可以为社会…；也可以为民族…: 可以, not 可以为)
      // opens the run with that start as the frame, when it is a word opening like a modal or coverb (可以, 能够,
      // 对于), not a noun (公共文化…，公共文化服务…; 学习范文…，学习范文中的… are a topic said again).
      for (let k = open.f.length - 1; !found && open.p === 0 && k >= 2; k--) {
        const f = open.f.slice(0, k);
        found = FRAME_OPENERS.has(f[0]!) && opts.known(f) && !opts.topic(f) ? leadOf(f) : undefined;
        if (found) {
          open = { ...open, f };
        }
      }
      const lead = found && acceptsLeadIn(open.f, open.p, members, found.tail) ? found : undefined;
      const before = all0(lead !== undefined ? pi : s);
      // With the lead-in clause if it may open the run, else the items alone.
      const candidates = lead && prev ? [[prev, ...members], members] : [members];
      for (const all of candidates) {
        const withLead = all.length > members.length;
        // A noun opening long clauses is their topic said again, not a frame (科技的下一个路口…，科技将变得…);
        // a noun opening the items of a 、 list names what they are about (法治人才缺乏、法治观念薄弱).
        // So is a noun modifying a head noun of each item: facets of one topic and their trends (文化产业快速发展，
        // 文化产品明显增多，文化服务质量显著提升), where anaphora repeats the noun itself (文化的视野…，文化仇恨着…)
        // or a word tagged as a noun takes an object (事关国家长治久安，事关人民安居乐业).
        const facets = !/[关乎系于到及]$/.test(open.f) && members.every((c) => {
          const at = c.core.indexOf(open!.f);
          return at >= 0 && at <= 2 && opts.nounAt(c, at + open!.f.length);
        });
        const topic = open.p === 0 && opts.topic(open.f) && (shortest(members) >= 9 || listJoined(all) || facets);
        // A correlative pair after a lead-in (这就要求…，既要讲道理，又要摆事实) is two items, not three.
        const correlative = withLead && members.length === 2 && /^(?:既|不仅|不但|不只|一方面)/.test(members[0]!.core) && /^(?:又|也|还|而且|更|另一方面)/.test(members[1]!.core);
        if (all.length < 3 || topic || correlative || !acceptsOpening(open.f, open.p, members, withLead, withLead && (lead?.tail ?? false), opts.known)) {
          continue;
        }
        // Judged with the mark that parts each item from the next (a clause between two items closes with ，
        // when the first item's 、 opened a list of its own: 坚持科技自立、人才强国，坚持…).
        const idx = withLead ? [pi, ...open.members] : open.members;
        const parted = all.map((c, i) => (i + 1 < idx.length ? { ...c, mark: cs[idx[i + 1]! - 1]!.mark } : c));
        if (pairs(all) || isList(parted, parted.slice(withLead ? 1 : 0), open.f, withLead ? before : all0(s), opts.nominal, cs[open.members[open.members.length - 1]! + 1])) {
          // A list is passed over whole: its tail is the same list (and searching it again from each of its
          // items would make a long list slow).
          listed = Math.max(listed, open.members[open.members.length - 1]!);
          continue;
        }
        {
          const template = open.p === 0 ? `${open.f}{X}` : `{X}${open.f}{Y}`;
          // A frame opening with a word of consequence, one clause between items (少年强，则中国强，少年智，则
          // 中国智…): each item is a condition and its outcome, and starts with the condition.
          const at = open.members;
          const conditioned = !withLead && CONSEQUENCE.test(open.f) && at.every((m, i) => m - 1 >= free && (i === 0 || at[i - 1]! < m - 1));
          const items = all.map((c, i) => ({ start: conditioned ? cs[at[i]! - 1]!.start : c.start, end: c.end }));
          const run = clauseRun(items, template, [open.f]);
          if (opts.refuse(run)) {
            listed = Math.max(listed, open.members[open.members.length - 1]!);
            continue;
          }
          runs.push(run);
          taken = open.members[open.members.length - 1]!;
          break;
        }
      }
    }
    const end = taken < 0 && opts.inner ? endingRun(cs, s, opts) : undefined;
    if (end && end.last - s + 1 >= 3) {
      const all = cs.slice(s, end.last + 1);
      // A noun closing long clauses is their topic said again (…消费多元需求，…个性化需求，…不同需求); a bare noun
      // closing shorter ones is the thing they act on or the kind they name (吸引人才，在实践中培育人才，…留住人才;
      // 豆制品食品安全标准、食品添加剂安全标准…), where a 排比 shares a predicate (…堪忧, …相结合, …的机会).
      const noun = opts.topic(end.f) || (!opts.known(end.f) && end.f.length > 2 && opts.topic(end.f.slice(-2)));
      const topic = noun && shortest(all.slice(1)) >= 12;
      const bareNoun = noun && !end.f.includes('的');
      const run = clauseRun(all.map(itemOf), `{X}${end.f}`, [end.f]);
      // A short list refused here leaves its clauses to a frame opening them (协商民主讲究有事多商量、有事好商量、
      // 有事会商量 share 商量 too).
      if (!topic && acceptsEnding(end.f, all.slice(1)) && !isList(all, all.slice(1), end.f, all0(s), opts.nominal, cs[end.last + 1]) && !opts.refuse(run) && !bareNoun) {
        runs.push(run);
        taken = end.last;
      }
    }
    if (taken >= 0) {
      free = taken;
    }
    s = taken >= 0 ? taken + 1 : Math.max(s, listed) + 1;
  }
  return runs;
}

/** Longest common subsequence of two word lists (short: clauses have a few words). */
function commonWords(a: readonly string[], b: readonly string[]): string[] {
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      out.push(a[i]!);
      i++;
      j++;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return out;
}

/** Clauses or segments of more words are not aligned (the alignment is quadratic in their length). */
const MAX_ALIGNED_WORDS = 60;

/** Words too light to make a frame by themselves (是…的 is in every other clause). */
const LIGHT_WORDS = new Set([...'的了是在和与及或也都就而并把被对为着得地之有不']);

/**
 * Runs of clauses aligned on a frame with slots anywhere, not only at their start (科技创新是发展的引擎，人才
 * 培养是发展的基础，制度建设是发展的保障 → {X}是发展的{Y}): three or more consecutive clauses of one sentence
 * whose words share, in order, a word of two characters or more besides light words, making at least two
 * fifths of each clause's words.
 */
function alignedRuns(
  cs: readonly Clause[],
  words: ReadonlyArray<readonly string[]>,
  taken: (k: number) => boolean,
  nominal: (c: Clause) => boolean,
  tagOf: TagOf | undefined,
  stops: ReadonlySet<string> = SENTENCE_ENDS,
): ClauseRun[] {
  const out: ClauseRun[] = [];
  // A frame of nouns alone is a topic said again (医疗资源匮乏，医疗资源地区分配不均，加剧医疗资源的争夺): it
  // needs a verb, the copula or a coverb (是发展的, 安置…户…人).
  const structural = (w: string): boolean => (LIGHT_WORDS.has(w) ? !/^[的和与及或]$/.test(w) : !/^n/.test(tagOf?.(w) ?? 'n'));
  const frameOk = (common: readonly string[], members: number[]): boolean =>
    common.length >= 2 &&
    common.some((w) => w.length >= 2 && !LIGHT_WORDS.has(w)) &&
    common.some(structural) &&
    members.every((k) => common.length * 5 >= words[k]!.length * 2);
  let s = 0;
  while (s + 2 < cs.length) {
    if (taken(s) || words[s]!.length < 2 || words[s]!.length > MAX_ALIGNED_WORDS) {
      s++;
      continue;
    }
    let common: string[] = [...words[s]!];
    const members = [s];
    while (members.length < MAX_RUN) {
      const last = members[members.length - 1]!;
      const next = last + 1;
      if (next >= cs.length || taken(next) || stops.has(cs[last]!.mark) || words[next]!.length > MAX_ALIGNED_WORDS) {
        break;
      }
      const c = commonWords(common, words[next]!);
      if (!frameOk(c, [...members, next])) {
        break;
      }
      common = c;
      members.push(next);
    }
    const all = members.map((k) => cs[k]!);
    const before = members[0]! > 0 ? cs[members[0]! - 1]!.mark : '';
    if (members.length >= 3 && !isList(all, all.slice(1), common.join(''), before, nominal, cs[members[members.length - 1]! + 1])) {
      out.push(clauseRun(all.map(itemOf), common.join('…'), common.filter((w) => !LIGHT_WORDS.has(w))));
    }
    // A run refused as a list is passed over whole: its tail would be refused alike (and aligning it again
    // from each of its clauses would make a long list quadratic).
    s = members.length >= 3 ? members[members.length - 1]! + 1 : s + 1;
  }
  return out;
}

/** One-character modals (and the passive 被) that pivot clauses after their subjects (政府要…，群众要…; 思想被…，习惯被…). */
const PIVOT_MODALS = new Set([...'要会能应需必被']);
/**
 * Tags of words of two characters that pivot a 排比: adverbs and adjectives (深刻, 就是, 更加). A verb or a
 * verbal noun shared in the middle of clauses is mostly their topic said again (放慢生活的脚步，追求“慢生活”…;
 * 融入经济建设、政治建设…).
 */
const PIVOT_TAG = /^(?:d|a|ad|c)$/;
const MAX_PIVOT_CLAUSE = 20;
/** Characters of adverbs and conjunctions that may stand before a pivot instead of a subject (既要, 不仅要). */
const ADVERBIAL = new Set([...'既也还更又并而不仅但先再就才都均亦总却']);
/** Characters opening a connective or a demonstrative rather than a subject (但, 也就是说, 说到底, 这). */
const PIVOT_CONNECTIVES = new Set([...'即但也就这那而并所因说']);
const MAX_PIVOT_AT = 8;

/**
 * Runs of short clauses of one sentence sharing a word after subjects of their own — the subjects differ, the
 * word is the frame (经济体制深刻变革，社会结构深刻变动，利益格局深刻调整; 绿水青山就是金山银山，保护生态环境
 * 就是保护生产力…; 网络文明才会…，网络秩序才会…，互联网行业才会…; 政府要…，群众要…，媒体要…). The word is a
 * token one to eight characters in, an adverb or adjective of two characters (by its tag) or a one-character
 * modal; each clause is
 * short; a clause closing a 、 list of the item before may come between two items.
 */
function pivotRuns(cs: readonly Clause[], tokens: readonly Token[], tagOf: TagOf, nominal: (c: Clause) => boolean, taken: (k: number) => boolean): ClauseRun[] {
  const out: ClauseRun[] = [];
  /** Offset (in the core) of the first token `w` one to MAX_PIVOT_AT characters into clause k, or -1. */
  const pivotAt = (k: number, w: string): number => {
    const c = cs[k]!;
    for (let at = 1; at <= MAX_PIVOT_AT && at + w.length <= c.core.length; at++) {
      const t = tokenAt(tokens, c.coreStart + at);
      if (t && t.norm === w) {
        return at;
      }
    }
    return -1;
  };
  const pivots = (k: number): string[] => {
    const c = cs[k]!;
    const out: string[] = [];
    for (let at = 1; at <= MAX_PIVOT_AT && at < c.core.length; at++) {
      const t = tokenAt(tokens, c.coreStart + at);
      if (!t || !isHan(t.norm[0]) || t.end > c.coreStart + c.core.length - 1) {
        continue;
      }
      const tag = tagOf(t.norm) ?? 'n';
      const ok = t.norm.length >= 2 ? PIVOT_TAG.test(tag) && !NOT_SEGMENT_FRAMES.test(t.norm) : PIVOT_MODALS.has(t.norm);
      if (ok) {
        out.push(t.norm);
      }
    }
    return out;
  };
  const fits = (k: number): boolean => k < cs.length && !taken(k) && cs[k]!.core.length <= MAX_PIVOT_CLAUSE;
  let s = 0;
  while (s + 2 < cs.length) {
    let best: number[] = [];
    let word = '';
    if (fits(s)) {
      for (const w of pivots(s)) {
        const members = [s];
        for (;;) {
          const last = members[members.length - 1]!;
          if (SENTENCE_ENDS.has(cs[last]!.mark)) {
            break;
          }
          const next = last + 1;
          if (fits(next) && pivotAt(next, w) > 0) {
            members.push(next);
            continue;
          }
          // A clause closing a 、 list of the item before (政府要主动、自觉地改，群众要…).
          if (cs[last]!.mark === '、' && next < cs.length && cs[next]!.mark !== '、' && !SENTENCE_ENDS.has(cs[next]!.mark) && fits(next + 1) && pivotAt(next + 1, w) > 0) {
            members.push(next + 1);
            continue;
          }
          break;
        }
        if (members.length > best.length) {
          best = members;
          word = w;
        }
      }
    }
    const all = best.map((k) => cs[k]!);
    // The subjects differ: one shared opening is a frame found elsewhere, or a topic said again.
    const subjects = best.map((k) => cs[k]!.core.slice(0, pivotAt(k, word)));
    // Subjects, not adverbs before the word (我们要…，既要…，也要…: an opening 要 with a lead-in).
    // Nor a later clause opening with a connective (即角度要小，但视野要开阔，也就是说我们要…): a commentary, not
    // parallel subjects; the first may (即开头要…，中间要…，结尾要…).
    const adverbial = subjects.some((x, i) => (x.length <= 2 && [...x].every((c) => ADVERBIAL.has(c))) || (i > 0 && PIVOT_CONNECTIVES.has(x[0] ?? '')));
    if (best.length >= 3 && new Set(subjects).size === best.length && !adverbial && !isList(all, all.slice(1), word, s > 0 ? cs[s - 1]!.mark : '', nominal, cs[best[best.length - 1]! + 1])) {
      out.push(clauseRun(all.map(itemOf), `{X}${word}{Y}`, [word]));
      s = best[best.length - 1]! + 1;
    } else {
      s++;
    }
  }
  return out;
}

/** Marks that end a segment: a sentence or a part of one closed by ；. */
const SEGMENT_MARKS = new Set([...'；。！？;!?\n\r\t']);
/** Openings of segments that are the language's connectives, not a frame (我们…；我们…). */
const NOT_SEGMENT_FRAMES = /^(?:我们|他们|你们|这些|那些|这个|这种|因此|所以|但是|同时|如果|虽然|然而|而且|并且|其中|此外|另外|例如|比如)/;

/** Han characters of a text. */
const hanLength = (s: string): number => [...s].filter((c) => isHan(c)).length;

/** The mark before offset `at` of the prose, past spaces and opening quotes or brackets. */
function markBefore(prose: string, at: number): string {
  let i = at - 1;
  while (i >= 0 && (SPACES.has(prose[i]!) || OPENERS.has(prose[i]!) || CLOSERS.has(prose[i]!))) {
    i--;
  }
  return i >= 0 ? prose[i]! : '';
}

/** Items of this many Han characters or fewer make a list; 、 items of SHORT_LIST_ITEMS or fewer, unless anaphora. */
const SHORT_ITEMS = 4;
const SHORT_LIST_ITEMS = 6;

/**
 * Round 3 of the dev reading (test/fixtures/dev-gold/README.md): short items make a list, not a 排比 —
 * items of four characters or fewer after the first (聚民意、展民智、得民心; 求快、求洋、求大; 有热情，有担当，
 * 有坚持; 扶而不起，帮而不富，助而不强); 、 items of six characters or fewer inside one clause unless they
 * share an opening of two characters or more (有事多商量、有事好商量、有事会商量 is a 排比; 识才的慧眼、爱才的
 * 诚意、用才的胆识 and 彰显城镇魅力、挖掘城镇优势、立足城镇实际 are lists); a shared ending alone in 、 items or
 * short ones (尊重自然、顺应自然、保护自然; 决策办事依法、解决问题用法、化解矛盾靠法); measures sharing only a
 * noun inside, the thing acted on (明确政府责任范围，简化政府工作流程，提升政府工作水平; 弘扬…工人的力量，塑造
 * 工人的正面形象). Sequences of steps are not judged here. `topic` tells a noun.
 */
function isShortList(prose: string, r: ClauseRun, topic: (w: string) => boolean, adjective?: (w: string) => boolean): boolean {
  if (r.template.includes('/')) {
    return false;
  }
  const rest = r.items.slice(1);
  const joined = rest.every((it) => markBefore(prose, it.start) === '、');
  // The fixed pattern 以X为Y in clauses of their own (以德为先，以能为本，以绩为重) is a 排比 however short.
  if (!rest.some((it) => markBefore(prose, it.start) === '、') && r.items.every((it) => /^[^，,；;]{0,4}以[^，,；;、为]{1,6}为[^，,；;、]{1,6}$/u.test(prose.slice(it.start, it.end)))) {
    return false;
  }
  // Judged without the last item: it may run on into the sentence (高投入、高消耗、高污染的粗放型发展方式), or
  // be a sentence opening with a short clause (有人说…，有人说…，还有人说，…).
  const body = rest.length > 1 ? rest.slice(0, -1) : rest;
  const short = Math.min(...body.map((it) => hanLength(prose.slice(it.start, it.end))));
  if (short <= SHORT_ITEMS) {
    return true;
  }
  const opening = /^[^{]+\{X\}$/.test(r.template) ? r.template.slice(0, -3) : '';
  if (joined && short <= SHORT_LIST_ITEMS && opening.length < 2) {
    return true;
  }
  const ending = /^\{X\}[^{]+$/.test(r.template);
  if (ending && (joined || short <= SHORT_LIST_ITEMS)) {
    return true;
  }
  const inner = /^\{X\}([^{]+)\{Y\}$/.exec(r.template)?.[1];
  // A count inside (每一个方面…，每一个方面…，哪一个论点…) frames nothing either, nor an adjective met at different
  // depths, part of a topic term (学习和谐文化，是与人和谐的…，追求和谐文化; 只有伟大的党，才能团结带领伟大的人民…).
  if (inner === undefined) {
    return false;
  }
  const qualifies =
    (adjective?.(inner.replace(/的$/, '')) ?? false) &&
    r.items.some((it, k) => {
      const item = prose.slice(it.start, it.end);
      const at = item.indexOf(inner);
      // Deeper than a verb of its own in an item after the first (研究新情况，总结新经验，解决新问题 is a frame) and
      // before an object (天变不足畏 shares a predicate).
      return k > 0 && at >= 0 && hanLength(item.slice(0, at)) > 2 && hanLength(item.slice(at + inner.length)) >= 1;
    });
  return topic(inner.replace(/的$/, '')) || COUNT_FRAME.test(inner) || qualifies;
}

/**
 * Runs of parallel clauses in one paragraph. `prose` is the paragraph's Simplified prose, `tokens` its
 * tokens (offsets relative to the paragraph, like everything here).
 */
export function clauseRunsOf(prose: string, tokens: readonly Token[], tagOf?: TagOf): ClauseRun[] {
  const cs = splitClauses(prose).filter((c) => hasHanChar(c.core));
  const nominal = (c: Clause): boolean => (tagOf ? isNominal(tokens, c.coreStart, c.coreStart + c.core.length, tagOf) : false);
  // A noun (科技, 乡村), not a modal or coverb the dictionary happens to tag as one (方能).
  const topic = (f: string): boolean => /^n/.test(tagOf?.(f) ?? '') && !FRAME_OPENERS.has(f[0]!) && !/[能要会可应须]/.test(f);
  // Inside clauses a verbal noun is the thing acted on too (把握发展规律，创新发展理念，转变发展方式; 科学管理之父、
  // 管理学家——泰罗说：“公共管理…): at the opening it may be the subject of anaphora (发展为了人民、发展依靠人民).
  const topicInside = (f: string): boolean => topic(f) || (tagOf?.(f) === 'vn' && !FRAME_OPENERS.has(f[0]!));
  const known = (w: string): boolean => tagOf?.(w) !== undefined;
  /** An adjective (新, 和谐) shared inside clauses qualifies their objects. */
  const adjective = (w: string): boolean => /^a/.test(tagOf?.(w) ?? '');
  const nounAt = (c: Clause, at: number): boolean => {
    const t = tokenAt(tokens, c.coreStart + at);
    return t !== undefined && /^n(?!r)/.test(tagOf?.(t.norm) ?? '');
  };
  /** Short lists refused, kept aside for a recap. */
  const short: ClauseRun[] = [];
  const refuse = (r: ClauseRun): boolean => {
    const refused = isShortList(prose, r, topicInside, adjective);
    if (refused) {
      short.push(clauseRun(r.items, r.template, r.words, true));
    }
    return refused;
  };
  const runs = findRuns(cs, { inner: true, stops: SENTENCE_ENDS, nominal, topic, nounAt, known, refuse });
  // Items of two clauses each, parted by ；: 一提到北京，就让人联想到故宫；一提到西安，…；一提到上海，….
  const segments = splitClauses(prose, SEGMENT_MARKS).filter((c) => hasHanChar(c.core));
  /** Item starts of the runs kept so far: a later kind of run does not take an item again. */
  const starts = new Set(runs.flatMap((r) => r.items.map((it) => it.start)));
  const keep = (r: ClauseRun): void => {
    if (!r.items.some((it) => starts.has(it.start))) {
      runs.push(r);
      r.items.forEach((it) => starts.add(it.start));
    }
  };
  for (const r of findRuns(segments, { inner: false, stops: FULL_STOPS, nominal, topic, nounAt, known, refuse })) {
    if (!NOT_SEGMENT_FRAMES.test(r.words[0] ?? '')) {
      keep(r);
    }
  }
  // Frames with slots anywhere, on the clauses no run above has taken.
  const words = cs.map((c) => hanWords(tokens, c.coreStart, c.coreStart + c.core.length));
  for (const r of alignedRuns(cs, words, (k) => starts.has(cs[k]!.start), nominal, tagOf)) {
    keep(r);
  }
  // Verb-object clauses of one shape with no frame word (简政放权、减轻税负、加强执法) are not looked for: read
  // strictly they are a list of measures, not a 排比 (test/fixtures/dev-gold/README.md, round 2).
  // Segments aligned on a frame with slots (海洋接受万千河流，它也选择为…付出…；山峰接受万千树木，它也选择为…).
  const segmentWords = segments.map((c) => hanWords(tokens, c.coreStart, c.coreStart + c.core.length));
  const itemStarts = runs.flatMap((r) => r.items.map((it) => it.start)).sort((a, b) => a - b);
  const covered = (c: Clause): boolean => {
    let lo = 0;
    let hi = itemStarts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (itemStarts[mid]! < c.start) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo < itemStarts.length && itemStarts[lo]! < c.end;
  };
  for (const r of alignedRuns(segments, segmentWords, (k) => covered(segments[k]!), nominal, tagOf, FULL_STOPS)) {
    keep(r);
  }
  for (const r of stepRuns(cs, tokens)) {
    keep(r);
  }
  // A word in the middle of short clauses, after a subject of their own (政府要…，群众要…，媒体要…).
  if (tagOf) {
    for (const r of pivotRuns(cs, tokens, tagOf, nominal, (k) => starts.has(cs[k]!.start))) {
      keep(r);
    }
  }
  // Cases of one phenomenon told by 有的…，有的…，（还）有的… (有的关注滩涂保护，有的关注…，有的关注…; 有的是…，有的
  // 是…，还有的是…): examples enumerated, a list by the reading of test/fixtures/dev-gold/README.md (round 2).
  const cases = (r: ClauseRun): boolean => r.items.slice(1).every((it) => /^[还也更又]?有的/.test(prose.slice(it.start, it.end).replace(/^[\s“‘「『《（(【]+/, '')));
  const kept = runs.filter((r) => !cases(r) && !refuse(r));
  // The short lists, where no run kept holds their clauses.
  const held = new Set(kept.flatMap((r) => r.items.map((it) => it.start)));
  for (const r of short) {
    if (!r.items.some((it) => held.has(it.start))) {
      kept.push(r);
      r.items.forEach((it) => held.add(it.start));
    }
  }
  return kept.sort((a, b) => a.items[0]!.start - b.items[0]!.start);
}
