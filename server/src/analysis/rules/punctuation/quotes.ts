/**
 * punctuation/quotes — straight quotation marks in Chinese text, and the two Chinese quotation styles
 * (“” ‘’ and 「」 『』) mixed in one document.
 *
 * Straight quotes: `"` `'` and their full-width forms `＂` `＇` in Chinese context (the nearest visible
 * character on either side is Chinese, or the quoted text contains Han characters). Inside a paragraph they
 * are paired by position (first with second, third with fourth…); a straight quote may also pair with a
 * typographic mark that has no partner (`"今年的立意是什么？”`). The pairing is trusted only when it is clean:
 * an even number of marks, openers and closers in the right places, no crossing of a typographic pair. Then
 * the fix replaces each pair by the document's style — nested inside a quotation, by the inner marks (‘’ or
 * 『』) — and removes ASCII spaces between the marks and Chinese text. Otherwise each straight quote is
 * reported alone, with both directions offered as suggestions. Apostrophes inside Latin words (don't, it's)
 * and quotes around English text in English context are not flagged.
 *
 * Mixed styles: the document's style is the majority of its typographic quotation marks (a tie, or a
 * document without any, follows the target script: Simplified → “”, Traditional, Taiwan, Hong Kong → 「」).
 * When both styles occur, every matched pair of the minority style is flagged and converted. An unmatched
 * mark is left to punctuation/pairs.
 *
 * ✗ 以"儿童安全"为主题          ✓ 以“儿童安全”为主题
 * ✗ “稳增长"政策"效果”          ✓ “稳增长‘政策’效果”
 * ✗ 他说“好”，她说「行」。 (a Simplified document)   ✓ 他说“好”，她说“行”。
 * ✓ He said "yes". · don't · `"code"`
 */
import * as l10n from '@vscode/l10n';
import { nextNonSpace, prevNonSpace } from '../../chars';
import { isContent, isStraightQuote, MARKS, matchedPairs, quotePlans, withSpaces, type QuoteStyle } from '../../detect/quote-marks';
import type { DocumentRule } from '../../rule';
import type { Fix, Report } from '../../types';

export const rule: DocumentRule = {
  meta: {
    id: 'punctuation/quotes',
    category: 'punctuation',
    defaultSeverity: 'warning',
    fixable: true,
    description: 'Straight quotation marks in Chinese text; 「」 and “” mixed in one document',
  },
  scope: 'document',
  check(ctx) {
    const { style, mixed, plans } = quotePlans(ctx);
    const marks = MARKS[style];

    ctx.paragraphs.forEach((p, pi) => {
      const prose = p.prose;
      const shift = p.start;
      const report = (r: Report): void =>
        ctx.report({
          ...r,
          start: r.start + shift,
          end: r.end + shift,
          fixes: (r.fixes ?? []).map((f) => ({ ...f, edits: f.edits.map((e) => ({ ...e, start: e.start + shift, end: e.end + shift })) })),
        });

      const plan = plans[pi]!;
      for (const pair of plan.pairs) {
        const edits = [];
        let start = Number.MAX_SAFE_INTEGER;
        let end = 0;
        for (const [pos, text] of [
          [pair.open, pair.openText],
          [pair.close, pair.closeText],
        ] as const) {
          if (text === undefined) {
            continue;
          }
          // A straight quote takes the spaces that separate it from Chinese text; a typographic partner
          // changes style only.
          const [s, e] = isStraightQuote(prose.charCodeAt(pos)) ? withSpaces(prose, pos) : [pos, pos + 1];
          edits.push({ start: s, end: e, newText: text });
          start = Math.min(start, s);
          end = Math.max(end, e);
        }
        const shown = `${pair.openText ?? prose[pair.open]}${pair.closeText ?? prose[pair.close]}`;
        report({
          message: l10n.t('Straight quotation marks in Chinese text: use {0}', shown),
          start,
          end,
          fixes: [{ title: l10n.t('Replace with {0}', shown), auto: true, edits }],
        });
      }
      for (const pos of plan.loose) {
        const single = prose[pos] === "'" || prose[pos] === '＇';
        const open = single ? marks.innerOpen : marks.open;
        const close = single ? marks.innerClose : marks.close;
        // Guess the direction: a quote right after content and before a break more likely closes.
        const prev = prevNonSpace(prose, pos);
        const next = nextNonSpace(prose, pos + 1);
        const closes = isContent(prev) && !isContent(next);
        const fixes: Fix[] = (closes ? [close, open] : [open, close]).map((t) => ({
          title: l10n.t('Replace with {0}', t),
          auto: false,
          edits: [{ start: pos, end: pos + 1, newText: t }],
        }));
        report({
          message: l10n.t('Straight quotation mark {0} in Chinese text: use {1} or {2}', prose[pos]!, open, close),
          start: pos,
          end: pos + 1,
          fixes,
        });
      }

      if (!mixed) {
        return;
      }
      const minority: QuoteStyle = style === 'curly' ? 'corner' : 'curly';
      const from = MARKS[minority];
      const levels: Array<[string, string, string, string]> = [
        [from.open, from.close, marks.open, marks.close],
        [from.innerOpen, from.innerClose, marks.innerOpen, marks.innerClose],
      ];
      for (const [o, c, to, tc] of levels) {
        if (prose.indexOf(o) < 0) {
          continue;
        }
        for (const [a, b] of matchedPairs(prose, o, c)) {
          report({
            message: l10n.t('Quotation marks {0} in a document that uses {1}', `${o}${c}`, `${to}${tc}`),
            start: a,
            end: b + 1,
            fixes: [
              {
                title: l10n.t('Replace with {0}', `${to}${tc}`),
                auto: true,
                edits: [
                  { start: a, end: a + 1, newText: to },
                  { start: b, end: b + 1, newText: tc },
                ],
              },
            ],
          });
        }
      }
    });
  },
};
