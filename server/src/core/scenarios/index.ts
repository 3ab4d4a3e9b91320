// The scenarios of a pathway, read and run once per model: what the scenario rules report and
// what `pathway test`, the editor and the preview show.
import { pathwayLogic, type PathwayLogic } from '../checks/decisionLogic';
import { oncePerModel } from '../checks/rule';
import type { PathwayModel } from '../model/pathway';
import { callChain } from './chain';
import { readScenarios, type Scenario, type Scenarios } from './read';
import { runScenario, type Outcome } from './run';

export type { FactProblem, Scenario, ScenarioLink, Scenarios } from './read';
export {
  MAX_ROUTE_STEPS,
  routeWords,
  runScenario,
  type Expectation,
  type Outcome,
  type Taken,
} from './run';

export interface ScenarioRuns extends Scenarios {
  readonly logic: PathwayLogic;
  /** Scenario id → how its route went; scenarios that cannot be run are absent. */
  readonly outcomes: ReadonlyMap<string, Outcome>;
}

/** The scenarios of a model, each run when it can be; `text` is the text it was read from. */
export const scenarioRuns: (model: PathwayModel, text: string) => ScenarioRuns = oncePerModel(
  (model, text) => {
    const logic = pathwayLogic(model, text);
    const chain = callChain(model, text);
    const read = readScenarios(model, logic, chain);
    const outcomes = new Map<string, Outcome>();
    for (const scenario of read.scenarios) {
      if (scenario.runnable)
        outcomes.set(scenario.id, runScenario(model, logic, scenario, read.recorded));
    }
    return { ...read, logic, outcomes };
  },
);

/** Whether the scenario is run (a mistake in its facts, choices or step ids stops it). */
export function isRun(runs: ScenarioRuns, scenario: Scenario): boolean {
  return runs.outcomes.has(scenario.id);
}
export {
  decide,
  knownInputs,
  missingInputs,
  RouteFacts,
  type Decided,
  type DecisionRule,
  type FactValues,
} from './route';
