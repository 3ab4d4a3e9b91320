// The toolbar above the picture: the pathway's title, zoom, the walk-through, the legend and
// the exports (where the page can save a file), on one row of icon buttons; each names its
// action in `data-action` and, for the pointer and for assistive technology, in words with
// its key.
import { element, SVG_NS } from './dom';

export type ToolbarAction =
  'zoom-in' | 'zoom-out' | 'fit' | 'reset' | 'walk' | 'legend' | 'export-svg' | 'export-html';

type ExportAction = 'export-svg' | 'export-html';

/** What each button does; the exports only where the page can save a file (no button without). */
export type ToolbarActions = {
  readonly [A in Exclude<ToolbarAction, ExportAction>]: () => void;
} & {
  readonly [A in ExportAction]?: () => void;
};

export interface Toolbar {
  readonly element: HTMLElement;
  readonly zoomLabel: HTMLElement;
  readonly walkButton: HTMLButtonElement;
  readonly legendButton: HTMLButtonElement;
  /** Shows the pathway's title: cut with "…" to fit the row, whole in its tooltip (no title, nothing). */
  setTitle(title: string): void;
  /** Runs the action whose key this is; false when the key is none of the toolbar's. */
  key(key: string): boolean;
}

/**
 * Each button: its icon (24 × 24 strokes, drawn inline: the page may load no font or image),
 * what it does, and its key. The zoom keys belong to the view; the toolbar only names them.
 */
const BUTTONS: Record<
  ToolbarAction,
  { readonly icon: string; readonly words: string; readonly key: string; readonly keyName: string }
> = {
  'zoom-out': { icon: 'M5 12h14', words: 'Zoom out', key: '-', keyName: '−' },
  'zoom-in': { icon: 'M5 12h14M12 5v14', words: 'Zoom in', key: '+', keyName: '+' },
  fit: {
    icon: 'M3 12h18M3 12l4-4M3 12l4 4M21 12l-4-4M21 12l-4 4M3 4v16M21 4v16',
    words: 'Fit to the width; press again to fit the whole chart',
    key: '0',
    keyName: '0',
  },
  reset: {
    icon: 'M6 6v12M4 8l2-2M11 10h1M11 15h1M17 6v12M15 8l2-2',
    words: 'Actual size (100%)',
    key: '1',
    keyName: '1',
  },
  walk: {
    icon: 'M7 4l12 8-12 8z',
    words: 'Walk a patient through the pathway: answer each decision, see the recommendations met',
    key: 'w',
    keyName: 'W',
  },
  legend: {
    icon: 'M12 3a9 9 0 1 0 0.01 0zM12 11v6M12 7.5v0.5',
    words: 'Show or hide the legend',
    key: 'l',
    keyName: 'L',
  },
  'export-svg': {
    icon: 'M12 3v12M7 10l5 5 5-5M4 19h16',
    words: 'Export SVG: save the picture as an SVG file',
    key: 's',
    keyName: 'S',
  },
  'export-html': {
    icon: 'M12 3v12M7 10l5 5 5-5M4 19h16',
    words: 'Export HTML: save the picture as a standalone web page',
    key: 'h',
    keyName: 'H',
  },
};

function icon(d: string): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('class', 'icon');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', d);
  svg.append(path);
  return svg;
}

function toolButton(action: ToolbarAction, caption?: string): HTMLButtonElement {
  const { icon: d, words, keyName } = BUTTONS[action];
  const label = `${words} (${keyName})`;
  const button = element('button', {
    type: 'button',
    class: 'tool',
    'data-action': action,
    title: label,
    'aria-label': label,
    'aria-keyshortcuts': keyName === '−' ? '-' : keyName,
  });
  button.append(icon(d));
  // The two exports share an icon: a short word says which file each writes.
  if (caption !== undefined) button.append(element('span', { 'aria-hidden': 'true' }, caption));
  return button;
}

/**
 * The toolbar; `title` heads it where the page has no heading of its own for the chart (the
 * preview), and is left out where it has (a published page).
 */
export function createToolbar(title: string | undefined, actions: ToolbarActions): Toolbar {
  const header = element('header', { class: 'toolbar' });
  const titleText = title === undefined ? undefined : element('h1', { class: 'title' });
  const zoomLabel = element('span', { class: 'zoom-level', 'aria-live': 'polite' }, '');
  const legendButton = toolButton('legend');
  const walkButton = toolButton('walk');
  const exports = (['export-svg', 'export-html'] as const).filter((action) => actions[action]);
  header.append(
    ...(titleText ? [titleText] : []),
    toolButton('zoom-out'),
    zoomLabel,
    toolButton('zoom-in'),
    toolButton('fit'),
    toolButton('reset'),
    element('span', { class: 'separator' }),
    walkButton,
    legendButton,
    ...exports.map((action) => toolButton(action, action === 'export-svg' ? 'SVG' : 'HTML')),
  );
  header.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button') : null;
    const action = target?.dataset['action'] ?? '';
    // Own actions only: "constructor" must not reach Object's prototype.
    if (Object.hasOwn(actions, action)) actions[action as ToolbarAction]?.();
  });
  function setTitle(text: string): void {
    if (!titleText) return;
    titleText.textContent = text;
    titleText.title = text;
  }
  if (title !== undefined) setTitle(title);
  /** The toolbar's own keys: the walk-through, the legend and the exports there are. */
  const OWN_KEYS = new Map<string, ToolbarAction>(
    (['walk', 'legend', ...exports] as const).map((action) => [BUTTONS[action].key, action]),
  );
  function key(name: string): boolean {
    const action = OWN_KEYS.get(name.toLowerCase());
    if (action === undefined) return false;
    actions[action]?.();
    return true;
  }
  return { element: header, zoomLabel, walkButton, legendButton, setTitle, key };
}
