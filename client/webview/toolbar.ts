// The toolbar above the picture: the pathway's title, zoom, the walk-through, the legend and
// the exports; each button names its action in `data-action`.
import { button, element } from './dom';

export type ToolbarAction =
  'zoom-in' | 'zoom-out' | 'fit' | 'reset' | 'walk' | 'legend' | 'export-svg' | 'export-html';

export interface Toolbar {
  readonly element: HTMLElement;
  readonly title: HTMLElement;
  readonly zoomLabel: HTMLElement;
  readonly walkButton: HTMLButtonElement;
  readonly legendButton: HTMLButtonElement;
}

export function createToolbar(
  title: string,
  actions: { readonly [A in ToolbarAction]: () => void },
): Toolbar {
  const header = element('header', { class: 'toolbar' });
  const titleText = element('h1', { class: 'title' }, title);
  const zoomLabel = element('span', { class: 'zoom-level', 'aria-live': 'polite' }, '');
  const legendButton = button('legend', 'Legend', 'Show or hide the legend');
  const walkButton = button(
    'walk',
    'Walk through',
    'Walk a patient through the pathway: answer each decision, see the recommendations met',
  );
  header.append(
    titleText,
    button('zoom-out', '−', 'Zoom out (−)'),
    zoomLabel,
    button('zoom-in', '+', 'Zoom in (+)'),
    button('fit', 'Fit', 'Fit to the window (0)'),
    button('reset', '100%', 'Actual size (1)'),
    element('span', { class: 'separator' }),
    walkButton,
    legendButton,
    button('export-svg', 'Export SVG', 'Save the picture as an SVG file'),
    button('export-html', 'Export HTML', 'Save the picture as a standalone web page'),
  );
  header.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button') : null;
    const action = target?.dataset['action'] ?? '';
    // Own actions only: "constructor" must not reach Object's prototype.
    if (Object.hasOwn(actions, action)) actions[action as ToolbarAction]();
  });
  return { element: header, title: titleText, zoomLabel, walkButton, legendButton };
}
