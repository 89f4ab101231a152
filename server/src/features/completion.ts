/**
 * Completion items from the core's suggestions: series continuations as snippets, corpus continuations and
 * canonical phrases as text. Each item carries an explicit edit range, because VS Code would otherwise filter
 * the items against the whole run of Han characters before the cursor (its "word").
 */
import * as l10n from '@vscode/l10n';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisResult, CorpusModel, Token } from '../analysis';
import { complete } from '../analysis/complete';

/** LSP completion items at a position. */
export function completionItems(
  doc: TextDocument,
  result: AnalysisResult,
  position: Position,
  tokensOf: (prose: string) => readonly Token[],
  model: CorpusModel | undefined,
): CompletionItem[] {
  const offset = doc.offsetAt(position);
  const text = doc.getText();
  return complete(text, offset, result, tokensOf, model).map((s, i) => {
    const range = { start: doc.positionAt(offset - s.replace), end: position };
    const detail = s.kind === 'series' ? l10n.t('Next item of the series') : s.kind === 'phrase' ? l10n.t('Continuation from the corpus') : l10n.t('Phrase from the corpus');
    return {
      label: s.label,
      kind: s.kind === 'series' ? CompletionItemKind.Snippet : s.kind === 'phrase' ? CompletionItemKind.Text : CompletionItemKind.Keyword,
      detail,
      sortText: String(i).padStart(4, '0'),
      filterText: s.label,
      textEdit: { range, newText: s.insertText },
      insertTextFormat: s.kind === 'series' ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
  });
}
