// The pathway as a graph of steps: which steps the start reaches and from which an end can
// be reached, as the rules and the flowchart ask.
import { endsKnown, type Calls } from '../files/calls';
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

/** Adds the index of the step a link names to `out`; true when it names none (way on unknown). */
function addLink(
  link: Link | undefined,
  index: ReadonlyMap<string, number>,
  out: number[],
): boolean {
  const target = link?.target === undefined ? undefined : index.get(link.target);
  if (target === undefined) return true;
  out.push(target);
  return false;
}

/**
 * Adds the indices of the steps a step's links name to `out`, in the order written; true
 * when its way on is unknown.
 */
function addExits(
  step: Step,
  index: ReadonlyMap<string, number>,
  out: number[],
  calls: Calls | undefined,
): boolean {
  switch (step.kind) {
    case 'end':
      return false;
    case 'decision': {
      const branches = branchList(step) ?? [];
      let open = branches.length === 0;
      for (const branch of branches) open = addLink(branch.next, index, out) || open;
      if (step.otherwise) open = addLink(step.otherwise, index, out) || open;
      return open;
    }
    case 'assessment':
    case 'action':
    case 'recommendation':
      return addLink(step.next, index, out);
    case 'pathway': {
      // An `ends` key that is not an end of the used pathway adds no edge: its way is unknown.
      const used = endsKnown(calls?.get(step.id));
      let open = addLink(step.next, index, out);
      for (const route of step.ends) {
        if (used && !used.ends.includes(route.end)) open = true;
        else open = addLink(route.next, index, out) || open;
      }
      return open;
    }
    case undefined:
      // Unknown kind: follow whatever links it has, to avoid blaming the steps after it.
      addLink(step.next, index, out);
      addLink(step.otherwise, index, out);
      for (const branch of branchList(step) ?? []) addLink(branch.next, index, out);
      return true;
  }
}

/**
 * Walks the links from the steps in `queue` (marked in `seen`), forwards or backwards
 * through the flat adjacency `first`/`to`, adding every step met to `queue` and `seen`.
 */
function walk(queue: number[], seen: Uint8Array, first: Int32Array, to: Int32Array): void {
  for (let q = 0; q < queue.length; q++) {
    const at = queue[q] as number;
    for (let e = first[at] as number, last = first[at + 1] as number; e < last; e++) {
      const target = to[e] as number;
      if (!seen[target]) {
        seen[target] = 1;
        queue.push(target);
      }
    }
  }
}

export function buildGraph(model: PathwayModel): StepGraph {
  // Steps by position, links as flat arrays of positions: a graph of 10,000 steps is built
  // after every edit. Names only for what is returned.
  const steps = [...model.steps.values()];
  const count = steps.length;
  const index = new Map<string, number>();
  for (let i = 0; i < count; i++) index.set((steps[i] as Step).id, i);

  const targets: number[] = [];
  const firstTarget = new Int32Array(count + 1);
  const open = new Set<string>();
  const ends = new Set<string>();
  for (let i = 0; i < count; i++) {
    const step = steps[i] as Step;
    firstTarget[i] = targets.length;
    if (addExits(step, index, targets, model.calls)) open.add(step.id);
    if (step.kind === 'end') ends.add(step.id);
  }
  firstTarget[count] = targets.length;
  const forward = Int32Array.from(targets);

  // The same links the other way round: where each step is reached from.
  const firstSource = new Int32Array(count + 1);
  for (const target of forward) firstSource[target + 1] = (firstSource[target + 1] as number) + 1;
  for (let i = 0; i < count; i++) {
    firstSource[i + 1] = (firstSource[i + 1] as number) + (firstSource[i] as number);
  }
  const backward = new Int32Array(forward.length);
  const filled = firstSource.slice(0, count);
  for (let from = 0; from < count; from++) {
    for (let e = firstTarget[from] as number; e < (firstTarget[from + 1] as number); e++) {
      const target = forward[e] as number;
      const slot = filled[target] as number;
      backward[slot] = from;
      filled[target] = slot + 1;
    }
  }

  const startTarget = model.start?.target;
  const startIndex = startTarget === undefined ? undefined : index.get(startTarget);
  const start = startIndex === undefined ? undefined : startTarget;

  const reachable = new Set<string>();
  if (startIndex !== undefined) {
    const seen = new Uint8Array(count);
    const queue = [startIndex];
    seen[startIndex] = 1;
    walk(queue, seen, firstTarget, forward);
    for (const at of queue) reachable.add((steps[at] as Step).id);
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
  const known = queue.length;
  walk(queue, finishing, firstSource, backward);
  for (let q = known; q < queue.length; q++) canFinish.add((steps[queue[q] as number] as Step).id);

  let successors: Map<string, string[]> | undefined;
  return {
    // Only hover asks for it: made when first read.
    get successors(): ReadonlyMap<string, readonly string[]> {
      if (!successors) {
        successors = new Map();
        for (let i = 0; i < count; i++) {
          const list: string[] = [];
          for (let e = firstTarget[i] as number; e < (firstTarget[i + 1] as number); e++) {
            list.push((steps[forward[e] as number] as Step).id);
          }
          successors.set((steps[i] as Step).id, list);
        }
      }
      return successors;
    },
    open,
    ends,
    start,
    reachable,
    canFinish,
  };
}
