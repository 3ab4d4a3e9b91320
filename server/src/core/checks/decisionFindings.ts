// What the reach analysis finds wrong with computable decisions: branches that overlap, that an
// earlier branch shadows, that no arriving patient meets, and patients no branch takes
// (pathway-logic §3–4). Worked out once per model; each rule reports its own code.
import {
  conditionSet,
  describeInput,
  describeValues,
  inputIds,
  inputMap,
  intersection,
  isEmpty,
  witness,
  type Condition,
  type InputDef,
  type Inputs,
  type PatientSet,
  type SetResult,
  type Value,
} from '../logic';
import type { StepGraph } from '../model/graph';
import type { PathwayModel } from '../model/pathway';
import type { RawFinding, Span } from '../types';
import { pathwayLogic, type DecisionClass, type DecisionLogic } from './decisionLogic';
import { misplacedFields } from './misplacedFields';
import { reachAnalysis, type ReachAnalysis } from './reach';
import { oncePerModel, quote } from './rule';

type LogicCode =
  | 'overlapping-branches'
  | 'shadowed-branch'
  | 'impossible-branch'
  | 'uncovered-patients'
  | 'analysis-limit';

interface LogicFinding extends RawFinding {
  readonly code: LogicCode;
}

/** The most steps an impossible branch's message names. */
const MAX_NAMED_STEPS = 5;

/** One patient, as the inputs named in the conditions concerned, each with a value. */
export type Example = readonly { readonly input: string; readonly value: Value }[];

/** Branches are numbered from 1, as a reader counts them. */
export interface Overlap {
  readonly branches: readonly [number, number];
  /** A patient both branches apply to. */
  readonly example: Example;
}

export interface Shadowed {
  readonly branch: number;
  /** Each earlier branch that takes some of its patients, in order, with one of them. */
  readonly takenBy: readonly { readonly branch: number; readonly example: Example }[];
}

export interface Impossible {
  readonly branch: number;
  /** Why no arriving patient meets it: "its condition contradicts itself", … */
  readonly reason: string;
  /** Steps after it that no patient reaches because of it. */
  readonly unreached: readonly string[];
}

/**
 * What the logic analysis says of one decision: whether its branches can be judged, and if so
 * what breaks them. The logic rules' findings are made from it, and the audit report reads it,
 * so that the two always say the same.
 */
export interface DecisionVerdict {
  readonly id: string;
  readonly kind: DecisionClass;
  readonly match: 'exclusive' | 'first';
  readonly hasOtherwise: boolean;
  /** Numbers of the branches without an `if` (a partial decision). */
  readonly withoutIf: readonly number[];
  /**
   * judged: the lists below are the whole truth; not-computable: see `kind`; no-start: the
   * pathway has no start to follow; unreached: no patient arrives; limit: too many groups of
   * patients to work out (analysis-limit).
   */
  readonly status: 'judged' | 'not-computable' | 'no-start' | 'unreached' | 'limit';
  readonly overlaps: readonly Overlap[];
  readonly shadowed: readonly Shadowed[];
  readonly impossible: readonly Impossible[];
  /** A patient no branch takes, when there is no otherwise. */
  readonly uncovered: Example | undefined;
}

interface Judged {
  readonly verdicts: ReadonlyMap<string, DecisionVerdict>;
  readonly findings: readonly LogicFinding[];
  /** The steps that impossible branches name as reached by no patient. */
  readonly cutOff: ReadonlySet<string>;
}

/** Every decision's verdict and the findings made from them, once per model. */
const judged = oncePerModel(
  (
    model: PathwayModel,
    graph: StepGraph | undefined,
    text: string,
    schemaEnabled: boolean,
  ): Judged => judgeAll(model, graph, text, schemaEnabled),
);

/** The reach-based findings of a model with the given code. */
export function decisionFindings(
  code: LogicCode,
  model: PathwayModel | undefined,
  graph: StepGraph | undefined,
  text: string,
  schemaEnabled: boolean,
): RawFinding[] {
  if (!model) return [];
  return judged(model, graph, text, schemaEnabled).findings.filter(
    (finding) => finding.code === code,
  );
}

/**
 * The steps after an impossible branch that no patient reaches, which its message names:
 * no other finding is reported on them (pathway-logic §3).
 */
export function stepsCutOff(
  model: PathwayModel | undefined,
  graph: StepGraph | undefined,
  text: string,
  schemaEnabled: boolean,
): ReadonlySet<string> {
  return model ? judged(model, graph, text, schemaEnabled).cutOff : new Set();
}

/**
 * Each decision with branches, by id: its class and what the analysis found (the same
 * answer the logic rules report from). A misplaced `otherwise` counts as one, as for
 * the rules with the schema rule on.
 */
export function decisionVerdicts(
  model: PathwayModel,
  graph: StepGraph | undefined,
  text: string,
): ReadonlyMap<string, DecisionVerdict> {
  return judged(model, graph, text, true).verdicts;
}

/** A patient in words: `a patient with weeks = 7, response = unchanged`. */
export function patientWords(example: Example): string {
  if (example.length === 0) return 'any patient';
  return `a patient with ${example.map(({ input, value }) => `${input} = ${String(value)}`).join(', ')}`;
}

function exampleOf(set: PatientSet, ids: readonly string[]): Example {
  return [...(witness(set, ids) ?? [])].map(([input, value]) => ({ input, value }));
}

function namesOf(...conditions: (Condition | undefined)[]): string[] {
  const ids: string[] = [];
  for (const condition of conditions)
    if (condition) for (const id of inputIds(condition)) if (!ids.includes(id)) ids.push(id);
  return ids;
}

/** The inputs without their bounds, to tell a condition at odds with itself from one at odds with them. */
const unboundedOf = new WeakMap<Inputs, Inputs>();
function unbounded(inputs: Inputs): Inputs {
  let found = unboundedOf.get(inputs);
  if (!found) {
    found = inputMap(
      [...inputs.values()].map((def): InputDef => ({
        id: def.id,
        type: def.type,
        ...(def.values ? { values: def.values } : {}),
      })),
    );
    unboundedOf.set(inputs, found);
  }
  return found;
}

function isEmptyResult(set: SetResult): boolean | undefined {
  return set.kind === 'too-large' ? undefined : isEmpty(set);
}

class Overflow extends Error {}

function must(set: SetResult): PatientSet {
  if (set.kind === 'too-large') throw new Overflow();
  return set;
}

function unjudged(
  decision: DecisionLogic,
  hasOtherwise: boolean,
  status: DecisionVerdict['status'],
): DecisionVerdict {
  return {
    id: decision.step.id,
    kind: decision.kind,
    match: decision.match,
    hasOtherwise,
    withoutIf: decision.branches.filter((b) => b.node === undefined).map((b) => b.branch.index + 1),
    status,
    overlaps: [],
    shadowed: [],
    impossible: [],
    uncovered: undefined,
  };
}

function judgeAll(
  model: PathwayModel,
  graph: StepGraph | undefined,
  text: string,
  schemaEnabled: boolean,
): Judged {
  const logic = pathwayLogic(model, text);
  const analysis = reachAnalysis(model, graph, text);
  const verdicts = new Map<string, DecisionVerdict>();
  const findings: LogicFinding[] = [];
  const overflowed = new Set<string>();
  const misplaced = schemaEnabled ? misplacedFields(model) : undefined;

  for (const decision of logic.decisions.values()) {
    const id = decision.step.id;
    const hasOtherwise =
      decision.step.node.entries?.has('otherwise') === true ||
      misplaced?.gives(id, 'otherwise') === true;
    const verdict = (status: DecisionVerdict['status']): void => {
      verdicts.set(id, unjudged(decision, hasOtherwise, status));
    };
    if (decision.kind !== 'computable') {
      verdict('not-computable');
      continue;
    }
    if (!analysis || !graph) {
      verdict('no-start');
      continue;
    }
    if (analysis.unanalysed.has(id)) {
      verdict('limit');
      continue;
    }
    const arriving = analysis.reach.get(id);
    const split = analysis.sets.get(id);
    if (!arriving || isEmpty(arriving) || !split) {
      verdict('unreached');
      continue;
    }
    try {
      const found = judgeDecision(
        decision,
        arriving,
        split.conditions,
        split.negations,
        hasOtherwise,
        { model, graph, analysis },
      );
      verdicts.set(id, { ...unjudged(decision, hasOtherwise, 'judged'), ...found });
    } catch (error) {
      if (!(error instanceof Overflow)) throw error;
      overflowed.add(id);
      verdict('limit');
    }
  }

  const cutOff = new Set<string>();
  for (const verdict of verdicts.values()) {
    const decision = logic.decisions.get(verdict.id);
    if (decision && verdict.status === 'judged') findings.push(...findingsOf(decision, verdict));
    for (const impossible of verdict.impossible)
      for (const step of impossible.unreached) cutOff.add(step);
  }

  const limitAt = analysis?.order.find(
    (id) =>
      logic.decisions.get(id)?.kind === 'computable' &&
      (analysis.unanalysed.has(id) || overflowed.has(id)),
  );
  const limitStep = limitAt === undefined ? undefined : model.steps.get(limitAt);
  if (limitStep) {
    findings.push({
      code: 'analysis-limit',
      message: `Decision ${quote(limitStep.id)} and the steps after it are not checked for overlapping, impossible or uncovered branches: the patients who reach it, or its conditions, fall into too many groups for the checker to work out. Simpler conditions on the way to it may help.`,
      span: limitStep.keySpan,
    });
  }
  return { verdicts, findings, cutOff };
}

interface Surroundings {
  readonly model: PathwayModel;
  readonly graph: StepGraph;
  readonly analysis: ReachAnalysis;
}

/** The findings a judged decision's verdict reports, in the order the checks have always given them. */
function findingsOf(decision: DecisionLogic, verdict: DecisionVerdict): LogicFinding[] {
  const id = decision.step.id;
  const branches = decision.branches;
  const spanOf = (n: number): Span =>
    branches[n - 1]?.node?.span ?? branches[n - 1]?.branch.node.span ?? decision.step.keySpan;
  const findings: LogicFinding[] = [];
  for (const impossible of verdict.impossible) {
    findings.push({
      code: 'impossible-branch',
      message: impossibleMessage(id, impossible),
      span: spanOf(impossible.branch),
    });
  }
  for (const overlap of verdict.overlaps) {
    const [i, j] = overlap.branches;
    findings.push({
      code: 'overlapping-branches',
      message: `Branches ${i} and ${j} of ${quote(id)} can both apply: for example ${patientWords(overlap.example)}. Make their conditions exclusive, or set "match: first" if the first branch that applies should be taken.`,
      span: spanOf(j),
    });
  }
  for (const shadowed of verdict.shadowed) {
    findings.push({
      code: 'shadowed-branch',
      message: shadowedMessage(id, shadowed),
      span: spanOf(shadowed.branch),
    });
  }
  if (verdict.uncovered) {
    findings.push({
      code: 'uncovered-patients',
      message: `Decision ${quote(id)} has no "otherwise", and some patients meet none of its branches: for example ${patientWords(verdict.uncovered)}. Add a branch for them, or an "otherwise" saying where they go.`,
      span: decision.step.keySpan,
    });
  }
  return findings;
}

function judgeDecision(
  decision: DecisionLogic,
  arriving: PatientSet,
  conditions: readonly PatientSet[],
  negations: readonly PatientSet[],
  hasOtherwise: boolean,
  around: Surroundings,
): Pick<DecisionVerdict, 'overlaps' | 'shadowed' | 'impossible' | 'uncovered'> {
  const branches = decision.branches;
  const conditionOf = (i: number): Condition | undefined => branches[i]?.condition;

  const meets: PatientSet[] = conditions.map((holds) => must(intersection(arriving, holds)));
  const impossible = meets.map((set) => isEmpty(set));
  const found: {
    overlaps: Overlap[];
    shadowed: Shadowed[];
    impossible: Impossible[];
    uncovered: Example | undefined;
  } = { overlaps: [], shadowed: [], impossible: [], uncovered: undefined };

  for (const [i, possible] of impossible.entries()) {
    if (possible) found.impossible.push(impossibleBranch(decision, i, arriving, around));
  }

  if (decision.match === 'exclusive') {
    for (let i = 0; i < meets.length; i++) {
      for (let j = i + 1; j < meets.length; j++) {
        if (impossible[i] || impossible[j]) continue;
        const both = must(intersection(meets[i] as PatientSet, conditions[j] as PatientSet));
        if (isEmpty(both)) continue;
        found.overlaps.push({
          branches: [i + 1, j + 1],
          example: exampleOf(both, namesOf(conditionOf(i), conditionOf(j))),
        });
      }
    }
  } else {
    // Patients not taken by any branch before j.
    let rest = arriving;
    for (let j = 0; j < meets.length; j++) {
      if (j > 0 && !impossible[j]) {
        const taken = must(intersection(rest, conditions[j] as PatientSet));
        if (isEmpty(taken))
          found.shadowed.push(
            shadowedBranch(decision, j, meets[j] as PatientSet, conditions, negations),
          );
      }
      rest = must(intersection(rest, negations[j] as PatientSet));
    }
  }

  if (hasOtherwise) return found;
  let none = arriving;
  for (const fails of negations) none = must(intersection(none, fails));
  if (!isEmpty(none))
    found.uncovered = exampleOf(none, namesOf(...branches.map((b) => b.condition)));
  return found;
}

function shadowedBranch(
  decision: DecisionLogic,
  j: number,
  meets: PatientSet,
  conditions: readonly PatientSet[],
  negations: readonly PatientSet[],
): Shadowed {
  const mine = decision.branches[j]?.condition;
  // Each earlier branch that takes some of this branch's patients, with one of them.
  const takenBy: { branch: number; example: Example }[] = [];
  let rest = meets;
  for (let i = 0; i < j && !isEmpty(rest); i++) {
    const taken = must(intersection(rest, conditions[i] as PatientSet));
    if (!isEmpty(taken)) {
      // The inputs of the branches tried so far: they say why the earlier ones let it pass.
      const tried = decision.branches.slice(0, i + 1).map((b) => b.condition);
      takenBy.push({ branch: i + 1, example: exampleOf(taken, namesOf(...tried, mine)) });
    }
    rest = must(intersection(rest, negations[i] as PatientSet));
  }
  return { branch: j + 1, takenBy };
}

function shadowedMessage(id: string, shadowed: Shadowed): string {
  const j = shadowed.branch;
  if (shadowed.takenBy.length > 0) {
    const takers = shadowed.takenBy
      .map((by) => `${patientWords(by.example)} is taken by branch ${by.branch}`)
      .join('; ');
    return `Branch ${j} of ${quote(id)} is never taken: "match: first" tries the branches in order, and every patient it applies to is taken by an earlier one (for example ${takers}). Move it up, narrow the earlier condition, or remove it.`;
  }
  return `Branch ${j} of ${quote(id)} is never taken: every patient it applies to is taken by an earlier branch. Move it up, narrow the earlier condition, or remove it.`;
}

function impossibleBranch(
  decision: DecisionLogic,
  i: number,
  arriving: PatientSet,
  around: Surroundings,
): Impossible {
  const id = decision.step.id;
  const branch = decision.branches[i];
  const condition = branch?.condition;
  const inputs = around.analysis.logic.inputs;
  let reason = `no patient who reaches ${quote(id)} meets its condition`;
  if (condition) {
    const ids = inputIds(condition);
    if (isEmptyResult(conditionSet(condition, unbounded(inputs))) === true) {
      reason = 'its condition contradicts itself';
    } else if (isEmptyResult(conditionSet(condition, inputs)) === true) {
      const bounds = ids
        .map((name) => inputs.get(name))
        .filter((def): def is InputDef => def?.min !== undefined || def?.max !== undefined)
        .map((def) => describeInput(def));
      reason = `its condition cannot hold within the inputs' bounds (${bounds.join('; ')})`;
    } else {
      const known = ids
        .map((name) => describeValues(arriving, name))
        .filter((words): words is string => words !== undefined);
      if (known.length > 0)
        reason = `every patient who reaches ${quote(id)} has ${known.join(' and ')}`;
    }
  }
  return { branch: i + 1, reason, unreached: unreachedAfter(branch?.branch.next?.target, around) };
}

function impossibleMessage(id: string, impossible: Impossible): string {
  const lost = impossible.unreached;
  const shown = lost.slice(0, MAX_NAMED_STEPS).map(quote).join(', ');
  const more = lost.length > MAX_NAMED_STEPS ? ` and ${lost.length - MAX_NAMED_STEPS} more` : '';
  const consequence =
    lost.length > 0
      ? ` So no patient reaches ${lost.length === 1 ? 'step' : 'steps'} ${shown}${more}.`
      : '';
  return `Branch ${impossible.branch} of ${quote(id)} can never apply: ${impossible.reason}.${consequence} Correct its condition, or remove the branch.`;
}

/** Steps from `first` on that a path from the start leads to but no patient reaches. */
function unreachedAfter(first: string | undefined, around: Surroundings): string[] {
  const { graph, analysis } = around;
  if (first === undefined || !around.model.steps.has(first)) return [];
  const lost: string[] = [];
  const seen = new Set([first]);
  const queue = [first];
  for (let q = 0; q < queue.length; q++) {
    const at = queue[q] as string;
    if (analysis.reach.has(at) || analysis.unanalysed.has(at) || !graph.reachable.has(at)) continue;
    lost.push(at);
    for (const next of graph.successors.get(at) ?? []) {
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(next);
    }
  }
  return lost;
}
