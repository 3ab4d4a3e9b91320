// The audit report as a finished document: Markdown, a page with the flowchart, or the
// content the editor's report panel shows.
import type { Analysis } from '../analysis';
import { buildDiagram } from '../flowchart/diagram';
import { layoutDiagram } from '../flowchart/layout';
import { DIAGRAM_CSS } from '../flowchart/style';
import { renderSvg } from '../flowchart/svg';
import { buildAuditReport, type ReportOptions } from './audit';
import { reportBody, reportHtml, reportMarkdown } from './markup';

export type ReportFormat = 'md' | 'html';

/** The audit report of an analysed pathway, as Markdown or as a page with the flowchart. */
export async function renderReport(
  analysis: Analysis,
  format: ReportFormat,
  options: ReportOptions,
): Promise<string> {
  const report = buildAuditReport(analysis, options);
  if (format === 'md') return reportMarkdown(report);
  const svg = analysis.model
    ? renderSvg(await layoutDiagram(buildDiagram(analysis)), { legend: true })
    : undefined;
  return reportHtml(report, { ...(svg ? { svg } : {}), diagramCss: DIAGRAM_CSS });
}

/** The HTML report's title and content, for a page that brings its own styles (the editor's). */
export async function renderReportBody(
  analysis: Analysis,
  options: ReportOptions,
): Promise<{ title: string; body: string }> {
  const report = buildAuditReport(analysis, options);
  const svg = analysis.model
    ? renderSvg(await layoutDiagram(buildDiagram(analysis)), { legend: true })
    : undefined;
  return { title: report.header.title, body: reportBody(report, svg ? { svg } : {}) };
}
