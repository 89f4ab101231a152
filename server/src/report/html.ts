/**
 * The report page (issue 17): one HTML string from a {@link ReportModel}, used by `wenfeng report` (a standalone
 * page for CI artifacts) and by the editor's report view (a webview). Pure: the caller supplies the translator
 * (`@vscode/l10n` in the CLI, `vscode.l10n` in the extension) and the nonce.
 *
 * Self-contained: no remote resources, inline CSS and SVG only, a strict Content-Security-Policy (nothing but the
 * nonce'd style, and in the editor the nonce'd script; no style attributes). Colours come from CSS variables that
 * follow VS Code's theme in the webview and the system's light/dark preference in a browser.
 */
import { CATEGORIES, type Category, type Severity } from '../analysis/types';
import type { ReportFinding, ReportModel } from './model';

/** The translator: `l10n.t` of @vscode/l10n or of vscode. */
export interface Translator {
  t(message: string, ...args: Array<string | number | boolean>): string;
}

/** Options of a rendering. */
export interface RenderOptions {
  l10n: Translator;
  /** `zh-CN` or `en` (the page's lang attribute). */
  lang: string;
  /** Nonce of the inline style (and script, when interactive); base64 or hex, no quotes. */
  nonce: string;
  /**
   * The editor's webview: its cspSource is allowed, and findings are buttons that post `{ type: 'reveal', start,
   * end }` to the extension. Absent for the standalone page (no script at all).
   */
  webview?: { cspSource: string };
}

/** Message a clicked finding posts from the webview. */
export interface RevealMessage {
  type: 'reveal';
  start: { line: number; character: number };
  end: { line: number; character: number };
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** "1 finding" / "N findings" (English has a singular; Chinese reads the same either way). */
function findingCount(l10n: Translator, n: number): string {
  return n === 1 ? l10n.t('1 finding') : l10n.t('{0} findings', n);
}

/** A category's name in the page's language (also the CLI's text output). */
export function categoryName(l10n: Translator, c: Category): string {
  switch (c) {
    case 'structure':
      return l10n.t('structure');
    case 'repetition':
      return l10n.t('repetition');
    case 'script':
      return l10n.t('script');
    case 'punctuation':
      return l10n.t('punctuation');
    case 'phrasing':
      return l10n.t('phrasing');
  }
}

/**
 * A severity's name in the page's language; `short` gives the CLI text output's column form (info for
 * information).
 */
export function severityName(l10n: Translator, s: Severity, short = false): string {
  switch (s) {
    case 'error':
      return l10n.t('error');
    case 'warning':
      return l10n.t('warning');
    case 'information':
      return short ? l10n.t('info') : l10n.t('information');
    case 'hint':
      return l10n.t('hint');
  }
}

/** Score band of a figure: drives its colour. */
function band(score: number): 'good' | 'fair' | 'poor' {
  return score >= 90 ? 'good' : score >= 75 ? 'fair' : 'poor';
}

/** The total as a ring and the categories as bars, in one inline SVG. */
function chart(model: ReportModel, l10n: Translator): string {
  const { total, categories } = model.score;
  const r = 52;
  const circumference = 2 * Math.PI * r;
  const filled = (circumference * Math.max(0, Math.min(100, total))) / 100;
  const rows = CATEGORIES.map((c, i) => {
    const y = 14 + i * 30;
    const v = categories[c];
    const w = Math.round((v / 100) * 240);
    return [
      `<text x="190" y="${y + 9}" class="label">${escapeHtml(categoryName(l10n, c))}</text>`,
      `<rect x="200" y="${y}" width="240" height="18" rx="3" class="track"/>`,
      `<rect x="200" y="${y}" width="${w}" height="18" rx="3" class="bar ${band(v)}"/>`,
      `<text x="450" y="${y + 14}" class="value">${v}</text>`,
    ].join('');
  }).join('\n');
  const title = l10n.t('Score {0}/100', total);
  return `<svg class="chart" viewBox="0 0 490 170" role="img" aria-label="${escapeHtml(title)}">
<title>${escapeHtml(title)}</title>
<circle cx="70" cy="80" r="${r}" class="track ring"/>
<circle cx="70" cy="80" r="${r}" class="ring ${band(total)}" stroke-dasharray="${filled.toFixed(1)} ${circumference.toFixed(1)}" transform="rotate(-90 70 80)"/>
<text x="70" y="92" class="total" text-anchor="middle">${total}</text>
${rows}
</svg>`;
}

/** The paragraphs as a strip of cells, wide as their length, coloured by the density of their findings. */
function strip(model: ReportModel, l10n: Translator): string {
  const paragraphs = model.paragraphs.filter((p) => p.length > 0);
  const total = paragraphs.reduce((n, p) => n + p.length, 0);
  if (total === 0) {
    return '';
  }
  const width = 480;
  let x = 0;
  const cells = paragraphs.map((p) => {
    const w = Math.max(2, (p.length / total) * width);
    // Heat 0 (none) … 4 (a finding every few characters).
    const heat = p.findings === 0 ? 0 : p.density < 0.5 ? 1 : p.density < 1.5 ? 2 : p.density < 4 ? 3 : 4;
    const cell = `<rect x="${x.toFixed(1)}" y="0" width="${(w - 1).toFixed(1)}" height="28" class="heat${heat}"><title>${escapeHtml((p.findings === 1 ? l10n.t('Line {0}: 1 finding', p.line + 1) : l10n.t('Line {0}: {1} findings', p.line + 1, p.findings)))}</title></rect>`;
    x += w;
    return cell;
  });
  return `<svg class="strip" viewBox="0 0 ${Math.ceil(x)} 28" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(l10n.t('Paragraphs'))}">${cells.join('')}</svg>`;
}

function skeleton(model: ReportModel, l10n: Translator): string {
  const { sections, series, orphans } = model.skeleton;
  const parts: string[] = [];
  if (sections.length > 0) {
    parts.push(`<ul class="sections">${sections.map((s) => `<li class="level${Math.min(6, s.level)}"><span class="line">${s.line + 1}</span> ${escapeHtml(s.title)}</li>`).join('')}</ul>`);
  }
  for (const s of series) {
    const kind = s.kind === 'ordinal' ? l10n.t('Ordinal series of {0} items', s.items.length) : l10n.t('Parallel series of {0} items', s.items.length);
    const frame = s.frame ? ` <code>${escapeHtml(s.frame)}</code>` : '';
    const announced = s.announced ? `<div class="announced">${escapeHtml(l10n.t('Announced: {0} (line {1})', s.announced.text, s.announced.line + 1))}</div>` : '';
    const items = s.items.map((it) => `<li><span class="line">${it.line + 1}</span> ${escapeHtml(it.lead)}</li>`).join('');
    parts.push(`<div class="series"><div class="series-head">${escapeHtml(kind)}${frame}</div>${announced}<ol>${items}</ol></div>`);
  }
  if (orphans.length > 0) {
    parts.push(`<div class="orphans">${escapeHtml(l10n.t('Ordinals without a second item: {0}', orphans.map((o) => `${o.text} (${o.line + 1})`).join('、')))}</div>`);
  }
  return parts.length > 0 ? parts.join('\n') : `<p class="empty">${escapeHtml(l10n.t('No sections or series found.'))}</p>`;
}

function findingItem(f: ReportFinding, l10n: Translator, interactive: boolean): string {
  const where = `<span class="line">${escapeHtml(l10n.t('Line {0}', f.start.line + 1))}</span>`;
  const body = `${where} <span class="sev ${f.severity}">${escapeHtml(severityName(l10n, f.severity))}</span> <span class="msg">${escapeHtml(f.message)}</span> <code class="excerpt">${escapeHtml(f.excerpt)}</code> <span class="rule">${escapeHtml(f.rule)}</span>`;
  if (!interactive) {
    return `<li class="finding">${body}</li>`;
  }
  const data = `data-start="${f.start.line}:${f.start.character}" data-end="${f.end.line}:${f.end.character}"`;
  return `<li class="finding"><button type="button" class="reveal" ${data}>${body}</button></li>`;
}

function findings(model: ReportModel, l10n: Translator, interactive: boolean): string {
  if (model.findings.length === 0) {
    return `<p class="empty">${escapeHtml(l10n.t('No findings.'))}</p>`;
  }
  const sections: string[] = [];
  for (const c of CATEGORIES) {
    const mine = model.findings
      .filter((f) => f.category === c)
      .sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character || SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity));
    if (mine.length === 0) {
      continue;
    }
    const deductions = model.score.deductions
      .filter((d) => d.category === c)
      .sort((a, b) => b.total - a.total)
      .map((d) => `<li>${escapeHtml((d.count === 1 ? l10n.t('{0}: 1 finding, −{1} points of the total', d.rule, d.total.toFixed(1)) : l10n.t('{0}: {1} findings, −{2} points of the total', d.rule, d.count, d.total.toFixed(1))))}</li>`)
      .join('');
    sections.push(
      `<section class="category" id="cat-${c}"><h3>${escapeHtml(categoryName(l10n, c))} <span class="sub ${band(model.score.categories[c])}">${model.score.categories[c]}</span> <span class="count">${escapeHtml(findingCount(l10n, mine.length))}</span></h3>` +
        `<ul class="deductions">${deductions}</ul><ul class="findings">${mine.map((f) => findingItem(f, l10n, interactive)).join('')}</ul></section>`,
    );
  }
  return sections.join('\n');
}

const STYLE = `
:root {
  --fg: var(--vscode-editor-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, #d1d9e0);
  --track: var(--vscode-editorWidget-background, #eef1f4);
  --good: var(--vscode-testing-iconPassed, #1a7f37);
  --fair: var(--vscode-editorWarning-foreground, #9a6700);
  --poor: var(--vscode-editorError-foreground, #cf222e);
  --info: var(--vscode-editorInfo-foreground, #0969da);
  --font: var(--vscode-font-family, system-ui, "PingFang SC", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif);
}
@media (prefers-color-scheme: dark) {
  :root {
    --fg: var(--vscode-editor-foreground, #e6edf3);
    --bg: var(--vscode-editor-background, #0d1117);
    --muted: var(--vscode-descriptionForeground, #9198a1);
    --border: var(--vscode-panel-border, #3d444d);
    --track: var(--vscode-editorWidget-background, #21262d);
    --good: var(--vscode-testing-iconPassed, #3fb950);
    --fair: var(--vscode-editorWarning-foreground, #d29922);
    --poor: var(--vscode-editorError-foreground, #f85149);
    --info: var(--vscode-editorInfo-foreground, #4493f8);
  }
}
body { color: var(--fg); background: var(--bg); font-family: var(--font); margin: 0 auto; padding: 16px 24px; max-width: 960px; line-height: 1.6; }
h1 { font-size: 1.4em; margin: 0 0 4px; }
h2 { font-size: 1.15em; border-bottom: 1px solid var(--border); padding-bottom: 4px; margin-top: 28px; }
h3 { font-size: 1em; margin: 16px 0 4px; }
.meta, .count, .rule, .line, .empty, .deductions { color: var(--muted); }
.chart { width: 100%; max-width: 560px; }
.chart .label { fill: var(--fg); font-size: 14px; text-anchor: end; dominant-baseline: middle; }
.chart .value { fill: var(--fg); font-size: 14px; }
.chart .total { fill: var(--fg); font-size: 34px; font-weight: 600; }
.track { fill: var(--track); }
.ring { fill: none; stroke-width: 12; }
.ring.track { stroke: var(--track); }
.ring.good { stroke: var(--good); } .ring.fair { stroke: var(--fair); } .ring.poor { stroke: var(--poor); }
.bar.good { fill: var(--good); } .bar.fair { fill: var(--fair); } .bar.poor { fill: var(--poor); }
.sub.good { color: var(--good); } .sub.fair { color: var(--fair); } .sub.poor { color: var(--poor); }
.strip { width: 100%; height: 28px; display: block; border: 1px solid var(--border); }
.heat0 { fill: var(--track); } .heat1 { fill: var(--info); opacity: 0.45; } .heat2 { fill: var(--fair); opacity: 0.6; }
.heat3 { fill: var(--poor); opacity: 0.7; } .heat4 { fill: var(--poor); }
.legend { color: var(--muted); font-size: 0.85em; }
.series { border-left: 3px solid var(--border); padding-left: 10px; margin: 8px 0; }
.series-head { font-weight: 600; }
.series ol, .sections { margin: 2px 0; }
.sections { list-style: none; padding-left: 0; }
.sections .level2 { padding-left: 1em; } .sections .level3 { padding-left: 2em; } .sections .level4, .sections .level5, .sections .level6 { padding-left: 3em; }
.findings { list-style: none; padding-left: 0; margin: 4px 0; }
.finding { border-top: 1px solid var(--border); padding: 3px 0; }
.reveal { all: unset; cursor: pointer; display: block; width: 100%; }
.reveal:hover, .reveal:focus-visible { outline: 1px solid var(--info); }
.sev { font-size: 0.8em; padding: 0 4px; border-radius: 3px; border: 1px solid currentColor; }
.sev.error { color: var(--poor); } .sev.warning { color: var(--fair); } .sev.information, .sev.hint { color: var(--info); }
code { font-family: var(--vscode-editor-font-family, ui-monospace, monospace); }
.excerpt { background: var(--track); padding: 0 3px; }
.rule { font-size: 0.8em; }
.deductions { font-size: 0.85em; margin: 0; }
`;

/** Script of the webview: a clicked finding asks the extension to reveal its range. */
const SCRIPT = `
const vscode = acquireVsCodeApi();
const pos = (s) => { const [line, character] = s.split(':').map(Number); return { line, character }; };
window.addEventListener('message', (e) => {
  const m = e.data;
  if (m && m.type === 'update' && typeof m.html === 'string') {
    document.getElementById('report').innerHTML = m.html;
    document.title = m.title;
  }
});
document.addEventListener('click', (e) => {
  const b = e.target instanceof Element ? e.target.closest('button.reveal') : null;
  if (b) {
    vscode.postMessage({ type: 'reveal', start: pos(b.dataset.start), end: pos(b.dataset.end) });
  }
});
`;

/**
 * The page's content (inside `<main id="report">`): what changes when the document does. The webview swaps it in
 * place on an `update` message, so the reader keeps their scroll position as the writer types.
 */
export function renderReportBody(model: ReportModel, options: Pick<RenderOptions, 'l10n' | 'webview'>): string {
  const { l10n, webview } = options;
  const s = model.score;
  const fit = s.genreFit === null ? '' : ` · ${escapeHtml(l10n.t('genre fit {0}', s.genreFit.toFixed(2)))}`;
  const meta = `${escapeHtml(l10n.t('{0} characters', model.length))} · ${escapeHtml(findingCount(l10n, model.findings.length))}${fit}`;
  return `<header><h1>${escapeHtml(l10n.t('Wenfeng report: {0}', model.title))}</h1><div class="meta">${meta}</div></header>
<section id="score"><h2>${escapeHtml(l10n.t('Score'))}</h2>${chart(model, l10n)}</section>
<section id="strip"><h2>${escapeHtml(l10n.t('Where findings cluster'))}</h2>${strip(model, l10n)}<div class="legend">${escapeHtml(l10n.t('One cell per paragraph, as wide as the paragraph; the darker, the more findings per character.'))}</div></section>
<section id="skeleton"><h2>${escapeHtml(l10n.t('Skeleton'))}</h2>${skeleton(model, l10n)}</section>
<section id="findings"><h2>${escapeHtml(l10n.t('Findings'))}</h2>${findings(model, l10n, webview !== undefined)}</section>`;
}

/** Message the extension posts to replace the page's content (see {@link renderReportBody}). */
export interface UpdateMessage {
  type: 'update';
  title: string;
  html: string;
}

/** The report page of a model. */
export function renderReport(model: ReportModel, options: RenderOptions): string {
  const { l10n, nonce, webview } = options;
  const csp = webview
    ? `default-src 'none'; img-src ${webview.cspSource} data:; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`
    : `default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(l10n.t('Wenfeng report: {0}', model.title))}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<main id="report">
${renderReportBody(model, options)}
</main>
${webview ? `<script nonce="${nonce}">${SCRIPT}</script>` : ''}
</body>
</html>
`;
}
