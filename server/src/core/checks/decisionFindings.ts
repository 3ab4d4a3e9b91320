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
} from '../logic';
import type { StepGraph } from '../model/graph';
import type { PathwayModel } from '../model/pathway';
import type { RawFinding, Span } from '../types';
import type { DecisionLogic } from './decisionLogic';
import { misplacedFields } from './misplacedFields';
import { reachAnalysis, type ReachAnalysis } from './reach';
import { quote } from './rule';

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

interface Judged {
  readonly findings: readonly LogicFinding[];
  /** The steps that impossible branches name as reached by no patient. */
  readonly cutOff: ReadonlySet<string>;
}

const judgedOf = new WeakMap<PathwayModel, Judged>();

function judged(
  model: PathwayModel,
  graph: StepGraph | undefined,
  text: string,
  schemaEnabled: boolean,
): Judged {
  let found = judgedOf.get(model);
  if (!found) {
    const analysis = reachAnalysis(model, graph, text);
    found =
      analysis && graph
        ? findAll(model, graph, analysis, schemaEnabled)
        : { findings: [], cutOff: new Set() };
    judgedOf.set(model, found);
  }
  return found;
}

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

/** A patient in words: `weeks = 7, response = unchanged`. */
function patientWords(set: PatientSet, ids: readonly string[]): string {
  const patient = witness(set, ids);
  if (!patient || patient.size === 0) return 'any patient';
  return `a patient with ${[...patient].map(([id, value]) => `${id} = ${String(value)}`).join(', ')}`;
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

function findAll(
  model: PathwayModel,
  graph: StepGraph,
  analysis: ReachAnalysis,
  schemaEnabled: boolean,
): Judged {
  const { logic, reach, unanalysed, sets, order } = analysis;
  const findings: LogicFinding[] = [];
  const cutOff = new Set<string>();
  const overflowed = new Set<string>();
  const misplaced = schemaEnabled ? misplacedFields(model) : undefined;

  for (const decision of logic.decisions.values()) {
    const id = decision.step.id;
    if (decision.kind !== 'computable' || unanalysed.has(id)) continue;
    const arriving = reach.get(id);
    const split = sets.get(id);
    if (!arriving || isEmpty(arriving) || !split) continue;
    try {
      const hasOtherwise =
        decision.step.node.entries?.has('otherwise') === true ||
        misplaced?.gives(id, 'otherwise') === true;
      findings.push(
        ...judgeDecision(decision, arriving, split.conditions, split.negations, hasOtherwise, {
          model,
          graph,
          analysis,
          cutOff,
        }),
      );
    } catch (error) {
      if (!(error instanceof Overflow)) throw error;
      overflowed.add(id);
    }
  }

  const limitAt = order.find(
    (id) =>
      logic.decisions.get(id)?.kind === 'computable' && (unanalysed.has(id) || overflowed.has(id)),
  );
  const limitStep = limitAt === undefined ? undefined : model.steps.get(limitAt);
  if (limitStep) {
    findings.push({
      code: 'analysis-limit',
      message: `Decision ${quote(limitStep.id)} and the steps after it are not checked for overlapping, impossible or uncovered branches: the patients who reach it, or its conditions, fall into too many groups for the checker to work out. Simpler conditions on the way to it may help.`,
      span: limitStep.keySpan,
    });
  }
  return { findings, cutOff };
}

interface Surroundings {
  readonly model: PathwayModel;
  readonly graph: StepGraph;
  readonly analysis: ReachAnalysis;
  /** Gets the steps each impossible branch cuts off. */
  readonly cutOff: Set<string>;
}

function judgeDecision(
  decision: DecisionLogic,
  arriving: PatientSet,
  conditions: readonly PatientSet[],
  negations: readonly PatientSet[],
  hasOtherwise: boolean,
  around: Surroundings,
): LogicFinding[] {
  const findings: LogicFinding[] = [];
  const id = decision.step.id;
  const branches = decision.branches;
  const spanOf = (i: number): Span =>
    branches[i]?.node?.span ?? branches[i]?.branch.node.span ?? decision.step.keySpan;
  const conditionOf = (i: number): Condition | undefined => branches[i]?.condition;

  const meets: PatientSet[] = conditions.map((holds) => must(intersection(arriving, holds)));
  const impossible = meets.map((set) => isEmpty(set));

  for (const [i, possible] of impossible.entries()) {
    if (!possible) continue;
    findings.push({
      code: 'impossible-branch',
      message: impossibleMessage(decision, i, arriving, around),
      span: spanOf(i),
    });
  }

  if (decision.match === 'exclusive') {
    for (let i = 0; i < meets.length; i++) {
      for (let j = i + 1; j < meets.length; j++) {
        if (impossible[i] || impossible[j]) continue;
        const both = must(intersection(meets[i] as PatientSet, conditions[j] as PatientSet));
        if (isEmpty(both)) continue;
        const who = patientWords(both, namesOf(conditionOf(i), conditionOf(j)));
        findings.push({
          code: 'overlapping-branches',
          message: `Branches ${i + 1} and ${j + 1} of ${quote(id)} can both apply: for example ${who}. Make their conditions exclusive, or set "match: first" if the first branch that applies should be taken.`,
          span: spanOf(j),
        });
      }
    }
  } else {
    // Patients not taken by any branch before j.
    let rest = arriving;
    for (let j = 0; j < meets.length; j++) {
      if (j > 0 && !impossible[j]) {
        const taken = must(intersection(rest, conditions[j] as PatientSet));
        if (isEmpty(taken)) {
          findings.push({
            code: 'shadowed-branch',
            message: shadowedMessage(decision, j, meets[j] as PatientSet, conditions, negations),
            span: spanOf(j),
          });
        }
      }
      rest = must(intersection(rest, negations[j] as PatientSet));
    }
  }

  if (!hasOtherwise) {
    let none = arriving;
    for (const fails of negations) none = must(intersection(none, fails));
    if (!isEmpty(none)) {
      const who = patientWords(none, namesOf(...branches.map((b) => b.condition)));
      findings.push({
        code: 'uncovered-patients',
        message: `Decision ${quote(id)} has no "otherwise", and some patients meet none of its branches: for example ${who}. Add a branch for them, or an "otherwise" saying where they go.`,
        span: decision.step.keySpan,
      });
    }
  }
  return findings;
}

function shadowedMessage(
  decision: DecisionLogic,
  j: number,
  meets: PatientSet,
  conditions: readonly PatientSet[],
  negations: readonly PatientSet[],
): string {
  const id = decision.step.id;
  const mine = decision.branches[j]?.condition;
  // Each earlier branch that takes some of this branch's patients, with one of them.
  const takers: string[] = [];
  let rest = meets;
  for (let i = 0; i < j && !isEmpty(rest); i++) {
    const taken = must(intersection(rest, conditions[i] as PatientSet));
    if (!isEmpty(taken)) {
      // The inputs of the branches tried so far: they say why the earlier ones let it pass.
      const tried = decision.branches.slice(0, i + 1).map((b) => b.condition);
      const who = patientWords(taken, namesOf(...tried, mine));
      takers.push(`${who} is taken by branch ${i + 1}`);
    }
    rest = must(intersection(rest, negations[i] as PatientSet));
  }
  if (takers.length > 0)
    return `Branch ${j + 1} of ${quote(id)} is never taken: "match: first" tries the branches in order, and every patient it applies to is taken by an earlier one (for example ${takers.join('; ')}). Move it up, narrow the earlier condition, or remove it.`;
  return `Branch ${j + 1} of ${quote(id)} is never taken: every patient it applies to is taken by an earlier branch. Move it up, narrow the earlier condition, or remove it.`;
}

function impossibleMessage(
  decision: DecisionLogic,
  i: number,
  arriving: PatientSet,
  around: Surroundings,
): string {
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
  const lost = unreachedAfter(branch?.branch.next?.target, around);
  for (const step of lost) around.cutOff.add(step);
  const shown = lost.slice(0, MAX_NAMED_STEPS).map(quote).join(', ');
  const more = lost.length > MAX_NAMED_STEPS ? ` and ${lost.length - MAX_NAMED_STEPS} more` : '';
  const consequence =
    lost.length > 0
      ? ` So no patient reaches ${lost.length === 1 ? 'step' : 'steps'} ${shown}${more}.`
      : '';
  return `Branch ${i + 1} of ${quote(id)} can never apply: ${reason}.${consequence} Correct its condition, or remove the branch.`;
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
