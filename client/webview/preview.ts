// The preview's page script (bundled as a browser IIFE into dist/webview/preview.js). It
// shows the flowchart the host sends, pans and zooms it, links clicks back to the editor and
// highlights paths; its view survives hiding and window reloads through the webview state.
import type {
  FromWebviewMessage,
  RenderMessage,
  ToWebviewMessage,
  WalkModel,
  WalkStep,
  WebviewState,
} from '../../shared/webviewMessages';
import { readInitialState } from './initialState';

interface VsCodeApi {
  postMessage(message: FromWebviewMessage): void;
  getState(): WebviewState | undefined;
  setState(state: WebviewState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const SVG_NS = 'http://www.w3.org/2000/svg';
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 4;
/** A fitted picture is never blown up past this: a three-step pathway stays readable. */
const MAX_FIT_ZOOM = 1.25;
/** Pointer travel (px) that turns a press into a drag rather than a click. */
const DRAG_THRESHOLD = 4;
/** The narrowest window (px) that shows the legend beside the picture unasked. */
const WIDE_ENOUGH_FOR_LEGEND = 760;
/** How far (px) an arrow key moves the picture. */
const PAN_STEP = 60;

/** The elements and attributes the core draws with; anything else is dropped on arrival. */
const SVG_ELEMENTS = new Set([
  'svg',
  'g',
  'title',
  'desc',
  'defs',
  'marker',
  'path',
  'rect',
  'polygon',
  'polyline',
  'line',
  'circle',
  'ellipse',
  'text',
  'tspan',
]);

const vscode = acquireVsCodeApi();
const initial = readInitialState();
const restored = vscode.getState();
let state: WebviewState =
  restored?.source === initial.source ? restored : { source: initial.source };

function post(message: FromWebviewMessage): void {
  vscode.postMessage(message);
}

function saveState(change: Partial<WebviewState>): void {
  state = { ...state, ...change, source: initial.source };
  vscode.setState(state);
}

// ---------------------------------------------------------------------------------------
// The page

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function button(action: string, label: string, title: string): HTMLButtonElement {
  return element('button', { type: 'button', 'data-action': action, title }, label);
}

const toolbar = element('header', { class: 'toolbar' });
const titleText = element('h1', { class: 'title' }, initial.title);
const zoomLevel = element('span', { class: 'zoom-level', 'aria-live': 'polite' }, '');
const legendButton = button('legend', 'Legend', 'Show or hide the legend');
const walkButton = button(
  'walk',
  'Walk through',
  'Walk a patient through the pathway: answer each decision, see the recommendations met',
);
toolbar.append(
  titleText,
  button('zoom-out', '−', 'Zoom out (−)'),
  zoomLevel,
  button('zoom-in', '+', 'Zoom in (+)'),
  button('fit', 'Fit', 'Fit to the window (0)'),
  button('reset', '100%', 'Actual size (1)'),
  element('span', { class: 'separator' }),
  walkButton,
  legendButton,
  button('export-svg', 'Export SVG', 'Save the picture as an SVG file'),
  button('export-html', 'Export HTML', 'Save the picture as a standalone web page'),
);

const banner = element('div', { class: 'banner', role: 'alert' });
banner.hidden = true;
const viewport = element('main', {
  class: 'viewport',
  tabindex: '-1',
  'aria-label': 'Flowchart',
  'aria-describedby': 'pw-keys',
});
const placeholder = element('div', { class: 'placeholder' }, 'Drawing the pathway…');
/** Says what a key did when focus cannot show it (no step that way). */
const status = element('div', { class: 'visually-hidden', role: 'status' });
viewport.append(placeholder, status);

// ---------------------------------------------------------------------------------------
// The legend, drawn with the diagram's own classes so it follows the theme

function swatch(draw: (g: SVGGElement) => void, classes: string, width = 34, height = 20): Element {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'pathway-diagram swatch');
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('aria-hidden', 'true');
  const g = document.createElementNS(SVG_NS, 'g');
  g.setAttribute('class', classes);
  draw(g);
  svg.append(g);
  return svg;
}

function svgChild(parent: Element, tag: string, attributes: Record<string, string>): Element {
  const child = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) child.setAttribute(name, value);
  parent.append(child);
  return child;
}

const box =
  (rx: string, band = false) =>
  (g: SVGGElement): void => {
    svgChild(g, 'rect', { class: 'shape', x: '2', y: '3', width: '30', height: '14', rx });
    if (band) svgChild(g, 'rect', { class: 'band', x: '2', y: '3', width: '5', height: '14' });
  };

const arrow = (g: SVGGElement): void => {
  svgChild(g, 'path', { d: 'M2,10 L26,10' });
  svgChild(g, 'path', { class: 'arrowhead', d: 'M25,6 L32,10 L25,14 z' });
};

function buildLegend(): HTMLElement {
  const aside = element('aside', { class: 'legend-panel pathway-diagram', 'aria-label': 'Legend' });
  const section = (heading: string, rows: [Element, string][]): void => {
    aside.append(element('h2', {}, heading));
    const list = element('ul');
    for (const [picture, words] of rows) {
      const item = element('li');
      item.append(picture, element('span', {}, words));
      list.append(item);
    }
    aside.append(list);
  };
  section('Steps', [
    [swatch(box('3'), 'node kind-assessment'), 'assessment'],
    [
      swatch((g) => {
        box('1')(g);
        svgChild(g, 'line', { class: 'shape', x1: '7', y1: '3', x2: '7', y2: '17' });
        svgChild(g, 'line', { class: 'shape', x1: '27', y1: '3', x2: '27', y2: '17' });
      }, 'node kind-action'),
      'action',
    ],
    [swatch(box('3', true), 'node kind-recommendation certainty-moderate'), 'recommendation'],
    [
      swatch((g) => {
        svgChild(g, 'polygon', { class: 'shape', points: '17,1 33,10 17,19 1,10' });
      }, 'node kind-decision'),
      'decision',
    ],
    [swatch(box('7'), 'node kind-end'), 'end'],
  ]);
  section('Recommendations (GRADE)', [
    [swatch(box('3', true), 'node kind-recommendation certainty-high'), '⊕⊕⊕⊕ high certainty'],
    [
      swatch(box('3', true), 'node kind-recommendation certainty-moderate'),
      '⊕⊕⊕◯ moderate certainty',
    ],
    [swatch(box('3', true), 'node kind-recommendation certainty-low'), '⊕⊕◯◯ low certainty'],
    [
      swatch(box('3', true), 'node kind-recommendation certainty-very-low'),
      '⊕◯◯◯ very low certainty',
    ],
    [
      swatch(box('3'), 'node kind-recommendation strength-strong'),
      'thick border: strong recommendation',
    ],
    [
      swatch(box('3'), 'node kind-recommendation strength-conditional'),
      'thin border: conditional recommendation',
    ],
    [element('span', { class: 'glyph' }, '✓ ✗'), 'for / against; “2 refs”: citations'],
  ]);
  section('Arrows', [
    [swatch(arrow, 'edge edge-next'), 'next step, or a branch with its condition'],
    [swatch(arrow, 'edge edge-otherwise'), 'otherwise'],
  ]);
  section('Problems', [
    [swatch(box('3'), 'node severity-error'), '✖ errors on the step (hover for details)'],
    [swatch(box('3'), 'node severity-warning'), '▲ warnings on the step'],
    [swatch(box('3'), 'node unreachable'), 'faded and dashed: not reachable from the start'],
  ]);
  const key = (keys: string): Element => element('kbd', { class: 'glyph' }, keys);
  section('Keys on a step', [
    [key('↓'), 'follow its arrow to the next step'],
    [key('↑'), 'back to the step before'],
    [key('← →'), 'the other branches of the step before'],
    [key('Home'), 'the start'],
    [key('Enter'), 'show it in the editor; walking through, take that branch'],
    [key('⇧ ↑↓←→'), 'move the picture'],
    [key('+ − 0 1'), 'zoom, fit, actual size'],
  ]);
  return aside;
}

/** The flowchart's keys in one sentence, read out with it. */
const keysHelp = element(
  'p',
  { id: 'pw-keys', class: 'visually-hidden' },
  'On a step: Down arrow follows its arrow to the next step, Up arrow goes back, Left and ' +
    'Right arrows move between the branches of the step before, Home goes to the start, and ' +
    'Enter shows the step in the editor or, walking through, takes that branch. Shift and ' +
    'the arrows move the picture.',
);

const legend = buildLegend();
const walkPanel = element('aside', { class: 'walk-panel', 'aria-label': 'Walk-through' });
walkPanel.hidden = true;
const changesPanel = element('aside', { class: 'changes-panel', 'aria-label': 'Changes' });
changesPanel.hidden = true;
const main = element('div', { class: 'main' });
main.append(changesPanel, viewport, walkPanel, legend);
viewport.append(keysHelp);
document.body.append(toolbar, banner, main);

function showLegend(shown: boolean): void {
  legend.hidden = !shown;
  legendButton.setAttribute('aria-pressed', String(shown));
}

// ---------------------------------------------------------------------------------------
// The picture

interface Picture {
  readonly svg: SVGSVGElement;
  readonly width: number;
  readonly height: number;
  readonly nodes: ReadonlyMap<string, SVGGElement>;
  readonly edges: readonly SVGGElement[];
}

let picture: Picture | undefined;
let walkData: WalkModel = { start: undefined, steps: [] };
let shownVersion = -1;
let highlighted: string | undefined;

/** Parses the host's SVG as XML (never as HTML) and keeps only what the core draws with. */
function parseSvg(text: string): SVGSVGElement | string {
  const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = parsed.documentElement;
  if (parsed.getElementsByTagName('parsererror').length > 0 || root.localName !== 'svg') {
    return 'The picture could not be read.';
  }
  for (const node of [...root.querySelectorAll('*')]) {
    if (node.namespaceURI !== SVG_NS || !SVG_ELEMENTS.has(node.localName)) {
      node.remove();
      continue;
    }
    for (const attribute of [...node.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || name.endsWith('href') || name === 'style') {
        node.removeAttribute(attribute.name);
      }
    }
  }
  return document.importNode(root, true) as unknown as SVGSVGElement;
}

function showPicture(svg: SVGSVGElement): void {
  const box = svg.viewBox.baseVal;
  const nodes = new Map<string, SVGGElement>();
  for (const node of svg.querySelectorAll<SVGGElement>('g.node[data-step]')) {
    nodes.set(node.dataset['step'] ?? '', node);
    // Here a step does something: it is a button, reached with the arrow keys (one tab stop).
    const face = faceOf(node);
    face?.setAttribute('role', 'button');
    face?.setAttribute('tabindex', '-1');
  }
  const edges = [...svg.querySelectorAll<SVGGElement>('g.edge[data-from][data-to]')];
  svg.setAttribute('width', '100%');
  svg.setAttribute('height', '100%');
  svg.setAttribute('preserveAspectRatio', 'xMinYMin meet');
  // A new picture of the same pathway keeps the reader's place on the step they were on.
  const focused = picture?.svg.contains(document.activeElement)
    ? nodeOf(document.activeElement)?.dataset['step']
    : undefined;
  placeholder.remove();
  if (picture) picture.svg.replaceWith(svg);
  else viewport.append(svg);
  picture = { svg, width: box.width || 1, height: box.height || 1, nodes, edges };
  links = linksOf(edges);
  if (state.fitted) fit();
  else if (state.view) applyView(state.view);
  else initialView();
  if (state.selected !== undefined && !nodes.has(state.selected))
    saveState({ selected: undefined });
  markPaths();
  markHighlight();
  const first = [...nodes.values()].find((node) => node.classList.contains('start'));
  setCurrent(
    [tabStop, state.selected, walkHere(), first?.dataset['step'], nodes.keys().next().value].find(
      (id) => id !== undefined && nodes.has(id),
    ),
  );
  if (focused !== undefined && nodes.has(focused)) {
    // Still the same walk: the up arrow goes back the way the keys came.
    moving = focused;
    focusStep(focused);
    moving = undefined;
  }
}

// ---------------------------------------------------------------------------------------
// Steps from the keyboard: one tab stop (the current step), the arrow keys along the arrows

/** The core draws each step with an outline named in words: the step's face to the keyboard. */
function faceOf(node: SVGGElement | undefined): SVGElement | null {
  return node?.querySelector<SVGElement>(':scope > .outline') ?? null;
}

interface Links {
  /** Where each step leads, in the order its arrows are written. */
  readonly exits: ReadonlyMap<string, readonly string[]>;
  /** The steps leading to each step. */
  readonly entries: ReadonlyMap<string, readonly string[]>;
}

let links: Links = { exits: new Map(), entries: new Map() };
/** The step Tab comes back to. */
let tabStop: string | undefined;
/** The steps left by the down arrow, so that the up arrow goes back the same way. */
let trail: string[] = [];
/** The step an arrow key is moving focus to (focus from elsewhere forgets the trail). */
let moving: string | undefined;

function linksOf(edges: readonly SVGGElement[]): Links {
  const exits = new Map<string, string[]>();
  const entries = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, value: string): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    map.set(key, list);
  };
  for (const edge of edges) {
    const from = edge.dataset['from'] ?? '';
    const to = edge.dataset['to'] ?? '';
    add(exits, from, to);
    add(entries, to, from);
  }
  return { exits, entries };
}

function setCurrent(id: string | undefined): void {
  if (!picture || id === undefined || !picture.nodes.has(id)) return;
  if (tabStop !== undefined && tabStop !== id) {
    faceOf(picture.nodes.get(tabStop))?.setAttribute('tabindex', '-1');
  }
  faceOf(picture.nodes.get(id))?.setAttribute('tabindex', '0');
  tabStop = id;
}

function focusStep(id: string): boolean {
  const face = faceOf(picture?.nodes.get(id));
  if (!face) return false;
  setCurrent(id);
  face.focus({ preventScroll: true });
  return true;
}

/** Tells a screen reader what a key did when focus cannot (no step that way). */
function say(words: string): void {
  status.textContent = status.textContent === words ? `${words}\u00a0` : words;
}

function moveTo(id: string): void {
  status.textContent = '';
  moving = id;
  focusStep(id);
  moving = undefined;
}

/** The step `id` was reached from: the one the down arrow left, else the first leading here. */
function parentOf(id: string): string | undefined {
  const before = links.entries.get(id) ?? [];
  const last = trail.at(-1);
  return last !== undefined && before.includes(last) ? last : before[0];
}

function followArrow(id: string): void {
  const next = links.exits.get(id)?.[0];
  if (next === undefined) {
    say(
      picture?.nodes.get(id)?.classList.contains('kind-end')
        ? 'The pathway ends here.'
        : 'No arrow leads on from this step.',
    );
    return;
  }
  trail.push(id);
  moveTo(next);
}

function goBack(id: string): void {
  const parent = parentOf(id);
  if (parent === undefined) {
    say('No step leads here.');
    return;
  }
  if (trail.at(-1) === parent) trail.pop();
  else trail = [];
  moveTo(parent);
}

function sibling(id: string, step: 1 | -1): void {
  const parent = parentOf(id);
  const siblings = parent === undefined ? [] : (links.exits.get(parent) ?? []);
  const next = siblings[siblings.indexOf(id) + step];
  if (parent === undefined || next === undefined) {
    say(siblings.length > 1 ? 'No other branch this way.' : 'The step before has no other branch.');
    return;
  }
  if (trail.at(-1) !== parent) trail = [parent];
  moveTo(next);
}

/** What a key does on a step; false leaves the key to the picture (Shift and arrows pan). */
function stepKey(id: string, event: KeyboardEvent): boolean {
  if (event.key === 'Enter' || event.key === ' ') {
    takeStep(id);
    return true;
  }
  if (event.shiftKey) return false;
  switch (event.key) {
    case 'ArrowDown':
      followArrow(id);
      return true;
    case 'ArrowUp':
      goBack(id);
      return true;
    case 'ArrowLeft':
      sibling(id, -1);
      return true;
    case 'ArrowRight':
      sibling(id, 1);
      return true;
    case 'Home': {
      const start = [...(picture?.nodes ?? [])].find(([, n]) => n.classList.contains('start'));
      trail = [];
      if (start) moveTo(start[0]);
      else say('The pathway has no start step.');
      return true;
    }
    default:
      return false;
  }
}

function showBanner(message: string | undefined): void {
  banner.textContent = message ?? '';
  banner.hidden = message === undefined;
}

// ---------------------------------------------------------------------------------------
// Pan and zoom: the SVG fills the viewport and its viewBox is the visible part of the diagram

interface View {
  readonly zoom: number;
  readonly x: number;
  readonly y: number;
}

function currentView(): View {
  return state.view ?? { zoom: 1, x: 0, y: 0 };
}

function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

function applyView(view: View, fitted = false): void {
  const zoom = clampZoom(view.zoom);
  const next = { zoom, x: view.x, y: view.y };
  saveState({ view: next, fitted });
  zoomLevel.textContent = `${Math.round(zoom * 100)}%`;
  if (!picture) return;
  const width = Math.max(1, viewport.clientWidth) / zoom;
  const height = Math.max(1, viewport.clientHeight) / zoom;
  picture.svg.setAttribute('viewBox', `${next.x} ${next.y} ${width} ${height}`);
}

/** The whole diagram in the window, centred. */
function fit(): void {
  if (!picture) return;
  const width = Math.max(1, viewport.clientWidth);
  const height = Math.max(1, viewport.clientHeight);
  const zoom = clampZoom(Math.min(width / picture.width, height / picture.height, MAX_FIT_ZOOM));
  applyView(
    {
      zoom,
      x: picture.width / 2 - width / zoom / 2,
      y: picture.height / 2 - height / zoom / 2,
    },
    true,
  );
}

/** Below this a fitted picture's words are too small to read: show its top half readable. */
const MIN_READABLE_ZOOM = 0.6;

/**
 * The first view of a picture: all of it when that stays readable, else its top as wide as
 * fits, across from the start step.
 */
function initialView(): void {
  if (!picture) return;
  const width = Math.max(1, viewport.clientWidth);
  const height = Math.max(1, viewport.clientHeight);
  if (Math.min(width / picture.width, height / picture.height) >= MIN_READABLE_ZOOM) {
    fit();
    return;
  }
  const zoom = Math.max(MIN_READABLE_ZOOM, Math.min(1, width / picture.width));
  const visible = width / zoom;
  let x = picture.width / 2 - visible / 2;
  const start = [...picture.nodes.values()].find((node) => node.classList.contains('start'));
  if (start && visible < picture.width) {
    const box = boxOf(start);
    x = Math.min(Math.max(0, box.x + box.width / 2 - visible / 2), picture.width - visible);
  }
  applyView({ zoom, x, y: 0 });
}

/** Actual size, the top of the diagram at the top, centred across. */
function reset(): void {
  if (!picture) return;
  const width = Math.max(1, viewport.clientWidth);
  applyView({ zoom: 1, x: picture.width / 2 - width / 2, y: 0 });
}

/** Zooms by `factor`, keeping the diagram point under (px, py) of the viewport in place. */
function zoomBy(
  factor: number,
  px = viewport.clientWidth / 2,
  py = viewport.clientHeight / 2,
): void {
  const view = currentView();
  const zoom = clampZoom(view.zoom * factor);
  applyView({
    zoom,
    x: view.x + px / view.zoom - px / zoom,
    y: view.y + py / view.zoom - py / zoom,
  });
}

function panBy(dx: number, dy: number): void {
  const view = currentView();
  applyView({ zoom: view.zoom, x: view.x - dx / view.zoom, y: view.y - dy / view.zoom });
}

/** A node's box in diagram coordinates. */
function boxOf(node: SVGGElement): { x: number; y: number; width: number; height: number } {
  const box = node.getBBox();
  const matrix = node.transform.baseVal.consolidate()?.matrix;
  return {
    x: (matrix?.e ?? 0) + box.x,
    y: (matrix?.f ?? 0) + box.y,
    width: box.width,
    height: box.height,
  };
}

/** Brings a node into view when none of it is visible (the cursor moved to it in the editor). */
function ensureVisible(node: SVGGElement): void {
  if (!picture) return;
  const box = boxOf(node);
  const { x: left, y: top } = box;
  const view = currentView();
  const width = viewport.clientWidth / view.zoom;
  const height = viewport.clientHeight / view.zoom;
  const outside =
    left + box.width < view.x ||
    left > view.x + width ||
    top + box.height < view.y ||
    top > view.y + height;
  if (!outside) return;
  applyView({
    zoom: view.zoom,
    x: left + box.width / 2 - width / 2,
    y: top + box.height / 2 - height / 2,
  });
}

// ---------------------------------------------------------------------------------------
// Selection: every path from the start through the selected step to an end

function reach(from: Iterable<string>, next: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  return seen;
}

/** The steps and links on some path start → … → step → … → end. */
function pathsThrough(current: Picture, id: string): { nodes: Set<string>; edges: Set<Element> } {
  const forward = new Map<string, string[]>();
  const backward = new Map<string, string[]>();
  for (const edge of current.edges) {
    const from = edge.dataset['from'] ?? '';
    const to = edge.dataset['to'] ?? '';
    forward.set(from, [...(forward.get(from) ?? []), to]);
    backward.set(to, [...(backward.get(to) ?? []), from]);
  }
  const starts = [...current.nodes].filter(([, n]) => n.classList.contains('start'));
  const ends = [...current.nodes].filter(([, n]) => n.classList.contains('kind-end'));
  const fromStart = reach(
    starts.map(([s]) => s),
    forward,
  );
  const toSelected = reach([id], backward);
  // Before the step: what the start reaches and leads to it (everything leading to it when
  // the start does not reach it). After: what it reaches and leads to an end (all it
  // reaches when no end can be reached).
  const before = fromStart.has(id)
    ? new Set([...toSelected].filter((n) => fromStart.has(n)))
    : toSelected;
  const fromSelected = reach([id], forward);
  const toEnd = reach(
    ends.map(([e]) => e),
    backward,
  );
  const after = toEnd.has(id)
    ? new Set([...fromSelected].filter((n) => toEnd.has(n)))
    : fromSelected;
  const edges = new Set<Element>();
  for (const edge of current.edges) {
    const from = edge.dataset['from'] ?? '';
    const to = edge.dataset['to'] ?? '';
    if ((before.has(from) && before.has(to)) || (after.has(from) && after.has(to))) {
      edges.add(edge);
    }
  }
  return { nodes: new Set([...before, ...after]), edges };
}

function markPaths(): void {
  if (!picture) return;
  if (state.walk !== undefined) {
    markWalk(picture, walkRoute(state.walk));
    return;
  }
  for (const node of picture.nodes.values()) faceOf(node)?.removeAttribute('aria-current');
  const selected = state.selected;
  const onPath = selected !== undefined ? pathsThrough(picture, selected) : undefined;
  for (const [id, node] of picture.nodes) {
    node.classList.toggle('selected', id === selected);
    node.classList.toggle('on-path', onPath?.nodes.has(id) === true);
    node.classList.toggle('dimmed', onPath !== undefined && !onPath.nodes.has(id));
  }
  for (const edge of picture.edges) {
    edge.classList.toggle('on-path', onPath?.edges.has(edge) === true);
    edge.classList.toggle('dimmed', onPath !== undefined && !onPath.edges.has(edge));
  }
}

function select(id: string | undefined): void {
  saveState({ selected: id });
  markPaths();
}

function markHighlight(): void {
  if (!picture) return;
  for (const [id, node] of picture.nodes) node.classList.toggle('highlighted', id === highlighted);
}

/** Selects a step (unless walking through) and asks the host to show it in the editor. */
function activate(id: string): void {
  if (state.walk === undefined) select(id);
  setCurrent(id);
  post({ type: 'reveal', source: initial.source, stepId: id });
}

/**
 * A click or Enter on a step: walking through, a step the waiting decision leads to is taken
 * as its answer; otherwise the step is shown in the editor.
 */
function takeStep(id: string): void {
  if (state.walk !== undefined) {
    const route = walkRoute(state.walk);
    const answer = route.waiting?.exits.findIndex((exit) => exit.to === id) ?? -1;
    if (answer >= 0) {
      setCurrent(id);
      walk([...route.choices, answer]);
      return;
    }
  }
  activate(id);
}

/** Walking through: the step the walk has reached. */
function walkHere(): string | undefined {
  return state.walk === undefined ? undefined : walkRoute(state.walk).steps.at(-1);
}

// ---------------------------------------------------------------------------------------
// Walk-through: from the start, the reader answers each decision; the steps between
// decisions are walked on their own, and the recommendations met are gathered.

interface Route {
  /** The steps walked, in order, the current one last. */
  readonly steps: readonly string[];
  readonly moves: readonly (readonly [string, string])[];
  /** The choices that were followed (a later edit may have removed some). */
  readonly choices: readonly number[];
  /** The decision waiting for an answer. */
  readonly waiting?: WalkStep;
  /** The end reached. */
  readonly ended?: WalkStep;
  /** Why the walk cannot go on, when it stopped elsewhere. */
  readonly stuck?: string;
}

function walkRoute(choices: readonly number[]): Route {
  const byId = new Map(walkData.steps.map((step) => [step.id, step]));
  const steps: string[] = [];
  const moves: (readonly [string, string])[] = [];
  const taken: number[] = [];
  const route = (end: Partial<Route>): Route => ({ steps, moves, choices: taken, ...end });
  let id = walkData.start;
  if (id === undefined) return route({ stuck: 'The pathway has no start step to walk from.' });
  // Steps walked since the last answer: meeting one again is a loop no answer leaves.
  let sinceAnswer = new Set<string>();
  for (;;) {
    const step: WalkStep | undefined = byId.get(id);
    if (!step) return route({ stuck: `No step “${id}” to go on to.` });
    steps.push(id);
    if (step.kind === 'end') return route({ ended: step });
    let to: string | undefined;
    if (step.kind === 'decision') {
      const choice = choices[taken.length];
      const exit = choice === undefined ? undefined : step.exits[choice];
      if (choice === undefined || !exit) return route({ waiting: step });
      taken.push(choice);
      sinceAnswer = new Set();
      to = exit.to;
    } else {
      if (sinceAnswer.has(id))
        return route({ stuck: 'These steps loop with no decision to leave them.' });
      sinceAnswer.add(id);
      to = step.exits[0]?.to;
      if (to === undefined) return route({ stuck: `“${step.title}” leads nowhere.` });
    }
    moves.push([id, to]);
    id = to;
  }
}

function markWalk(current: Picture, route: Route): void {
  const walked = new Set(route.steps);
  const here = route.steps.at(-1);
  const moved = new Set(route.moves.map(([from, to]) => `${from}>${to}`));
  for (const [id, node] of current.nodes) {
    node.classList.toggle('selected', id === here);
    node.classList.toggle('on-path', walked.has(id));
    node.classList.toggle('dimmed', !walked.has(id));
    const face = faceOf(node);
    if (id === here) face?.setAttribute('aria-current', 'step');
    else face?.removeAttribute('aria-current');
  }
  for (const edge of current.edges) {
    const lit = moved.has(`${edge.dataset['from'] ?? ''}>${edge.dataset['to'] ?? ''}`);
    edge.classList.toggle('on-path', lit);
    edge.classList.toggle('dimmed', !lit);
  }
  const node = here === undefined ? undefined : current.nodes.get(here);
  if (node) ensureVisible(node);
}

/** A Map, not an object: a certainty written as "constructor" must find nothing. */
const CERTAINTY_WORDS = new Map<string, string>([
  ['high', '⊕⊕⊕⊕ high'],
  ['moderate', '⊕⊕⊕◯ moderate'],
  ['low', '⊕⊕◯◯ low'],
  ['very-low', '⊕◯◯◯ very low'],
]);

function recommendationItem(step: WalkStep): HTMLElement {
  const r = step.recommendation;
  const item = element('li', { class: 'walk-recommendation', 'data-step': step.id });
  item.append(
    element(
      'button',
      { type: 'button', class: 'walk-rec-title link', title: 'Show in the editor' },
      step.title,
    ),
  );
  if (!r) return item;
  const grade = [
    r.direction === 'against' ? '✗ Against' : '✓ For',
    r.strength ?? 'no strength given',
    r.certainty ? (CERTAINTY_WORDS.get(r.certainty) ?? r.certainty) : 'certainty not graded',
  ].join(' · ');
  item.append(
    element('span', { class: `walk-grade certainty-${r.certainty ?? 'unknown'}` }, grade),
  );
  const cites = element('ul', { class: 'walk-citations' });
  for (const c of r.citations) {
    const words = c.found
      ? [
          c.title ?? c.id,
          c.source,
          c.doi ? `doi:${c.doi}` : undefined,
          c.pmid ? `PMID ${c.pmid}` : undefined,
        ]
          .filter((part): part is string => part !== undefined)
          .join('. ')
      : `${c.id} (no such reference)`;
    cites.append(element('li', {}, words));
  }
  if (r.citations.length === 0) cites.append(element('li', { class: 'none' }, 'No citation.'));
  item.append(cites);
  return item;
}

/** The walk-through's side panel: where the patient is, the answers, what they were offered. */
function showWalk(): void {
  const walking = state.walk !== undefined;
  walkButton.setAttribute('aria-pressed', String(walking));
  walkPanel.hidden = !walking;
  if (!walking) return;
  const route = walkRoute(state.walk ?? []);
  const byId = new Map(walkData.steps.map((step) => [step.id, step]));
  const parts: Node[] = [element('h2', {}, 'Walk-through')];
  if (route.waiting) {
    parts.push(element('p', { class: 'walk-question' }, route.waiting.title));
    const answers = element('div', { class: 'walk-answers' });
    route.waiting.exits.forEach((exit, index) => {
      answers.append(
        element(
          'button',
          { type: 'button', 'data-answer': String(index), class: 'walk-answer' },
          exit.answer ?? byId.get(exit.to)?.title ?? exit.to,
        ),
      );
    });
    parts.push(answers);
  } else if (route.ended) {
    parts.push(element('p', { class: 'walk-end' }, `Ends at: ${route.ended.title}`));
  } else {
    parts.push(element('p', { class: 'walk-stuck' }, route.stuck ?? ''));
  }
  const controls = element('div', { class: 'walk-controls' });
  const back = element('button', { type: 'button', 'data-walk': 'back' }, 'Step back');
  back.disabled = route.choices.length === 0;
  controls.append(back, element('button', { type: 'button', 'data-walk': 'restart' }, 'Restart'));
  parts.push(controls);

  const decisions = route.steps
    .map((id) => byId.get(id))
    .filter((step): step is WalkStep => step?.kind === 'decision');
  if (route.choices.length > 0) {
    parts.push(element('h3', {}, 'Answers given'));
    const list = element('ol', { class: 'walk-answers-given' });
    route.choices.forEach((choice, index) => {
      const decision = decisions[index];
      const answer = decision?.exits[choice]?.answer ?? '';
      list.append(element('li', {}, `${decision?.title ?? ''} → ${answer}`));
    });
    parts.push(list);
  }
  const met = [...new Set(route.steps)]
    .map((id) => byId.get(id))
    .filter((step): step is WalkStep => step?.recommendation !== undefined);
  parts.push(element('h3', {}, `Recommendations met (${met.length})`));
  const list = element('ol', { class: 'walk-recommendations' });
  list.append(...met.map(recommendationItem));
  if (met.length === 0) parts.push(element('p', { class: 'none' }, 'None yet.'));
  else parts.push(list);
  walkPanel.replaceChildren(...parts);
}

/** In compare mode: the changes since the other version, each showing its step. */
function showChanges(compare: RenderMessage['compare']): void {
  changesPanel.hidden = compare === undefined;
  if (!compare) return;
  const parts: Node[] = [
    element('h2', {}, `Changes since ${compare.otherLabel}`),
    element(
      'p',
      { class: 'changes-key' },
      'Green: added · red, dashed: removed · amber: changed (hover a step for how).',
    ),
  ];
  if (compare.changes.length === 0) {
    parts.push(element('p', {}, 'The recommendation logic is unchanged.'));
  } else {
    const list = element('ol', { class: 'changes' });
    for (const change of compare.changes) {
      const item = element('li', {
        class: `change change-${change.type}`,
        ...(change.stepId ? { 'data-step': change.stepId } : {}),
      });
      // A change about a step is a button that shows the step, from the keyboard too.
      item.append(
        change.stepId
          ? element(
              'button',
              { type: 'button', class: 'link', title: 'Show the step' },
              change.description,
            )
          : change.description,
      );
      list.append(item);
    }
    parts.push(list);
  }
  changesPanel.replaceChildren(...parts);
}

changesPanel.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const id = target?.closest<HTMLElement>('li[data-step]')?.dataset['step'];
  if (id === undefined) return;
  const node = picture?.nodes.get(id);
  if (node) ensureVisible(node);
  activate(id);
});

function walk(choices: readonly number[] | undefined): void {
  saveState({ walk: choices });
  showWalk();
  markPaths();
  // Tab comes back to where the walk is, unless the reader is on a step of the chart.
  if (!picture?.svg.contains(document.activeElement)) setCurrent(walkHere());
  // Where the walk has got to is said once, not the whole panel again.
  if (choices !== undefined) {
    const route = walkRoute(choices);
    say(
      route.waiting
        ? `Next question: ${route.waiting.title}`
        : route.ended
          ? `Ends at: ${route.ended.title}`
          : (route.stuck ?? ''),
    );
  }
}

walkPanel.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target : null;
  const choices = state.walk ?? [];
  const answer = target?.closest<HTMLElement>('button[data-answer]')?.dataset['answer'];
  const control = target?.closest<HTMLElement>('button[data-walk]')?.dataset['walk'];
  const recommendation = target?.closest<HTMLElement>('li[data-step]')?.dataset['step'];
  if (answer !== undefined) walk([...walkRoute(choices).choices, Number(answer)]);
  else if (control === 'back') walk(walkRoute(choices).choices.slice(0, -1));
  else if (control === 'restart') walk([]);
  else if (recommendation !== undefined) activate(recommendation);
});

// ---------------------------------------------------------------------------------------
// Input

function nodeOf(target: EventTarget | null): SVGGElement | undefined {
  const found = target instanceof Element ? target.closest('g.node[data-step]') : null;
  return found instanceof SVGGElement && picture?.svg.contains(found) ? found : undefined;
}

let press:
  { id: number; x: number; y: number; dragging: boolean; target: EventTarget | null } | undefined;

viewport.addEventListener('pointerdown', (event) => {
  if (event.button !== 0) return;
  press = {
    id: event.pointerId,
    x: event.clientX,
    y: event.clientY,
    dragging: false,
    target: event.target,
  };
});

viewport.addEventListener('pointermove', (event) => {
  if (!press || press.id !== event.pointerId) return;
  const dx = event.clientX - press.x;
  const dy = event.clientY - press.y;
  if (!press.dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD) return;
  if (!press.dragging) {
    press.dragging = true;
    viewport.setPointerCapture(event.pointerId);
    viewport.classList.add('dragging');
  }
  panBy(dx, dy);
  press.x = event.clientX;
  press.y = event.clientY;
});

function endPress(event: PointerEvent, cancelled: boolean): void {
  if (!press || press.id !== event.pointerId) return;
  const { dragging, target } = press;
  press = undefined;
  viewport.classList.remove('dragging');
  if (viewport.hasPointerCapture(event.pointerId)) viewport.releasePointerCapture(event.pointerId);
  if (dragging || cancelled) return;
  const node = nodeOf(target);
  const id = node?.dataset['step'];
  if (id !== undefined) {
    takeStep(id);
    // The keyboard goes on from the step clicked (no ring: the pointer put it there).
    focusStep(id);
  } else if (state.walk === undefined) select(undefined);
}

viewport.addEventListener('pointerup', (event) => endPress(event, false));
viewport.addEventListener('pointercancel', (event) => endPress(event, true));

viewport.addEventListener(
  'wheel',
  (event) => {
    event.preventDefault();
    const scale = event.deltaMode === WheelEvent.DOM_DELTA_LINE ? 16 : 1;
    // As in VS Code's image preview: the wheel scrolls, ctrl (or ⌘) + wheel and pinch zoom.
    if (event.ctrlKey || event.metaKey) {
      const rect = viewport.getBoundingClientRect();
      zoomBy(
        Math.exp(-event.deltaY * scale * 0.01),
        event.clientX - rect.left,
        event.clientY - rect.top,
      );
    } else if (event.shiftKey && event.deltaX === 0) {
      panBy(-event.deltaY * scale, 0);
    } else {
      panBy(-event.deltaX * scale, -event.deltaY * scale);
    }
  },
  { passive: false },
);

document.addEventListener('keydown', (event) => {
  // Chords belong to the editor (Ctrl+1 focuses it, Ctrl+= zooms the window), not the picture.
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const id = nodeOf(event.target)?.dataset['step'];
  if (id !== undefined && stepKey(id, event)) {
    event.preventDefault();
    return;
  }
  if (event.target instanceof HTMLButtonElement) return;
  switch (event.key) {
    case 'Escape':
      if (state.walk === undefined) select(undefined);
      break;
    case '+':
    case '=':
      zoomBy(1.25);
      break;
    case '-':
      zoomBy(0.8);
      break;
    case '0':
      fit();
      break;
    case '1':
      reset();
      break;
    case 'ArrowUp':
      panBy(0, PAN_STEP);
      break;
    case 'ArrowDown':
      panBy(0, -PAN_STEP);
      break;
    case 'ArrowLeft':
      panBy(PAN_STEP, 0);
      break;
    case 'ArrowRight':
      panBy(-PAN_STEP, 0);
      break;
    default:
      return;
  }
  event.preventDefault();
});

const TOOLBAR_ACTIONS: Record<string, () => void> = {
  'zoom-in': () => zoomBy(1.25),
  'zoom-out': () => zoomBy(0.8),
  fit,
  reset,
  walk: () => walk(state.walk === undefined ? [] : undefined),
  legend: () => {
    saveState({ legendHidden: !legend.hidden });
    showLegend(legend.hidden);
  },
  'export-svg': () => post({ type: 'export', source: initial.source, format: 'svg' }),
  'export-html': () => post({ type: 'export', source: initial.source, format: 'html' }),
};

toolbar.addEventListener('click', (event) => {
  const target = event.target instanceof Element ? event.target.closest('button') : null;
  const action = target?.dataset['action'] ?? '';
  // Own actions only: "constructor" must not reach Object's prototype.
  if (Object.hasOwn(TOOLBAR_ACTIONS, action)) TOOLBAR_ACTIONS[action]?.();
});

// A step reached by Tab, a click or an arrow key becomes the current one, and comes into view.
viewport.addEventListener('focusin', (event) => {
  const node = nodeOf(event.target);
  const id = node?.dataset['step'];
  if (!node || id === undefined) return;
  if (id !== moving) trail = [];
  setCurrent(id);
  ensureVisible(node);
});

window.addEventListener('resize', () => {
  if (state.fitted) fit();
  else applyView(currentView());
});

// ---------------------------------------------------------------------------------------
// Messages from the host

window.addEventListener('message', (event: MessageEvent<ToWebviewMessage>) => {
  const message = event.data;
  // A message for another document (an older page of this panel) is stale: drop it.
  if (typeof message !== 'object' || message === null || message.source !== initial.source) return;
  switch (message.type) {
    case 'render': {
      if (message.version < shownVersion) return;
      const svg = parseSvg(message.svg);
      if (typeof svg === 'string') {
        showBanner(svg);
        return;
      }
      shownVersion = message.version;
      walkData = message.walk;
      if (state.walk !== undefined) saveState({ walk: walkRoute(state.walk).choices });
      showWalk();
      showChanges(message.compare);
      titleText.textContent = message.title;
      document.title = message.title;
      showBanner(undefined);
      showPicture(svg);
      break;
    }
    case 'cannotDraw':
      if (message.version < shownVersion) return;
      showBanner(
        picture
          ? `Cannot draw the current text: ${message.message} The last picture drawn is shown.`
          : `Cannot draw the pathway: ${message.message}`,
      );
      if (!picture) placeholder.textContent = 'Nothing to show until the file can be read.';
      break;
    case 'highlight':
      highlighted = message.stepId;
      markHighlight();
      if (highlighted !== undefined) {
        const node = picture?.nodes.get(highlighted);
        if (node) ensureVisible(node);
      }
      break;
  }
});

// Until the reader chooses, the legend shows only where it leaves the picture room.
showLegend(
  state.legendHidden === undefined
    ? window.innerWidth >= WIDE_ENOUGH_FOR_LEGEND
    : !state.legendHidden,
);
zoomLevel.textContent = `${Math.round(currentView().zoom * 100)}%`;
showWalk();
vscode.setState(state);
post({ type: 'ready', source: initial.source });
