/**
 * The essay's skeleton in the editor: document symbols (Outline view, breadcrumbs), folding ranges per
 * section and series, and a hover on a series item showing its frame and the item count.
 */
import * as l10n from '@vscode/l10n';
import {
  FoldingRangeKind,
  MarkupKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Series, Structure } from '../analysis';
import { toRange } from './diagnostics';

function shorten(s: string, max = 24): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max)}…` : t;
}

function seriesName(s: Series): string {
  const head = s.frame ?? s.items[0]?.marker?.text ?? '';
  return l10n.t('Series ({0} items): {1}', s.items.length, head);
}

function seriesSymbol(doc: TextDocument, s: Series): DocumentSymbol {
  const start = s.items[0]!.start;
  const end = s.items[s.items.length - 1]!.end;
  return {
    name: seriesName(s),
    kind: SymbolKind.Array,
    range: toRange(doc, start, end),
    selectionRange: toRange(doc, s.items[0]!.leadStart, s.items[0]!.leadEnd),
    children: s.items.map((it, k) => {
      // Items inside a paragraph end where the next begins; editors count a range's end as inside it, so
      // stop one short of the next item (its closing mark) to keep the breadcrumbs on the right item.
      const next = s.items[k + 1];
      const itemEnd = next && it.end >= next.start ? Math.max(it.leadEnd, next.start - 1) : it.end;
      return {
        name: shorten(it.lead) || it.marker?.text || '—',
        kind: SymbolKind.EnumMember,
        range: toRange(doc, it.start, Math.max(itemEnd, it.leadEnd)),
        selectionRange: toRange(doc, it.leadStart, it.leadEnd),
      };
    }),
  };
}

/** Series whose items are the sections themselves (一、二、三、 headings) are shown as the sections only. */
function sectionSeries(st: Structure): Set<Series> {
  const heads = new Set(st.sections.map((s) => s.headingStart));
  return new Set(st.series.filter((s) => s.items.every((it) => heads.has(it.start))));
}

/** Hierarchical symbols: sections (by level) holding the series inside them; series hold their items. */
export function documentSymbols(doc: TextDocument, st: Structure): DocumentSymbol[] {
  const roots: DocumentSymbol[] = [];
  const stack: Array<{ level: number; symbol: DocumentSymbol; end: number }> = [];
  const sectionSymbols: Array<{ start: number; end: number; symbol: DocumentSymbol }> = [];
  for (const s of st.sections) {
    const symbol: DocumentSymbol = {
      name: shorten(s.title, 40) || '—',
      kind: SymbolKind.Namespace,
      range: toRange(doc, s.start, s.end),
      selectionRange: toRange(doc, s.headingStart, s.headingEnd),
      children: [],
    };
    while (stack.length > 0 && (stack[stack.length - 1]!.level >= s.level || stack[stack.length - 1]!.end < s.start)) {
      stack.pop();
    }
    (stack.length > 0 ? stack[stack.length - 1]!.symbol.children! : roots).push(symbol);
    stack.push({ level: s.level, symbol, end: s.end });
    sectionSymbols.push({ start: s.start, end: s.end, symbol });
  }
  // Series go into the innermost section containing them; nested series into their parent series' item.
  const hidden = sectionSeries(st);
  const seriesSymbols = st.series.filter((s) => !hidden.has(s)).map((s) => ({ s, symbol: seriesSymbol(doc, s), start: s.items[0]!.start, end: s.items[s.items.length - 1]!.end }));
  for (const x of seriesSymbols) {
    const parentSeries = seriesSymbols
      .filter((y) => y !== x && y.s.level === 'paragraph' && x.s.level !== 'paragraph' && y.start <= x.start && x.end <= y.end)
      .map((y) => y.symbol.children!.find((c) => doc.offsetAt(c.range.start) <= x.start && x.end <= doc.offsetAt(c.range.end)))
      .find((c) => c !== undefined);
    if (parentSeries) {
      (parentSeries.children ??= []).push(x.symbol);
      continue;
    }
    const section = sectionSymbols.filter((y) => y.start <= x.start && x.end <= y.end).sort((a, b) => b.start - a.start)[0];
    (section ? section.symbol.children! : roots).push(x.symbol);
  }
  const byStart = (a: DocumentSymbol, b: DocumentSymbol): number => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  const sortDeep = (list: DocumentSymbol[]): void => {
    list.sort(byStart);
    list.forEach((c) => c.children && sortDeep(c.children));
  };
  sortDeep(roots);
  return roots;
}

/** Folding ranges: each section, each series, and each multi-line item. */
export function foldingRanges(doc: TextDocument, st: Structure): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (start: number, end: number, kind?: string): void => {
    const a = doc.positionAt(start).line;
    const b = doc.positionAt(end).line;
    if (b > a) {
      out.push({ startLine: a, endLine: b, ...(kind ? { kind } : {}) });
    }
  };
  for (const s of st.sections) {
    add(s.start, s.end, FoldingRangeKind.Region);
  }
  const hidden = sectionSeries(st);
  for (const s of st.series) {
    if (hidden.has(s)) {
      continue;
    }
    add(s.items[0]!.start, s.items[s.items.length - 1]!.end);
    for (const it of s.items) {
      add(it.start, it.end);
    }
  }
  const seen = new Set<string>();
  return out.filter((r) => {
    const k = `${r.startLine}:${r.endLine}`;
    if (seen.has(k)) {
      return false;
    }
    seen.add(k);
    return true;
  });
}

/** Hover over a series item's lead: the frame, the item's place, the count and the announcement. */
export function hover(doc: TextDocument, st: Structure, position: Position): Hover | null {
  const offset = doc.offsetAt(position);
  for (const s of st.series) {
    const k = s.items.findIndex((it) => it.leadStart <= offset && offset < it.leadEnd);
    if (k < 0) {
      continue;
    }
    const it = s.items[k]!;
    const lines = [
      `**${l10n.t('Parallel series')}** — ${l10n.t('item {0} of {1}', k + 1, s.items.length)}`,
      s.frame ? l10n.t('Frame: {0}', `\`${s.frame}\``) : l10n.t('Ordinals: {0}', s.items.map((x) => x.marker?.text ?? '').join(' ')),
    ];
    if (s.announced) {
      lines.push(l10n.t('Announced: “{0}” ({1} items)', s.announced.text, s.announced.count));
    }
    return { contents: { kind: MarkupKind.Markdown, value: lines.join('\n\n') }, range: toRange(doc, it.leadStart, it.leadEnd) };
  }
  return null;
}
