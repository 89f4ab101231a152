/**
 * phrasing/confusable — a word written in the form of its look-alike or sound-alike, decided from the words
 * around it: the structural particles 的/地/得 (更好的发挥 → 更好地发挥, 理解的非常深刻 → 理解得非常深刻,
 * 美丽地风景 → 美丽的风景) and the word pairs of the genre's proofreaders: 权利/权力, 截止/截至, 必须/必需,
 * 作为/做为, 作用/做用, 部署/布署, 已经/以经, 再次/在次, 像/象, 反映/反应, 制定/制订, 那么/哪么, 哪怕/那怕.
 *
 * Precision comes before recall: a finding needs the grammar of its neighbours (the parts of speech of the
 * segmenter's dictionary) and, for the word pairs and the adverbials before 地, the corpus model's word
 * bigrams, with a margin. Where the neighbours leave room for the written form (更好的发展 is a noun phrase
 * after 实现; 他说的很对 is "what he said is right"), nothing is reported.
 *
 * A word that holds one of the characters (目的地 得到 取得 值得 的确 目的 地方 土地 现象 对象) is never split:
 * the segmenter keeps it whole, and only a particle standing alone as its own token is judged.
 *
 * ✗ 要更好的发挥作用        ✓ 要更好地发挥作用
 * ✗ 理解的非常深刻。        ✓ 理解得非常深刻。
 * ✗ 把权利关进制度的笼子    ✓ 把权力关进制度的笼子
 * ✓ 实现更好的发展 · 我的书 · 目的地 · 取得的成绩 · 他说的很对
 *
 * Fix: the other form; automatic only where the margin is wide (a misspelling that is no word, such as 布署
 * or 哪么, or corpus odds of 30 to 1 for the other particle), otherwise a suggestion. Severity follows the
 * margin: a context-decided finding whose fix is a suggestion is reported one level lower (on the clean dev
 * essays the automatic ones were all right; on held-out essays the suggestions were right about 3 times in 4).
 *
 * House style: with the setting wenfeng.qitaForm or wenfeng.zuochuForm (off by default), the form not
 * chosen (其它 when 其他 is chosen; 做出 when 作出 is) is flagged as a whole word, with an automatic fix.
 *
 * Only Simplified text is judged (the corpus model and the pairs are Simplified).
 */
import * as l10n from '@vscode/l10n';
import type { ParagraphRule } from '../../rule';
import type { CorpusModel, Segmenter, Token } from '../../types';

/** One finding: `found` at [start, end) of the paragraph should read `expected`. */
export interface Confusion {
  start: number;
  end: number;
  found: string;
  expected: string;
  /** The confusion set, `written→expected` for the particles (的→地) and `right/wrong` for word pairs. */
  set: string;
  /** True when the fix may be applied without looking. */
  auto: boolean;
  /** True when the finding is reported one severity lower (a reading the context does not exclude). */
  tentative?: boolean;
}

const HAN_ONLY = /^\p{Script=Han}+$/u;

/** Degree words that open the complement of 得 (理解得非常深刻, 做得很好, 发展得更快). */
const DEGREE = new Set(['很', '非常', '十分', '特别', '相当', '比较', '更加', '越来越', '格外', '极其', '极为', '尤为', '更', '太', '过于', '较为', '如此', '这么', '那么', '更为', '愈发', '愈加', '越发', '再', '挺', '蛮', '极']);
/** Words of the 得 complement that are themselves a degree and an adjective (很好 很快 很大 不错). */
const DEGREE_WORD = /^(?:很|挺|蛮|不错$|不够$)/;
/** Words closing a 得 complement besides punctuation: 了, modal particles, a second coordinated adjective. */
const COMPLEMENT_CLOSE = new Set(['了', '啊', '呀', '吧', '呢', '啦', '而', '又', '也', '些', '多', '点', '一些', '一点']);
/** Adjectives that, after 不, make a negative complement (落实得不到位, 理解得不透彻). */
const NEGATIVE_COMPLEMENT = new Set(['到位', '透彻', '扎实', '深入', '够', '充分', '全面', '彻底', '细致', '准确', '好', '够好', '清楚', '明白', '及时', '理想', '突出', '平衡', '协调', '牢固']);
/**
 * Verbs of saying and thinking: 他说的很对 is "what he said is right", so their 的 before a verdict is left
 * alone (他说得很对 is also right; the writer's 的 is not a slip).
 */
const SAYING = new Set(['说', '讲', '写', '提', '想', '指出', '提出', '认为', '讲述', '所说', '所讲', '看到', '听到', '说过', '谈', '讲过', '想到', '做']);
/** Verdicts after a verb of saying: 说的很对, 讲的不错. */
const VERDICT = new Set(['对', '正确', '错', '有道理', '准确', '在理', '好', '不错', '很好', '很对', '精彩', '深刻']);
/**
 * Words before an adverbial + 的 + verb that make the whole a noun phrase, 的 then being right: 实现更好的发展,
 * 通过不断的努力, 进行有效的管理, 取得积极的进展.
 */
const NOMINAL_GOVERNOR = new Set(['进行', '实现', '取得', '得到', '获得', '作出', '做出', '给予', '给', '加以', '经过', '通过', '有', '是', '受到', '带来', '提供', '开展', '需要', '形成',
  '采取', '推动', '促进', '加强', '保持', '迎来', '展开', '成为', '赢得', '作为', '体现', '以', '为', '在', '对', '和', '与', '及', '的', '之', '一种', '一个', '这种', '这样', '那种', '种种',
  '予以', '引起', '实施', '推进', '达到', '做到', '得以', '注重', '重视', '依靠', '离不开', '缺乏', '缺少', '呼唤', '需求', '要求', '追求', '倡导', '强调',
  '具有', '具备', '起到', '起', '起着', '发挥', '产生', '拥有', '存在', '面临', '属于', '提出', '树立', '建立', '构建', '掌握']);
/** Particles and complements right after a verb that show it is used as a verb (参与到, 发展了, 走出). */
const VERBAL_FOLLOWER = new Set(['了', '着', '过', '到', '出', '起', '起来', '下去', '好', '于', '在', '给', '成', '为', '上', '下', '进', '出来', '开来', '住']);
/** Modal and copular verbs: 更为深刻的可能是 is no adverbial before a verb. */
const MODAL = new Set(['可能', '是', '有', '能', '会', '要', '应该', '应当', '可以', '能够', '需要', '必须', '就是', '在于', '成为']);
/** Words after a verb that show it heads a noun phrase or a subject (论证最直接的体现就是, 单纯的堵车还只是). */
const NOT_AFTER_VERB = new Set(['的', '和', '与', '及', '或', '之', '者', '中', '上', '是', '就', '则', '便', '也', '都', '还', '即', '又', '才']);
/** Words that follow a compound noun used as a subject (惩治手段是不够的). */
const SUBJECT_FOLLOWER = new Set(['是', '就', '也', '都', '还', '可以', '能', '将', '已', '则', '便']);
/** Single-character suffixes that make a noun of a verb (匹配性 服务型 发展观). */
const NOUN_SUFFIX = new Set(['性', '度', '化', '者', '率', '力', '感', '式', '型', '法', '家', '员', '观', '权', '品', '量', '面', '点', '物', '人']);
/** Personal pronouns: 我们地/我们得祖国 is always 的. */
const PERSONAL = new Set(['我', '我们', '你', '你们', '他', '他们', '她', '她们', '它', '它们', '咱们', '自己', '大家', '人们']);
/** Adverbs that take 得 as "must" (还得努力 就得改 也得做 都得管): never 得 → 地. */
const MODAL_BEFORE_DEI = new Set(['还', '就', '也', '都', '才', '又', '总', '只', '必须', '非', '可', '倒', '却', '总得', '仍', '仍然', '还是']);
/** After 截止 a deadline noun: 截止日期, 截止时间 (right as written). */
const DEADLINE = new Set(['日期', '时间', '期限', '时限', '日', '时', '期', '前', '后', '时间点', '到']);
/** Time words after 截止 that make it 截至 (截止目前 → 截至目前). */
const TIME_POINT = new Set(['目前', '当前', '现在', '今天', '今年', '去年', '本月', '上月', '年底', '年末', '月底', '发稿', '今日', '昨日', '本周', '上周', '日前', '此时', '当时']);

const words = (s: string): ReadonlySet<string> => new Set(s.split(' '));

/**
 * Word pairs decided by their context: a word → its look-alike, with cue words for each reading. A cue
 * right before or after the word weighs like a well-attested corpus bigram; a cue farther away in the same
 * clause (within {@link CUE_WINDOW} words) counts for less. Cues are needed because the corpus has slips of
 * its own (权利寻租 in three essays against five for 权力寻租), so that its counts alone give no margin.
 */
interface PairRule {
  alt: string;
  set: string;
  /** Cue words of the look-alike's reading (before, after, anywhere in the clause). */
  altPrev: ReadonlySet<string>;
  altNext: ReadonlySet<string>;
  altNear: ReadonlySet<string>;
  /** Cue words of the written word's reading. */
  ownPrev: ReadonlySet<string>;
  ownNext: ReadonlySet<string>;
  ownNear: ReadonlySet<string>;
  /** Evidence the look-alike needs, and the factor by which it must outweigh the written word's. */
  min: number;
  /** True when the two are variants an editor prefers rather than a slip: reported one severity lower. */
  tentative?: boolean;
}

const POWER_PREV = words('动用 管辖 定价 手里 行政 公共 国家 滥用 手中 绝对 政府 公 审批 约束 制约 监督 下放 集中 运用 手握 掌握 执法 执政 规范 限制 监管 政治 领导 决策 管理 人事 手上 滥 权 用');
const POWER_NEXT = words('寻租 关进 装进 滥用 运行 下放 机关 集中 腐败 制约 监督 异化 任性 机构 部门 清单 运作 边界 变现 配置 来源于 来自 行使 在 结构 约束 膨胀 过大 过分 失控');
const POWER_NEAR = words('下放 管辖 人事 配置 看淡 笼子 寻租 滥用 腐败 制约 监督 约束 权为民所用 官员 干部 领导 审批 简政放权 放权 公权 政府 执法 职权 职责 责任 权责 运行 阳光 关进 任性 规范');
const RIGHT_PREV = words('合法 公民 享有 基本 平等 知情 受教育 财产 选举 表达 人身 妇女 儿童 消费者 民事 生存 劳动者 劳动 工人 个人 维护 保障 尊重 侵犯 侵害 剥夺 争取 主张 自主 话语 应有 正当 同等 教育 发展 参与 隐私 合理 监督');
const RIGHT_NEXT = words('义务 意识 主体 保障 得不到 受到 受损 被 人');
const RIGHT_NEAR = words('义务 享有 维护 保障 侵犯 侵害 剥夺 尊重 公民 合法 平等 权益 消费者 劳动者 知情 受教育 人权 保护');
const REFLECT_PREV = words('充分 集中 真实 如实 客观 深刻 直接 更是 也 所 向 群众 据 不能 能够 能 这 这也 恰当 恰恰 正 从而 进而 可以 会 都 以 要 及时 普遍 纷纷 学员 考生 网友 市民 居民 有人 有些');
const REFLECT_NEXT = words('了 出 出来 问题 情况 诉求 民意 民情 心声 现实 社会 国民素质 实际 本质 人 事物 科学 材料 时代 出了 着');
const REACT_PREV = words('化学 连锁 过敏 不良 第一 剧烈 迅速 快速 激烈 作出 做出 应急 热烈 本能 条件 生理 心理 正常 过度 神经 一系列');
const REACT_NEXT = words('迅速 速度 能力 机制 太慢 过度 灵敏 不一 平平 过来 堆 时间 快 慢 敏捷 机敏');
const LAW = words('法律 法规 法律法规 政策 政策措施 条例 宪法 制度 标准 规章 办法 规则 规范 准则 公约 法 措施 机制 战略 方针 细则 政 章程 守则 纪律 制度体系');
const PLAN = words('计划 方案 规划 预案 日程 进度 时间表 课程');

const PAIRS: ReadonlyMap<string, PairRule> = new Map<string, PairRule>([
  ['权利', { alt: '权力', set: '权利/权力', min: 4, altPrev: POWER_PREV, altNext: POWER_NEXT, altNear: POWER_NEAR, ownPrev: RIGHT_PREV, ownNext: RIGHT_NEXT, ownNear: RIGHT_NEAR }],
  ['权力', { alt: '权利', set: '权利/权力', min: 4, altPrev: RIGHT_PREV, altNext: RIGHT_NEXT, altNear: RIGHT_NEAR, ownPrev: POWER_PREV, ownNext: POWER_NEXT, ownNear: POWER_NEAR }],
  ['反应', { alt: '反映', set: '反映/反应', min: 4, altPrev: REFLECT_PREV, altNext: REFLECT_NEXT, altNear: words(''), ownPrev: REACT_PREV, ownNext: REACT_NEXT, ownNear: words('') }],
  ['反映', { alt: '反应', set: '反映/反应', min: 4, altPrev: REACT_PREV, altNext: REACT_NEXT, altNear: words(''), ownPrev: REFLECT_PREV, ownNext: REFLECT_NEXT, ownNear: words('') }],
  ['制订', { alt: '制定', set: '制定/制订', min: 4, tentative: true, altPrev: words(''), altNext: LAW, altNear: LAW, ownPrev: words(''), ownNext: PLAN, ownNear: PLAN }],
]);
/** Words around a word pair searched for cues (in its clause). */
const CUE_WINDOW = 5;
/** Weight of a cue next to the word, and of one farther away in the clause. */
const CUE_NEXT_TO = 5;
const CUE_NEAR = 2;
/** Smoothing of the corpus counts in the particles' odds. */
const SMOOTH = 0.5;
/** Odds from which a particle is reported (the written form's corpus odds against the other). */
const PARTICLE_ODDS = 3;
/** Odds from which a particle's fix is automatic. */
const PARTICLE_AUTO_ODDS = 30;

/** What the finder needs besides the tokens. */
export interface ConfusionServices {
  segmenter: Segmenter;
  model?: CorpusModel;
}

/** Misspellings that are no word, found in the text itself (the segmenter may cut them anywhere). */
const MISSPELLINGS: ReadonlyArray<[RegExp, string, string]> = [
  [/布署/g, '部署', '部署/布署'],
  [/哪么/g, '那么', '那么/哪么'],
  [/那怕(?!什么|啥)/g, '哪怕', '哪怕/那怕'],
  [/好象/g, '好像', '像/象'],
  [/必须品/g, '必需品', '必须/必需'],
];
/** Any of the misspellings (one native scan before the patterns one by one: most paragraphs hold none). */
const ANY_MISSPELLING = new RegExp(MISSPELLINGS.map(([re]) => re.source).join('|'));
/** The words findWordConfusion looks at besides those of PAIRS (any other token is passed at once). */
const WORD_CONFUSION_TRIGGERS: ReadonlySet<string> = new Set(['以', '在', '做', '必', '必需', '截止', '象']);

/** Finds the confusions of one paragraph (Simplified text; offsets paragraph-relative). */
export function findConfusions(tokens: readonly Token[], services: ConfusionServices): Confusion[] {
  const { segmenter, model } = services;
  const out: Confusion[] = [];
  const word = (i: number): Token | undefined => {
    const t = tokens[i];
    return t !== undefined && HAN_ONLY.test(t.norm) ? t : undefined;
  };
  const tagOf = (w: string): string => segmenter.tagOf(w) ?? '';
  const tag = (t: Token | undefined): string => (t ? tagOf(t.norm) : '');
  const bigram = (a: string, b: string): number => (model ? model.bigramDocuments(a, b) : 0);
  /** True when the token at i ends a clause (punctuation, space, end of paragraph). */
  const boundary = (i: number): boolean => {
    const t = tokens[i];
    return t === undefined || !/[\p{L}\p{N}]/u.test(t.text);
  };
  const push = (t: Token, expected: string, setName: string, auto: boolean, tentative = false): void => {
    out.push({ start: t.start, end: t.end, found: t.text, expected, set: setName, auto, ...(tentative ? { tentative } : {}) });
  };
  const text = tokens.map((t) => t.norm).join('');
  const base = tokens.length > 0 ? tokens[0]!.start : 0;

  /**
   * The corpus odds of particle `q` against the written `p` between x and y: how much likelier the corpus
   * makes x q y than x p y, from the documents of the bigrams (x, q), (q, y) against (x, p), (p, y) and the
   * particles' frequencies. A word x+q of the dictionary (变得 显得) counts as attested x q.
   */
  const odds = (x: string, p: string, q: string, y: string): { odds: number; attested: number } => {
    if (!model) {
      return { odds: 0, attested: 0 };
    }
    const xq = bigram(x, q) + (segmenter.hasWord(x + q) ? model.wordCount(x + q) : 0);
    const xp = bigram(x, p) + (segmenter.hasWord(x + p) ? model.wordCount(x + p) : 0);
    const qy = bigram(q, y);
    const py = bigram(p, y);
    const np = Math.max(model.wordCount(p), 1);
    const nq = Math.max(model.wordCount(q), 1);
    return { odds: ((xq + SMOOTH) / (xp + SMOOTH)) * ((qy + SMOOTH) / (py + SMOOTH)) * (np / nq), attested: Math.max(xq, qy) };
  };

  /** A 得 complement starts at i: degree + adjective, 很好, 不 + 到位, or a bare adjective, closing its clause. */
  const complementAt = (i: number, verb: Token): boolean => {
    const d = word(i);
    if (!d) {
      return false;
    }
    const closes = (k: number): boolean => boundary(k) || COMPLEMENT_CLOSE.has(tokens[k]!.norm) || tokens[k]!.norm === '、';
    if (SAYING.has(verb.norm)) {
      // 他说的很对: a verdict on what was said.
      const rest = tokens.slice(i, i + 2).map((t) => t.norm);
      if (VERDICT.has(rest[0]!) || VERDICT.has(rest[1] ?? '')) {
        return false;
      }
    }
    const adjective = (t: Token | undefined): boolean => t !== undefined && /^(?:a|ad|an|d|z|v|l|i)/.test(tag(t));
    if (DEGREE.has(d.norm)) {
      return adjective(word(i + 1)) && closes(i + 2);
    }
    if (DEGREE_WORD.test(d.norm) && d.norm.length >= 2 && /^(?:a|d|z|l|i)/.test(tag(d))) {
      return closes(i + 1);
    }
    if (d.norm === '不') {
      const a = word(i + 1);
      return a !== undefined && NEGATIVE_COMPLEMENT.has(a.norm) && closes(i + 2);
    }
    // A bare adjective: 写的好；走的远呢 (the corpus odds decide). Not after a verbal noun: 生活的艰苦 is a noun phrase.
    return /^(?:a|ad|z)$/.test(tag(d)) && tag(verb) !== 'vn' && closes(i + 1);
  };

  /** True when the tokens from i on read as a verb phrase (the verb and what shows it is one). */
  const verbPhraseAt = (i: number, strongAdverbial = false): boolean => {
    const y = word(i);
    if (!y) {
      return false;
    }
    const ty = tag(y);
    const zw = word(i + 1);
    if (MODAL.has(y.norm)) {
      return false;
    }
    if (ty === 'v' || ty === 'vd' || ty === 'vi') {
      if (!zw && boundary(i + 1)) {
        // 因地制宜的推进。 after an idiom or adverb; 清醒的看到， a verb the corpus writes after 地 rather than 的.
        return strongAdverbial || bigram('地', y.norm) >= 2 * bigram('的', y.norm) + 2;
      }
      if (zw && ['和', '与', '并', '并且', '及'].includes(zw.norm) && /^v$/.test(tag(word(i + 2))) && /^(?:n|r|m)/.test(tag(word(i + 3)))) {
        // 有效的预防和减少此类犯罪: two verbs sharing an object.
        return true;
      }
      if (!zw || NOT_AFTER_VERB.has(zw.norm) || /^(?:d|c)/.test(tag(zw)) || NOUN_SUFFIX.has(zw.norm) || segmenter.hasWord(y.norm + zw.norm)) {
        return false;
      }
      if (/^n/.test(tag(zw)) && (boundary(i + 2) || SUBJECT_FOLLOWER.has(tokens[i + 2]!.norm))) {
        // 应对策略， 惩治手段是: a compound noun unless the corpus knows the verb with this object.
        return !SUBJECT_FOLLOWER.has(tokens[i + 2]?.norm ?? '') && bigram(y.norm, zw.norm) >= 2;
      }
      return true;
    }
    if (ty === 'vn') {
      if (!zw || segmenter.hasWord(y.norm + zw.norm)) {
        return false;
      }
      return VERBAL_FOLLOWER.has(zw.norm) || (/^(?:r|m)/.test(tag(zw)) && !['的', '之'].includes(tokens[i + 2]?.norm ?? ''));
    }
    // A verb-object word (发挥作用 提高效率, tagged as nouns): its first two characters are a verb.
    return ty === 'n' && y.norm.length >= 4 && tagOf(y.norm.slice(0, 2)) === 'v';
  };

  /** True when the word at i may be an adverbial (the X of X地V). */
  const adverbialAt = (i: number): boolean => {
    const x = word(i);
    if (!x) {
      return false;
    }
    const tx = tag(x);
    const w = tokens[i - 1];
    const cps = [...x.norm];
    // 一步一步的走 (a doubled numeral phrase), 认认真真 (z), AABB not in the dictionary, idioms (潜移默化).
    return (w !== undefined && w.norm === x.norm && /^m/.test(tx)) || (cps.length === 4 && cps[0] === cps[1] && cps[2] === cps[3]) ||
      (/^(?:d|ad|a|b|z|i|vd)$/.test(tx) && !['最', '最为'].includes(w?.norm ?? ''));
  };

  /** True when the word at i is a noun that closes its phrase (美丽的风景。 the 风景 of 美丽地风景是). */
  const nounAt = (i: number): boolean => {
    const y = word(i);
    return y !== undefined && /^(?:n|nr|ns|nt|nz|ng)$/.test(tag(y)) && !verbPhraseAt(i) &&
      (boundary(i + 1) || ['的', '是', '和', '与', '也', '都', '在', '、', '就', '还', '将', '已', '更', '为'].includes(tokens[i + 1]!.norm));
  };

  const particle = (t: Token, x: Token, y: Token, p: string, q: string, setName: string, i: number): void => {
    const o = odds(x.norm, p, q, y.norm);
    // A verbal noun followed by 了/着/过 (极大的影响了) is a verb here, whatever its corpus use after 的.
    if (q === '地' && /^v/.test(tag(y)) && ['了', '着', '过'].includes(tokens[i + 2]?.norm ?? '')) {
      const xq = bigram(x.norm, q);
      o.odds = ((xq + SMOOTH) / (bigram(x.norm, p) + SMOOTH)) * (Math.max(model?.wordCount(p) ?? 0, 1) / Math.max(model?.wordCount(q) ?? 0, 1));
      o.attested = xq;
    }
    if (o.odds >= PARTICLE_ODDS && o.attested >= 2) {
      // Severity follows the margin: a suggestion (odds under the automatic margin) is reported one level lower.
      const auto = o.odds >= PARTICLE_AUTO_ODDS;
      push(t, q, setName, auto, !auto);
    }
  };

  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const w = t.norm;
    if (w !== '的' && w !== '地' && w !== '得') {
      findWordConfusion(i);
      continue;
    }
    const x = word(i - 1);
    const y = word(i + 1);
    if (!x || !y) {
      continue;
    }
    const tx = tag(x);
    const before = tokens[i - 2];
    const governed = before !== undefined && (NOMINAL_GOVERNOR.has(before.norm) || (/^p/.test(tag(before)) && !['被', '把', '将', '让', '使', '给'].includes(before.norm)));
    const verbal = /^(?:v|a)/.test(tx) && !(w === '的' && governed);
    if (w !== '得' && verbal && complementAt(i + 1, x)) {
      // 理解的非常深刻 → 得; 跑地很快 → 得.
      particle(t, x, y, w, '得', `${w}→得`, i);
      continue;
    }
    if (w !== '地' && adverbialAt(i - 1) && verbPhraseAt(i + 1, tx === 'z' || (tx === 'i' && bigram(x.norm, '地') >= 1)) && !governed && !(w === '得' && MODAL_BEFORE_DEI.has(x.norm))) {
      // 更好的发挥作用 → 地; 不断得提高 → 地.
      particle(t, x, y, w, '地', `${w}→地`, i);
      continue;
    }
    if (w !== '的' && nounAt(i + 1) && (PERSONAL.has(x.norm) || /^(?:a|an|z|b|ns)$/.test(tx)) && !segmenter.hasWord(x.norm + w)) {
      // 美丽地风景 → 的; 美丽得花朵 → 的.
      particle(t, x, y, w, '的', `${w}→的`, i);
    }
  }

  for (const [re, expected, setName] of ANY_MISSPELLING.test(text) ? MISSPELLINGS : []) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      out.push({ start: base + m.index, end: base + m.index + m[0].length, found: m[0], expected, set: setName, auto: true });
    }
  }
  return out.sort((a, b) => a.start - b.start);

  function findWordConfusion(i: number): void {
    const t = tokens[i]!;
    const w = t.norm;
    if (!WORD_CONFUSION_TRIGGERS.has(w) && !PAIRS.has(w)) {
      return;
    }
    const prev = word(i - 1);
    const next = word(i + 1);
    const after = word(i + 2);
    const pair = (found: string, expected: string, setName: string, auto: boolean): void => {
      out.push({ start: t.start, end: tokens[i + 1]!.end, found, expected, set: setName, auto });
    };
    if (next && next.start === t.end) {
      if (w === '以' && next.norm === '经' && after) {
        pair('以经', '已经', '已经/以经', true);
        return;
      }
      if (w === '在' && next.norm === '次') {
        pair('在次', '再次', '再次/在次', true);
        return;
      }
      if (w === '做' && next.norm === '用' && (boundary(i + 2) || ['的', '和', '与', '、', '得以', '也', '是', '就', '在', '不', '都'].includes(tokens[i + 2]!.norm)) &&
        (prev === undefined || !/^(?:d|v|r|p)$/.test(tag(prev)) || ['发挥', '起', '起到', '起着'].includes(prev.norm))) {
        pair('做用', '作用', '作用/做用', prev !== undefined && (prev.norm === '的' || /^(?:n|a)/.test(tag(prev))));
        return;
      }
      if (w === '做' && next.norm === '为' && !(after && /^(?:人|民|群众|老|国|社会|大家|他人|百姓|党|祖国|家乡|公众|企业|基层|别人|自己|孩子|子孙)/.test(after.norm)) &&
        !(prev && /^(?:d|v)$/.test(tag(prev)) && !['不', '有', '无', '没有', '懒', '慢', '乱', '大有', '有所', '更大', '新'].includes(prev.norm))) {
        pair('做为', '作为', '作为/做为', false);
        return;
      }
    }
    if (w === '必' && next && next.norm.startsWith('需') && next.start === t.end) {
      // 必需要 cut as 必|需要: the writer meant 必须要.
      if (next.norm === '需要' && after && /^(?:v|d|a)/.test(tag(after))) {
        out.push({ start: t.start, end: t.end + 1, found: '必需', expected: '必须', set: '必须/必需', auto: false });
      }
      return;
    }
    if (w === '必需' && next && !['的', '之', '品'].includes(next.norm) && !(prev && ['所', '是', '生活', '之', '为', '日常'].includes(prev.norm)) &&
      /^(?:v|d|a|p|c)/.test(tag(next)) && tag(next) !== 'vn') {
      push(t, '必须', '必须/必需', /^v$/.test(tag(next)));
      return;
    }
    if (w === '截止') {
      const n = tokens[i + 1];
      if (n && (/^\d/.test(n.text) || (next && !DEADLINE.has(next.norm) && (TIME_POINT.has(next.norm) || (tag(next) === 't' && !/[期间限]$/.test(next.norm)))))) {
        push(t, '截至', '截止/截至', true);
      }
      return;
    }
    if (w === '象' && next && !boundary(i + 1) && !(prev && /^(?:m|q)/.test(tag(prev)))) {
      push(t, '像', '像/象', prev === undefined || boundary(i - 1) || /^(?:d|v|u|c|p|ul|uj|ud)/.test(tag(prev)));
      return;
    }
    const p = PAIRS.get(w);
    if (!p) {
      return;
    }
    // Evidence from the content words next to it (a function word says nothing about 权利 or 权力).
    const content = (k: number): string | undefined => {
      const c = word(k);
      return c && /^(?:n|v|a|t|s|b|z|i|l|j)/.test(tag(c)) && !['是', '有', '没有', '在', '要'].includes(c.norm) ? c.norm : undefined;
    };
    const pn = content(i - 1);
    const nn = content(i + 1);
    const corpus = (form: string): number => (pn ? bigram(pn, form) : 0) + (nn ? bigram(form, nn) : 0);
    const cues = (prevSet: ReadonlySet<string>, nextSet: ReadonlySet<string>, near: ReadonlySet<string>): number => {
      // Across a 的 (手中的权利, 权利的腐败) the word beyond it is the neighbour.
      const before = prev?.norm === '的' ? word(i - 2) : prev;
      const beyond = next?.norm === '的' ? word(i + 2) : next;
      let s = (before && prevSet.has(before.norm) ? CUE_NEXT_TO : 0) + (beyond && nextSet.has(beyond.norm) ? CUE_NEXT_TO : 0);
      for (let k = i - 1; k >= Math.max(0, i - CUE_WINDOW) && !boundary(k); k--) {
        s += k < i - 1 && near.has(tokens[k]!.norm) ? CUE_NEAR : 0;
      }
      for (let k = i + 1; k <= i + CUE_WINDOW && !boundary(k); k++) {
        s += k > i + 1 && near.has(tokens[k]!.norm) ? CUE_NEAR : 0;
      }
      return s;
    };
    const own = corpus(w) + cues(p.ownPrev, p.ownNext, p.ownNear);
    const alt = corpus(p.alt) + cues(p.altPrev, p.altNext, p.altNear);
    if (alt >= p.min && alt >= 4 * Math.max(own, 0.5)) {
      const auto = own === 0 && alt >= 10 && !p.tentative;
      push(t, p.alt, p.set, auto, !auto);
    }
  }
}

export const rule: ParagraphRule = {
  meta: {
    id: 'phrasing/confusable',
    category: 'phrasing',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'A word confused with its look-alike, decided from its context: 的/地/得, 权利/权力, 截止/截至, 反映/反应 and the like',
  },
  scope: 'paragraph',
  check(ctx) {
    if (ctx.target !== 'simplified') {
      return;
    }
    // House style (settings qitaForm, zuochuForm): the form not chosen, as a whole word, becomes the chosen one.
    const variants = ctx.variants;
    if (variants && variants.size > 0) {
      for (const t of ctx.tokens()) {
        const chosen = variants.get(t.norm);
        if (chosen === undefined || ctx.accepted.has(t.norm)) {
          continue;
        }
        ctx.report({
          message: l10n.t('House style: “{0}” is written “{1}” (setting wenfeng.{2})', t.text, chosen, chosen === '其他' || chosen === '其它' ? 'qitaForm' : 'zuochuForm'),
          start: t.start,
          end: t.end,
          fixes: [{ title: l10n.t('Replace with “{0}”', chosen), auto: true, edits: [{ start: t.start, end: t.end, newText: chosen }] }],
        });
      }
    }
    for (const c of findConfusions(ctx.tokens(), ctx.services)) {
      if (ctx.accepted.has(c.found)) {
        continue;
      }
      ctx.report({
        message: l10n.t('“{0}” here should probably be “{1}”', c.found, c.expected),
        start: c.start,
        end: c.end,
        fixes: [{ title: l10n.t('Replace with “{0}”', c.expected), auto: c.auto, edits: [{ start: c.start, end: c.end, newText: c.expected }] }],
        ...(c.tentative ? { tentative: true } : {}),
      });
    }
  },
};
