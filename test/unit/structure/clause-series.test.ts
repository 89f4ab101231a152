/**
 * Clause-level parallel series (排比 inside a paragraph) and the paragraph series found by anaphora, shared
 * words or shape, on text written for these tests: series that must be found, with their exact item offsets
 * (UTF-16 code units, as LSP counts), and look-alikes that must not.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult, Series } from '../../../server/src/analysis';
import { splitClauses } from '../../../server/src/analysis/structure/clauses';
import { documentSymbols } from '../../../server/src/features/outline';
import { check, getAnalyzer, STRUCTURE_RULES } from '../helpers';

function analyze(text: string): AnalysisResult {
  return getAnalyzer().analyze(text, { format: 'plaintext', config: { rules: {}, script: 'auto', acceptedWords: [] } });
}

/** The one series of a text, checked to be the only one. */
function only(text: string): Series {
  const series = analyze(text).structure.series;
  assert.equal(series.length, 1, `one series expected, got ${series.map((s) => `${s.level}:${s.frame ?? ''}`).join(', ')}`);
  return series[0]!;
}

const starts = (s: Series): number[] => s.items.map((it) => it.leadStart);
const leads = (text: string, s: Series): string[] => s.items.map((it) => text.slice(it.leadStart, it.leadEnd));

test('clauses: split at 、，；。！？：, a 、 list\'s last item parted before its conjunction', () => {
  const cs = splitClauses('要看待问题、分析问题及解决问题；“走心”。');
  assert.deepEqual(
    cs.map((c) => [c.start, c.end, c.core, c.mark]),
    [
      [0, 5, '要看待问题', '、'],
      [6, 10, '分析问题', '、'],
      [10, 15, '及解决问题', '；'],
      [16, 20, '走心', '。'],
    ],
  );
});

test('a shared ending of long clauses: …换取增长，…换取增长，…换取增长 (the first item opens with words of its own)', () => {
  const text = '生态文明建设要久久为功。我们不能以牺牲资源换取增长，不能以污染环境换取增长，更不能以损害健康换取增长。';
  const s = only(text);
  assert.equal(s.level, 'clause');
  assert.equal(s.frame, '{X}换取增长');
  assert.deepEqual(starts(s), [12, 26, 38]);
  assert.deepEqual(leads(text, s), ['我们不能以牺牲资源换取增长', '不能以污染环境换取增长', '更不能以损害健康换取增长']);
  assert.deepEqual(s.frameWords, ['换取增长']);
});

test('offsets are UTF-16: an astral character (𠮷) before the series counts two', () => {
  const text = '𠮷祥的日子里，我们要坚持以人民为中心，坚持以改革为动力，坚持以创新为引擎。';
  const s = only(text);
  assert.deepEqual(starts(s), [8, 20, 29]);
  assert.deepEqual(
    s.items.map((it) => it.leadEnd),
    [19, 28, 37],
  );
});

test('offsets with CRLF line endings: a series in the third line', () => {
  const text = '标题\r\n第一段讲背景，没有排比。\r\n我们要坚持以人民为中心，坚持以改革为动力，坚持以创新为引擎，推动高质量发展。\r\n';
  const s = only(text);
  assert.equal(s.frame, '坚持以{X}');
  assert.deepEqual(starts(s), [18, 30, 39]);
  assert.deepEqual(leads(text, s), ['我们要坚持以人民为中心', '坚持以改革为动力', '坚持以创新为引擎']);
});

test('a shared opening of one character frames clauses: 早发现问题，早预防风险，早处置矛盾', () => {
  const text = '基层治理贵在早发现问题，早预防风险，早处置矛盾，把矛盾化解在萌芽状态。';
  const s = only(text);
  assert.equal(s.frame, '早{X}');
  assert.deepEqual(starts(s), [0, 12, 18]);
});

test('frame characters a little way in: 望得见方向，看得见成效，摸得着实惠', () => {
  const text = '改革要让群众望得见方向，看得见成效，摸得着实惠。';
  const s = only(text);
  assert.equal(s.frame, '{X}得{Y}');
  assert.deepEqual(starts(s), [0, 12, 18]);
});

test('not series (round 3): short items, short 、 items with no opening of two characters, short shared endings, measures sharing a noun, a count inside', () => {
  for (const text of [
    // Items of four characters or fewer: words of a list.
    '人民代表大会要聚民意、展民智、得民心，把工作做实。',
    '基层治理贵在早发现，早预防，早处置，把矛盾化解在萌芽状态。',
    '青少年要懂规则，敬规则，守规则，从小养成好习惯。',
    '很多村子之所以多年扶而不起，帮而不富，助而不强，根子在于缺少产业。',
    '生态文明建设要久久为功。我们要尊重自然、顺应自然、保护自然，走绿色发展之路。',
    // 、 items of six characters or fewer sharing one character or a frame inside.
    '人才工作要有识才的慧眼、爱才的诚意、用才的胆识。',
    '我们要以人民为中心、以改革为动力、以创新为引擎，推动高质量发展。',
    // Measures sharing only the noun they act on.
    '政府要明确政府责任范围，简化政府工作流程，提升政府工作水平。',
    // A count inside.
    '每一个方面都存在不少问题，每一个方面都可以提炼出一些论点，哪一个论点可以作为主题呢？',
    // Noun phrases with 的 or a pronoun: things named (a shared opening 更, 特色的, 我们).
    '因此，只有更可靠的社会保障、更高水平的医疗卫生服务、更优美的环境，才能让全民健康更上一个台阶。',
    '城市的发展需要有特色的建筑、特色的文化、特色的底蕴。',
    '其中最重要的就是我们的党、我们的政府、我们的人民。',
    // A correlative pair after a lead-in: two items.
    '这就要求论述过程中理论与事实相结合，既要讲道理，又要摆事实。',
  ]) {
    assert.deepEqual(
      analyze(text).structure.series.map((s) => s.items.map((it) => text.slice(it.leadStart, it.leadEnd))),
      [],
      text,
    );
  }
});

test('short 、 items sharing an opening of two characters are a 排比: 有事多商量、有事好商量、有事会商量', () => {
  const text = '协商民主讲究有事多商量、有事好商量、有事会商量，这是人民民主的真谛。';
  const s = only(text);
  assert.equal(s.frame, '有事{X}');
  assert.deepEqual(leads(text, s), ['协商民主讲究有事多商量', '有事好商量', '有事会商量']);
});

test('items of two clauses each, parted by ；: 一走进课堂，就能…；一走进田野，就能…；一走进工厂，就能…', () => {
  const text = '一走进课堂，就能听到琅琅书声；一走进田野，就能看到金色麦浪；一走进工厂，就能感受机器轰鸣。';
  const s = only(text);
  assert.deepEqual(starts(s), [0, 15, 30]);
});

test('a sequence of steps: 先…，再…，最后…', () => {
  const text = '办好这件事，先调查研究，再拿出方案，最后组织实施。';
  const s = only(text);
  assert.equal(s.frame, '先/再/最后');
  assert.deepEqual(starts(s), [6, 12, 18]);
  assert.deepEqual(leads(text, s), ['先调查研究', '再拿出方案', '最后组织实施']);
});

test('not series: a list of named places, two clauses, a topic said again, a list of kinds, counted things', () => {
  for (const text of [
    // Named things share nothing.
    '这次考察走访了北京、上海、广州三座城市，收获很大。',
    // Two clauses are a pair.
    '我们要尊重自然，要顺应自然。',
    // The topic word again at the start of long clauses.
    '城市的发展需要规划。城市管理者要倾听民意，城市居民也应积极参与，城市环境才能不断改善。',
    // Kinds of one thing: a category head.
    '要统筹推进经济建设、政治建设、文化建设、社会建设，缺一不可。',
    // Counted things.
    '写作时可以用一个字、一个词、一个句子去概括主旨。',
  ]) {
    assert.deepEqual(
      analyze(text).structure.series.map((s) => s.items.map((it) => text.slice(it.leadStart, it.leadEnd))),
      [],
      text,
    );
  }
});

test('a run does not go on past a full stop: the topic repeated in the next sentence is not an item', () => {
  const text = '我们要坚持以人民为中心，坚持以改革为动力，坚持以创新为引擎。坚持以人民为中心是根本，坚持以改革为动力是关键。';
  const s = only(text);
  assert.deepEqual(starts(s), [0, 12, 21]);
});

test('paragraph series: short topic sentences sharing a word (文化), without a frame template', () => {
  const text =
    '文化自信从何而来？\n' +
    '推动文化创新，开拓传统文化。传统文化是我们的根，只有不断创新，才能焕发新的生机与活力。\n' +
    '促进文化交流，畅通传播渠道。交流互鉴让文明更加丰富多彩，也让世界更好地了解中国。\n' +
    '加大文化输出，提升输出价值。优秀的作品能够跨越国界，讲好中国故事，传播中国声音。\n';
  const s = only(text);
  assert.equal(s.level, 'paragraph');
  assert.equal(s.frame, undefined);
  assert.deepEqual(starts(s), [10, 54, 95]);
  assert.deepEqual(s.frameWords, ['文化']);
});

test('paragraph series: 一方面… / 另一方面… opening paragraphs (the first after a sentence)', () => {
  const text = '信息公开有两方面的意义。一方面，公开有利于群众监督，也有利于依法处罚违法企业。\n另一方面，公开有利于建立预警体系，让农民及时采取防范措施。\n';
  const s = only(text);
  assert.equal(s.level, 'paragraph');
  assert.deepEqual(starts(s), [12, 40]);
});

test('the structure rules leave clause series alone', () => {
  for (const text of [
    '我们要尊重自然、顺应自然、保护自然，走绿色发展之路。',
    // An item that drops the frame: not an item of a clause series, and no finding.
    '我们要以人民为中心、以改革为动力、以创新为引擎、坚持开放合作，推动高质量发展。',
    '办好这件事，先调查研究，再拿出方案，最后组织实施。',
  ]) {
    assert.deepEqual(
      check(text, STRUCTURE_RULES).map((f) => f.rule),
      [],
      text,
    );
  }
});

test('document symbols: a clause series is listed under the paragraph series item holding it', () => {
  const text =
    '守护绿水青山，需要政府担当作为。各级政府要把生态保护摆在突出位置，严格落实责任。\n' +
    '守护绿水青山，需要企业转型升级。企业要淘汰落后产能、淘汰落后工艺、淘汰落后设备，走绿色低碳之路。\n' +
    '守护绿水青山，需要公民积极参与。每个人都要从身边小事做起，节约资源，爱护环境。\n';
  const r = analyze(text);
  assert.deepEqual(
    r.structure.series.map((s) => [s.level, starts(s)]),
    [
      ['paragraph', [0, 41, 90]],
      ['clause', [57, 67, 74]],
    ],
  );
  const doc = TextDocument.create('file:///x.txt', 'plaintext', 1, text);
  const symbols = documentSymbols(doc, r.structure);
  assert.equal(symbols.length, 1);
  const second = symbols[0]!.children![1]!;
  assert.equal(second.children?.length, 1);
  assert.deepEqual(second.children![0]!.children!.map((c) => doc.offsetAt(c.selectionRange.start)), [57, 67, 74]);
});

// The stricter reading of inline series (test/fixtures/dev-gold/README.md, round 2): lists are not 排比.

test('not series (stricter reading): short 、 items framed by 不, examples closed by an ellipsis, two pairs, 之 alone, nouns of a list, frameless measures', () => {
  for (const text of [
    // Short items framed by a negation: qualities of one kind.
    '发展中还存在不平衡、不协调、不可持续问题，必须下大力气解决。',
    // Examples of a habit, the sentence going on after the ellipsis.
    '城里人的日子越来越忙，上班习惯赶时间，吃饭习惯点外卖，周末习惯刷手机……不知不觉丢掉了生活的滋味。',
    // Two 有…，也有… pairs.
    '人生路上有掌声鲜花，也有风雨坎坷；有亲友支持，也有误解质疑。',
    // Noun phrases sharing only 之.
    '依法治国是强国之基、富民之本、安邦之策。',
    // Kinds of one thing, the last running on into the sentence.
    '面对新情况，过去行之有效的管理理念、管理制度、管理手段、管理方法在今天难以完全适应。',
    // Verb-object measures sharing no frame word.
    '要简化审批流程，压缩办理时限，公开收费标准，畅通投诉渠道。',
    // Three verbs of one object.
    '我们要坚持勇于、敢于、善于担当的好作风。',
  ]) {
    assert.deepEqual(
      analyze(text).structure.series.map((s) => s.items.map((it) => text.slice(it.leadStart, it.leadEnd))),
      [],
      text,
    );
  }
});

test('the frame may be a word of enumeration: 包含了坚韧、包含了担当、包含了奉献', () => {
  const text = '这种精神包含了坚韧、包含了担当、包含了奉献。';
  const s = only(text);
  assert.equal(s.frame, '包含了{X}');
  assert.deepEqual(starts(s), [0, 10, 16]);
});

test('a lead-in clause whose tail has the items\' shape: …之所以多年扶而不起产业，帮而不富农户，助而不强集体', () => {
  const text = '很多村子之所以多年扶而不起产业，帮而不富农户，助而不强集体，根子在于缺少产业。';
  const s = only(text);
  assert.equal(s.frame, '{X}而不{Y}');
  assert.deepEqual(starts(s), [0, 16, 23]);
});

test('items each opening a 、 list of their own: 要坚持…、…，坚持…、…，坚持…、…', () => {
  const text = '有代表说：“要坚持科技自立、人才强国，坚持创新驱动、开放合作，坚持生态优先、绿色发展，加快建设现代化强国。”';
  const s = only(text);
  assert.equal(s.frame, '坚持{X}');
  assert.deepEqual(starts(s), [5, 19, 31]);
});

test('condition and outcome: 少年勤，则国家兴，少年懒，则国家衰，… items start at the condition', () => {
  const text = '少年勤，则国家兴，少年懒，则国家衰，少年强，则国家强。';
  const s = only(text);
  assert.deepEqual(starts(s), [0, 9, 18]);
  assert.deepEqual(leads(text, s), ['少年勤，则国家兴', '少年懒，则国家衰', '少年强，则国家强']);
});

test('a modal after subjects of their own, after an astral character: 政府要…、…，企业要…，村民要…', () => {
  const text = '𠮷日里谈乡村振兴，政府要主动作为、靠前服务，企业要履行责任，村民要积极参与，才能形成合力。';
  const s = only(text);
  assert.equal(s.frame, '{X}要{Y}');
  assert.deepEqual(starts(s), [10, 23, 31]);
  assert.deepEqual(
    s.items.map((it) => it.leadEnd),
    [17, 30, 38],
  );
});

test('an adverb in the middle of clauses, with CRLF: 利益格局深刻调整，社会结构深刻变动，思想观念深刻变化', () => {
  const text = '标题\r\n改革进入深水区，利益格局深刻调整，社会结构深刻变动，思想观念深刻变化，考验着治理能力。\r\n';
  const s = only(text);
  assert.equal(s.frame, '{X}深刻{Y}');
  assert.deepEqual(starts(s), [12, 21, 30]);
});

test('not a pivot: an opening 要 after adverbs, connectives before a later item', () => {
  for (const text of [
    '我们要努力找到平衡点，既要有发展的坚持，也要有保护的兼顾。',
    '写作时角度要小，但视野要开阔，也就是说我们要选择一个小切口。',
  ]) {
    assert.deepEqual(
      analyze(text).structure.series.map((s) => s.items.map((it) => text.slice(it.leadStart, it.leadEnd))),
      [],
      text,
    );
  }
});

test('paragraph series: topic sentences naming each a part\'s role (是前提 / 是核心 / 是保障)', () => {
  const text =
    '办好教育要几方合力。\n' +
    '家风熏陶是前提。家庭是孩子的第一所学校，父母的言行潜移默化地影响着孩子的成长。\n' +
    '因材施教，学校引导是核心。学校要尊重学生的个性差异，用心上好每一堂课，培养学生的综合素养。\n' +
    '综合治理，社会监督是保障。社会各界要共同营造风清气正的育人环境，让孩子健康成长。\n';
  const s = only(text);
  assert.equal(s.level, 'paragraph');
  assert.deepEqual(starts(s), [11, 51, 97]);
});

test('paragraph series: short topic sentences after a paragraph announcing them with a colon', () => {
  const text =
    '提高基层治理水平，应抓住以下几个重点：\n' +
    '健全村规民约。村规民约是村民自治的重要依据，应当广泛征求村民意见并定期修订完善。\n' +
    '规范议事程序。重大事项要经过村民会议讨论决定，做到程序公开、过程透明、结果公正。\n' +
    '培养法治人才。要从返乡青年中选拔培养一批懂法律、会调解、能服务的基层法治带头人。\n';
  const s = only(text);
  assert.equal(s.level, 'paragraph');
  assert.deepEqual(starts(s), [20, 61, 102]);
});

test('paragraph series: a paragraph of web residue ([page]) between items does not part them', () => {
  const text =
    '网络文明要靠大家。\n' +
    '加强宣传是建设网络文明之策。学校和社区可以组织形式多样的活动，普及网络文明知识。\n' +
    '[page]\n' +
    '提升自律是建设网络文明之计。每一位网民都应当自觉遵守公约，理性表达意见，不造谣不传谣。\n' +
    '强化他律是建设网络文明之途。有关部门要完善法规制度，对网络违法行为依法严肃处理。\n';
  const s = only(text);
  assert.equal(s.level, 'paragraph');
  assert.deepEqual(starts(s), [10, 58, 102]);
});

test('paragraph series of two: two paragraphs opening alike past a comma; not two long leads on one topic', () => {
  const text =
    '营商环境关乎发展全局。\n' +
    '优化营商环境，需要政府简政放权。审批事项能减则减，让企业少跑腿、好办事，把精力用在经营上。\n' +
    '优化营商环境，需要企业诚信经营。守合同、重信用是企业立身之本，也是市场秩序的基础。\n' +
    '总之，各方协同才能久久为功。\n';
  const s = only(text);
  assert.equal(s.level, 'paragraph');
  assert.deepEqual(starts(s), [12, 58]);
  const topic =
    '政府工作报告可以让我们了解当前的大政方针、国家的发展方向、前期工作的问题以及近期的工作重点等内容。\n' +
    '政府工作报告在刚开始学习时可能会让人觉得比较枯燥，因为看不懂的地方比较多，需要耐心。\n';
  assert.deepEqual(analyze(topic).structure.series, []);
});

test('an item may open with an adverb and the copula before the frame: 这是对…，对…，更是对…', () => {
  const text = '这是对人才的浪费，对知识的浪费，更是对人才强国战略的蔑视。';
  const s = only(text);
  assert.equal(s.frame, '对{X}');
  assert.deepEqual(starts(s), [0, 9, 16]);
  // Two items are a pair.
  assert.deepEqual(analyze('这是对人才的浪费，也是对知识的浪费。').structure.series, []);
});

test('a lead-in holding only the start of the frame: 人们可以通过…；可以为…；也可以为…', () => {
  const text = '人们可以通过语言彰显个人底蕴，展现自我风采；可以为社会伸张正义，明确是非标准；也可以为民族振兴献言献策。';
  const s = only(text);
  assert.equal(s.frame, '可以{X}');
  assert.deepEqual(starts(s), [0, 22, 39]);
  // A noun said again is not cut to a frame (公共文化…，公共文化服务…，公共文化服务…).
  const topic = '当下各地的公共文化投入在增加；公共文化服务设施建设也在加快；公共文化服务场馆的利用率却偏低。';
  assert.deepEqual(analyze(topic).structure.series, []);
});

test('the passive 被 after subjects of their own: 思想被…，行为习惯被…，我们被…', () => {
  const text = '网络时代，我们的思想被网络所束缚，行为习惯被手机所改变，我们被碎片化的信息所笼罩，却忽略了真正的思考。';
  const s = only(text);
  assert.equal(s.frame, '{X}被{Y}');
  assert.deepEqual(starts(s), [5, 17, 28]);
  // One subject, two clauses: no series.
  assert.deepEqual(analyze('他被大家推举为代表，被领导看重，这是好事。').structure.series, []);
});

test('a short list is kept as a recap: the closing paragraph, one item per section, echoing the sections\' leads', () => {
  const body =
    '互联网与政务\n\n利用互联网，让服务更便民。政务服务网上办，群众少跑腿。\n\n利用互联网，让秩序更规范。网上监管全覆盖，违规无处藏。\n\n利用互联网，让决策更科学。大数据汇民意，决策有依据。\n\n';
  const text = `${body}总之，只要服务更便民、秩序更规范、决策更科学，政府治理就能更上一层楼。\n`;
  const clause = analyze(text).structure.series.filter((s) => s.level === 'clause');
  assert.equal(clause.length, 1);
  assert.deepEqual(starts(clause[0]!), [97, 105, 111]);
  assert.deepEqual(leads(text, clause[0]!), ['只要服务更便民', '秩序更规范', '决策更科学']);
  // Without the sections it is a short list; echoing nothing of them (a quotation) too; and not in the body.
  for (const other of [
    '互联网与政务\n\n政务服务网上办，群众少跑腿，这是好事。\n\n总之，只要服务更便民、秩序更规范、决策更科学，政府治理就能更上一层楼。\n',
    `${body}古人说，五色令人目盲、五音令人耳聋、五味令人口爽，我们要警惕。\n`,
    `互联网与政务\n\n只要服务更便民、秩序更规范、决策更科学，政府治理就能更上一层楼。\n\n${body.slice(8)}以上三点，缺一不可。\n`,
  ]) {
    assert.deepEqual(analyze(other).structure.series.filter((s) => s.level === 'clause'), [], other);
  }
});

// Round 4 of the dev reading (test/fixtures/dev-gold/README.md): generic frames that list rather than 排比.

test('not series (round 4): 了 alone, a concession\'s cases, measures sharing a verbal noun, facets of one topic, pairs, examples closed by an ellipsis (inside the last item, typed as 。。。 or ·····)', () => {
  for (const text of [
    // One subject's deeds sharing only 了.
    '这些年，小城扩大了对外交流，改善了群众生活，提升了城市形象，发展势头很好。',
    // The cases of a concession and what holds for them all.
    '无论是城市的老街区，还是乡村的古村落，都是历史文化的重要载体。',
    // The cases of a concession: no run opens at its second alternative either.
    '城市的发展要顺应规律，不论是城市功能的完善，还是城市生态的修复，或是城市文化的延续，都是城市发展的应有之义。',
    // Measures sharing only a verbal noun inside, the thing acted on.
    '要把握发展规律，创新发展理念，转变发展方式，破解发展难题。',
    // Facets of one topic and their trends: the noun modifies a head in each item.
    '虽然近年来我国文化产业快速发展，文化产品明显增多，文化服务质量显著提升，但供给仍显不足。',
    // Examples closed by an ellipsis typed as full stops or as dots.
    '眼下，一个个司机在马路上发怒，一言不合就大打出手，破坏社会和谐;一个个土豪一掷千金，随时随地挥金如土，违背节俭美德;一个个青年攀比追风，陷入校园贷款的泥潭，加重家庭负担。。。究其原因，都是任性。',
    '环境问题日益突出，从大气污染到水体污染;从垃圾围城到土地沙漠化;从旱灾水灾到生物多样性破坏·····，面对这些问题，我们必须行动。',
    // Two pairs: the items alternate between two openings.
    '我们要的是人民得实惠的发展，不要以牺牲生命为代价的发展;我们要的是人民更幸福的发展，不要损害健康的发展。',
    // Two contrasts 不…，而…: two pairs.
    '古人说，治国不难于定规矩，而难于守规矩，不难于听意见，而难于改作风。',
    // Examples of one thing, the ellipsis inside the last item and the sentence going on.
    '家风需要传承。从“二十四孝”中，展现了孝道理念;从朱熹家训“黎明即起，洒扫庭除”中，传承了勤劳的美德;从诸葛亮“静以修身，俭以养德”的告诫中，读出了修身的道理……我们要以史为鉴。',
  ]) {
    assert.deepEqual(analyze(text).structure.series, [], text);
  }
});

test('round 4 keeps: a frame holding 了 with a verb (提高了…), 着 alone, a verbal noun opening clauses, 事关, a series after a concession clause', () => {
  const raised = '这次改革提高了办事效率，提高了服务质量，提高了群众满意度。';
  const s = only(raised);
  assert.equal(s.frame, '提高了{X}');
  assert.deepEqual(starts(s), [0, 12, 20]);
  const inspired = '这种精神激励着一代代建设者，鼓舞着无数普通劳动者，感召着更多年轻人投身其中。';
  const t = only(inspired);
  assert.equal(t.frame, '{X}着{Y}');
  assert.deepEqual(leads(inspired, t), ['这种精神激励着一代代建设者', '鼓舞着无数普通劳动者', '感召着更多年轻人投身其中']);
  // A verbal noun opening clauses of its own (发展为了人民) is the subject of anaphora, not a topic.
  const people = '我们要做到发展为了人民、发展依靠人民、发展成果由人民共享。';
  const p = only(people);
  assert.equal(p.frame, '发展{X}');
  assert.deepEqual(leads(people, p), ['我们要做到发展为了人民', '发展依靠人民', '发展成果由人民共享']);
  // A word tagged as a noun that takes an object (事关) frames anaphora.
  const concerns = '创新社会管理事关党的执政地位，事关国家长治久安，事关人民安居乐业。';
  assert.deepEqual(leads(concerns, only(concerns)), ['创新社会管理事关党的执政地位', '事关国家长治久安', '事关人民安居乐业']);
  const after = '无论条件如何变化，我们都要坚持以人民为中心，坚持以改革为动力，坚持以创新为引擎。';
  const u = only(after);
  assert.equal(u.frame, '坚持以{X}');
  assert.deepEqual(leads(after, u), ['我们都要坚持以人民为中心', '坚持以改革为动力', '坚持以创新为引擎']);
});

test('round 5: items of two clauses each, the frame opening the first (是…，…的X，是…，…的Y，是…)', () => {
  const mirror = '读书是一面照见古今，分辨是非的镜子，是一扇通达世界，开阔眼界的窗户，是一座连接心灵，沟通彼此的桥梁。';
  const s = only(mirror);
  assert.equal(s.level, 'clause');
  assert.equal(s.frame, '是一{X}');
  // The first item starts where its clause starts, with the subject before the frame.
  assert.deepEqual(starts(s), [0, 18, 34]);
  assert.deepEqual(leads(mirror, s), ['读书是一面照见古今', '是一扇通达世界', '是一座连接心灵']);
  const when = '在经济快速发展的时候，不要忘了保护环境，在城市不断扩张的时候，不要丢掉乡土文化，在生活日益富足的时候，不要放弃勤俭节约。';
  const t = only(when);
  assert.equal(t.frame, '在{X}');
  assert.deepEqual(starts(t), [0, 20, 40]);
});

test('round 5: not items of two clauses — a pair, a mixed run, a topic said again, examples, the frame inside the second clause', () => {
  for (const text of [
    // Two items are a pair.
    '读书是一面照见古今，分辨是非的镜子，是一扇通达世界，开阔眼界的窗户。',
    // The second clause holds the frame word itself (这既需要…): an item of its own, not the tail of one.
    '破解这一难题，需要全面践行绿色理念，这既需要人们转变观念，也需要企业更新工艺，上马环保设备，更需要政府完善法律，强化监管。',
    // Examples given one by one.
    '爱心体现在日常生活中，比如老人迷路的时候，我们帮他联系家人，比如孩子走失的时候，我们陪他等待父母，比如农民工拉车的时候，我们从后面推一把。',
  ]) {
    assert.deepEqual(
      analyze(text).structure.series.map((s) => leads(text, s)),
      [],
      text,
    );
  }
});

test('round 5: a step sequence does not take a step from another sentence that neither opens it nor closes the run', () => {
  // 再 inside a quotation of a later sentence is not the third step of 先…，然后….
  const quoted = '先写完正文，然后对内容进行归纳，得出标题。这种方法适用于“喜欢先写完正文，再回头去拟标题”的考生。';
  assert.deepEqual(analyze(quoted).structure.series, []);
  // 最后 closing the run may stand in a later sentence, after words of its own.
  const closing = '应当先论后策，首先要对原话进行破解，揭示其中的寓意，再进而联系实际，指出它的现实意义。如果要突破常见模式，最后结尾再呼应一下。';
  const s = only(closing);
  assert.equal(s.frame, '首先/再/最后');
  assert.deepEqual(leads(closing, s), ['首先要对原话进行破解', '再进而联系实际', '最后结尾再呼应一下']);
});

test('round 5: a bare noun shared at the end of clauses is the thing acted on or the kind named; a shared predicate or …的+noun still frames', () => {
  for (const text of [
    '在创新事业中凝聚人才。我们要主动吸引人才，在实践中培育人才，想方设法留住人才，让人才发挥作用。',
    '监管部门陆续修订了豆制品食品安全标准、食品添加剂安全标准、转基因食品安全标准、保健食品安全标准。',
  ]) {
    assert.deepEqual(analyze(text).structure.series.map((s) => s.frame), [], text);
  }
  const worry = '长此以往，国家永续发展堪忧，民族自立自强堪忧，社会文明进步堪忧!';
  const w = only(worry);
  assert.equal(w.frame, '{X}堪忧');
  assert.deepEqual(leads(worry, w), ['国家永续发展堪忧', '民族自立自强堪忧', '社会文明进步堪忧']);
  const year = '今年是实现规划目标的关键一年，是全面深化改革的攻坚一年，也是喜迎盛会召开的奋进一年。';
  assert.equal(only(year).frame, '{X}一年');
});

test('round 5: cases told by 有的…，有的…，还有的… are examples listed, not a 排比', () => {
  const text = '各地的做法不尽相同，有的关注滩涂保护，有的关注近海渔业资源的休养生息，还有的关注港口环境整治。';
  assert.deepEqual(analyze(text).structure.series, []);
  // The same clauses framed by 有人关注 (no 有的) are still a series.
  const framed = '各地的做法不尽相同，有人关注滩涂保护，有人关注近海渔业资源的休养生息，有人关注港口环境整治。';
  assert.deepEqual(only(framed).items.length, 3);
});

test('round 6: clauses each opening with a bare 如 give examples, not a 排比; a run after 例如， still frames', () => {
  const clauses = (text: string): number[][] => analyze(text).structure.series.filter((s) => s.level === 'clause').map(starts);
  // The dev gold (heldout2 0025 C) holds a run in a sentence opened by 例如 as a series.
  const run = '一些政府部门在解决群众问题时吃拿卡要;在办理惠民政策时打折扣;在面对群众求助时相互踢皮球。';
  assert.deepEqual(clauses(`服务群众还存在问题。${run}`), [[10, 29, 41]]);
  assert.deepEqual(clauses(`服务群众还存在问题。例如，${run}`), [[13, 32, 44]]);
  // Items each opening with 如 list the cases; a simile 如 after a subject is still a frame (城市如花朵…，如星辰…，如浪花…).
  assert.deepEqual(clauses('分析可以从多角度展开，如主题自身的内涵外延，如主题自身的内部关系，如主题的背景与现状。'), []);
  assert.deepEqual(clauses('只有文化才能让城市如花朵开放在大地，如星辰闪耀在夜空，如浪花奔腾于海洋。'), [[0, 18, 27]]);
});

test('round 6: clauses each holding a number in digits are data, records or a template, unless each opens with a verb', () => {
  const clauses = (text: string): string[][] =>
    analyze(text)
      .structure.series.filter((s) => s.level === 'clause')
      .map((s) => s.items.map((it) => text.slice(it.leadStart, it.leadStart + 4)));
  assert.deepEqual(clauses('农村排放的化学需氧量占全国的43%、总氮量占全国的57%、总磷量占全国的67%，治理任务艰巨。'), []);
  assert.deepEqual(clauses('结构六：当问题1发生时……+当问题2发生时……+当问题3发生时……'), []);
  // Deeds of one subject, each opening with its verb: a series (dev gold series.json 0148 A).
  assert.deepEqual(clauses('民营企业创造了我国60%以上的GDP，缴纳了50%以上的税收，提供了80%以上的就业岗位。'), [['民营企业', '缴纳了5', '提供了8']]);
  // Without the figures the clauses that shared a frame still do.
  assert.deepEqual(clauses('结构六：当问题发生时……+当矛盾发生时……+当危机发生时……').length, 1);
});

test('round 6: the fixed pattern 以X为Y frames clauses however short; the same words joined by 、 stay a list', () => {
  const text = '选人用人，坚持以德为先，以能为本，以绩为重。';
  const clause = analyze(text).structure.series.filter((s) => s.level === 'clause');
  assert.deepEqual(clause.map(starts), [[5, 12, 17]]);
  assert.deepEqual(clause.map((s) => leads(text, s)), [['坚持以德为先', '以能为本', '以绩为重']]);
  assert.deepEqual(analyze('用人要以德为先、以能为本、以绩为重。').structure.series, []);
  // Short clauses of another shape are still a list (有热情，有担当，有坚持).
  assert.deepEqual(analyze('青年干部要有热情，有担当，有坚持。').structure.series, []);
});

test('round 6: an adjective shared at different depths is part of a topic term, not a frame; verb + 新 + object still frames', () => {
  const clauses = (text: string): string[][] =>
    analyze(text)
      .structure.series.filter((s) => s.level === 'clause')
      .map((s) => s.items.map((it) => text.slice(it.leadStart, it.leadStart + 4)));
  assert.deepEqual(clauses('只有伟大的党，才能团结带领伟大的人民不断前进；只有伟大的人民，才能哺育伟大的党不断发展壮大。'), []);
  assert.deepEqual(clauses('干部要不断研究新情况，总结新经验，解决新问题。'), [['干部要不', '总结新经', '解决新问']]);
});

test('round 6: noun phrases graded by 更 are the objects of one verb listed; items sharing more than 更 still frame', () => {
  const clauses = (text: string): number[][] => analyze(text).structure.series.filter((s) => s.level === 'clause').map(starts);
  assert.deepEqual(clauses('服务群众，要拿出更大的诚意，更敬畏的态度，更强的责任感，更到位的服务。'), []);
  assert.deepEqual(clauses('我们要以更大的决心，更大的勇气，更大的毅力推进改革。'), [[0, 10, 16]]);
});

test('round 6: a verb shared inside clauses that open with verbs of their own is the thing acted on; a modal inside still frames', () => {
  const clauses = (text: string): number[][] => analyze(text).structure.series.filter((s) => s.level === 'clause').map(starts);
  assert.deepEqual(clauses('政府要加强就业培训，落实就业政策，转变就业观念。'), []);
  assert.deepEqual(clauses('解决好就业问题，百姓才能乐业，社会才能稳定，国家才能富强。'), [[8, 15, 22]]);
});
