/**
 * Findings → LSP diagnostics. Each diagnostic carries in `data` what its code actions need (the fixes as
 * LSP edits and the document version they belong to), so code actions never re-analyse.
 */
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation, type TextEdit } from 'vscode-languageserver';
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
  return {
    range: toRange(doc, f.start, f.end),
    severity: SEVERITY[f.severity],
    code: f.rule,
    source: 'wenfeng',
    message: f.message,
    ...(related && related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}
