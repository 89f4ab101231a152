/**
 * Code actions: fix this (each fix of a diagnostic), fix all of this rule, fix all (`source.fixAll.wenfeng`),
 * and the false-positive actions: disable the rule for this line, for this file (a directive at the top), for
 * the project (`"rules": {"id": "off"}` in `.wenfeng.json`), and accept a word (in `.wenfeng.json`, or in the
 * user settings through a client command). Every edit is a WorkspaceEdit, so the writer can undo it, and an
 * edit of `.wenfeng.json` re-checks the open documents as any change of that file does.
 */
import * as l10n from '@vscode/l10n';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ClientCommands } from '../../../protocol/protocol';
import { applyFixes, type Finding } from '../analysis';
import type { TextFormat } from '../analysis/types';
import { lineColumn } from '../shared/config';
import { acceptWordChange, newConfigText, ruleOffChange, type TextChange } from './configEdits';
import { toRange, type DiagnosticData } from './diagnostics';

/** Rules that honour `acceptedWords`: the finding's text is the word to accept. */
export const WORD_RULES: ReadonlySet<string> = new Set(['repetition/doubled-word', 'phrasing/confusable', 'script/mixed', 'repetition/overused-phrase']);

/** Longest text offered as a word to accept. */
const MAX_WORD = 12;

/** The project settings file a request may edit. */
export interface ProjectTarget {
  /** URI of the nearest `.wenfeng.json`, or of the one to create (in the workspace folder). */
  uri: string;
  /** Its current text (the unsaved buffer, or the file); undefined when it does not exist yet. */
  text?: string;
}

/** What the server knows beyond the document. */
export interface ActionContext {
  /** The document's format (directive form). */
  format: TextFormat;
  /** The project file to edit; none in an untrusted workspace or outside a folder. */
  project?: ProjectTarget;
  /** True when the client runs {@link ClientCommands.acceptWordForUser}. */
  userAccept?: boolean;
}

/** A directive comment in the document's format: an HTML comment in Markdown, a line of its own in plain text. */
export function directiveText(format: TextFormat, kind: 'disable' | 'disable-next-line', rule: string): string {
  return format === 'markdown' ? `<!-- wenfeng-${kind} ${rule} -->` : `// wenfeng-${kind} ${rule}`;
}

/** The line a file-level directive goes on: the first, or the one after Markdown front matter. */
function topLine(doc: TextDocument, format: TextFormat): number {
  if (format !== 'markdown' || !/^---[ \t]*\r?\n/.test(doc.getText())) {
    return 0;
  }
  for (let line = 1; line < doc.lineCount; line++) {
    const s = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
    if (/^(?:---|\.\.\.)[ \t]*\r?\n?$/.test(s)) {
      return line + 1;
    }
  }
  return 0;
}

/** A WorkspaceEdit of a project file: the change of its text, or its creation with `created` as content. */
function projectEdit(project: ProjectTarget, change: TextChange | undefined, created: string): WorkspaceEdit | undefined {
  if (project.text === undefined) {
    return {
      documentChanges: [
        { kind: 'create', uri: project.uri, options: { ignoreIfExists: true } },
        { textDocument: { uri: project.uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: created }] },
      ],
    };
  }
  if (!change) {
    return undefined;
  }
  const range = { start: lineColumn(project.text, change.offset), end: lineColumn(project.text, change.offset + change.length) };
  return { changes: { [project.uri]: [{ range, newText: change.newText }] } };
}

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
export function codeActions(doc: TextDocument, params: CodeActionParams, findings: readonly Finding[] | undefined, context: ActionContext = { format: 'markdown' }): CodeAction[] {
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
      actions.push(...falsePositiveActions(doc, d, rule, context));
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

/** Accept the word, disable the rule for this line, this file, the project. */
function falsePositiveActions(doc: TextDocument, d: Diagnostic, rule: string, context: ActionContext): CodeAction[] {
  const out: CodeAction[] = [];
  const quickFix = (title: string, edit: WorkspaceEdit | undefined): void => {
    if (edit) {
      out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit });
    }
  };
  const { project, format } = context;
  const word = doc.getText(d.range);
  if (WORD_RULES.has(rule) && word.length > 0 && word.length <= MAX_WORD && !/\s/.test(word)) {
    if (project) {
      quickFix(l10n.t('Accept “{0}” in this project (.wenfeng.json)', word), projectEdit(project, project.text === undefined ? undefined : acceptWordChange(project.text, word), newConfigText('acceptedWords', word)));
    }
    if (context.userAccept) {
      out.push({
        title: l10n.t('Accept “{0}” in the user settings', word),
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: l10n.t('Accept “{0}” in the user settings', word), command: ClientCommands.acceptWordForUser, arguments: [word] },
      });
    }
  }
  const line = d.range.start.line;
  const indent = /^[ \t\u3000]*/.exec(doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }))?.[0] ?? '';
  const nl = eol(doc);
  const at = (l: number): { start: { line: number; character: number }; end: { line: number; character: number } } => ({ start: { line: l, character: 0 }, end: { line: l, character: 0 } });
  quickFix(l10n.t('Disable {0} for this line', rule), { changes: { [doc.uri]: [{ range: at(line), newText: `${indent}${directiveText(format, 'disable-next-line', rule)}${nl}` }] } });
  const top = topLine(doc, format);
  if (!doc.getText().includes(directiveText(format, 'disable', rule))) {
    quickFix(l10n.t('Disable {0} in this file', rule), { changes: { [doc.uri]: [{ range: at(top), newText: `${directiveText(format, 'disable', rule)}${nl}` }] } });
  }
  if (project) {
    quickFix(l10n.t('Disable {0} in this project (.wenfeng.json)', rule), projectEdit(project, project.text === undefined ? undefined : ruleOffChange(project.text, rule), newConfigText('rules', rule, nl)));
  }
  return out;
}
