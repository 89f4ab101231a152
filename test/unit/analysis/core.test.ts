/**
 * The core's building blocks: paragraphs and masking, sentences, directives, positions, fixes, caching.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFixes, type Finding } from '../../../server/src/analysis';
import { parseDirectives } from '../../../server/src/analysis/directives';
import { buildParagraphs, MASK, splitSentences } from '../../../server/src/analysis/document';
import { LineIndex } from '../../../server/src/analysis/positions';
import { check, getAnalyzer } from '../helpers';

test('plain text: every non-blank line is a paragraph with exact offsets (CRLF, astral)', () => {
  const text = '第一段。\r\n\r\n𠮷第二段\n  \n第三段';
  const ps = buildParagraphs(text, 'plaintext');
  assert.deepEqual(ps.map((p) => [p.start, p.end, p.text]), [[0, 4, '第一段。'], [8, 13, '𠮷第二段'], [17, 20, '第三段']]);
  for (const p of ps) {
    assert.equal(p.prose.length, p.text.length);
  }
});

test('Markdown: code, front matter, HTML, URLs and link targets are not prose; headings and list items are paragraphs', () => {
  const text = [
    '---',
    'title: 草稿, 第一版',
    '---',
    '# 标题',
    '',
    '正文有`代码, 不查`和<span class="x">标签</span>，见[链接](http://a.cn/p?q=1,2)。',
    '```',
    '代码块, 不查',
    '```',
    '- 列表项一',
    '- 列表项二',
    '',
    '软换行的段落没有句号',
    '在下一行结束。',
  ].join('\n');
  const ps = buildParagraphs(text, 'markdown');
  assert.deepEqual(
    ps.map((p) => p.text),
    ['# 标题', '正文有`代码, 不查`和<span class="x">标签</span>，见[链接](http://a.cn/p?q=1,2)。', '- 列表项一', '- 列表项二', '软换行的段落没有句号\n在下一行结束。'],
  );
  assert.equal(ps[0]!.heading, true);
  const body = ps[1]!.prose;
  assert.ok(!body.includes('代码'), body);
  assert.ok(!body.includes('span'));
  assert.ok(!body.includes('http'));
  assert.ok(body.includes('标签') && body.includes('链接'));
  assert.equal(ps[2]!.prose.startsWith(MASK), true, 'list marker masked');
});

test('sentences end at 。！？； and closing quotes stay with their sentence', () => {
  const prose = '他说：“好。”我们走吧！真的？是的';
  const s = splitSentences(prose).map((x) => prose.slice(x.start, x.end));
  assert.deepEqual(s, ['他说：“好。”', '我们走吧！', '真的？', '是的']);
});

test('directives: disable/enable regions, next-line, rule and category names', () => {
  const text = [
    '甲,乙', // 0
    '<!-- wenfeng-disable punctuation -->', // 1
    '丙,丁', // 2
    '<!-- wenfeng-enable punctuation -->', // 3
    '戊,己', // 4
    '<!-- wenfeng-disable-next-line punctuation/halfwidth -->', // 5
    '庚,辛', // 6
    '<!-- wenfeng-disable-next-line script/mixed -->', // 7
    '壬,癸', // 8
  ].join('\n');
  const found = check(text, ['punctuation/halfwidth'], { format: 'markdown' });
  const lines = new LineIndex(text);
  assert.deepEqual(found.map((f) => lines.positionAt(f.start).line), [0, 4, 8]);
  assert.equal(parseDirectives('没有指令').length, 0);
  const open = parseDirectives('a\n<!-- wenfeng-disable -->\nb,c');
  assert.deepEqual(open.map((s) => [s.rules, s.start, s.end]), [[[], 26, 30]]);
});

test('LineIndex counts UTF-16 code units and treats CRLF, LF and CR as line ends', () => {
  const text = '𠮷a\r\nb\rc\n';
  const idx = new LineIndex(text);
  assert.deepEqual(idx.positionAt(2), { line: 0, character: 2 });
  assert.deepEqual(idx.positionAt(5), { line: 1, character: 0 });
  assert.deepEqual(idx.positionAt(7), { line: 2, character: 0 });
  assert.deepEqual(idx.positionAt(99), { line: 3, character: 0 });
  assert.equal(idx.offsetAt({ line: 1, character: 0 }), 5);
  assert.equal(idx.offsetAt({ line: 0, character: 50 }), 3);
});

test('applyFixes takes automatic fixes only, skips overlaps, and never touches text outside the edits', () => {
  const text = '一二三四五';
  const f = (start: number, end: number, newText: string, auto = true): Finding => ({
    rule: 'x/y',
    severity: 'warning',
    message: '',
    start,
    end,
    fixes: [{ title: '', auto, edits: [{ start, end, newText }] }],
  });
  const r = applyFixes(text, [f(3, 4, 'D'), f(0, 2, 'AB'), f(1, 3, 'overlap'), f(4, 5, 'never', false)]);
  assert.equal(r.text, 'AB三D五');
  assert.equal(r.edits.length, 2);
});

test('analysis is cached per paragraph: an edit re-checks only the changed paragraph', () => {
  const analyzer = getAnalyzer();
  const paragraphs = Array.from({ length: 200 }, (_, i) => `第${i}段,内容相同的句子。`);
  const config = { rules: {}, script: 'auto' as const, acceptedWords: [] };
  const a = analyzer.analyze(paragraphs.join('\n'), { format: 'plaintext', config });
  paragraphs[100] = '第100段。改过了';
  const b = analyzer.analyze(paragraphs.join('\n'), { format: 'plaintext', config });
  assert.equal(a.findings.filter((x) => x.rule === 'punctuation/halfwidth').length, 200);
  assert.equal(b.findings.filter((x) => x.rule === 'punctuation/halfwidth').length, 199);
  // Offsets after the edit are shifted correctly although the paragraphs came from the cache.
  const text = paragraphs.join('\n');
  for (const x of b.findings.filter((y) => y.rule === 'punctuation/halfwidth')) {
    assert.equal(text[x.start], ',');
  }
});

test('the analyzer never throws and keeps ranges inside the text on hostile input', () => {
  const analyzer = getAnalyzer();
  const config = { rules: {}, script: 'auto' as const, acceptedWords: [] };
  const inputs = [
    '',
    '\n\n\r\r\n',
    '\ud800\udc00\ud800,\udfff孤',
    '\u0000\u0001\u0002\uFEFF\u200B,,??..',
    '𠮷'.repeat(5000) + ',',
    Array.from({ length: 3000 }, (_, i) => String.fromCharCode((i * 7919) % 0xffff)).join(''),
    '(((((((())))))))“““”””《《》',
    '<!-- wenfeng-disable',
    '```\n未闭合的代码块, 不查',
    // One long line of repeated parallel sentences with residue: must not go quadratic.
    '关(guān)注民生，服务社会。'.repeat(20000),
  ];
  for (const text of inputs) {
    for (const format of ['markdown', 'plaintext'] as const) {
      const r = analyzer.analyze(text, { format, config });
      for (const f of r.findings) {
        assert.ok(f.start >= 0 && f.start <= f.end && f.end <= text.length, `${f.rule} ${f.start}-${f.end}`);
      }
      assert.ok(r.score.total >= 0 && r.score.total <= 100);
    }
  }
});
