/**
 * Seeded slips for measuring phrasing/near-canonical (issue 16, item 3): one character of an idiom or set
 * phrase of an essay replaced by a character a writer may type for it — a homophone (same reading without
 * tone, the usual slip of a pinyin input method) or a known look-alike — the same way on dev essays
 * (test/tools/dev-canonical.ts, for tuning) and on test essays (test/tools/eval-canonical.ts, for measuring).
 *
 * A homophone is what a pinyin input method offers for the usual (first) reading of the character meant: any
 * character that has that reading among its own.
 *
 * A phrase is a token of the segmented essay of four characters or more that the dictionary marks as an idiom
 * (`i`) or set phrase (`l`), or that is one of the genre's phrases of the project dictionary. The replacement
 * is a common character (a single-character word of the dictionary of some frequency), and the slipped form
 * must not be a word as common as a twentieth of the phrase (so that no correct phrase is seeded). Places and
 * replacements depend only on the seed and the essay's name. Every slip keeps the length of the text.
 */
import { applyFixes, type Finding, type PinyinIndex, type Segmenter } from '../../server/src/analysis';

/** One seeded slip: `original` at [start, end) of the clean text became `slipped`. */
export interface Slip {
  start: number;
  end: number;
  original: string;
  slipped: string;
  /** How the replacement was chosen. */
  kind: 'homophone' | 'look-alike';
}

/** Look-alikes used for seeding (a few of the classic pairs; most slips are homophones). */
const SEED_SHAPES = ['励厉', '候侯', '己已', '未末', '拔拨', '辨辩', '崇祟', '治冶', '券卷', '贷货', '竟竞', '徒徙', '暑署', '即既', '概慨', '练炼', '幅副', '密蜜', '撤撒', '晴睛', '待侍', '辛幸'];
/** Dictionary frequency from which a single character counts as common. */
const COMMON = 2000;
const HAN = /^\p{Script=Han}+$/u;

/** A string hash (FNV-1a), to derive an essay's own seed. */
export function hashName(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** True when a dictionary word is an idiom or set phrase (the seedable phrases). */
export function seedablePhrase(word: string, segmenter: Segmenter): boolean {
  if (word.length < 4 || !HAN.test(word)) {
    return false;
  }
  const tag = segmenter.tagOf(word) ?? '';
  return tag === 'i' || tag === 'l' || segmenter.frequency(word) >= 1000;
}

/** Up to `max` slips of one essay, at different phrases, chosen with `random`. */
export function planSlips(text: string, segmenter: Segmenter, pinyin: PinyinIndex, random: () => number, max: number): Slip[] {
  const phrases: Array<{ start: number; word: string }> = [];
  let at = 0;
  for (const w of segmenter.cut(text)) {
    if (seedablePhrase(w, segmenter)) {
      phrases.push({ start: at, word: w });
    }
    at += w.length;
  }
  const out: Slip[] = [];
  while (phrases.length > 0 && out.length < max) {
    const { start, word } = phrases.splice(Math.floor(random() * phrases.length), 1)[0]!;
    const k = Math.floor(random() * word.length);
    const ch = word[k]!;
    const shape = SEED_SHAPES.find((g) => g.includes(ch));
    const useShape = shape !== undefined && random() < 0.5;
    const pool = useShape
      ? [...shape].filter((c) => c !== ch)
      : pinyin.charactersFor(pinyin.readings(ch)[0] ?? '').filter((c) => c !== ch && segmenter.frequency(c) >= COMMON).sort();
    if (pool.length === 0) {
      continue;
    }
    const replacement = pool[Math.floor(random() * pool.length)]!;
    const slipped = word.slice(0, k) + replacement + word.slice(k + 1);
    if (segmenter.hasWord(slipped) && segmenter.frequency(slipped) * 20 > segmenter.frequency(word)) {
      continue;
    }
    out.push({ start, end: start + word.length, original: word, slipped, kind: useShape ? 'look-alike' : 'homophone' });
  }
  return out.sort((a, b) => a.start - b.start);
}

/** The text with the slips applied. */
export function applySlips(text: string, slips: readonly Slip[]): string {
  let out = '';
  let at = 0;
  for (const s of slips) {
    out += text.slice(at, s.start) + s.slipped;
    at = s.end;
  }
  return out + text.slice(at);
}

/** True when a finding overlaps the slip and its first fix puts the original back. */
export function slipFixed(dirty: string, slip: Slip, findings: readonly Finding[]): boolean {
  return findings.some((f) => f.start < slip.end && slip.start < f.end && f.fixes.length > 0 && fixesBack(dirty, slip, f));
}

function fixesBack(dirty: string, slip: Slip, f: Finding): boolean {
  const fixed = applyFixes(dirty, [{ ...f, fixes: [{ ...f.fixes[0]!, auto: true }] }]).text;
  return fixed.length === dirty.length && fixed.slice(slip.start, slip.end) === slip.original;
}
