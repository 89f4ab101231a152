import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewCount } from '../../../server/src/analysis/rules/structure/announced-count';
import { check, ruleTester } from '../helpers';

ruleTester('structure/announced-count', {
  valid: [
    '我们要从三个方面努力：一是加强学习；二是改进作风；三是狠抓落实。',
    '立意主要包含两层含义：一是准确；二是深刻。',
    // 六大…系统建设 names a programme; no colon opens its items.
    '加快推进六大安全避险系统建设。一是完善监测；二是完善定位；三是完善救援。',
    // The count a short lead-in away, matching.
    '造成资金短缺的原因大致分为三种。从企业自身来看，一是资本基础薄弱；二是融资渠道单一；三是管理水平不高。',
    // A count two sentences back is no announcement when the sentence before the items is long.
    '资金短缺的原因有三种。企业在初创时期往往缺乏稳定的现金流，也难以获得银行的信任和支持。一是资本基础薄弱；二是融资渠道单一。',
    // A clause series announced in its own sentence, matching.
    '这个目的有四点：第一点是回顾历史，第二点是展望未来，第三点是表彰先进，第四点是凝聚力量。',
    // Seven announced, the outline finds four of them (shared 证法): the count is not checked against them.
    '常见的论证方法有七种：例证法、引证法、喻证法、比较法、归谬法、归纳法和演绎法。',
    // 两方面的作用，让…，让…，让…: the count names something else, the clauses after it are not its items.
    '充分发挥政策规定和市场调节两方面的作用，让人们理解政策，让人们树立观念，让人们养成习惯。',
    // A count inside quoted titles listed with 、 names part of each title, it announces nothing.
    '初步形成了“发放三种补贴”、“建设三种住房”的政策体系。一是公共租赁住房；二是经济适用住房。',
  ],
  invalid: [
    {
      // 层 counts items as 个 and 方面 do.
      text: '问题主要有三层含义：一是不准；二是不全。',
      errors: [{ range: [5, 7], text: '三层', message: 'Announced 3 items' }],
    },
    {
      // 三大问题： announces what the colon opens.
      text: '人口老龄化带来三大问题：一是养老金缺口大，二是医疗费用高。',
      errors: [{ range: [7, 9], text: '三大', message: 'but 2 follow' }],
    },
    {
      text: '立意主要包含四类：一是准确；二是深刻；三是新颖。',
      errors: [{ range: [6, 8], text: '四类', message: 'Announced 4 items' }],
    },
    {
      // The count in the sentence before a short lead-in (从企业自身来看，) that holds none.
      text: '造成资金短缺的原因大致分为三种。从企业自身来看，一是资本基础薄弱；二是融资渠道单一；三是管理水平不高；四是信用记录缺失。',
      errors: [{ range: [13, 15], text: '三种', message: 'but 4 follow' }],
    },
    {
      // A clause series announced in its own sentence: 三点 before four clauses of 第…点是.
      text: '这个目的有三点：第一点是回顾历史，第二点是展望未来，第三点是表彰先进，第四点是凝聚力量。',
      errors: [{ range: [5, 7], text: '三点', message: 'Announced 3 items' }],
    },
    {
      // A count parted from its clauses by a comma.
      text: '围绕道德建设的意义，完全可以概括为两个方面，对人负责，对市场负责，对社会负责。',
      errors: [{ range: [17, 19], text: '两个', message: 'but 3 follow' }],
    },
    {
      // A paragraph series (paragraphs sharing a lead) announced by 以下 in the paragraph before.
      text: '我们应从以下两个方面来把握公共精神的内涵。\n公共精神是实现国家富强的动力。\n公共精神是实现民族振兴的保障。\n公共精神是实现人民幸福的源泉。',
      errors: [{ range: [6, 8], text: '两个', message: 'but 3 follow' }],
    },
    {
      // Items numbered 第一点：… in the paragraphs after the count.
      text: '需要做到以下两点：\n第一点：紧扣材料主题。\n第二点：观点正确鲜明。\n第三点：论证层次清晰。',
      errors: [{ range: [6, 8], text: '两点', message: 'but 3 follow' }],
    },
    {
      // A quoted count that the colon follows (打好“五张牌”：) does announce the items.
      text: '要打好“三张牌”：一是打好政治牌；二是打好团结牌。',
      errors: [{ range: [4, 6], text: '三张', message: 'but 2 follow' }],
    },
    {
      // UTF-16 offsets past an astral character, and CRLF line ends.
      text: '𠮷安应抓好三项工作：\r\n一、文化进社区。\r\n二、新风进家庭。',
      errors: [{ range: [6, 8], text: '三项', message: 'but 2 follow' }],
    },
  ],
});

test('announced-count: the suggested count of two is 两 (两层, never 二层), not applied by fix-all', () => {
  const text = '问题主要有三层含义：一是不准；二是不全。';
  const [f] = check(text, ['structure/announced-count']);
  assert.ok(f);
  assert.deepEqual(
    f.fixes.map((x) => ({ auto: x.auto, edits: x.edits })),
    [{ auto: false, edits: [{ start: 5, end: 6, newText: '两' }] }],
  );
});

test('announced-count: three announced, four follow: the count becomes 四', () => {
  const text = '应从以下三个方面努力：\n一要加强学习。\n二要改进作风。\n三要狠抓落实。\n四要严守纪律。';
  const [f] = check(text, ['structure/announced-count']);
  assert.ok(f);
  assert.equal(text.slice(f.start, f.end), '三个');
  assert.deepEqual(f.fixes[0]!.edits, [{ start: 4, end: 5, newText: '四' }]);
});

// Announced short lists (items of a few characters, 、-lists) and lists in the count's own sentence: not outline
// series, but their count is checked.
ruleTester('structure/announced-count', {
  valid: [
    '存在四种问题：虚假、浮夸、拖沓、推诿。',
    '申论主要考察考生四个方面的能力：阅读理解能力、贯彻执行能力、解决问题能力和文字表达能力。',
    '知识创新工程的五大目标是：科技创新目标、体制改革目标、机制转换目标、人才队伍建设目标以及创新文化建设目标。',
    // 和 may join two items or be part of the last (改革和发展): two and three both read right.
    '当前要抓好两项工作：扶贫、改革和发展。',
    '当前要抓好三项工作：扶贫、改革和发展。',
    // A comma in the list: clauses, not a plain list of words.
    '主要有三个原因：监管缺位、执法不严，处罚过轻、成本太低。',
    // The list does not follow a colon: the count names something else (六大系统).
    '加快推进六大系统建设，完善监测、定位、救援。',
    '主要倾倒地点是“六边”：路边、河边、村边、田边、塘边、屋边；部分企业的废弃物随意倾倒。',
    // A quoted title of more than one character after the numeral (“十二五”) is no count.
    '“十二五”规划提出：以人为本、节地节能、生态环保。',
    // The list before its count in one clause, matching (论点、论据和论证 read as three).
    '金钱、权力、地位已经演变成了衡量成功的三大标准。',
    // 和 inside an earlier item may group the list: 生活、工作 and 心理、思想 are the two categories.
    '按照生活、工作和心理、思想分为两大类别。',
    '问题分为两类：生活、工作和心理、思想。',
    '而议论文分为论点、论据和论证三个部分。',
    // The items reach back past a comma: the 、-list is not the first of its sentence.
    '可从道德教育、道德建设，国民素质提升，讲规矩、守纪律三个方面来论述。',
    // Counts inside the list (dev 1027), and 等 leaving it open.
    '在文章整体上打五个眼、钻五个孔，就能透进光线。',
    '北京、上海等三个城市。',
    // 等 closing a list after the colon leaves items out.
    '存在五种问题：虚假、浮夸、拖沓等。',
  ],
  invalid: [
    {
      text: '存在三种问题：虚假、浮夸、拖沓、推诿。',
      errors: [{ range: [2, 4], text: '三种', message: 'but 4 follow' }],
    },
    {
      text: '申论主要考察考生五个方面的能力：阅读理解能力、贯彻执行能力、解决问题能力和文字表达能力。',
      errors: [{ range: [8, 10], text: '五个', message: 'Announced 5 items' }],
    },
    {
      text: '知识创新工程的四大目标是：科技创新目标、体制改革目标、机制转换目标、人才队伍建设目标以及创新文化建设目标。',
      errors: [{ range: [7, 9], text: '四大', message: 'but 5 follow' }],
    },
    {
      // A quoted numeral abbreviation before the colon counts its list.
      text: '主要倾倒地点是“五边”：路边、河边、村边、田边、塘边、屋边；部分企业的废弃物随意倾倒。',
      errors: [{ range: [8, 10], text: '五边', message: 'but 6 follow' }],
    },
    {
      // Fewer announced than listed before 等.
      text: '存在两种问题：虚假、浮夸、拖沓等。',
      errors: [{ range: [2, 4], text: '两种', message: 'but 3 follow' }],
    },
    {
      // The list before its count (金钱、权力、地位…三大标准), the count one up.
      text: '当前这个时代中，金钱、权力、地位已经演变成了衡量成功的四大标准。',
      errors: [{ range: [27, 29], text: '四大', message: 'but 3 follow' }],
    },
    {
      // 和 inside an earlier item: five fits no reading (two groups, three or four items).
      text: '按照生活、工作和心理、思想分为五大类别。',
      errors: [{ range: [15, 17], text: '五大', message: 'but 3 follow' }],
    },
    {
      // Off by two with an ambiguous 和: wrong under both readings.
      text: '当前要抓好五项工作：扶贫、改革和发展。',
      errors: [{ range: [5, 7], text: '五项', message: 'Announced 5 items' }],
    },
    {
      // The first ordinal item in the middle of the paragraph holding the count, the next opening a paragraph.
      text: '个中原因有三点：一是农业问题从来是一个国际敏感问题。\n二是加入世界贸易组织谈判的难点在农业。',
      errors: [{ range: [5, 7], text: '三点', message: 'but 2 follow' }],
    },
  ],
});

test('announced-count: the items of an announced list are related, the last two parted at 和', () => {
  const text = '申论主要考察考生五个方面的能力：阅读理解能力、贯彻执行能力、解决问题能力和文字表达能力。';
  const [f] = check(text, ['structure/announced-count']);
  assert.ok(f);
  assert.deepEqual(
    (f.related ?? []).map((r) => text.slice(r.start, r.end)),
    ['阅读理解能力', '贯彻执行能力', '解决问题能力', '文字表达能力'],
  );
  assert.deepEqual(f.fixes[0]!.edits, [{ start: 8, end: 9, newText: '四' }]);
});

test('announced-count: a count matching its mid-paragraph ordinal series is not reported', () => {
  const text = '个中原因有两点：一是农业问题从来是一个国际敏感问题。\n二是加入世界贸易组织谈判的难点在农业。';
  assert.deepEqual(check(text, ['structure/announced-count']), []);
});

test('announced-count: a list before its count relates its items, the last cut to the longest other', () => {
  const text = '当前这个时代中，金钱、权力、地位已经演变成了衡量成功的四大标准。';
  const [f] = check(text, ['structure/announced-count']);
  assert.ok(f);
  assert.deepEqual(
    (f.related ?? []).map((r) => [r.start, r.end, text.slice(r.start, r.end)]),
    [
      [8, 10, '金钱'],
      [11, 13, '权力'],
      [14, 16, '地位'],
    ],
  );
});

ruleTester('structure/announced-count', {
  valid: [
    // A numbered series the outline gives no count: its own count right before it, matching.
    '考生可以积累讲话的内容，以下示范同类型两句：\n1、理想信念就是共产党人精神上的“钙”。\n2、对党绝对忠诚要害在“绝对”两个字。',
    '文章总体上属于综合分析型。全文可分为三大部分。第一部分即第一段，陈明观点；第二部分为二、三自然段，论述现状；第三部分为末段，提出对策。',
    // 这三点 points back at what came before; 两个以上 is a bound: neither announces the series after it.
    '要讲政治、顾大局、守纪律，做到这三点：\n1、理想信念要坚定。\n2、对党要绝对忠诚。',
    '整个段落列举两个以上事例：\n1、德国因汽车技术的创新而畅销全球。\n2、日本因电子科技的创新而远销海外。\n3、韩国因文化创新而风靡全球。',
    // A count that does not close its sentence before the items (分为三部分，即…) is not read here.
    '全文可分为两大部分，每段各为一部分。第一部分即第一段，陈明观点；第二部分为二、三自然段，论述现状；第三部分为末段，提出对策。',
  ],
  invalid: [
    {
      // The colon right before a numbered series (its noun 句 is no measure word the outline reads).
      text: '考生可以积累讲话的内容，以下示范同类型三句：\n1、理想信念就是共产党人精神上的“钙”。\n2、对党绝对忠诚要害在“绝对”两个字。',
      errors: [{ range: [19, 21], text: '三句', message: 'Announced 3 items' }],
    },
    {
      // A sentence dividing the whole into parts, closed by the count (五大部分。第一部分…).
      text: '文章总体上属于综合分析型。全文可分为四大部分。第一部分即第一段，陈明观点；第二部分为二、三自然段，论述现状；第三部分为末段，提出对策。',
      errors: [{ range: [18, 20], text: '四大', message: 'but 3 follow' }],
    },
  ],
});

// Counts the rule reads itself: parts parted by ； after a colon, a 、-list after 即, a 、-list before 这/此 and a
// count, a count in a sentence ending with 如下, and a count closing a preview that names each item of the series.
ruleTester('structure/announced-count', {
  valid: [
    '考生选用经典故事时存在三种问题：虚假，即故事是临时编造的；错误，即故事与所持论点无关；生硬，即故事与观点组合不妥帖。',
    // Quoted parts, one with a 、-list: how many items a part holds is unclear.
    '再由总论点划分出三条分论点：“完善社会保障”、“加强市场监管”；“提升公共服务”。',
    // 八大 is a congress, not a count of three parts parted by ；.
    '党的八大指出：主要矛盾是人民对于经济文化迅速发展的需要同当前经济文化不能满足人民需要的状况之间的矛盾；十一届六中全会指出：主要矛盾是人民日益增长的物质文化需要同落后的社会生产之间的矛盾；新时代的表述又有了新的变化。',
    '四个全面内在关系：“四个全面”，即全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。',
    // 等 after 即 leaves the list open: more announced than listed is no error.
    '常见的命题方式有五类，即命题式作文、半命题式作文、自拟题目作文等。',
    '新闻工作者的职业精神包含了真实性、客观性、公正性、全面性这四个方面。',
    '公共精神的内涵有这三个方面，具体如下：\n公共精神是实现国家富强的动力。\n公共精神是实现民族振兴的保障。\n公共精神是实现人民幸福的源泉。',
    '总理分别就着力提高“双创”服务效率、着力提升公共服务供给效率、着力提高政务服务效率等三个方面，对其内涵进行了精确阐释。\n着力提高“双创”服务效率，是继续深挖“双创”的引擎之力。\n着力提升公共服务供给效率，是满足人民群众需求的关键。\n着力提高政务服务效率，是转变政府职能的重要抓手。',
  ],
  invalid: [
    {
      text: '考生选用经典故事时存在两种问题：虚假，即故事是临时编造的；错误，即故事与所持论点无关；生硬，即故事与观点组合不妥帖。',
      errors: [{ range: [11, 13], text: '两种', message: 'but 3 follow' }],
    },
    {
      // A quoted count that 即 follows with its list.
      text: '四个全面内在关系：“三个全面”，即全面建成小康社会、全面深化改革、全面依法治国、全面从严治党。',
      errors: [{ range: [10, 12], text: '三个', message: 'but 4 follow' }],
    },
    {
      // 等 after 即: fewer announced than listed.
      text: '常见的命题方式有两类，即命题式作文、半命题式作文、自拟题目作文等。',
      errors: [{ range: [8, 10], text: '两类', message: 'but 3 follow' }],
    },
    {
      text: '新闻工作者的职业精神包含了真实性、客观性、公正性、全面性这三个方面。',
      errors: [{ range: [29, 33], text: '三个方面', message: 'but 4 follow' }],
    },
    {
      text: '政府、企业、个人此两者都要负起责任。',
      errors: [{ range: [9, 11], text: '两者', message: 'but 3 follow' }],
    },
    {
      // The count in the sentence before a short 具体如下：.
      text: '这种精神的内涵主要有两个方面。具体如下：\n公共精神是实现国家富强的动力。\n公共精神是实现民族振兴的保障。\n公共精神是实现人民幸福的源泉。',
      errors: [{ range: [10, 12], text: '两个', message: 'but 3 follow' }],
    },
    {
      // 这 before the count, 如下 after it: the count points at what follows.
      text: '公共精神的内涵有这两个方面，具体如下：\n公共精神是实现国家富强的动力。\n公共精神是实现民族振兴的保障。\n公共精神是实现人民幸福的源泉。',
      errors: [{ range: [9, 13], text: '两个方面', message: 'but 3 follow' }],
    },
  ],
});

test('announced-count: items parted by ； are related from their first character to the mark', () => {
  const text = '考生选用经典故事时存在两种问题：虚假，即故事是临时编造的；错误，即故事与所持论点无关；生硬，即故事与观点组合不妥帖。';
  const [f] = check(text, ['structure/announced-count']);
  assert.ok(f);
  assert.deepEqual(
    (f.related ?? []).map((r) => text.slice(r.start, r.end)),
    ['虚假，即故事是临时编造的', '错误，即故事与所持论点无关', '生硬，即故事与观点组合不妥帖'],
  );
});

test('announced-count: a list before 这 and its count is cut to its items, the first to the longest other', () => {
  const text = '新闻工作者的职业精神包含了真实性、客观性、公正性、全面性这三个方面。';
  const [f] = check(text, ['structure/announced-count']);
  assert.ok(f);
  assert.deepEqual(
    (f.related ?? []).map((r) => [r.start, r.end]),
    [
      [13, 16],
      [17, 20],
      [21, 24],
      [25, 28],
    ],
  );
  assert.deepEqual(f.fixes[0]!.edits, [{ start: 29, end: 30, newText: '四' }]);
});

test('announced-count: a preview naming each paragraph of a series before its count (等四个方面) is held against the series', () => {
  const text = '总理分别就提高双创服务效率、提升公共服务供给效率、提高政务服务效率等四个方面，对其内涵进行了精确阐释。\n提高双创服务效率，是继续深挖双创的引擎之力。\n提升公共服务供给效率，是满足人民群众需求的关键。\n提高政务服务效率，是转变政府职能的重要抓手。';
  const item = (lead: string): { paragraph: number; start: number; end: number; leadStart: number; leadEnd: number; lead: string } => {
    const at = text.indexOf(`\n${lead}`) + 1;
    return { paragraph: 0, start: at, end: at + lead.length, leadStart: at, leadEnd: at + lead.length, lead };
  };
  const series = { kind: 'frame' as const, level: 'paragraph' as const, frameWords: [], announced: null, items: [item('提高双创服务效率'), item('提升公共服务供给效率'), item('提高政务服务效率')] };
  const a = previewCount(text, series);
  assert.deepEqual(a && [a.count, text.slice(a.start, a.end)], [4, '四个方面']);
  // A preview that names only two of the three items announces nothing it can be held against.
  const partial = text.replace('提升公共服务供给效率、', '');
  const shifted = { ...series, items: series.items.map((it) => ({ ...it, start: it.start - 11, end: it.end - 11, leadStart: it.leadStart - 11, leadEnd: it.leadEnd - 11 })) };
  assert.equal(previewCount(partial, shifted), null);
});

// Items numbered with the count's own measure word and noun (第一种情况…第二种情况), which are no outline ordinals.
ruleTester('structure/announced-count', {
  valid: [
    '针对这一问题，通常存在两种情况。第一种情况是企业主动整改，问题很快解决。第二种情况是企业拖延整改，需要政府督促。',
    // 第一个 not opening the sentence after the count's is no item of it.
    '具体行文结构主要包括三个部分。开头要写清背景，而灵活憧憬式指的是在第一个部分和第二个部分形式可以灵活多样。',
  ],
  invalid: [
    {
      text: '针对这一问题，通常存在三种情况。第一种情况是企业主动整改，问题很快解决。第二种情况是企业拖延整改，需要政府督促。',
      errors: [{ range: [11, 13], text: '三种', message: 'but 2 follow' }],
    },
    {
      // Across paragraphs, the first item opening the paragraph after the count.
      text: '对此有两种做法。\n第一种做法是先整改后处罚。\n第二种做法是先处罚后整改。\n第三种做法是整改处罚同步。',
      errors: [{ range: [3, 5], text: '两种', message: 'but 3 follow' }],
    },
  ],
});

test('announced-count: items numbered 第一种情况 are related at their numbers', () => {
  const text = '针对这一问题，通常存在三种情况。第一种情况是企业主动整改。第二种情况是企业拖延整改。';
  const [f] = check(text, ['structure/announced-count']);
  assert.ok(f);
  assert.deepEqual(
    (f.related ?? []).map((r) => [r.start, r.end, text.slice(r.start, r.end)]),
    [
      [16, 21, '第一种情况'],
      [29, 34, '第二种情况'],
    ],
  );
});

// 首先 right after the count's colon, 其次/最后 opening the sentences and paragraphs after it.
ruleTester('structure/announced-count', {
  valid: [
    '观照全局，应做到两点：首先内容要切合文章题目，即所写内容一定要切合标题。\n其次是首尾相应，即开头和结尾要呼应。\n文章还要注意语言。',
    // A paragraph opening without an ordinal word ends the items: 最后 further on is not one of them.
    '观照全局，应做到两点：首先内容要切合文章题目。\n其次是首尾相应。\n文章还要注意语言。\n最后，祝考生取得好成绩。',
  ],
  invalid: [
    {
      text: '观照全局，应做到三点：首先内容要切合文章题目，即所写内容一定要切合标题。\n其次是首尾相应，即开头和结尾要呼应。\n文章还要注意语言。',
      errors: [{ range: [8, 10], text: '三点', message: 'but 2 follow' }],
    },
    {
      // Inside one paragraph.
      text: '写好开头应做到两点：首先要开门见山。其次要简洁明了。最后要引出论点。',
      errors: [{ range: [7, 9], text: '两点', message: 'but 3 follow' }],
    },
  ],
});
