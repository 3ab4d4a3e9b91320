import * as assert from 'node:assert/strict';
import {
  complement,
  conditionSet,
  contains,
  forget,
  full,
  inputIds,
  inputMap,
  intersection,
  isEmpty,
  isSubset,
  MAX_BOXES,
  parseCondition,
  union,
  witness,
  evaluate,
  checkCondition,
  type Condition,
  type InputDef,
  type Inputs,
  type PatientSet,
  type SetResult,
  type Value,
} from '../../server/src/core/logic';
import { CONSTANTS, generator, randomCase } from '../support/randomConditions';

function parsed(text: string): Condition {
  const result = parseCondition(text);
  if (!result.ok) assert.fail(`"${text}": ${result.error.message}`);
  return result.condition;
}

function set(result: SetResult | boolean): PatientSet {
  if (typeof result === 'boolean' || result.kind !== 'set') assert.fail('the set grew too large');
  return result;
}

const of = (text: string, inputs: Inputs): PatientSet => set(conditionSet(parsed(text), inputs));
const isFull = (s: PatientSet): boolean => isEmpty(set(complement(s)));
const same = (a: PatientSet, b: PatientSet): boolean =>
  isSubset(a, b) === true && isSubset(b, a) === true;

const inputs = inputMap([
  { id: 'flag', type: 'boolean' },
  { id: 'age', type: 'integer' },
  { id: 'length', type: 'number' },
  { id: 'weeks', type: 'integer', min: 0, max: 52 },
  { id: 'response', type: 'choice', values: ['improved', 'unchanged', 'worse'] },
]);

describe('pathway logic: sets of patients', () => {
  it('leaves no gap between age <= 17 and age >= 18 for an integer, but does for a number', () => {
    assert.ok(isFull(of('age <= 17 or age >= 18', inputs)));
    const gap = set(complement(of('length <= 17 or length >= 18', inputs)));
    assert.ok(!isEmpty(gap));
    assert.deepEqual(witness(gap, ['length']), new Map([['length', 17.5]]));
  });

  it('picks whole numbers for witnesses where one fits', () => {
    assert.deepEqual(witness(of('weeks > 6', inputs), ['weeks']), new Map([['weeks', 7]]));
    assert.deepEqual(witness(of('length > 6', inputs), ['length']), new Map([['length', 7]]));
    assert.deepEqual(witness(of('length < 6', inputs), ['length']), new Map([['length', 5]]));
    assert.deepEqual(
      witness(of('length > 6.2 and length < 6.8', inputs), ['length']),
      new Map([['length', 6.5]]),
    );
    assert.deepEqual(
      witness(of('length >= 6.2 and length < 6.8', inputs), ['length']),
      new Map([['length', 6.2]]),
    );
    assert.deepEqual(
      witness(of('response != improved and not flag', inputs), ['response', 'flag', 'weeks']),
      new Map<string, Value>([
        ['response', 'unchanged'],
        ['flag', false],
        ['weeks', 0],
      ]),
    );
    assert.equal(witness(of('false', inputs), ['weeks']), undefined);
  });

  it('keeps to the bounds of an input', () => {
    assert.ok(isEmpty(of('weeks > 52', inputs)));
    assert.ok(isEmpty(of('weeks < 3 and weeks > 2', inputs)));
    assert.ok(isEmpty(of('age = 2.5', inputs)));
    assert.ok(isFull(of('weeks >= 0', inputs)));
    const rest = set(complement(of('weeks < 10', inputs)));
    assert.ok(same(rest, of('weeks >= 10 and weeks <= 52', inputs)));
    assert.ok(isEmpty(of('response in [improved] and response in [worse]', inputs)));
    assert.ok(isFull(of('response in [improved, unchanged] or response = worse', inputs)));
    // An input that can take no value leaves no patient at all.
    const none = inputMap([...inputs.values(), { id: 'odd', type: 'number', min: 3, max: 1 }]);
    assert.ok(isEmpty(full(none)));
    assert.ok(isEmpty(of('flag', none)));
  });

  it('forgets the values of recorded inputs', () => {
    const s = of('weeks > 6 and flag', inputs);
    assert.ok(same(forget(s, ['weeks']), of('flag', inputs)));
    assert.ok(isFull(forget(s, ['weeks', 'flag'])));
  });

  it('answers "too large" rather than growing without bound', () => {
    const many = inputMap(
      Array.from({ length: 24 }, (_, i): InputDef => ({ id: `x${i}`, type: 'boolean' })),
    );
    // Eleven independent alternatives: 2^11 boxes, more than the limit.
    const text = Array.from({ length: 11 }, (_, i) => `(x${2 * i} or x${2 * i + 1})`).join(' and ');
    const result = conditionSet(parsed(text), many);
    assert.equal(result.kind, 'too-large');
    assert.equal(result.kind === 'too-large' && result.limit, MAX_BOXES);
    // Its complement is small: a conjunction of negations.
    const small = conditionSet(parsed(`not (${text})`), many);
    assert.equal(small.kind, 'too-large');
  });
});

// ---- seeded property test ----

function randomPatient(random: () => number, inputs: Inputs): Map<string, Value> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
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

describe('pathway logic: the set algebra on random conditions (seeded)', () => {
  const base = Number(process.env.PATHWAY_LOGIC_SEED ?? 20240601);
  const cases = process.env.PATHWAY_LOGIC_SEED ? 1 : 300;

  it(`keeps the algebra's laws and agrees with evaluate (${cases} cases from seed ${base})`, () => {
    for (let n = 0; n < cases; n++) {
      const seed = base + n;
      const random = generator(seed);
      const { inputs: space, a, b } = randomCase(random);
      try {
        const ca = parsed(a);
        const cb = parsed(b);
        assert.deepEqual(checkCondition(ca, space), []);
        assert.deepEqual(checkCondition(cb, space), []);
        const A = set(conditionSet(ca, space));
        const B = set(conditionSet(cb, space));
        const notA = set(complement(A));
        const notB = set(complement(B));
        assert.ok(
          same(set(complement(set(union(A, B)))), set(intersection(notA, notB))),
          'De Morgan',
        );
        assert.ok(isEmpty(set(intersection(A, notA))), 'A ∩ ¬A is empty');
        assert.ok(isFull(set(union(A, notA))), 'A ∪ ¬A is every patient');
        for (const [condition, s] of [
          [ca, A],
          [cb, B],
        ] as const) {
          const w = witness(s, inputIds(condition));
          if (!isEmpty(s))
            assert.equal(w && evaluate(condition, w), true, 'the witness satisfies it');
          else assert.equal(w, undefined);
        }
        assert.ok(isSubset(A, forget(A, ['i', 'c'])) === true, 'forgetting only adds patients');
        const AB = set(intersection(A, B));
        for (let k = 0; k < 20; k++) {
          const p = randomPatient(random, space);
          assert.equal(
            contains(A, p),
            evaluate(ca, p),
            `membership in A for ${JSON.stringify([...p])}`,
          );
          assert.equal(contains(notA, p), !evaluate(ca, p), 'membership in ¬A');
          assert.equal(
            contains(AB, p),
            evaluate(ca, p) === true && evaluate(cb, p) === true,
            'A ∩ B',
          );
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        assert.fail(
          `seed ${seed} (replay: PATHWAY_LOGIC_SEED=${seed}); A = ${a}; B = ${b}: ${message}`,
        );
      }
    }
  });
});
