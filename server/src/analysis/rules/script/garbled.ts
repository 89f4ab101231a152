/**
 * script/garbled — text that lost characters on its way through legacy encodings.
 *
 * Detected, one finding per garbled run:
 * - Lost characters whose pinyin annotation survived: `?` (or U+FFFD) followed by a pinyin syllable and `)`,
 *   as in `重?fù)?dān)` (the source read 重負(fù)擔(dān)). A toneless syllable counts only when its `)` closes
 *   nothing. A bare `?` right after such residue and before punctuation (`兼?zhèn)?、`) is lost too; a bare
 *   `?` on its own is a question mark (`奋楫争先?我体会`) and belongs to punctuation/halfwidth.
 * - U+FFFD anywhere (a character the decoder could not read), and `?ldquo;`-style HTML entities whose `&` was lost.
 * - GBK read one byte off: next to such residue, a run of rare characters that, re-encoded as GBK and read
 *   one byte later, gives common text (`嵳嫘慕徽` → 真心交…, `敝刑糁` → 中挑…).
 * - Orphan `pinyin)` fragments after a surviving character (`擔dān)`).
 * - Classic mojibake: UTF-8 read as GBK (`浣犲ソ涓栫晫` → 你好世界; only runs of mostly rare characters that
 *   re-encode to well-formed UTF-8 of common characters), UTF-8 read as Latin-1 (`ä¸­æ–‡`), 锟斤拷, 烫烫烫烫.
 *
 * The message shows what could be recovered: candidates for each lost character from the pinyin that
 * survived, crossed with the dictionary (`?fù)?dān)` → 负担, or 負擔 in a Traditional document), with □ for
 * what is gone for good. Suggestions are never applied by fix-all (every fix is `auto: false`).
 *
 * ✗ 勇挑重?fù)?dān)   → 勇挑重负担 (suggested)
 * ✗ 浣犲ソ涓栫晫      → 你好世界 (suggested)
 * ✓ 奋楫争先?我体会 · 關(guān)注 (script/pinyin-annotation) · 为什么?(wzjjgwy)
 */
import * as l10n from '@vscode/l10n';
import { isHan } from '../../chars';
import { excerpt, findGarbled, LOST, syllableAt, type GarbledRegion } from '../../detect/garbled';
import { stripTone } from '../../pinyin';
import type { ParagraphRule } from '../../rule';
import type { Fix, ScriptTarget, Services } from '../../types';

// ---------------------------------------------------------------------------------------------------------
// Recovering lost characters from their pinyin

const MAX_CANDIDATES = 40;
/** Readings offered for one run, and the longest run (in pieces) that gets alternatives. */
const MAX_READINGS = 3;
const MAX_ALTERNATIVE_PIECES = 16;
const SINGLE_PENALTY = 12;
const WORD_BONUS = 2;

interface Scored {
  text: string;
  score: number;
  /** Made of dictionary words only (no character guessed on its own). */
  words?: boolean;
}

/** Recovered readings, cached per services: residue repeats (a long document copied through the same tool). */
interface RecoveryCache {
  syllables: Map<string, Scored[]>;
  readings: Map<string, string[]>;
}

const recoveryCaches = new WeakMap<Services, RecoveryCache>();

function cacheOf(services: Services): RecoveryCache {
  let cache = recoveryCaches.get(services);
  if (!cache || cache.readings.size > 20_000) {
    cache = { syllables: new Map(), readings: new Map() };
    recoveryCaches.set(services, cache);
  }
  return cache;
}

/** Characters read with the syllable, the most frequent first (Simplified ones: the dictionary is Simplified). */
function charactersFor(services: Services, syllable: string): Scored[] {
  const cache = cacheOf(services).syllables;
  let cached = cache.get(syllable);
  if (!cached) {
    cached = rankCharacters(services, syllable);
    cache.set(syllable, cached);
  }
  return cached;
}

function rankCharacters(services: Services, syllable: string): Scored[] {
  let chars = services.pinyin.charactersFor(syllable.toLowerCase());
  if (chars.length === 0) {
    chars = services.pinyin.charactersFor(stripTone(syllable));
  }
  const scored = chars
    .map((ch) => ({ text: ch, score: Math.log(services.segmenter.frequency(ch) + 1) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  return scored.slice(0, MAX_CANDIDATES);
}

/** Dictionary words made of one candidate per slot. */
function wordsOf(services: Services, cands: readonly Scored[][], limit: number): Scored[] {
  let size = 1;
  for (const c of cands) {
    size *= c.length;
  }
  if (size === 0 || size > limit) {
    return [];
  }
  const out: Scored[] = [];
  const walk = (i: number, prefix: string): void => {
    if (i === cands.length) {
      if (services.segmenter.hasWord(prefix)) {
        out.push({ text: prefix, score: Math.log(services.segmenter.frequency(prefix) + 1) + WORD_BONUS * cands.length, words: true });
      }
      return;
    }
    for (const c of cands[i]!) {
      walk(i + 1, prefix + c.text);
    }
  };
  walk(0, '');
  return out;
}

/**
 * The most likely texts for a run of lost characters of which only the pinyin survived: a best segmentation
 * into dictionary words (k-best), single characters by frequency where no word fits. For a single lost
 * character the surviving neighbours (`left`, `right`, Simplified) may form the word (重?fù) → 负 of 重负).
 */
function recover(services: Services, syllables: readonly string[], left: string, right: string): string[] {
  const cands = syllables.map((s) => charactersFor(services, s));
  if (cands.some((c) => c.length === 0)) {
    return [];
  }
  const K = 3;
  if (syllables.length === 1) {
    const scored = new Map<string, number>();
    for (const c of cands[0]!) {
      scored.set(c.text, c.score - SINGLE_PENALTY);
    }
    const context: Array<[string, string]> = [];
    for (let n = 1; n <= 2; n++) {
      if (left.length >= n) {
        context.push([left.slice(-n), '']);
      }
      if (right.length >= n) {
        context.push(['', right.slice(0, n)]);
      }
    }
    for (const [l, r] of context) {
      for (const c of cands[0]!) {
        const w = l + c.text + r;
        if (services.segmenter.hasWord(w)) {
          const s = Math.log(services.segmenter.frequency(w) + 1) + WORD_BONUS * w.length;
          scored.set(c.text, Math.max(scored.get(c.text) ?? -Infinity, s));
        }
      }
    }
    return [...scored.entries()].sort((a, b) => b[1] - a[1]).slice(0, K).map(([t]) => t);
  }
  const n = syllables.length;
  const best: Scored[][] = [[{ text: '', score: 0, words: true }]];
  for (let i = 1; i <= n; i++) {
    const here: Scored[] = [];
    for (let len = 1; len <= Math.min(4, i); len++) {
      const from = best[i - len]!;
      if (from.length === 0) {
        continue;
      }
      const slice = cands.slice(i - len, i);
      const options =
        len === 1
          ? slice[0]!.slice(0, K).map((c) => ({ text: c.text, score: c.score - SINGLE_PENALTY, words: false }))
          : wordsOf(services, slice, len === 2 ? 4000 : 30000);
      options.sort((a, b) => b.score - a.score);
      for (const f of from) {
        for (const o of options.slice(0, K)) {
          here.push({ text: f.text + o.text, score: f.score + o.score, words: f.words === true && o.words === true });
        }
      }
    }
    here.sort((a, b) => b.score - a.score);
    const unique: Scored[] = [];
    for (const h of here) {
      if (!unique.some((u) => u.text === h.text)) {
        unique.push(h);
      }
      if (unique.length === K) {
        break;
      }
    }
    best.push(unique);
  }
  // Beyond the best, only readings made of dictionary words are worth offering (负担, not 副单).
  return best[n]!.filter((s, i) => i === 0 || s.words === true).map((s) => s.text);
}

/** Han characters just before `pos`, skipping a pinyin annotation `(…)` right before it. */
function hanBefore(prose: string, pos: number): string {
  let i = pos;
  if (prose.charCodeAt(i - 1) === 0x29) {
    let open = i - 2;
    while (open >= 0 && i - 1 - open <= 7 && prose.charCodeAt(open) !== 0x28) {
      open--;
    }
    if (open >= 0 && prose.charCodeAt(open) === 0x28 && syllableAt(prose, open + 1) !== undefined) {
      i = open;
    }
  }
  let s = i;
  while (s > 0 && i - s < 2 && isHan(prose[s - 1])) {
    s--;
  }
  return prose.slice(s, i);
}

function hanAfter(prose: string, pos: number): string {
  let e = pos;
  while (e < prose.length && e - pos < 2 && isHan(prose[e])) {
    e++;
  }
  return prose.slice(pos, e);
}

/** Reconstructions of a residue region, the most likely first; LOST marks what is gone. */
function reconstruct(prose: string, region: GarbledRegion, services: Services, target: ScriptTarget): string[] {
  const pieces: string[][] = [];
  const parts = region.parts;
  for (let i = 0; i < parts.length; ) {
    const p = parts[i]!;
    if (p.kind === 'slot') {
      let j = i;
      const syllables: string[] = [];
      while (j < parts.length && parts[j]!.kind === 'slot') {
        syllables.push((parts[j] as { syllable: string }).syllable);
        j++;
      }
      const left = i === 0 ? services.converter.toSimplified(hanBefore(prose, region.start)) : '';
      const right = j === parts.length ? services.converter.toSimplified(hanAfter(prose, region.end)) : '';
      const key = `${left}\u0001${syllables.join(' ')}\u0001${right}`;
      const cache = cacheOf(services).readings;
      let texts = cache.get(key);
      if (!texts) {
        texts = recover(services, syllables, left, right);
        cache.set(key, texts);
      }
      pieces.push(texts.length > 0 ? texts : [LOST.repeat(syllables.length)]);
      i = j;
      continue;
    }
    if (p.kind === 'shifted') {
      pieces.push([p.text + (p.tail ? LOST : '')]);
    } else if (p.kind === 'entity') {
      pieces.push([p.text]);
    } else if (p.kind === 'lost') {
      pieces.push([LOST]);
    } else {
      pieces.push(['']);
    }
    i++;
  }
  const first = pieces.map((x) => x[0]!);
  const texts = [first.join('')];
  // Alternatives, one group at a time, for runs short enough to read.
  for (let k = 0; k < pieces.length && pieces.length <= MAX_ALTERNATIVE_PIECES && texts.length < MAX_READINGS; k++) {
    for (const alt of pieces[k]!.slice(1)) {
      if (texts.length < MAX_READINGS) {
        texts.push(pieces.map((x, m) => (m === k ? alt : x[0]!)).join(''));
      }
    }
  }
  return target === 'simplified' ? texts : texts.map((t) => services.converter.convert(t, target));
}

export const rule: ParagraphRule = {
  meta: {
    id: 'script/garbled',
    category: 'script',
    defaultSeverity: 'error',
    fixable: false,
    description: 'Lost characters and mojibake, such as 重?fù)?dān) or 锟斤拷',
  },
  scope: 'paragraph',
  check(ctx) {
    const prose = ctx.prose;
    for (const region of findGarbled(prose, ctx.services)) {
      const written = excerpt(prose.slice(region.start, region.end));
      const replace = (text: string): Fix => ({
        title: l10n.t('Replace with “{0}”', excerpt(text)),
        auto: false,
        edits: [{ start: region.start, end: region.end, newText: text }],
      });
      if (region.kind === 'residue') {
        if (region.parts.every((p) => p.kind === 'orphan')) {
          ctx.report({
            message: l10n.t('Pinyin fragment “{0}” left from a lost annotation', written),
            start: region.start,
            end: region.end,
            fixes: [{ title: l10n.t('Delete “{0}”', written), auto: false, edits: [{ start: region.start, end: region.end, newText: '' }] }],
          });
          continue;
        }
        const texts = reconstruct(prose, region, ctx.services, ctx.target);
        const best = texts[0]!;
        const known = [...best].some((ch) => ch !== LOST);
        ctx.report({
          message: known
            ? l10n.t('Characters lost in “{0}”: probably “{1}”', written, excerpt(best))
            : l10n.t('Characters lost in “{0}”', written),
          start: region.start,
          end: region.end,
          fixes: texts.filter((t) => !t.includes(LOST)).map(replace),
        });
        continue;
      }
      const decoded = region.decoded ?? '';
      const reads = excerpt(decoded);
      let message: string;
      switch (region.kind) {
        case 'utf8-as-gbk':
          message = l10n.t('Mojibake “{0}”: UTF-8 text read as GBK; it reads “{1}”', written, reads);
          break;
        case 'utf8-as-latin1':
          message = l10n.t('Mojibake “{0}”: UTF-8 text read as Latin-1; it reads “{1}”', written, reads);
          break;
        case 'replacement':
          message = l10n.t('Mojibake “{0}”: the characters were already lost when the text was converted', written);
          break;
        default:
          message = l10n.t('Mojibake “{0}”: uninitialised memory printed as text', written);
      }
      ctx.report({
        message,
        start: region.start,
        end: region.end,
        fixes: decoded.length > 0 && !decoded.includes(LOST) ? [replace(decoded)] : [],
      });
    }
  },
};
