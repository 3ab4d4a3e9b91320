// The preview's page script (bundled as a browser IIFE into dist/webview/preview.js): the
// interactive flowchart (flowchartApp.ts) fed by the host. It shows the flowchart the host
// sends, links clicks back to the editor, exports the picture and saves a walk as a scenario;
// its view survives hiding and reloads in the webview state.
import type {
  CannotDrawMessage,
  HighlightMessage,
  RenderMessage,
  RouteMessage,
} from '../../shared/webviewMessages';
import { createFlowchartApp } from './flowchartApp';
import { readInitialState } from './initialState';
import { connectPreview } from './messaging';
import { createPageState } from './state';
import { parseSvg } from './svgIntake';

const initial = readInitialState();
const host = connectPreview(initial.source, { render, cannotDraw, highlight, route });
const state = createPageState(initial.source, host.restored, host.keep);
/** The version of the document last drawn: an older message is stale. */
let version = -1;

const app = createFlowchartApp(
  document.body,
  {
    reveal: (stepId) => host.post({ type: 'reveal', stepId }),
    clearRoute: () => host.post({ type: 'clearRoute' }),
    exportPicture: (format) => host.post({ type: 'export', format }),
    saveScenario: (scenario) => host.post({ type: 'saveScenario', scenario }),
    openPathway: (stepId) => host.post({ type: 'openPathway', stepId }),
  },
  {
    state,
    title: initial.title,
    fills: 'page',
    headings: 2,
    reveal: {
      shows: 'shows the step in the editor',
      show: 'show it in the editor',
      tooltip: 'Show in the editor',
    },
  },
);

function render(message: RenderMessage): void {
  if (message.version < version) return;
  const svg = parseSvg(message.svg);
  if (typeof svg === 'string') {
    app.warn(svg);
    return;
  }
  version = message.version;
  app.setTitle(message.title);
  document.title = message.title;
  app.warn(undefined);
  app.draw(svg, message.walk, message.compare);
}

function cannotDraw(message: CannotDrawMessage): void {
  if (message.version < version) return;
  app.warn(
    app.drawn
      ? `Cannot draw the current text: ${message.message} The last picture drawn is shown.`
      : `Cannot draw the pathway: ${message.message}`,
  );
  if (!app.drawn) app.waiting('Nothing to show until the file can be read.');
}

function highlight(message: HighlightMessage): void {
  app.highlight(message.stepId);
}

function route(message: RouteMessage): void {
  app.showRoute(message.scenario);
}

host.keep(state.current);
host.post({ type: 'ready' });
