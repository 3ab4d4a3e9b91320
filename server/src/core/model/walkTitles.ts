// The titles of the steps a walk may meet, by the names routes give them: read by the
// walk-through (in the preview and the published site) and by the site's sentences about
// changes. Types only from the walk model, so that the webview's bundle stays small.
import type { WalkModel } from './walkModel';

/**
 * The title of every step a walk may meet by its name in routes: this pathway's by id, those
 * of the sub-pathways it can walk through as `ID/STEP`.
 */
export function stepTitles(model: WalkModel): Map<string, string> {
  const titles = new Map(model.steps.map((step) => [step.id, step.title]));
  const used = model.used ?? {};
  for (const walk of [model, ...Object.values(used)]) {
    for (const step of walk.steps) {
      const inner = step.uses?.walk === undefined ? undefined : used[step.uses.walk];
      const name = step.uses?.name;
      if (!inner || name === undefined) continue;
      for (const s of inner.steps) titles.set(`${name}/${s.id}`, s.title);
    }
  }
  return titles;
}
