import assert from 'node:assert/strict';
import { test } from 'node:test';
import { droppedOpening, droppedWord } from '../../../server/src/analysis/rules/structure/frame-mismatch';
import { ruleTester } from '../helpers';

ruleTester('structure/frame-mismatch', {
  valid: [
    '打好政治牌，增强政治意识。\n打好团结牌，增强团结意识。\n打好能力牌，增强能力意识。',
    // 坚持 ends what two items share and a slot follows it: a variation, not a dropped word.
    '建设特色小镇要坚持以人为本。\n建设特色小镇要坚持创新驱动。\n建设特色小镇要实施人才战略。',
    // A particle left out (文化创新 for 文化的创新) breaks no frame.
    '德国因汽车技术的创新，而使汽车畅销全球；日本因电子科技的创新，而使电器远销海外；韩国因文化创新，而使韩剧风靡全球。',
    // Clause series intact, a list of named things, kinds of one thing, and a slot that changes (不懈 for 不断).
    '我们要尊重自然、顺应自然、保护自然，建设美丽中国。',
    '会议在北京、上海、广州三地举行。',
    '分析的内容可以是必要性分析、重要性分析、紧迫性分析、背景分析等。',
    '我们需要不断探索、不断革新、不懈奋斗。',
    '发展经济、保护环境、改善环境，是地方政府的职责。',
    // A clause after (or before) two that open alike: a conclusion, not an item that lost the opening.
    '虚心请教他人，能够使自己有所收获，能够做到扬长避短，发挥自己长处，收获成功。',
    '在前行的道路上，让接受和付出同行，选择接受把生命支撑，选择付出让人生继续。',
    // Two kinds of clause alternating; a list of kinds; adverbs before a shared verb.
    '誓言不是口号，是行动；不是目标，是要求。',
    '以动漫、网络游戏、手机游戏为代表的新兴业态发展迅速。',
    '我们应从自身做起，认真学习、积极学习。',
    // A verb in the place of the siblings' verb (顺应 for 实现): changed, not dropped, though the slot is longer.
    '惟有理性的企业，方能顺应时代的发展趋势，方能实现经济效益最大化，方能实现企业的可持续发展。',
    // 放在…上 ×3, then a new run 在…上…: a clause after the siblings keeping none of their one-character ending.
    '把落脚点放在贫困地区加快发展上、放在贫困农民获得实惠上、放在带领群众脱贫致富上，在精准施策上出实招、在精准推进上下实功。',
    // 还是 is “or”, not a connective left out: 无论是…，还是…，或是… share no 是 frame to break.
    '无论是城市功能的坚守，还是城市生态的归依，或是城市文化的延续，都是城市发展的自然之道。',
    // A verb in the place of the siblings' copula (文化遗产保留着… for 文化遗产是…): a variation, not a drop.
    '讲述文化遗产的重要性，文化遗产是文化多样性的生动体现。\n讲述文化遗产的重要性，文化遗产保留着都市人的现代记忆。\n讲述文化遗产的重要性，文化遗产是连接过去与未来的桥梁。',
    // The copula kept after an adverb of the item's own (理性也是…).
    '理性是个人成长之基。个人有了理性，才能明辨是非。\n理性是企业立业之本。企业有了理性，才能行稳致远。\n理性也是社会和谐之源。社会有了理性，才能安定有序。',
    // A verb where the siblings have theirs (破解 for 提高): changed, not dropped, in adjacent clauses or in parts
    // parted by ；.
    '坚持以人民为中心，有利于提高资源利用效率，有利于破解资源瓶颈，有利于提高科技创新水平。',
    '发展循环经济，有利于提高资源利用效率；发展循环经济，有利于破解资源瓶颈；发展循环经济，有利于提高科技创新水平。',
    '中国要强，农业必须强；中国要富，农民必须富；中国要美，农村必须美。',
    // The frame kept after a connective (更不能以…为代价).
    '不能以牺牲精神文明为代价，不能以牺牲生态环境为代价，更不能以牺牲人的生命为代价。',
  ],
  invalid: [
    {
      // 打好团结 drops 牌 (增强 is kept inside the segmenter's 增强团结).
      text: '打好政治牌，增强政治意识。\n打好团结，增强团结意识。\n打好能力牌，增强能力意识。',
      errors: [{ range: [14, 26], text: '打好团结，增强团结意识。', message: '打好{X}牌，增强{Y}意识' }],
    },
    {
      text: '践行诚信价值源于对环境的认识。\n践行价值始于顶层设计的完善。\n践行诚信价值成于人人守信的自觉。',
      errors: [{ range: [16, 30], text: '践行价值始于顶层设计的完善。', message: 'siblings share' }],
    },
    {
      // UTF-16 offsets past an astral character, and CRLF line ends.
      text: '𠮷日说明。\r\n打好政治牌，增强政治意识。\r\n打好团结，增强团结意识。\r\n打好能力牌，增强能力意识。',
      errors: [{ range: [23, 35], text: '打好团结，增强团结意识。' }],
    },
    {
      // The first word of the siblings' opening dropped (家风 of 家风关乎…): the item opens with the second one,
      // though the frame is a small part of the siblings' long leads.
      text: '家风关乎社会风气，化解精神缺失的危机。家风是一个家庭的灵魂，影响着每一个成员。\n家风关乎个人修养，涵养立身处世的品格。良好的家风能够让人明辨是非。\n关乎政治生态，培育为政为民的情怀。很多党员干部落马，都与家风不正有关。',
      errors: [{ range: [74, 91], text: '关乎政治生态，培育为政为民的情怀。', message: '家风关乎{X}' }],
    },
    {
      // The copula of the siblings' opening 理性是 dropped, a noun where it stood: the link is missing.
      text: '理性是个人成长之基。个人有了理性，才能明辨是非。\n理性是企业立业之本。企业有了理性，才能行稳致远。\n理性社会和谐之源。社会有了理性，才能安定有序。',
      errors: [{ range: [50, 59], text: '理性社会和谐之源。', message: '理性是{X}之{Y}' }],
    },
    {
      // A frame standing after each lead's own opening clause (…是建设高效政府的…): a word inside it dropped.
      text: '简政放权，减少审批环节是建设高效政府的重要途径。要加快推进。\n转型升级，优化服务流程是建设政府的必然要求。要加快转型。\n因地制宜，创新管理方式是建设高效政府的重要方向。要突出特色。',
      errors: [{ range: [31, 53], text: '转型升级，优化服务流程是建设政府的必然要求。', message: '{X}是建设高效政府的{Y}' }],
    },
    {
      // …and the copula opening that frame.
      text: '简政放权，减少审批环节是建设高效政府的重要途径。要加快推进。\n转型升级，优化服务流程建设高效政府的必然要求。要加快转型。\n因地制宜，创新管理方式是建设高效政府的重要方向。要突出特色。',
      errors: [{ range: [31, 54], text: '转型升级，优化服务流程建设高效政府的必然要求。', message: 'breaks the frame' }],
    },
    {
      // 自然 dropped from the first item of a clause series (the clause opens with words of its own).
      text: '我们要尊重、顺应自然、保护自然，建设美丽中国。',
      errors: [{ range: [0, 5], text: '我们要尊重', message: '“自然”' }],
    },
    {
      // 看 of 看遍 dropped from the middle item.
      text: '登上山顶，看遍良田万顷，遍湖水万丈，看遍夕阳一方。',
      errors: [{ range: [12, 17], text: '遍湖水万丈', message: '看遍{X}' }],
    },
    {
      // The glue 为 of 以{X}为{Y} dropped.
      text: '新型城镇化要坚持以人为核心、以基层重点、以创新为关键。',
      errors: [{ range: [14, 19], text: '以基层重点', message: '“为”' }],
    },
    {
      // All of the opening 需要 dropped from the middle item.
      text: '完善社会治理需要政府简政放权、公民保持理性、需要社会营造氛围。',
      errors: [{ range: [15, 21], text: '公民保持理性', message: '“需要”' }],
    },
    {
      // A series quoted inside a clause: its items are compared from the opening quote to the closing one.
      text: '润物细无声，构筑“懂，敬规则，守规则”的良好氛围。',
      errors: [{ range: [9, 10], text: '懂', message: '“规则”' }],
    },
    {
      // A connective opening the sentence is no clause of another kind alternating with the item.
      text: '有鉴于此，完善社会治理需要政府简政放权、公民保持理性、需要社会营造氛围。',
      errors: [{ range: [20, 26], text: '公民保持理性', message: '“需要”' }],
    },
    {
      // The first of a run after words of the sentence's own, the segmenter's 守规矩 one word.
      text: '我们应当能够讲、懂规矩、守规矩。',
      errors: [{ range: [0, 7], text: '我们应当能够讲', message: '“规矩”' }],
    },
    {
      // The item opens with a particle no clause opens with: the word before it in the siblings' opening was dropped.
      text: '食品安全问题关系着人民群众的身心健康，关系着社会的稳定，着全面建设小康社会的成败。',
      errors: [{ range: [28, 40], text: '着全面建设小康社会的成败', message: '“关系”' }],
    },
    {
      text: '创业的氛围日益浓厚，创业的机会随处可见，的项目更是琳琅满目。',
      errors: [{ range: [20, 29], text: '的项目更是琳琅满目', message: '创业的{X}' }],
    },
    {
      // The glue 为 opening the siblings' ending 为代价 dropped; the item's connective 更 is left out of the comparison.
      text: '不能以牺牲精神文明为代价，不能以牺牲生态环境为代价，更不能以牺牲人的生命代价。',
      errors: [{ range: [27, 38], text: '不能以牺牲人的生命代价', message: '不能以牺牲{X}为代价' }],
    },
    {
      // 更是: the segmenter's word joins the connective to 是; 可以 dropped.
      text: '成功的标准可以是财富积累的多少，可以是事业发展的好坏，更是目标达成的快慢。',
      errors: [{ range: [28, 36], text: '是目标达成的快慢', message: '“可以”' }],
    },
    {
      // A one-character ending the siblings share by chance (合力, 威慑力) is not their frame: 形成 was dropped, and
      // the adjective after 没有 is no verb in its place.
      text: '制度建设不够完善，没有良好的长效机制，没有形成强大的合力，没有形成较强的威慑力。',
      errors: [{ range: [9, 18], text: '没有良好的长效机制', message: '没有形成{X}' }],
    },
    {
      // The siblings share 在人民 by chance (人民 is their slots'): held against 在{X}当中, 当中 was dropped.
      text: '我认为这个源泉在人民大众当中，在社会生活，在人民的实践当中。',
      errors: [{ range: [15, 20], text: '在社会生活', message: '在{X}当中' }],
    },
    {
      // Parts parted by ； of two clauses each: a clause held against the clauses at its place in the parts around.
      text: '中国要强，农业必须强；中国富，农民必须富；中国要美，农村必须美。',
      errors: [{ range: [11, 14], text: '中国富', message: '中国要{X}' }],
    },
    {
      // UTF-16 offsets past an astral character, and CRLF line ends.
      text: '𠮷日说明。\r\n要懂，敬规则，守规则。\r\n',
      errors: [{ range: [8, 10], text: '要懂', message: '{X}规则' }],
    },
  ],
});

test('droppedWord: one fixed word missing between two frame words', () => {
  const siblings = [
    ['打', '好', '政治', '牌', '，', '增强', '政治', '意识'],
    ['打', '好', '能力', '牌', '，', '增强', '能力', '意识'],
  ];
  assert.deepEqual(droppedWord(siblings, ['打', '好', '团结', '，', '增强', '团结', '意识']), { word: '牌', frame: '打好{X}牌，增强{Y}意识' });
  // A longer slot holds a word put in the dropped one's place: a variation.
  assert.equal(droppedWord(siblings, ['打', '好', '团结', '大', '，', '增强', '团结', '意识']), undefined);
  // Two words missing: a different item, not a dropped word.
  assert.equal(droppedWord(siblings, ['打', '好', '团结', '，', '提升', '团结', '水平']), undefined);
  // The frame kept.
  assert.equal(droppedWord(siblings, ['打', '好', '团结', '牌', '，', '增强', '团结', '意识']), undefined);
});

test('droppedOpening: characters dropped inside the shared opening, whatever the segmentation', () => {
  const siblings = [
    ['践行', '诚信价值', '源于', '认识'],
    ['践行', '诚信价值', '成于', '自觉'],
  ];
  assert.deepEqual(droppedOpening(siblings, ['践行', '价值', '始于', '完善']), { word: '诚信', frame: '践行诚信价值{X}' });
  // Dropping the end of the opening looks like a slot starting early: left alone.
  assert.equal(droppedOpening(siblings, ['践行', '诚信', '始于', '完善']), undefined);
  // Dropping the start leaves too little shared.
  assert.equal(droppedOpening([['一些', '网友', '说'], ['一些', '网友', '称']], ['网友', '评论']), undefined);
});

ruleTester('structure/frame-mismatch', {
  valid: [
    // A verb of its own closing the list is another item, not a dropped 加强.
    '我们要加强党的建设、加强队伍建设、完善制度体系，推动工作落实。',
    // After clauses parted by ， the clause after a run is a conclusion, not an item that lost 增强.
    '增强中国文化软实力，增强世界对中国的认同感，增强中华文化对世界的吸引力，汉字与汉语将承担不可替代的责任。',
  ],
  invalid: [
    {
      // The last item of a 、-list opens with a noun where its siblings open with the verb 宣传: 宣传 dropped.
      text: '培育阳光心态，就要加大正面宣传，宣传好人好事、宣传惠民政策、改革开放的成就，引导公众的合理预期。',
      errors: [{ range: [30, 37], text: '改革开放的成就', message: '“宣传”' }],
    },
  ],
});

const LINKED = (second: string): string => `推进乡村振兴，需要发展特色产业。产业兴旺是乡村振兴的重点，要让农民的钱袋子鼓起来。\n${second}近年来农村建设取得了显著成效，但基础设施仍然薄弱，欠账不少。\n繁荣乡村文化，需要创新服务方式。文化是乡村的灵魂，要让农民的精神生活丰富起来。`;

ruleTester('structure/frame-mismatch', {
  valid: [
    // Every item keeps 需要 right after its topic clause.
    LINKED('实现生态宜居，需要补上历史欠账。'),
    // An item with a modal of its own there (还要) varies the link, it did not drop it.
    LINKED('实现生态宜居，还要补上历史欠账。'),
  ],
  invalid: [
    {
      // 需要 dropped after the middle item's topic clause: a verb stands where its siblings have the link.
      text: LINKED('实现生态宜居，补上历史欠账。'),
      errors: [{ range: [42, 56], text: '实现生态宜居，补上历史欠账。', message: '{X}，需要{Y}' }],
    },
  ],
});

ruleTester('structure/frame-mismatch', {
  valid: [
    // A part after the run that opens with its topic alone is a conclusion, not an item that lost 是.
    '人心向善，离不开心存爱心。爱心是阳光，普照黑暗的大地；爱心是雨水，滋润干涸的沙丘，养育万物；爱心是树叶，阴凉燥热的夏天；爱心，亦是善。',
  ],
  invalid: [
    {
      // The opening word of the anaphora dropped from the middle part: nothing stands in its place (是雨水).
      text: '人心向善，离不开心存爱心。爱心是阳光，普照黑暗的大地；是雨水，滋润干涸的沙丘；爱心是树叶，阴凉燥热的夏天。',
      errors: [{ range: [27, 30], text: '是雨水', message: '“爱心”' }],
    },
    {
      // The same where the parts hold different numbers of clauses: the clauses opening them are compared.
      text: '人心向善，离不开心存爱心。爱心是阳光，普照黑暗的大地；是雨水，滋润干涸的沙丘，养育万物；爱心是树叶，阴凉燥热的夏天。',
      errors: [{ range: [27, 30], text: '是雨水', message: '“爱心”' }],
    },
  ],
});

ruleTester('structure/frame-mismatch', {
  valid: [
    // Every clause keeps the ending 的标准.
    '实践是检验真理的标准：根本标准，只能是生产力的标准，是经济基础的标准，是社会进步的标准，是人民群众根本利益的标准。',
    // Before its siblings a clause ending on 的 is a subject made of it, not a clause that lost 孝.
    '要使他们认识到，父母所需要的，并不仅仅是物质上的孝，更重要的是精神层面的孝。',
    // Siblings ending on 的 alike: nothing dangles.
    '这本书是我的，那本书是你的，这支笔是他的。',
  ],
  invalid: [
    {
      // The clause stops on 的 inside the ending its neighbours share: 标准 dropped.
      text: '实践是检验真理的标准：根本标准，只能是生产力的标准，是经济基础的标准，是社会进步的，是人民群众根本利益的标准。',
      errors: [{ range: [35, 41], text: '是社会进步的', message: '“标准”' }],
    },
    {
      // Opening the run after words of its own, the clause stops on the glue 为: 代价 dropped.
      text: '总书记曾经指出，我们的发展不能以牺牲精神文明为，不能以牺牲生态环境为代价，更不能以牺牲人的生命为代价。',
      errors: [{ range: [8, 23], text: '我们的发展不能以牺牲精神文明为', message: '“代价”' }],
    },
  ],
});

// A word closing a shared opening dropped with one character kept before it (看遍 → 看), the item's slot as long
// as each sibling's; a clause after the run that shares nothing must not hide it.
ruleTester('structure/frame-mismatch', {
  valid: [
    '回到家乡，看遍良田万顷，看遍湖水万丈，看遍夕阳一方，心中满是感动。',
    // After a copula any phrase may follow: 是与人和谐… varies 是促进…, it did not drop 促进.
    '践行和谐文化，是促进人自身协调发展根基；学习和谐文化，是与人和谐的初始一步；追求和谐文化，更是促进生态和谐的必由之举。',
    // A slot longer than the siblings': a word took the dropped one's place.
    '回到家乡，看遍良田万顷，看清湖水万丈，看遍夕阳一方。',
  ],
  invalid: [
    {
      text: '回到家乡，看遍良田万顷，看湖水万丈，看遍夕阳一方，心中满是感动。',
      errors: [{ range: [12, 17], text: '看湖水万丈', message: '“遍”' }],
    },
    {
      text: '品尽人间百味，品尽地域习俗，品春夏秋冬。',
      errors: [{ range: [14, 19], text: '品春夏秋冬', message: '品尽{X}' }],
    },
  ],
});

// 以{X}为{Y} after words of the sentence's own (就必须以…): the first item is compared from its 以.
ruleTester('structure/frame-mismatch', {
  valid: ['要让法治精神深入人心，就必须以科学立法为前提，以严格执法为保证，以全民守法为基础。'],
  invalid: [
    {
      text: '要让法治精神深入人心，就必须以科学立法前提，以严格执法为保证，以全民守法为基础。',
      errors: [{ range: [11, 21], text: '就必须以科学立法前提', message: '“为”' }],
    },
    {
      text: '要让法治精神深入人心，就必须以科学立法为前提，以严格执法为保证，以全民守法基础。',
      errors: [{ range: [32, 39], text: '以全民守法基础', message: '以{X}为{Y}' }],
    },
  ],
});

// A one-word item that lost all of its siblings' opening in a 、-list, a longer clause after the run.
ruleTester('structure/frame-mismatch', {
  valid: ['水可以改变自己的状态，或是冰、或是水、或是雾，从不拘泥。'],
  invalid: [
    {
      text: '水可以改变自己的状态，或是冰、水、或是雾，从不拘泥。',
      errors: [{ range: [15, 16], text: '水', message: '或是{X}' }],
    },
  ],
});

// A longer clause after the run is no clause of another kind alternating with a bare slot (敬).
ruleTester('structure/frame-mismatch', {
  valid: ['要树立“法治”观念，构筑“懂规则，敬规则，守规则”的治理堤坝，让法治成为习惯。'],
  invalid: [
    {
      text: '要树立“法治”观念，构筑“懂规则，敬，守规则”的治理堤坝，让法治成为习惯。',
      errors: [{ range: [17, 18], text: '敬', message: '{X}规则' }],
    },
  ],
});

// A piece of the frame inside the items (以{X}为镜可以{X}), siblings of one length compared character by character.
ruleTester('structure/frame-mismatch', {
  valid: [
    '以铜为镜可以正衣冠，以人为镜可以明得失，以史为镜可以知兴替。',
    // A verb in the place of the siblings' verb replaced it (破解 for 提高), it did not drop it.
    '发展循环经济，有利于提高资源利用效率；发展循环经济，有利于破解资源瓶颈；发展循环经济，有利于提高科技创新水平。',
  ],
  invalid: [
    {
      text: '以铜为镜可以正衣冠，以人为镜可以明得失，以史为镜知兴替。',
      errors: [{ range: [20, 27], text: '以史为镜知兴替', message: '“可以”' }],
    },
    {
      text: '以铜为镜可以正衣冠，以人为镜明得失，以史为镜可以知兴替。',
      errors: [{ range: [10, 17], text: '以人为镜明得失', message: '以{X}为镜可以{X}' }],
    },
  ],
});

// An item inside a 、-list opening with a noun where its siblings open with one verb: the verb dropped, whatever the
// lengths of their objects; clauses after the list are no alternation.
ruleTester('structure/frame-mismatch', {
  valid: [
    '要加大正面宣传，宣传好人好事、宣传惠民政策、宣传改革开放的成就，引导公众。',
    // A verb of its own opening the item (提升 for 积极…): another item, not a dropped word.
    '通过积极疏通维权途径引导、提升政府公信力、积极宣传社会正能量，引导塑造和谐社会心态。',
  ],
  invalid: [
    {
      text: '要加大正面宣传，宣传好人好事、惠民政策、宣传改革开放的成就，引导公众。',
      errors: [{ range: [15, 19], text: '惠民政策', message: '宣传{X}' }],
    },
  ],
});

// A link between subject and predicate (才能) that both siblings hold after subjects of one length, dropped from the
// item between them.
ruleTester('structure/frame-mismatch', {
  valid: [
    '承载起古村保护的重任，文明才能更文明，历史才能更悠久，乡愁才能得以寄托。',
    // No subject opens the clause after the siblings: a predicate of its own, not an item that lost 才.
    '我们认识到了无用之用的价值，生活才更加丰富多彩，企业才能打响品牌，获得长远的发展。',
  ],
  invalid: [
    {
      text: '承载起古村保护的重任，文明才能更文明，历史更悠久，乡愁才能得以寄托。',
      errors: [{ range: [19, 24], text: '历史更悠久', message: '{X}才能{Y}' }],
    },
  ],
});
