// The flowchart of a pathway as a file: an SVG, or a standalone HTML page around it.
import type { Analysis } from '../analysis';
import { buildDiagram, type DiagramOptions } from './diagram';
import { renderHtmlPage } from './html';
import { layoutDiagram } from './layout';
import { diagramCssFor } from './style';
import { renderSvg } from './svg';

export type PictureFormat = 'svg' | 'html';

/** The flowchart of an analysed pathway as an SVG file or a standalone HTML page. */
export async function renderPicture(
  analysis: Analysis,
  format: PictureFormat,
  options: DiagramOptions = {},
): Promise<string> {
  const laidOut = await layoutDiagram(buildDiagram(analysis, options));
  if (format === 'svg') return `${renderSvg(laidOut, { legend: true, embedStyle: true })}\n`;
  return renderHtmlPage(
    renderSvg(laidOut, { legend: true }),
    analysis.model,
    diagramCssFor(analysis),
  );
}
