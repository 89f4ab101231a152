import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findOverused, MIN_RATE_COUNT, WINDOW, type PhraseUse } from '../../../server/src/analysis/rules/repetition/overused-phrase';
import type { CorpusModel } from '../../../server/src/analysis/types';
import { check, ruleTester, seed } from '../helpers';

const ID = 'repetition/overused-phrase';

ruleTester(ID, {
  valid: [
    '我们要不断地学习，积极地思考，主动地实践。',
    '我们要不断地学习，不断地思考。',
    // 地 of 地市 is not the adverbial particle.
    '2011年申论地市卷，2012年申论地市卷，2014年申论地市卷。',
    { text: '我们要不断地学习，不断地思考，不断地实践。', options: { config: { acceptedWords: ['不断'] } } },
  ],
  invalid: [
    {
      text: '我们要不断地学习，不断地思考，不断地实践。',
      errors: [{ range: [15, 18], text: '不断地', message: '3' }],
    },
    {
      // Traditional script with pinyin residue between the adverb and 地.
      text: '要主動(dòng)地學習，主動(dòng)地思考，主動(dòng)地實踐。',
      errors: [{ text: '主動(dòng)地', message: '主動地' }],
    },
    {
      text: '𠮷要更好地学习，\r\n更好地思考，更好地实践。',
      errors: [{ range: [17, 20], text: '更好地' }],
    },
  ],
});

test('the finding lists the other uses as related information', () => {
  const text = '我们要不断地学习，不断地思考，不断地实践。';
  const [f] = check(text, [ID]);
  assert.deepEqual(f?.related?.map((r) => [r.start, r.end]), [[3, 6], [9, 12]]);
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
