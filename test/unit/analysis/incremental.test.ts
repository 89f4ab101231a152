/**
 * Re-analysis after an edit reuses what the analyzer kept of unchanged paragraphs (records, memos, document
 * indexes); it must report exactly what a cold analyzer reports on the edited text. Real corpus essays, real
 * edits (a character typed inside a sentence, a paragraph deleted, a paragraph duplicated, script switched).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAnalyzer, type AnalysisConfig } from '../../../server/src/analysis';
import { getServices } from '../../../server/src/services';
import { resultLines } from '../../tools/findings-guard';
import { corpusEssay, corpusEssays } from '../helpers';

const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [] };

function cold(text: string, format: 'plaintext' | 'markdown' = 'plaintext'): string[] {
  return resultLines(createAnalyzer(getServices()).analyze(text, { format, config: CONFIG }));
}

/** The essays the edits run on: every 60th of the corpus (deterministic). */
function sample(): string[] {
  return corpusEssays().filter((_, i) => i % 60 === 0);
}

test('an edited essay re-analysed by a warm analyzer reports what a cold analyzer reports', () => {
  const warm = createAnalyzer(getServices());
  for (const name of sample()) {
    const text = corpusEssay(name);
    const lines = text.split('\n');
    const mid = Math.floor(lines.length / 2);
    warm.analyze(text, { format: 'plaintext', config: CONFIG });
    // A character typed in the middle of the middle line.
    const at = lines.slice(0, mid).join('\n').length + 1 + Math.floor(lines[mid]!.length / 2);
    const typed = `${text.slice(0, at)}的${text.slice(at)}`;
    assert.deepEqual(resultLines(warm.analyze(typed, { format: 'plaintext', config: CONFIG })), cold(typed), `${name}: typed`);
    // A paragraph duplicated (the duplicate rules must see the new copy) …
    const doubled = [...lines.slice(0, mid + 1), lines[mid]!, ...lines.slice(mid + 1)].join('\n');
    assert.deepEqual(resultLines(warm.analyze(doubled, { format: 'plaintext', config: CONFIG })), cold(doubled), `${name}: doubled`);
    // … and deleted again, then a paragraph removed.
    const removed = [...lines.slice(0, mid), ...lines.slice(mid + 1)].join('\n');
    assert.deepEqual(resultLines(warm.analyze(text, { format: 'plaintext', config: CONFIG })), cold(text), `${name}: back`);
    assert.deepEqual(resultLines(warm.analyze(removed, { format: 'plaintext', config: CONFIG })), cold(removed), `${name}: removed`);
    // The same text as Markdown after plain text.
    assert.deepEqual(resultLines(warm.analyze(removed, { format: 'markdown', config: CONFIG })), cold(removed, 'markdown'), `${name}: markdown`);
  }
});

test('a Traditional rendering after the Simplified one: the script switch re-checks every paragraph', () => {
  const warm = createAnalyzer(getServices());
  const services = getServices();
  for (const name of sample().slice(0, 4)) {
    const text = corpusEssay(name);
    warm.analyze(text, { format: 'plaintext', config: CONFIG });
    const traditional = services.converter.convert(text, 'taiwan');
    assert.deepEqual(resultLines(warm.analyze(traditional, { format: 'plaintext', config: CONFIG })), cold(traditional), name);
    const mixed = [...traditional.split('\n').slice(0, 3), ...text.split('\n').slice(3)].join('\n');
    assert.deepEqual(resultLines(warm.analyze(mixed, { format: 'plaintext', config: CONFIG })), cold(mixed), `${name}: mixed`);
  }
});
