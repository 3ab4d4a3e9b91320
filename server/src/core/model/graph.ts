import { branchList, type Link, type PathwayModel, type Step } from './pathway';

/**
 * The pathway as a directed graph of steps. Only links the schema accepts and that name a
 * step become edges; a link that is missing, broken or names no step makes its step's way
 * on unknown ("open"): it may lead anywhere, so it is never blamed as a dead end.
 */
export interface StepGraph {
  readonly successors: ReadonlyMap<string, readonly string[]>;
  /** Steps whose way on is unknown. */
  readonly open: ReadonlySet<string>;
  /** End steps. */
  readonly ends: ReadonlySet<string>;
  /** The start step, when `start` names a step. */
  readonly start: string | undefined;
  /** Steps on some path from the start (empty when there is no valid start). */
  readonly reachable: ReadonlySet<string>;
  /** Steps from which some path leads to an end or to an unknown way on. */
  readonly canFinish: ReadonlySet<string>;
}

function exitsOf(
  step: Step,
  known: ReadonlyMap<string, Step>,
): { targets: string[]; open: boolean } {
  const targets: string[] = [];
  let open = step.kind === undefined;
  const follow = (link: Link | undefined): void => {
    if (link?.target !== undefined && known.has(link.target)) targets.push(link.target);
    else open = true;
  };
  switch (step.kind) {
    case 'end':
      break;
    case 'decision': {
      const branches = branchList(step) ?? [];
      if (branches.length === 0) open = true;
      for (const branch of branches) follow(branch.next);
      if (step.otherwise) follow(step.otherwise);
      break;
    }
    case 'assessment':
    case 'action':
    case 'recommendation':
      follow(step.next);
      break;
    case undefined:
      // Unknown kind: follow whatever links it has, to avoid blaming the steps after it.
      for (const link of [step.next, step.otherwise]) {
        if (link?.target !== undefined && known.has(link.target)) targets.push(link.target);
      }
      for (const branch of branchList(step) ?? []) {
        const target = branch.next?.target;
        if (target !== undefined && known.has(target)) targets.push(target);
      }
      break;
  }
  return { targets, open };
}

export function buildGraph(model: PathwayModel): StepGraph {
  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  const open = new Set<string>();
  const ends = new Set<string>();
  for (const id of model.steps.keys()) predecessors.set(id, []);

  for (const [id, step] of model.steps) {
    const exits = exitsOf(step, model.steps);
    successors.set(id, exits.targets);
    for (const target of exits.targets) predecessors.get(target)?.push(id);
    if (exits.open) open.add(id);
    if (step.kind === 'end') ends.add(id);
  }

  const startTarget = model.start?.target;
  const start = startTarget !== undefined && model.steps.has(startTarget) ? startTarget : undefined;

  const reachable = new Set<string>();
  if (start !== undefined) {
    const queue = [start];
    reachable.add(start);
    for (let i = 0; i < queue.length; i++) {
      for (const next of successors.get(queue[i] ?? '') ?? []) {
        if (!reachable.has(next)) {
          reachable.add(next);
          queue.push(next);
        }
      }
    }
  }

  const canFinish = new Set<string>([...ends, ...open]);
  const queue = [...canFinish];
  for (let i = 0; i < queue.length; i++) {
    for (const previous of predecessors.get(queue[i] ?? '') ?? []) {
      if (!canFinish.has(previous)) {
        canFinish.add(previous);
        queue.push(previous);
      }
    }
  }

  return { successors, open, ends, start, reachable, canFinish };
}
