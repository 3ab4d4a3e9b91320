// The audit report as a finished document: Markdown, a page with the flowchart, or the
// content the editor's report panel shows.
import type { Analysis } from '../analysis';
import { buildDiagram } from '../flowchart/diagram';
import { layoutDiagram, type LaidOutDiagram } from '../flowchart/layout';
import { diagramCssFor } from '../flowchart/style';
import { renderSvg } from '../flowchart/svg';
import { buildAuditReport, type ReportOptions } from './audit';
import { reportBody, reportHtml, reportMarkdown } from './markup';

export type ReportFormat = 'md' | 'html';

/** Room around the drawing, and above a step for the words over it (its problem mark, "Start"). */
const MARGIN = 8;
const MARK = 16;

/**
 * The flowchart's picture cropped to what is drawn in it (steps, arrows, their words and the
 * legend below them), so that the report's chart starts with the chart and not with the
 * layout's margins. A picture drawn some other way is left as it is.
 */
export function cropToContent(svg: string, diagram: LaidOutDiagram): string {
  const size = /^<svg [^>]*?viewBox="0 0 ([\d.]+) ([\d.]+)" width="[\d.]+" height="[\d.]+"/.exec(
    svg,
  );
  if (!size || diagram.nodes.length === 0) return svg;
  const width = Number(size[1]);
  const height = Number(size[2]);
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  const take = (x0: number, y0: number, x1: number, y1: number): void => {
    left = Math.min(left, x0);
    top = Math.min(top, y0);
    right = Math.max(right, x1);
    bottom = Math.max(bottom, y1);
  };
  for (const n of diagram.nodes) {
    const marked = n.isStart || n.messages.length > 0;
    take(n.x, n.y - (marked ? MARK : 0), n.x + n.width, n.y + n.height);
  }
  for (const e of diagram.edges) {
    for (const p of e.points) take(p.x, p.y, p.x, p.y);
    const b = e.labelBox;
    if (b) take(b.x, b.y, b.x + b.width, b.y + b.height);
  }
  // The legend, when drawn, fills the picture's full width below the steps.
  if (height > diagram.height) take(MARGIN * 2, diagram.height, width - MARGIN, height - MARGIN);
  const x = Math.max(0, left - MARGIN);
  const y = Math.max(0, top - MARGIN);
  const w = Math.min(width, right + MARGIN) - x;
  const h = Math.min(height, bottom + MARGIN) - y;
  if (!(w > 0 && h > 0)) return svg;
  const num = (n: number): string => String(Math.round(n * 10) / 10);
  return svg.replace(
    size[0],
    size[0]
      .replace(/viewBox="[^"]*"/, `viewBox="${num(x)} ${num(y)} ${num(w)} ${num(h)}"`)
      .replace(/width="[^"]*"/, `width="${num(w)}"`)
      .replace(/height="[^"]*"/, `height="${num(h)}"`),
  );
}

async function chartOf(analysis: Analysis): Promise<string | undefined> {
  if (!analysis.model) return undefined;
  const diagram = await layoutDiagram(buildDiagram(analysis));
  return cropToContent(renderSvg(diagram, { legend: true }), diagram);
}

/** The audit report of an analysed pathway, as Markdown or as a page with the flowchart. */
export async function renderReport(
  analysis: Analysis,
  format: ReportFormat,
  options: ReportOptions,
): Promise<string> {
  const report = buildAuditReport(analysis, options);
  if (format === 'md') return reportMarkdown(report);
  const svg = await chartOf(analysis);
  return reportHtml(report, { ...(svg ? { svg } : {}), diagramCss: diagramCssFor(analysis) });
}

/** The HTML report's title and content, for a page that brings its own styles (the editor's). */
export async function renderReportBody(
  analysis: Analysis,
  options: ReportOptions,
): Promise<{ title: string; body: string }> {
  const report = buildAuditReport(analysis, options);
  const svg = await chartOf(analysis);
  return { title: report.header.title, body: reportBody(report, svg ? { svg } : {}) };
}
