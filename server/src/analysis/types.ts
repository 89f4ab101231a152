/**
 * Core types of the analysis library. Everything here works on strings and UTF-16 offsets;
 * nothing knows about LSP positions, files or editors.
 */

/** Severity of a finding, or `off` in configuration. Ordered from most to least severe. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeverityOrOff = Severity | 'off';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Score categories of the spec; every rule belongs to exactly one. */
export type Category = 'structure' | 'repetition' | 'script' | 'punctuation' | 'phrasing';
export const CATEGORIES: readonly Category[] = ['structure', 'repetition', 'script', 'punctuation', 'phrasing'];

/** The script a document is written in or should be converted to. */
export type ScriptTarget = 'simplified' | 'traditional' | 'taiwan' | 'hongkong';
export type ScriptSetting = 'auto' | ScriptTarget;

/** Input format: decides what is prose and what is markup. */
export type TextFormat = 'markdown' | 'plaintext';

/** A replacement of `[start, end)` (UTF-16 offsets) by `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/** One way to fix a finding. */
export interface Fix {
  /** Shown as the title of the code action. */
  title: string;
  edits: TextEdit[];
  /**
   * True when the fix is mechanical and safe to apply without looking (fix-all, `wenfeng fix`).
   * Suggestions (one of several candidates, a guessed lost character) are false.
   */
  auto: boolean;
}

/** A place elsewhere in the document that explains a finding (the first copy, a sibling item). */
export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
}

/** A finding reported by a rule, with absolute UTF-16 offsets into the analysed text. */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  fixes: Fix[];
  related?: RelatedLocation[];
}

/** Finding as a rule reports it: the engine fills in rule id and configured severity. */
export interface Report {
  message: string;
  start: number;
  end: number;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /**
   * A finding of a kind whose measured precision is under the rule's (issue 14: severity follows confidence):
   * the engine reports it one level below the rule's configured severity (warning → information → hint).
   */
  tentative?: boolean;
}

/** A token from the segmenter, with its offsets in the paragraph it came from. */
export interface Token {
  /** The token as written. */
  text: string;
  start: number;
  end: number;
  /**
   * The token in Simplified script, for dictionary and corpus look-ups. In a Traditional document the text
   * is segmented in its Simplified form (jieba's dictionary is Simplified), so `norm` differs from `text`.
   */
  norm: string;
}

/** Statistics learned from a corpus of the genre (the default model is built from server/data/corpus). */
export interface CorpusModel {
  /** Number of tokens the model was built from. */
  tokenCount: number;
  /** Occurrences of a word (Simplified) in the corpus, 0 when unseen. */
  wordCount(word: string): number;
  /** Number of documents of the corpus that contain the word. */
  documentCount(word: string): number;
  /** Number of documents the model was built from. */
  documents: number;
  /** Number of corpus documents containing the word bigram `a b` (only bigrams in two or more are kept). */
  bigramDocuments(a: string, b: string): number;
  /** Mean share of a corpus document's bigrams attested in another document: the norm of genre fit. */
  bigramNorm: number;
  /**
   * The likeliest next words after `history` (the words of the clause before the position), likeliest
   * first, with their probabilities under the completion model; `</s>` stands for the end of the clause.
   * Empty when the model has no completion model. `breadth`: candidates taken from each shorter context.
   */
  predict(history: readonly string[], limit: number, breadth?: number): Array<{ word: string; p: number }>;
  /** Probability of `word` after `history` under the completion model (0 without one). */
  probability(history: readonly string[], word: string): number;
  /** Corpus words starting with `prefix` (and longer than it), most frequent first. */
  wordsWithPrefix(prefix: string, limit: number): Array<{ word: string; count: number }>;
}

/** Word segmentation, constructed outside the core (jieba in production, a fixture in tests). */
export interface Segmenter {
  /** Cuts text into tokens whose concatenation is the input. */
  cut(text: string): string[];
  /**
   * Optional: what `cut` returns as the ends (offsets after each token) and, per token, a string equal to it
   * that the segmenter shares between occurrences (a dictionary word, a punctuation mark) or undefined, so
   * that callers need not slice the text; undefined when the segmenter cannot say (callers then use `cut`).
   */
  cutTokens?(text: string): { ends: ArrayLike<number>; words: ArrayLike<string | undefined> } | undefined;
  /**
   * Optional, the compact form of `cutTokens`: the ends and, per word, an id of the segmenter's shared string
   * for it (0: none, slice the text), which {@link Segmenter.wordOfId} turns back into the string. Ids are
   * stable for the segmenter's lifetime, so callers may keep them instead of strings (4 bytes a word).
   */
  cutIds?(text: string): { ends: Int32Array; ids: Int32Array } | undefined;
  /** The shared string of a word id of {@link Segmenter.cutIds}; undefined for 0 or an unknown id. */
  wordOfId?(id: number): string | undefined;
  /** True when the word is in the segmenter's dictionary. */
  hasWord(word: string): boolean;
  /** Dictionary frequency of a word, 0 when unknown. */
  frequency(word: string): number;
  /** Part-of-speech tag of a dictionary word (jieba's tags: n, v, a, d, r, …), undefined when unknown. */
  tagOf(word: string): string | undefined;
  /** Optional: the dictionary's words of `minLength` to `maxLength` UTF-16 units (for indexes built once). */
  words?(minLength: number, maxLength: number): Iterable<string>;
}

/** Script conversion backed by OpenCC data, constructed outside the core and built lazily. */
export interface ScriptConverter {
  /** Phrase-level conversion of a text to the target script. */
  convert(text: string, to: ScriptTarget): string;
  /** Phrase-level conversion from any Traditional variant to Simplified. */
  toSimplified(text: string): string;
  /**
   * Phrase-level conversion of one Simplified word (a token the caller segmented) to a Traditional standard,
   * without segmenting it again. Code points correspond one to one with the input.
   */
  convertWord(word: string, to: Exclude<ScriptTarget, 'simplified'>): string;
  /** All Traditional characters whose Simplified form is `ch` (发 → 發, 髮). */
  traditionalCandidates(ch: string): readonly string[];
  /** True for characters written only in Traditional script (發, 關, 們). */
  isTraditionalOnly(ch: string): boolean;
  /** True for characters written only in Simplified script (发, 关, 们). */
  isSimplifiedOnly(ch: string): boolean;
}

/** Pinyin services for recovering lost characters. */
export interface PinyinIndex {
  /** Han characters read with the given syllable, tone marks respected when present (`dān` → 单, 担, 丹 …). */
  charactersFor(syllable: string): readonly string[];
  /** Toneless readings of a character, heteronyms included (`關` → guan, wan). */
  readings(ch: string): readonly string[];
}

/** Services the host passes into the analyzer. All optional pieces degrade gracefully. */
export interface Services {
  segmenter: Segmenter;
  converter: ScriptConverter;
  pinyin: PinyinIndex;
  /** The corpus model; absent in hosts that do not load one. */
  model?: CorpusModel;
}

/** Configuration of one analysis run, already normalised. */
export interface AnalysisConfig {
  /** Severity per rule id; a rule absent here runs at its default severity. */
  rules: Readonly<Record<string, SeverityOrOff>>;
  script: ScriptSetting;
  /** Words the user accepted: never flagged by script or repetition rules. */
  acceptedWords: readonly string[];
  /** House-style forms: written form → the form the settings choose (其它 → 其他); phrasing/confusable flags them. */
  variants?: Readonly<Record<string, string>>;
  /** The user's terms table (setting `terms`): phrasing/terms and phrasing/near-canonical read it. */
  terms?: readonly Term[];
  /** Only these rules run when set (CLI `--rule`). */
  only?: readonly string[];
}

/**
 * One entry of the user's terms table: the expected form of a term and the patterns (JavaScript regular
 * expressions) of its wrong forms. A pattern's match is reported and replaced by `expected`, except where it
 * lies inside an occurrence of `expected`. An entry without patterns makes `expected` a canonical phrase for
 * phrasing/near-canonical.
 */
export interface Term {
  expected: string;
  patterns: readonly string[];
}
