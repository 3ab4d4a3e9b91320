// What a change does to patients: the scenarios whose route or end changed between two
// versions, and, when both versions decide from conditions, one patient per pair of ends who
// reached one before and the other now (each checked by following that patient through both).
import type { Analysis } from '../analysis';
import { pathwayLogic } from '../checks/decisionLogic';
import { reachAnalysis } from '../checks/reach';
import {
  intersection,
  isEmpty,
  rebase,
  witness,
  type Inputs,
  type PatientSet,
  type Value,
} from '../logic';
import { callChain } from '../scenarios/chain';
import { scenarioRuns } from '../scenarios';
import type { Scenario } from '../scenarios/read';
import { runScenario, type Outcome } from '../scenarios/run';
import type { PathwayModel } from '../model/pathway';

/** A scenario whose patient goes another way in the new version. */
export interface ScenarioMoved {
  readonly type: 'scenario-route-changed';
  readonly id: string;
  readonly title: string;
  /** `passed`, `failed` or `stuck` against each version (its own expectations). */
  readonly statusBefore: string;
  readonly statusAfter: string;
  /** The end reached (empty when the route got stuck). */
  readonly endBefore: string;
  readonly endAfter: string;
  /** Each route, its steps joined by " → " (old ids as renamed in the new version). */
  readonly routeBefore: string;
  readonly routeAfter: string;
}

/** A patient who reached one end before and reaches another now. */
export interface PatientsMoved {
  readonly type: 'patients-moved';
  readonly from: string;
  readonly to: string;
  /** The patient, as `input = value` pairs. */
  readonly patient: string;
}

export type PatientChange = ScenarioMoved | PatientsMoved;

/** The most pairs of ends a comparison looks for a patient in. */
const MAX_END_PAIRS = 400;

function routeOf(outcome: Outcome, rename: (id: string) => string): string {
  return outcome.route.map(rename).join(' → ');
}

function endOf(outcome: Outcome, rename: (id: string) => string): string {
  const last = outcome.route[outcome.route.length - 1];
  return outcome.status === 'passed' || outcome.status === 'failed' ? rename(last ?? '') : '';
}

function statusOf(outcome: Outcome): string {
  return outcome.status === 'halted' ? 'not finished' : outcome.status;
}

/** Runs a scenario written for either version against a model. */
function run(model: PathwayModel, text: string, scenario: Scenario): Outcome {
  const logic = pathwayLogic(model, text);
  // Through its sub-pathways as they are in this version: their inputs and recordings count.
  const chain = callChain(model, text);
  // Facts for inputs this version does not have are left out: they decide nothing here.
  const facts = new Map([...scenario.facts].filter(([id]) => chain.inputs.has(id)));
  return runScenario(model, logic, { ...scenario, facts }, chain.recorded);
}

/** The scenarios of both versions (the new one's definition first), each run on both. */
function scenarioChanges(
  before: Analysis,
  after: Analysis,
  rename: (id: string) => string,
): ScenarioMoved[] {
  const a = before.model as PathwayModel;
  const b = after.model as PathwayModel;
  // Read once per model with the checks' own scenario runs.
  const older = scenarioRuns(a, before.parsed.text).scenarios;
  const newer = scenarioRuns(b, after.parsed.text).scenarios;
  const all = new Map<string, Scenario>();
  for (const scenario of [...older, ...newer]) all.set(scenario.id, scenario);
  const changes: ScenarioMoved[] = [];
  for (const scenario of [...all.values()].sort((x, y) => x.id.localeCompare(y.id))) {
    const was = run(a, before.parsed.text, scenario);
    const now = run(b, after.parsed.text, scenario);
    const same = (x: string, y: string): boolean => x === y;
    const routeBefore = routeOf(was, rename);
    const routeAfter = routeOf(now, (id) => id);
    if (
      same(routeBefore, routeAfter) &&
      same(statusOf(was), statusOf(now)) &&
      same(
        endOf(was, rename),
        endOf(now, (id) => id),
      )
    )
      continue;
    changes.push({
      type: 'scenario-route-changed',
      id: scenario.id,
      title: scenario.title ?? '',
      statusBefore: statusOf(was),
      statusAfter: statusOf(now),
      endBefore: endOf(was, rename),
      endAfter: endOf(now, (id) => id),
      routeBefore,
      routeAfter,
    });
  }
  return changes;
}

function sameInputs(x: Inputs, y: Inputs): boolean {
  return JSON.stringify([...x.values()]) === JSON.stringify([...y.values()]);
}

function patientWords(patient: ReadonlyMap<string, Value>): string {
  return [...patient].map(([id, value]) => `${id} = ${String(value)}`).join(', ');
}

/**
 * For pathways whose every decision has conditions over the same inputs: per pair of ends,
 * a patient who reached the first before and reaches the second now. Candidates come from
 * the sets of patients reaching each end; each is confirmed by following it through both.
 */
function endChanges(
  before: Analysis,
  after: Analysis,
  rename: (id: string) => string,
): PatientsMoved[] {
  const a = before.model as PathwayModel;
  const b = after.model as PathwayModel;
  const logicA = pathwayLogic(a, before.parsed.text);
  const logicB = pathwayLogic(b, after.parsed.text);
  const computable = (logic: typeof logicA): boolean =>
    logic.decisions.size > 0 &&
    [...logic.decisions.values()].every((decision) => decision.kind === 'computable');
  if (!computable(logicA) || !computable(logicB) || !sameInputs(logicA.inputs, logicB.inputs))
    return [];
  const reachA = reachAnalysis(a, before.graph, before.parsed.text);
  const reachB = reachAnalysis(b, after.graph, after.parsed.text);
  if (!reachA || !reachB || reachA.unanalysed.size > 0 || reachB.unanalysed.size > 0) return [];
  const ends = (model: PathwayModel, reach: typeof reachA): [string, PatientSet][] =>
    [...model.steps.values()]
      .filter((step) => step.kind === 'end' && reach.reach.has(step.id))
      .map((step) => [step.id, reach.reach.get(step.id) as PatientSet]);
  const endsA = ends(a, reachA);
  const endsB = ends(b, reachB);
  const ids = [...logicB.inputs.keys()];
  const changes: PatientsMoved[] = [];
  let pairs = 0;
  for (const [oldEnd, oldSet] of endsA) {
    for (const [newEnd, newSet] of endsB) {
      if (rename(oldEnd) === newEnd) continue;
      if (++pairs > MAX_END_PAIRS) return changes;
      const both = intersection(rebase(oldSet, logicB.inputs), newSet);
      if (both.kind !== 'set' || isEmpty(both)) continue;
      const patient = witness(both, ids);
      if (!patient) continue;
      // Sets describe values on arrival; a patient who is measured again may differ, so the
      // candidate is followed through both versions before it is named.
      const facts = new Map([...patient].map(([id, value]) => [id, [value]]));
      const probe = (model: PathwayModel, text: string): Outcome =>
        run(model, text, {
          id: 'patient',
          keySpan: { start: 0, end: 0 },
          node: model.root,
          title: undefined,
          facts,
          choose: new Map(),
          expect: { end: undefined, passes: [], avoids: [] },
          runnable: true,
          waitsOnCall: false,
        });
      const was = probe(a, before.parsed.text);
      const now = probe(b, after.parsed.text);
      if (was.status !== 'passed' || now.status !== 'passed') continue;
      if (endOf(was, rename) !== rename(oldEnd) || endOf(now, (id) => id) !== newEnd) continue;
      changes.push({
        type: 'patients-moved',
        from: rename(oldEnd),
        to: newEnd,
        patient: patientWords(patient),
      });
    }
  }
  return changes;
}

/** What the change does to patients; `rename` maps an old step id to its id now. */
export function patientChanges(
  before: Analysis,
  after: Analysis,
  rename: (id: string) => string,
): PatientChange[] {
  if (!before.model || !after.model) return [];
  return [...scenarioChanges(before, after, rename), ...endChanges(before, after, rename)];
}
