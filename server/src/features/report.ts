/**
 * The server's side of the report view (issue 17): answers `wenfeng/report` with the report model of an open
 * document, from its latest analysis (re-analysed when stale).
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ReportParams } from '../../../protocol/protocol';
import type { AnalysisResult } from '../analysis';
import { buildReportModel, type ReportModel } from '../report/model';

/** The document's name for the report's title: the last segment of its URI, decoded. */
export function titleOf(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').split('/').pop() ?? uri;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The report model of `params.uri`, or null when the document is not open or not checked. */
export async function reportFor(
  params: ReportParams,
  documentOf: (uri: string) => TextDocument | undefined,
  fresh: (uri: string) => Promise<AnalysisResult | undefined>,
): Promise<ReportModel | null> {
  const doc = documentOf(params.uri);
  if (!doc) {
    return null;
  }
  const version = doc.version;
  const result = await fresh(params.uri);
  const now = documentOf(params.uri);
  if (!result || !now || now.version !== version) {
    return null;
  }
  return buildReportModel(result, now.getText(), titleOf(params.uri));
}
