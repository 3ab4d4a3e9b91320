/**
 * Step fields indented too little: `next: red-flags` written at the level of the step ids
 * still parses, as an entry of `steps` named "next". That is one mistake, and the schema
 * rule says so on its line; what the field would give the step above it once indented
 * (its "next", the steps that "next" reaches) is that mistake's consequence, not more
 * findings.
 */
import { STEP_KINDS, type PathwayModel, type Step } from '../model/pathway';
import type { StepGraph } from '../model/graph';
import { keysOf, stepSchema } from '../schema/schema';
import { stepTypos } from './typos';
import { oncePerModel } from './rule';

/** An entry of `steps` that is most likely a field of the step above it. */
export interface MisplacedField {
  /** The entry, read as a step named like the field. */
  readonly entry: Step;
  /** The step it belongs to: the nearest step above it written as a set of fields. */
  readonly owner: Step;
}

export interface MisplacedFields {
  readonly fields: readonly MisplacedField[];
  /** The misplaced field written as the entry with this id, if it is one. */
  byEntry(id: string): MisplacedField | undefined;
  /** Whether a step is given this field by a misplaced line. */
  gives(step: string, field: string): boolean;
  /** The steps a step's misplaced links (next, otherwise, branches) name. */
  readonly links: ReadonlyMap<string, readonly string[]>;
}

/** The names of a step's fields, for any kind, as the schema defines them. */
const STEP_FIELDS: ReadonlySet<string> = new Set(
  STEP_KINDS.flatMap((kind) => keysOf(stepSchema(kind))),
);

/** Whether a step of this kind takes the field (any step field when the kind is unknown). */
function takes(step: Step, field: string): boolean {
  return step.kind === undefined || keysOf(stepSchema(step.kind)).includes(field);
}

/** The misplaced step fields of a model. */
export const misplacedFields: (model: PathwayModel) => MisplacedFields =
  oncePerModel(findMisplacedFields);

function findMisplacedFields(model: PathwayModel): MisplacedFields {
  const fields: MisplacedField[] = [];
  const byEntry = new Map<string, MisplacedField>();
  const given = new Map<string, Set<string>>();
  const links = new Map<string, string[]>();
  let owner: Step | undefined;
  for (const entry of model.steps.values()) {
    const value = entry.node.value;
    if (entry.node.entries) {
      owner = entry;
      continue;
    }
    // An empty entry says nothing about where it belongs ("Step "next" is empty").
    if (!STEP_FIELDS.has(entry.id) || value === null || value === undefined) {
      owner = undefined;
      continue;
    }
    if (!owner || !takes(owner, entry.id) || owner.node.entries?.has(entry.id)) continue;
    const ownerFields = given.get(owner.id) ?? new Set<string>();
    // Written twice: the second copy is not simply misplaced.
    if (ownerFields.has(entry.id)) continue;
    ownerFields.add(entry.id);
    given.set(owner.id, ownerFields);
    const field: MisplacedField = { entry, owner };
    fields.push(field);
    byEntry.set(entry.id, field);
    for (const target of linkTargets(entry)) {
      if (!model.steps.has(target)) continue;
      const list = links.get(owner.id) ?? [];
      list.push(target);
      links.set(owner.id, list);
    }
  }
  return {
    fields,
    byEntry: (id) => byEntry.get(id),
    gives: (step, field) => given.get(step)?.has(field) === true,
    links,
  };
}

/** The step ids a misplaced link field names: its text, or its branches' "next". */
function linkTargets(entry: Step): string[] {
  const { node } = entry;
  if ((entry.id === 'next' || entry.id === 'otherwise') && typeof node.value === 'string') {
    return [node.value];
  }
  if (entry.id !== 'branches') return [];
  const targets: string[] = [];
  for (const item of node.items ?? []) {
    const next = item.entries?.get('next')?.value;
    if (typeof next === 'string') targets.push(next);
  }
  return targets;
}

/**
 * Steps on some path from the start once the mistakes other findings name are fixed as
 * they suggest: misspelt links corrected (when `typos`), misplaced fields indented (when
 * `misplaced`).
 */
export function reachableIfFixed(
  model: PathwayModel,
  graph: StepGraph,
  fix: { readonly typos: boolean; readonly misplaced: boolean },
): ReadonlySet<string> {
  const typos = fix.typos ? stepTypos(model, graph) : undefined;
  const moved = fix.misplaced ? misplacedFields(model).links : new Map<string, string[]>();
  if (moved.size === 0) return typos?.reachableIfCorrected ?? graph.reachable;

  const extra = new Map<string, string[]>();
  const add = (from: string, to: string): void => {
    const list = extra.get(from) ?? [];
    list.push(to);
    extra.set(from, list);
  };
  let start = graph.start;
  for (const typo of typos?.typos ?? []) {
    if (typo.step === undefined) start = typo.suggestion;
    else add(typo.step, typo.suggestion);
  }
  for (const [from, targets] of moved) for (const to of targets) add(from, to);

  const seen = new Set<string>();
  if (start === undefined) return seen;
  const queue = [start];
  seen.add(start);
  for (let q = 0; q < queue.length; q++) {
    const at = queue[q] as string;
    for (const target of [...(graph.successors.get(at) ?? []), ...(extra.get(at) ?? [])]) {
      if (seen.has(target)) continue;
      seen.add(target);
      queue.push(target);
    }
  }
  return seen;
}

/**
 * Steps from which some path leads to an end (or an unknown way on) once the misplaced
 * fields are indented: a decision whose "otherwise" was written too far left may be a
 * loop's only way out.
 */
export function canFinishIfMoved(model: PathwayModel, graph: StepGraph): ReadonlySet<string> {
  const moved = misplacedFields(model).links;
  if (moved.size === 0) return graph.canFinish;
  const sources = new Map<string, string[]>();
  const link = (from: string, to: string): void => {
    const list = sources.get(to) ?? [];
    list.push(from);
    sources.set(to, list);
  };
  for (const [from, targets] of graph.successors) for (const to of targets) link(from, to);
  for (const [from, targets] of moved) for (const to of targets) link(from, to);
  const finishing = new Set(graph.canFinish);
  const queue = [...finishing];
  for (let q = 0; q < queue.length; q++) {
    for (const from of sources.get(queue[q] as string) ?? []) {
      if (finishing.has(from)) continue;
      finishing.add(from);
      queue.push(from);
    }
  }
  return finishing;
}
