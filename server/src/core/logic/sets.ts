// Sets of patients as finite unions of boxes (one interval list or value set per input), with
// the algebra the reach analysis needs (pathway-logic §3): intersection, union, complement
// within the inputs' domains, emptiness, forgetting recorded inputs, and a witness patient.
import type { Condition, Literal } from './ast';
import type { InputDef, Inputs, Patient, Value } from './inputs';

/**
 * The most boxes a set may hold. An operation whose result would need more answers
 * `TooLarge` instead (the analysis reports `analysis-limit`); this bounds both time (an
 * intersection looks at most at MAX_BOXES² pairs of boxes) and memory.
 */
export const MAX_BOXES = 1000;

/** Real numbers from lo to hi; an infinite end is always open. */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly loOpen: boolean;
  readonly hiOpen: boolean;
}

/**
 * The values one input may take within a box. Normalised: intervals sorted, apart (whole-number
 * intervals have closed whole ends and at least one whole number between them), choices in
 * the input's order.
 */
export type Part =
  /** Bit 1: false is allowed; bit 2: true is allowed. */
  | { readonly type: 'boolean'; readonly mask: number }
  | { readonly type: 'choice'; readonly values: readonly string[] }
  | { readonly type: 'number'; readonly intervals: readonly Interval[] }
  | { readonly type: 'integer'; readonly intervals: readonly Interval[] };

/** Input id → its values in the box; an input absent takes any value of its domain. */
export type Box = ReadonlyMap<string, Part>;

/** A set of patients over given inputs. No box is empty: the set is empty iff it has none. */
export interface PatientSet {
  readonly kind: 'set';
  readonly inputs: Inputs;
  readonly boxes: readonly Box[];
}

/** The answer when a set would need more than MAX_BOXES boxes. */
export interface TooLarge {
  readonly kind: 'too-large';
  readonly limit: number;
}

export type SetResult = PatientSet | TooLarge;

/**
 * The most tests of one input a set's boxes may hold together to be complemented (and so
 * tested as a subset, or negated in a condition): the work grows much faster than the count.
 */
export const MAX_COMPLEMENTED_TESTS = 128;

const TOO_LARGE: TooLarge = { kind: 'too-large', limit: MAX_BOXES };

/**
 * Work left for the sets of one pathway, counted in boxes handled (one pair of boxes
 * intersected, one box simplified). An analysis sets it with `limitWork` on the inputs its
 * sets share; once spent, every operation on them answers `TooLarge`, so a file whose
 * conditions combine into too many groups stops in bounded time. Sets over inputs with no
 * limit set are not counted.
 */
const workLeft = new WeakMap<Inputs, { left: number }>();

/** Allow the sets over these inputs this much more work (see `workLeft`). */
export function limitWork(inputs: Inputs, units: number): void {
  workLeft.set(inputs, { left: units });
}

/** The work spent so far against the limit set on these inputs, if any. */
export function workRemaining(inputs: Inputs): number | undefined {
  return workLeft.get(inputs)?.left;
}

/**
 * Counts work against the limit; false when the work allowed has been spent. Exported for
 * answers kept from an earlier check, which charge what they cost then, so that a check
 * gives the same findings however much it could reuse.
 */
export function spend(inputs: Inputs, units: number): boolean {
  const budget = workLeft.get(inputs);
  if (!budget) return true;
  budget.left -= units;
  return budget.left >= 0;
}

// ---- intervals ----

const FULL_LINE: Interval = { lo: -Infinity, hi: Infinity, loOpen: true, hiOpen: true };

function isEmptyInterval(i: Interval): boolean {
  return (
    i.lo > i.hi ||
    (i.lo === i.hi && (i.loOpen || i.hiOpen)) ||
    Number.isNaN(i.lo) ||
    Number.isNaN(i.hi)
  );
}

function normaliseReal(list: readonly Interval[]): Interval[] {
  const sorted = list
    .map((i) => ({
      ...i,
      loOpen: i.loOpen || i.lo === -Infinity || i.lo === Infinity,
      hiOpen: i.hiOpen || i.hi === Infinity || i.hi === -Infinity,
    }))
    .filter((i) => !isEmptyInterval(i))
    .sort((a, b) => a.lo - b.lo || Number(a.loOpen) - Number(b.loOpen));
  const out: Interval[] = [];
  for (const next of sorted) {
    const last = out[out.length - 1];
    if (last && (last.hi > next.lo || (last.hi === next.lo && (!last.hiOpen || !next.loOpen)))) {
      if (next.hi > last.hi || (next.hi === last.hi && !next.hiOpen)) {
        out[out.length - 1] = { ...last, hi: next.hi, hiOpen: next.hiOpen };
      }
    } else {
      out.push(next);
    }
  }
  return out;
}

function normaliseWhole(list: readonly Interval[]): Interval[] {
  const whole = list
    .map((i) => {
      const lo = i.loOpen && Number.isInteger(i.lo) ? i.lo + 1 : Math.ceil(i.lo);
      const hi = i.hiOpen && Number.isInteger(i.hi) ? i.hi - 1 : Math.floor(i.hi);
      return { lo, hi, loOpen: !Number.isFinite(lo), hiOpen: !Number.isFinite(hi) };
    })
    .filter((i) => i.lo <= i.hi && !(i.lo === i.hi && !Number.isFinite(i.lo)))
    .sort((a, b) => a.lo - b.lo);
  const out: Interval[] = [];
  for (const next of whole) {
    const last = out[out.length - 1];
    // Whole numbers: [1, 17] and [18, 30] leave no gap.
    if (last && next.lo <= last.hi + 1) {
      if (next.hi > last.hi) out[out.length - 1] = { ...last, hi: next.hi, hiOpen: next.hiOpen };
    } else {
      out.push(next);
    }
  }
  return out;
}

function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval;
    const y = b[j] as Interval;
    const lo = Math.max(x.lo, y.lo);
    const hi = Math.min(x.hi, y.hi);
    const loOpen = (x.lo === lo && x.loOpen) || (y.lo === lo && y.loOpen);
    const hiOpen = (x.hi === hi && x.hiOpen) || (y.hi === hi && y.hiOpen);
    const overlap = { lo, hi, loOpen, hiOpen };
    if (!isEmptyInterval(overlap)) out.push(overlap);
    // Move past whichever ends first.
    if (x.hi < y.hi || (x.hi === y.hi && x.hiOpen && !y.hiOpen)) i++;
    else if (y.hi < x.hi || (x.hi === y.hi && y.hiOpen && !x.hiOpen)) j++;
    else {
      i++;
      j++;
    }
  }
  return out;
}

/** The gaps between the intervals, over the whole real line. */
function gaps(list: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let lo = -Infinity;
  let loOpen = true;
  for (const i of list) {
    out.push({ lo, hi: i.lo, loOpen, hiOpen: !i.loOpen });
    lo = i.hi;
    loOpen = !i.hiOpen;
  }
  out.push({ lo, hi: Infinity, loOpen, hiOpen: true });
  return out;
}

function inInterval(i: Interval, x: number): boolean {
  return (i.lo < x || (i.lo === x && !i.loOpen)) && (x < i.hi || (x === i.hi && !i.hiOpen));
}

// ---- parts ----

const domains = new WeakMap<InputDef, Part>();

/** Every value the input may take (within min/max). */
export function domainOf(def: InputDef): Part {
  let part = domains.get(def);
  if (!part) {
    const bound: Interval = {
      lo: def.min ?? -Infinity,
      hi: def.max ?? Infinity,
      loOpen: def.min === undefined,
      hiOpen: def.max === undefined,
    };
    switch (def.type) {
      case 'boolean':
        part = { type: 'boolean', mask: 3 };
        break;
      case 'choice':
        part = { type: 'choice', values: [...new Set(def.values ?? [])] };
        break;
      case 'number':
        part = { type: 'number', intervals: normaliseReal([bound]) };
        break;
      case 'integer':
        part = { type: 'integer', intervals: normaliseWhole([bound]) };
        break;
    }
    domains.set(def, part);
  }
  return part;
}

export function isEmptyPart(part: Part): boolean {
  switch (part.type) {
    case 'boolean':
      return part.mask === 0;
    case 'choice':
      return part.values.length === 0;
    case 'number':
    case 'integer':
      return part.intervals.length === 0;
  }
}

function keyOfInterval(i: Interval): string {
  return `${i.loOpen ? '(' : '['}${i.lo},${i.hi}${i.hiOpen ? ')' : ']'}`;
}

export function keyOfPart(part: Part): string {
  switch (part.type) {
    case 'boolean':
      return `b${part.mask}`;
    case 'choice':
      return `c${JSON.stringify(part.values)}`;
    case 'number':
    case 'integer':
      return part.intervals.map(keyOfInterval).join('');
  }
}

/** Values from a list of intervals, made whole for an integer input. */
function numberPart(type: 'number' | 'integer', intervals: readonly Interval[]): Part {
  return type === 'number'
    ? { type, intervals: normaliseReal(intervals) }
    : { type, intervals: normaliseWhole(intervals) };
}

function intersectParts(a: Part, b: Part): Part {
  if (a.type === 'boolean' && b.type === 'boolean') return { type: a.type, mask: a.mask & b.mask };
  if (a.type === 'choice' && b.type === 'choice') {
    return { type: a.type, values: a.values.filter((v) => b.values.includes(v)) };
  }
  if (a.type === 'number' && b.type === 'number') {
    return { type: a.type, intervals: intersectIntervals(a.intervals, b.intervals) };
  }
  if (a.type === 'integer' && b.type === 'integer') {
    return { type: a.type, intervals: intersectIntervals(a.intervals, b.intervals) };
  }
  // Parts of one input always share its type; two types meet nowhere.
  return { type: 'boolean', mask: 0 };
}

function unitePartsWithin(a: Part, b: Part, domain: Part): Part {
  if (a.type === 'boolean' && b.type === 'boolean') return { type: a.type, mask: a.mask | b.mask };
  if (a.type === 'choice' && b.type === 'choice' && domain.type === 'choice') {
    return {
      type: a.type,
      values: domain.values.filter((v) => a.values.includes(v) || b.values.includes(v)),
    };
  }
  if ((a.type === 'number' || a.type === 'integer') && a.type === b.type) {
    return numberPart(a.type, [...a.intervals, ...b.intervals]);
  }
  return a;
}

export function complementPart(part: Part, domain: Part): Part {
  switch (part.type) {
    case 'boolean':
      return intersectParts({ type: 'boolean', mask: 3 & ~part.mask }, domain);
    case 'choice':
      return domain.type === 'choice'
        ? { type: 'choice', values: domain.values.filter((v) => !part.values.includes(v)) }
        : part;
    case 'number':
    case 'integer':
      return intersectParts(numberPart(part.type, gaps(part.intervals)), domain);
  }
}

function partHolds(part: Part, value: Value): boolean {
  switch (part.type) {
    case 'boolean':
      return typeof value === 'boolean' && (part.mask & (value ? 2 : 1)) !== 0;
    case 'choice':
      return typeof value === 'string' && part.values.includes(value);
    case 'number':
      return typeof value === 'number' && part.intervals.some((i) => inInterval(i, value));
    case 'integer':
      return (
        typeof value === 'number' &&
        Number.isInteger(value) &&
        part.intervals.some((i) => inInterval(i, value))
      );
  }
}

// ---- boxes and sets ----

function keyOfBox(box: Box, without?: string): string {
  return [...box.keys()]
    .filter((id) => id !== without)
    .sort()
    .map((id) => `${id}=${keyOfPart(box.get(id) as Part)}`)
    .join(';');
}

function intersectBoxes(a: Box, b: Box): Box | undefined {
  const out = new Map(a);
  for (const [id, part] of b) {
    const mine = out.get(id);
    const both = mine ? intersectParts(mine, part) : part;
    if (isEmptyPart(both)) return undefined;
    out.set(id, both);
  }
  return out;
}

const emptyDomains = new WeakMap<Inputs, boolean>();

/** With an input that can take no value at all (min above max), there is no patient. */
function hasEmptyDomain(inputs: Inputs): boolean {
  let answer = emptyDomains.get(inputs);
  if (answer === undefined) {
    answer = [...inputs.values()].some((def) => isEmptyPart(domainOf(def)));
    emptyDomains.set(inputs, answer);
  }
  return answer;
}

/** A box of one input's values: dropped when empty, unconstrained when it is the domain. */
function boxOf(inputs: Inputs, id: string, part: Part): Box | undefined {
  const def = inputs.get(id);
  if (!def) return undefined;
  const domain = domainOf(def);
  const within = intersectParts(part, domain);
  if (isEmptyPart(within)) return undefined;
  return keyOfPart(within) === keyOfPart(domain) ? new Map() : new Map([[id, within]]);
}

// Pairwise subset checks cost the square of the count: only on sets this small.
const ABSORB_UP_TO = 200;
const MERGE_PASSES = 4;

function partWithin(a: Part, b: Part): boolean {
  return keyOfPart(intersectParts(a, b)) === keyOfPart(a);
}

function boxWithin(a: Box, b: Box): boolean {
  for (const [id, part] of b) {
    const mine = a.get(id);
    if (!mine || !partWithin(mine, part)) return false;
  }
  return true;
}

/**
 * Fewer boxes for the same set: duplicates and boxes inside others dropped, and boxes that
 * differ in one input only merged into one (so `age <= 17 or age >= 18` becomes every age).
 */
function simplify(inputs: Inputs, boxes: readonly Box[]): Box[] | undefined {
  if (boxes.some((box) => box.size === 0)) return [new Map()];
  // Each box's key is written once per input it constrains, in every pass below.
  const width = (list: readonly Box[]): number => list.reduce((sum, box) => sum + box.size, 0);
  if (!spend(inputs, width(boxes))) return undefined;
  let current = [...new Map(boxes.map((box) => [keyOfBox(box), box])).values()];
  for (let pass = 0; pass < MERGE_PASSES; pass++) {
    const before = current.length;
    const ids = [...new Set(current.flatMap((box) => [...box.keys()]))].sort();
    for (const id of ids) {
      const def = inputs.get(id);
      if (!def) continue;
      if (!spend(inputs, width(current))) return undefined;
      const domain = domainOf(def);
      const groups = new Map<string, Box[]>();
      for (const box of current) {
        const key = keyOfBox(box, id);
        groups.set(key, [...(groups.get(key) ?? []), box]);
      }
      if (groups.size === current.length) continue;
      current = [...groups.values()].map((group) => {
        const first = group[0] as Box;
        if (group.length === 1) return first;
        let part = first.get(id) ?? domain;
        for (const box of group.slice(1))
          part = unitePartsWithin(part, box.get(id) ?? domain, domain);
        const merged = new Map(first);
        if (keyOfPart(part) === keyOfPart(domain)) merged.delete(id);
        else merged.set(id, part);
        return merged;
      });
      if (current.some((box) => box.size === 0)) return [new Map()];
    }
    if (current.length === before) break;
  }
  if (current.length <= ABSORB_UP_TO) {
    if (!spend(inputs, current.length * current.length)) return undefined;
    current = current.filter(
      (box, i) =>
        !current.some(
          (other, j) => j !== i && boxWithin(box, other) && (j < i || !boxWithin(other, box)),
        ),
    );
  }
  return current;
}

function make(inputs: Inputs, boxes: readonly Box[]): SetResult {
  if (hasEmptyDomain(inputs) || boxes.length === 0) return { kind: 'set', inputs, boxes: [] };
  const simple = simplify(inputs, boxes);
  return !simple || simple.length > MAX_BOXES ? TOO_LARGE : { kind: 'set', inputs, boxes: simple };
}

/**
 * The same patients over inputs written the same way (the same ids, types, values and
 * bounds), for a set kept from an earlier version of the file.
 */
export function rebase(set: PatientSet, inputs: Inputs): PatientSet {
  return set.inputs === inputs ? set : { kind: 'set', inputs, boxes: set.boxes };
}

/** Every patient. */
export function full(inputs: Inputs): PatientSet {
  return { kind: 'set', inputs, boxes: hasEmptyDomain(inputs) ? [] : [new Map()] };
}

/** No patient. */
export function empty(inputs: Inputs): PatientSet {
  return { kind: 'set', inputs, boxes: [] };
}

export function isEmpty(set: PatientSet): boolean {
  return set.boxes.length === 0;
}

export function union(a: PatientSet, b: PatientSet): SetResult {
  return make(a.inputs, [...a.boxes, ...b.boxes]);
}

export function intersection(a: PatientSet, b: PatientSet): SetResult {
  if (!spend(a.inputs, a.boxes.length * b.boxes.length)) return TOO_LARGE;
  let raw: Box[] = [];
  for (const x of a.boxes) {
    for (const y of b.boxes) {
      const both = intersectBoxes(x, y);
      if (!both) continue;
      raw.push(both);
      if (raw.length > 2 * MAX_BOXES) {
        const simple = simplify(a.inputs, raw);
        if (!simple || simple.length > MAX_BOXES) return TOO_LARGE;
        raw = simple;
      }
    }
  }
  return make(a.inputs, raw);
}

/** The patients not in the set, within the inputs' domains. */
export function complement(set: PatientSet): SetResult {
  const { inputs } = set;
  // Each test of a box splits every box of the result so far: past this many, the work explodes.
  let tests = 0;
  for (const box of set.boxes) tests += box.size;
  if (tests > MAX_COMPLEMENTED_TESTS) return TOO_LARGE;
  let result: SetResult = full(inputs);
  for (const box of set.boxes) {
    // Outside a box: outside its first constrained input, or inside it and outside the next…
    const outside: Box[] = [];
    const ids = [...box.keys()].sort();
    const prefix = new Map<string, Part>();
    for (const id of ids) {
      const def = inputs.get(id);
      const part = box.get(id) as Part;
      if (def) {
        const other = complementPart(part, domainOf(def));
        if (!isEmptyPart(other)) outside.push(new Map([...prefix, [id, other]]));
      }
      prefix.set(id, part);
    }
    const outsideSet = make(inputs, outside);
    if (outsideSet.kind === 'too-large') return outsideSet;
    result = intersection(result, outsideSet);
    if (result.kind === 'too-large' || isEmpty(result)) return result;
  }
  return result;
}

/** The same patients whatever values the given inputs take (they have been measured anew). */
export function forget(set: PatientSet, inputIds: readonly string[]): PatientSet {
  const boxes = set.boxes.map((box) => {
    const kept = new Map(box);
    for (const id of inputIds) kept.delete(id);
    return kept;
  });
  // Past the work allowed, the boxes stay as they are: the same patients, less tidily written.
  return { kind: 'set', inputs: set.inputs, boxes: simplify(set.inputs, boxes) ?? boxes };
}

/** Whether every patient of `a` is in `b`. */
export function isSubset(a: PatientSet, b: PatientSet): boolean | TooLarge {
  const outside = complement(b);
  if (outside.kind === 'too-large') return outside;
  const both = intersection(a, outside);
  return both.kind === 'too-large' ? both : isEmpty(both);
}

/**
 * A cheap test that every patient of `b` is in `a`: true when each box of `b` lies inside a
 * box of `a`, or both are written with the same boxes. False may still be a subset (one
 * spread over several boxes): `isSubset` settles that, at a higher cost.
 */
export function plainlyWithin(b: PatientSet, a: PatientSet): boolean {
  if (b.boxes.every((box) => a.boxes.some((other) => boxWithin(box, other)))) return true;
  if (a.boxes.length !== b.boxes.length) return false;
  const keys = new Set(a.boxes.map((box) => keyOfBox(box)));
  return b.boxes.every((box) => keys.has(keyOfBox(box)));
}

/** Whether the patient (who gives every input the set constrains) is in the set. */
export function contains(set: PatientSet, patient: Patient): boolean {
  return set.boxes.some((box) =>
    [...box].every(([id, part]) => {
      const value = patient.get(id);
      return value !== undefined && partHolds(part, value);
    }),
  );
}

// ---- conditions ----

function literalFits(def: InputDef, literal: Literal): boolean {
  switch (def.type) {
    case 'boolean':
      return literal.kind === 'boolean';
    case 'number':
    case 'integer':
      return literal.kind === 'number';
    case 'choice':
      return literal.kind === 'name';
  }
}

/** The part of the real line, or of a value set, that a list of literals names. */
function partOfLiterals(def: InputDef, literals: readonly Literal[]): Part {
  switch (def.type) {
    case 'boolean':
      return {
        type: 'boolean',
        mask: literals.reduce(
          (mask, l) => mask | (l.kind === 'boolean' ? (l.value ? 2 : 1) : 0),
          0,
        ),
      };
    case 'choice': {
      const domain = domainOf(def);
      const values = domain.type === 'choice' ? domain.values : [];
      return {
        type: 'choice',
        values: values.filter((v) => literals.some((l) => l.kind === 'name' && l.name === v)),
      };
    }
    case 'number':
    case 'integer':
      return numberPart(
        def.type,
        literals.flatMap((l) =>
          l.kind === 'number' ? [{ lo: l.value, hi: l.value, loOpen: false, hiOpen: false }] : [],
        ),
      );
  }
}

function testSet(
  condition: Extract<Condition, { kind: 'flag' | 'compare' | 'member' }>,
  inputs: Inputs,
): PatientSet {
  const none = empty(inputs);
  const def = inputs.get(condition.input.name);
  // A test the type check refuses never holds, as in evaluate.ts.
  if (!def) return none;
  const only = (part: Part): PatientSet => {
    if (hasEmptyDomain(inputs)) return none;
    const box = boxOf(inputs, def.id, part);
    return { kind: 'set', inputs, boxes: box ? [box] : [] };
  };
  const outside = (part: Part): Part => complementPart(part, domainOf(def));
  switch (condition.kind) {
    case 'flag':
      return def.type === 'boolean' ? only({ type: 'boolean', mask: 2 }) : none;
    case 'member': {
      if (def.type === 'boolean' || !condition.literals.every((l) => literalFits(def, l)))
        return none;
      const listed = partOfLiterals(def, condition.literals);
      return only(condition.negated ? outside(listed) : listed);
    }
    case 'compare': {
      const { literal, operator } = condition;
      if (!literalFits(def, literal)) return none;
      if (operator === '=' || operator === '!=') {
        const same = partOfLiterals(def, [literal]);
        return only(operator === '=' ? same : outside(same));
      }
      if ((def.type !== 'number' && def.type !== 'integer') || literal.kind !== 'number')
        return none;
      const c = literal.value;
      const below = operator === '<' || operator === '<=';
      const strict = operator === '<' || operator === '>';
      const interval: Interval = below
        ? { ...FULL_LINE, hi: c, hiOpen: strict }
        : { ...FULL_LINE, lo: c, loOpen: strict };
      return only(numberPart(def.type, [interval]));
    }
  }
}

/** The patients for whom a (type-checked) condition holds. */
export function conditionSet(condition: Condition, inputs: Inputs): SetResult {
  switch (condition.kind) {
    case 'constant':
      return condition.value ? full(inputs) : empty(inputs);
    case 'flag':
    case 'compare':
    case 'member':
      return testSet(condition, inputs);
    case 'not': {
      const inner = conditionSet(condition.operand, inputs);
      return inner.kind === 'too-large' ? inner : complement(inner);
    }
    case 'and':
    case 'or': {
      let result: PatientSet | undefined;
      for (const operand of condition.operands) {
        const next = conditionSet(operand, inputs);
        if (next.kind === 'too-large') return next;
        const combined: SetResult = !result
          ? next
          : condition.kind === 'and'
            ? intersection(result, next)
            : union(result, next);
        if (combined.kind === 'too-large') return combined;
        result = combined;
      }
      return result ?? full(inputs);
    }
  }
}

// ---- words ----

function numberText(x: number): string {
  return String(x + 0);
}

function describePart(id: string, part: Part, domain: Part): string {
  switch (part.type) {
    case 'boolean':
      return `${id} = ${part.mask & 2 ? 'true' : 'false'}`;
    case 'choice':
      return part.values.length === 1
        ? `${id} = ${part.values[0] ?? ''}`
        : `${id} in [${part.values.join(', ')}]`;
    case 'number':
    case 'integer': {
      const whole = domain.type === part.type ? domain.intervals[0] : undefined;
      return part.intervals
        .map((i) => {
          if (i.lo === i.hi) return `${id} = ${numberText(i.lo)}`;
          const tests: string[] = [];
          if (!whole || i.lo !== whole.lo || i.loOpen !== whole.loOpen)
            tests.push(`${id} ${i.loOpen ? '>' : '>='} ${numberText(i.lo)}`);
          if (!whole || i.hi !== whole.hi || i.hiOpen !== whole.hiOpen)
            tests.push(`${id} ${i.hiOpen ? '<' : '<='} ${numberText(i.hi)}`);
          return tests.join(' and ');
        })
        .join(' or ');
    }
  }
}

/**
 * In words, the values the set's patients give one input (`weeks >= 7`), or undefined when
 * the set is empty or its patients take every value the input allows.
 */
export function describeValues(set: PatientSet, inputId: string): string | undefined {
  const def = set.inputs.get(inputId);
  if (!def || set.boxes.length === 0) return undefined;
  const domain = domainOf(def);
  let part: Part | undefined;
  for (const box of set.boxes) {
    const mine = box.get(inputId) ?? domain;
    part = part ? unitePartsWithin(part, mine, domain) : mine;
  }
  if (!part || keyOfPart(part) === keyOfPart(domain)) return undefined;
  return describePart(inputId, part, domain);
}

// ---- witnesses ----

function wholeIn(i: Interval): number | undefined {
  if (Number.isFinite(i.lo)) {
    const w = i.loOpen && Number.isInteger(i.lo) ? i.lo + 1 : Math.ceil(i.lo);
    return inInterval(i, w) ? w : undefined;
  }
  if (Number.isFinite(i.hi))
    return i.hiOpen && Number.isInteger(i.hi) ? i.hi - 1 : Math.floor(i.hi);
  return 0;
}

function pick(part: Part): Value | undefined {
  switch (part.type) {
    case 'boolean':
      // A patient without the finding is the plainer example.
      return part.mask & 1 ? false : part.mask & 2 ? true : undefined;
    case 'choice':
      return part.values[0];
    case 'number':
    case 'integer': {
      const first = part.intervals[0];
      if (!first) return undefined;
      const whole = wholeIn(first);
      // `+ 0` turns -0 into 0.
      if (whole !== undefined) return whole + 0;
      if (!first.loOpen) return first.lo;
      if (!first.hiOpen) return first.hi;
      return (first.lo + first.hi) / 2;
    }
  }
}

/**
 * One patient of the set, given by the inputs named (in that order), or undefined when the
 * set is empty. Deterministic; numbers are whole where a whole number fits (`weeks > 6` → 7).
 */
export function witness(
  set: PatientSet,
  inputIds: readonly string[],
): Map<string, Value> | undefined {
  const box = set.boxes[0];
  if (!box) return undefined;
  const patient = new Map<string, Value>();
  for (const id of inputIds) {
    const def = set.inputs.get(id);
    if (!def) continue;
    const value = pick(box.get(id) ?? domainOf(def));
    if (value !== undefined) patient.set(id, value);
  }
  return patient;
}
