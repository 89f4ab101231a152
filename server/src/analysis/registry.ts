/**
 * The rule registry: every rule of the catalogue, in one list. Settings defaults, the manifest's rule
 * settings and the docs all derive from this list and the rules' meta.
 */
import type { Rule } from './rule';
import { rule as halfwidth } from './rules/punctuation/halfwidth';
import { rule as garbled } from './rules/script/garbled';
import { rule as mixed } from './rules/script/mixed';
import { rule as pinyinAnnotation } from './rules/script/pinyin-annotation';

/** Every rule, in catalogue order. */
export const ALL_RULES: readonly Rule[] = [mixed, pinyinAnnotation, garbled, halfwidth];

const BY_ID = new Map(ALL_RULES.map((r) => [r.meta.id, r]));

/** The rule with this id, or undefined. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
