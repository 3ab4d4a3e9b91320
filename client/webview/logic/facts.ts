// The facts of the walk-through without the page: the values a reader sets for the pathway's
// inputs (one value, or one per measurement for an input that steps record), kept fitting the
// pathway as it is edited, and the walk made from them turned into a scenario to save.
import type {
  ScenarioDraft,
  WalkFact,
  WalkInput,
  WalkModel,
} from '../../../shared/webviewMessages';
import type { Route } from './walk';

/** A known value: true/false, a number, or one of a choice's values. */
export type FactValue = boolean | number | string;

/** Whether the value fits the input: its type, its bounds, its values. */
export function fits(input: WalkInput, value: unknown): value is FactValue {
  switch (input.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'choice':
      return typeof value === 'string' && (input.values ?? []).includes(value);
    case 'number':
    case 'integer':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (input.type === 'number' || Number.isInteger(value)) &&
        (input.min === undefined || value >= input.min) &&
        (input.max === undefined || value <= input.max)
      );
  }
}

/** What a number input takes, in words: "A whole number from 0 to 520, in weeks." */
export function numberHint(input: WalkInput): string {
  const kind = input.type === 'integer' ? 'A whole number' : 'A number';
  const { min, max } = input;
  const bounds =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` of at least ${min}`
        : max !== undefined
          ? ` of at most ${max}`
          : '';
  return `${kind}${bounds}${input.unit ? `, in ${input.unit}` : ''}.`;
}

/**
 * A number field's text as the input's value: null (unknown) when empty, else the number, or
 * why it does not fit (then the fact is unknown too).
 */
export function readNumber(
  input: WalkInput,
  text: string,
): { readonly value: number | null; readonly problem?: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return { value: null, problem: 'Not used: not a number.' };
  if (input.type === 'integer' && !Number.isInteger(value))
    return { value: null, problem: 'Not used: not a whole number.' };
  if (!fits(input, value)) return { value: null, problem: `Not used: ${trimmed} is out of range.` };
  return { value };
}

function inputsOf(model: WalkModel): Map<string, WalkInput> {
  return new Map((model.inputs ?? []).map((input) => [input.id, input]));
}

/**
 * The facts kept for the pathway as it now is: facts for inputs it no longer has, values that
 * no longer fit, and more than one value for an input no step records, are dropped.
 */
export function fitFacts(model: WalkModel, facts: readonly WalkFact[]): WalkFact[] {
  const inputs = inputsOf(model);
  const kept: WalkFact[] = [];
  const seen = new Set<string>();
  for (const fact of facts) {
    const input = inputs.get(fact.input);
    if (!input || seen.has(fact.input) || !Array.isArray(fact.values)) continue;
    seen.add(fact.input);
    const recorded = input.recordedAt.length > 0;
    const values = (recorded ? fact.values : fact.values.slice(0, 1)).map((value) =>
      fits(input, value) ? value : null,
    );
    if (values.some((value) => value !== null)) kept.push({ input: fact.input, values });
  }
  return kept;
}

/** The facts as a route reads them: input id → value at each recording, undefined where unknown. */
export function factValues(
  model: WalkModel,
  facts: readonly WalkFact[],
): Map<string, (FactValue | undefined)[]> {
  return new Map(
    fitFacts(model, facts).map((fact) => [
      fact.input,
      fact.values.map((value) => (value === null ? undefined : value)),
    ]),
  );
}

/** The value given for measurement `index` of an input (0: the first, or the only one). */
export function factAt(facts: readonly WalkFact[], input: string, index: number): FactValue | null {
  return facts.find((fact) => fact.input === input)?.values[index] ?? null;
}

/** How many values are given for an input (at least 1: the first control is always there). */
export function measurementsGiven(facts: readonly WalkFact[], input: string): number {
  return Math.max(1, facts.find((fact) => fact.input === input)?.values.length ?? 0);
}

function changed(
  facts: readonly WalkFact[],
  input: string,
  change: (values: (FactValue | null)[]) => (FactValue | null)[],
): WalkFact[] {
  const current = facts.find((fact) => fact.input === input)?.values ?? [];
  const values = change([...current]);
  const others = facts.filter((fact) => fact.input !== input);
  // A fact with no value left is no fact: the input is unknown.
  if (!values.some((value) => value !== null)) return others;
  const at = facts.findIndex((fact) => fact.input === input);
  const next = { input, values };
  return at < 0 ? [...others, next] : facts.map((fact) => (fact.input === input ? next : fact));
}

/** The facts with measurement `index` of an input set (null: unknown). */
export function setFact(
  facts: readonly WalkFact[],
  input: string,
  index: number,
  value: FactValue | null,
): WalkFact[] {
  return changed(facts, input, (values) => {
    while (values.length <= index) values.push(null);
    values[index] = value;
    return values;
  });
}

/**
 * One more measurement for an input, first the same as the last (as it holds anyway: past
 * the last value given, the last holds).
 */
export function addMeasurement(facts: readonly WalkFact[], input: string): WalkFact[] {
  return changed(facts, input, (values) => {
    if (values.length === 0) values.push(null);
    values.push(values[values.length - 1] ?? null);
    return values;
  });
}

/** A measurement taken away (the ones after it move up). */
export function removeMeasurement(
  facts: readonly WalkFact[],
  input: string,
  index: number,
): WalkFact[] {
  return changed(facts, input, (values) => values.filter((_, i) => i !== index));
}

export type Draft =
  | { readonly ok: true; readonly scenario: ScenarioDraft }
  | { readonly ok: false; readonly why: string };

/**
 * The walk as a scenario to save: where it ended, the facts given (in the order of the
 * inputs), and the answer at each decision in words. Not when the walk has not reached an
 * end, or when its facts would not take the same route (a decision with conditions answered
 * by hand, a decision in words answered two ways, a measurement left unknown before one given).
 */
export function scenarioDraft(model: WalkModel, route: Route, facts: readonly WalkFact[]): Draft {
  const ended = route.ended;
  if (!ended) return { ok: false, why: 'Walk to an end first: a scenario says where it ends.' };
  const choose = new Map<string, string>();
  for (const { step, name, exit, by } of route.passed) {
    if (step.kind === 'pathway')
      return {
        ok: false,
        why: `“${step.title}” could not be walked through (its file was not read): a scenario goes through the sub-pathway itself.`,
      };
    const logic = step.logic;
    if (logic?.kind === 'broken')
      return {
        ok: false,
        why: `“${step.title}” has a condition with a mistake: correct it, then walk again.`,
      };
    if (logic?.kind === 'computable') {
      if (by === 'hand')
        return {
          ok: false,
          why: `“${step.title}” was answered by hand: set the facts it needs, so that they answer it.`,
        };
      continue;
    }
    const to = step.exits[exit]?.to;
    if (to === undefined) continue;
    // A decision inside a sub-pathway is named `ID/STEP`, as the scenario's `choose` keys it.
    const before = choose.get(name);
    if (before !== undefined && before !== to)
      return {
        ok: false,
        why: `“${step.title}” was answered two ways: a scenario gives one answer for each decision in words.`,
      };
    choose.set(name, to);
  }
  const given = fitFacts(model, facts);
  const written: { input: string; values: FactValue[] }[] = [];
  for (const input of model.inputs ?? []) {
    const values = given.find((fact) => fact.input === input.id)?.values;
    if (!values) continue;
    let last = values.length;
    while (last > 0 && values[last - 1] === null) last--;
    const kept = values.slice(0, last);
    const unknown = kept.indexOf(null);
    if (unknown >= 0)
      return {
        ok: false,
        why: `Measurement ${unknown + 1} of “${input.title}” is unknown, and a later one is given: give it, or remove it.`,
      };
    written.push({ input: input.id, values: kept as FactValue[] });
  }
  return {
    ok: true,
    scenario: {
      end: ended.id,
      facts: written,
      choose: [...choose].map(([decision, to]) => ({ decision, to })),
    },
  };
}
