// What the preview's walk-through needs of a pathway: each step's ways out with their
// answers, each recommendation's grade and evidence, and for walking a patient from facts the
// inputs, what each assessment records, each decision's conditions and the file's scenarios.
import type { Analysis } from '../analysis';
import { pathwayLogic, type DecisionLogic, type PathwayLogic } from '../checks/decisionLogic';
import { endsKnown, followed, type Call } from '../files/calls';
import type { Condition, InputType, Value } from '../logic';
import { recommendationRow, type RecommendationRow } from '../report/audit';
import { exitsOf } from '../report/paths';
import { scenarioRuns } from '../scenarios';
import { pathwayName } from '../scenarios/chain';
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
  /** At a `pathway` step: the pathway it uses, and which exit each of its ends leads along. */
  readonly uses?: WalkUse;
}

/**
 * What a `pathway` step uses. Its exits are its `ends` entries (each with its answer, "Ends at
 * …") and then `next`, the way on from any other end.
 */
export interface WalkUse {
  /** The `use` value as written: a path from the pathway's own folder. */
  readonly file: string;
  /** The used pathway's title, when the call can be followed. */
  readonly title?: string;
  /**
   * The used pathway's walk in `WalkModel.used`, when the call can be followed: the walk goes
   * in at its start with the same facts and comes back out through its ends.
   */
  readonly walk?: string;
  /** The name its steps take in routes (`ID` of `ID/STEP`): its `id`, else its path. */
  readonly name?: string;
  /** Each end of the used pathway that `ends` routes, and the index of the exit it leads along. */
  readonly ends: readonly { readonly end: string; readonly exit: number }[];
  /** The index of the exit `next` leads along (any other end), when it leads to a step. */
  readonly otherEnds?: number;
}

export interface WalkModel {
  readonly start: string | undefined;
  readonly steps: readonly WalkStep[];
  /** The facts a patient may be given, in the file's order (absent: none). */
  readonly inputs?: readonly WalkInput[];
  /** The scenarios that can be replayed (those without a mistake in their facts or choices). */
  readonly scenarios?: readonly WalkScenario[];
  /**
   * The walks of the pathways its `pathway` steps use, and of those they use in turn, by path
   * from the root of the files (set on the pathway walked only; absent: none can be followed).
   */
  readonly used?: Readonly<Record<string, WalkModel>>;
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

/** A `pathway` step's exits (its `ends` entries, then `next`) and what it uses. */
function callOf(
  step: Step,
  call: Call | undefined,
  known: ReadonlyMap<string, Step>,
): Pick<WalkStep, 'exits' | 'uses'> {
  const judged = endsKnown(call);
  const used = followed(call);
  const exits: { to: string; answer?: string }[] = [];
  const ends: { end: string; exit: number }[] = [];
  for (const route of step.ends) {
    const to = route.next.target;
    // A key that is no end of the used pathway leads nowhere (unknown-step on the key).
    if (to === undefined || !known.has(to) || (judged && !judged.ends.includes(route.end)))
      continue;
    const title = judged?.analysis.model.steps.get(route.end)?.title?.trim() || route.end;
    ends.push({ end: route.end, exit: exits.length });
    exits.push({ to, answer: `Ends at “${title}”` });
  }
  const next = step.next?.target;
  const otherEnds = next !== undefined && known.has(next) ? exits.length : undefined;
  if (next !== undefined && otherEnds !== undefined)
    exits.push(ends.length > 0 ? { to: next, answer: 'Any other end' } : { to: next });
  const file = step.use?.target;
  if (file === undefined) return { exits };
  const title = used?.title?.trim();
  return {
    exits,
    uses: {
      file,
      ...(title ? { title } : {}),
      ...(used ? { walk: used.path, name: pathwayName(used) } : {}),
      ends,
      ...(otherEnds !== undefined ? { otherEnds } : {}),
    },
  };
}

/**
 * The walks of the pathways a pathway's calls can follow, and of those they use, each once by
 * path: calls cannot go round (a circular call is not followed), so this ends.
 */
function usedWalks(analysis: Analysis, into: Map<string, WalkModel>): void {
  for (const call of analysis.model?.calls?.values() ?? []) {
    const used = followed(call);
    if (!used || into.has(used.path)) continue;
    into.set(used.path, walkModel(used.analysis, false));
    usedWalks(used.analysis, into);
  }
}

/**
 * The facts a patient may be given along a whole chain of calls: this pathway's inputs, then
 * those only a used pathway declares (one id names one fact), recorded at `ID/STEP`.
 */
function withUsedInputs(
  own: WalkInput[],
  used: ReadonlyMap<string, WalkModel>,
  analysis: Analysis,
): WalkInput[] {
  if (used.size === 0) return own;
  const names = new Map<string, string>();
  const visit = (calling: Analysis): void => {
    for (const call of calling.model?.calls?.values() ?? []) {
      const followedCall = followed(call);
      if (!followedCall || names.has(followedCall.path)) continue;
      names.set(followedCall.path, pathwayName(followedCall));
      visit(followedCall.analysis);
    }
  };
  visit(analysis);
  const inputs = [...own];
  const at = new Map(inputs.map((input, i) => [input.id, i]));
  for (const [path, walk] of used) {
    const name = names.get(path) ?? path;
    for (const input of walk.inputs ?? []) {
      const recordedAt = input.recordedAt.map((step) => `${name}/${step}`);
      const i = at.get(input.id);
      const known = i === undefined ? undefined : inputs[i];
      if (i !== undefined && known) {
        // Recorded there too: a recording along the chain counts as one of this fact's.
        inputs[i] = { ...known, recordedAt: [...known.recordedAt, ...recordedAt] };
        continue;
      }
      at.set(input.id, inputs.length);
      inputs.push({ ...input, recordedAt });
    }
  }
  return inputs;
}

/** The steps, their ways out and their recommendations, for walking a patient through. */
export function walkModel(analysis: Analysis, withUsed = true): WalkModel {
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
    if (step.kind === 'pathway') {
      return { ...base, ...callOf(step, model.calls?.get(step.id), model.steps) };
    }
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
  const used = new Map<string, WalkModel>();
  if (withUsed) usedWalks(analysis, used);
  return {
    start: start !== undefined && model.steps.has(start) ? start : undefined,
    steps,
    inputs: withUsedInputs(inputsOf(model, logic), used, analysis),
    scenarios,
    ...(used.size > 0 ? { used: Object.fromEntries(used) } : {}),
  };
}
