/**
 * repetition/overused-phrase — an adverb, an adverbial 地-phrase or an idiom used too often: many times
 * within a stretch of text, or far more often than the corpus of the genre uses it.
 *
 * What counts (jieba's dictionary tags, on the Simplified form of the tokens):
 * - adverbial phrases X地 as one phrase (不断地, 主动地, 更好地, 坚定不移地), X of two or more characters;
 * - adverbs (d, ad: 不断, 进一步, 切实, 真正) used as adverbs (a word other than a particle follows; jieba
 *   tags some nouns d, such as 立意 and 进步) and idioms (i: 脚踏实地), two or more characters.
 * Nouns, verbs and adjectives are not counted: in this genre they carry the topic (组工干部, 创新, 幸福)
 * and an essay repeats its topic on purpose. Function words are never counted. Words of a parallel series'
 * frame are exempt (repeating them is the 排比), as are the user's accepted words and the paragraphs of a
 * pasted copy (repetition/duplicate-paragraph reports those) or of a quotation (analysis/detect/quotation.ts).
 *
 * Issue 14, read on the dev part of the corpus (test/fixtures/dev-gold/repetition.json; 41 of 84 findings
 * right before, 27 of 35 after): a phrase counts once per sentence (clauses ending in ；are sentences here),
 * since uses within one sentence are a parallel construction (让城市更加智能、更加绿色; 立法调研、立法公示);
 * uses inside quotation marks are the quoted author's; the title's words (仰望星空 脚踏实地) and idioms spread
 * over two paragraphs or more (艰苦奋斗 in an essay about it) are the topic.
 *
 * When (defaults measured on the corpus, 995 essays, 562,666 Han tokens):
 * - window: at least max({@link MIN_COUNT}, ⌈{@link BURST_FACTOR} × b⌉) uses within {@link WINDOW} tokens,
 *   where b is the phrase's burstiness in the corpus (occurrences per essay that uses it: 不断 1.6, 必须 1.9,
 *   主动 1.35; 1 for 地-phrases and unseen words). The window is the mean corpus essay (565 tokens). Over
 *   the whole corpus the rule then reports 111 findings in 95 of the 995 essays (98 by the window, 13 by
 *   the rate), and seed 004's 不斷地 and 主動地 (four each within 900 and 1,300 characters); a factor of
 *   2.5 reports 215 in 185 essays, a factor of 4 reports 44 in 42 essays and catches seed 004's two only
 *   at the threshold.
 * - rate: at least {@link MIN_RATE_COUNT} uses in the document and {@link RATE_FACTOR} times the count the
 *   corpus rate predicts for a document of its length (adverbs and 地-phrases only; idioms far above their
 *   corpus rate are the essay's theme). This catches a phrase spread thinly over a long document.
 *
 * ✗ 能够不断地提升……才能不断地增强……不断地增强……才能不断地提升（四个“不断地”相距不远）
 * ✓ 不断提高、持续推进、切实加强（each once）
 *
 * No fix: rewording needs a writer. Related information lists the other uses.
 */
import * as l10n from '@vscode/l10n';
import { hasHan as hasHanAnywhere, isHanOnly } from '../../chars';
import type { Paragraph } from '../../document';
import type { DocumentRule, ParagraphMemo } from '../../rule';
import type { CorpusModel, Segmenter, Token } from '../../types';
import { isPinyinAnnotation } from '../../detect/pinyin-annotations';
import { duplicatesOf } from '../../detect/duplicates';
import { quotedMask } from '../../detect/quotation';
import { seriesFrameWords } from '../../detect/series-hooks';

/** Window in Han tokens: the mean length of a corpus essay (562,666 tokens / 995 essays). */
export const WINDOW = 565;
/** Fewest uses in a window that can be overuse. */
export const MIN_COUNT = 3;
/** Uses in a window must reach this multiple of the phrase's corpus burstiness. */
export const BURST_FACTOR = 3;
/** Fewest uses in a document for the corpus-rate criterion. */
export const MIN_RATE_COUNT = 4;
/** Uses must reach this multiple of the count the corpus rate predicts (criterion 2). */
export const RATE_FACTOR = 50;
/** Burstiness assumed without a corpus model. */
const DEFAULT_BURSTINESS = 1.5;
/** Mean occurrences of an X地 phrase per corpus essay holding it (the model keeps documents per bigram). */
const PHRASE_PER_DOCUMENT = 1.2;

/** Tags of words counted on their own: adverbs and idioms. */
const COUNTED_TAG: ReadonlySet<string> = new Set(['d', 'ad', 'i']);
/** Tags of words that form an adverbial with 地: adverbs, adjectives, distinguishing words, states, idioms, verbs. */
const ADVERBIAL_TAG: ReadonlySet<string> = new Set(['d', 'a', 'ad', 'an', 'b', 'z', 'i', 'l', 'v', 'vd', 'ag']);
/** First letters of the tags of particles, conjunctions, modal particles, interjections and non-words. */
const NOT_MODIFIED_TAG = 'ucyex';

/** One use of a counted phrase. Offsets are absolute; `pos` is the index of its first Han token. */
export interface PhraseUse {
  /** The phrase in Simplified script (the counting key). */
  key: string;
  /** The phrase as written. */
  text: string;
  start: number;
  end: number;
  pos: number;
  /**
   * Index of its sentence in the document (absent: a sentence of its own). Uses in one sentence count once:
   * 让城市更加智能、更加绿色 and 定位进一步明确、机制进一步创新 are a parallel construction, not a tic.
   */
  sentence?: number;
}

/** True when a token has Han text; a code-unit range test first, the Unicode property only for the rest. */
function hasHan(text: string): boolean {
  const c = text.charCodeAt(0);
  if (c >= 0x4e00 && c <= 0x9fff) {
    return true;
  }
  return c >= 0x2e80 && hasHanAnywhere(text);
}

/**
 * True when a word tagged as an adverb is used as one: a Han word follows that is not a particle,
 * conjunction or 是. Jieba tags some nouns as adverbs (立意, 立法, 进步, 更新); used as nouns they end a
 * clause or take 的 (文章的立意。进步的标志), and they are the topic, not a verbal tic.
 */
function modifies(next: Token | undefined, segmenter: Segmenter): boolean {
  if (!next || !isHanOnly(next.norm) || next.norm === '是') {
    return false;
  }
  const tag = segmenter.tagOf(next.norm);
  return !(tag !== undefined && tag.length > 0 && NOT_MODIFIED_TAG.includes(tag[0]!));
}

/** The counted phrases of one paragraph (offsets and positions relative to it) and its Han tokens. */
interface ParagraphPhrases {
  uses: PhraseUse[];
  positions: number;
  /** Sentences begun in the paragraph (uses carry their sentence index relative to it). */
  sentences: number;
}

/** A token that ends a sentence (clauses joined by ；are separate sentences here). */
const SENTENCE_END = /[。！？!?；;\n]/;

function paragraphPhrases(prose: string, tokens: readonly Token[], segmenter: Segmenter): ParagraphPhrases {
  const uses: PhraseUse[] = [];
  let pos = 0;
  let sentence = 0;
  // Words inside quotation marks are the quoted author's, not the writer's (“幸福始终充满缺陷”).
  const quoted = quotedMask(prose);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!hasHan(t.text)) {
      if (SENTENCE_END.test(t.text)) {
        sentence++;
      }
      continue;
    }
    pos++;
    // Words of two or more characters (a lone astral character has two code units but no dictionary tag).
    if (t.norm.length < 2 || !isHanOnly(t.norm)) {
      continue;
    }
    const tag = segmenter.tagOf(t.norm);
    if (tag === undefined) {
      continue;
    }
    // X地, also when a pinyin annotation was left between them: 主動(dòng)地.
    let j = i + 1;
    const open = tokens[j];
    if (open?.text === '(') {
      let k = j + 1;
      while (k < tokens.length && k < j + 10 && tokens[k]!.text !== ')') {
        k++;
      }
      const close = tokens[k];
      if (close && close.text === ')' && isPinyinAnnotation(prose, open.start, close.start)) {
        j = k + 1;
      }
    }
    const di = tokens[j];
    const after = tokens[j + 1];
    // 地 the particle, not the noun of 地市 (申论地市) or 地区.
    if (di?.norm === '地' && ADVERBIAL_TAG.has(tag) && !(after && segmenter.hasWord(`地${after.norm}`))) {
      if (quoted[t.start] !== 1) {
        uses.push({ key: `${t.norm}地`, text: t.text + di.text, start: t.start, end: di.end, pos: pos - 1, sentence });
      }
      pos++;
      i = j;
      continue;
    }
    if (COUNTED_TAG.has(tag) && (tag === 'i' || modifies(tokens[i + 1], segmenter)) && quoted[t.start] !== 1) {
      uses.push({ key: t.norm, text: t.text, start: t.start, end: t.end, pos: pos - 1, sentence });
    }
  }
  return { uses, positions: pos, sentences: sentence + 1 };
}

/** Memo key of a paragraph's phrases. */
const PHRASES = 'repetition/overused-phrase';

/**
 * The counted phrases of the paragraphs, in order, and the number of Han tokens (positions). `skip` leaves
 * paragraphs out (a pasted copy); `memo` keeps each paragraph's phrases while it is unchanged.
 */
export function phraseUses(
  paragraphs: readonly Paragraph[],
  tokensOf: (p: Paragraph) => readonly Token[],
  segmenter: Segmenter,
  skip: (p: Paragraph) => boolean = () => false,
  memo: ParagraphMemo = (_p, _key, compute) => compute(),
): { uses: PhraseUse[]; positions: number } {
  const uses: PhraseUse[] = [];
  let pos = 0;
  let sentences = 0;
  for (const p of paragraphs) {
    if (skip(p)) {
      continue;
    }
    const own = memo(p, PHRASES, () => paragraphPhrases(p.prose, tokensOf(p), segmenter));
    for (const u of own.uses) {
      uses.push({ key: u.key, text: u.text, start: p.start + u.start, end: p.start + u.end, pos: pos + u.pos, sentence: sentences + (u.sentence ?? 0) });
    }
    pos += own.positions;
    sentences += own.sentences;
  }
  return { uses, positions: pos };
}

/** An overused phrase: its uses, the one reported, and why. */
export interface Overuse {
  key: string;
  uses: PhraseUse[];
  /** Index in `uses` of the use the finding is placed on. */
  at: number;
  kind: 'window' | 'rate';
  /** Uses the corpus rate predicts for the document (rate findings). */
  expected: number;
}

const isPhrase = (key: string): boolean => key.length > 2 && key.endsWith('地');

/** Occurrences per corpus essay that uses the phrase. */
function burstiness(key: string, model: CorpusModel | undefined): number {
  if (!model) {
    return isPhrase(key) ? 1 : DEFAULT_BURSTINESS;
  }
  if (isPhrase(key)) {
    return 1;
  }
  const docs = model.documentCount(key);
  return docs > 0 ? model.wordCount(key) / docs : 1;
}

/** Corpus occurrences per token of the phrase (smoothed so unseen phrases are not infinitely rare). */
function corpusRate(key: string, model: CorpusModel): number {
  const count = isPhrase(key) ? model.bigramDocuments(key.slice(0, -1), '地') * PHRASE_PER_DOCUMENT : model.wordCount(key);
  return (count + 0.5) / Math.max(1, model.tokenCount);
}

/**
 * Finds overused phrases among `uses` (from {@link phraseUses}); `positions` is the document's length in Han
 * tokens. Phrases in `frameWords` (a parallel series' frame) or `accepted` are exempt; for an X地 phrase
 * both X地 and X are looked up.
 */
export function findOverused(
  uses: readonly PhraseUse[],
  positions: number,
  model: CorpusModel | undefined,
  frameWords: ReadonlySet<string>,
  accepted: ReadonlySet<string>,
  segmenter?: Segmenter,
): Overuse[] {
  const byKey = new Map<string, PhraseUse[]>();
  for (const u of uses) {
    const list = byKey.get(u.key);
    if (list) {
      list.push(u);
    } else {
      byKey.set(u.key, [u]);
    }
  }
  const out: Overuse[] = [];
  for (const [key, list] of byKey) {
    if (list.length < MIN_COUNT) {
      continue;
    }
    const base = isPhrase(key) ? key.slice(0, -1) : key;
    if (frameWords.has(key) || frameWords.has(base) || accepted.has(key) || accepted.has(base) || list.some((u) => accepted.has(u.text))) {
      continue;
    }
    const threshold = Math.max(MIN_COUNT, Math.ceil(BURST_FACTOR * burstiness(key, model) - 1e-9));
    // The uses that count: the first of the phrase in each sentence (indexes into `list`).
    const counted: number[] = [];
    list.forEach((u, k) => {
      if (k === 0 || u.sentence === undefined || u.sentence !== list[k - 1]!.sentence) {
        counted.push(k);
      }
    });
    let found = false;
    let from = 0;
    for (let i = 0; i < counted.length; i++) {
      while (list[counted[i]!]!.pos - list[counted[from]!]!.pos >= WINDOW) {
        from++;
      }
      if (i - from + 1 >= threshold) {
        // The cluster: every use within a window of the first counted one.
        const a = counted[from]!;
        let last = counted[i]!;
        while (last + 1 < list.length && list[last + 1]!.pos - list[a]!.pos < WINDOW) {
          last++;
        }
        out.push({ key, uses: list.slice(a, last + 1), at: counted[i]! - a, kind: 'window', expected: 0 });
        found = true;
        while (i + 1 < counted.length && counted[i + 1]! <= last) {
          i++;
        }
        from = i + 1;
      }
    }
    const tag = isPhrase(key) ? 'd' : segmenter?.tagOf(key);
    if (!found && model && tag !== 'i' && counted.length >= MIN_RATE_COUNT) {
      const expected = positions * corpusRate(key, model);
      if (counted.length >= RATE_FACTOR * expected) {
        out.push({ key, uses: list, at: MIN_RATE_COUNT - 1, kind: 'rate', expected });
      }
    }
  }
  out.sort((a, b) => a.uses[a.at]!.start - b.uses[b.at]!.start);
  return out;
}

/** Longest title line, in code points. */
const MAX_TITLE = 40;
/** Paragraphs an idiom must appear in to be the document's theme. */
const THEME_PARAGRAPHS = 2;

/**
 * Phrases that are the document's topic, not a tic: those in its title (the first line, when short and not
 * a sentence: 仰望星空 脚踏实地, 追求快慢平衡) and idioms spread over {@link THEME_PARAGRAPHS} paragraphs or
 * more (艰苦奋斗, 见义勇为 in essays about them). Read on the dev part of the corpus: every idiom reported
 * three or more times was the essay's theme.
 */
export function topicWords(paragraphs: readonly Paragraph[], uses: readonly PhraseUse[], segmenter: Segmenter): Set<string> {
  const out = new Set<string>();
  const title = paragraphs.find((p) => p.prose.trim() !== '')?.prose.trim() ?? '';
  const isTitle = [...title].length <= MAX_TITLE && !/[。！？!?]$/.test(title);
  const spread = new Map<string, Set<number>>();
  // Uses repeat their texts and keys: each is looked up once.
  const inTitle = new Map<string, boolean>();
  const idiom = new Map<string, boolean>();
  let k = 0;
  for (const u of uses) {
    while (k + 1 < paragraphs.length && paragraphs[k + 1]!.start <= u.start) {
      k++;
    }
    if (isTitle) {
      let hit = inTitle.get(u.text);
      if (hit === undefined) {
        hit = title.includes(u.text.replace(/\(.*\)/, '').replace(/地$/, ''));
        inTitle.set(u.text, hit);
      }
      if (hit) {
        out.add(u.key);
        out.add(isPhrase(u.key) ? u.key.slice(0, -1) : u.key);
      }
    }
    let isIdiom = idiom.get(u.key);
    if (isIdiom === undefined) {
      isIdiom = segmenter.tagOf(u.key) === 'i';
      idiom.set(u.key, isIdiom);
    }
    if (isIdiom) {
      const set = spread.get(u.key) ?? new Set<number>();
      spread.set(u.key, set);
      set.add(k);
    }
  }
  for (const [key, set] of spread) {
    if (set.size >= THEME_PARAGRAPHS) {
      out.add(key);
    }
  }
  return out;
}

export const rule: DocumentRule = {
  meta: {
    id: 'repetition/overused-phrase',
    category: 'repetition',
    defaultSeverity: 'information',
    fixable: false,
    description: 'An adverb, 地-phrase or idiom used too often',
  },
  scope: 'document',
  prepare(ctx, p) {
    ctx.paragraphMemo(p, PHRASES, () => paragraphPhrases(p.prose, ctx.tokens(p), ctx.services.segmenter));
  },
  check(ctx) {
    const { repeated, quoted } = duplicatesOf(ctx);
    const { segmenter } = ctx.services;
    const skip = (p: Paragraph): boolean => repeated.has(p.index) || quoted.has(p.index);
    const { uses, positions } = phraseUses(ctx.paragraphs, ctx.tokens, segmenter, skip, ctx.paragraphMemo);
    if (uses.length < MIN_COUNT) {
      return;
    }
    const exempt = new Set([...seriesFrameWords(ctx), ...topicWords(ctx.paragraphs, uses, segmenter)]);
    for (const o of findOverused(uses, positions, ctx.services.model, exempt, ctx.accepted, segmenter)) {
      const use = o.uses[o.at]!;
      const first = o.uses[0]!;
      const last = o.uses[o.uses.length - 1]!;
      const message =
        o.kind === 'window'
          ? l10n.t('“{0}” is used {1} times within {2} characters', use.text, o.uses.length, last.end - first.start)
          : l10n.t('“{0}” is used {1} times, far more often than in the corpus (about {2} expected)', use.text, o.uses.length, o.expected.toFixed(2));
      ctx.report({
        message,
        start: use.start,
        end: use.end,
        related: o.uses.filter((u) => u !== use).map((u) => ({ start: u.start, end: u.end, message: l10n.t('Also used here') })),
      });
    }
  },
};
