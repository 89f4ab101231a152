import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findOverused, MIN_RATE_COUNT, WINDOW, type PhraseUse } from '../../../server/src/analysis/rules/repetition/overused-phrase';
import type { CorpusModel } from '../../../server/src/analysis/types';
import { check, ruleTester, seed } from '../helpers';

const ID = 'repetition/overused-phrase';
/** 不断地 once in each of three sentences (not parallel: three parallel sentences would be a series). */
/** 快慢 in four sentences of one paragraph (dev essay 0292). */
const PACE = '快慢平衡，方能促进社会健康运行。社会发展需要快慢结合。人们要把握好快慢节奏。只有快慢结合的学习节奏，才能营造好的环境。';
const SPREAD = '我们要不断地学习。他在工作中不断地思考，也有收获。生活总是不断地变化着。';

ruleTester(ID, {
  valid: [
    '我们要不断地学习，积极地思考，主动地实践。',
    '我们要不断地学习，不断地思考。',
    // 地 of 地市 is not the adverbial particle.
    '2011年申论地市卷，2012年申论地市卷，2014年申论地市卷。',
    { text: SPREAD, options: { config: { acceptedWords: ['不断'] } } },
    // Issue 14: uses within one sentence are a parallel construction and count once (dev essay 0190: 让城市
    // 更加智能、更加绿色; the old tests' 不断地学习，不断地思考，不断地实践 is such a 排比 and is valid now).
    '我们要不断地学习，不断地思考，不断地实践。',
    '只有让城市更加智能、更加绿色、更加宜居，才能让人们生活得更好。',
    // Issue 14: words inside quotation marks are the quoted author's (dev essay 0760 quotes 门罗 three times).
    '门罗曾经说过：“幸福始终充满着缺陷。”本题以“幸福始终充满着缺陷”提示立意。材料六说明，“幸福始终充满缺陷”。',
    // Issue 14: the title's words are the topic (dev essays 0138 and 0292, 快慢).
    `追求快慢平衡\n${PACE}`,
  ],
  invalid: [
    {
      // Three sentences, one use each.
      text: SPREAD,
      errors: [{ range: [29, 32], text: '不断地', message: '3' }],
    },
    {
      // Traditional script with pinyin residue between the adverb and 地.
      text: '要主動(dòng)地學習。他在工作中主動(dòng)地思考，也有收穫。生活總是主動(dòng)地變化著。',
      errors: [{ text: '主動(dòng)地', message: '主動地' }],
    },
    {
      text: '𠮷我们要更好地学习。\r\n他在工作中更好地思考，也有收获。生活总是更好地变化着。',
      errors: [{ range: [33, 36], text: '更好地' }],
    },
    {
      // The same text under a first line that is a sentence, not a title.
      text: `生活的节奏。\n${PACE}`,
      errors: [{ range: [47, 49], text: '快慢', message: '4' }],
    },
    {
      // An idiom four times in one paragraph, not in a title, nor the shared ending of a run of sentences: a tic.
      text: '青年要脚踏实地，练就真本领。奋斗者总能脚踏实地，一步一个脚印。我们做事更要脚踏实地，不尚空谈。学习也要脚踏实地。',
      errors: [{ range: [37, 41], text: '脚踏实地', message: '4' }],
    },
  ],
});

test('the finding lists the other uses as related information', () => {
  const [f] = check(SPREAD, [ID]);
  assert.deepEqual(f?.related?.map((r) => [r.start, r.end]), [[3, 6], [14, 17]]);
  assert.equal(f?.severity, 'information');
});

test('seed 004 leans on 不斷地 and 主動地 (Traditional script)', () => {
  const text = seed('004');
  const found = check(text, [ID]).map((f) => text.slice(f.start, f.end).replace(/\(.*\)/, ''));
  assert.ok(found.includes('不斷地'), found.join(' '));
  assert.ok(found.includes('主動地'), found.join(' '));
});

/** A model where every phrase has the given corpus counts. */
function model(count: number, documents: number): CorpusModel {
  // Only what the rule reads (completion members of the interface are not needed here).
  const m: Partial<CorpusModel> = {
    tokenCount: 562_666,
    documents: 995,
    wordCount: () => count,
    documentCount: () => documents,
    bigramDocuments: () => documents,
    bigramNorm: 0.65,
  };
  return m as CorpusModel;
}

const uses = (key: string, positions: number[]): PhraseUse[] => positions.map((pos) => ({ key, text: key, start: pos * 2, end: pos * 2 + key.length, pos }));

test('window: the threshold grows with the phrase’s burstiness in the corpus', () => {
  const close = uses('切实', [10, 20, 30, 40]);
  // Once per essay that uses it: three uses are enough; twice per essay: six are needed.
  assert.equal(findOverused(close, 1000, model(100, 100), new Set(), new Set()).length, 1);
  assert.equal(findOverused(close, 1000, model(200, 100), new Set(), new Set()).length, 0);
  // Spread wider than the window: not a window finding.
  const far = uses('切实', [0, WINDOW, 2 * WINDOW]);
  assert.deepEqual(findOverused(far, 3 * WINDOW, model(100, 100), new Set(), new Set()), []);
});

test('corpus rate: a phrase spread thinly over a long document, far above its corpus rate', () => {
  const spread = uses('主动地', [0, 700, 1400, 2100]);
  assert.equal(spread.length, MIN_RATE_COUNT);
  const [o] = findOverused(spread, 2500, model(0, 1), new Set(), new Set());
  assert.equal(o?.kind, 'rate');
  // A phrase the corpus uses everywhere is not far above its rate.
  assert.deepEqual(findOverused(spread, 2500, model(20_000, 995), new Set(), new Set()), []);
});

test('hook for parallel series: words of a frame are exempt (TODO(#5) supplies them)', () => {
  const close = uses('不断地', [10, 20, 30]);
  assert.equal(findOverused(close, 100, model(1, 1), new Set(), new Set()).length, 1);
  assert.deepEqual(findOverused(close, 100, model(1, 1), new Set(['不断']), new Set()), []);
});

test('uses in one sentence count once: two sentences with three uses are not overuse', () => {
  const twice = (key: string, positions: number[], sentences: number[]): PhraseUse[] =>
    positions.map((pos, k) => ({ key, text: key, start: pos * 2, end: pos * 2 + key.length, pos, sentence: sentences[k]! }));
  assert.deepEqual(findOverused(twice('更加', [10, 12, 30], [0, 0, 1]), 100, model(1, 1), new Set(), new Set()), []);
  const [o] = findOverused(twice('更加', [10, 12, 30, 40], [0, 0, 1, 2]), 100, model(1, 1), new Set(), new Set());
  // The cluster keeps every use (related information), the count is by sentence.
  assert.equal(o?.uses.length, 4);
  assert.equal(o?.uses[o.at]?.pos, 40);
});

test('an idiom spread over paragraphs is the essay’s theme (dev essays 0029 and 0996: 艰苦奋斗)', () => {
  const text = '新时代更需要艰苦奋斗。\n青年要保持艰苦奋斗的精神。\n艰苦奋斗是我们的传家宝。';
  assert.deepEqual(check(text, [ID]), []);
});
