/**
 * The document's structure, computed once per analysis and shared by the structure rules, the outline and
 * the repetition rules (words of a series' frame are not repetition).
 */
import type { DocumentContext } from '../rule';
import { detectStructure, type Structure } from './series';

export type { Structure, Series, SeriesItem, Section, Announcement } from './series';

/** The structure of the document a rule is checking (computed on first request). */
export function structureOf(ctx: DocumentContext): Structure {
  return ctx.shared('structure', () => detectStructure(ctx.paragraphs, ctx.tokens, ctx.paragraphMemo, ctx.contentMemo));
}

/** Simplified words of every series' frame: repetition rules exempt them (that repetition is the 排比). */
export function frameWordsOf(ctx: DocumentContext): ReadonlySet<string> {
  return ctx.shared('frameWords', () => new Set(structureOf(ctx).series.flatMap((s) => s.frameWords)));
}

/** Ranges covered by the items of parallel series (sentence-opener and similar rules skip them). */
export function seriesRangesOf(ctx: DocumentContext): ReadonlyArray<readonly [number, number]> {
  return ctx.shared('seriesRanges', () => structureOf(ctx).series.flatMap((s) => s.items.map((it) => [it.start, it.end] as const)));
}
