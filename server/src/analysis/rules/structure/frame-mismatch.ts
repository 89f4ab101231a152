/**
 * structure/frame-mismatch — an item that drops or alters the frame its siblings share.
 *
 * ✗ 打好政治牌，增强机关干部的政治意识。/ 打好团结牌，增强机关干部的团结意识。/ 抓好作风建设，提升干部的服务水平。/ 打好能力牌，…
 * The message shows the frame (打好{X}牌，增强机关干部的{Y}意识); related information points at the siblings.
 */
import * as l10n from '@vscode/l10n';
import type { DocumentRule } from '../../rule';
import { nearbySiblings, structureOf } from '../../structure';

const HAN = /\p{Script=Han}/u;

export const rule: DocumentRule = {
  meta: {
    id: 'structure/frame-mismatch',
    category: 'structure',
    defaultSeverity: 'warning',
    fixable: false,
    description: 'A series item that drops or alters the frame its siblings share',
  },
  scope: 'document',
  check(ctx) {
    for (const s of structureOf(ctx).series) {
      if (!s.frame || s.items.length < 3) {
        continue;
      }
      const full = s.frameWords.filter((w) => HAN.test(w)).length;
      const good = s.items.filter((it) => (it.frameHits ?? full) >= full);
      if (good.length < 2 || good.length < s.items.length / 2) {
        continue;
      }
      // Good siblings before the current item (both lists are in document order).
      let goodBefore = 0;
      for (const it of s.items) {
        if ((it.frameHits ?? full) >= full) {
          goodBefore++;
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
