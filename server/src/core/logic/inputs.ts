// The facts a pathway decides on, as plain data built from the file's `inputs`, and the words
// and id pattern that conditions reserve (pathway-logic §1).

/** The kinds of value an input takes. */
export type InputType = 'boolean' | 'number' | 'integer' | 'choice';

export const INPUT_TYPES: readonly InputType[] = ['boolean', 'number', 'integer', 'choice'];

/** One input as the analysis sees it; keys that do not belong to its type are ignored. */
export interface InputDef {
  readonly id: string;
  readonly type: InputType;
  /** Inclusive lower bound (number and integer). */
  readonly min?: number;
  /** Inclusive upper bound (number and integer). */
  readonly max?: number;
  /** e.g. "weeks", used in messages (number and integer). */
  readonly unit?: string;
  /** The names a choice takes, in the file's order. */
  readonly values?: readonly string[];
}

/** The inputs of one pathway by id. */
export type Inputs = ReadonlyMap<string, InputDef>;

/** One input's value for a patient: true/false, a number, or one of a choice's values. */
export type Value = boolean | number | string;

/** Input id → value. An input missing from the map is unknown. */
export type Patient = ReadonlyMap<string, Value>;

/** Words of the condition language; no input id or choice value may be one of them. */
export const RESERVED_WORDS: readonly string[] = ['and', 'or', 'not', 'in', 'true', 'false'];

/** What an input id (and a choice value) looks like. */
export const INPUT_ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/u;

export function isReservedWord(text: string): boolean {
  return RESERVED_WORDS.includes(text);
}

/** Whether `text` can name an input or a choice value. */
export function isInputId(text: string): boolean {
  return INPUT_ID_PATTERN.test(text) && !isReservedWord(text);
}

/** Builds the id → input map, first definition of an id winning. */
export function inputMap(defs: Iterable<InputDef>): Inputs {
  const map = new Map<string, InputDef>();
  for (const def of defs) if (!map.has(def.id)) map.set(def.id, def);
  return map;
}
