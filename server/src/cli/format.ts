/**
 * Output formats of `wenfeng check`: text for people, JSON (the contract's shape) and SARIF 2.1.0 for CI.
 * Lines and characters are zero-based UTF-16 in JSON (as LSP), one-based in text and SARIF.
 */
import * as l10n from '@vscode/l10n';
import { ALL_RULES, type AnalysisResult, type Category, type Finding, type Severity } from '../analysis';
import { LineIndex } from '../analysis/positions';
import { categoryName, severityName } from '../report/html';

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

/**
 * Streamed output. A document is its head, the pieces of each file in order, and its tail; a piece marked
 * `item` starts an element of the document's top-level list (a file in JSON, a result in SARIF), and the
 * writer puts the separator before it. Joined, the pieces are byte for byte `JSON.stringify(document, null, 2)`
 * of the whole document, but no string larger than one finding (or one file header) is ever built, and a
 * worker thread can format its files and hand the pieces over (see pool.ts).
 */
export interface Piece {
  text: string;
  item?: true;
}

/** What `check` and `score` print. */
export type OutputFormat = 'text' | 'json' | 'sarif' | 'score' | 'line' | 'github';

/** The formats of one line per finding, with no document around the lines. */
const LINE_FORMATS: readonly OutputFormat[] = ['text', 'line', 'github'];

/** JSON of a value nested `pad` deep: every line after the first indented by `pad`. */
function nested(value: unknown, pad: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${pad}`);
}

/**
 * The frame of a JSON document whose list at `key` is streamed: the text before the list's `[`, the
 * indentation of its elements, and the text after its `]`. Derived from the document with an empty list, so
 * that the frame is exactly what JSON.stringify writes around it.
 */
function frame(doc: object, key: string): { head: string; pad: string; closePad: string; tail: string } {
  const whole = JSON.stringify(doc, null, 2);
  const marker = `"${key}": []`;
  const at = whole.indexOf(marker);
  const lineStart = whole.lastIndexOf('\n', at) + 1;
  const closePad = whole.slice(lineStart, at);
  return { head: whole.slice(0, at + marker.length - 1), pad: `${closePad}  `, closePad, tail: `${whole.slice(at + marker.length)}\n` };
}

function sarifLog(): object {
  return {
    version: '2.1.0',
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    runs: [
      {
        tool: { driver: { name: 'wenfeng', rules: ALL_RULES.map((x) => ({ id: x.meta.id, shortDescription: { text: x.meta.description }, defaultConfiguration: { level: SARIF_LEVEL[x.meta.defaultSeverity] } })) } },
        columnKind: 'utf16CodeUnits',
        results: [],
      },
    ],
  };
}

/** Indentation of the elements of the top-level list: files in JSON and score, results in SARIF. */
const FILE_PAD = '    ';
const RESULT_PAD = '        ';

/**
 * Puts a streamed document together: its head, then each piece with the separator its list needs, then its
 * tail. Only the count of list elements is kept between pieces.
 */
export class OutputWriter {
  private items = 0;
  private readonly frame: { head: string; pad: string; closePad: string; tail: string } | undefined;
  constructor(readonly format: OutputFormat) {
    this.frame = LINE_FORMATS.includes(format) ? undefined : format === 'sarif' ? frame(sarifLog(), 'results') : frame({ version: 1, files: [] }, 'files');
  }

  head(): string {
    return this.frame?.head ?? '';
  }

  piece(p: Piece): string {
    if (!p.item || !this.frame) {
      return p.text;
    }
    return `${this.items++ === 0 ? '\n' : ',\n'}${p.text}`;
  }

  tail(): string {
    if (!this.frame) {
      return '';
    }
    return `${this.items > 0 ? `\n${this.frame.closePad}]` : ']'}${this.frame.tail}`;
  }
}

/** The pieces of one file in a format (see Piece). */
export function filePieces(format: OutputFormat, r: FileReport): Iterable<Piece> {
  switch (format) {
    case 'text':
      return textPieces(r);
    case 'json':
      return jsonPieces(r);
    case 'sarif':
      return sarifPieces(r);
    case 'line':
      return linePieces(r);
    case 'github':
      return githubPieces(r);
    case 'score':
      return [{ item: true, text: FILE_PAD + nested({ path: r.path, script: r.result.script, score: r.result.score }, FILE_PAD) }];
  }
}

/** Whole output of reports in one string (for callers that want it; the CLI streams). */
export function formatReports(format: OutputFormat, reports: readonly FileReport[]): string {
  const w = new OutputWriter(format);
  let out = w.head();
  for (const r of reports) {
    for (const p of filePieces(format, r)) {
      out += w.piece(p);
    }
  }
  return out + w.tail();
}

/** The `check --format json` document. */
export function formatJson(reports: readonly FileReport[]): string {
  return formatReports('json', reports);
}

function* jsonPieces(r: FileReport): Generator<Piece> {
  const index = new LineIndex(r.text);
  const { deductions, ...score } = r.result.score;
  // The file object without its diagnostics, open at the end: its last line (`}`) is written after them.
  const header = nested({ path: r.path, script: r.result.script, score: { ...score, deductions } }, FILE_PAD);
  const inner = `${FILE_PAD}  `;
  const findings = r.result.findings;
  yield { item: true, text: `${FILE_PAD}${header.slice(0, header.lastIndexOf('\n'))},\n${inner}"diagnostics": ${findings.length === 0 ? '[]' : '['}` };
  const pad = `${inner}  `;
  for (let i = 0; i < findings.length; i++) {
    yield { text: `${i === 0 ? '\n' : ',\n'}${pad}${nested(findingJson(index, findings[i]!), pad)}` };
  }
  yield { text: `${findings.length === 0 ? '' : `\n${inner}]`}\n${FILE_PAD}}` };
}


function categoryLabel(c: Category): string {
  return categoryName(l10n, c);
}

function severityLabel(s: Severity): string {
  return severityName(l10n, s, true);
}

/** Human-readable report: one line per finding, then the score with its deductions. */
export function formatText(reports: readonly FileReport[]): string {
  return formatReports('text', reports);
}

function* textPieces(r: FileReport): Generator<Piece> {
  const index = new LineIndex(r.text);
  yield { text: `${r.path}\n` };
  for (const f of r.result.findings) {
    const p = index.positionAt(f.start);
    const excerpt = r.text.slice(f.start, Math.min(f.end, f.start + 24)).replace(/\s+/g, ' ');
    yield { text: `  ${p.line + 1}:${p.character + 1}\t${severityLabel(f.severity)}\t${f.message}  「${excerpt}」\t${f.rule}\n` };
  }
  const s = r.result.score;
  const cats = (Object.keys(s.categories) as Category[]).map((c) => `${categoryLabel(c)} ${s.categories[c]}`).join(' · ');
  let tail = `  ${l10n.t('{0} findings', r.result.findings.length)} — ${l10n.t('score {0}/100', s.total)} (${cats})\n`;
  for (const d of s.deductions) {
    tail += `    −${d.points} ${categoryLabel(d.category)}: ${d.rule} ×${d.count}\n`;
  }
  yield { text: tail };
}

/** `--format line`: `file:line:col: severity rule message`, one line per finding (one-based UTF-16 columns). */
function* linePieces(r: FileReport): Generator<Piece> {
  const index = new LineIndex(r.text);
  for (const f of r.result.findings) {
    const p = index.positionAt(f.start);
    yield { text: `${r.path}:${p.line + 1}:${p.character + 1}: ${f.severity} ${f.rule} ${oneLine(f.message)}\n` };
  }
}

const oneLine = (s: string): string => s.replace(/\r\n?|\n/g, ' ');

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Escapes the message of a GitHub workflow command. */
export const githubData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** Escapes a property of a GitHub workflow command (its data escaping, and `:` and `,`). */
export const githubProperty = (s: string): string => githubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** `--format github`: GitHub workflow commands (`::warning file=…::message`), annotations on the pull request. */
function* githubPieces(r: FileReport): Generator<Piece> {
  const index = new LineIndex(r.text);
  const file = githubProperty(r.path.replace(/\\/g, '/'));
  for (const f of r.result.findings) {
    const s = index.positionAt(f.start);
    const e = index.positionAt(f.end);
    const props = `file=${file},line=${s.line + 1},col=${s.character + 1},endLine=${e.line + 1},endColumn=${e.character + 1},title=${githubProperty(f.rule)}`;
    yield { text: `::${GITHUB_LEVEL[f.severity]} ${props}::${githubData(f.message)}\n` };
  }
}

const SARIF_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** SARIF 2.1.0 log with UTF-16 columns, for code-scanning tools. */
export function formatSarif(reports: readonly FileReport[]): string {
  return formatReports('sarif', reports);
}

function* sarifPieces(r: FileReport): Generator<Piece> {
  const index = new LineIndex(r.text);
  const region = (start: number, end: number): object => {
    const s = index.positionAt(start);
    const e = index.positionAt(end);
    return { startLine: s.line + 1, startColumn: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1, charOffset: start, charLength: end - start };
  };
  const uri = r.path.replace(/\\/g, '/');
  for (const f of r.result.findings) {
    const result = {
      ruleId: f.rule,
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(f.start, f.end) } }],
      fixes: f.fixes
        .filter((x) => x.auto)
        .map((x) => ({
          description: { text: x.title },
          artifactChanges: [{ artifactLocation: { uri }, replacements: x.edits.map((e) => ({ deletedRegion: region(e.start, e.end), insertedContent: { text: e.newText } })) }],
        })),
    };
    yield { item: true, text: RESULT_PAD + nested(result, RESULT_PAD) };
  }
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
