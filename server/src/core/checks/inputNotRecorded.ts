// The `input-not-recorded` rule: a decision tests an input that an assessment measures, but
// some route from the start reaches the decision without passing any step that measures it.
import { inputRefs } from '../logic';
import type { StepGraph } from '../model/graph';
import type { RawFinding, Span } from '../types';
import type { DecisionLogic } from './decisionLogic';
import { stepsCutOff } from './decisionFindings';
import { reachAnalysis } from './reach';
import { quote, type Check } from './rule';

/** Routes longer than this are shown by their ends. */
const MAX_ROUTE_SHOWN = 8;

/**
 * The shortest routes from the start that pass no step in `blocked`: each step reached, with
 * the step before it on its route. Searched once for all the decisions that test one input.
 */
function routesAvoiding(
  graph: StepGraph,
  start: string,
  blocked: ReadonlySet<string>,
): ReadonlyMap<string, string | undefined> {
  const parent = new Map<string, string | undefined>();
  // A step that measures the input and is the start itself counts as passed.
  if (blocked.has(start)) return parent;
  parent.set(start, undefined);
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const at = queue[q] as string;
    for (const next of graph.successors.get(at) ?? []) {
      if (parent.has(next) || blocked.has(next)) continue;
      parent.set(next, at);
      queue.push(next);
    }
  }
  return parent;
}

/** The route to `goal` in a search's result; undefined when the search did not reach it. */
function routeTo(
  parent: ReadonlyMap<string, string | undefined>,
  goal: string,
): string[] | undefined {
  if (!parent.has(goal)) return undefined;
  const route: string[] = [];
  for (let step: string | undefined = goal; step !== undefined; step = parent.get(step))
    route.push(step);
  return route.reverse();
}

function routeWords(route: readonly string[]): string {
  const shown =
    route.length > MAX_ROUTE_SHOWN
      ? [
          ...route.slice(0, MAX_ROUTE_SHOWN / 2).map(quote),
          '…',
          ...route.slice(-MAX_ROUTE_SHOWN / 2).map(quote),
        ]
      : route.map(quote);
  return shown.join(' → ');
}

/** The first place the decision's conditions name the input, in the file. */
function firstTest(decision: DecisionLogic, input: string): Span | undefined {
  for (const branch of decision.branches) {
    if (!branch.condition) continue;
    const ref = inputRefs(branch.condition).find((r) => r.name === input);
    if (ref) return branch.toFile(ref.span);
  }
  return undefined;
}

export const inputNotRecorded: Check = {
  run: ({ model, graph, parsed, isEnabled }) => {
    const findings: RawFinding[] = [];
    if (!model || graph?.start === undefined) return findings;
    const analysis = reachAnalysis(model, graph, parsed.text);
    if (!analysis) return findings;
    const { logic } = analysis;
    const recordedBy = new Map<string, Set<string>>();
    for (const [step, ids] of logic.records) {
      for (const id of ids) {
        const steps = recordedBy.get(id) ?? new Set<string>();
        steps.add(step);
        recordedBy.set(id, steps);
      }
    }
    if (recordedBy.size === 0) return findings;
    // The steps an impossible branch names as reached by no patient are that branch's
    // finding; other routes count even when no patient takes them (a dead otherwise).
    const cutOff =
      isEnabled?.('impossible-branch') === false
        ? new Set<string>()
        : stepsCutOff(model, graph, parsed.text, isEnabled?.('schema') !== false);
    const searched = new Map<string, ReadonlyMap<string, string | undefined>>();
    const routesOf = (input: string, recorders: ReadonlySet<string>, start: string) => {
      let found = searched.get(input);
      if (!found) {
        found = routesAvoiding(graph, start, recorders);
        searched.set(input, found);
      }
      return found;
    };
    for (const decision of logic.decisions.values()) {
      const id = decision.step.id;
      if (decision.kind !== 'computable' || !graph.reachable.has(id)) continue;
      if (cutOff.has(id)) continue;
      const tested: string[] = [];
      for (const branch of decision.branches)
        for (const ref of branch.condition ? inputRefs(branch.condition) : [])
          if (!tested.includes(ref.name)) tested.push(ref.name);
      for (const input of tested) {
        const recorders = recordedBy.get(input);
        if (!recorders) continue;
        const route = routeTo(routesOf(input, recorders, graph.start), id);
        const span = firstTest(decision, input);
        if (!route || !span) continue;
        const names = [...recorders].map(quote);
        const by =
          names.length === 1 ? `step ${names[0] ?? ''}` : `any of the steps ${names.join(', ')}`;
        findings.push({
          code: 'input-not-recorded',
          message: `Decision ${quote(id)} tests ${quote(input)}, which ${by} records, but the route ${routeWords(route)} reaches it without passing there: on that route ${quote(input)} has not been measured. Record it on that route too, or test it only after it is measured.`,
          span,
        });
      }
    }
    return findings;
  },
};
