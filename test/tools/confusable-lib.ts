/**
 * Seeded confusions for measuring phrasing/confusable (issue 16, item 2): swaps of a correct form for its
 * look-alike at places chosen with a fixed seed, the same way on dev essays (test/tools/dev-confusable.ts,
 * for tuning) and on test essays (test/tools/eval.ts, for measuring only).
 *
 * Kinds of swap:
 * - 的→地 (的 written for 地): a particle 地 before a verb (积极地参与 → 积极的参与);
 * - 的→得 (的 written for 得): a particle 得 before its complement (理解得深刻 → 理解的深刻);
 * - 地→的 (地 written for 的): a 的 between an adjective and a noun that ends its phrase (美丽的风景。 → 美丽地风景。);
 * - the word pairs: a standalone token of the right form replaced by its look-alike (权力 → 权利, 已经 → 以经).
 * Every swap keeps the length of the text, so offsets of the swapped text are those of the clean one.
 */
import type { Finding, Segmenter } from '../../server/src/analysis';
import { applyFixes } from '../../server/src/analysis';

/** One seeded swap: `original` at [start, end) of the clean text became `replacement`. */
export interface Swap {
  start: number;
  end: number;
  original: string;
  replacement: string;
  /** The confusion set, named as phrasing/confusable names it (的→地 is "的 written for 地"). */
  set: string;
}

/** Word swaps: right form → the look-alike written for it, and the set's name in the rule. */
export const WORD_SWAPS: ReadonlyArray<[string, string, string]> = [
  ['权力', '权利', '权利/权力'],
  ['权利', '权力', '权利/权力'],
  ['截至', '截止', '截止/截至'],
  ['必须', '必需', '必须/必需'],
  ['作为', '做为', '作为/做为'],
  ['作用', '做用', '作用/做用'],
  ['部署', '布署', '部署/布署'],
  ['已经', '以经', '已经/以经'],
  ['再次', '在次', '再次/在次'],
  ['像', '象', '像/象'],
  ['反映', '反应', '反映/反应'],
  ['反应', '反映', '反映/反应'],
  ['制定', '制订', '制定/制订'],
  ['那么', '哪么', '那么/哪么'],
  ['哪怕', '那怕', '哪怕/那怕'],
];

const HAN = /^\p{Script=Han}+$/u;

interface Tok {
  text: string;
  start: number;
  end: number;
  tag: string;
}

function tokensOf(text: string, segmenter: Segmenter): Tok[] {
  const out: Tok[] = [];
  let at = 0;
  for (const w of segmenter.cut(text)) {
    out.push({ text: w, start: at, end: at + w.length, tag: segmenter.tagOf(w) ?? '' });
    at += w.length;
  }
  return out;
}

/** Candidate places of each kind in a text, in text order. */
export function swapCandidates(text: string, segmenter: Segmenter): Map<string, Swap[]> {
  const byKind = new Map<string, Swap[]>();
  const add = (s: Swap): void => {
    const list = byKind.get(s.set) ?? [];
    list.push(s);
    byKind.set(s.set, list);
  };
  const words = new Map(WORD_SWAPS.map(([right, wrong, set]) => [right, { wrong, set }]));
  const toks = tokensOf(text, segmenter);
  const han = (k: number): Tok | undefined => (toks[k] && HAN.test(toks[k]!.text) ? toks[k] : undefined);
  const ends = (k: number): boolean => toks[k] === undefined || !/[\p{L}\p{N}]/u.test(toks[k]!.text);
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!;
    const prev = han(k - 1);
    const next = han(k + 1);
    if (t.text === '地' && prev && next && !/^(?:m|q|f|n|ns|s)/.test(prev.tag) && /^v/.test(next.tag)) {
      add({ start: t.start, end: t.end, original: '地', replacement: '的', set: '的→地' });
    } else if (t.text === '得' && prev && next && /^(?:v|a)/.test(prev.tag) && !/^(?:v|u|p|c|r|n)/.test(next.tag)) {
      add({ start: t.start, end: t.end, original: '得', replacement: '的', set: '的→得' });
    } else if (t.text === '的' && prev && next && /^(?:a|z)$/.test(prev.tag) && /^(?:n|nz)$/.test(next.tag) && ends(k + 2)) {
      add({ start: t.start, end: t.end, original: '的', replacement: '地', set: '地→的' });
    } else {
      const w = words.get(t.text);
      if (w) {
        add({ start: t.start, end: t.end, original: t.text, replacement: w.wrong, set: w.set });
      }
    }
  }
  return byKind;
}

/**
 * Chooses swaps for one text: per kind at most `perKind` places, drawn with `random`, at least `spacing`
 * code units apart from each other.
 */
export function planSwaps(text: string, segmenter: Segmenter, random: () => number, perKind = 2, spacing = 12): Swap[] {
  const chosen: Swap[] = [];
  for (const [, list] of [...swapCandidates(text, segmenter)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const pool = [...list];
    let taken = 0;
    while (pool.length > 0 && taken < perKind) {
      const s = pool.splice(Math.floor(random() * pool.length), 1)[0]!;
      if (chosen.every((c) => s.start >= c.end + spacing || c.start >= s.end + spacing)) {
        chosen.push(s);
        taken++;
      }
    }
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/** The text with the swaps applied (each keeps its length). */
export function applySwaps(text: string, swaps: readonly Swap[]): string {
  let out = '';
  let at = 0;
  for (const s of swaps) {
    out += text.slice(at, s.start) + s.replacement;
    at = s.end;
  }
  return out + text.slice(at);
}

/** True when one of the findings covers the swap and its first fix puts the original back. */
export function swapFound(seeded: string, swap: Swap, findings: readonly Finding[]): boolean {
  return findings.some((f) => {
    if (f.start >= swap.end || f.end <= swap.start || f.fixes.length === 0) {
      return false;
    }
    const fixed = applyFixes(seeded, [{ ...f, fixes: [{ ...f.fixes[0]!, auto: true }] }]).text;
    return fixed.length === seeded.length && fixed.slice(swap.start, swap.end) === swap.original;
  });
}
