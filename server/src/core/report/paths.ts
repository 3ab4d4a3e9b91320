// The paths from the start to each end, for the audit report: listed and counted up to set
// bounds, each with the answers taken at decisions.
import { endsKnown } from '../files/calls';
import type { StepGraph } from '../model/graph';
import { branchList, otherwiseWords, type PathwayModel, type Step } from '../model/pathway';

/** One move along a path: the step, and at a decision the answer taken to leave it. */
export interface PathStep {
  readonly id: string;
  /** At a decision: the branch condition taken, or the otherwise route's label. */
  readonly answer?: string;
}

export interface PathwayPath {
  readonly steps: readonly PathStep[];
  /** The end step the path arrives at. */
  readonly end: string;
}

export interface PathEnumeration {
  /** The paths listed, in depth-first order (branches in file order, otherwise last). */
  readonly paths: readonly PathwayPath[];
  /** How many start-to-end paths were counted (all of them when `complete`). */
  readonly counted: number;
  /** False when the listing or the count stopped at a bound. */
  readonly complete: boolean;
  /** True when even counting stopped: there are at least `counted` paths, maybe more. */
  readonly countCapped: boolean;
}

export interface PathLimits {
  /** At most this many paths are listed. */
  readonly list: number;
  /** Counting stops after this many paths. */
  readonly count: number;
  /** Counting also stops after this many steps walked, however few paths were found. */
  readonly work: number;
}

export const DEFAULT_PATH_LIMITS: PathLimits = { list: 200, count: 100_000, work: 2_000_000 };

/** The ways out of a step, in the order a reader meets them. */
export function exitsOf(
  step: Step,
  known: ReadonlyMap<string, Step>,
): { to: string; answer?: string }[] {
  const exits: { to: string; answer?: string }[] = [];
  const add = (to: string | undefined, answer?: string): void => {
    if (to !== undefined && known.has(to))
      exits.push(answer === undefined ? { to } : { to, answer });
  };
  switch (step.kind) {
    case 'decision':
      for (const branch of branchList(step) ?? []) {
        add(branch.next?.target, branch.when?.text.trim() ?? `branch ${branch.index + 1}`);
      }
      add(step.otherwise?.target, otherwiseWords(step));
      break;
    case 'end':
      break;
    default:
      add(step.next?.target);
  }
  return exits;
}

/**
 * The ways out of a step as a path takes them: as exitsOf, and for a `pathway` step also each
 * `ends` route, answered by the end of the used pathway it stops at (its title when the
 * used file is known), then `next` for any other end.
 */
export function pathExitsOf(step: Step, model: PathwayModel): { to: string; answer?: string }[] {
  if (step.kind !== 'pathway' || step.ends.length === 0) return exitsOf(step, model.steps);
  const used = endsKnown(model.calls?.get(step.id));
  const exits: { to: string; answer?: string }[] = [];
  for (const route of step.ends) {
    const to = route.next.target;
    if (to === undefined || !model.steps.has(to)) continue;
    const title = used?.analysis.model.steps.get(route.end)?.title;
    exits.push({ to, answer: `stops at “${title ?? route.end}”` });
  }
  const next = step.next?.target;
  if (next !== undefined && model.steps.has(next))
    exits.push(exits.length > 0 ? { to: next, answer: 'stops at any other end' } : { to: next });
  return exits;
}

/**
 * Every path from the start to an end that never repeats a step (a loop is walked once),
 * listed up to `limits.list` and counted up to `limits.count`.
 */
export function enumeratePaths(
  model: PathwayModel,
  graph: StepGraph,
  limits: PathLimits = DEFAULT_PATH_LIMITS,
): PathEnumeration {
  const total = graph.start === undefined ? undefined : countWithoutLoops(model, graph, limits);
  if (total === undefined) return walkPaths(model, graph, limits);
  // No loop on the way: every path is counted from the steps' own counts, and only the
  // listed ones are walked (walking them all to count them took up to two million steps).
  const listed = walkPaths(model, graph, { ...limits, count: Math.min(limits.list, total) });
  const countCapped = total >= limits.count;
  const counted = Math.min(total, limits.count);
  return {
    paths: listed.paths,
    counted,
    complete: !countCapped && listed.paths.length === counted,
    countCapped,
  };
}

/**
 * How many paths lead from the start to an end, when none of the ways that can still reach
 * an end loops back: each step's count is the sum of its exits' (an end's is 1), each step
 * counted once, and no count above `limits.count` (it only says "at least"). Undefined when
 * a loop can be walked, where paths that never repeat a step must be walked to be counted.
 */
function countWithoutLoops(
  model: PathwayModel,
  graph: StepGraph,
  limits: PathLimits,
): number | undefined {
  const start = graph.start;
  if (start === undefined) return 0;
  const counts = new Map<string, number>();
  const open = new Set<string>();
  // Explicit stack: long pathways must not overflow the call stack.
  const stack: { id: string; exits: string[] | undefined; next: number; sum: number }[] = [
    { id: start, exits: undefined, next: 0, sum: 0 },
  ];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as (typeof stack)[number];
    if (frame.exits === undefined) {
      const step = model.steps.get(frame.id);
      open.add(frame.id);
      if (step?.kind === 'end') {
        frame.exits = [];
        frame.sum = 1;
      } else {
        frame.exits = step
          ? pathExitsOf(step, model)
              .map((exit) => exit.to)
              .filter((to) => graph.canFinish.has(to))
          : [];
      }
    }
    const to = frame.exits[frame.next];
    if (to !== undefined) {
      const known = counts.get(to);
      if (known !== undefined) {
        frame.sum = Math.min(limits.count, frame.sum + known);
        frame.next++;
      } else if (open.has(to)) {
        return undefined;
      } else {
        stack.push({ id: to, exits: undefined, next: 0, sum: 0 });
      }
      continue;
    }
    stack.pop();
    open.delete(frame.id);
    counts.set(frame.id, frame.sum);
  }
  return counts.get(start) ?? 0;
}

/** Walks the paths depth first, listing and counting them up to the limits. */
function walkPaths(model: PathwayModel, graph: StepGraph, limits: PathLimits): PathEnumeration {
  const paths: PathwayPath[] = [];
  let counted = 0;
  let countCapped = false;
  if (graph.start === undefined) return { paths, counted, complete: true, countCapped };

  let work = 0;
  const onPath = new Set<string>();
  const trail: PathStep[] = [];
  // Explicit stack: long pathways must not overflow the call stack.
  const stack: {
    id: string;
    answer: string | undefined;
    exits: { to: string; answer?: string }[] | undefined;
    next: number;
  }[] = [{ id: graph.start, answer: undefined, exits: undefined, next: 0 }];
  while (stack.length > 0 && !countCapped) {
    const frame = stack[stack.length - 1];
    if (!frame) break;
    if (frame.exits === undefined) {
      if (++work > limits.work) {
        countCapped = true;
        break;
      }
      const step = model.steps.get(frame.id);
      onPath.add(frame.id);
      trail.push({ id: frame.id });
      if (step?.kind === 'end') {
        counted++;
        if (paths.length < limits.list) paths.push({ steps: [...trail], end: frame.id });
        if (counted >= limits.count) countCapped = true;
        frame.exits = [];
      } else {
        // Only ways that can still reach an end are worth walking.
        frame.exits = step
          ? pathExitsOf(step, model).filter((e) => !onPath.has(e.to) && graph.canFinish.has(e.to))
          : [];
      }
    }
    const exit = frame.exits[frame.next++];
    if (exit) {
      const last = trail[trail.length - 1];
      if (last)
        trail[trail.length - 1] =
          exit.answer === undefined ? { id: last.id } : { id: last.id, answer: exit.answer };
      stack.push({ id: exit.to, answer: exit.answer, exits: undefined, next: 0 });
      continue;
    }
    stack.pop();
    onPath.delete(frame.id);
    trail.pop();
  }
  return { paths, counted, complete: !countCapped && counted <= limits.list, countCapped };
}
