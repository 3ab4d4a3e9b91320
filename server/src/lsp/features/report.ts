// The audit report the editor's report panel shows, as `pathway report --format html` writes it.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ReportResult } from '../../../../shared/serverRequests';
import { renderReportBody, type Analysis } from '../../core';
import { cannotDraw, stepLines } from './preview';

/** The audit report of the document's analysed version, as `pathway report --format html`. */
export async function auditReport(
  analysis: Analysis,
  document: TextDocument,
  date: string,
): Promise<ReportResult> {
  const { uri, version } = document;
  const model = analysis.model;
  if (!model) return { uri, version, error: cannotDraw(analysis) };
  // Taken before the layout is awaited, as in the preview.
  const steps = stepLines(analysis, model);
  const { title, body } = await renderReportBody(analysis, { date });
  return { uri, version, title, html: body, steps };
}
