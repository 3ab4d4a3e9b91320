/**
 * Small random pathways with computable decisions, for the differential test of the logic
 * analysis (test/unit/logicOracle.test.ts). Deterministic for a seed; every file is valid
 * (schema, links, conditions), and the generator keeps what the oracle needs to know about
 * it: each condition as a tree, and where each id, `if` value and input name sits in the text.
 */
import { randomSource } from './synthetic';

export type Value = boolean | number | string;
export type InputType = 'boolean' | 'integer' | 'number' | 'choice';

export interface GenInput {
  readonly id: string;
  readonly type: InputType;
  readonly min?: number;
  readonly max?: number;
  readonly values?: readonly string[];
  /** The constants conditions may compare a number or integer with. */
  readonly constants: readonly number[];
  /** Offset of the input's id key in the text. */
  keyOffset: number;
}

export type Operator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** A condition as generated; `input` is an index into the pathway's inputs. */
export type Cond =
  | { readonly kind: 'constant'; readonly value: boolean }
  | { readonly kind: 'flag'; readonly input: number }
  | {
      readonly kind: 'compare';
      readonly input: number;
      readonly operator: Operator;
      readonly literal: Value;
    }
  | {
      readonly kind: 'member';
      readonly input: number;
      readonly negated: boolean;
      readonly literals: readonly Value[];
    }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly Cond[] }
  | { readonly kind: 'not'; readonly operand: Cond };

export interface GenBranch {
  /** Absent on the branches of a decision written in words only. */
  readonly condition?: Cond;
  /** The `if` text when it is deliberately broken (the decision is then not computable). */
  readonly broken?: string;
  readonly next: string;
  /** Offset of the `if` value in the text (its opening quote when quoted). */
  ifOffset: number;
  /** The `if` as written, without quotes. */
  ifText?: string;
  /** Input index → offset in the text of its first name in this `if`. */
  readonly names: Map<number, number>;
  /** Inputs named in the `if` (broken ones included), in order of first use. */
  readonly named: number[];
}

export type StepKind = 'assessment' | 'action' | 'decision' | 'end';

export interface GenStep {
  readonly id: string;
  readonly kind: StepKind;
  next?: string;
  /** Input indices an assessment records. */
  readonly records: readonly number[];
  readonly branches: GenBranch[];
  otherwise?: string;
  readonly match: 'exclusive' | 'first';
  /** How the decision is written: conditions on every branch, words only, or a broken `if`. */
  readonly style: 'computable' | 'prose' | 'broken';
  /** Whether `match` is written out (exclusive is the default). */
  readonly explicitMatch: boolean;
  keyOffset: number;
}

export interface GenPathway {
  readonly seed: number;
  readonly text: string;
  readonly inputs: readonly GenInput[];
  /** Steps in the order written, ends last; the first is the start. */
  readonly steps: readonly GenStep[];
  readonly start: string;
}

type Random = () => number;

const int = (random: Random, below: number): number => Math.floor(random() * below);
const pick = <T>(random: Random, list: readonly T[]): T => list[int(random, list.length)] as T;
const chance = (random: Random, p: number): boolean => random() < p;

function some<T>(random: Random, list: readonly T[], count: number): T[] {
  const pool = [...list];
  const out: T[] = [];
  while (out.length < count && pool.length > 0)
    out.push(pool.splice(int(random, pool.length), 1)[0] as T);
  return out;
}

const NAMES: Record<InputType, readonly string[]> = {
  boolean: ['red-flag', 'smoker', 'night_pain', 'Fever'],
  integer: ['score', 'weeks', 'age-band', 'visits'],
  number: ['temp', 'crp', 'bmi', 'sbp'],
  choice: ['response', 'grade', 'site', 'side'],
};

const CHOICES: readonly (readonly string[])[] = [
  ['improved', 'unchanged', 'worse'],
  ['low', 'mid', 'high'],
  ['left', 'right', 'both'],
];

const INTEGER_CONSTANTS = [-1, 0, 1, 2, 3, 4, 5, 6];
const NUMBER_CONSTANTS = [-1, 0, 1.5, 2, 2.5, 4, 7.5, 10, 11];

function makeInput(random: Random, type: InputType, id: string): GenInput {
  switch (type) {
    case 'boolean':
      return { id, type, constants: [], keyOffset: -1 };
    case 'choice':
      return { id, type, values: pick(random, CHOICES), constants: [], keyOffset: -1 };
    case 'integer': {
      const bounds = pick(random, [
        { min: 0, max: 5 },
        { min: 0, max: 5 },
        { min: 0 },
        { max: 5 },
        {},
      ]);
      return {
        id,
        type,
        ...bounds,
        constants: some(random, INTEGER_CONSTANTS, 2 + int(random, 2)),
        keyOffset: -1,
      };
    }
    case 'number': {
      const bounds = pick(random, [
        { min: 0, max: 10 },
        { min: -0.5, max: 7.5 },
        { min: 0 },
        { max: 10 },
        {},
        {},
      ]);
      return {
        id,
        type,
        ...bounds,
        constants: some(random, NUMBER_CONSTANTS, 2 + int(random, 2)),
        keyOffset: -1,
      };
    }
  }
}

function makeInputs(random: Random): GenInput[] {
  const count = 2 + int(random, 3);
  const used = new Map<InputType, number>();
  const inputs: GenInput[] = [];
  for (let i = 0; i < count; i++) {
    const type = pick(random, ['boolean', 'integer', 'number', 'choice'] as const);
    const n = used.get(type) ?? 0;
    used.set(type, n + 1);
    inputs.push(makeInput(random, type, NAMES[type][n] as string));
  }
  return inputs;
}

function makeTest(random: Random, inputs: readonly GenInput[]): Cond {
  if (chance(random, 0.05)) return { kind: 'constant', value: chance(random, 0.5) };
  const index = int(random, inputs.length);
  const input = inputs[index] as GenInput;
  switch (input.type) {
    case 'boolean': {
      const r = random();
      if (r < 0.5) return { kind: 'flag', input: index };
      return {
        kind: 'compare',
        input: index,
        operator: r < 0.75 ? '=' : '!=',
        literal: chance(random, 0.5),
      };
    }
    case 'choice': {
      const values = input.values ?? [];
      const r = random();
      if (r < 0.5)
        return {
          kind: 'compare',
          input: index,
          operator: r < 0.3 ? '=' : '!=',
          literal: pick(random, values),
        };
      return {
        kind: 'member',
        input: index,
        negated: r >= 0.75,
        literals: some(random, values, 1 + int(random, 2)),
      };
    }
    case 'integer':
    case 'number': {
      const r = random();
      if (r < 0.7)
        return {
          kind: 'compare',
          input: index,
          operator: pick(random, ['=', '!=', '<', '<=', '>', '>='] as const),
          literal: pick(random, input.constants),
        };
      return {
        kind: 'member',
        input: index,
        negated: r >= 0.85,
        literals: some(random, input.constants, 1 + int(random, 2)),
      };
    }
  }
}

function makeCondition(random: Random, inputs: readonly GenInput[], depth: number): Cond {
  if (depth === 0 || chance(random, 0.45)) return makeTest(random, inputs);
  const r = random();
  if (r < 0.2) return { kind: 'not', operand: makeCondition(random, inputs, depth - 1) };
  const operands = Array.from({ length: 2 + int(random, 2) }, () =>
    makeCondition(random, inputs, depth - 1),
  );
  return { kind: r < 0.6 ? 'and' : 'or', operands };
}

/** Binding strength: `or` 0, `and` 1, `not` 2, a test or a constant 3. */
function strength(cond: Cond): number {
  switch (cond.kind) {
    case 'or':
      return 0;
    case 'and':
      return 1;
    case 'not':
      return 2;
    default:
      return 3;
  }
}

function literalText(value: Value): string {
  return String(value);
}

/**
 * The condition as text, with brackets where the grammar needs them and now and then where
 * it does not; `names` gets each input's first offset in the text.
 */
function printCondition(
  random: Random,
  cond: Cond,
  inputs: readonly GenInput[],
  names: Map<number, number>,
): string {
  let out = '';
  const name = (index: number): void => {
    if (!names.has(index)) names.set(index, out.length);
    out += (inputs[index] as GenInput).id;
  };
  const print = (node: Cond, needed: number): void => {
    const bracket = strength(node) < needed || chance(random, 0.08);
    if (bracket) out += chance(random, 0.5) ? '(' : '( ';
    switch (node.kind) {
      case 'constant':
        out += String(node.value);
        break;
      case 'flag':
        name(node.input);
        break;
      case 'compare':
        name(node.input);
        out += chance(random, 0.8) ? ` ${node.operator} ` : node.operator;
        out += literalText(node.literal);
        break;
      case 'member':
        name(node.input);
        out += node.negated ? ' not in [' : ' in [';
        out += node.literals.map(literalText).join(chance(random, 0.7) ? ', ' : ',');
        out += ']';
        break;
      case 'not':
        out += 'not ';
        print(node.operand, 2);
        break;
      case 'and':
      case 'or':
        for (const [i, operand] of node.operands.entries()) {
          if (i > 0) out += ` ${node.kind} `;
          print(operand, node.kind === 'and' ? 1 : 0);
        }
        break;
    }
    if (bracket) out += chance(random, 0.5) ? ')' : ' )';
  };
  print(cond, 0);
  return out;
}

/** Inputs a condition names, in order of first use. */
export function namedInputs(cond: Cond): number[] {
  const out: number[] = [];
  const visit = (node: Cond): void => {
    switch (node.kind) {
      case 'constant':
        return;
      case 'flag':
      case 'compare':
      case 'member':
        if (!out.includes(node.input)) out.push(node.input);
        return;
      case 'not':
        visit(node.operand);
        return;
      case 'and':
      case 'or':
        node.operands.forEach(visit);
        return;
    }
  };
  visit(cond);
  return out;
}

/** An `if` that the checker must refuse: a type error, a parse error or an unknown name. */
function brokenCondition(
  random: Random,
  inputs: readonly GenInput[],
): { text: string; named: number[] } {
  const index = int(random, inputs.length);
  const input = inputs[index] as GenInput;
  switch (int(random, 3)) {
    case 0:
      // A test the types refuse.
      return input.type === 'choice' || input.type === 'boolean'
        ? { text: `${input.id} < 2`, named: [index] }
        : { text: `${input.id} = yes`, named: [index] };
    case 1:
      return { text: `${input.id} > `, named: [index] };
    default: {
      const valid =
        input.type === 'boolean'
          ? input.id
          : input.type === 'choice'
            ? `${input.id} = ${input.values?.[0] ?? ''}`
            : `${input.id} != 0`;
      return { text: `unheard-of = 1 or ${valid}`, named: [index] };
    }
  }
}

/** A place a link leads: mostly on, now and then back (a loop) or to an end. */
function target(
  random: Random,
  from: number,
  steps: readonly string[],
  ends: readonly string[],
): string {
  const r = random();
  if (r < 0.55 && from + 1 < steps.length)
    return steps[
      chance(random, 0.5) ? from + 1 : from + 1 + int(random, steps.length - from - 1)
    ] as string;
  if (r < 0.7) return steps[int(random, from + 1)] as string;
  return pick(random, ends);
}

/** The text builder: lines with the offset each starts at. */
class Lines {
  text = '';
  /** Adds a line; returns the offset where it starts. */
  add(line: string): number {
    const at = this.text.length;
    this.text += `${line}\n`;
    return at;
  }
}

export function generatePathway(seed: number): GenPathway {
  const random = randomSource(seed);
  const inputs = makeInputs(random);
  const stepCount = 3 + int(random, 6);
  const endCount = 1 + int(random, 2);
  const stepIds = Array.from({ length: stepCount }, (_, i) => `s${i + 1}`);
  const endIds = Array.from({ length: endCount }, (_, i) => `end-${i + 1}`);

  const kinds: StepKind[] = stepIds.map(() => {
    const r = random();
    return r < 0.45 ? 'decision' : r < 0.8 ? 'assessment' : 'action';
  });
  if (!kinds.includes('decision')) kinds[int(random, kinds.length)] = 'decision';

  const steps: GenStep[] = [];
  for (const [i, id] of stepIds.entries()) {
    const kind = kinds[i] as StepKind;
    if (kind !== 'decision') {
      const records =
        kind === 'assessment' && chance(random, 0.75)
          ? some(
              random,
              inputs.map((_, k) => k),
              1 + int(random, 2),
            )
          : [];
      steps.push({
        id,
        kind,
        next: target(random, i, stepIds, endIds),
        records,
        branches: [],
        match: 'exclusive',
        style: 'computable',
        explicitMatch: false,
        keyOffset: -1,
      });
      continue;
    }
    const r = random();
    const style = r < 0.08 ? 'prose' : r < 0.13 ? 'broken' : 'computable';
    const count = 2 + int(random, 3);
    const brokenAt = int(random, count);
    const branches: GenBranch[] = [];
    for (let b = 0; b < count; b++) {
      const next = target(random, i, stepIds, endIds);
      if (style === 'prose') {
        branches.push({ next, ifOffset: -1, names: new Map(), named: [] });
      } else if (style === 'broken' && b === brokenAt) {
        const broken = brokenCondition(random, inputs);
        branches.push({
          broken: broken.text,
          next,
          ifOffset: -1,
          names: new Map(),
          named: broken.named,
        });
      } else {
        const condition = makeCondition(random, inputs, int(random, 3));
        branches.push({
          condition,
          next,
          ifOffset: -1,
          names: new Map(),
          named: namedInputs(condition),
        });
      }
    }
    const m = random();
    steps.push({
      id,
      kind,
      records: [],
      branches,
      ...(chance(random, 0.5) ? { otherwise: target(random, i, stepIds, endIds) } : {}),
      match: m < 0.45 ? 'first' : 'exclusive',
      style,
      explicitMatch: m < 0.6,
      keyOffset: -1,
    });
  }
  for (const id of endIds)
    steps.push({
      id,
      kind: 'end',
      records: [],
      branches: [],
      match: 'exclusive',
      style: 'computable',
      explicitMatch: false,
      keyOffset: -1,
    });

  const out = new Lines();
  out.add('pathway: 1');
  out.add('id: generated');
  out.add(`title: Generated pathway ${seed}`);
  out.add('version: "1"');
  out.add('population: Generated patients');
  out.add('inputs:');
  for (const input of inputs) {
    input.keyOffset = out.add(`  ${input.id}:`) + 2;
    out.add(`    type: ${input.type}`);
    out.add(`    title: Value of ${input.id}`);
    if (input.min !== undefined) out.add(`    min: ${input.min}`);
    if (input.max !== undefined) out.add(`    max: ${input.max}`);
    if (input.values) out.add(`    values: [${input.values.join(', ')}]`);
  }
  const start = stepIds[0] as string;
  out.add(`start: ${start}`);
  out.add('steps:');
  for (const step of steps) {
    step.keyOffset = out.add(`  ${step.id}:`) + 2;
    out.add(`    kind: ${step.kind}`);
    out.add(`    title: Step ${step.id}`);
    if (step.records.length > 0)
      out.add(`    records: [${step.records.map((k) => (inputs[k] as GenInput).id).join(', ')}]`);
    if (step.next !== undefined) out.add(`    next: ${step.next}`);
    if (step.kind !== 'decision') continue;
    if (step.explicitMatch) out.add(`    match: ${step.match}`);
    out.add('    branches:');
    for (const [b, branch] of step.branches.entries()) {
      out.add(`      - when: Group ${b + 1}`);
      let text: string | undefined;
      if (branch.broken !== undefined) text = branch.broken;
      else if (branch.condition)
        text = printCondition(random, branch.condition, inputs, branch.names);
      if (text !== undefined) {
        // `true` or `false` alone would be read by YAML as a boolean, not as text.
        const quote =
          text === 'true' || text === 'false' || chance(random, 0.2)
            ? pick(random, ['"', "'"])
            : '';
        const prefix = '        if: ';
        const line = out.add(`${prefix}${quote}${text}${quote}`);
        branch.ifOffset = line + prefix.length;
        branch.ifText = text;
        const inner = branch.ifOffset + quote.length;
        for (const [k, offset] of branch.names) branch.names.set(k, inner + offset);
      }
      out.add(`        next: ${branch.next}`);
    }
    if (step.otherwise !== undefined) out.add(`    otherwise: ${step.otherwise}`);
  }
  return { seed, text: out.text, inputs, steps, start };
}
