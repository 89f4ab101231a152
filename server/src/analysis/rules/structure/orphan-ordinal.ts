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
import { ORDINAL_VERBS, type OrdinalMarker } from '../../structure/ordinals';

const NEXT: Record<string, string> = { seq: '其次' };
const CONTINUATION = /^[\s\u3000]*(?:其次|再次|再则|再者|最后|此外|另外|同时|然后|其二|第二|二是|二要)/;

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

/**
 * True when the second item follows somewhere the detector does not take as an item's place: inside a
 * sentence (一是……二是……), after ； in a list of requirements (1.…；2.…), opening a paragraph after a break
 * in the middle of a clause, or as 另一 (一是…；另一种形式是…). Looked for up to three paragraphs on.
 */
function continuedLater(text: string, paragraphs: readonly Paragraph[], m: OrdinalMarker, next: string): boolean {
  let k = paragraphs.findIndex((p) => p.start <= m.start && m.start < p.end);
  k = Math.min(paragraphs.length - 1, k + 3);
  const after = text.slice(m.end, paragraphs[k]?.end ?? text.length);
  const forms = [next];
  if (m.family === 'verb') {
    forms.push(...[...ORDINAL_VERBS].map((v) => `二${v}`), '另一');
  }
  return forms.some((f) => {
    for (let at = after.indexOf(f); at >= 0; at = after.indexOf(f, at + 1)) {
      // 2. followed by a digit is a decimal (2.5倍), not the next item, unless it opens a line (2．800字以上).
      const lineStart = /(?:^|\n)[\s\u3000]*$/.test(after.slice(Math.max(0, at - 4), at));
      if (!(m.family === 'ar-dot' && /\d/.test(after[at + f.length] ?? '') && !lineStart)) {
        return true;
      }
    }
    return false;
  });
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
      // 首先要…, 首先是… read "first of all"; the 首先， of an enumeration is set off by a comma.
      if (m.family === 'seq' && (!/^[，,：:]/.test(ctx.text.slice(m.end, m.end + 1)) || !sequenceExpected(ctx.paragraphs, m.start))) {
        continue;
      }
      const next = NEXT[m.family] ?? m.text.replace(/^([（(]?)一/, '$1二').replace(/^1/, '2').replace(/^第一/, '第二').replace(/^①/, '②');
      if (m.family !== 'seq' && continuedLater(ctx.text, ctx.paragraphs, m, next)) {
        continue;
      }
      ctx.report({
        message: l10n.t('“{0}” opens a sequence but no “{1}” follows', m.text, next),
        start: m.start,
        end: m.end,
      });
    }
  },
};
