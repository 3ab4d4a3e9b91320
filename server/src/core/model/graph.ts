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

/**
 * Where a step leads: the indices of the steps its links name, in the order written, and
 * whether its way on is unknown.
 */
function exitsOf(
  step: Step,
  index: ReadonlyMap<string, number>,
): { targets: number[]; open: boolean } {
  const targets: number[] = [];
  let open = step.kind === undefined;
  const follow = (link: Link | undefined): void => {
    const target = link?.target === undefined ? undefined : index.get(link.target);
    if (target !== undefined) targets.push(target);
    else open = true;
  };
  const followIfKnown = (link: Link | undefined): void => {
    const target = link?.target === undefined ? undefined : index.get(link.target);
    if (target !== undefined) targets.push(target);
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
      followIfKnown(step.next);
      followIfKnown(step.otherwise);
      for (const branch of branchList(step) ?? []) followIfKnown(branch.next);
      break;
  }
  return { targets, open };
}

export function buildGraph(model: PathwayModel): StepGraph {
  // Steps by position: the walks below use arrays, and names only for what they return.
  const ids: string[] = [];
  const index = new Map<string, number>();
  for (const id of model.steps.keys()) {
    index.set(id, ids.length);
    ids.push(id);
  }
  const count = ids.length;
  const successors = new Map<string, string[]>();
  const next: number[][] = [];
  const previous: number[][] = Array.from({ length: count }, () => []);
  const open = new Set<string>();
  const ends = new Set<string>();

  let i = 0;
  for (const step of model.steps.values()) {
    const exits = exitsOf(step, index);
    next.push(exits.targets);
    successors.set(
      ids[i] as string,
      exits.targets.map((target) => ids[target] as string),
    );
    for (const target of exits.targets) previous[target]?.push(i);
    if (exits.open) open.add(ids[i] as string);
    if (step.kind === 'end') ends.add(ids[i] as string);
    i++;
  }

  const startTarget = model.start?.target;
  const startIndex = startTarget === undefined ? undefined : index.get(startTarget);
  const start = startIndex === undefined ? undefined : startTarget;

  const reachable = new Set<string>();
  if (startIndex !== undefined) {
    const seen = new Uint8Array(count);
    const queue = [startIndex];
    seen[startIndex] = 1;
    for (let q = 0; q < queue.length; q++) {
      for (const target of next[queue[q] as number] ?? []) {
        if (!seen[target]) {
          seen[target] = 1;
          queue.push(target);
        }
      }
    }
    for (const step of queue) reachable.add(ids[step] as string);
  }

  // Ends first, then steps with an unknown way on, then the steps that lead to them.
  const canFinish = new Set<string>([...ends, ...open]);
  const finishing = new Uint8Array(count);
  const queue: number[] = [];
  for (const id of canFinish) {
    const at = index.get(id) as number;
    finishing[at] = 1;
    queue.push(at);
  }
  for (let q = 0; q < queue.length; q++) {
    for (const before of previous[queue[q] as number] ?? []) {
      if (!finishing[before]) {
        finishing[before] = 1;
        queue.push(before);
        canFinish.add(ids[before] as string);
      }
    }
  }

  return { successors, open, ends, start, reachable, canFinish };
}
