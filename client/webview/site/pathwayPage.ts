// A pathway's page: its flowchart becomes the interactive one (pan, zoom, a step's detail,
// the walk-through with its facts and scenarios, the changes since a revision), the same
// flowchart as the editor's preview (flowchartApp.ts), fed by the page itself: the data in its
// `data-pw`, and the picture, drawn into the page when it was published with
// `--static-charts`, or else laid out and drawn here from the data's diagram by the core's own
// layout and drawing, as the preview's host draws it. Without readable data the page is left
// as it is.
import { layoutDiagram } from '../../../server/src/core/flowchart/layout';
import { renderSvg } from '../../../server/src/core/flowchart/svg';
import type { SiteData } from '../../../shared/webviewMessages';
import { element } from '../dom';
import { createFlowchartApp } from '../flowchartApp';
import { createPageState } from '../state';
import { parseSvg } from '../svgIntake';
import { createDetailPanel } from './detailPanel';
import { printWhole } from './print';
import { readSiteData } from './siteData';

/** The picture's SVG: the one drawn into the page, or one laid out and drawn from the data. */
async function pictureOf(chart: Element, data: SiteData): Promise<string | undefined> {
  const drawn = chart.querySelector('svg');
  if (drawn) return new XMLSerializer().serializeToString(drawn);
  if (!data.diagram) return undefined;
  const note = chart.querySelector('.pw-chart-note');
  if (note) note.textContent = 'Drawing the flowchart…';
  // Let the note show before the layout takes the page's thread.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  try {
    return renderSvg(await layoutDiagram(data.diagram), { legend: false });
  } catch (error) {
    if (note) {
      note.textContent = `The flowchart could not be drawn (${
        error instanceof Error ? error.message : String(error)
      }). Every step is listed, with its detail, under Steps.`;
    }
    return undefined;
  }
}

/** Turns the page's flowchart into the interactive one, drawing it first when it is not. */
export async function startPathwayPage(): Promise<void> {
  const section = document.getElementById('flowchart');
  const chart = section?.querySelector('.pw-chart');
  if (!section || !chart) return;
  const data = readSiteData(section);
  if (!data) return;
  const picture = await pictureOf(chart, data);
  if (picture === undefined) return;
  // Taken in as the preview takes the host's picture.
  const svg = parseSvg(picture);
  if (typeof svg === 'string') return;

  // Kept for as long as the page is open: a published page has no host to keep it.
  const state = createPageState(location.pathname, undefined, () => undefined);
  const root = element('div', { class: 'pw-app' });
  const detail = createDetailPanel({
    pick: (stepId) => app.showStep(stepId),
    closed: (stepId, opener) => {
      // Back to the step on the chart, or to the button in a panel that opened it.
      const inPanel =
        opener instanceof HTMLElement &&
        opener.isConnected &&
        root.contains(opener) &&
        !opener.matches('.viewport');
      if (inPanel) opener.focus();
      else app.focusStep(stepId);
    },
  });
  chart.replaceWith(root);
  const app = createFlowchartApp(
    root,
    {
      reveal: (stepId) => detail.show(stepId),
      clearRoute: () => undefined,
      escape: () => detail.close(),
    },
    {
      state,
      fills: 'part',
      headings: 3,
      replayRoutes: true,
      panels: [detail.element],
      reveal: {
        shows: 'shows the step’s detail',
        show: 'show its detail',
        tooltip: 'Show the step’s detail',
      },
      moreKeys: 'Escape closes the step’s detail.',
    },
  );
  app.draw(svg, data.walk, data.changes);
  printWhole(app);
}
