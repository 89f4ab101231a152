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
import { check, getAnalyzer } from '../helpers';

const STRUCTURE_RULES = [
  'structure/ordinal-sequence',
  'structure/announced-count',
  'structure/frame-mismatch',
  'structure/item-balance',
  'structure/lead-punctuation',
  'structure/orphan-ordinal',
];

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

test('a shared ending: 尊重自然、顺应自然、保护自然 (the first item opens with words of its own)', () => {
  const text = '生态文明建设要久久为功。我们要尊重自然、顺应自然、保护自然，走绿色发展之路。';
  const s = only(text);
  assert.equal(s.level, 'clause');
  assert.equal(s.frame, '{X}自然');
  assert.deepEqual(starts(s), [12, 20, 25]);
  assert.deepEqual(leads(text, s), ['我们要尊重自然', '顺应自然', '保护自然']);
  assert.deepEqual(s.frameWords, ['自然']);
});

test('offsets are UTF-16: an astral character (𠮷) before the series counts two', () => {
  const text = '𠮷祥的日子里，我们要尊重自然、顺应自然、保护自然。';
  const s = only(text);
  assert.deepEqual(starts(s), [8, 16, 21]);
  assert.deepEqual(
    s.items.map((it) => it.leadEnd),
    [15, 20, 25],
  );
});

test('offsets with CRLF line endings: a series in the third line', () => {
  const text = '标题\r\n第一段讲背景，没有排比。\r\n我们要以人民为中心、以改革为动力、以创新为引擎，推动高质量发展。\r\n';
  const s = only(text);
  assert.equal(s.frame, '以{X}');
  assert.deepEqual(starts(s), [18, 28, 35]);
  assert.deepEqual(leads(text, s), ['我们要以人民为中心', '以改革为动力', '以创新为引擎']);
});

test('a shared opening of one character frames short items: 早发现，早预防，早处置', () => {
  const text = '基层治理贵在早发现，早预防，早处置，把矛盾化解在萌芽状态。';
  const s = only(text);
  assert.equal(s.frame, '早{X}');
  assert.deepEqual(starts(s), [0, 10, 14]);
});

test('a shared ending of a word: 懂规则，敬规则，守规则', () => {
  const text = '青少年要懂规则，敬规则，守规则，从小养成好习惯。';
  const s = only(text);
  assert.equal(s.frame, '{X}规则');
  assert.deepEqual(starts(s), [0, 8, 12]);
});

test('frame characters a little way in: 识才的慧眼、爱才的诚意、用才的胆识', () => {
  const text = '人才工作要有识才的慧眼、爱才的诚意、用才的胆识。';
  const s = only(text);
  assert.equal(s.frame, '{X}才的{Y}');
  assert.deepEqual(starts(s), [0, 12, 18]);
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
  const text = '我们要尊重自然、顺应自然、保护自然。自然是人类的家园，自然资源需要节约。';
  const s = only(text);
  assert.deepEqual(starts(s), [0, 8, 13]);
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
