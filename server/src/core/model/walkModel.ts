// What the preview's walk-through needs of a pathway: each step's ways out with their
// answers, each recommendation's grade and evidence, and for walking a patient from facts the
// inputs, what each assessment records, each decision's conditions and the file's scenarios.
import type { Analysis } from '../analysis';
import { pathwayLogic, type DecisionLogic, type PathwayLogic } from '../checks/decisionLogic';
import type { Condition, InputType, Value } from '../logic';
import { recommendationRow, type RecommendationRow } from '../report/audit';
import { exitsOf } from '../report/paths';
import { scenarioRuns } from '../scenarios';
import { branchList, type PathwayModel, type Step } from './pathway';

/** An input as the walk-through asks for it. */
export interface WalkInput {
  readonly id: string;
  readonly type: InputType;
  /** The question as the file words it (its id when it has no title). */
  readonly title: string;
  readonly unit?: string;
  readonly min?: number;
  readonly max?: number;
  /** A choice's values, in the file's order. */
  readonly values?: readonly string[];
  /** The assessments that record it, in the file's order: none when it is known from the start. */
  readonly recordedAt: readonly string[];
}

/** One fact about the patient walked through. */
export interface WalkFact {
  readonly input: string;
  /**
   * Its value at each recording in turn (one value, which then holds at every recording, for
   * most facts); null where it is unknown.
   */
  readonly values: readonly (Value | null)[];
}

/** A scenario of the file, as the walk-through replays it. */
export interface WalkScenario {
  readonly id: string;
  readonly title: string | undefined;
  readonly facts: readonly WalkFact[];
  /** Where the patient goes from each decision in words. */
  readonly choose: readonly { readonly decision: string; readonly to: string }[];
  /** The end it expects, when it names one. */
  readonly end: string | undefined;
}

/** One branch of a decision with conditions. */
export interface WalkBranch {
  /** The `if` as written, when it is text. */
  readonly if?: string;
  /** The parsed condition: on every branch of a computable decision. */
  readonly condition?: Condition;
  /** The index in the step's exits of the way it leads; absent when it leads to no step. */
  readonly exit?: number;
}

/**
 * The conditions of a decision that has some: `computable` when the facts decide it;
 * `partial` (some branches without an `if`) and `broken` (a condition with a mistake) are
 * answered by hand. A decision in words has none.
 */
export interface WalkLogic {
  readonly kind: 'computable' | 'partial' | 'broken';
  readonly match: 'exclusive' | 'first';
  readonly branches: readonly WalkBranch[];
  readonly hasOtherwise: boolean;
  /** The index in the step's exits of the otherwise route, when it leads to a step. */
  readonly otherwise?: number;
}

/** What a walk through the pathway needs to know of one step. */
export interface WalkStep {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  /**
   * The ways out, as a reader meets them; at a decision each carries its answer: a branch's
   * condition, and for the otherwise route its label or "None of the above".
   */
  readonly exits: readonly { readonly to: string; readonly answer?: string }[];
  /** At an end: what the patient leaves with, when the end says. */
  readonly outcome?: string;
  /** A recommendation's grade and evidence, as the audit report lists them. */
  readonly recommendation?: Omit<RecommendationRow, 'id' | 'line' | 'title'>;
  /** At an assessment: the inputs it records (measures anew). */
  readonly records?: readonly string[];
  /** At a decision with conditions: them, and the exits their branches lead along. */
  readonly logic?: WalkLogic;
}

export interface WalkModel {
  readonly start: string | undefined;
  readonly steps: readonly WalkStep[];
  /** The facts a patient may be given, in the file's order (absent: none). */
  readonly inputs?: readonly WalkInput[];
  /** The scenarios that can be replayed (those without a mistake in their facts or choices). */
  readonly scenarios?: readonly WalkScenario[];
}

function inputsOf(model: PathwayModel, logic: PathwayLogic): WalkInput[] {
  const recordedAt = new Map<string, string[]>();
  for (const [step, inputs] of logic.records) {
    for (const input of inputs) recordedAt.set(input, [...(recordedAt.get(input) ?? []), step]);
  }
  const nodes = model.root.entries?.get('inputs')?.entries;
  return [...logic.inputs.values()].map((def): WalkInput => {
    const title = nodes?.get(def.id)?.entries?.get('title')?.value;
    return {
      ...def,
      title: typeof title === 'string' && title.trim() !== '' ? title.trim() : def.id,
      recordedAt: recordedAt.get(def.id) ?? [],
    };
  });
}

function logicOf(
  step: Step,
  decision: DecisionLogic | undefined,
  known: ReadonlyMap<string, Step>,
): WalkLogic | undefined {
  if (!decision || decision.kind === 'prose') return undefined;
  // The exits are the branches that lead to a step, in order, then the otherwise route.
  let exits = 0;
  const leads = (target: string | undefined): number | undefined =>
    target !== undefined && known.has(target) ? exits++ : undefined;
  const branches = (branchList(step) ?? []).map((branch): WalkBranch => {
    const read = decision.branches.find((b) => b.branch.index === branch.index);
    const written = read?.node?.value;
    const exit = leads(branch.next?.target);
    return {
      ...(typeof written === 'string' ? { if: written } : {}),
      ...(decision.kind === 'computable' && read?.condition ? { condition: read.condition } : {}),
      ...(exit !== undefined ? { exit } : {}),
    };
  });
  const otherwise = leads(step.otherwise?.target);
  return {
    kind: decision.kind,
    match: decision.match,
    branches,
    hasOtherwise: step.otherwise !== undefined,
    ...(otherwise !== undefined ? { otherwise } : {}),
  };
}

/** The steps, their ways out and their recommendations, for walking a patient through. */
export function walkModel(analysis: Analysis): WalkModel {
  const model = analysis.model;
  if (!model) return { start: undefined, steps: [] };
  const text = analysis.parsed.text;
  const logic = pathwayLogic(model, text);
  const steps = [...model.steps.values()].map((step): WalkStep => {
    const base = {
      id: step.id,
      kind: step.kind ?? 'unknown',
      title: step.title ?? step.id,
      exits: exitsOf(step, model.steps),
    };
    if (step.kind === 'assessment') {
      const records = logic.records.get(step.id);
      return records ? { ...base, records } : base;
    }
    if (step.kind === 'decision') {
      const walkLogic = logicOf(step, logic.decisions.get(step.id), model.steps);
      return walkLogic ? { ...base, logic: walkLogic } : base;
    }
    if (step.kind === 'end') {
      const outcome = step.node.entries?.get('outcome')?.value;
      return typeof outcome === 'string' && outcome.trim() !== ''
        ? { ...base, outcome: outcome.trim() }
        : base;
    }
    if (step.kind !== 'recommendation') return base;
    const { direction, strength, certainty, rationale, citations } = recommendationRow(
      analysis,
      step,
    );
    return { ...base, recommendation: { direction, strength, certainty, rationale, citations } };
  });
  const start = analysis.graph?.start;
  const runs = scenarioRuns(model, text);
  const scenarios = runs.scenarios
    .filter((scenario) => scenario.runnable)
    .map((scenario): WalkScenario => ({
      id: scenario.id,
      title: scenario.title,
      facts: [...scenario.facts].map(([input, values]) => ({ input, values })),
      choose: [...scenario.choose].flatMap(([decision, link]) =>
        link.target === undefined ? [] : [{ decision, to: link.target }],
      ),
      end: scenario.expect.end?.target,
    }));
  return {
    start: start !== undefined && model.steps.has(start) ? start : undefined,
    steps,
    inputs: inputsOf(model, logic),
    scenarios,
  };
}
