import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getServices } from '../../../server/src/services';
import { applyFixes } from '../../../server/src/analysis';
import { check, corpusEssay, corpusEssays, fixAll, getAnalyzer, ruleTester, seed } from '../helpers';

const ID = 'script/mixed';
const simplified = { config: { script: 'simplified' as const } };
const traditional = { config: { script: 'traditional' as const } };
const taiwan = { config: { script: 'taiwan' as const } };
const hongkong = { config: { script: 'hongkong' as const } };

ruleTester(ID, {
  valid: [
    '我们要坚持以人民为中心的发展思想。',
    // Characters OpenCC's phrases keep in Simplified text.
    { text: '乾隆年间修建的瞭望塔，著作等身。', options: simplified },
    { text: '若干问题，皇后与公里。', options: simplified },
    // A Traditional document: shared characters that its words keep, and regional variants.
    { text: '若干問題有待研究，皇后與一公里外的干擾。', options: traditional },
    { text: '這裡的舞台，為人民服務，群眾著力。', options: traditional },
    { text: '這裏的舞臺，爲人民服務。', options: taiwan },
    // Lone 干, 后 and 里 are Traditional characters too (干戈, 皇后, 鄰里): nothing to say.
    { text: '大動干戈。', options: traditional },
    // Taiwan's and Hong Kong's 回歸 and 公布 (OpenCC writes 迴歸, 公佈); OpenCC's forms are valid too.
    { text: '香港回歸祖國以後，政府公布新政策，發布會上宣布分布情況。', options: traditional },
    { text: '香港迴歸祖國以後，政府公佈新政策。', options: traditional },
    { text: '香港回歸祖國以後，政府公布新政策。', options: taiwan },
    { text: '香港回歸祖國以後，政府公布新政策。', options: hongkong },
    // Accepted words are never flagged.
    { text: '我们学习《論語》。', options: { config: { script: 'simplified', acceptedWords: ['論語'] } } },
    // Non-prose is not checked.
    { text: '代码`發展`不检查，正文没有问题。', options: { format: 'markdown', config: { script: 'simplified' } } },
    // Mojibake belongs to script/garbled.
    { text: '在服務“六穩”“六?!敝刑糁?fù)?dān),走好。', options: traditional },
  ],
  invalid: [
    {
      // The regional words do not let Simplified characters through: 归 and 发 are still flagged.
      text: '香港回归祖國以後，政府发布新政策。',
      options: traditional,
      errors: [
        { range: [2, 6], text: '回归祖國', message: '回歸祖國' },
        { range: [11, 13], text: '发布', message: '發布' },
      ],
      output: '香港回歸祖國以後，政府發布新政策。',
    },
    {
      text: '我们要關心群众的發展需求。',
      errors: [
        { range: [3, 7], text: '關心群众', message: '关心群众' },
        { range: [8, 10], text: '發展', message: '发展' },
      ],
      output: '我们要关心群众的发展需求。',
    },
    {
      // Word by word: 头髮 is 头发, 後来 is 后来; two words in a row are one finding.
      text: '她的头髮很长，後來剪短了。',
      options: simplified,
      errors: [{ range: [2, 4], text: '头髮' }, { range: [7, 9], text: '後來' }],
      output: '她的头发很长，后来剪短了。',
    },
    {
      text: '推動發展，我们一起。',
      options: simplified,
      errors: [{ range: [0, 4], text: '推動發展' }],
      output: '推动发展，我们一起。',
    },
    {
      // Astral characters keep offsets right (UTF-16 code units).
      text: '𠮷祥如意，發展顺利。',
      errors: [{ range: [6, 8], text: '發展' }],
      output: '𠮷祥如意，发展顺利。',
    },
    {
      text: '第一段關心群众\r\n第二段推動工作',
      options: simplified,
      errors: [{ range: [3, 7], text: '關心群众' }, { range: [12, 14], text: '推動' }],
      output: '第一段关心群众\r\n第二段推动工作',
    },
    {
      // Only the word that is not accepted.
      text: '我们学习《論語》，關心群众。',
      options: { config: { script: 'simplified', acceptedWords: ['論語'] } },
      errors: [{ range: [9, 13], text: '關心群众' }],
      output: '我们学习《論語》，关心群众。',
    },
    {
      // A Traditional document: 干部 is 幹部, 若干 keeps its 干; 头发 is 頭髮 and 出发 is 出發 (word by word).
      text: '新時代的好干部要勇於擔當，若干問題要研究，頭发和出发。',
      options: traditional,
      errors: [
        { range: [5, 7], text: '干部', message: '幹部' },
        { range: [21, 23], text: '頭发', message: '頭髮' },
        { range: [24, 26], text: '出发', message: '出發' },
      ],
      output: '新時代的好幹部要勇於擔當，若干問題要研究，頭髮和出發。',
    },
    {
      // The majority decides: this document is Traditional.
      text: '組織部門的幹部們說，這里的干部都很好，後來的發展證明了這一點。',
      errors: [{ range: [10, 12], text: '這里' }, { range: [13, 15], text: '干部' }],
      output: '組織部門的幹部們說，這裏的幹部都很好，後來的發展證明了這一點。',
    },
    {
      // Regional standards: the fix follows the target; the writer's own variants stay.
      text: '這里很好，为人民服務。',
      options: taiwan,
      errors: [{ range: [0, 2], text: '這里', message: '這裡' }, { range: [5, 10], text: '为人民服務', message: '為人民服務' }],
      output: '這裡很好，為人民服務。',
    },
    {
      text: '這里很好，为人民服務。',
      options: hongkong,
      errors: [{ range: [0, 2], message: '這裏' }, { range: [5, 10], message: '為人民服務' }],
      output: '這裏很好，為人民服務。',
    },
    {
      // A lone 发 is 發 or 髮: both are offered and fix-all applies neither.
      text: '我們今天出發。发。',
      options: traditional,
      errors: [{ range: [7, 8], text: '发', message: '髮' }],
      output: '我們今天出發。发。',
    },
  ],
});

test('the 干部 of a Traditional document: one finding per run, fix 幹部, 若干 untouched', () => {
  const text = '好干部要有若干年的基層經歷。';
  const findings = check(text, [ID], traditional);
  assert.deepEqual(
    findings.map((f) => [text.slice(f.start, f.end), f.fixes.map((x) => [x.edits[0]!.newText, x.auto])]),
    [['干部', [['幹部', true]]]],
  );
});

test('ambiguous characters: every candidate is a separate fix, none automatic', () => {
  const text = '理髮店在這裡。发。';
  const [f] = check(text, [ID], traditional);
  assert.ok(f);
  assert.equal(text.slice(f.start, f.end), '发');
  assert.deepEqual(
    f.fixes.map((x) => [x.edits[0]!.newText, x.auto]),
    [
      ['發', false],
      ['髮', false],
    ],
  );
});

test('a Simplified essay with Traditional words injected: exactly those words are flagged, fix-all restores it', () => {
  const converter = getServices().converter;
  const analyzer = getAnalyzer();
  let essays = 0;
  let words = 0;
  for (const name of corpusEssays().filter((_, i) => i % 83 === 7)) {
    const original = corpusEssay(name);
    if (converter.toSimplified(original) !== original) {
      continue;
    }
    const { paragraphs } = analyzer.analyze(original, { format: 'plaintext', config: { rules: {}, script: 'auto', acceptedWords: [], only: [ID] } });
    // Candidate words: converting them gives Traditional-only characters, the same length, and converting the
    // paragraph back restores it exactly.
    const candidates: Array<{ start: number; end: number; trad: string }> = [];
    for (const p of paragraphs) {
      for (const t of analyzer.tokens(p.prose)) {
        if (Array.from(t.text).length < 2 || !/^\p{Script=Han}+$/u.test(t.text)) {
          continue;
        }
        const trad = converter.convert(t.text, 'traditional');
        if (trad.length !== t.text.length || !Array.from(trad).some((ch) => converter.isTraditionalOnly(ch))) {
          continue;
        }
        if (converter.toSimplified(p.prose.slice(0, t.start) + trad + p.prose.slice(t.end)) !== p.prose) {
          continue;
        }
        candidates.push({ start: p.start + t.start, end: p.start + t.end, trad });
      }
    }
    // A few words spread over the essay, never next to each other.
    const chosen: typeof candidates = [];
    for (let k = 0; k < 5; k++) {
      const c = candidates[Math.floor((k * candidates.length) / 5)];
      if (c && chosen.every((x) => c.start > x.end + 1 || c.end < x.start - 1)) {
        chosen.push(c);
      }
    }
    if (chosen.length < 3) {
      continue;
    }
    let injected = original;
    for (const c of [...chosen].sort((a, b) => b.start - a.start)) {
      injected = injected.slice(0, c.start) + c.trad + injected.slice(c.end);
    }
    const findings = check(injected, [ID]);
    assert.deepEqual(
      findings.map((f) => [f.start, f.end]),
      chosen.map((c) => [c.start, c.end]),
      `${name}: flagged ${findings.map((f) => injected.slice(f.start, f.end)).join(' ')}; injected ${chosen.map((c) => c.trad).join(' ')}`,
    );
    assert.ok(findings.every((f) => f.fixes.length === 1 && f.fixes[0]!.auto));
    assert.equal(fixAll(injected, [ID]), original, `${name}: fix-all restores the essay`);
    essays++;
    words += chosen.length;
  }
  assert.ok(essays >= 8 && words >= 30, `only ${essays} essays, ${words} words`);
});

test('a Traditional document with Simplified words injected: those words are flagged, fix-all restores it', () => {
  const converter = getServices().converter;
  const source = '新时代的党员干部要发扬斗争精神，勇于担当、敢于作为。若干问题要一个一个地解决，把群众的事情办好。';
  const trad = converter.convert(source, 'traditional');
  // Put back the Simplified forms of three words.
  const injected = trad.replace('幹部', '干部').replace('鬥爭', '斗争').replace('解決', '解决');
  const findings = check(injected, [ID], traditional);
  // The flagged range is the whole word as written: 黨員干部 is one word of the dictionary.
  assert.deepEqual(
    findings.map((f) => injected.slice(f.start, f.end)),
    ['黨員干部', '斗争', '解决'],
  );
  assert.ok(findings.every((f) => f.fixes.length === 1 && f.fixes[0]!.auto));
  assert.equal(fixAll(injected, [ID], traditional), trad);
});

test('clean Simplified corpus: essentially no findings on a sample of 100 essays', () => {
  const names = corpusEssays().filter((_, i) => i % 10 === 3);
  assert.ok(names.length >= 99);
  let findings = 0;
  for (const name of names) {
    findings += check(corpusEssay(name), [ID]).length;
  }
  // Measured over all 995 essays: 3 findings, all in one essay that really mixes scripts (经歷, 居住証, 隻有).
  assert.ok(findings <= 1, `${findings} findings`);
});

test('seeds 000 and 004 (Traditional copies): the Simplified 干 of 干部 and friends, nothing inside mojibake', () => {
  for (const s of ['000', '004']) {
    const text = seed(s);
    const { findings, script } = getAnalyzer().analyze(text, { format: 'plaintext', config: { rules: {}, script: 'auto', acceptedWords: [], only: [ID] } });
    assert.equal(script, 'traditional');
    const flagged = findings.map((f) => text.slice(f.start, f.end));
    assert.ok(flagged.some((w) => w.endsWith('干部')), `seed ${s}: ${flagged.join(' ')}`);
    for (const f of findings) {
      const fix = f.fixes[0]!;
      assert.ok(!/[?\uFFFD]/.test(text.slice(f.start, f.end)));
      if (text.slice(f.start, f.end).endsWith('干部')) {
        // Edits stay inside the finding; applied, the finding's text ends in 幹部.
        assert.ok(fix.auto && fix.edits.every((e) => e.start >= f.start && e.end <= f.end));
        const after = applyFixes(text, [{ ...f, fixes: [fix] }]).text;
        assert.ok(after.slice(f.start, f.end + after.length - text.length).endsWith('幹部'));
      }
    }
    assert.ok(!flagged.includes('糁'), 'mojibake is left to script/garbled');
    // After ONE round of fix-all only the ambiguous findings (并 → 並, 併 or 幷) remain: words split by pinyin
    // annotations (干部隊(duì)伍, 戰(zhàn)斗力) are read whole, and their edits leave the annotation to its rule.
    const fixed = applyFixes(text, check(text, ['script/pinyin-annotation', ID])).text;
    assert.equal(fixAll(fixed, ['script/pinyin-annotation', ID]), fixed);
    assert.ok(check(fixed, [ID]).every((f) => f.fixes.every((x) => !x.auto)));
    assert.doesNotMatch(fixed, /干部/);
  }
});

test('a word split by a pinyin annotation is read whole: 戰(zhàn)斗力, with one edit per changed character', () => {
  const text = '提升黨組織的戰(zhàn)斗力，聯(lián)系群衆。\r\n𠮷黨員的聯(lián)系。';
  const findings = check(text, [ID], traditional);
  assert.deepEqual(
    findings.map((f) => [text.slice(f.start, f.end), f.fixes[0]!.edits.map((e) => [e.start, e.end, e.newText])]),
    [
      ['戰(zhàn)斗力', [[13, 14, '鬥']]],
      // 联系群众 is one word of the dictionary: the finding covers it, the edit only 系.
      ['聯(lián)系群衆', [[23, 24, '繫']]],
      // After CRLF and an astral character (two code units).
      ['聯(lián)系', [[41, 42, '繫']]],
    ],
  );
  // Both rules in one round: the annotations go, the words are converted, nothing else changes.
  const both = ['script/pinyin-annotation', ID];
  const once = applyFixes(text, check(text, both, traditional)).text;
  assert.equal(once, '提升黨組織的戰鬥力，聯繫群衆。\r\n𠮷黨員的聯繫。');
  assert.deepEqual(check(once, both, traditional), []);
  // Without an annotation the word is one edit over its range, as before.
  const plain = check('提升黨組織的戰斗力。', [ID], traditional);
  assert.deepEqual(plain.map((f) => [f.start, f.end, f.fixes[0]!.edits.map((e) => [e.start, e.end, e.newText])]), [[6, 9, [[6, 9, '戰鬥力']]]]);
});

// 於 and 于: the preposition is 于 in Simplified text and 於 in Traditional text; the surname is left alone.
ruleTester(ID, {
  valid: [
    // 於 as a surname or in a name (於潜, a county) is Simplified too.
    { text: '出自苏轼的《於潜僧绿筠轩》。', options: simplified },
    { text: '於梨华是作家。', options: simplified },
    // 于 as a surname in Traditional text.
    { text: '于謙是明代名臣，于敏是核物理學家。', options: traditional },
    // Words the genre's conversion keeps: 征程 after 新, 了然, 克己 after 奉公, 克制 (OpenCC: 新徵程, 瞭然, 剋己, 剋制).
    { text: '我們踏上新征程，政策效果一目了然，黨員要奉公克己、自我克制。', options: traditional },
    { text: '我們踏上新征程，政策效果一目了然。', options: taiwan },
    { text: '我們踏上新征程，政策效果一目了然。', options: hongkong },
  ],
  invalid: [
    {
      text: '我们对於这个问题，由於历史原因，关於改革。',
      options: simplified,
      errors: [
        { range: [2, 4], text: '对於', message: '对于' },
        { range: [9, 11], text: '由於', message: '由于' },
        { range: [16, 18], text: '关於', message: '关于' },
      ],
      output: '我们对于这个问题，由于历史原因，关于改革。',
    },
    {
      // The default script (the majority is Simplified); idioms too (取之於民).
      text: '我们要勇於担当，善於学习，取之於民。',
      errors: [
        { range: [3, 5], text: '勇於' },
        { range: [8, 10], text: '善於' },
        { range: [13, 17], text: '取之於民', message: '取之于民' },
      ],
      output: '我们要勇于担当，善于学习，取之于民。',
    },
    {
      // Inside a word 於 is the preposition whatever tag the dictionary gives the word (严于律己 is tagged as a name).
      text: '干部要严於律己，有志於基层，不能安於现状。',
      options: simplified,
      errors: [
        { range: [3, 7], text: '严於律己', message: '严于律己' },
        { range: [8, 11], text: '有志於' },
        { range: [16, 20], text: '安於现状' },
      ],
      output: '干部要严于律己，有志于基层，不能安于现状。',
    },
    {
      // After an astral character (two code units) and across CRLF.
      text: '𠮷於是出发，终於成功。\r\n问题在於制度。',
      options: simplified,
      errors: [
        { range: [2, 4], text: '於是' },
        { range: [7, 9], text: '终於' },
        { range: [16, 18], text: '在於' },
      ],
      output: '𠮷于是出发，终于成功。\r\n问题在于制度。',
    },
    {
      // A Traditional document: 于 of the preposition is Simplified residue; the surname 于 stays.
      text: '問題在于制度，由于歷史原因。于謙是明代名臣。',
      options: traditional,
      errors: [
        { range: [2, 4], text: '在于', message: '在於' },
        { range: [7, 9], text: '由于', message: '由於' },
      ],
      output: '問題在於制度，由於歷史原因。于謙是明代名臣。',
    },
    {
      // The majority decides that this document is Traditional.
      text: '組織部門的幹部們說，由于歷史原因，這裏的發展很好。',
      errors: [{ range: [10, 12], text: '由于', message: '由於' }],
      output: '組織部門的幹部們說，由於歷史原因，這裏的發展很好。',
    },
  ],
});

test('dev essay 0788: 於 of the place name 於潜 in a Simplified essay is not flagged', () => {
  const text = corpusEssay('0788.txt');
  assert.ok(text.includes('《於潜僧绿筠轩》'));
  assert.deepEqual(
    check(text, [ID]).filter((f) => text.slice(f.start, f.end).includes('於')),
    [],
  );
});
