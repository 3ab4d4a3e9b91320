import * as assert from 'node:assert/strict';
import {
  checkCondition,
  inputMap,
  isInputId,
  parseCondition,
  RESERVED_WORDS,
  type ConditionProblem,
} from '../../server/src/core/logic';

const inputs = inputMap([
  { id: 'red-flags', type: 'boolean' },
  { id: 'weeks', type: 'integer', min: 0, max: 52, unit: 'weeks' },
  { id: 'temperature', type: 'number', unit: '°C' },
  { id: 'response', type: 'choice', values: ['improved', 'unchanged', 'worse'] },
]);

function problems(text: string): (Omit<ConditionProblem, 'span'> & { at: string })[] {
  const result = parseCondition(text);
  if (!result.ok) assert.fail(`"${text}" did not parse: ${result.error.message}`);
  return checkCondition(result.condition, inputs).map(({ span, ...rest }) => ({
    ...rest,
    at: text.slice(span.start, span.end),
  }));
}

describe('pathway logic: input ids and reserved words', () => {
  it('accepts ids of the spec pattern and refuses reserved words', () => {
    assert.deepEqual(RESERVED_WORDS, ['and', 'or', 'not', 'in', 'true', 'false']);
    for (const id of ['weeks', 'weeks-of-symptoms', 'A1_b', 'And']) assert.ok(isInputId(id), id);
    for (const id of ['and', 'not', 'true', '1x', '-x', '', 'a b', 'é'])
      assert.ok(!isInputId(id), id);
  });
});

describe('pathway logic: type check against the inputs', () => {
  it('accepts tests of every type used as the spec allows', () => {
    for (const text of [
      'red-flags',
      'not red-flags',
      'red-flags = true',
      'red-flags != false',
      'weeks > 6 and weeks <= 12',
      'weeks in [1, 2, 3] or weeks not in [4]',
      'weeks = 6.5',
      'temperature >= 38.5',
      'temperature != -1',
      'response = worse or response != improved',
      'response in [unchanged, worse]',
      'response not in [improved]',
      'true',
      'false or weeks < 100',
    ]) {
      assert.deepEqual(problems(text), [], text);
    }
  });

  it('reports an unknown name on the name, once per use', () => {
    assert.deepEqual(problems('weeks > 6 and paain or paain'), [
      {
        code: 'unknown-input',
        input: 'paain',
        at: 'paain',
        message: `"paain" is not one of the pathway's inputs: add it under "inputs", or correct the name.`,
      },
      {
        code: 'unknown-input',
        input: 'paain',
        at: 'paain',
        message: problems('paain')[0]?.message ?? '',
      },
    ]);
    // A name used as a value is not an input reference.
    assert.deepEqual(
      problems('response = unknownvalue').map((p) => p.code),
      ['invalid-condition'],
    );
  });

  const wrong: [string, string, RegExp][] = [
    [
      'response < worse',
      '<',
      /"response" is a choice of improved, unchanged, worse: "<" compares numbers; use "=" or "!="/,
    ],
    ['red-flags >= true', '>=', /"red-flags" is a yes\/no input .*"=" or "!="/],
    [
      'response = bad',
      'bad',
      /"bad" is not a value of "response", which is one of improved, unchanged, worse/,
    ],
    ['response in [worse, bad]', 'bad', /"bad" is not a value/],
    ['response = 3', '3', /"3" is not a value/],
    ['response = true', 'true', /"true" is not a value/],
    ['red-flags = 1', '1', /compare it with true or false, not "1"/],
    ['red-flags = yes', 'yes', /compare it with true or false, not "yes"/],
    [
      'red-flags in [true]',
      'in',
      /"in" needs a list of values; write "red-flags" or "not red-flags"/,
    ],
    ['red-flags not in [true]', 'not in', /"not in" needs a list/],
    [
      'weeks = six',
      'six',
      /"weeks" is a whole number from 0 to 52 weeks: compare it with a number, not "six"/,
    ],
    ['temperature > true', 'true', /"temperature" is a number in °C: compare it with a number/],
    ['weeks in [1, x]', 'x', /compare it with a number/],
    [
      'weeks',
      'weeks',
      /"weeks" is a whole number from 0 to 52 weeks, not yes\/no: compare it, e.g. "weeks > 0"/,
    ],
    [
      'not response',
      'response',
      /is a choice of .* not yes\/no: compare it, e.g. "response = improved"/,
    ],
    [`weeks > 1${'0'.repeat(400)}`, `1${'0'.repeat(400)}`, /too large a number/],
  ];
  for (const [text, at, message] of wrong) {
    it(`refuses ${JSON.stringify(text.slice(0, 40))} at ${JSON.stringify(at.slice(0, 10))}`, () => {
      const found = problems(text);
      assert.equal(found.length, 1, JSON.stringify(found));
      assert.equal(found[0]?.code, 'invalid-condition');
      assert.equal(found[0]?.at, at);
      assert.match(found[0]?.message ?? '', message);
    });
  }

  it('reports every problem of a condition, in text order', () => {
    assert.deepEqual(
      problems('response < worse or red-flags = 2 or nope').map((p) => [p.code, p.at]),
      [
        ['invalid-condition', '<'],
        ['invalid-condition', '2'],
        ['unknown-input', 'nope'],
      ],
    );
  });
});
