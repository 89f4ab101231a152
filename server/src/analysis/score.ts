/**
 * The transparent score (issue 17): every point deducted traces to findings. Weights and their reasons are in
 * score-weights.ts.
 *
 * For each rule with findings:
 * 1. evidence: each finding counts SEVERITY_FACTOR[severity] × the rule's smoothed measured precision;
 * 2. unit: the findings a published essay of this length shows of that rule (its corpus norm per 1,000 Han
 *    characters × the document's size), at least one: evidence / unit = x units;
 * 3. diminishing returns: the rule costs base × log2(1 + x) points of its category: one unit costs `base`, three
 *    units twice that, seven units three times. Eleven half-width commas thus cost little more than three, and
 *    never outweigh a broken 排比 or a pasted paragraph, yet each further finding still costs something;
 * 4. countable slips (`each` in the table): a linear part, `each` points per unit, so that every further finding
 *    still costs (a doubled character always costs a point of the total);
 * 5. extent: a finding covering a large part of the text (a pasted body) adds points in proportion to it.
 * A category scores 100 minus its rules' points (when they exceed 100, each is scaled down so that they add up to
 * 100); the total is the weighted mean of the categories, rounded once at the end. Each deduction carries both
 * its category points and its share of the total (`total`): the latter add up to 100 − total before rounding.
 */
import { countHan } from './chars';
import {
  CATEGORY_WEIGHT,
  EXTENT_MIN,
  EXTENT_POINTS,
  SEVERITY_FACTOR,
  precisionOf,
  weightOf,
  type RuleWeight,
} from './score-weights';
import type { Category, Finding, Severity } from './types';
import { CATEGORIES } from './types';

/** Points one rule took from its category and from the total. */
export interface Deduction {
  rule: string;
  category: Category;
  count: number;
  /** Points of its category (0–100), one decimal. */
  points: number;
  /** Points of the total (points × the category's weight), two decimals. */
  total: number;
}

/** Score of a document. */
export interface Score {
  total: number;
  categories: Record<Category, number>;
  /** Share of the draft's word n-grams attested in the corpus relative to the corpus norm; null without a model. */
  genreFit: number | null;
  deductions: Deduction[];
}

/** The tables the score reads (score-weights.ts by default; tools may pass variants when tuning on dev). */
export interface ScoreTables {
  weightOf: (rule: string) => RuleWeight;
  severity: Readonly<Record<Severity, number>>;
  category: Readonly<Record<Category, number>>;
}

export const DEFAULT_TABLES: ScoreTables = { weightOf, severity: SEVERITY_FACTOR, category: CATEGORY_WEIGHT };

/** Number of Han characters in a text (the size unit of the score). */
export function hanCount(text: string): number {
  return countHan(text);
}

/** The diminishing cost of `x` units: 1 unit → 1, 3 → 2, 7 → 3. */
export function diminish(x: number): number {
  return Math.log2(1 + Math.max(0, x));
}

/** Computes the score of a document from its findings (`size`: Han characters; `textLength`: UTF-16 length). */
export function computeScore(
  findings: readonly Finding[],
  size: number,
  categoryOf: (rule: string) => Category,
  genreFit: number | null = null,
  textLength = 0,
  tables: ScoreTables = DEFAULT_TABLES,
): Score {
  const byRule = new Map<string, { rule: string; category: Category; count: number; evidence: number; extent: number }>();
  for (const f of findings) {
    let d = byRule.get(f.rule);
    if (!d) {
      d = { rule: f.rule, category: categoryOf(f.rule), count: 0, evidence: 0, extent: 0 };
      byRule.set(f.rule, d);
    }
    const w = tables.weightOf(f.rule);
    const confidence = tables.severity[f.severity] * precisionOf(w);
    d.count++;
    d.evidence += confidence;
    const share = textLength > 0 ? (f.end - f.start) / textLength : 0;
    if (share >= EXTENT_MIN) {
      d.extent += EXTENT_POINTS * Math.min(1, share) * confidence;
    }
  }
  const raw = [...byRule.values()]
    .sort((a, b) => a.rule.localeCompare(b.rule))
    .map((d) => {
      const w = tables.weightOf(d.rule);
      const unit = Math.max(1, (w.norm * size) / 1000);
      return { d, points: w.base * diminish(d.evidence / unit) + (w.each ?? 0) * (d.evidence / unit) + d.extent };
    });
  const spent = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  for (const r of raw) {
    spent[r.d.category] += r.points;
  }
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, 100])) as Record<Category, number>;
  const deductions: Deduction[] = [];
  for (const r of raw) {
    // A category cannot lose more than its 100 points: scale its rules down together.
    const scale = spent[r.d.category] > 100 ? 100 / spent[r.d.category] : 1;
    const points = r.points * scale;
    categories[r.d.category] -= points;
    deductions.push({
      rule: r.d.rule,
      category: r.d.category,
      count: r.d.count,
      points: Math.round(points * 10) / 10,
      total: Math.round(points * tables.category[r.d.category] * 100) / 100,
    });
  }
  let total = 0;
  for (const c of CATEGORIES) {
    total += Math.max(0, categories[c]) * tables.category[c];
    categories[c] = Math.max(0, Math.round(categories[c]));
  }
  return { total: Math.round(total), categories, genreFit, deductions };
}
