/**
 * Code actions: fix this (each fix of a diagnostic), fix all of this rule, fix all (`source.fixAll.wenfeng`)
 * and disable the rule for this line. Text fixes are WorkspaceEdits; nothing goes through the client.
 */
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { applyFixes, type Finding } from '../analysis';
import { toRange, type DiagnosticData } from './diagnostics';

/** The kind of the fix-all source action. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.wenfeng`;

/** Non-overlapping LSP edits of every automatic fix among `findings`. */
export function fixAllEdits(doc: TextDocument, findings: readonly Finding[], rule?: string): TextEdit[] {
  const { edits } = applyFixes(doc.getText(), findings, (f) => rule === undefined || f.rule === rule);
  return edits.map((e) => ({ range: toRange(doc, e.start, e.end), newText: e.newText }));
}

function isData(v: unknown): v is DiagnosticData {
  return typeof v === 'object' && v !== null && Array.isArray((v as DiagnosticData).fixes) && typeof (v as DiagnosticData).version === 'number';
}

function eol(doc: TextDocument): string {
  const text = doc.getText();
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/** Computes the code actions of a request from its diagnostics and the document's latest findings. */
export function codeActions(doc: TextDocument, params: CodeActionParams, findings: readonly Finding[] | undefined): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  const uri = doc.uri;
  const seenRules = new Set<string>();
  for (const d of params.context.diagnostics) {
    if (d.source !== 'wenfeng' || typeof d.code !== 'string') {
      continue;
    }
    const rule = d.code;
    const kind = `${CodeActionKind.QuickFix}.wenfeng.${rule}`;
    if (isData(d.data) && d.data.version === doc.version && wants(kind)) {
      d.data.fixes.forEach((fix, i) => {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: i === 0 && fix.auto,
          edit: { changes: { [uri]: fix.edits } },
        });
      });
    }
    if (findings && !seenRules.has(rule) && wants(CodeActionKind.QuickFix)) {
      seenRules.add(rule);
      const same = findings.filter((f) => f.rule === rule && f.fixes.some((x) => x.auto));
      if (same.length > 1) {
        actions.push({
          title: l10n.t('Fix all “{0}” problems ({1})', rule, same.length),
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          edit: { changes: { [uri]: fixAllEdits(doc, same) } },
        });
      }
    }
    if (wants(CodeActionKind.QuickFix)) {
      const line = d.range.start.line;
      const indent = /^[ \t\u3000]*/.exec(doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }))?.[0] ?? '';
      actions.push({
        title: l10n.t('Disable {0} for this line', rule),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d] as Diagnostic[],
        edit: { changes: { [uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- wenfeng-disable-next-line ${rule} -->${eol(doc)}` }] } },
      });
    }
  }
  if (findings && wants(FIX_ALL_KIND) && (only !== undefined || actions.length > 0)) {
    const edits = fixAllEdits(doc, findings);
    if (edits.length > 0) {
      actions.push({ title: l10n.t('Fix all auto-fixable Wenfeng problems'), kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } });
    }
  }
  return actions;
}
