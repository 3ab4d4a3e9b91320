// The preview's page script (bundled as a browser IIFE into dist/webview/preview.js): wires the
// rooms together. It shows the flowchart the host sends, pans and zooms it, links clicks back
// to the editor and highlights paths; its view survives hiding and reloads in the webview state.
import type {
  CannotDrawMessage,
  HighlightMessage,
  RenderMessage,
  WalkFact,
  RouteMessage,
  WalkModel,
} from '../../shared/webviewMessages';
import { createChangesPanel } from './changesPanel';
import { createBanner, element } from './dom';
import { readInitialState } from './initialState';
import { createStepKeys } from './keyboard';
import { createLegend } from './legend';
import {
  answer,
  answerByStep,
  fromScenario,
  refit,
  stepBack,
  walkHere,
  walkNews,
  walkRoute,
} from './logic/walk';
import type { Choices } from './logic/walk';
import { markHighlight, markRoute, markSelection, markWalk } from './marks';
import { connectPreview } from './messaging';
import { createRouteBar } from './routeBar';
import { createPageState } from './state';
import { nodeOf, parseSvg, readPicture, type Shown } from './svgIntake';
import { createToolbar } from './toolbar';
import { createViewer } from './view';
import { createWalkPanel } from './walkPanel';

const initial = readInitialState();
const host = connectPreview(initial.source, { render, cannotDraw, highlight, route });
const state = createPageState(initial.source, host.restored, host.keep);
/** What the page shows: the picture, the walk model and version it came with, the cursor's step. */
const shown: Shown & { walk: WalkModel; version: number; highlighted: string | undefined } = {
  picture: undefined,
  walk: { start: undefined, steps: [] },
  version: -1,
  highlighted: undefined,
};

const toolbar = createToolbar(initial.title, {
  'zoom-in': () => viewer.zoomBy(1.25),
  'zoom-out': () => viewer.zoomBy(0.8),
  fit: () => viewer.fit(),
  reset: () => viewer.reset(),
  walk: () => walk(state.current.walk === undefined ? [] : undefined),
  legend: () => {
    state.save({ legendHidden: legend.shown });
    legend.show(!legend.shown);
  },
  'export-svg': () => host.post({ type: 'export', format: 'svg' }),
  'export-html': () => host.post({ type: 'export', format: 'html' }),
});
const banner = createBanner();
const routeBar = createRouteBar(clearRoute);
const viewport = element('main', {
  class: 'viewport',
  tabindex: '-1',
  'aria-label': 'Flowchart',
  'aria-describedby': 'pw-keys',
});
const placeholder = element('div', { class: 'placeholder' }, 'Drawing the pathway…');
const viewer = createViewer(viewport, toolbar.zoomLabel, state, shown, (target) => {
  const id = nodeOf(shown.picture, target)?.dataset['step'];
  if (id !== undefined) {
    takeStep(id);
    // The keyboard goes on from the step clicked (no ring: the pointer put it there).
    keys.focusStep(id);
  } else if (state.current.walk === undefined) select(undefined);
});
const keys = createStepKeys(viewport, shown, takeStep, (node) => viewer.ensureVisible(node));
viewport.append(placeholder, keys.status);
const legend = createLegend(toolbar.legendButton);
const walkPanel = createWalkPanel(toolbar.walkButton, {
  answer: (index) => walk(answer(shown.walk, state.current.walk ?? [], index, facts())),
  back: () => walk(stepBack(shown.walk, state.current.walk ?? [], facts())),
  restart: () => walk([]),
  reveal: activate,
  facts: (next) => {
    const choices = refit(shown.walk, state.current.walk ?? [], facts(), next);
    state.save({ facts: next, scenario: undefined });
    walk(choices);
  },
  scenario: (id) => {
    const started = fromScenario(shown.walk, id);
    if (!started) return;
    state.save({ facts: started.facts, scenario: id });
    walk(started.choices);
  },
  save: (scenario) => host.post({ type: 'saveScenario', scenario }),
});
const changesPanel = createChangesPanel((id) => {
  const node = shown.picture?.nodes.get(id);
  if (node) viewer.ensureVisible(node);
  activate(id);
});
const main = element('div', { class: 'main' });
main.append(changesPanel.element, viewport, walkPanel.element, legend.element);
viewport.append(keys.help);
document.body.append(toolbar.element, banner.element, routeBar.element, main);

function showPicture(svg: SVGSVGElement): void {
  const picture = readPicture(svg);
  // A new picture of the same pathway keeps the reader's place on the step they were on.
  const focused = shown.picture?.svg.contains(document.activeElement)
    ? nodeOf(shown.picture, document.activeElement)?.dataset['step']
    : undefined;
  placeholder.remove();
  if (shown.picture) shown.picture.svg.replaceWith(svg);
  else viewport.append(svg);
  shown.picture = picture;
  keys.relink();
  viewer.restore();
  const { selected } = state.current;
  if (selected !== undefined && !picture.nodes.has(selected)) state.save({ selected: undefined });
  markPaths();
  markHighlight(picture, shown.highlighted);
  keys.setCurrent(
    [
      keys.current,
      state.current.selected,
      walkHere(shown.walk, state.current.walk, facts()),
      picture.starts[0],
      picture.nodes.keys().next().value,
    ].find((id) => id !== undefined && picture.nodes.has(id)),
  );
  // Still the same walk: the up arrow goes back the way the keys came.
  if (focused !== undefined && picture.nodes.has(focused)) keys.refocus(focused);
}

function markPaths(): void {
  if (!shown.picture) return;
  // A scenario's route, while shown, is what the picture marks.
  markRoute(shown.picture, routeBar.shown);
  if (routeBar.shown?.steps.length) return;
  const choices = state.current.walk;
  if (choices !== undefined) {
    markWalk(shown.picture, walkRoute(shown.walk, choices, facts()), (node) =>
      viewer.ensureVisible(node),
    );
  } else {
    markSelection(shown.picture, state.current.selected);
  }
}

function select(id: string | undefined): void {
  state.save({ selected: id });
  markPaths();
}

/** Selects a step (unless walking through) and asks the host to show it in the editor. */
function activate(id: string): void {
  if (state.current.walk === undefined) select(id);
  keys.setCurrent(id);
  host.post({ type: 'reveal', stepId: id });
}

/**
 * A click or Enter on a step: walking through, a step the waiting decision leads to is taken
 * as its answer; otherwise the step is shown in the editor.
 */
function takeStep(id: string): void {
  const choices = state.current.walk;
  const answered =
    choices === undefined ? undefined : answerByStep(shown.walk, choices, id, facts());
  if (answered !== undefined) {
    keys.setCurrent(id);
    walk(answered);
  } else activate(id);
}

/** The facts set in the walk-through. */
function facts(): readonly WalkFact[] {
  return state.current.facts ?? [];
}

function walk(choices: Choices | undefined): void {
  state.save({ walk: choices });
  showWalkPanel();
  markPaths();
  // Tab comes back to where the walk is, unless the reader is on a step of the chart.
  if (!shown.picture?.svg.contains(document.activeElement)) {
    keys.setCurrent(walkHere(shown.walk, choices, facts()));
  }
  // Where the walk has got to is said once, not the whole panel again.
  if (choices !== undefined) keys.say(walkNews(walkRoute(shown.walk, choices, facts())));
}

function showWalkPanel(): void {
  walkPanel.show(shown.walk, state.current.walk, facts(), state.current.scenario);
}

document.addEventListener('keydown', (event) => {
  // Chords belong to the editor (Ctrl+1 focuses it, Ctrl+= zooms the window), not the picture.
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const id = nodeOf(shown.picture, event.target)?.dataset['step'];
  if (id !== undefined && keys.stepKey(id, event)) {
    event.preventDefault();
    return;
  }
  // A field of the facts takes its own keys (digits, arrows, letters to pick a value).
  if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
  // Enter and Space press a focused button; every other key is the page's.
  const pressing = event.key === 'Enter' || event.key === ' ';
  if (event.target instanceof HTMLButtonElement && pressing) return;
  if (event.key === 'Escape') {
    if (routeBar.shown) clearRoute();
    else if (state.current.walk === undefined) select(undefined);
  } else if (!viewer.key(event.key) && !toolbar.key(event.key)) return;
  event.preventDefault();
});

// ---------------------------------------------------------------------------------------
// Messages from the host

function render(message: RenderMessage): void {
  if (message.version < shown.version) return;
  const svg = parseSvg(message.svg);
  if (typeof svg === 'string') {
    banner.show(svg);
    return;
  }
  shown.version = message.version;
  shown.walk = message.walk;
  // The facts stay as set (one for an input being retyped counts again once it is back);
  // the answers still on the route are kept.
  const choices = state.current.walk;
  if (choices !== undefined) state.save({ walk: walkRoute(shown.walk, choices, facts()).choices });
  showWalkPanel();
  routeBar.show(routeBar.shown, shown.walk);
  changesPanel.show(message.compare);
  toolbar.setTitle(message.title);
  document.title = message.title;
  banner.show(undefined);
  showPicture(svg);
}

function cannotDraw(message: CannotDrawMessage): void {
  if (message.version < shown.version) return;
  banner.show(
    shown.picture
      ? `Cannot draw the current text: ${message.message} The last picture drawn is shown.`
      : `Cannot draw the pathway: ${message.message}`,
  );
  if (!shown.picture) placeholder.textContent = 'Nothing to show until the file can be read.';
}

function highlight(message: HighlightMessage): void {
  shown.highlighted = message.stepId;
  if (shown.picture) markHighlight(shown.picture, shown.highlighted);
  const node =
    shown.highlighted === undefined ? undefined : shown.picture?.nodes.get(shown.highlighted);
  if (node) viewer.ensureVisible(node);
}

function route(message: RouteMessage): void {
  const words = routeBar.show(message.scenario, shown.walk);
  markPaths();
  if (words) keys.say(words);
}

/** The reader cleared the route: the host forgets it too, so a reload does not bring it back. */
function clearRoute(): void {
  routeBar.show(undefined, shown.walk);
  markPaths();
  host.post({ type: 'clearRoute' });
}

// The legend lies over the chart, so it waits to be asked for.
legend.show(state.current.legendHidden === false);
showWalkPanel();
host.keep(state.current);
host.post({ type: 'ready' });
