/**
 * The transparent score: every point deducted traces to findings.
 *
 * Each finding costs points by severity (error 8, warning 4, information 1.5, hint 0.5). Costs are
 * divided by the document's size in units of 1,000 Han characters (at least 1), so a long essay is not
 * punished for length, and one rule can cost a category at most 40 points, so a single systematic defect
 * (a Traditional copy, say) does not hide every other category. A finding that covers a large part of the
 * text (a pasted body, 5 % of the text or more) costs in proportion to it as well: 60 points for the whole
 * text. A category scores 100 minus its deductions, never below 0; the total is the weighted mean of the
 * categories.
 */
import { countHan } from './chars';
import type { Category, Finding, Severity } from './types';
import { CATEGORIES } from './types';

const COST: Record<Severity, number> = { error: 8, warning: 4, information: 1.5, hint: 0.5 };
const WEIGHT: Record<Category, number> = { structure: 0.3, repetition: 0.25, script: 0.15, punctuation: 0.15, phrasing: 0.15 };
const RULE_CAP = 40;

/** Points one rule took from its category. */
export interface Deduction {
  rule: string;
  category: Category;
  count: number;
  points: number;
}

/** Score of a document. */
export interface Score {
  total: number;
  categories: Record<Category, number>;
  /** Share of the draft's word n-grams attested in the corpus relative to the corpus norm; null without a model. */
  genreFit: number | null;
  deductions: Deduction[];
}

/** Number of Han characters in a text (the size unit of the score). */
export function hanCount(text: string): number {
  return countHan(text);
}

/** Computes the score of a document from its findings. */
export function computeScore(
  findings: readonly Finding[],
  size: number,
  categoryOf: (rule: string) => Category,
  genreFit: number | null = null,
  textLength = 0,
): Score {
  const scale = Math.max(1, size / 1000);
  const byRule = new Map<string, Deduction>();
  for (const f of findings) {
    let d = byRule.get(f.rule);
    if (!d) {
      d = { rule: f.rule, category: categoryOf(f.rule), count: 0, points: 0 };
      byRule.set(f.rule, d);
    }
    d.count++;
    d.points += COST[f.severity] / scale;
    const share = textLength > 0 ? (f.end - f.start) / textLength : 0;
    if (share >= 0.05) {
      d.points += 60 * share;
    }
  }
  const categories = Object.fromEntries(CATEGORIES.map((c) => [c, 100])) as Record<Category, number>;
  const deductions = [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule));
  for (const d of deductions) {
    d.points = Math.round(Math.min(RULE_CAP, d.points) * 10) / 10;
    categories[d.category] -= d.points;
  }
  let total = 0;
  for (const c of CATEGORIES) {
    categories[c] = Math.max(0, Math.round(categories[c]));
    total += categories[c] * WEIGHT[c];
  }
  return { total: Math.round(total), categories, genreFit, deductions };
}
