/**
 * The document's structure, computed once per analysis and shared by the structure rules, the outline and
 * the repetition rules (words of a series' frame are not repetition).
 */
import type { DocumentContext } from '../rule';
import { detectStructure, type Structure } from './series';

export type { Structure, Series, SeriesItem, Section, Announcement } from './series';

/** The structure of the document a rule is checking (computed on first request). */
export function structureOf(ctx: DocumentContext): Structure {
  return ctx.shared('structure', () => detectStructure(ctx.paragraphs, ctx.tokens, ctx.paragraphMemo, ctx.contentMemo, (w) => ctx.services.segmenter.tagOf(w)));
}

/**
 * The siblings shown as related information of a finding on one item: up to `each` on either side of a
 * position, those before index `before` and those from index `after` on (a finding listing every sibling
 * would make a long series' findings quadratic in size).
 */
export function nearbySiblings<T>(list: readonly T[], before: number, after: number, each = 2): T[] {
  return [...list.slice(Math.max(0, before - each), Math.max(0, before)), ...list.slice(after, after + each)];
}

/** Simplified words of every series' frame: repetition rules exempt them (that repetition is the 排比). */
export function frameWordsOf(ctx: DocumentContext): ReadonlySet<string> {
  return ctx.shared('frameWords', () => new Set(structureOf(ctx).series.flatMap((s) => s.frameWords)));
}

/** Ranges covered by the items of parallel series (sentence-opener and similar rules skip them). */
export function seriesRangesOf(ctx: DocumentContext): ReadonlyArray<readonly [number, number]> {
  return ctx.shared('seriesRanges', () => structureOf(ctx).series.flatMap((s) => s.items.map((it) => [it.start, it.end] as const)));
}
