/**
 * The rule registry: every rule of the catalogue, in one list. Settings defaults, the manifest's rule
 * settings and the docs all derive from this list and the rules' meta.
 */
import type { Rule } from './rule';
import { rule as announcedCount } from './rules/structure/announced-count';
import { rule as frameMismatch } from './rules/structure/frame-mismatch';
import { rule as itemBalance } from './rules/structure/item-balance';
import { rule as leadPunctuation } from './rules/structure/lead-punctuation';
import { rule as ordinalSequence } from './rules/structure/ordinal-sequence';
import { rule as orphanOrdinal } from './rules/structure/orphan-ordinal';
import { rule as duplicate } from './rules/punctuation/duplicate';
import { rule as halfwidth } from './rules/punctuation/halfwidth';
import { rule as pairs } from './rules/punctuation/pairs';
import { rule as quotes } from './rules/punctuation/quotes';
import { rule as invisible } from './rules/script/invisible';
import { rule as garbled } from './rules/script/garbled';
import { rule as mixed } from './rules/script/mixed';
import { rule as pinyinAnnotation } from './rules/script/pinyin-annotation';
import { rule as duplicateParagraph } from './rules/repetition/duplicate-paragraph';
import { rule as duplicateSentence } from './rules/repetition/duplicate-sentence';
import { rule as doubledWord } from './rules/repetition/doubled-word';
import { rule as overusedPhrase } from './rules/repetition/overused-phrase';
import { rule as sentenceOpener } from './rules/repetition/sentence-opener';
import { rule as confusable } from './rules/phrasing/confusable';
import { rule as nearCanonical } from './rules/phrasing/near-canonical';
import { rule as terms } from './rules/phrasing/terms';

/** Every rule, in catalogue order. */
export const ALL_RULES: readonly Rule[] = [mixed, pinyinAnnotation, garbled, invisible, halfwidth, quotes, pairs, duplicate,
  duplicateParagraph, duplicateSentence, doubledWord, overusedPhrase, sentenceOpener,
  ordinalSequence, announcedCount, frameMismatch, itemBalance, leadPunctuation, orphanOrdinal,
  confusable, nearCanonical, terms];

const BY_ID = new Map(ALL_RULES.map((r) => [r.meta.id, r]));

/** The rule with this id, or undefined. */
export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
