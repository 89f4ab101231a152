import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Report } from '../../../server/src/analysis';
import { buildParagraphs } from '../../../server/src/analysis/document';
import { rule } from '../../../server/src/analysis/rules/script/garbled';
import { getServices } from '../../../server/src/services';
import { check, corpusEssay, corpusEssays, fixAll, getAnalyzer, ruleTester, seed } from '../helpers';

const ID = 'script/garbled';
const traditional = { config: { script: 'traditional' as const } };

/** UTF-8 bytes of a text read as GBK: the classic mojibake. */
function utf8ReadAsGbk(text: string): string {
  return new TextDecoder('gbk').decode(new TextEncoder().encode(text));
}

ruleTester(ID, {
  valid: [
    // Real question marks, with or without Chinese after them.
    '奋楫争先?我体会，组工干部要发扬精神。',
    '这是为什么?',
    '为什么?(wzjjgwy)',
    '（是不是?no)',
    // Pinyin annotations are script/pinyin-annotation's; parentheses that are not pinyin are nobody's.
    '關(guān)注民生',
    '(梅 荣)与(2020)',
    // Ordinary text with rare characters, 烫 and 屯 in words, English in parentheses.
    '嫘祖养蚕，糁子饭，烫烫手，屯屯田。',
    'Call me (maybe) later.',
    '𠮷祥如意，万事顺利？',
    { text: '代码`?fù)?dān)`不检查。', options: { format: 'markdown' } },
  ],
  invalid: [
    {
      // The source read 重負(fù)擔(dān): both characters were lost, their pinyin survived.
      text: '勇挑重?fù)?dān),在深入调研',
      errors: [{ range: [3, 12], text: '?fù)?dān)', message: '负担' }],
      output: '勇挑重?fù)?dān),在深入调研',
    },
    {
      // Suggestions follow the document's script.
      text: '勇挑重?fù)?dān),在深入調研的基礎上',
      options: traditional,
      errors: [{ range: [3, 12], message: '負擔' }],
    },
    {
      // One lost character: the dictionary and its surviving neighbour pick it.
      text: '要坚?chí)人民至上',
      errors: [{ range: [2, 7], text: '?chí)', message: '持' }],
    },
    {
      // A toneless syllable counts when it closes nothing (們 has the neutral tone).
      text: '我?men)的工作',
      errors: [{ range: [1, 6], message: '们' }],
    },
    {
      // A bare ? right after the residue and before punctuation was lost too.
      text: '德才兼?zhèn)?、以德为先',
      errors: [{ range: [3, 10], text: '?zhèn)?' }],
    },
    {
      // An HTML entity whose & was lost.
      text: '他说?ldquo;好?rdquo;。',
      errors: [
        { range: [2, 9], text: '?ldquo;', message: '“' },
        { range: [10, 17], text: '?rdquo;', message: '”' },
      ],
    },
    {
      text: '中\uFFFD国人民\uFFFD\uFFFD',
      errors: [{ range: [1, 2] }, { range: [5, 7] }],
    },
    {
      // An orphan fragment: the character survived, the annotation's ( did not.
      text: '关心擔dān)当',
      errors: [{ range: [3, 7], text: 'dān)', message: 'dān)' }],
      output: '关心擔dān)当',
    },
    {
      // UTF-8 read as GBK.
      text: '开头浣犲ソ涓栫晫，结尾。',
      errors: [{ range: [2, 8], text: '浣犲ソ涓栫晫', message: '你好世界' }],
    },
    {
      // UTF-8 read as Windows-1252 / Latin-1.
      text: '网站ä¸­æ–‡ç½‘ç«™首页',
      errors: [{ range: [2, 14], message: '中文网站' }],
    },
    {
      text: '手持两把锟斤拷锟斤拷，口中疾呼烫烫烫烫烫，脚踏千朵屯屯屯屯。',
      errors: [{ range: [4, 10], text: '锟斤拷锟斤拷' }, { range: [15, 20], text: '烫烫烫烫烫' }, { range: [25, 29], text: '屯屯屯屯' }],
    },
    {
      // GBK read one byte off next to the residue (seed 004): 敝刑糁 is 中挑 shifted by a byte.
      text: '在服务“六稳”“六?!敝刑糁?fù)?dān),走好',
      errors: [{ range: [9, 23], text: '?!敝刑糁?fù)?dān)', message: '中挑' }],
    },
    {
      text: '𠮷重?fù)?dān)𠮷',
      errors: [{ range: [3, 12], message: '负担' }],
    },
    {
      text: '第一行重?fù)?dān)\r\n第二行浣犲ソ涓栫晫',
      errors: [{ range: [4, 13] }, { range: [18, 24] }],
      output: '第一行重?fù)?dān)\r\n第二行浣犲ソ涓栫晫',
    },
  ],
});

test('suggestions are offered as fixes but never applied by fix-all', () => {
  const text = '勇挑重?fù)?dān),开头浣犲ソ涓栫晫。';
  const findings = check(text, [ID]);
  assert.equal(findings.length, 2);
  assert.deepEqual(
    findings.map((f) => f.fixes.map((x) => [x.edits[0]!.newText, x.auto])),
    [[['负担', false]], [['你好世界', false]]],
  );
  assert.equal(fixAll(text, [ID]), text);
});

test('a run with characters gone for good shows □ and offers no replacement', () => {
  const text = '面对面、实打?qū)嵳嫘慕徽?,特别要';
  const [f] = check(text, [ID]);
  assert.ok(f);
  assert.equal(text.slice(f.start, f.end), '?qū)嵳嫘慕徽?');
  // 嵳嫘慕徽 read one byte off is 真心交 and the first byte of a lost character.
  assert.match(f.message, /真心交□/);
  assert.deepEqual(f.fixes, []);
});

test('seeds 000 and 004: every garbled spot is flagged, the real question mark is not', () => {
  const expected: Record<string, string[]> = {
    '000': ['?zhèn)?', '?qū)嵳嫘慕徽?', '?shù)?ldquo;', '?fù)?dān)'],
    '004': ['?!敝刑糁?fù)?dān)', '?fù)?dān)'],
  };
  for (const [s, spots] of Object.entries(expected)) {
    const text = seed(s);
    const findings = check(text, [ID]);
    assert.deepEqual(
      findings.map((f) => text.slice(f.start, f.end)),
      spots,
    );
    // Every ? is inside a finding, except the question mark of 奮楫爭先?我體會.
    for (let i = text.indexOf('?'); i >= 0; i = text.indexOf('?', i + 1)) {
      const inside = findings.some((f) => f.start <= i && i < f.end);
      assert.equal(inside, !text.startsWith('?我體會', i), `? at ${i}: ${text.slice(i - 5, i + 8)}`);
    }
    // Traditional documents get Traditional suggestions.
    assert.ok(findings.some((f) => f.message.includes('負擔')));
  }
});

test('clean corpus: no findings on a sample of 100 essays, Simplified or converted to Traditional', () => {
  const converter = getServices().converter;
  const names = corpusEssays().filter((_, i) => i % 10 === 3);
  assert.ok(names.length >= 99);
  let findings = 0;
  let traditionalFindings = 0;
  names.forEach((name, k) => {
    const text = corpusEssay(name);
    findings += check(text, [ID]).length;
    if (k % 4 === 0) {
      traditionalFindings += check(converter.convert(text, 'traditional'), [ID]).length;
    }
  });
  // Measured over all 995 essays, both ways: 0.
  assert.equal(findings, 0);
  assert.equal(traditionalFindings, 0);
});

test('mojibake of real sentences is found and read back', () => {
  let tried = 0;
  let found = 0;
  let readBack = 0;
  for (const name of corpusEssays().filter((_, i) => i % 20 === 11)) {
    const sentence = corpusEssay(name).match(/[\u4e00-\u9fff]{8,20}/g)?.[2];
    if (!sentence) {
      continue;
    }
    const moji = utf8ReadAsGbk(sentence);
    const text = `我们要认真学习，${moji}，推动工作落实。`;
    const findings = check(text, [ID]);
    tried++;
    if (findings.length === 1) {
      found++;
      // What survived reads as the sentence (a character whose last bytes were lost shows as □).
      const reads = /“([^“”]*)”$/.exec(findings[0]!.message)?.[1] ?? '';
      if (sentence.startsWith(reads.replace(/□+$/, '')) && reads.length >= sentence.length - 1) {
        readBack++;
      }
    }
  }
  assert.ok(tried >= 40);
  assert.equal(found, tried);
  assert.ok(readBack >= tried * 0.9, `${readBack} of ${tried} read back`);
});

test('one long line full of residue and mojibake: every finding inside the text, short messages', () => {
  // The rule on its own (the whole analysis adds other rules' work): a line of 100,000 pieces of residue.
  const services = getServices();
  for (const line of ['重?fù)?dān)'.repeat(25_000), '是?men)'.repeat(25_000), '?qū)嵳嫘慕徽'.repeat(10_000), '浣犲ソ涓栫晫'.repeat(20_000)]) {
    const [paragraph] = buildParagraphs(line, 'plaintext');
    assert.ok(paragraph);
    const reports: Report[] = [];
    rule.check({
      paragraph,
      prose: paragraph.prose,
      tokens: () => getAnalyzer().tokens(paragraph.prose),
      services,
      target: 'simplified',
      accepted: new Set(),
      report: (r) => reports.push(r),
    });
    assert.ok(reports.length > 0);
    for (const r of reports) {
      assert.ok(r.start >= 0 && r.end <= line.length && r.start < r.end);
      assert.ok(r.message.length < 200, r.message.slice(0, 80));
    }
  }
});
