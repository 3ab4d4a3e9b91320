// Which steps and arrows lie on the paths through a chosen step, and where each step's arrows
// lead: questions about the flowchart's graph, answered without the page.

/** An arrow of the flowchart, from one step's id to another's. */
export interface Arrow {
  readonly from: string;
  readonly to: string;
}

export interface Links {
  /** Where each step leads, in the order its arrows are written. */
  readonly exits: ReadonlyMap<string, readonly string[]>;
  /** The steps leading to each step. */
  readonly entries: ReadonlyMap<string, readonly string[]>;
}

export function linksOf(arrows: Iterable<Arrow>): Links {
  const exits = new Map<string, string[]>();
  const entries = new Map<string, string[]>();
  const add = (map: Map<string, string[]>, key: string, value: string): void => {
    const list = map.get(key) ?? [];
    if (!list.includes(value)) list.push(value);
    map.set(key, list);
  };
  for (const { from, to } of arrows) {
    add(exits, from, to);
    add(entries, to, from);
  }
  return { exits, entries };
}

/**
 * The step `id` was reached from: the last step of `trail` (the steps the reader followed the
 * arrows from) when it leads here, else the first step leading here.
 */
export function stepBefore(links: Links, trail: readonly string[], id: string): string | undefined {
  const before = links.entries.get(id) ?? [];
  const last = trail.at(-1);
  return last !== undefined && before.includes(last) ? last : before[0];
}

function reach(from: Iterable<string>, next: ReadonlyMap<string, readonly string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(next.get(id) ?? []));
  }
  return seen;
}

/** The flowchart as the path finder needs it. */
export interface Chart<A extends Arrow> {
  readonly arrows: readonly A[];
  readonly starts: readonly string[];
  readonly ends: readonly string[];
}

/** The steps and arrows on some path start → … → step → … → end. */
export function pathsThrough<A extends Arrow>(
  chart: Chart<A>,
  id: string,
): { steps: Set<string>; arrows: Set<A> } {
  const { exits: forward, entries: backward } = linksOf(chart.arrows);
  const fromStart = reach(chart.starts, forward);
  const toSelected = reach([id], backward);
  // Before the step: what the start reaches and leads to it (everything leading to it when
  // the start does not reach it). After: what it reaches and leads to an end (all it
  // reaches when no end can be reached).
  const before = fromStart.has(id)
    ? new Set([...toSelected].filter((n) => fromStart.has(n)))
    : toSelected;
  const fromSelected = reach([id], forward);
  const toEnd = reach(chart.ends, backward);
  const after = toEnd.has(id)
    ? new Set([...fromSelected].filter((n) => toEnd.has(n)))
    : fromSelected;
  const arrows = new Set<A>();
  for (const arrow of chart.arrows) {
    const { from, to } = arrow;
    if ((before.has(from) && before.has(to)) || (after.has(from) && after.has(to))) {
      arrows.add(arrow);
    }
  }
  return { steps: new Set([...before, ...after]), arrows };
}
