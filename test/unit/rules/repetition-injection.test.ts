/**
 * Injected defects in real essays are found every time: a paragraph pasted again (after another paragraph
 * or at the end) and a doubled character or word, injected one at a time into essays of the corpus. The
 * fix of each finding restores the essay.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildParagraphs } from '../../../server/src/analysis/document';
import { normalizeForComparison } from '../../../server/src/analysis/detect/duplicates';
import { TENTATIVE_VERBS } from '../../../server/src/analysis/rules/repetition/doubled-word';
import { getServices } from '../../../server/src/services';
import { check, corpusEssay, corpusEssays, fixAll, getAnalyzer } from '../helpers';

const PARAGRAPH = 'repetition/duplicate-paragraph';
const DOUBLED = 'repetition/doubled-word';

/** Twelve essays spread over the corpus. */
const ESSAYS = corpusEssays().filter((_, i, all) => i % Math.floor(all.length / 12) === 5).slice(0, 12);

let state = 20241121;
function random(n: number): number {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state % n;
}

const key = (f: { start: number; end: number; rule: string }): string => `${f.rule}@${f.start}`;

test('the essays are a spread of the corpus', () => {
  assert.equal(ESSAYS.length, 12);
});

for (const name of ESSAYS) {
  test(`${name}: a pasted paragraph is one finding, and its fix restores the essay`, () => {
    const text = corpusEssay(name);
    const baseline = check(text, [PARAGRAPH]).length;
    const lines = text.split('\n');
    const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => normalizeForComparison(l).length >= 20).map(([, i]) => i);
    assert.ok(candidates.length >= 2, 'essay has paragraphs to copy');
    for (const atEnd of [false, true]) {
      const k = candidates[random(candidates.length)]!;
      const copy = lines[k]!;
      let injected: string;
      let copyStart: number;
      if (atEnd) {
        const body = text.replace(/\s+$/, '');
        injected = `${body}\n${copy}${text.slice(body.length)}`;
        copyStart = body.length + 1;
      } else {
        // After a line with text at or after the copied one.
        const after = lines.map((l, i) => [l, i] as const).filter(([l, i]) => i >= k && /\S/u.test(l.replace(/\u00a0/g, ''))).map(([, i]) => i);
        const m = after[random(after.length)]!;
        const before = lines.slice(0, m + 1).join('\n');
        injected = `${before}\n${copy}\n${lines.slice(m + 1).join('\n')}`;
        if (m === lines.length - 1) {
          injected = `${before}\n${copy}`;
        }
        copyStart = before.length + 1;
      }
      const found = check(injected, [PARAGRAPH]);
      assert.equal(found.length, baseline + 1, `paste of line ${k + 1}${atEnd ? ' at the end' : ''}`);
      const hit = found.find((f) => f.start <= copyStart + 1 && f.end >= copyStart + copy.trimEnd().length);
      assert.ok(hit, `the copy at ${copyStart} is covered by a finding`);
      assert.equal(fixAll(injected, [PARAGRAPH]), fixAll(text, [PARAGRAPH]));
    }
  });

  test(`${name}: doubled characters and words are found, and their fix restores the essay`, () => {
    const text = corpusEssay(name);
    const { segmenter } = getServices();
    const before = new Set(check(text, [DOUBLED]).map(key));
    // Tokens of the essay with absolute offsets.
    const tokens = buildParagraphs(text, 'plaintext').flatMap((p) => getAnalyzer().tokens(p.prose).map((t) => ({ ...t, start: t.start + p.start, end: t.end + p.start })));
    // Slip-prone characters standing alone. A copy that would form a dictionary word with the next
    // character (的的确, 是是非) reads two ways and is skipped.
    const chars = tokens.filter((t, i) => '的是在了和要把对从将而也就都'.includes(t.text) && t.text.length === 1 && !segmenter.hasWord(t.text + (tokens[i + 1]?.text[0] ?? '')));
    const words = tokens.filter((t) => /^\p{Script=Han}{2}$/u.test(t.text) && segmenter.tagOf(t.text) === 'n' && !TENTATIVE_VERBS.has(t.text) && !/^[一大整成满]/.test(t.text));
    const picks = [
      ...[0, 1, 2].map(() => chars[random(chars.length)]!),
      words[random(words.length)]!,
    ];
    for (const t of picks) {
      const injected = text.slice(0, t.end) + t.text + text.slice(t.end);
      const found = check(injected, [DOUBLED]).filter((f) => !before.has(key(f)) || f.start === t.start);
      const hit = found.find((f) => f.start === t.start && f.end === t.end + t.text.length);
      assert.ok(hit, `“${t.text}” doubled at ${t.start}: ${JSON.stringify(injected.slice(t.start - 6, t.end + 8))}`);
      assert.equal(fixAll(injected, [DOUBLED]), fixAll(text, [DOUBLED]));
    }
  });
}
