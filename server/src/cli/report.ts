/**
 * `wenfeng report <file> [-o report.html] [--locale zh-CN|en]`: the report page of one file (issue 17), standalone
 * (no remote resources, a strict Content-Security-Policy), for CI artifacts. The page is rendered by the renderer the
 * editor's report view uses (server/src/report/html.ts).
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as l10n from '@vscode/l10n';
import type { AnalysisResult } from '../analysis';
import { renderReport } from '../report/html';
import { buildReportModel } from '../report/model';
import type { Lang } from '../shared/messages';

/** The standalone page of an analysis of `text` (language already chosen with useLanguage). */
export function reportPage(result: AnalysisResult, text: string, file: string, lang: Lang): string {
  const title = file === '-' ? l10n.t('standard input') : path.basename(file);
  return renderReport(buildReportModel(result, text, title), { l10n, lang: lang === 'zh-cn' ? 'zh-CN' : 'en', nonce: randomBytes(16).toString('base64') });
}

/** Writes the page to `outFile`, or to standard output without one; returns an error message or undefined. */
export function writeReport(page: string, outFile: string | undefined, out: (s: string) => void): string | undefined {
  if (outFile === undefined || outFile === '-') {
    out(page);
    return undefined;
  }
  try {
    fs.writeFileSync(outFile, page);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}
