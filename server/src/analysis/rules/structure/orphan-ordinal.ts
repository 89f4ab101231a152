/**
 * structure/orphan-ordinal — an opening ordinal that nothing follows: 首先 with no 其次, 一是 with no 二是,
 * 一、 with no 二、.
 *
 * ✗ 我们要做到两点，一是加强学习，并且改进作风。   ✓ …一是加强学习，二是改进作风。
 */
import * as l10n from '@vscode/l10n';
import type { Paragraph } from '../../document';
import type { DocumentRule } from '../../rule';
import { structureOf } from '../../structure';

const NEXT: Record<string, string> = { seq: '其次' };
const CONTINUATION = /^[\s\u3000]*(?:其次|再次|最后|此外|另外|同时|然后|其二|第二|二是|二要)/;

/**
 * 首先 is also the plain adverb "first of all": on its own inside a paragraph it announces nothing
 * (measured: 90 essays of the corpus use it so). It is an orphan only when it opens a paragraph and none of
 * the next paragraphs continues the sequence in any of the usual ways.
 */
function sequenceExpected(paragraphs: readonly Paragraph[], offset: number): boolean {
  const k = paragraphs.findIndex((p) => p.start <= offset && offset < p.end);
  if (k < 0 || paragraphs[k]!.text.slice(0, offset - paragraphs[k]!.start).trim().length > 0) {
    return false;
  }
  return !paragraphs.slice(k + 1, k + 7).some((p) => CONTINUATION.test(p.prose) || /[。；，][\s]*(?:其次|再次|最后)/.test(p.prose));
}

export const rule: DocumentRule = {
  meta: {
    id: 'structure/orphan-ordinal',
    category: 'structure',
    defaultSeverity: 'information',
    fixable: false,
    description: 'An opening ordinal with no second item: 首先 without 其次, 一是 without 二是',
  },
  scope: 'document',
  check(ctx) {
    for (const m of structureOf(ctx).orphans) {
      if (m.family === 'seq' && !sequenceExpected(ctx.paragraphs, m.start)) {
        continue;
      }
      const next = NEXT[m.family] ?? m.text.replace(/^([（(]?)一/, '$1二').replace(/^1/, '2').replace(/^第一/, '第二').replace(/^①/, '②');
      ctx.report({
        message: l10n.t('“{0}” opens a sequence but no “{1}” follows', m.text, next),
        start: m.start,
        end: m.end,
      });
    }
  },
};
