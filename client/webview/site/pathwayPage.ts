// A pathway's page: the static flowchart becomes the interactive one (pan, zoom, a step's
// detail, the walk-through with its facts and scenarios, the changes since a revision), the
// same flowchart as the editor's preview (flowchartApp.ts), fed by the page itself: the
// picture already in it and the data in its `data-pw`. Without readable data the static page
// is left as it is.
import { element } from '../dom';
import { createFlowchartApp } from '../flowchartApp';
import { createPageState } from '../state';
import { parseSvg } from '../svgIntake';
import { createDetailPanel } from './detailPanel';
import { printWhole } from './print';
import { readSiteData } from './siteData';

/** Turns the page's static flowchart into the interactive one. */
export function startPathwayPage(): void {
  const section = document.getElementById('flowchart');
  const chart = section?.querySelector('.pw-chart');
  const drawn = chart?.querySelector('svg');
  if (!section || !chart || !drawn) return;
  const data = readSiteData(section);
  if (!data) return;
  // Drawn by the generator, but taken in as the preview takes the host's picture.
  const svg = parseSvg(new XMLSerializer().serializeToString(drawn));
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
