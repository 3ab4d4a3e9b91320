// The rules a patient's route follows (pathway-logic §5), in one place for the scenarios' runs
// and the preview's walk-through, which bundles this file: what the facts are at each point
// of the route, and which way a decision with conditions goes. Plain data in, no model.
import { inputIds, type Condition } from '../logic/ast';
import { evaluate3, type Truth } from '../logic/evaluate';
import type { Value } from '../logic/inputs';

/** The most steps a route may hold, its end included. */
export const MAX_ROUTE_STEPS = 10_000;

/**
 * A patient's facts: input id → its value at each recording in turn (one value for an input
 * no step records). An absent input is unknown; so is an `undefined` value (the walk-through
 * lets a reviewer leave one measurement unknown).
 */
export type FactValues = ReadonlyMap<string, readonly (Value | undefined)[]>;

/**
 * The facts as a route goes: an input no step records is known from the start; one that
 * steps record is unknown until its first recording, and its k-th recording takes the k-th
 * value given (past the last, the last).
 */
export class RouteFacts {
  private readonly values = new Map<string, Value>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly facts: FactValues,
    recorded: ReadonlySet<string>,
  ) {
    for (const [id, values] of facts) {
      const first = values[0];
      if (!recorded.has(id) && first !== undefined) this.values.set(id, first);
    }
  }

  /** Input id → value, for the facts known now. */
  get known(): ReadonlyMap<string, Value> {
    return this.values;
  }

  /** How many times the route has recorded the input so far. */
  recordings(input: string): number {
    return this.counts.get(input) ?? 0;
  }

  /** A step that records `inputs` has been left: each takes its next value. */
  record(inputs: readonly string[]): void {
    for (const input of inputs) {
      const k = this.recordings(input);
      this.counts.set(input, k + 1);
      const values = this.facts.get(input);
      const value = values?.[Math.min(k, values.length - 1)];
      if (value === undefined) this.values.delete(input);
      else this.values.set(input, value);
    }
  }

  /**
   * What decides the rest of the route with the same answers: the recordings of each input,
   * counted up to the number of its values (past them nothing changes). A route that meets
   * the same step in the same state again goes round for ever.
   */
  state(): string {
    const parts: string[] = [];
    for (const [input, count] of this.counts) {
      const given = this.facts.get(input)?.length ?? 0;
      parts.push(`${input}=${Math.min(count, Math.max(given, 1))}`);
    }
    return parts.sort().join(',');
  }
}

/** A decision whose every branch has a condition, as a route meets it. */
export interface DecisionRule {
  readonly match: 'exclusive' | 'first';
  /** Each branch's condition, in the file's order. */
  readonly conditions: readonly Condition[];
  readonly hasOtherwise: boolean;
}

/** Which way a decision goes for the facts as they stand, or why it cannot be told. */
export type Decided =
  /** The branch (0-based) is taken. */
  | { readonly kind: 'branch'; readonly branch: number; readonly truths: readonly Truth[] }
  /** No branch holds: the otherwise route. */
  | { readonly kind: 'otherwise'; readonly truths: readonly Truth[] }
  /** Whether the branch holds depends on a fact not known (for `first`: the first such). */
  | { readonly kind: 'unknown'; readonly branch: number; readonly truths: readonly Truth[] }
  /** Two or more branches of an exclusive decision hold. */
  | {
      readonly kind: 'overlap';
      readonly branches: readonly number[];
      readonly truths: readonly Truth[];
    }
  /** No branch holds and there is no otherwise. */
  | { readonly kind: 'none'; readonly truths: readonly Truth[] };

/**
 * The way a decision goes, read in three-valued logic. `exclusive`: the branch that holds
 * when every other is false; an unknown branch, or two that hold, cannot be decided. `first`:
 * the first that holds, in order; an unknown one before it cannot be decided. When all are
 * false: the otherwise route, if there is one.
 */
export function decide(rule: DecisionRule, known: ReadonlyMap<string, Value>): Decided {
  const truths = rule.conditions.map((condition) => evaluate3(condition, known));
  if (rule.match === 'first') {
    for (const [branch, truth] of truths.entries()) {
      if (truth === 'unknown') return { kind: 'unknown', branch, truths };
      if (truth) return { kind: 'branch', branch, truths };
    }
  } else {
    const unknown = truths.indexOf('unknown');
    if (unknown >= 0) return { kind: 'unknown', branch: unknown, truths };
    const holding = truths.flatMap((truth, i) => (truth === true ? [i] : []));
    if (holding.length > 1) return { kind: 'overlap', branches: holding, truths };
    const [branch] = holding;
    if (branch !== undefined) return { kind: 'branch', branch, truths };
  }
  return rule.hasOtherwise ? { kind: 'otherwise', truths } : { kind: 'none', truths };
}

/** The inputs a condition names that are not known, in order of first use. */
export function missingInputs(
  condition: Condition | undefined,
  known: ReadonlyMap<string, Value>,
): string[] {
  return condition ? inputIds(condition).filter((id) => !known.has(id)) : [];
}

/** The inputs a condition names that are known, each with its value, in order of first use. */
export function knownInputs(
  condition: Condition | undefined,
  known: ReadonlyMap<string, Value>,
): (readonly [string, Value])[] {
  if (!condition) return [];
  return inputIds(condition).flatMap((id) => {
    const value = known.get(id);
    return value === undefined ? [] : [[id, value] as const];
  });
}
