/**
 * script/pinyin-annotation — pinyin residue left by copying from pages that annotate characters:
 * a Han character followed by `(` one toned pinyin syllable `)`, as in `關(guān)注`.
 *
 * Not annotations: `(wzjjgwy)` (no syllable), `(梅 荣)` (Han), `(2020)` (digits), `(Beijing)`
 * (more than one syllable, no tone). A toneless syllable counts only when it is a reading of the character
 * before it (`們(men)`), so English words in parentheses are not taken for pinyin.
 *
 * ✗ 關(guān)注民生   ✓ 關注民生
 * Fix: delete the annotation (the parentheses and the syllable); nothing else changes.
 */
import * as l10n from '@vscode/l10n';
import { pinyinAnnotations } from '../../detect/pinyin-annotations';
import type { ParagraphRule } from '../../rule';

export const rule: ParagraphRule = {
  meta: {
    id: 'script/pinyin-annotation',
    category: 'script',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'Pinyin annotations left over from a web page, such as 關(guān)',
  },
  scope: 'paragraph',
  check(ctx) {
    const prose = ctx.prose;
    if (!prose.includes('(')) {
      return;
    }
    const readings = (ch: string): readonly string[] => ctx.services.pinyin.readings(ch);
    for (const [start, end] of pinyinAnnotations(prose, readings)) {
      ctx.report({
        message: l10n.t('Pinyin annotation “{0}” left in the text', prose.slice(start, end)),
        start,
        end,
        fixes: [{ title: l10n.t('Delete the pinyin annotation'), auto: true, edits: [{ start, end, newText: '' }] }],
      });
    }
  },
};
