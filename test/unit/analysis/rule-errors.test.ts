/**
 * A rule that throws is isolated: its findings are missing, one error finding on the first line names it,
 * the error is logged once, and every other rule's findings are still reported.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createAnalyzer, RULE_ERROR, type AnalysisConfig, type Finding } from '../../../server/src/analysis';
import type { DocumentRule, ParagraphRule } from '../../../server/src/analysis/rule';
import { getServices } from '../../../server/src/services';
import { useLanguage } from '../../../server/src/shared/messages';

/** Line 1 has a half-width comma, line 3 repeats line 2 (a duplicated paragraph). */
const LINE1 = '我们要坚持以人民为中心,推动高质量发展。';
const LINE2 = '作为组工战线的一分子，身在基层、打好基础，凝聚人才。';
const TEXT = `${LINE1}\r\n${LINE2}\n${LINE2}\n`;

/** Throws on the paragraphs holding 组工 (after reporting something, which must be dropped). */
const throwingParagraphRule: ParagraphRule = {
  meta: { id: 'test/throws-in-paragraph', category: 'phrasing', defaultSeverity: 'warning', fixable: false, description: 'Throws' },
  scope: 'paragraph',
  check(ctx) {
    ctx.report({ message: 'partial', start: 0, end: 1 });
    if (ctx.prose.includes('组工')) {
      throw new TypeError("Cannot read properties of undefined (reading 'repeat')");
    }
  },
};

const throwingDocumentRule: DocumentRule = {
  meta: { id: 'test/throws-in-document', category: 'structure', defaultSeverity: 'hint', fixable: false, description: 'Throws' },
  scope: 'document',
  check(ctx) {
    ctx.report({ message: 'partial', start: 0, end: 1 });
    throw new RangeError('document rule broke\nsecond line of the message');
  },
};

const throwingPrepareRule: DocumentRule = {
  meta: { id: 'test/throws-in-prepare', category: 'structure', defaultSeverity: 'hint', fixable: false, description: 'Throws' },
  scope: 'document',
  prepare(_ctx, p) {
    if (p.index === 1) {
      throw new Error('prepare broke');
    }
  },
  check(ctx) {
    ctx.report({ message: 'never reported', start: 0, end: 1 });
  },
};

const CONFIG: AnalysisConfig = { rules: {}, script: 'auto', acceptedWords: [] };

const summary = (fs: readonly Finding[]): Array<[string, number, number]> => fs.map((f) => [f.rule, f.start, f.end]);

test('a throwing paragraph rule and document rules: one error finding each, every other finding kept', () => {
  useLanguage('en');
  const logs: string[] = [];
  const plain = createAnalyzer(getServices()).analyze(TEXT, { format: 'plaintext', config: CONFIG });
  const analyzer = createAnalyzer(getServices(), {
    extraRules: [throwingParagraphRule, throwingDocumentRule, throwingPrepareRule],
    log: (m) => logs.push(m),
  });
  const result = analyzer.analyze(TEXT, { format: 'plaintext', config: CONFIG });
  const errors = result.findings.filter((f) => f.rule === RULE_ERROR);
  const others = result.findings.filter((f) => f.rule !== RULE_ERROR);
  // The catalogue's findings are exactly those of an analyzer without the throwing rules, except the one
  // the paragraph rule reported on line 1 (it threw on lines 2 and 3 only: line 1's reports stay).
  assert.deepEqual(summary(others.filter((f) => !f.rule.startsWith('test/'))), summary(plain.findings));
  assert.deepEqual(summary(others.filter((f) => f.rule.startsWith('test/'))), [['test/throws-in-paragraph', 0, 1]]);
  assert.ok(plain.findings.some((f) => f.rule === 'punctuation/halfwidth'));
  assert.ok(plain.findings.some((f) => f.rule === 'repetition/duplicate-paragraph'));
  // One error finding per failing rule, on line 1 (0 up to its CRLF), in the order they failed.
  assert.deepEqual(
    errors.map((f) => [f.start, f.end, f.severity, f.message, f.fixes.length]),
    [
      [0, LINE1.length, 'error', "Internal error in rule test/throws-in-paragraph: Cannot read properties of undefined (reading 'repeat'). Its findings are missing; the other rules ran.", 0],
      [0, LINE1.length, 'error', 'Internal error in rule test/throws-in-prepare: prepare broke. Its findings are missing; the other rules ran.', 0],
      [0, LINE1.length, 'error', 'Internal error in rule test/throws-in-document: document rule broke. Its findings are missing; the other rules ran.', 0],
    ],
  );
  // Logged once per rule, with the stack.
  assert.equal(logs.length, 3);
  assert.match(logs[0]!, /^wenfeng: test\/throws-in-paragraph threw: TypeError: Cannot read properties/);
  assert.match(logs[0]!, /rule-errors\.test/);
  // Internal errors cost no points.
  assert.deepEqual(result.score.deductions.filter((d) => !d.rule.startsWith('test/')), plain.score.deductions);
  assert.equal(result.score.categories.structure, 100);

  // Analysed again (paragraph reports cached): the errors are reported again, but not logged again.
  const again = analyzer.analyze(TEXT, { format: 'plaintext', config: CONFIG });
  assert.deepEqual(summary(again.findings), summary(result.findings));
  assert.equal(logs.length, 3);
});

test('rule errors in Chinese, and on a text of one line without a line break', () => {
  useLanguage('zh-cn');
  try {
    const analyzer = createAnalyzer(getServices(), { extraRules: [throwingDocumentRule] });
    const text = `${LINE1}𠮷`;
    const found = analyzer.analyze(text, { format: 'plaintext', config: { ...CONFIG, only: ['test/throws-in-document', 'punctuation/halfwidth'] } }).findings;
    assert.deepEqual(
      found.map((f) => [f.rule, f.start, f.end, f.message]),
      [
        [RULE_ERROR, 0, LINE1.length + 2, '规则 test/throws-in-document 内部出错：document rule broke。该规则的结果缺失，其他规则照常检查。'],
        ['punctuation/halfwidth', 11, 12, found[1]!.message],
      ],
    );
  } finally {
    useLanguage('en');
  }
});

test('a rule turned off does not run, and without throwing rules there is no error finding', () => {
  const analyzer = createAnalyzer(getServices(), { extraRules: [throwingParagraphRule, throwingDocumentRule] });
  const off = analyzer.analyze(TEXT, {
    format: 'plaintext',
    config: { ...CONFIG, rules: { 'test/throws-in-paragraph': 'off', 'test/throws-in-document': 'off' } },
  });
  assert.deepEqual(off.findings.filter((f) => f.rule === RULE_ERROR || f.rule.startsWith('test/')), []);
  assert.ok(off.findings.length >= 2);
});
