/**
 * updateParagraphs (server/src/analysis/document.ts): the paragraphs of an edited text, reusing an earlier
 * version's outside the edit, must equal buildParagraphs's of the edited text for every kind of edit — a
 * character typed, a line broken or joined, lines deleted, line terminators changed, a URL or directive line
 * edited — and the unchanged paragraphs must keep their prose strings.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildParagraphs, updateParagraphs } from '../../../server/src/analysis/document';
import type { TextFormat } from '../../../server/src/analysis/types';

const LINES = [
  '一、坚持以人民为中心的发展思想。',
  '',
  '我们要把群众的急难愁盼放在心上，详见 https://example.org/a?b=1 的通知。',
  '   ',
  '// wenfeng-disable-next-line repetition/duplicate-sentence',
  '基层干部要沉下身子，联系人 zhang.san@example.com 负责汇总。',
  '二、推动高质量发展。',
  '\u3000\u3000乡村振兴是一篇大文章，既要塑形，也要铸魂。',
  '三、守住安全底线。',
];

function check(before: string, after: string, format: TextFormat = 'plaintext'): void {
  const earlier = { text: before, format, paragraphs: buildParagraphs(before, format) };
  assert.deepEqual(updateParagraphs(earlier, after, format), buildParagraphs(after, format), JSON.stringify(after));
}

/** Every edit of one kind at every position of the text. */
function everywhere(text: string, edit: (text: string, at: number) => string): void {
  for (let at = 0; at <= text.length; at++) {
    check(text, edit(text, at));
  }
}

test('a character typed, a line break typed, a character deleted at any position: as if built afresh', () => {
  for (const eol of ['\n', '\r\n', '\r']) {
    const text = LINES.join(eol);
    everywhere(text, (t, at) => `${t.slice(0, at)}字${t.slice(at)}`);
    everywhere(text, (t, at) => `${t.slice(0, at)}\n${t.slice(at)}`);
    everywhere(text, (t, at) => `${t.slice(0, at)}${t.slice(at + 1)}`);
  }
  // A CR typed before an LF, an LF typed after a CR (the terminator changes, the lines do not).
  const crlf = LINES.join('\r\n');
  everywhere(crlf, (t, at) => `${t.slice(0, at)}\r${t.slice(at)}`);
});

test('lines deleted, duplicated and replaced; the whole text replaced; the empty text', () => {
  const text = LINES.join('\n');
  for (let i = 0; i < LINES.length; i++) {
    for (let j = i; j <= LINES.length; j++) {
      check(text, [...LINES.slice(0, i), ...LINES.slice(j)].join('\n'));
      check(text, [...LINES.slice(0, j), ...LINES.slice(i, j), ...LINES.slice(j)].join('\n'));
      check(text, [...LINES.slice(0, i), '四、加强党的建设。', ...LINES.slice(j)].join('\n'));
    }
  }
  check(text, '');
  check('', text);
  check(text, '完全不同的一段话。');
  check(text, text);
});

test('unchanged paragraphs keep their prose strings; the edited one is new', () => {
  const text = LINES.join('\n');
  const earlier = { text, format: 'plaintext' as const, paragraphs: buildParagraphs(text, 'plaintext') };
  const at = text.indexOf('乡村振兴') + 2;
  const after = updateParagraphs(earlier, `${text.slice(0, at)}全面${text.slice(at)}`, 'plaintext');
  assert.equal(after.length, earlier.paragraphs.length);
  const edited = after.findIndex((p) => p.prose.includes('乡村全面振兴'));
  assert.ok(edited > 0);
  after.forEach((p, i) => {
    if (i !== edited) {
      assert.equal(p.prose, earlier.paragraphs[i]!.prose);
    }
  });
  // After the edit the offsets moved by the two characters typed.
  assert.equal(after[edited + 1]!.start, earlier.paragraphs[edited + 1]!.start + 2);
  assert.equal(after[edited + 1]!.text, '三、守住安全底线。');
});

test('Markdown and plain text with HTML comments are built afresh (comments may span lines)', () => {
  const text = `${LINES.slice(0, 3).join('\n')}\n<!-- 批注：\n${LINES.slice(3).join('\n')}`;
  everywhere(text, (t, at) => `${t.slice(0, at)}-->${t.slice(at)}`);
  const md = `# 标题\n\n${LINES.join('\n')}\n\n\`\`\`\n代码\n\`\`\`\n`;
  for (let at = 0; at <= md.length; at += 3) {
    const after = `${md.slice(0, at)}\n${md.slice(at)}`;
    const earlier = { text: md, format: 'markdown' as const, paragraphs: buildParagraphs(md, 'markdown') };
    assert.deepEqual(updateParagraphs(earlier, after, 'markdown'), buildParagraphs(after, 'markdown'));
  }
});

test('a long text (the unchanged ends compared a block at a time): edits near and across block boundaries', () => {
  const text = Array.from({ length: 40 }, (_, i) => LINES.map((l) => (l.trim() ? `${i}${l}` : l)).join('\n')).join('\n');
  assert.ok(text.length > 4 * 1024);
  for (const at of [0, 1, 1023, 1024, 1025, 2047, 2048, Math.floor(text.length / 2), text.length - 1025, text.length - 1024, text.length - 1, text.length]) {
    check(text, `${text.slice(0, at)}字${text.slice(at)}`);
    check(text, `${text.slice(0, at)}\n${text.slice(at)}`);
    check(text, `${text.slice(0, at)}${text.slice(at + 1)}`);
    check(text, `${text.slice(0, at)}${text.slice(at + 1500)}`);
  }
});
