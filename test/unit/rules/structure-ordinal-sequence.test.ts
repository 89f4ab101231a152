import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, ruleTester } from '../helpers';

// Seeded defects of issue 14: a repeated or skipped ordinal stays in its series and is renumbered.
ruleTester('structure/ordinal-sequence', {
  valid: [
    '一是加强学习。二是改进作风。三是狠抓落实。',
    // A 2 after the second 一是: that 一是 starts a new list after an item of its own.
    '一是加强学习。一是改进作风。二是狠抓落实。',
    '要求：1.观点鲜明；2.结构严谨；3.语言流畅。',
    // 第一点：/ 第二个方面是 — ordinals with a unit word — in order.
    '需要做到以下三点：\n第一点：紧扣材料主题。\n第二点：观点正确鲜明。\n第三点：论证层次清晰。',
    '分为两个方面：第一个方面是段落布局，第二个方面是字数分布。',
  ],
  invalid: [
    {
      // 一是…一是…三是: the second 一是 repeats the first (it used to start a new list, and nothing was said).
      text: '一是加强学习。一是改进作风。三是狠抓落实。',
      errors: [{ range: [7, 9], text: '一是', message: 'repeats the one before it' }],
      output: '一是加强学习。二是改进作风。三是狠抓落实。',
    },
    {
      // 两样东西：一是…；一是… may read “one…, the other…”, or lack its 二是: reported tentatively (below), and
      // fix-all leaves it.
      text: '世界上有两样东西：一是头顶的日月星辰；一是心中的道德律令。',
      errors: [{ range: [19, 21], text: '一是', message: 'if the two are items of a list' }],
      output: '世界上有两样东西：一是头顶的日月星辰；一是心中的道德律令。',
    },
    {
      // The same parted by ，.
      text: '立意要突出两个要求，一是要体现主题，一是要有吸引力。',
      errors: [{ range: [18, 20], text: '一是', message: 'expected “二是”' }],
    },
    {
      // Two 一是 alone, the second opening a sentence: not “one…, the other…” (parted by ， or ；) but a repeat.
      text: '主要有两个方面。一是加强学习。一是改进作风。',
      errors: [{ range: [15, 17], text: '一是', message: 'repeats the one before it' }],
      output: '主要有两个方面。一是加强学习。二是改进作风。',
    },
    {
      // The same with the items opening paragraphs (CRLF line ends, an astral character before).
      text: '𠮷主要有两个方面。\r\n一是加强学习。\r\n一是改进作风。',
      errors: [{ range: [21, 23], text: '一是', message: 'repeats the one before it' }],
      output: '𠮷主要有两个方面。\r\n一是加强学习。\r\n二是改进作风。',
    },
    {
      text: '一是加强学习。二是改进作风。二是狠抓落实。',
      errors: [{ range: [14, 16], text: '二是', message: 'repeats the one before it' }],
      output: '一是加强学习。二是改进作风。三是狠抓落实。',
    },
    {
      // 1. inside a paragraph after ；: a repeat of the last number is still an item of the list.
      text: '要求：1.观点鲜明；1.结构严谨；3.语言流畅。',
      errors: [{ range: [10, 12], text: '1.', message: 'repeats the one before it' }],
      output: '要求：1.观点鲜明；2.结构严谨；3.语言流畅。',
    },
    {
      // …and so is a number that skips one.
      text: '要求：1.观点鲜明；3.结构严谨。',
      errors: [{ range: [10, 12], text: '3.', message: 'skips a number' }],
      output: '要求：1.观点鲜明；2.结构严谨。',
    },
    {
      // Two paragraphs opening with 1.: no 2 follows, so the second repeats the first.
      text: '1.坚持学习。\n1.改进作风。',
      errors: [{ range: [8, 10], text: '1.', message: 'repeats the one before it' }],
      output: '1.坚持学习。\n2.改进作风。',
    },
    {
      // An ordinal with a unit word (第二点) repeated, renumbered with its unit.
      text: '需要做到以下三点：\n第一点：紧扣材料主题。\n第二点：观点正确鲜明。\n第二点：论证层次清晰。',
      errors: [{ range: [34, 37], text: '第二点', message: 'repeats the one before it' }],
      output: '需要做到以下三点：\n第一点：紧扣材料主题。\n第二点：观点正确鲜明。\n第三点：论证层次清晰。',
    },
    {
      text: '分为两个方面：第一个方面是段落布局，第三个方面是字数分布。',
      errors: [{ range: [18, 23], text: '第三个方面', message: 'skips a number' }],
      output: '分为两个方面：第一个方面是段落布局，第二个方面是字数分布。',
    },
    {
      // UTF-16 offsets past an astral character, and CRLF line ends.
      text: '（一）𠮷祥如意。\r\n（一）万事顺遂。\r\n（三）心想事成。',
      errors: [{ range: [11, 14], text: '（一）', message: 'repeats the one before it' }],
      output: '（一）𠮷祥如意。\r\n（二）万事顺遂。\r\n（三）心想事成。',
    },
  ],
});

test('ordinal-sequence: a repeated 1 is renumbered by an automatic fix that replaces the marker only', () => {
  const text = '一是加强学习。一是改进作风。三是狠抓落实。';
  const [f] = check(text, ['structure/ordinal-sequence']);
  assert.ok(f);
  assert.deepEqual(
    f.fixes.map((x) => ({ auto: x.auto, edits: x.edits })),
    [{ auto: true, edits: [{ start: 7, end: 9, newText: '二是' }] }],
  );
});

test('ordinal-sequence: 一是…，一是… alone is reported one level down, with a fix outside fix-all; a plain repeat is a warning', () => {
  const pair = check('立意要突出两个要求，一是要体现主题，一是要有吸引力。', ['structure/ordinal-sequence']);
  assert.deepEqual(
    pair.map((f) => ({ severity: f.severity, start: f.start, fixes: f.fixes.map((x) => ({ auto: x.auto, edits: x.edits })) })),
    [{ severity: 'information', start: 18, fixes: [{ auto: false, edits: [{ start: 18, end: 20, newText: '二是' }] }] }],
  );
  const sentences = check('主要有两个方面。一是加强学习。一是改进作风。', ['structure/ordinal-sequence']);
  assert.deepEqual(
    sentences.map((f) => f.severity),
    ['warning'],
  );
});
