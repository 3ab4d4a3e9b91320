// The label above the chart while a scenario's route is shown: which scenario, how it went and
// where its route stops, with a button that clears it (Escape does too).
import type { ShownRoute, WalkModel } from '../../shared/webviewMessages';
import { element } from './dom';

export interface RouteBar {
  readonly element: HTMLElement;
  /** The route shown; undefined when none is. */
  readonly shown: ShownRoute | undefined;
  /**
   * Shows a scenario's route (the steps' titles from `walk`); undefined hides the bar. How it
   * went is said in the words of its status, or in `verdict` where the page judged less than a
   * run does. Returns the bar's words, for a screen reader.
   */
  show(route: ShownRoute | undefined, walk: WalkModel, verdict?: string): string;
}

/** How the scenario went, in the words of its code lens. */
const STATUS_WORDS: Record<ShownRoute['status'], string> = {
  passed: 'passes',
  failed: 'fails',
  stuck: 'stuck',
  'not-run': 'not run',
};

/** Where the route stops, in words. */
function stopWords(route: ShownRoute, walk: WalkModel): string {
  const last = route.steps.at(-1);
  if (last === undefined) return 'No route to show: the scenario was not run.';
  const title = walk.steps.find((step) => step.id === last)?.title;
  const step = title ? `“${title}”` : `“${last}”`;
  const count = `${route.steps.length} ${route.steps.length === 1 ? 'step' : 'steps'}`;
  if (route.status === 'stuck') return `${count}, stuck at ${step}.`;
  if (route.status === 'not-run') return `${count}, stopped at ${step}.`;
  return `${count}, ending at ${step}.`;
}

/** The bar; `clear` is called when its button is pressed. */
export function createRouteBar(clear: () => void): RouteBar {
  // Announced when shown by the page's one status line (see keyboard.ts), not by a second.
  const bar = element('section', { class: 'route-bar', 'aria-label': 'Scenario route' });
  bar.hidden = true;
  let shown: ShownRoute | undefined;
  /** How the route shown went, in the page's words, when it gave some. */
  let judged: string | undefined;

  bar.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('button[data-action="clear-route"]')) clear();
  });

  function show(route: ShownRoute | undefined, walk: WalkModel, verdict?: string): string {
    // The same route shown again (with a new picture) keeps its words.
    judged = route === shown ? (verdict ?? judged) : verdict;
    shown = route;
    bar.hidden = route === undefined;
    if (!route) {
      bar.replaceChildren();
      return '';
    }
    const key = element('span', { class: 'route-key', 'aria-hidden': 'true' });
    const label = element('span', { class: 'route-label' });
    label.append(
      'Route of scenario ',
      element('strong', { class: 'route-id' }, route.id),
      ...(route.title ? [` — ${route.title}`] : []),
    );
    const status = element(
      'span',
      { class: `route-status status-${route.status}` },
      judged ?? STATUS_WORDS[route.status],
    );
    const where = element('span', { class: 'route-stop' }, stopWords(route, walk));
    const button = element(
      'button',
      {
        type: 'button',
        'data-action': 'clear-route',
        title: 'Clear the route (Escape)',
        'aria-keyshortcuts': 'Escape',
      },
      'Clear',
    );
    bar.replaceChildren(key, label, status, where, button);
    return `${label.textContent ?? ''}: ${status.textContent ?? ''}. ${where.textContent ?? ''}`;
  }

  return {
    element: bar,
    get shown() {
      return shown;
    },
    show,
  };
}
