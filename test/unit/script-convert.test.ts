import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getServices } from '../../server/src/services';

/**
 * Simplified sentences of the genre around characters with several Traditional forms, and their Traditional
 * form (OpenCC's standard): the phrase decides, never the character alone.
 */
const ONE_TO_MANY: ReadonlyArray<readonly [string, string]> = [
  // 征 / 徵: 征 stays in 征程, 长征, also after 新 (OpenCC's 新征 → 新徵 must not win over 征程).
  ['踏上全面建设社会主义现代化国家新征程', '踏上全面建設社會主義現代化國家新征程'],
  ['奋进新征途，再踏新征程。', '奮進新征途，再踏新征程。'],
  ['新时代的长征路上，要广泛征求群众意见，依法征收税款，把握时代特征。', '新時代的長征路上，要廣泛徵求羣衆意見，依法徵收稅款，把握時代特徵。'],
  // 克 / 剋: 剋 only for 剋扣, 剋星, 相剋.
  ['党员干部要克己奉公、自我克制，决不克扣群众的一分钱。', '黨員幹部要克己奉公、自我克制，決不剋扣羣衆的一分錢。'],
  ['党员要一心奉公克己，懂得五行相克的道理。', '黨員要一心奉公克己，懂得五行相剋的道理。'],
  // 了 / 瞭: 了然 stays (一目了然, 了然于胸); 了解 is OpenCC's 瞭解.
  ['政策效果一目了然，基层情况要了然于胸，深入了解民情。', '政策效果一目了然，基層情況要了然於胸，深入瞭解民情。'],
  // 借 / 藉 and 回 / 迴: OpenCC's phrase table decides (藉着, 迴環; 借鑑, 回顧).
  ['借着改革的东风，借鉴先进经验。', '藉着改革的東風，借鑑先進經驗。'],
  ['文章回环往复，回顾历史，迂回前进。', '文章迴環往復，回顧歷史，迂迴前進。'],
  // 干 / 幹 / 乾
  ['党员干部要干实事，保持清正廉洁、干干净净，不干预司法，若干问题。', '黨員幹部要幹實事，保持清正廉潔、乾乾淨淨，不干預司法，若干問題。'],
  // 发 / 發 / 髮, 松 / 鬆
  ['发展经济不能头发一白就松劲，要理发修面。', '發展經濟不能頭髮一白就鬆勁，要理髮修面。'],
  ['不能放松要求，像松树一样挺拔。', '不能放鬆要求，像松樹一樣挺拔。'],
  // 后 / 後, 于 / 於, 里 / 裏, 面 / 麪
  ['今后工作的重点在于落实，皇后的故事。', '今後工作的重點在於落實，皇后的故事。'],
  ['在这里，村里的面貌焕然一新，方方面面都有变化，相距一公里。', '在這裏，村裏的面貌煥然一新，方方面面都有變化，相距一公里。'],
  // 系 / 係 / 繫, 只 / 隻, 才 / 纔
  ['联系群众，维系关系，形成体系。', '聯繫羣衆，維繫關係，形成體系。'],
  ['只有抓铁有痕，才能一只手也不放松，刚才说过，人才是第一资源。', '只有抓鐵有痕，才能一隻手也不放鬆，剛纔說過，人才是第一資源。'],
  // 台 / 臺 / 檯 / 颱
  ['台风过后，他走上讲台，柜台前、台湾同胞都来了。', '颱風過後，他走上講臺，櫃檯前、臺灣同胞都來了。'],
  // 复 / 復 / 複, 历 / 歷 / 曆, 制 / 製, 范 / 範
  ['恢复经济需要应对复杂局面，反复研究。', '恢復經濟需要應對複雜局面，反覆研究。'],
  ['历史告诉我们，日历翻过新的一页。', '歷史告訴我們，日曆翻過新的一頁。'],
  ['完善制度，振兴制造业。', '完善制度，振興製造業。'],
  ['发挥模范作用，扩大覆盖范围，学习范仲淹。', '發揮模範作用，擴大覆蓋範圍，學習范仲淹。'],
  // 冲 / 衝, 准 / 準, 斗 / 鬥, 获 / 獲 / 穫, 余 / 餘
  ['冲锋在前，化解冲突，提高标准，经过批准。', '衝鋒在前，化解衝突，提高標準，經過批准。'],
  ['发扬斗争精神，北斗卫星，收获满满，获得感增强，其余的事情留有余地。', '發揚鬥爭精神，北斗衛星，收穫滿滿，獲得感增強，其餘的事情留有餘地。'],
  // 钟 / 鐘 / 鍾, 表 / 錶, 尽 / 儘 / 盡, 云 / 雲, 游 / 遊
  ['钟表厂的钟声，他钟情于基层，发表文章。', '鐘錶廠的鐘聲，他鍾情於基層，發表文章。'],
  ['尽管困难重重，我们也要尽力而为，发展云计算，不能人云亦云。', '儘管困難重重，我們也要盡力而爲，發展雲計算，不能人云亦云。'],
  ['发展旅游业，到江里游泳，必须留胡须吗。', '發展旅遊業，到江裏游泳，必須留鬍鬚嗎。'],
  // 划 / 劃, 汇 / 匯 / 彙, 签 / 簽 / 籤, 卷 / 捲
  ['做好规划，划船比赛，向上级汇报，汇款到账，丰富词汇。', '做好規劃，划船比賽，向上級彙報，匯款到賬，豐富詞彙。'],
  ['签字确认，贴上标签，卷入纷争，认真答卷。', '簽字確認，貼上標籤，捲入紛爭，認真答卷。'],
  // 于 / 於: the preposition.
  ['由于历史原因，对于这个问题，关于改革，于是我们终于成功，属于群众，等于零，至于结果。', '由於歷史原因，對於這個問題，關於改革，於是我們終於成功，屬於羣衆，等於零，至於結果。'],
];

test('Simplified → Traditional: the phrase decides between the Traditional forms of a character', () => {
  const c = getServices().converter;
  for (const [simplified, traditional] of ONE_TO_MANY) {
    assert.equal(c.convert(simplified, 'traditional'), traditional, simplified);
    // And back: the Traditional text converts to the Simplified one it came from.
    assert.equal(c.convert(traditional, 'simplified'), simplified, traditional);
  }
});

test('the genre corrections hold in every Traditional standard and for single words', () => {
  const c = getServices().converter;
  for (const to of ['traditional', 'taiwan', 'hongkong'] as const) {
    assert.equal(c.convert('踏上新征程，一目了然，了然于心，克己奉公，奉公克己，克制情绪。', to), '踏上新征程，一目了然，了然於心，克己奉公，奉公克己，克制情緒。', to);
    // The words as script/mixed converts them (one token each, no segmentation).
    for (const word of ['新征程', '一目了然', '奉公克己', '克制']) {
      assert.equal(c.convertWord(word, to), word, `${word} (${to})`);
    }
  }
  // Taiwan and Hong Kong write 回歸 and 公布 where OpenCC writes 迴歸 and 公佈; a longer phrase of OpenCC's
  // (北迴歸線, the tropic) keeps its form.
  for (const to of ['taiwan', 'hongkong'] as const) {
    assert.equal(c.convert('香港回归祖国，政府公布新政策，发布会上宣布分布情况，北回归线。', to), '香港回歸祖國，政府公布新政策，發布會上宣布分布情況，北迴歸線。', to);
  }
  assert.equal(c.convert('香港回归祖国，政府公布新政策，发布会上宣布分布情况，北回归线。', 'traditional'), '香港迴歸祖國，政府公佈新政策，發佈會上宣佈分佈情況，北迴歸線。');
  // A Traditional text that already writes either form keeps it when converted to Traditional.
  assert.equal(c.convert('香港回歸祖國，政府公布新政策，干部。', 'traditional'), '香港回歸祖國，政府公布新政策，幹部。');
  // A Simplified-only character converts even where converting back gives another Simplified character
  // (钜 → 鉅 → 巨, 馀 → 餘 → 余, 鲶 → 鯰 → 鲇, 昵 → 暱): no Traditional text writes it. 想象 stays (象 is shared).
  for (const to of ['traditional', 'taiwan', 'hongkong'] as const) {
    assert.equal(c.convert('他的昵称，钜额资金，鲶鱼效应，其馀的想象。', to), '他的暱稱，鉅額資金，鯰魚效應，其餘的想象。', to);
    // The same in a Traditional text that holds them as residue.
    assert.equal(c.convert('網民喜歡用昵稱，投入钜額資金，形成鲶魚效應，其馀的問題。', to), '網民喜歡用暱稱，投入鉅額資金，形成鯰魚效應，其餘的問題。', to);
  }
  // Regional standards keep their own forms elsewhere: Taiwan writes 藉著, OpenCC's standard 藉着.
  assert.equal(c.convert('借着东风', 'taiwan'), '藉著東風');
  assert.equal(c.convert('借着东风', 'hongkong'), '藉着東風');
  // Where the genre has nothing to say, OpenCC's choice stands: 征收 → 徵收, 克扣 → 剋扣, 一只 → 一隻.
  assert.equal(c.convertWord('征收', 'traditional'), '徵收');
  assert.equal(c.convertWord('克扣', 'traditional'), '剋扣');
  // An astral character passes through, offsets of what follows unchanged.
  assert.equal(c.convert('𠮷新征程\r\n一目了然', 'traditional'), '𠮷新征程\r\n一目了然');
});

test('a Simplified word slipped into a Traditional text: converting to Traditional fixes it and keeps the rest', () => {
  const c = getServices().converter;
  const text = '我們踏上新征程，由于歷史原因，干部要奉公克己，政策一目了然。\r\n于謙是明代名臣。';
  assert.equal(c.convert(text, 'traditional'), '我們踏上新征程，由於歷史原因，幹部要奉公克己，政策一目了然。\r\n于謙是明代名臣。');
});

test('convert to Simplified: the preposition 於 becomes 于 in a Simplified text; 於 in a name stays', () => {
  const c = getServices().converter;
  assert.equal(
    c.convert('我们对於这个问题，由於历史原因，终於成功，他毁於一旦。出自苏轼的《於潜僧绿筠轩》。', 'simplified'),
    '我们对于这个问题，由于历史原因，终于成功，他毁于一旦。出自苏轼的《於潜僧绿筠轩》。',
  );
  // Nothing else of a Simplified text changes (显著 keeps its 著), and an astral character keeps its place.
  assert.equal(c.convert('𠮷显著成就，关於改革。\r\n', 'simplified'), '𠮷显著成就，关于改革。\r\n');
  // A Simplified text without 於 is left as it is.
  assert.equal(c.convert('于谦是明代名臣，显著成就。', 'simplified'), '于谦是明代名臣，显著成就。');
});

test('於 that OpenCC keeps for a name (於單) is the preposition where the words say so: 過於單一 ↔ 过于单一', () => {
  const c = getServices().converter;
  // OpenCC's Traditional → Simplified table reads 於單 of 過於單一 as the name 於單 (a Xiongnu prince).
  assert.equal(c.toSimplified('過於單一'), '过于单一');
  assert.equal(c.toSimplified('匈奴太子於單投降。'), '匈奴太子於单投降。');
  for (const [simplified, traditional] of [
    ['基层的致富渠道过于单一，缺乏核心项目。', '基層的致富渠道過於單一，缺乏核心項目。'],
    ['群体性事件往往起因于单一事件。', '羣體性事件往往起因於單一事件。'],
    ['出自苏轼的《於潜僧绿筠轩》。', '出自蘇軾的《於潛僧綠筠軒》。'],
  ] as const) {
    assert.equal(c.convert(simplified, 'traditional'), traditional);
    assert.equal(c.convert(traditional, 'simplified'), simplified);
  }
});
