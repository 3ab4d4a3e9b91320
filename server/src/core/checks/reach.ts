// Which patients reach each step (pathway-logic §3): the least fixpoint of the sets of
// patients flowing from the start along the links, split by computable decisions, with
// recorded inputs forgotten on the way out of the assessment that measures them.
import {
  complement,
  conditionSet,
  forget,
  full,
  intersection,
  isEmpty,
  limitWork,
  plainlyWithin,
  rebase,
  spend,
  union,
  workRemaining,
  type Condition,
  type Inputs,
  type PatientSet,
  type SetResult,
} from '../logic';
import { memoByText } from '../logic/memo';
import type { StepGraph } from '../model/graph';
import { branchList, type PathwayModel, type Step } from '../model/pathway';
import { followed, type UsedPathway } from '../files/calls';
import { pathwayLogic, type DecisionLogic, type PathwayLogic } from './decisionLogic';
import { oncePerModel } from './rule';

/** A computable decision's conditions as sets of patients, and what is left after each. */
export interface DecisionSets {
  /** The patients each branch's condition holds for (over every patient). */
  readonly conditions: readonly PatientSet[];
  /** The patients each condition does not hold for. */
  readonly negations: readonly PatientSet[];
}

export interface ReachAnalysis {
  readonly logic: PathwayLogic;
  /** Step id → the patients arriving there; a step absent is reached by none. */
  readonly reach: ReadonlyMap<string, PatientSet>;
  /**
   * Steps at and after a set that grew past the limit: their sets may be short of patients,
   * so nothing is judged on them.
   */
  readonly unanalysed: ReadonlySet<string>;
  /** The conditions of each computable decision as sets (absent when too large). */
  readonly sets: ReadonlyMap<string, DecisionSets>;
  /** Steps in breadth-first order from the start, along the graph's links. */
  readonly order: readonly string[];
}

/**
 * The most groups of patients (boxes) the set reaching one step may hold. Routes that test
 * different inputs multiply the groups, and the set operations slow down with the square of
 * the count: past this, the step and those after it are left unanalysed (analysis-limit).
 */
export const MAX_REACH_BOXES = 16;

/**
 * The work the whole analysis may do, counted in groups of patients passed along links: it
 * keeps a large pathway with many routes within a fraction of a second.
 */
export const MAX_REACH_WORK = 5_000;

/**
 * The work the set operations of one file may do (see `limitWork` in logic/sets.ts), in boxes
 * handled: a fixed allowance that keeps a small file with pathological conditions (fifty
 * overlapping tests of several inputs on one decision) within a few tens of milliseconds,
 * and a share per step so that a large pathway of plain conditions is never cut short.
 */
export const SET_WORK_BASE = 100_000;
export const SET_WORK_PER_STEP = 100;

function setWorkFor(model: PathwayModel): number {
  return SET_WORK_BASE + SET_WORK_PER_STEP * model.steps.size;
}

/** How often each step may be worked on before the analysis gives up on the file. */
const VISITS_PER_STEP = 200;

function oncePerInputs<T>(compute: (inputs: Inputs) => T): (inputs: Inputs) => T {
  const answers = new WeakMap<Inputs, T>();
  return (inputs) => {
    if (!answers.has(inputs)) answers.set(inputs, compute(inputs));
    return answers.get(inputs) as T;
  };
}

/**
 * The reach analysis of a model, computed once; undefined when there is nothing to analyse
 * (no computable decision, or no start).
 */
export const reachAnalysis = oncePerModel(
  (model: PathwayModel, graph: StepGraph | undefined, text: string): ReachAnalysis | undefined => {
    const logic = pathwayLogic(model, text);
    return graph?.start !== undefined &&
      [...logic.decisions.values()].some((decision) => decision.kind === 'computable')
      ? (limitWork(logic.inputs, setWorkFor(model)), computeReach(model, graph, graph.start, logic))
      : undefined;
  },
);

/**
 * A condition's patients and the rest, over inputs written as the key says, with the work
 * they took; undefined when too large (and then not kept).
 */
const conditionSets = memoByText(
  (
    _key: string,
    condition: Condition,
    inputs: Inputs,
  ): { holds: PatientSet; fails: PatientSet; cost: number } | undefined => {
    const before = workRemaining(inputs) ?? 0;
    const holds = conditionSet(condition, inputs);
    if (holds.kind === 'too-large') return undefined;
    const fails = complement(holds);
    if (fails.kind === 'too-large') return undefined;
    return { holds, fails, cost: before - (workRemaining(inputs) ?? 0) };
  },
);

/** The inputs as text: equal texts, equal inputs (sets over one serve the other). */
const inputsKey = oncePerInputs((inputs: Inputs): string => JSON.stringify([...inputs.values()]));

function decisionSets(decision: DecisionLogic, logic: PathwayLogic): DecisionSets | undefined {
  const conditions: PatientSet[] = [];
  const negations: PatientSet[] = [];
  const prefix = inputsKey(logic.inputs);
  for (const { condition, node } of decision.branches) {
    if (!condition || typeof node?.value !== 'string') return undefined;
    const key = `${prefix}\n${node.value}`;
    const fresh = workRemaining(logic.inputs);
    const found = conditionSets(key, condition, logic.inputs);
    if (!found) return undefined;
    // Kept from an earlier check: it costs what it cost then.
    if (workRemaining(logic.inputs) === fresh && !spend(logic.inputs, found.cost)) return undefined;
    conditions.push(rebase(found.holds, logic.inputs));
    negations.push(rebase(found.fails, logic.inputs));
  }
  return { conditions, negations };
}

/**
 * The patients a call passes on, by the step of this pathway they go on at (pathway-files §3):
 * the used pathway's reach for the patients arriving, its own inputs taking any value, each
 * of its ends' patients seen through this pathway's inputs; undefined when too large.
 */
function flowThrough(
  step: Step,
  used: UsedPathway,
  arriving: PatientSet,
  logic: PathwayLogic,
): [string | undefined, PatientSet][] | undefined {
  const { model, graph } = used.analysis;
  const own = pathwayLogic(model, used.analysis.parsed.text);
  if (graph.start === undefined) return undefined;
  // Every input along the call, this pathway's definitions first (its bounds apply).
  const inputs = new Map(logic.inputs);
  for (const [id, def] of own.inputs) if (!inputs.has(id)) inputs.set(id, def);
  const theirsOnly = [...inputs.keys()].filter((id) => !logic.inputs.has(id));
  limitWork(inputs, setWorkFor(model));
  const inside = computeReach(
    model,
    graph,
    graph.start,
    { ...own, inputs },
    rebase(arriving, inputs),
  );
  if (inside.unanalysed.size > 0) return undefined;
  const out: [string | undefined, PatientSet][] = [];
  for (const end of used.ends) {
    const patients = inside.reach.get(end);
    if (!patients) continue;
    const target = step.ends.find((route) => route.end === end)?.next.target ?? step.next?.target;
    out.push([target, rebase(forget(patients, theirsOnly), logic.inputs)]);
  }
  return out;
}

/** Step id → the patients it passes to each step it links to; undefined when too large. */
function flowOut(
  model: PathwayModel,
  step: Step,
  arriving: PatientSet,
  logic: PathwayLogic,
  sets: ReadonlyMap<string, DecisionSets>,
): [string | undefined, PatientSet][] | undefined {
  switch (step.kind) {
    case 'pathway': {
      const used = followed(model.calls?.get(step.id));
      if (used) return flowThrough(step, used, arriving, logic);
      // A call that cannot be followed passes its patients on as an action would.
      return [
        [step.next?.target, arriving],
        ...step.ends.map((route): [string | undefined, PatientSet] => [
          route.next.target,
          arriving,
        ]),
      ];
    }
    case 'end':
      return [];
    case 'assessment':
      return [[step.next?.target, forget(arriving, logic.records.get(step.id) ?? [])]];
    case 'action':
    case 'recommendation':
      return [[step.next?.target, arriving]];
    case 'decision': {
      const decision = logic.decisions.get(step.id);
      const branches = branchList(step) ?? [];
      const split = decision?.kind === 'computable' ? sets.get(step.id) : undefined;
      if (!decision || decision.kind !== 'computable') {
        const out: [string | undefined, PatientSet][] = branches.map((b) => [
          b.next?.target,
          arriving,
        ]);
        out.push([step.otherwise?.target, arriving]);
        return out;
      }
      if (!split) return undefined;
      const out: [string | undefined, PatientSet][] = [];
      let rest: SetResult = arriving;
      for (const [i, branch] of branches.entries()) {
        const holds = split.conditions[i];
        const fails = split.negations[i];
        if (!holds || !fails) return undefined;
        const taken = intersection(decision.match === 'first' ? rest : arriving, holds);
        if (taken.kind === 'too-large') return undefined;
        out.push([branch.next?.target, taken]);
        rest = intersection(rest, fails);
        if (rest.kind === 'too-large') return undefined;
      }
      out.push([step.otherwise?.target, rest]);
      return out;
    }
    case undefined: {
      const out: [string | undefined, PatientSet][] = [
        [step.next?.target, arriving],
        [step.otherwise?.target, arriving],
      ];
      for (const branch of branchList(step) ?? []) out.push([branch.next?.target, arriving]);
      return out;
    }
  }
}

function computeReach(
  model: PathwayModel,
  graph: StepGraph,
  start: string,
  logic: PathwayLogic,
  entering: PatientSet = full(logic.inputs),
): ReachAnalysis {
  const sets = new Map<string, DecisionSets>();
  const limited = new Set<string>();
  for (const decision of logic.decisions.values()) {
    if (decision.kind !== 'computable') continue;
    const found = decisionSets(decision, logic);
    if (found) sets.set(decision.step.id, found);
    else limited.add(decision.step.id);
  }

  const reach = new Map<string, PatientSet>([[start, entering]]);
  const queue = [start];
  const queued = new Set(queue);
  const visits = new Map<string, number>();
  let work = 0;
  while (queue.length > 0) {
    const id = queue.shift() as string;
    queued.delete(id);
    const step = model.steps.get(id);
    const arriving = reach.get(id);
    if (!step || !arriving || limited.has(id)) continue;
    const count = (visits.get(id) ?? 0) + 1;
    visits.set(id, count);
    work += arriving.boxes.length * Math.max(1, branchList(step)?.length ?? 1);
    // Out of work: this step and every step still waiting are left unanalysed.
    if (work > MAX_REACH_WORK) {
      limited.add(id);
      for (const waiting of queue) limited.add(waiting);
      break;
    }
    const out = count > VISITS_PER_STEP ? undefined : flowOut(model, step, arriving, logic, sets);
    if (!out) {
      limited.add(id);
      continue;
    }
    for (const [target, patients] of out) {
      if (target === undefined || !model.steps.has(target) || isEmpty(patients)) continue;
      if (limited.has(target)) continue;
      const before = reach.get(target);
      let after: SetResult = patients;
      if (before) {
        // A full subset test costs a complement of the set: the cheap tests come first, and a
        // union written with the same boxes as before adds no patient.
        if (plainlyWithin(patients, before)) continue;
        after = union(before, patients);
        if (after.kind === 'set' && plainlyWithin(after, before)) continue;
      }
      if (after.kind === 'too-large' || after.boxes.length > MAX_REACH_BOXES) {
        limited.add(target);
        continue;
      }
      reach.set(target, after);
      if (!queued.has(target)) {
        queued.add(target);
        queue.push(target);
      }
    }
  }

  // Everything after a set that grew too large may be missing patients.
  const unanalysed = new Set<string>(limited);
  const pending = [...limited];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    for (const next of graph.successors.get(id) ?? []) {
      if (unanalysed.has(next)) continue;
      unanalysed.add(next);
      pending.push(next);
    }
  }

  const order = [start];
  const seen = new Set(order);
  for (let i = 0; i < order.length; i++) {
    for (const next of graph.successors.get(order[i] as string) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      order.push(next);
    }
  }
  return { logic, reach, unanalysed, sets, order };
}
