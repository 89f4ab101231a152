/**
 * The score: clean published essays score high; the same essays with injected defects score lower, and
 * every point deducted traces to findings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeScore } from '../../server/src/analysis/score';
import { corpusEssay, corpusEssays, getAnalyzer } from './helpers';

const config = { rules: {}, script: 'auto' as const, acceptedWords: [] };

test('published essays score high, and injected defects lower the score', () => {
  const names = corpusEssays().filter((_, i) => i % 50 === 7);
  let high = 0;
  for (const name of names) {
    const text = corpusEssay(name);
    const clean = getAnalyzer().analyze(text, { format: 'plaintext', config }).score;
    if (clean.total >= 85) {
      high++;
    }
    const paragraphs = text.split('\n');
    const body = paragraphs.findIndex((p, i) => i > 0 && p.length > 60);
    // Inject: the body paragraph pasted again, a doubled character, half-width commas, a Traditional word.
    const injected = [...paragraphs.slice(0, body + 1), paragraphs[body]!, ...paragraphs.slice(body + 1)]
      .join('\n')
      .replace('，', ',')
      .replace('。', '。。')
      .replace('的', '的的')
      .replace('发展', '發展');
    const worse = getAnalyzer().analyze(injected, { format: 'plaintext', config }).score;
    assert.ok(worse.total < clean.total, `${name}: ${worse.total} is not below ${clean.total}`);
    assert.ok(worse.categories.repetition < clean.categories.repetition, name);
  }
  assert.ok(high >= names.length * 0.8, `${high} of ${names.length} essays score 85 or more`);
});

test('every deducted point traces to findings', () => {
  const findings = [
    { rule: 'punctuation/halfwidth', severity: 'warning' as const, message: '', start: 0, end: 1, fixes: [] },
    { rule: 'punctuation/halfwidth', severity: 'warning' as const, message: '', start: 5, end: 6, fixes: [] },
    { rule: 'repetition/duplicate-paragraph', severity: 'warning' as const, message: '', start: 100, end: 600, fixes: [] },
  ];
  const s = computeScore(findings, 1000, (r) => (r.startsWith('punctuation') ? 'punctuation' : 'repetition'), 0.9, 1000);
  assert.deepEqual(s.deductions.map((d) => [d.rule, d.count, d.points]), [['punctuation/halfwidth', 2, 8], ['repetition/duplicate-paragraph', 1, 34]]);
  assert.equal(s.categories.punctuation, 92);
  assert.equal(s.categories.repetition, 66);
  assert.equal(s.total, Math.round(100 * 0.3 + 66 * 0.25 + 100 * 0.15 + 92 * 0.15 + 100 * 0.15));
  assert.equal(s.genreFit, 0.9);
  assert.equal(computeScore([], 0, () => 'script').total, 100);
});
