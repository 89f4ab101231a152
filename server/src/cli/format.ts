/**
 * Output formats of `wenfeng check`: text for people, JSON (the contract's shape) and SARIF 2.1.0 for CI.
 * Lines and characters are zero-based UTF-16 in JSON (as LSP), one-based in text and SARIF.
 */
import * as l10n from '@vscode/l10n';
import { ALL_RULES, type AnalysisResult, type Category, type Finding, type Severity } from '../analysis';
import { LineIndex } from '../analysis/positions';

/** One analysed file. */
export interface FileReport {
  path: string;
  text: string;
  result: AnalysisResult;
}

function range(index: LineIndex, start: number, end: number): object {
  const s = index.positionAt(start);
  const e = index.positionAt(end);
  return { start: { ...s, offset: start }, end: { ...e, offset: end } };
}

function findingJson(index: LineIndex, f: Finding): object {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    range: range(index, f.start, f.end),
    fixes: f.fixes.map((x) => ({
      title: x.title,
      auto: x.auto,
      edits: x.edits.map((e) => ({ range: range(index, e.start, e.end), newText: e.newText })),
    })),
    ...(f.related ? { related: f.related.map((r) => ({ message: r.message, range: range(index, r.start, r.end) })) } : {}),
  };
}

/** The `check --format json` document. */
export function formatJson(reports: readonly FileReport[]): string {
  const files = reports.map((r) => {
    const index = new LineIndex(r.text);
    const { deductions, ...score } = r.result.score;
    return {
      path: r.path,
      script: r.result.script,
      score: { ...score, deductions },
      diagnostics: r.result.findings.map((f) => findingJson(index, f)),
    };
  });
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}

function severityLabel(s: Severity): string {
  switch (s) {
    case 'error':
      return l10n.t('error');
    case 'warning':
      return l10n.t('warning');
    case 'information':
      return l10n.t('info');
    case 'hint':
      return l10n.t('hint');
  }
}

function categoryLabel(c: Category): string {
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

/** Human-readable report: one line per finding, then the score with its deductions. */
export function formatText(reports: readonly FileReport[]): string {
  let out = '';
  for (const r of reports) {
    const index = new LineIndex(r.text);
    out += `${r.path}\n`;
    for (const f of r.result.findings) {
      const p = index.positionAt(f.start);
      const excerpt = r.text.slice(f.start, Math.min(f.end, f.start + 24)).replace(/\s+/g, ' ');
      out += `  ${p.line + 1}:${p.character + 1}\t${severityLabel(f.severity)}\t${f.message}  「${excerpt}」\t${f.rule}\n`;
    }
    const s = r.result.score;
    const cats = (Object.keys(s.categories) as Category[]).map((c) => `${categoryLabel(c)} ${s.categories[c]}`).join(' · ');
    out += `  ${l10n.t('{0} findings', r.result.findings.length)} — ${l10n.t('score {0}/100', s.total)} (${cats})\n`;
    for (const d of s.deductions) {
      out += `    −${d.points} ${categoryLabel(d.category)}: ${d.rule} ×${d.count}\n`;
    }
  }
  return out;
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 log with UTF-16 columns, for code-scanning tools. */
export function formatSarif(reports: readonly FileReport[]): string {
  const region = (index: LineIndex, start: number, end: number): object => {
    const s = index.positionAt(start);
    const e = index.positionAt(end);
    return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, charOffset: start, charLength: end - start };
  };
  const results = reports.flatMap((r) => {
    const index = new LineIndex(r.text);
    const uri = r.path.replace(/\\/g, '/');
    return r.result.findings.map((f) => ({
      ruleId: f.rule,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(index, f.start, f.end) } }],
      fixes: f.fixes
        .filter((x) => x.auto)
        .map((x) => ({
          description: { text: x.title },
          artifactChanges: [{ artifactLocation: { uri }, replacements: x.edits.map((e) => ({ deletedRegion: region(index, e.start, e.end), insertedContent: { text: e.newText } })) }],
        })),
    }));
  });
  const log = {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'wenfeng', rules: ALL_RULES.map((x) => ({ id: x.meta.id, shortDescription: { text: x.meta.description }, defaultConfiguration: { level: SARIF_LEVEL[x.meta.defaultSeverity] } })) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The `outline --format json` document: sections and parallel series with item ranges. */
export function formatOutline(r: FileReport): string {
  const index = new LineIndex(r.text);
  const st = r.result.structure;
  const json = {
    version: 1,
    path: r.path,
    sections: st.sections.map((s) => ({ title: s.title, level: s.level, range: range(index, s.start, s.end), headingRange: range(index, s.headingStart, s.headingEnd) })),
    series: st.series.map((s) => ({
      kind: s.kind,
      level: s.level,
      family: s.items[0]?.marker?.text ?? null,
      frame: s.frame ?? null,
      items: s.items.map((it) => ({ range: range(index, it.start, it.end), leadRange: range(index, it.leadStart, it.leadEnd), lead: it.lead })),
      announced: s.announced ? { count: s.announced.count, text: s.announced.text, range: range(index, s.announced.start, s.announced.end) } : null,
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
