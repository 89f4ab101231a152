/**
 * structure/frame-mismatch — an item that drops or alters the frame its siblings share.
 *
 * ✗ 打好政治牌，增强机关干部的政治意识。/ 打好团结牌，增强机关干部的团结意识。/ 抓好作风建设，提升干部的服务水平。/ 打好能力牌，…
 * The message shows the frame (打好{X}牌，增强机关干部的{Y}意识); related information points at the siblings.
 */
import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../../rule';
import { nearbySiblings, structureOf, type SeriesItem } from '../../structure';

const HAN = /\p{Script=Han}/u;


export const rule: DocumentRule = {
  meta: {
    id: 'structure/frame-mismatch',
    category: 'structure',
    defaultSeverity: 'information',
    fixable: false,
    description: 'A series item that drops or alters the frame its siblings share',
  },
  scope: 'document',
  check(ctx) {
    for (const s of structureOf(ctx).series) {
      // Clause series (尊重自然、顺应自然、保护自然) are found by shared characters, loosely: an item that breaks
      // their frame is not an item of theirs, so they are not judged here.
      if (!s.frame || s.items.length < 3 || s.level === 'clause') {
        continue;
      }
      const full = s.frameWords.filter((w) => HAN.test(w)).length;
      const keeps = (it: SeriesItem): boolean => (it.frameHits ?? full) >= full;
      const good = s.items.filter(keeps);
      // In an ordinal series the ordinal is the frame: two items sharing words besides it make a weak lexical
      // frame, three establish it. A lexical series is its frame (its runs already need three paragraphs).
      if (good.length < (s.kind === 'ordinal' ? 3 : 2) || good.length < s.items.length / 2) {
        continue;
      }
      // Good siblings before the current item (both lists are in document order).
      let goodBefore = 0;
      for (const [k, it] of s.items.entries()) {
        if (keeps(it)) {
          goodBefore++;
          continue;
        }
        // A lexical series' first or last unit that keeps half of its frame or less is rather a topic sentence, a quotation
        // or a summary next to the series than an item of it.
        if (s.kind === 'frame' && (k === 0 || k === s.items.length - 1) && (it.frameHits ?? 0) * 2 <= full) {
          continue;
        }
        ctx.report({
          message: l10n.t('This item breaks the frame “{0}” that its {1} siblings share', s.frame, good.length),
          start: it.leadStart,
          end: it.leadEnd,
          related: nearbySiblings(good, goodBefore, goodBefore).map((g) => ({ start: g.leadStart, end: g.leadEnd, message: l10n.t('Sibling following the frame') })),
        });
      }
    }
  },
};
