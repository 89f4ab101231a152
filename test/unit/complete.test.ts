/**
 * Completions: series continuation (ordinal and frame), corpus continuation, canonical phrases by prefix,
 * and the CLI's `complete` and `outline` JSON.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { complete, corpusCandidates, DraftCache, frameSnippet, FUNCTION_WORDS } from '../../server/src/analysis/complete';
import { run } from '../../server/src/cli/main';
import { getServices } from '../../server/src/services';
import { getAnalyzer } from './helpers';

function at(text: string, offset = text.length): ReturnType<typeof complete> {
  const a = getAnalyzer();
  const r = a.analyze(text, { format: 'plaintext', config: { rules: {}, script: 'auto', acceptedWords: [] } });
  return complete(text, offset, r, a.tokens, getServices().model);
}

test('frame templates become snippets with numbered tab stops', () => {
  assert.equal(frameSnippet('打好{X}牌，增强机关干部的{Y}意识'), '打好${1}牌，增强机关干部的${2}意识。');
  assert.equal(frameSnippet('{X}以才{Y}'), '${1}以才${2}。');
});

test('series continuation: the next ordinal at the start of the paragraph after the series', () => {
  const text = '一要加强学习。\n二要改进作风。\n三要狠抓落实。\n';
  const items = at(text);
  assert.equal(items[0]!.kind, 'series');
  assert.equal(items[0]!.insertText, '四要${1}。');
  // Not in the middle of a paragraph, not after an unrelated paragraph.
  assert.equal(at(text, 3).filter((i) => i.kind === 'series').length, 0);
  assert.equal(at(`${text}正文。\n`).filter((i) => i.kind === 'series').length, 0);
});

test('series continuation: a lexical frame with its slots (CRLF line ends)', () => {
  const text = '打好政治牌，增强机关干部的政治意识。\r\n打好团结牌，增强机关干部的团结意识。\r\n打好担当牌，增强机关干部的担当意识。\r\n';
  const items = at(text).filter((i) => i.kind === 'series');
  assert.deepEqual(items.map((i) => i.insertText), ['打好${1}牌，增强机关干部的${2}意识。']);
});

test('corpus continuation and canonical phrases', () => {
  const cont = at('坚持以人民为中心的');
  assert.equal(cont[0]!.kind, 'phrase');
  assert.ok(cont[0]!.label.startsWith('发展'), cont.map((c) => c.label).join(' '));
  const canon = at('我们要全心全意');
  const full = canon.find((c) => c.label === '全心全意为人民服务');
  assert.ok(full, canon.map((c) => c.label).join(' '));
  assert.equal(full.replace, 4);
  assert.equal(full.kind, 'canonical');
  assert.deepEqual(at(''), []);
});

test('CLI complete and outline print the contract JSON; a bad offset is a usage error', () => {
  let out = '';
  let err = '';
  const file = require('node:path').join(require('node:os').tmpdir(), 'wenfeng-complete.txt');
  require('node:fs').writeFileSync(file, '一要加强学习。\n二要改进作风。\n三要狠抓落实。\n');
  assert.equal(run(['complete', file, '--offset', '24', '--format', 'json'], (s) => (out += s), (s) => (err += s)), 0, err);
  const json = JSON.parse(out) as { version: number; items: Array<{ label: string; insertText: string; kind: string; score: number }> };
  assert.equal(json.version, 1);
  assert.deepEqual(json.items[0], { label: '四要…。', insertText: '四要${1}。', kind: 'series', replace: 0, score: 1 });
  out = '';
  assert.equal(run(['outline', file, '--format', 'json'], (s) => (out += s), (s) => (err += s)), 0);
  const outline = JSON.parse(out) as { series: Array<{ kind: string; family: string; items: Array<{ lead: string; range: { start: { line: number } } }> }> };
  assert.equal(outline.series[0]!.family, '一要');
  assert.deepEqual(outline.series[0]!.items.map((i) => i.range.start.line), [0, 1, 2]);
  assert.equal(run(['complete', file, '--offset', '999'], () => undefined, (s) => (err += s)), 2);
  assert.match(err, /past the end/);
});

test('series continuation after two items: paragraphs and clauses with consecutive ordinals', () => {
  const paras = at('一是加强理论学习，筑牢思想根基。\n二是改进工作作风，密切联系群众。\n').filter((i) => i.kind === 'series');
  assert.deepEqual(paras.map((i) => i.insertText), ['三是${1}。']);
  assert.deepEqual(at('（一）加强学习。\n（二）改进作风。\n').filter((i) => i.kind === 'series').map((i) => i.label), ['（三）…。']);
  // Not after ordinals of two styles, nor after a single one, nor inside a paragraph's text.
  assert.deepEqual(at('一是加强学习。\n（二）改进作风。\n').filter((i) => i.kind === 'series'), []);
  assert.deepEqual(at('一是加强学习。\n').filter((i) => i.kind === 'series'), []);
  const inline = '要做到三点：一是加强学习；二是改进作风；';
  assert.deepEqual(at(inline).filter((i) => i.kind === 'series').map((i) => i.insertText), ['三是${1}']);
  assert.deepEqual(at(inline, inline.length - 1).filter((i) => i.kind === 'series'), []);
  assert.deepEqual(at('要做到：一是加强学习；').filter((i) => i.kind === 'series'), []);
});

test('the draft cache: a pair the draft wrote before is offered, one the corpus never saw', () => {
  const model = getServices().model!;
  const context = ['我们', '要', '加强'];
  assert.equal(model.probability(context, '数智赋能'), 0);
  assert.ok(!corpusCandidates(model, context).some((c) => c.words[0] === '数智赋能'));
  const cache = new DraftCache();
  cache.add(['全面', '加强', '数智赋能']);
  const withCache = corpusCandidates(model, context, cache);
  const at = withCache.findIndex((c) => c.words[0] === '数智赋能');
  assert.ok(at >= 0 && at < 3, withCache.map((c) => c.words.join('')).join(' '));
  // Labels are unique, and no candidate starts with the clause's end.
  assert.equal(new Set(withCache.map((c) => c.words.join(''))).size, withCache.length);
  assert.ok(withCache.every((c) => c.words[0] !== '</s>'));
});

test('the draft cache: its n-grams interpolated from the word counts up, weighed by what it has seen', () => {
  const empty = new DraftCache();
  assert.equal(empty.distribution(['推进']), undefined);
  const cache = new DraftCache();
  cache.add(['全面', '推进', '数字', '乡村']);
  cache.add(['加快', '推进', '城市', '更新']);
  // 8 words; 推进 seen twice (数字, 城市 once each); 全面 推进 once (数字); <s> 全面 推进 once (数字).
  const d = cache.distribution(['全面', '推进'])!;
  assert.deepEqual(d.proposed.sort(), ['城市', '数字']);
  // Unigram 1/8; then 推进 (n = 2, weight 2/3): 2/3·1/2 + 1/3·1/8; then 全面 推进 and <s> 全面 推进 (n = 1, weight 1/2) each.
  const uni = 1 / 8;
  const bi = (2 / 3) * (1 / 2) + (1 / 3) * uni;
  const tri = (1 / 2) * 1 + (1 / 2) * bi;
  assert.ok(Math.abs(d.p('数字') - ((1 / 2) * 1 + (1 / 2) * tri)) < 1e-12, String(d.p('数字')));
  const biCity = (2 / 3) * (1 / 2) + (1 / 3) * uni;
  assert.ok(Math.abs(d.p('城市') - (1 / 4) * biCity) < 1e-12, String(d.p('城市')));
  // The weight: the longest context seen (three words, once): 0.6 · 1/2.
  assert.ok(Math.abs(d.weight - 0.3) < 1e-12, String(d.weight));
  // A context the draft has not seen: its word shares at the base weight, nothing proposed.
  const other = cache.distribution(['坚持', '发展'])!;
  assert.deepEqual(other.proposed, []);
  assert.equal(other.weight, 0.1);
  assert.equal(other.p('乡村'), 1 / 8);
  assert.equal(other.p('振兴'), 0);
  // So the draft's own phrase, written twice, leads where the corpus prefers another (全面推进 → 依法治国).
  const model = getServices().model!;
  assert.equal(corpusCandidates(model, ['全面', '推进'], cache)[0]!.words[0], '依法治国');
  cache.add(['全面', '推进', '数字', '乡村']);
  assert.equal(corpusCandidates(model, ['全面', '推进'], cache)[0]!.words[0], '数字');
  assert.equal(corpusCandidates(model, ['全面', '推进'])[0]!.words[0], '依法治国');
});

test('candidates: a function word comes with the content word after it; no doubled word', () => {
  const model = getServices().model!;
  const list = corpusCandidates(model, ['坚持', '以人民为中心']);
  assert.deepEqual(list[0]!.words.slice(0, 2), ['的', '发展']);
  for (const context of [['坚持', '以人民为中心'], ['我们', '要', '加强'], ['坚持', '以人民为中心', '的']]) {
    const cands = corpusCandidates(model, context);
    const last = context[context.length - 1]!;
    assert.ok(cands.every((c) => c.words[0] !== last), cands.map((c) => c.words.join('+')).join(' '));
    // A function word's phrase goes on with a content word, not with another function word (的的, 和的).
    for (const c of cands.filter((x) => x.words.length >= 2 && FUNCTION_WORDS.has(x.words[0]!))) {
      assert.ok(!FUNCTION_WORDS.has(c.words[1]!), c.words.join('+'));
    }
  }
});

test('CLI complete: corpus continuations at the end of a Chinese sentence', () => {
  const file = require('node:path').join(require('node:os').tmpdir(), 'wenfeng-complete-phrase.txt');
  const text = '实施乡村振兴战略，要坚持以人民为中心的\n全面推进乡村振兴';
  require('node:fs').writeFileSync(file, text);
  const ask = (offset: number): Array<{ label: string; kind: string; score: number }> => {
    let out = '';
    let err = '';
    assert.equal(run(['complete', file, '--offset', String(offset), '--format', 'json'], (s) => (out += s), (s) => (err += s)), 0, err);
    return (JSON.parse(out) as { items: Array<{ label: string; kind: string; score: number }> }).items;
  };
  const first = ask(text.indexOf('\n'));
  assert.equal(first[0]!.kind, 'phrase');
  assert.match(first[0]!.label, /^发展/, first.map((i) => i.label).join(' '));
  assert.ok(first[0]!.score > 0 && first[0]!.score <= 1);
  const second = ask(text.length);
  assert.match(second[0]!.label, /^战略/, second.map((i) => i.label).join(' '));
});

test('CLI complete: the draft before the cursor leads its own phrase ahead of the corpus', () => {
  const dir = require('node:os').tmpdir() as string;
  const ask = (name: string, text: string, offset = text.length): Array<{ label: string; kind: string; score: number }> => {
    const file = require('node:path').join(dir, name) as string;
    require('node:fs').writeFileSync(file, text);
    let out = '';
    let err = '';
    assert.equal(run(['complete', file, '--offset', String(offset), '--format', 'json'], (s) => (out += s), (s) => (err += s)), 0, err);
    return (JSON.parse(out) as { items: Array<{ label: string; kind: string; score: number }> }).items;
  };
  // Alone, 全面推进 goes on as the corpus writes it: 依法治国.
  const alone = ask('wenfeng-complete-cache-0.txt', '我们要全面推进');
  assert.equal(alone[0]!.label, '依法治国', alone.map((i) => i.label).join(' '));
  // After a paragraph that wrote 推进数字乡村 three times, the draft's phrase comes first, the corpus's second.
  const draft = ask('wenfeng-complete-cache-1.txt', '各地要全面推进数字乡村建设。加快推进数字乡村建设，全面推进数字乡村发展。\n我们要全面推进');
  assert.deepEqual(draft.slice(0, 2).map((i) => i.label), ['数字乡村', '依法治国']);
  assert.ok(draft[0]!.score > draft[1]!.score && draft[0]!.score <= 1);
  // Only the text before the cursor counts: the same phrase after it changes nothing.
  const after = ask('wenfeng-complete-cache-2.txt', '我们要全面推进\n各地要全面推进数字乡村建设。加快推进数字乡村建设，全面推进数字乡村发展。', 7);
  assert.equal(after[0]!.label, '依法治国');
});
