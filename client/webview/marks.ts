// What the picture shows lit: every path through the selected step, the route walked so far
// (its step the current one), or a scenario's route; and the step the editor's cursor is in.
import type { ShownRoute } from '../../shared/webviewMessages';
import { pathsThrough } from './logic/paths';
import type { Route } from './logic/walk';
import { faceOf, type Picture } from './svgIntake';

/** Every path from the start through the selected step to an end; nothing dimmed without one. */
export function markSelection(picture: Picture, selected: string | undefined): void {
  for (const node of picture.nodes.values()) faceOf(node)?.removeAttribute('aria-current');
  const chart = { arrows: picture.edges, starts: picture.starts, ends: picture.ends };
  const onPath = selected !== undefined ? pathsThrough(chart, selected) : undefined;
  for (const [id, node] of picture.nodes) {
    node.classList.toggle('selected', id === selected);
    node.classList.toggle('on-path', onPath?.steps.has(id) === true);
    node.classList.toggle('dimmed', onPath !== undefined && !onPath.steps.has(id));
  }
  for (const edge of picture.edges) {
    const lit = onPath?.arrows.has(edge) === true;
    edge.element.classList.toggle('on-path', lit);
    edge.element.classList.toggle('dimmed', onPath !== undefined && !lit);
  }
}

/** The route walked, the step reached selected and brought into view. */
export function markWalk(
  picture: Picture,
  route: Route,
  ensureVisible: (node: SVGGElement) => void,
): void {
  const walked = new Set(route.steps);
  // Inside a sub-pathway, its box on the chart is where the walk is.
  const here = route.here;
  const moved = new Set(route.moves.map(([from, to]) => `${from}>${to}`));
  for (const [id, node] of picture.nodes) {
    node.classList.toggle('selected', id === here);
    node.classList.toggle('on-path', walked.has(id));
    node.classList.toggle('dimmed', !walked.has(id));
    const face = faceOf(node);
    if (id === here) face?.setAttribute('aria-current', 'step');
    else face?.removeAttribute('aria-current');
  }
  for (const edge of picture.edges) {
    const lit = moved.has(`${edge.from}>${edge.to}`);
    edge.element.classList.toggle('on-path', lit);
    edge.element.classList.toggle('dimmed', !lit);
  }
  const node = here === undefined ? undefined : picture.nodes.get(here);
  if (node) ensureVisible(node);
}

export function markHighlight(picture: Picture, highlighted: string | undefined): void {
  for (const [id, node] of picture.nodes) node.classList.toggle('highlighted', id === highlighted);
}

/**
 * A scenario's route: its steps and the arrows between consecutive steps lit, the rest faded;
 * where a failed or stuck route stops marked. Undefined (or no steps) takes the route's marks
 * off, leaving the others to mark the picture.
 */
export function markRoute(picture: Picture, route: ShownRoute | undefined): void {
  const steps = route?.steps ?? [];
  const shown = steps.length > 0;
  const on = new Set(steps);
  const moves = new Set(steps.slice(1).map((to, i) => `${steps[i]}>${to}`));
  const last = steps.at(-1);
  const stopped = route?.status === 'failed' || route?.status === 'stuck';
  for (const [id, node] of picture.nodes) {
    node.classList.toggle('on-route', on.has(id));
    node.classList.toggle('route-stop', shown && stopped && id === last);
    if (!shown) continue;
    // Drawn as a path is (on-path), the selection's and the walk's marks set aside.
    node.classList.remove('selected');
    node.classList.toggle('on-path', on.has(id));
    node.classList.toggle('dimmed', !on.has(id));
    faceOf(node)?.removeAttribute('aria-current');
  }
  for (const edge of picture.edges) {
    const lit = moves.has(`${edge.from}>${edge.to}`);
    edge.element.classList.toggle('on-route', lit);
    if (!shown) continue;
    edge.element.classList.toggle('on-path', lit);
    edge.element.classList.toggle('dimmed', !lit);
  }
}
