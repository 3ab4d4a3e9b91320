// Writes a set of patients back as an `if` condition, the inverse of conditionSet: the quick
// fix that adds a branch for the patients no branch takes fills in its `if` with it.
import type { InputDef, Inputs } from './inputs';
import {
  complementPart,
  domainOf,
  isEmptyPart,
  keyOfPart,
  type Box,
  type Interval,
  type Part,
  type PatientSet,
} from './sets';

/** Past this many digits after the point, a number is written as the exact double it is. */
const MAX_FRACTION_DIGITS = 100;

/**
 * A number as the condition language writes it (`-?[0-9]+(\.[0-9]+)?`): never with an
 * exponent, and read back as the same number.
 */
export function numberLiteral(x: number): string {
  const plain = String(x + 0);
  if (!/e/i.test(plain)) return plain;
  if (Number.isInteger(x)) return BigInt(x).toString();
  // The fewest digits after the point that still read back as x.
  for (let digits = 1; digits < MAX_FRACTION_DIGITS; digits++) {
    const text = x.toFixed(digits);
    if (Number(text) === x) return text;
  }
  return x.toFixed(MAX_FRACTION_DIGITS).replace(/0+$/u, '');
}

interface Test {
  readonly text: string;
  /** The test joins alternatives with `or`, so it needs brackets beside `and`. */
  readonly alternatives: boolean;
}

function isPoint(i: Interval): boolean {
  return i.lo === i.hi && !i.loOpen && !i.hiOpen;
}

function list(values: readonly string[]): string {
  return `[${values.join(', ')}]`;
}

function choiceTest(id: string, values: readonly string[], domain: Part): Test {
  const all = domain.type === 'choice' ? domain.values : values;
  const others = all.filter((v) => !values.includes(v));
  if (values.length === 1) return { text: `${id} = ${values[0] ?? ''}`, alternatives: false };
  if (others.length === 1) return { text: `${id} != ${others[0] ?? ''}`, alternatives: false };
  if (others.length < values.length)
    return { text: `${id} not in ${list(others)}`, alternatives: false };
  return { text: `${id} in ${list(values)}`, alternatives: false };
}

function numberTest(id: string, intervals: readonly Interval[], domain: Part): Test {
  const whole =
    domain.type === 'number' || domain.type === 'integer' ? domain.intervals[0] : undefined;
  const points = (of: readonly Interval[]): string[] => of.map((i) => numberLiteral(i.lo));
  if (intervals.every(isPoint)) {
    const values = points(intervals);
    return values.length === 1
      ? { text: `${id} = ${values[0] ?? ''}`, alternatives: false }
      : { text: `${id} in ${list(values)}`, alternatives: false };
  }
  const left =
    domain.type === 'number' || domain.type === 'integer'
      ? complementPart({ type: domain.type, intervals }, domain)
      : undefined;
  const gaps = left && (left.type === 'number' || left.type === 'integer') ? left.intervals : [];
  if (gaps.length > 0 && gaps.every(isPoint)) {
    const values = points(gaps);
    return values.length === 1
      ? { text: `${id} != ${values[0] ?? ''}`, alternatives: false }
      : { text: `${id} not in ${list(values)}`, alternatives: false };
  }
  const ranges = intervals.map((i) => {
    if (isPoint(i)) return `${id} = ${numberLiteral(i.lo)}`;
    const tests: string[] = [];
    // A bound the input has anyway goes without saying.
    if (Number.isFinite(i.lo) && (!whole || i.lo !== whole.lo || i.loOpen !== whole.loOpen))
      tests.push(`${id} ${i.loOpen ? '>' : '>='} ${numberLiteral(i.lo)}`);
    if (Number.isFinite(i.hi) && (!whole || i.hi !== whole.hi || i.hiOpen !== whole.hiOpen))
      tests.push(`${id} ${i.hiOpen ? '<' : '<='} ${numberLiteral(i.hi)}`);
    return tests.join(' and ');
  });
  if (ranges.length === 1) return { text: ranges[0] ?? '', alternatives: false };
  return {
    text: ranges.map((r) => (r.includes(' and ') ? `(${r})` : r)).join(' or '),
    alternatives: true,
  };
}

function partTest(def: InputDef, part: Part): Test | undefined {
  const domain = domainOf(def);
  // Every value the input takes: no test at all.
  if (keyOfPart(part) === keyOfPart(domain)) return undefined;
  switch (part.type) {
    case 'boolean':
      return { text: part.mask === 2 ? def.id : `not ${def.id}`, alternatives: false };
    case 'choice':
      return choiceTest(def.id, part.values, domain);
    case 'number':
    case 'integer':
      return numberTest(def.id, part.intervals, domain);
  }
}

/** The inputs in the order a condition names them: `order` first, then the file's order. */
function ordered(inputs: Inputs, order: readonly string[]): InputDef[] {
  const defs: InputDef[] = [];
  for (const id of [...order, ...inputs.keys()]) {
    const def = inputs.get(id);
    if (def && !defs.includes(def)) defs.push(def);
  }
  return defs;
}

function boxTests(box: Box, inputs: Inputs, order: readonly string[]): Test[] {
  const tests: Test[] = [];
  for (const def of ordered(inputs, order)) {
    const part = box.get(def.id);
    if (!part || isEmptyPart(part)) continue;
    const test = partTest(def, part);
    if (test) tests.push(test);
  }
  return tests;
}

function joinBox(tests: readonly Test[]): string {
  if (tests.length === 0) return 'true';
  if (tests.length === 1) return tests[0]?.text ?? 'true';
  return tests.map((t) => (t.alternatives ? `(${t.text})` : t.text)).join(' and ');
}

/**
 * One group of patients as a condition (`weeks >= 6 and weeks <= 11 and response = unchanged`),
 * naming the inputs of `order` first; `true` when the box allows every patient.
 */
export function boxCondition(box: Box, inputs: Inputs, order: readonly string[] = []): string {
  return joinBox(boxTests(box, inputs, order));
}

/**
 * A set of patients as a condition whose patients are exactly the set's: its groups joined
 * with `or`; `false` for no patient.
 */
export function setCondition(set: PatientSet, order: readonly string[] = []): string {
  if (set.boxes.length === 0) return 'false';
  const boxes = set.boxes.map((box) => boxTests(box, set.inputs, order));
  if (boxes.length === 1) return joinBox(boxes[0] ?? []);
  return boxes
    .map((tests) => (tests.length > 1 ? `(${joinBox(tests)})` : joinBox(tests)))
    .join(' or ');
}
