/**
 * Document rules keep per-paragraph results that depend on document-wide values as well (issue 15, item 4):
 * punctuation/pairs keeps a paragraph's marks under the openers carried into it and the document's quotation
 * style, punctuation/quotes its plans under that style, and kept values may hold messages. An edit of one
 * paragraph that changes those values must change what an unchanged paragraph reports, exactly as a cold
 * analyzer would; a change of the messages' language must not serve messages of the old one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAnalyzer, type AnalysisConfig, type Finding } from '../../../server/src/analysis';
import { getServices } from '../../../server/src/services';
import { useLanguage } from '../../../server/src/shared/messages';

const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [] };

/** The punctuation findings of an analysis: rule, range, message and fix edits. */
function punctuation(findings: readonly Finding[]): Array<[string, number, number, string, string]> {
  return findings
    .filter((f) => f.rule.startsWith('punctuation/'))
    .map((f) => [f.rule, f.start, f.end, f.message, JSON.stringify(f.fixes.map((x) => x.edits.map((e) => [e.start, e.end, e.newText])))]);
}

const cold = (text: string, locale: string): ReturnType<typeof punctuation> =>
  punctuation(createAnalyzer(getServices()).analyze(text, { format: 'plaintext', config: CONFIG, locale }).findings);

// The first paragraph leaves “ open; the second closes it (a quotation broken by a line break).
const OPENS = '他说：“我们要坚持以人民为中心。';
const CLOSES = '这是根本。”大家都表示同意。';

test('a closer kept as carried in an unchanged paragraph is unmatched once the paragraph before closes its own quotation', () => {
  useLanguage('zh-cn');
  const warm = createAnalyzer(getServices());
  const broken = `${OPENS}\n${CLOSES}\n`;
  assert.deepEqual(punctuation(warm.analyze(broken, { format: 'plaintext', config: CONFIG, locale: 'zh-cn' }).findings), []);
  // The first paragraph closes its quotation: the second paragraph's ” (offset 18 + 5) has no opener any more.
  const closed = `${OPENS}”\n${CLOSES}\n`;
  const after = punctuation(warm.analyze(closed, { format: 'plaintext', config: CONFIG, locale: 'zh-cn' }).findings);
  assert.deepEqual(after, [['punctuation/pairs', 23, 24, '” 不成对：本段中它前面没有对应的 “', '[]']]);
  assert.deepEqual(after, cold(closed, 'zh-cn'));
  // And back: carried again, nothing to report.
  assert.deepEqual(punctuation(warm.analyze(broken, { format: 'plaintext', config: CONFIG, locale: 'zh-cn' }).findings), []);
});

test('kept messages follow a change of the messages’ language', () => {
  // Reversed quotation marks: punctuation/pairs keeps their findings (messages included) with the paragraph.
  const reversed = '只有既看”显绩“，也看”潜绩“，才能作出正确的判断。\n';
  const warm = createAnalyzer(getServices());
  try {
    useLanguage('zh-cn');
    const chinese = punctuation(warm.analyze(reversed, { format: 'plaintext', config: CONFIG, locale: 'zh-cn' }).findings);
    assert.deepEqual(
      chinese.map(([rule, start, end, message]) => [rule, start, end, message]),
      [
        ['punctuation/pairs', 4, 8, '引号前后颠倒：”…“ 应为 “…”'],
        ['punctuation/pairs', 11, 15, '引号前后颠倒：”…“ 应为 “…”'],
      ],
    );
    useLanguage('en');
    const english = punctuation(warm.analyze(reversed, { format: 'plaintext', config: CONFIG, locale: 'en' }).findings);
    assert.deepEqual(
      english.map(([, start, end, message]) => [start, end, message]),
      [
        [4, 8, 'Quotation marks reversed: ”…“ should be “…”'],
        [11, 15, 'Quotation marks reversed: ”…“ should be “…”'],
      ],
    );
    assert.deepEqual(english, cold(reversed, 'en'));
  } finally {
    useLanguage('zh-cn');
  }
});

test('straight quotes of an unchanged paragraph take the style an edit elsewhere makes the document’s', () => {
  useLanguage('zh-cn');
  const warm = createAnalyzer(getServices());
  const straight = '我们常说"绿水青山就是金山银山"。';
  const curly = `${straight}\n他说：“发展要绿色。”\n`;
  const corner = `${straight}\n「一」「二」「三」\n`;
  const fix = (text: string): string => punctuation(warm.analyze(text, { format: 'plaintext', config: CONFIG, locale: 'zh-cn' }).findings)[0]![4];
  assert.equal(fix(curly), '[[[4,5,"“"],[15,16,"”"]]]');
  // Corner brackets are now the majority: the same first paragraph's pair becomes 「」.
  assert.equal(fix(corner), '[[[4,5,"「"],[15,16,"」"]]]');
  assert.deepEqual(punctuation(warm.analyze(corner, { format: 'plaintext', config: CONFIG, locale: 'zh-cn' }).findings), cold(corner, 'zh-cn'));
  assert.equal(fix(curly), '[[[4,5,"“"],[15,16,"”"]]]');
});
