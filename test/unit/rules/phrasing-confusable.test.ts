/**
 * phrasing/confusable: 的/地/得 and the word pairs of the genre's proofreaders, decided from the words around
 * them (sentences written for these tests).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { check, ruleTester } from '../helpers';

const RULE = 'phrasing/confusable';

ruleTester(RULE, {
  valid: [
    // The particles where they belong.
    '我们要更好地发挥作用，服务群众。',
    '他对理论理解得非常深刻。',
    '我的书很好看。',
    // Words holding 的, 地 or 得 are never split.
    '我们终于抵达了目的地。',
    '得到了认可，取得的成绩值得肯定，的确如此。',
    '目的明确，地方的土地得到保护。',
    '现象和对象都要分析。',
    // 的 inside a noun phrase after a verb: 实现更好的发展, 通过不断的努力, 采取积极的措施.
    '实现更好的发展。',
    '通过不断的努力，我们成功了。',
    '要采取积极的措施。',
    '要进行有效的管理。',
    // A verdict on what was said.
    '他说的很对。',
    // The word pairs where they belong.
    '把权力关进制度的笼子里。',
    '公民依法享有的合法权利受到保护。',
    '截止日期是五月十日。',
    '截至目前，全市已完成改造。',
    '这是生活必需品，是必需的。',
    '我们必须坚持人民至上。',
    '以经济建设为中心。',
    '在次年完成全部工作。',
    '常做为老之事。',
    '这反映了群众的心声。',
    '化学反应很剧烈。',
    '他好像没来，就像往常一样。',
    '那么我们该怎么办？哪怕困难再大，也要坚持。',
    '这项工作的部署很周密。',
    // Traditional text is not judged.
    '我們要更好的發揮作用。',
  ],
  invalid: [
    { text: '我们要更好的发挥作用，服务群众。', errors: [{ range: [5, 6], text: '的', message: '地' }], output: '我们要更好地发挥作用，服务群众。' },
    // A suggestion only: fix-all leaves it.
    { text: '他对理论理解的非常深刻。', errors: [{ range: [6, 7], message: '得' }], output: '他对理论理解的非常深刻。' },
    { text: '这是我们地祖国。', errors: [{ range: [4, 5], message: '的' }], output: '这是我们的祖国。' },
    { text: '不断得提高人民生活水平。', errors: [{ range: [2, 3], message: '地' }], output: '不断地提高人民生活水平。' },
    { text: '要把权利关进制度的笼子里。', errors: [{ range: [2, 4], text: '权利', message: '权力' }], output: '要把权力关进制度的笼子里。' },
    { text: '截止目前，全市已完成改造。', errors: [{ range: [0, 2], text: '截止' }], output: '截至目前，全市已完成改造。' },
    { text: '我们必需坚持人民至上。', errors: [{ range: [2, 4], text: '必需' }], output: '我们必须坚持人民至上。' },
    { text: '以经完成了任务。', errors: [{ range: [0, 2], text: '以经' }], output: '已经完成了任务。' },
    { text: '那怕困难再大，也要坚持。', errors: [{ range: [0, 2], text: '那怕' }], output: '哪怕困难再大，也要坚持。' },
    { text: '哪么我们该怎么办？', errors: [{ range: [0, 2], text: '哪么' }], output: '那么我们该怎么办？' },
    { text: '这项工作的布署很周密。', errors: [{ range: [5, 7], text: '布署' }], output: '这项工作的部署很周密。' },
    { text: '他好象没来。', errors: [{ range: [1, 3], text: '好象' }], output: '他好像没来。' },
    { text: '象他那样工作。', errors: [{ range: [0, 1], text: '象' }], output: '像他那样工作。' },
    { text: '这充分反应了群众的心声。', errors: [{ range: [3, 5], text: '反应' }], output: '这充分反映了群众的心声。' },
    { text: '要起到重要的做用。', errors: [{ range: [6, 8], text: '做用' }], output: '要起到重要的作用。' },
    // 做为 may be 做 + 为: a suggestion.
    { text: '做为一名党员，我们要带头。', errors: [{ range: [0, 2], text: '做为', message: '作为' }], output: '做为一名党员，我们要带头。' },
    // Offsets count UTF-16 code units: 𠮷 is two.
    { text: '𠮷𠮷说，我们要更好的发挥作用。', errors: [{ range: [11, 12], text: '的' }], output: '𠮷𠮷说，我们要更好地发挥作用。' },
    // CRLF line ends: the second paragraph starts after 第一段。\r\n.
    { text: '第一段。\r\n我们必需坚持人民至上。', errors: [{ range: [8, 10], text: '必需' }], output: '第一段。\r\n我们必须坚持人民至上。' },
  ],
});

test(`${RULE}: the fix of a suggestion is the other form`, () => {
  const [f] = check('他对理论理解的非常深刻。', [RULE]);
  assert.ok(f);
  assert.equal(f.fixes.length, 1);
  assert.equal(f.fixes[0]!.auto, false);
  assert.deepEqual(f.fixes[0]!.edits, [{ start: 6, end: 7, newText: '得' }]);
});

test(`${RULE}: severity follows the margin`, () => {
  // A suggestion (the corpus odds under the automatic margin) is one level below the configured severity.
  assert.equal(check('他对理论理解的非常深刻。', [RULE])[0]?.severity, 'information');
  // A misspelling that is no word, or a wide margin, keeps it.
  assert.equal(check('这项工作的布署很周密。', [RULE])[0]?.severity, 'warning');
  assert.equal(check('我们要更好的发挥作用，服务群众。', [RULE])[0]?.severity, 'warning');
});

test(`${RULE}: an accepted word is not reported`, () => {
  assert.deepEqual(check('做为一名党员，我们要带头。', [RULE], { config: { acceptedWords: ['做为'] } }), []);
});
