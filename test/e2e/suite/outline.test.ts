/// <reference types="mocha" />
/**
 * The essay's skeleton as VS Code sees it: document symbols (what the Outline view and the breadcrumbs
 * show), folding ranges and the hover on a series lead, all through the editor's own provider commands.
 *
 * Fixture test/fixtures/workspace/outline.txt (plain text, so no other extension adds symbols), line by line
 * (zero-based lines; columns are UTF-16 code units as in the LSP):
 *    0 title
 *    2 introduction whose last sentence announces 练好“四项功”                   “四项” at 57–59
 *    4, 6, 8, 10  练好X功，增强年轻干部的Y意识。… — a paragraph series with a frame and four items
 *   12, 16, 20  一、… 二、… 三、… — heading-like items, each opening a section
 *   14, 18, 22  a paragraph under each heading with 一是…。二是…。三是…。 — a sentence series per section
 * The test workspace sets wenfeng.messageLanguage to zh-cn, so series names and hovers are in Chinese.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, openFixture, show } from './helpers';

const OUTLINE = 'outline.txt';

/** One expected symbol: name, kind, range and selection range (`line:char-line:char`), children. */
interface Sym {
  name: string;
  kind: keyof typeof vscode.SymbolKind;
  range: string;
  selection: string;
  children?: Sym[];
}

const item = (name: string, range: string, selection: string): Sym => ({ name, kind: 'EnumMember', range, selection });

/** A sentence series 一是…。二是…。三是…。 on one line: [lead, start, lead end, item end] per item. */
function sentenceSeries(line: number, items: Array<[string, number, number, number]>): Sym {
  const [first] = items;
  const last = items[items.length - 1]!;
  return {
    name: '排比（3 项）：一是',
    kind: 'Array',
    range: `${line}:${first![1]}-${line}:${last[3]}`,
    selection: `${line}:${first![1]}-${line}:${first![2]}`,
    // An item ends one short of the next item's start, so that a position there belongs to one item only.
    children: items.map(([lead, start, leadEnd, end], k) => {
      const stop = k + 1 < items.length ? items[k + 1]![1] - 1 : end;
      return item(lead, `${line}:${start}-${line}:${stop}`, `${line}:${start}-${line}:${leadEnd}`);
    }),
  };
}

// Sections hold their sentence series; the four-item frame series before the first heading is a root. The
// headings 一、二、三、 also form an ordinal series, which the outline shows as the sections only.
const EXPECTED_SYMBOLS: Sym[] = [
  {
    name: '排比（4 项）：练好{X}功，增强年轻干部的{Y}意识',
    kind: 'Array',
    range: '4:0-10:62',
    selection: '4:0-4:18',
    children: [
      item('练好学习功，增强年轻干部的本领意识。', '4:0-4:75', '4:0-4:18'),
      item('练好调研功，增强年轻干部的群众意识。', '6:0-6:69', '6:0-6:18'),
      item('练好实干功，增强年轻干部的担当意识。', '8:0-8:62', '8:0-8:18'),
      item('练好自律功，增强年轻干部的规矩意识。', '10:0-10:62', '10:0-10:18'),
    ],
  },
  {
    name: '一、必须坚定理想信念，筑牢思想之基',
    kind: 'Namespace',
    range: '12:0-14:122',
    selection: '12:0-12:17',
    children: [
      sentenceSeries(14, [
        ['一是坚持学思结合。', 15, 24, 57],
        ['二是坚持知行统一。', 57, 66, 89],
        ['三是坚持常学常新。', 89, 98, 122],
      ]),
    ],
  },
  {
    name: '二、必须锤炼务实作风，厚植为民情怀',
    kind: 'Namespace',
    range: '16:0-18:111',
    selection: '16:0-16:17',
    children: [
      sentenceSeries(18, [
        ['一是深入基层一线。', 10, 19, 46],
        ['二是解决急难愁盼。', 46, 55, 79],
        ['三是完善服务机制。', 79, 88, 111],
      ]),
    ],
  },
  {
    name: '三、必须提升履职能力，勇于担当作为',
    kind: 'Namespace',
    range: '20:0-22:118',
    selection: '20:0-20:17',
    children: [
      sentenceSeries(22, [
        ['一是提高政策水平。', 11, 20, 49],
        ['二是提高应急能力。', 49, 58, 87],
        ['三是提高创新能力。', 87, 96, 118],
      ]),
    ],
  },
];

/**
 * Section folds (kind Region) and the fold of the frame series; one-line items have none. The server also
 * sends 12–20 for the series of headings, but VS Code keeps one fold per start line (the first one sent,
 * section 一's 12–14) and drops it: these are the folds the editor offers.
 */
const EXPECTED_FOLDS = ['12-14 Region', '16-18 Region', '20-22 Region', '4-10'];

/** A symbol as the expectations spell it (kind by name, ranges as text), children in the given order. */
function shape(s: vscode.DocumentSymbol): Sym {
  const out: Sym = { name: s.name, kind: vscode.SymbolKind[s.kind] as Sym['kind'], range: show(s.range), selection: show(s.selectionRange) };
  if (s.children.length > 0) {
    out.children = s.children.map(shape);
  }
  return out;
}

/** An indented one-line-per-symbol listing, for failure messages. */
function listing(syms: readonly Sym[], depth = 0): string {
  return syms.map((s) => `${'  '.repeat(depth)}${s.name} [${s.kind}] ${s.range}\n${listing(s.children ?? [], depth + 1)}`).join('');
}

function hoverText(h: vscode.Hover): string {
  return h.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n\n');
}

async function hoversAt(uri: vscode.Uri, at: vscode.Position): Promise<vscode.Hover[]> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[] | undefined>('vscode.executeHoverProvider', uri, at);
  assert.ok(Array.isArray(hovers), `vscode.executeHoverProvider returned ${String(hovers)}`);
  return hovers;
}

suite('Wenfeng outline: symbols, folding and hover', () => {
  let doc: vscode.TextDocument;

  suiteSetup(async () => {
    await activateExtension();
  });

  setup(async () => {
    doc = (await openFixture(OUTLINE)).document;
    assert.equal(doc.languageId, 'plaintext', `${OUTLINE} opens as plain text`);
  });

  test('document symbols: sections → series → items with exact names and ranges', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.ok(Array.isArray(symbols) && symbols.length > 0, `vscode.executeDocumentSymbolProvider returned ${JSON.stringify(symbols)}`);
    const got = symbols.map(shape);
    assert.deepEqual(got, EXPECTED_SYMBOLS, `symbols of ${OUTLINE}:\n${listing(got)}`);
    // The selection range of each item is its lead: the text the Outline view names the item after.
    for (const series of symbols.filter((s) => s.kind === vscode.SymbolKind.Array)) {
      for (const child of series.children) {
        assert.equal(doc.getText(child.selectionRange), child.name, `selection range of “${child.name}”`);
      }
    }
  });

  test('folding ranges the editor keeps: each section and the multi-line series', async () => {
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[] | undefined>('vscode.executeFoldingRangeProvider', doc.uri);
    assert.ok(Array.isArray(folds), `vscode.executeFoldingRangeProvider returned ${String(folds)}`);
    const got = folds.map((f) => `${f.start}-${f.end}${f.kind === undefined ? '' : ` ${vscode.FoldingRangeKind[f.kind]}`}`);
    assert.deepEqual([...got].sort(), [...EXPECTED_FOLDS].sort(), `folding ranges of ${OUTLINE}: ${got.join(', ')}`);
  });

  test('hover on a series lead shows the frame, the place of the item and the announced count', async () => {
    // Inside 练好调研功，增强年轻干部的群众意识。 (line 6, lead 0–18).
    const hovers = await hoversAt(doc.uri, new vscode.Position(6, 3));
    const mine = hovers.filter((h) => hoverText(h).includes('排比'));
    assert.equal(mine.length, 1, `one series hover at 6:3; got ${JSON.stringify(hovers.map(hoverText))}`);
    assert.equal(
      hoverText(mine[0]!),
      ['**排比** — 第 2 项，共 4 项', '句式框架：`练好{X}功，增强年轻干部的{Y}意识`', '预告：“四项”（4 项）'].join('\n\n'),
    );
    assert.equal(mine[0]!.range && show(mine[0]!.range), '6:0-6:18', 'the hover range is the lead of the item');
  });

  test('hover on a sentence-series lead lists its ordinals; none off the leads', async () => {
    // 三是提高创新能力。 on line 22 (lead 87–96).
    const hovers = await hoversAt(doc.uri, new vscode.Position(22, 90));
    const mine = hovers.filter((h) => hoverText(h).includes('排比'));
    assert.equal(mine.length, 1, `one series hover at 22:90; got ${JSON.stringify(hovers.map(hoverText))}`);
    assert.equal(hoverText(mine[0]!), ['**排比** — 第 3 项，共 3 项', '序号：一是 二是 三是'].join('\n\n'));
    assert.equal(mine[0]!.range && show(mine[0]!.range), '22:87-22:96');
    // The body of an item after its lead (line 6, column 30) and the introduction are no series leads.
    for (const at of [new vscode.Position(6, 30), new vscode.Position(2, 10)]) {
      const off = (await hoversAt(doc.uri, at)).filter((h) => hoverText(h).includes('排比'));
      assert.equal(off.length, 0, `no series hover at ${at.line}:${at.character}; got ${JSON.stringify(off.map(hoverText))}`);
    }
  });
});
