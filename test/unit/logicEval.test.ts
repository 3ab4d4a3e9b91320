import * as assert from 'node:assert/strict';
import {
  evaluate,
  evaluate3,
  parseCondition,
  type Condition,
  type Truth,
  type Value,
} from '../../server/src/core/logic';

function parsed(text: string): Condition {
  const result = parseCondition(text);
  if (!result.ok) assert.fail(result.error.message);
  return result.condition;
}

const patient = (facts: Record<string, Value>): Map<string, Value> =>
  new Map(Object.entries(facts));

describe('pathway logic: evaluating a condition for a patient', () => {
  it('follows the two-valued truth tables of and, or, not', () => {
    for (const a of [true, false]) {
      for (const b of [true, false]) {
        const facts = patient({ a, b });
        assert.equal(evaluate(parsed('a and b'), facts), a && b);
        assert.equal(evaluate(parsed('a or b'), facts), a || b);
        assert.equal(evaluate(parsed('not a'), facts), !a);
        assert.equal(evaluate(parsed('a or b and not a'), facts), a || (b && !a));
      }
    }
  });

  it('compares numbers, choices and booleans', () => {
    const facts = patient({ weeks: 7, response: 'worse', flag: false, t: 38.5 });
    const cases: [string, boolean][] = [
      ['weeks > 6', true],
      ['weeks >= 7', true],
      ['weeks < 7', false],
      ['weeks <= 6', false],
      ['weeks = 7', true],
      ['weeks != 7', false],
      ['weeks in [1, 7]', true],
      ['weeks not in [1, 7]', false],
      ['t > 38.4 and t < 38.6', true],
      ['t = 38.5', true],
      ['response = worse', true],
      ['response != worse', false],
      ['response in [improved, unchanged]', false],
      ['response not in [improved, unchanged]', true],
      ['flag', false],
      ['not flag', true],
      ['flag = false', true],
      ['flag != true', true],
      ['true', true],
      ['false', false],
    ];
    for (const [text, expected] of cases)
      assert.equal(evaluate(parsed(text), facts), expected, text);
  });

  it('lets a test that mixes types never hold, whatever its operator', () => {
    const facts = patient({ weeks: 7, response: 'worse' });
    for (const text of [
      'weeks = true',
      'weeks != true',
      'response < 3',
      'response != 3',
      'weeks in [1, x]',
      'weeks',
    ]) {
      assert.equal(evaluate(parsed(text), facts), false, text);
    }
  });

  it("follows Kleene's three-valued tables when a fact is unknown", () => {
    const values: Truth[] = [true, false, 'unknown'];
    const and = (x: Truth, y: Truth): Truth =>
      x === false || y === false ? false : x === true && y === true ? true : 'unknown';
    const or = (x: Truth, y: Truth): Truth =>
      x === true || y === true ? true : x === false && y === false ? false : 'unknown';
    const not = (x: Truth): Truth => (x === 'unknown' ? x : !x);
    for (const a of values) {
      for (const b of values) {
        const facts = new Map<string, Value>();
        if (a !== 'unknown') facts.set('a', a);
        if (b !== 'unknown') facts.set('b', b);
        assert.equal(evaluate3(parsed('a and b'), facts), and(a, b), `${a} and ${b}`);
        assert.equal(evaluate3(parsed('a or b'), facts), or(a, b), `${a} or ${b}`);
        assert.equal(evaluate3(parsed('not a'), facts), not(a), `not ${a}`);
        assert.equal(evaluate3(parsed('not (a and b)'), facts), not(and(a, b)));
      }
    }
    assert.equal(evaluate3(parsed('weeks > 6'), new Map()), 'unknown');
    assert.equal(evaluate3(parsed('response in [a]'), new Map()), 'unknown');
  });

  it('answers in two values when the known facts settle it, and undefined when not', () => {
    const facts = patient({ a: true });
    assert.equal(evaluate(parsed('a or weeks > 6'), facts), true);
    assert.equal(evaluate(parsed('not a and weeks > 6'), facts), false);
    assert.equal(evaluate(parsed('a and weeks > 6'), facts), undefined);
  });
});
