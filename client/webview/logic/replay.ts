// A scenario of the file replayed in the walk-through, as a route to show: the steps it walks,
// and how its end compares with the one it expects. The walk model carries a scenario's
// expected end but not the steps it must pass or avoid, so the verdict speaks of the end alone
// (a full run, with every expectation, is the editor's and the report's).
import type { ShownRoute, WalkModel } from '../../../shared/webviewMessages';
import { fromScenario, walkRoute } from './walk';

export interface Replay {
  readonly route: ShownRoute;
  /** How its end compares with the one the scenario expects, in a few words. */
  readonly verdict: string;
}

/** The route of scenario `id` of `model`; undefined when the model has no such scenario. */
export function replayScenario(model: WalkModel, id: string): Replay | undefined {
  const scenario = model.scenarios?.find((s) => s.id === id);
  const started = fromScenario(model, id);
  if (!scenario || !started) return undefined;
  const walked = walkRoute(model, started.choices, started.facts);
  const shown = { id: scenario.id, title: scenario.title, steps: walked.steps };
  if (!walked.ended) return { route: { ...shown, status: 'stuck' }, verdict: 'stuck' };
  if (scenario.end === undefined)
    return { route: { ...shown, status: 'passed' }, verdict: 'no end expected' };
  return walked.ended.id === scenario.end
    ? { route: { ...shown, status: 'passed' }, verdict: 'ends as expected' }
    : { route: { ...shown, status: 'failed' }, verdict: 'not the end expected' };
}
