import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { check, corpusEssay, ROOT } from '../helpers';

interface Span {
  text: string;
  start: number;
  end: number;
  note: string;
}
interface Entry {
  file: string;
  defects: Array<Span & { type: string }>;
  distractors: Span[];
}

const reading = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'dev-gold', 'repetition.json'), 'utf8')) as Entry[];
const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean => a.start < b.end && b.start < a.end;

test('dev reading of the repetition rules: offsets point at their text', () => {
  for (const e of reading) {
    const text = corpusEssay(e.file);
    for (const s of [...e.defects, ...e.distractors]) {
      assert.equal(text.slice(s.start, s.end), s.text, `${e.file}@${s.start}`);
    }
  }
});

test('dev reading: duplicate-paragraph reports only the pasted repeats, duplicate-sentence none of its read false positives', () => {
  for (const rule of ['duplicate-paragraph', 'duplicate-sentence']) {
    let right = 0;
    for (const e of reading) {
      const found = check(corpusEssay(e.file), [`repetition/${rule}`]);
      for (const f of found) {
        const wrong = e.distractors.filter((d) => d.note.startsWith(`${rule}:`) && d.note.endsWith('before only') && overlaps(f, d));
        assert.deepEqual(wrong.map((d) => d.text), [], `${e.file}: ${f.message}`);
        if (e.defects.some((d) => d.type === rule && overlaps(f, d))) {
          right++;
        }
      }
    }
    assert.equal(right, rule === 'duplicate-paragraph' ? 3 : 6, rule);
  }
});
