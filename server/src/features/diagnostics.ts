/**
 * Findings → LSP diagnostics. Each diagnostic carries in `data` what its code actions need (the fixes as
 * LSP edits and the document version they belong to), so code actions never re-analyse, and links to its
 * rule's page (codeDescription: docs/rules/<category>/<name>.md, shipped in the .vsix).
 *
 * At most `wenfeng.maxDiagnostics` are published per document (publishedDiagnostics). Code actions (fix all,
 * fix all of a rule) work on the full analysis result, never on the published subset.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as l10n from '@vscode/l10n';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Severity } from '../analysis';

/** The `data` of a Wenfeng diagnostic. */
export interface DiagnosticData {
  version: number;
  fixes: Array<{ title: string; auto: boolean; edits: TextEdit[] }>;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Converts offsets to an LSP range of the document. */
export function toRange(doc: TextDocument, start: number, end: number): Diagnostic['range'] {
  return { start: doc.positionAt(start), end: doc.positionAt(end) };
}

/** Folder of the rule pages (docs/rules), once found; undefined where they are not installed. */
let ruleDocs: string | undefined;
const pageOf = new Map<string, string | null>();

/**
 * Finds the rule pages from the server's own folder upwards (dist/ of the .vsix, or out/server/src of a
 * development build) and links each diagnostic to its rule's page (codeDescription) from then on.
 */
export function useRuleDocs(fromDir: string): string | undefined {
  pageOf.clear();
  ruleDocs = undefined;
  for (let dir = fromDir, k = 0; k < 5; k++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (fs.existsSync(path.join(candidate, 'README.md'))) {
      ruleDocs = candidate;
      break;
    }
  }
  return ruleDocs;
}

/** The file URI of a rule's page, or undefined (no pages installed, or an internal rule without one). */
export function rulePageUri(rule: string): string | undefined {
  if (ruleDocs === undefined || !/^[a-z]+\/[a-z-]+$/.test(rule)) {
    return undefined;
  }
  let uri = pageOf.get(rule);
  if (uri === undefined) {
    const file = path.join(ruleDocs, ...rule.split('/')) + '.md';
    uri = fs.existsSync(file) ? pathToFileURL(file).href : null;
    pageOf.set(rule, uri);
  }
  return uri ?? undefined;
}

/** Rules whose finding may be a repeated copy to delete. */
const COPY_RULES: ReadonlySet<string> = new Set(['repetition/duplicate-paragraph', 'repetition/duplicate-sentence', 'repetition/doubled-word']);

/**
 * True when the finding's range is a repeated copy, shown faded (DiagnosticTag.Unnecessary): a rule of
 * repeated copies whose first fix deletes exactly that range. (A doubled word marks both copies, so it is
 * faded only when its range is the extra copy alone.)
 */
export function isRepeatedCopy(f: Finding): boolean {
  const edits = f.fixes[0]?.edits;
  return COPY_RULES.has(f.rule) && edits?.length === 1 && edits[0]!.start === f.start && edits[0]!.end === f.end && edits[0]!.newText === '';
}

/** Converts one finding. */
export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const related: DiagnosticRelatedInformation[] | undefined = f.related?.map((r) => ({
    location: { uri: doc.uri, range: toRange(doc, r.start, r.end) },
    message: r.message,
  }));
  const data: DiagnosticData = {
    version: doc.version,
    fixes: f.fixes.map((x) => ({ title: x.title, auto: x.auto, edits: x.edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText })) })),
  };
  const page = rulePageUri(f.rule);
  return {
    range: toRange(doc, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.rule,
    ...(page ? { codeDescription: { href: page } } : {}),
    source: 'wenfeng',
    message: f.message,
    ...(related && related.length > 0 ? { relatedInformation: related } : {}),
    ...(isRepeatedCopy(f) ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    data,
  };
}

/** Rank of a severity when diagnostics are cut: the lower, the sooner kept. */
const RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * The findings kept when at most `max` may be published (0: no limit): the `max` most severe (errors, then
 * warnings, then information, then hints; among equals the earlier in the document), returned in document
 * order. A writer sees the most serious problems first; the rest are listed by `wenfeng check`.
 */
export function keptFindings(findings: readonly Finding[], max: number): readonly Finding[] {
  if (max <= 0 || findings.length <= max) {
    return findings;
  }
  // Counting sort by severity: the cut lies inside one severity, whose earliest members are kept.
  const counts = [0, 0, 0, 0];
  for (const f of findings) {
    counts[RANK[f.severity]]!++;
  }
  let room = max;
  const quota = counts.map((n) => {
    const take = Math.min(n, room);
    room -= take;
    return take;
  });
  const kept: Finding[] = [];
  for (const f of findings) {
    const r = RANK[f.severity];
    if (quota[r]! > 0) {
      quota[r]!--;
      kept.push(f);
    }
  }
  return kept;
}

/**
 * The diagnostics published for a document: every finding, or when there are more than `max` (0: no limit)
 * the ones keptFindings chooses, in document order, after one information diagnostic at the start of the
 * document saying how many are not shown. That one has no code, so no code action is offered on it.
 */
export function publishedDiagnostics(doc: TextDocument, findings: readonly Finding[], max: number): Diagnostic[] {
  const kept = keptFindings(findings, max);
  const diagnostics = kept.map((f) => toDiagnostic(doc, f));
  if (kept.length < findings.length) {
    const start = doc.positionAt(0);
    diagnostics.unshift({
      range: { start, end: start },
      severity: DiagnosticSeverity.Information,
      source: 'wenfeng',
      message: l10n.t(
        '{0} more problems are not shown: at most {1} are shown per document, the most severe first (setting wenfeng.maxDiagnostics). `wenfeng check` on the command line lists them all.',
        findings.length - kept.length,
        max,
      ),
    });
  }
  return diagnostics;
}
