/**
 * What a rule is: metadata plus a pure check over a paragraph or over the whole document.
 * Paragraph rules are cached per paragraph text; document rules combine paragraphs.
 */
import type { Paragraph } from './document';
import type { Category, Report, ScriptTarget, Services, Severity, Term, Token } from './types';

/** Static description of a rule: the single source for settings, docs and the manifest. */
export interface RuleMeta {
  /** Stable id, `category/name`, as in the spec's catalogue. */
  id: string;
  category: Category;
  defaultSeverity: Severity;
  /** True when at least some findings carry a mechanical fix. */
  fixable: boolean;
  /** One-line English description (translated through l10n where shown). */
  description: string;
}

/** What a paragraph rule sees. Offsets it reports are relative to the paragraph. */
export interface ParagraphContext {
  paragraph: Paragraph;
  /** The paragraph's prose (non-prose masked); same length as its text. */
  prose: string;
  /** The paragraph's tokens, segmented once and cached. */
  tokens(): readonly Token[];
  services: Services;
  /** The script the document should be written in. */
  target: ScriptTarget;
  /** Words the user accepted. */
  accepted: ReadonlySet<string>;
  /** House-style forms chosen in the settings: written form → chosen form (empty by default). */
  variants?: ReadonlyMap<string, string>;
  /** The user's terms table (empty by default). */
  terms?: readonly Term[];
  report(report: Report): void;
}

/** What a document rule sees. Offsets it reports are absolute. */
export interface DocumentContext {
  text: string;
  paragraphs: readonly Paragraph[];
  tokens(paragraph: Paragraph): readonly Token[];
  services: Services;
  target: ScriptTarget;
  accepted: ReadonlySet<string>;
  report(report: Report): void;
  /**
   * A value computed once per analysis and shared by the document rules that ask for the same key (the
   * duplicated paragraphs, say, which both repetition/duplicate-paragraph and duplicate-sentence need).
   */
  shared<T>(key: string, compute: () => T): T;
  /**
   * A value derived from one paragraph alone (its prose and tokens in the document's script, and the
   * services), computed on first request and kept by the analyzer while the paragraph is unchanged, so that
   * document rules redo per-paragraph work only for the paragraphs an edit changed. `key` names the kind of
   * value (one per purpose); the value must depend on nothing else, or on document-wide values spelt out in
   * the key (the document's quotation style, say). Messages may be kept: the analyzer drops every kept
   * value when the language of messages changes.
   */
  paragraphMemo: ParagraphMemo;
  /**
   * A value determined by its key alone (the key spells out everything the value is computed from: the
   * words of a few leads, say), kept by the analyzer (bounded) across analyses.
   */
  contentMemo: ContentMemo;
}

/** See {@link DocumentContext.paragraphMemo}. */
export type ParagraphMemo = <T>(paragraph: Paragraph, key: string, compute: () => T) => T;

/** See {@link DocumentContext.contentMemo}. */
export type ContentMemo = <T>(key: string, compute: () => T) => T;

/** A rule working paragraph by paragraph: its results are cached until the paragraph changes. */
export interface ParagraphRule {
  meta: RuleMeta;
  scope: 'paragraph';
  check(ctx: ParagraphContext): void;
}

/** A rule that needs the whole document (consistency, duplicates, series). */
export interface DocumentRule {
  meta: RuleMeta;
  scope: 'document';
  /**
   * Optional: computes the rule's per-paragraph values (through ctx.paragraphMemo) while the paragraph's
   * tokens are at hand. The analyzer calls it in its paragraph pass, before any check, so that it need not
   * keep every paragraph's tokens until the document rules run.
   */
  prepare?(ctx: DocumentContext, paragraph: Paragraph): void;
  check(ctx: DocumentContext): void;
}

export type Rule = ParagraphRule | DocumentRule;
