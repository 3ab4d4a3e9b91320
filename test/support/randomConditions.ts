/**
 * Seeded random conditions and patients for the property tests of pathway logic: five inputs
 * (two yes/no, a whole number, a number, a choice), conditions nested three deep over them,
 * and patients whose numbers sit on and beside the constants the conditions compare with.
 */
import { inputMap, type InputDef, type Inputs, type Value } from '../../server/src/core/logic';

export { randomSource } from './synthetic';

/** The constants conditions compare numbers with. */
export const CONSTANTS = [-1, 0, 2, 2.5, 5, 10, 11];

/** The ids the five inputs take; a test may give its own (with "-", or FHIRPath keywords). */
export interface InputNames {
  readonly flag: string;
  readonly whole: string;
  readonly number: string;
  readonly choice: string;
  readonly otherFlag: string;
  /** The choice's three values. */
  readonly values: readonly [string, string, string];
}

export const SHORT_NAMES: InputNames = {
  flag: 'b',
  whole: 'i',
  number: 'n',
  choice: 'c',
  otherFlag: 'd',
  values: ['p', 'q', 'r'],
};

const picker =
  (random: () => number) =>
  <T>(list: readonly T[]): T =>
    list[Math.floor(random() * list.length)] as T;

/** The five inputs; the whole number is bounded (0 to 10) half the time, the number from 0 half the time. */
export function randomInputs(random: () => number, names: InputNames = SHORT_NAMES): InputDef[] {
  const bounded = random() < 0.5;
  return [
    { id: names.flag, type: 'boolean' },
    { id: names.whole, type: 'integer', ...(bounded ? { min: 0, max: 10 } : {}) },
    { id: names.number, type: 'number', ...(random() < 0.5 ? { min: 0 } : {}) },
    { id: names.choice, type: 'choice', values: names.values },
    { id: names.otherFlag, type: 'boolean' },
  ];
}

/** A condition over the inputs, nested up to `depth`: not, brackets, and, or, every test form. */
export function randomCondition(
  random: () => number,
  defs: readonly InputDef[],
  depth: number,
): string {
  const pick = picker(random);
  const test = (): string => {
    const def = pick(defs);
    switch (def.type) {
      case 'boolean':
        return pick([def.id, `${def.id} = ${pick(['true', 'false'])}`, `${def.id} != true`]);
      case 'choice': {
        const values = def.values ?? [];
        const op = pick(['=', '!=', 'in', 'not in']);
        if (op === '=' || op === '!=') return `${def.id} ${op} ${pick(values)}`;
        return `${def.id} ${op} [${values
          .filter(() => random() < 0.5)
          .concat(values[1] ?? '')
          .join(', ')}]`;
      }
      default: {
        const op = pick(['=', '!=', '<', '<=', '>', '>=', 'in', 'not in']);
        if (op === 'in' || op === 'not in')
          return `${def.id} ${op} [${pick(CONSTANTS)}, ${pick(CONSTANTS)}]`;
        return `${def.id} ${op} ${pick(CONSTANTS)}`;
      }
    }
  };
  const condition = (level: number): string => {
    const r = random();
    if (level === 0 || r < 0.3) return random() < 0.03 ? pick(['true', 'false']) : test();
    if (r < 0.45) return `not ${condition(level - 1)}`;
    if (r < 0.55) return `(${condition(level - 1)})`;
    return `(${condition(level - 1)} ${pick(['and', 'or'])} ${condition(level - 1)})`;
  };
  return condition(depth);
}

/** The five inputs and two conditions over them. */
export function randomCase(random: () => number): { inputs: Inputs; a: string; b: string } {
  const defs = randomInputs(random);
  return {
    inputs: inputMap(defs),
    a: randomCondition(random, defs, 3),
    b: randomCondition(random, defs, 3),
  };
}

/** A patient with every input known; numbers on, between and beside the constants. */
export function randomPatient(random: () => number, inputs: Inputs): Map<string, Value> {
  const pick = picker(random);
  const patient = new Map<string, Value>();
  for (const def of inputs.values()) {
    let value: Value;
    if (def.type === 'boolean') value = random() < 0.5;
    else if (def.type === 'choice') value = pick(def.values ?? []);
    else {
      const candidates = CONSTANTS.flatMap((c) => [c - 0.5, c, c + 0.5, c + 1, -100, 100]).filter(
        (v) =>
          (def.type === 'number' || Number.isInteger(v)) &&
          (def.min === undefined || v >= def.min) &&
          (def.max === undefined || v <= def.max),
      );
      value = pick(candidates);
    }
    patient.set(def.id, value);
  }
  return patient;
}
