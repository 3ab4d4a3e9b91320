// A step's detail beside the chart of a published page: a copy of the step's own entry in the
// page (its `article.pw-step` under #steps; nothing is made from the page's data as markup),
// with a link to the entry itself. A non-modal dialog named by the step's heading: focus goes
// to the heading when it opens, and back where it came from when Escape or Close shuts it.
import { element } from '../dom';

const TITLE_ID = 'pw-detail-title';

/** Attributes that point at other elements by id: the copy's would point into the original. */
const REFERENCES = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'for', 'headers'];

export interface DetailEvents {
  /** A link in the entry to another step's entry: show that step. */
  pick(stepId: string): void;
  /** The panel closed; `opener` had the focus when it opened. */
  closed(stepId: string, opener: Element | null): void;
}

export interface DetailPanel {
  readonly element: HTMLElement;
  /** The step shown; undefined while closed. */
  readonly shown: string | undefined;
  /** Shows a step's entry, its heading focused; false when the page has no entry for it. */
  show(stepId: string): boolean;
  /** Closes the panel; false when it was not open. */
  close(): boolean;
}

/** The page's entry for a step: its article in the steps' section. */
function entryOf(stepId: string): HTMLElement | undefined {
  return [...document.querySelectorAll<HTMLElement>('#steps article.pw-step')].find(
    (article) => article.dataset['step'] === stepId,
  );
}

/** The step whose entry a link in the page leads to, when it leads to one. */
function stepOfLink(link: HTMLAnchorElement): string | undefined {
  const href = link.getAttribute('href') ?? '';
  if (!href.startsWith('#') || href.length < 2) return undefined;
  let id: string;
  try {
    id = decodeURIComponent(href.slice(1));
  } catch {
    return undefined;
  }
  const target = document.getElementById(id);
  return target instanceof HTMLElement && target.matches('#steps article.pw-step')
    ? target.dataset['step']
    : undefined;
}

/** A copy of an entry that repeats no id of the page and names itself by its heading. */
function copyOf(entry: HTMLElement): HTMLElement {
  const copy = entry.cloneNode(true) as HTMLElement;
  copy.removeAttribute('data-step');
  for (const node of [copy, ...copy.querySelectorAll('*')]) {
    node.removeAttribute('id');
    for (const name of REFERENCES) node.removeAttribute(name);
  }
  return copy;
}

export function createDetailPanel(events: DetailEvents): DetailPanel {
  const panel = element('section', { class: 'detail-panel', role: 'dialog' });
  panel.hidden = true;
  const close = element('button', {
    type: 'button',
    class: 'detail-close',
    'data-detail': 'close',
    title: 'Close the step’s detail (Escape)',
    'aria-keyshortcuts': 'Escape',
  });
  close.append(
    element('span', { 'aria-hidden': 'true' }, '×'),
    element('span', { class: 'visually-hidden' }, 'Close the step’s detail'),
  );
  let shown: string | undefined;
  let opener: Element | null = null;

  panel.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('[data-detail="close"]')) {
      shut();
      return;
    }
    const link = target?.closest('a');
    // The link to the full entry goes there; a way out to another step shows that step here.
    if (!link || link.dataset['detail'] === 'full') return;
    const step = stepOfLink(link);
    if (step === undefined) return;
    event.preventDefault();
    events.pick(step);
  });

  function show(stepId: string): boolean {
    const entry = entryOf(stepId);
    if (!entry) return false;
    // Another step shown from within the panel keeps the way back to where the reader was.
    if (!panel.contains(document.activeElement)) opener = document.activeElement;
    const copy = copyOf(entry);
    const heading = copy.querySelector<HTMLElement>('h1, h2, h3, h4, h5, h6');
    if (heading) {
      heading.id = TITLE_ID;
      heading.tabIndex = -1;
      panel.setAttribute('aria-labelledby', TITLE_ID);
      panel.removeAttribute('aria-label');
    } else {
      panel.removeAttribute('aria-labelledby');
      panel.setAttribute('aria-label', 'Step detail');
    }
    const full = element('a', { href: `#${entry.id}`, 'data-detail': 'full' }, 'Full entry');
    const footer = element('p', { class: 'detail-full' });
    footer.append(full);
    panel.replaceChildren(close, copy, footer);
    panel.hidden = false;
    panel.scrollTop = 0;
    shown = stepId;
    (heading ?? close).focus();
    return true;
  }

  function shut(): boolean {
    const was = shown;
    if (was === undefined) return false;
    shown = undefined;
    panel.hidden = true;
    panel.replaceChildren();
    events.closed(was, opener);
    opener = null;
    return true;
  }

  return {
    element: panel,
    get shown() {
      return shown;
    },
    show,
    close: shut,
  };
}
