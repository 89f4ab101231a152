/**
 * script/mixed — characters of the minority script: Traditional characters in a Simplified document, or
 * Simplified ones in a Traditional (Taiwan, Hong Kong) document. The target is the document's script
 * (`wenfeng.script`, or the majority of the document).
 *
 * Words are judged in context, never character by character: the paragraph is read in its Simplified form
 * (phrase-level OpenCC) and segmented there, so a word is the same word whatever script each of its
 * characters is written in.
 * - Simplified target: a word is flagged when it holds a Traditional-only character that the conversion
 *   changes. Characters OpenCC's phrases keep (乾隆, 瞭望, 著作) are never flagged. 於, which the Simplified
 *   standard keeps as a surname, is flagged as the preposition only, in a dictionary word where it is one
 *   (由於, 於是, 严於律己 → 由于, 于是, 严于律己; 於潜, 於梨华 and a lone 於 stay: see ./yu). In a Traditional
 *   document the reverse, 于 in such a word (由于, 終于 → 由於, 終於; 于謙 stays), follows from the conversion
 *   below.
 * - Traditional targets: the Simplified word is converted back to every Traditional standard (OpenCC,
 *   Taiwan, Hong Kong). A character is flagged when no standard writes it that way and it is a Simplified
 *   form: Simplified-only (发, 们, 这), or a character shared by both scripts that this word converts
 *   (干部 → 幹部; 若干, 皇后, 公里, 干扰 keep theirs). A shared character is left alone when the conversion
 *   would not come back to it (熏陶 → 薰陶 → 薰陶: 熏 is valid in both scripts there) and when it stands
 *   alone (干, 后, 于 are Traditional characters too). Regional variants (裡/裏, 為/爲, 台/臺) are not this
 *   rule's business, nor the words Taiwan and Hong Kong write otherwise than OpenCC (回歸, 公布: see
 *   REGIONAL_PHRASES in services/opencc).
 *
 * One finding per maximal run of flagged words. The fix converts exactly the flagged characters (the writer's
 * regional variants stay). A character with several Traditional forms that no word decides — a one-character
 * token such as 发 → 發 or 髮 — is ambiguous: every candidate is offered and none is applied by fix-all.
 * Accepted words are never flagged, nor characters inside mojibake (script/garbled reports those).
 *
 * Simplified document:   ✗ 我们要關心群众的發展需求   ✓ 我们要关心群众的发展需求
 *                        ✗ 由於历史原因   ✓ 由于历史原因   ✓ 出自苏轼的《於潜僧绿筠轩》
 * Traditional document:  ✗ 好干部要有頭发   ✓ 好幹部要有頭髮   ✓ 若干問題、皇后、一公里 (kept by phrases)
 */
import * as l10n from '@vscode/l10n';
import type { ParagraphContext, ParagraphRule } from '../../rule';
import type { Fix, ScriptConverter, ScriptTarget, Token } from '../../types';
import { excerpt, findGarbled } from '../../detect/garbled';
import { pinyinAnnotations } from '../../detect/pinyin-annotations';
import { isYuPrepositionWord, YU_TRADITIONAL } from '../../detect/yu';

type TraditionalTarget = Exclude<ScriptTarget, 'simplified'>;

/** Flags of a code unit in the class table: computed, Traditional-only, Simplified-only, Simplified form. */
const KNOWN = 1;
const TRAD_ONLY = 2;
const SIMP_ONLY = 4;
const SIMP_FORM = 8;

/** Per-converter character classes, filled lazily (one look-up per distinct code unit). */
const classTables = new WeakMap<ScriptConverter, { bmp: Uint8Array; astral: Map<string, number> }>();

function classTable(converter: ScriptConverter): { bmp: Uint8Array; astral: Map<string, number> } {
  let t = classTables.get(converter);
  if (!t) {
    t = { bmp: new Uint8Array(0x10000), astral: new Map() };
    classTables.set(converter, t);
  }
  return t;
}

function computeClass(converter: ScriptConverter, ch: string): number {
  let cls = KNOWN;
  if (converter.isTraditionalOnly(ch)) {
    cls |= TRAD_ONLY;
  } else {
    if (converter.isSimplifiedOnly(ch)) {
      cls |= SIMP_ONLY;
    }
    // A key of the reverse table: some Traditional character simplifies to it (干 ← 幹, 乾; 发 ← 發, 髮).
    if (converter.traditionalCandidates(ch).length > 0) {
      cls |= SIMP_FORM;
    }
  }
  return cls;
}

/** Class of the character at `text[i]` (a whole code point; `i` must not point at a low surrogate). */
function classAt(converter: ScriptConverter, text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 0x3400) {
    return KNOWN;
  }
  if (c >= 0xd800 && c <= 0xdbff) {
    const ch = text.slice(i, i + 2);
    const table = classTable(converter);
    let cls = table.astral.get(ch);
    if (cls === undefined) {
      cls = computeClass(converter, ch);
      table.astral.set(ch, cls);
    }
    return cls;
  }
  const table = classTable(converter).bmp;
  let cls = table[c]!;
  if (cls === 0) {
    cls = computeClass(converter, text[i]!);
    table[c] = cls;
  }
  return cls;
}

/** True when some character of the text has one of the class bits. */
function hasClass(converter: ScriptConverter, text: string, bits: number): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x3400 || (c >= 0xdc00 && c <= 0xdfff)) {
      continue;
    }
    if ((classAt(converter, text, i) & bits) !== 0) {
      return true;
    }
  }
  return false;
}

/** Code points of a string, as strings. */
function codePoints(s: string): string[] {
  return Array.from(s);
}

const STANDARDS: readonly TraditionalTarget[] = ['traditional', 'taiwan', 'hongkong'];

/**
 * Conversions of one Simplified word, computed on demand and cached: to each Traditional standard (OpenCC,
 * Taiwan, Hong Kong), and the OpenCC form back to Simplified. A consistent document only ever needs its own
 * standard's form.
 */
class WordForms {
  private readonly forms = new Map<TraditionalTarget, string[]>();
  private back?: string[];
  constructor(
    private readonly converter: ScriptConverter,
    readonly word: string,
  ) {}
  form(to: TraditionalTarget): string[] {
    let f = this.forms.get(to);
    if (!f) {
      f = codePoints(this.converter.convertWord(this.word, to));
      this.forms.set(to, f);
    }
    return f;
  }
  /** True when some Traditional standard writes the `i`-th code point as `ch`. */
  allows(i: number, ch: string): boolean {
    return STANDARDS.some((to) => this.form(to)[i] === ch);
  }
  /** The OpenCC form converted back to Simplified. */
  roundTrip(): string[] {
    this.back ??= codePoints(this.converter.toSimplified(this.form('traditional').join('')));
    return this.back;
  }
}

/** Word conversions, cached per converter. */
const wordCaches = new WeakMap<ScriptConverter, Map<string, WordForms>>();

function wordForms(converter: ScriptConverter, word: string): WordForms {
  let cache = wordCaches.get(converter);
  if (!cache) {
    cache = new Map();
    wordCaches.set(converter, cache);
  }
  let forms = cache.get(word);
  if (!forms) {
    if (cache.size > 100_000) {
      cache.clear();
    }
    forms = new WordForms(converter, word);
    cache.set(word, forms);
  }
  return forms;
}

/** A word to fix: its range in the paragraph, and per code point the replacement candidates (first = best). */
interface Flagged {
  start: number;
  end: number;
  /** Code points as written. */
  chars: string[];
  /** Per code point: undefined when it stays, else the candidates, most likely first. */
  replace: Array<readonly string[] | undefined>;
  /** False when some character has several candidates that no word decides. */
  decided: boolean;
  /**
   * Offsets in the paragraph of each code point, when the word was read across pinyin annotations
   * (聯(lián)系 is the word 聯系); undefined when the word is contiguous.
   */
  at?: number[];
}

/**
 * The paragraph's prose with its pinyin annotations taken out, so that the words they split are read whole
 * (聯(lián)系 → 聯系, 戰(zhàn)斗力 → 戰斗力), and for each offset of that text its offset in the prose. Undefined
 * when the paragraph has no annotation.
 */
function withoutAnnotations(ctx: ParagraphContext): { text: string; offsets: Int32Array } | undefined {
  const prose = ctx.prose;
  const ranges = pinyinAnnotations(prose, (ch) => ctx.services.pinyin.readings(ch));
  if (ranges.length === 0) {
    return undefined;
  }
  let text = '';
  const offsets = new Int32Array(prose.length + 1);
  let n = 0;
  let last = 0;
  const keep = (from: number, to: number): void => {
    text += prose.slice(from, to);
    for (let i = from; i < to; i++) {
      offsets[n++] = i;
    }
  };
  for (const [start, end] of ranges) {
    keep(last, start);
    last = end;
  }
  keep(last, prose.length);
  offsets[n] = prose.length;
  return { text, offsets: offsets.subarray(0, n + 1) };
}

/** Tokens of `text` read in Simplified (text as written, norm in Simplified); undefined when they do not align. */
function tokensOf(ctx: ParagraphContext, text: string): readonly Token[] | undefined {
  const simplified = ctx.services.converter.toSimplified(text);
  if (simplified.length !== text.length) {
    return undefined;
  }
  const tokens: Token[] = [];
  let offset = 0;
  for (const w of ctx.services.segmenter.cut(simplified)) {
    if (!simplified.startsWith(w, offset)) {
      return undefined;
    }
    tokens.push({ text: text.slice(offset, offset + w.length), start: offset, end: offset + w.length, norm: w });
    offset += w.length;
  }
  return offset === text.length ? tokens : undefined;
}

/** Moves words flagged in the text without annotations back to the prose's offsets. */
function toProse(flagged: Flagged[], offsets: Int32Array): Flagged[] {
  return flagged.map((f) => {
    const at: number[] = [];
    let j = f.start;
    for (const ch of f.chars) {
      at.push(offsets[j]!);
      j += ch.length;
    }
    const last = f.chars[f.chars.length - 1]!;
    const start = offsets[f.start]!;
    const end = offsets[f.end - last.length]! + last.length;
    return end - start === f.end - f.start ? { ...f, start, end } : { ...f, start, end, at };
  });
}

/** Positions of the paragraph covered by an accepted word. */
function acceptedMask(prose: string, accepted: ReadonlySet<string>): Uint8Array | undefined {
  let mask: Uint8Array | undefined;
  for (const w of accepted) {
    if (w.length === 0) {
      continue;
    }
    for (let at = prose.indexOf(w); at >= 0; at = prose.indexOf(w, at + 1)) {
      mask ??= new Uint8Array(prose.length);
      mask.fill(1, at, at + w.length);
    }
  }
  return mask;
}

/**
 * Tokens of the paragraph read in Simplified: `text` as written, `norm` in Simplified, offsets into the
 * paragraph. Uses the engine's cached tokens when they already carry the Simplified form.
 */
function simplifiedTokens(ctx: ParagraphContext): readonly Token[] | undefined {
  if (ctx.target !== 'simplified') {
    return ctx.tokens();
  }
  return tokensOf(ctx, ctx.prose);
}

/** Words of a Simplified document that hold Traditional characters. */
function flagTraditional(ctx: ParagraphContext, tokens: readonly Token[], mask: Uint8Array | undefined): Flagged[] {
  const converter = ctx.services.converter;
  const out: Flagged[] = [];
  for (const t of tokens) {
    if (t.text === t.norm) {
      continue;
    }
    // The preposition 於 of a Simplified word is Traditional (由於 → 由于); 於 as a surname or in a name is not.
    const yu = t.text.includes(YU_TRADITIONAL) && isYuPrepositionWord(t.norm, ctx.services.segmenter);
    if (!yu && !hasClass(converter, t.text, TRAD_ONLY)) {
      continue;
    }
    const chars = codePoints(t.text);
    const norm = codePoints(t.norm);
    if (chars.length !== norm.length) {
      continue;
    }
    const replace: Array<readonly string[] | undefined> = new Array(chars.length).fill(undefined);
    let any = false;
    let offset = t.start;
    for (let i = 0; i < chars.length; i++) {
      const o = chars[i]!;
      const s = norm[i]!;
      if (o !== s && !mask?.[offset]) {
        replace[i] = [s];
        if ((classAt(converter, t.text, offset - t.start) & TRAD_ONLY) !== 0 || (yu && o === YU_TRADITIONAL)) {
          any = true;
        }
      }
      offset += o.length;
    }
    if (any) {
      out.push({ start: t.start, end: t.end, chars, replace, decided: true });
    }
  }
  return out;
}

/** Words of a Traditional document that hold Simplified characters. */
function flagSimplified(ctx: ParagraphContext, tokens: readonly Token[], mask: Uint8Array | undefined): Flagged[] {
  const converter = ctx.services.converter;
  const target = ctx.target as TraditionalTarget;
  const out: Flagged[] = [];
  for (const t of tokens) {
    if (!hasClass(converter, t.text, SIMP_ONLY | SIMP_FORM)) {
      continue;
    }
    const chars = codePoints(t.text);
    const norm = codePoints(t.norm);
    if (chars.length !== norm.length) {
      continue;
    }
    const forms = wordForms(converter, t.norm);
    const wanted = forms.form(target);
    if (wanted.length !== chars.length) {
      continue;
    }
    const replace: Array<readonly string[] | undefined> = new Array(chars.length).fill(undefined);
    let any = false;
    let decided = true;
    let offset = t.start;
    for (let i = 0; i < chars.length; i++) {
      const o = chars[i]!;
      const at = offset;
      offset += o.length;
      if (mask?.[at]) {
        continue;
      }
      const cls = classAt(converter, t.text, at - t.start);
      if ((cls & (SIMP_ONLY | SIMP_FORM)) === 0) {
        continue;
      }
      if (wanted[i] === o || forms.allows(i, o)) {
        continue;
      }
      const best = wanted[i]!;
      const simplifiedOnly = (cls & SIMP_ONLY) !== 0;
      if (!simplifiedOnly && forms.roundTrip()[i] !== norm[i]) {
        // Not reversible (熏陶 → 薰陶 → 薰陶): the character as written is valid in both scripts in this word.
        continue;
      }
      // Inside a word of two or more characters OpenCC's phrases decide (头发 → 頭髮, 出发 → 出發). A lone
      // character is decided only when it has a single Traditional form and is not one itself (这 → 這);
      // 发 (發, 髮) is ambiguous, and so are 于, 干, 后, which are also Traditional characters.
      const alternatives = converter.traditionalCandidates(norm[i]!);
      if (chars.length >= 2 || (simplifiedOnly && alternatives.length <= 1)) {
        replace[i] = [best];
        any = true;
        continue;
      }
      if (!simplifiedOnly) {
        // 干, 后, 里 alone are also Traditional characters (干戈, 皇后, 鄰里): nothing to say.
        continue;
      }
      const candidates: string[] = [best];
      for (const a of alternatives) {
        const regional = converter.convertWord(a, target);
        if (!candidates.includes(regional)) {
          candidates.push(regional);
        }
      }
      replace[i] = candidates;
      decided = decided && candidates.length === 1;
      any = true;
    }
    if (any) {
      out.push({ start: t.start, end: t.end, chars, replace, decided });
    }
  }
  return out;
}

const MAX_FIXES = 6;

/** One edit per code point that differs between `chars` and `next`, at the code points' offsets `at`. */
function charEdits(chars: readonly string[], next: readonly string[], at: readonly number[]): Array<{ start: number; end: number; newText: string }> {
  const edits: Array<{ start: number; end: number; newText: string }> = [];
  for (let i = 0; i < chars.length; i++) {
    if (next[i] !== chars[i]) {
      edits.push({ start: at[i]!, end: at[i]! + chars[i]!.length, newText: next[i]! });
    }
  }
  return edits;
}

function replaced(chars: readonly string[], replace: ReadonlyArray<readonly string[] | undefined>, pick: (i: number) => number): string {
  let s = '';
  for (let i = 0; i < chars.length; i++) {
    const r = replace[i];
    s += r ? r[pick(i)]! : chars[i]!;
  }
  return s;
}

export const rule: ParagraphRule = {
  meta: {
    id: 'script/mixed',
    category: 'script',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'Traditional characters in Simplified text, or the reverse',
  },
  scope: 'paragraph',
  check(ctx) {
    const converter = ctx.services.converter;
    const simplifiedTarget = ctx.target === 'simplified';
    // Fast path: a Simplified paragraph without a Traditional-only character has nothing to flag.
    if (
      simplifiedTarget
        ? !hasClass(converter, ctx.prose, TRAD_ONLY) && !ctx.prose.includes(YU_TRADITIONAL)
        : !hasClass(converter, ctx.prose, SIMP_ONLY | SIMP_FORM)
    ) {
      return;
    }
    // Words split by pinyin annotations are read without them; offsets come back to the prose afterwards.
    const joined = withoutAnnotations(ctx);
    const tokens = joined ? tokensOf(ctx, joined.text) : simplifiedTokens(ctx);
    if (!tokens) {
      return;
    }
    const mask = acceptedMask(joined ? joined.text : ctx.prose, ctx.accepted);
    let flagged = simplifiedTarget ? flagTraditional(ctx, tokens, mask) : flagSimplified(ctx, tokens, mask);
    if (joined) {
      flagged = toProse(flagged, joined.offsets);
    }
    if (flagged.length > 0) {
      // Characters of mojibake and lost-character residue are script/garbled's (糁 of 敝刑糁 is not a word).
      const garbled = findGarbled(ctx.prose, ctx.services);
      if (garbled.length > 0) {
        // Both lists are in order: one pass.
        let g = 0;
        flagged = flagged.filter((f) => {
          while (g < garbled.length && garbled[g]!.end <= f.start) {
            g++;
          }
          return !(g < garbled.length && garbled[g]!.start < f.end);
        });
      }
    }

    // Merge adjacent words into maximal runs.
    for (let k = 0; k < flagged.length; ) {
      let j = k + 1;
      // Words read across an annotation stay findings of their own (their edits are per character).
      while (j < flagged.length && flagged[j]!.start === flagged[j - 1]!.end && !flagged[j]!.at && !flagged[j - 1]!.at) {
        j++;
      }
      const run = flagged.slice(k, j);
      k = j;
      const chars = run.flatMap((f) => f.chars);
      const replace = run.flatMap((f) => f.replace);
      const decided = run.every((f) => f.decided);
      const start = run[0]!.start;
      const end = run[run.length - 1]!.end;
      const written = chars.join('');
      const best = replaced(chars, replace, () => 0);

      const texts: string[] = [best];
      if (!decided) {
        // One alternative at a time on top of the most likely form.
        for (let i = 0; i < replace.length && texts.length < MAX_FIXES; i++) {
          const r = replace[i];
          for (let a = 1; r && a < r.length && texts.length < MAX_FIXES; a++) {
            const alt = replaced(chars, replace, (x) => (x === i ? a : 0));
            if (!texts.includes(alt)) {
              texts.push(alt);
            }
          }
        }
      }
      const at = run.length === 1 ? run[0]!.at : undefined;
      const fixes: Fix[] = texts.map((text) => ({
        title: l10n.t('Convert to “{0}”', excerpt(text)),
        auto: decided,
        // Across an annotation: only the characters that change, so the annotation is left to its own rule.
        edits: at ? charEdits(chars, codePoints(text), at) : [{ start, end, newText: text }],
      }));
      const shown = excerpt(written);
      const message = simplifiedTarget
        ? l10n.t('Traditional characters in Simplified text: “{0}” → “{1}”', shown, excerpt(best))
        : decided
          ? l10n.t('Simplified characters in Traditional text: “{0}” → “{1}”', shown, excerpt(best))
          : l10n.t('Simplified characters in Traditional text: “{0}” could be {1}', shown, texts.map((x) => `“${excerpt(x)}”`).join(' / '));
      ctx.report({ message, start, end, fixes });
    }
  },
};
