import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findDuplicates, textSimilarity } from '../../../server/src/analysis/detect/duplicates';
import { buildParagraphs } from '../../../server/src/analysis/document';
import { check, fixAll, ruleTester, seed } from '../helpers';

const ID = 'repetition/duplicate-paragraph';

const A = '作为组工战线的一分子，身在基层、打好基础，凝聚人才。';
const B = '新时代，如何发挥主观能动性争做一名合格组工干部？';
const C = '个人认为，应着重从以下三方面加以努力，做到知行合一。';
/** A with its punctuation changed: still an exact copy once normalised. */
const A2 = '作为组工战线的一分子,身在基层,打好基础,凝聚人才.';
const LONG = '乡镇组工干部承担着双重任务：既要学习武装自己，带头原原本本学习，领会精神实质，在提高政治觉悟和履职能力上下功夫。';
/** Five clauses of one frame, and the same five in another order. */
const SERIES = '快乐总与宽厚的人相伴，财富总与诚信的人相伴，智慧总与高尚的人相伴，魅力总与幽默的人相伴，健康总与豁达的人相伴。';
const SERIES_REORDERED = '快乐总与宽厚的人相伴，魅力总与幽默的人相伴，智慧总与高尚的人相伴，健康总与豁达的人相伴，财富总与诚信的人相伴。';
/** LONG with one character changed. */
const LONG_EDITED = '乡镇组工干部承担着双重任务：既要学习武装自己，带头原原本本学习，领会精神实质，在提高政治素质和履职能力上下功夫。';

/** Dev essay 0887: a model essay's paragraph, quoted again as item 2 of a list after the commentary. */
const WATER = '解决我国日益复杂的水资源问题，必须深入贯彻落实科学发展观，坚持节约资源、保护环境的基本国策，实行最严格的水资源管理制度。';
/** Dev essay 0564: the source line under two quotations from one speech. */
const SOURCE = '——习近平在中央党校建校80周年庆祝大会暨2013年春季学期开学典礼上的讲话';
/** Dev essay 1013: the question quoted under two sections of a tutoring page. */
const QUESTION = 'A市F区在全区范围内开展居民安全文化教育活动，请根据给定资料，为该区写一份倡议书。';
/** Dev essay 0912: an example opening, then the same opening with a quotation added in front. */
const OPENING = '留守儿童是家庭的寄托，是民族的希望，是国家的未来。然而从留守儿童的现状看，他们的教育、安全和心理健康问题日益突出。';

ruleTester(ID, {
  valid: [
    // Issue 14: repeats that quote on purpose.
    // A source line under two quotations.
    `3.如履薄冰，如临深渊\n${SOURCE}\n9.富贵不能淫，贫贱不能移，威武不能屈\n${SOURCE}`,
    // A list item quoting the essay above (the essay's paragraph has no list label).
    `${WATER}\n${B}\n整体来看，文章结构完整，脉络层次清晰。\n1.${A}\n2.${WATER}`,
    // A labelled example repeated under two sections (the repeat opens with the label 【真题链接】).
    `（一）宣传通知类\n【真题链接】\n${QUESTION}\n（二）工作方案类\n【真题链接】\n${QUESTION}`,
    // An example shown again under a second heading, the label opening the repeat itself (如：…).
    `结构一\n如：${LONG}\n${B}\n结构二\n如：${LONG}\n${C}`,
    // An outline shown again as the example of a second structure, after running text: 如： marks an example.
    `${B}\n如：${LONG}\n${C}\n${A}\n如：${LONG}`,
    // A commentary (after 【点评】) quoting the essay.
    `${LONG}\n${B}\n【点评】\n${LONG}`,
    // Quoted in quotation marks.
    `${LONG}\n${B}\n正如文中所说：“${LONG}”`,
    // A lone loose near copy (0.72 shared): the example restated with a sentence added.
    `${OPENING}\n少年智则国智、少年强则国强、少年富则国富。${OPENING}`,
    `${A}\n${B}\n${C}`,
    // Short paragraphs repeat naturally.
    '一要扎根基层。\n二要精于业务。\n一要扎根基层。',
    // Paragraphs sharing a lead are not copies.
    'P2：讲述文化遗产的重要性，文化遗产是文化多样性的生动体现。\nP3：讲述文化遗产的重要性，文化遗产保留着都市人的现代记忆。\nP4：讲述文化遗产的重要性，文化遗产是连接过去与未来的桥梁。',
    `${A}\n${C}`,
  ],
  invalid: [
    // Issue 17: a paragraph opening with a saying's lead (俗话说：) pasted again below the next paragraph: both
    // copies open with it, so the lead does not set the repeat apart.
    {
      text: `俗话说：${LONG}\n${B}\n俗话说：${LONG}\n${C}`,
      errors: [{ range: [LONG.length + B.length + 6, 2 * LONG.length + B.length + 11], text: `俗话说：${LONG}\n` }],
      output: `俗话说：${LONG}\n${B}\n${C}`,
    },
    // A commentary heading before the original or after the repeat does not make the repeat a quotation: only one
    // between the two copies does.
    {
      text: `【点评】\n${LONG}\n${B}\n${LONG}\n【点评】`,
      errors: [{ text: `${LONG}\n` }],
      output: `【点评】\n${LONG}\n${B}\n【点评】`,
    },
    // The same quotation pasted again: the marks are the original's too.
    {
      text: `“${LONG}”\n${B}\n“${LONG}”`,
      errors: [{ text: `“${LONG}”` }],
    },
    // Pasted right below a label line that itself follows the original: the label introduces the text just read.
    {
      text: `${LONG}\n再举一个例子：\n${LONG}\n${C}`,
      errors: [{ text: `${LONG}\n` }],
    },
    // One saying under a sentence, pasted again under a heading the original does not stand under.
    {
      text: `${A}\n俗话说：${LONG}\n【范文展示】\n俗话说：${LONG}`,
      errors: [{ text: `俗话说：${LONG}` }],
    },
    // The finding is exactly what the fix deletes: the repeat's whole lines, from the start of its own line
    // through its line break (never the line break before it), so the fix touches nothing outside it.
    {
      // A numbered paragraph pasted again with its number is a copy (the label is the original's).
      text: `2.${WATER}\n${B}\n2.${WATER}`,
      errors: [{ range: [WATER.length + B.length + 4, 2 * WATER.length + B.length + 6], text: `2.${WATER}` }],
      output: `2.${WATER}\n${B}\n`,
    },
    {
      // A source line next to prose is still a copy when the prose is repeated without it.
      text: `${QUESTION}\n${SOURCE}\n${QUESTION}`,
      errors: [{ range: [QUESTION.length + SOURCE.length + 2, 2 * QUESTION.length + SOURCE.length + 2], text: QUESTION }],
    },
    {
      // The last paragraph repeats: deleting it leaves the text ending with a line break.
      text: `${A}\n${B}\n${A}`,
      errors: [{ range: [A.length + B.length + 2, 2 * A.length + B.length + 2], text: A, message: 'line 1' }],
      output: `${A}\n${B}\n`,
    },
    {
      // Text follows, with blank lines before and after: the copy goes with the blank line after it.
      text: `${A}\n\n${B}\n\n${A}\n\n${C}`,
      errors: [{ range: [A.length + B.length + 4, 2 * A.length + B.length + 6], text: `${A}\n\n` }],
      output: `${A}\n\n${B}\n\n${C}`,
    },
    {
      // A run of two repeated paragraphs is one finding.
      text: `${A}\n${B}\n${C}\n${A}\n${B}`,
      errors: [{ text: `${A}\n${B}`, message: '2' }],
      output: `${A}\n${B}\n${C}\n`,
    },
    {
      text: `${A}\r\n${B}\r\n${A}\r\n${C}`,
      errors: [{ range: [A.length + B.length + 4, 2 * A.length + B.length + 6], text: `${A}\r\n` }],
      output: `${A}\r\n${B}\r\n${C}`,
    },
    {
      text: `𠮷${A}\n${B}\n𠮷${A}\n${C}`,
      errors: [{ range: [A.length + B.length + 4, 2 * A.length + B.length + 7], text: `𠮷${A}\n` }],
      output: `𠮷${A}\n${B}\n${C}`,
    },
    {
      // Different punctuation: still a copy, fixed automatically.
      text: `${A}\n${B}\n${A2}\n${C}`,
      errors: [{ text: `${A2}\n` }],
      output: `${A}\n${B}\n${C}`,
    },
    {
      // The wider gap is kept: a blank line before, a line break after.
      text: `${A}\n\n${B}\n\n${A}\n${C}`,
      errors: [{ text: `${A}\n` }],
      output: `${A}\n\n${B}\n\n${C}`,
    },
    {
      // A blank line after a repeat that follows a single line break stays (the gap after is wider).
      text: `${A}\n${B}\n${A}\n\n${C}`,
      errors: [{ text: `${A}\n` }],
      output: `${A}\n${B}\n\n${C}`,
    },
    {
      // Indented paragraphs: the range starts at the start of the repeat's line, with its indentation.
      text: `\t${A}\n\t${B}\n\t${A}\n\t${C}\n`,
      errors: [{ range: [A.length + B.length + 4, 2 * A.length + B.length + 6], text: `\t${A}\n` }],
      output: `\t${A}\n\t${B}\n\t${C}\n`,
    },
    {
      // A near copy is reported, but deleting it is only suggested.
      text: `${LONG}\n${B}\n${LONG_EDITED}\n${C}`,
      errors: [{ text: `${LONG_EDITED}\n`, message: '%' }],
      output: `${LONG}\n${B}\n${LONG_EDITED}\n${C}`,
    },
    {
      // Three copies: each repeat is removed, one copy stays.
      text: `${A}\n${B}\n${A}\n${B}\n${A}\n${B}\n`,
      errors: [{ text: `${A}\n${B}\n${A}\n${B}\n`, message: '4' }],
      output: `${A}\n${B}\n`,
    },
    {
      // A near copy after CRLF line breaks and an astral character: the finding starts at the copy's first
      // character (not on the line break before it) and takes the break after it.
      text: `𠮷${LONG}\r\n${B}\r\n${LONG_EDITED}\r\n${C}`,
      errors: [{ range: [LONG.length + B.length + 6, 2 * LONG.length + B.length + 8], text: `${LONG_EDITED}\r\n`, message: '%' }],
      output: `𠮷${LONG}\r\n${B}\r\n${LONG_EDITED}\r\n${C}`,
    },
    {
      // The same near copy as the last paragraph, after an astral character: from its first character.
      text: `${B}\n${LONG}\n𠮷${LONG_EDITED}`,
      errors: [{ range: [B.length + LONG.length + 2, B.length + 2 * LONG.length + 4], text: `𠮷${LONG_EDITED}` }],
    },
    {
      // The same clauses in another order share every 5-gram, yet are not the same text: a near copy, found
      // (this once crashed the analysis), reported as less than 100% shared and not deleted automatically.
      text: `${SERIES}\n${SERIES_REORDERED}\n`,
      errors: [{ range: [SERIES.length + 1, 2 * SERIES.length + 2], text: `${SERIES_REORDERED}\n`, message: '(99% shared)' }],
      output: `${SERIES}\n${SERIES_REORDERED}\n`,
    },
    {
      // Markdown: a short subheading pasted with its section belongs to the block.
      text: `## 一、扎根基层\n\n${A}\n\n${B}\n\n## 一、扎根基层\n\n${A}\n`,
      errors: [{ text: `## 一、扎根基层\n\n${A}\n` }],
      output: `## 一、扎根基层\n\n${A}\n\n${B}\n\n`,
      options: { format: 'markdown' },
    },
  ],
});

test('seed 001: the repeated body is one finding whose fix leaves exactly one copy', () => {
  const text = seed('001');
  const found = check(text, [ID]);
  assert.equal(found.length, 1);
  const f = found[0]!;
  const lines = text.split('\n');
  // Line 1 is the introduction; lines 2–6 are the body and lines 7–11 repeat it.
  assert.deepEqual(lines.slice(6), lines.slice(1, 6));
  assert.match(f.message, /5/);
  const firstStart = lines[0]!.length + 1;
  const firstEnd = lines.slice(0, 6).join('\n').length;
  assert.deepEqual(f.related?.map((r) => [r.start, r.end]), [[firstStart, firstEnd]]);
  assert.equal(f.fixes[0]?.auto, true);
  const fixed = fixAll(text, [ID]);
  assert.equal(fixed, `${lines.slice(0, 6).join('\n')}\n`);
  assert.deepEqual(check(fixed, [ID]), []);
});

test('seeds 000, 002, 003 and 004 have no duplicated paragraphs', () => {
  for (const s of ['000', '002', '003', '004']) {
    assert.deepEqual(check(seed(s), [ID]).map((f) => f.message), [], `seed ${s}`);
  }
});

test('similarity: equal after normalisation is 1, a one-character edit stays near, other text is far', () => {
  assert.equal(textSimilarity(A, A2), 1);
  assert.ok(textSimilarity(LONG, LONG_EDITED) >= 0.7);
  assert.ok(textSimilarity(A, C) < 0.3);
});

test('reordered clauses: every 5-gram shared, yet a near copy and not an exact one', () => {
  assert.equal(textSimilarity(SERIES, SERIES_REORDERED), 1);
  const text = `${SERIES}\n${SERIES_REORDERED}`;
  const { blocks } = findDuplicates(text, buildParagraphs(text, 'plaintext'));
  assert.deepEqual(blocks, [{ first: 0, repeat: 1, length: 1, exact: false, similarity: 1 }]);
  // Behind an exact copy of the first paragraph, the reordered one does not join the exact block.
  const three = `${SERIES}\n${B}\n${SERIES}\n${SERIES_REORDERED}`;
  const found = findDuplicates(three, buildParagraphs(three, 'plaintext')).blocks;
  assert.deepEqual(found.map((b) => [b.first, b.repeat, b.length, b.exact]), [[0, 2, 1, true], [0, 3, 1, false]]);
});

test('many paragraphs sharing phrases are compared through the index, and only copies are found', () => {
  // 3,000 paragraphs built from a few recurring phrases: every paragraph shares 5-grams with hundreds of
  // others, which a pairwise comparison would check one by one.
  const phrases = ['坚持以人民为中心', '推动高质量发展', '全面从严治党', '乡村振兴战略', '共同富裕'];
  let seedValue = 7;
  const han = (n: number): string => {
    let out = '';
    for (let k = 0; k < n; k++) {
      seedValue = (seedValue * 1103515245 + 12345) % 2147483648;
      out += String.fromCharCode(0x4e00 + (seedValue % 20000));
    }
    return out;
  };
  const paras: string[] = [];
  for (let i = 0; i < 3000; i++) {
    paras.push(`${phrases[i % 5]}，${han(8)}，${phrases[(i * 7 + 1) % 5]}，${han(8)}。`);
  }
  paras.push(paras[1234]!);
  const text = paras.join('\n');
  const { blocks } = findDuplicates(text, buildParagraphs(text, 'plaintext'));
  assert.deepEqual(blocks.map((b) => [b.first, b.repeat, b.length]), [[1234, 3000, 1]]);
});
