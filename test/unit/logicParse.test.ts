import * as assert from 'node:assert/strict';
import { MAX_NESTING, parseCondition, type Condition } from '../../server/src/core/logic';

function parsed(text: string): Condition {
  const result = parseCondition(text);
  if (!result.ok) assert.fail(`"${text}" did not parse: ${result.error.message}`);
  return result.condition;
}

function failure(text: string): { message: string; at: string; start: number; end: number } {
  const result = parseCondition(text);
  if (result.ok) assert.fail(`"${text}" parsed`);
  const { span, message } = result.error;
  return { message, at: text.slice(span.start, span.end), start: span.start, end: span.end };
}

/** The condition written back with explicit brackets, to show its structure. */
function shape(c: Condition): string {
  switch (c.kind) {
    case 'or':
    case 'and':
      return `(${c.operands.map(shape).join(` ${c.kind} `)})`;
    case 'not':
      return `not ${shape(c.operand)}`;
    case 'constant':
      return String(c.value);
    case 'flag':
      return c.input.name;
    case 'compare':
      return `${c.input.name}${c.operator}${JSON.stringify(c.literal)}`;
    case 'member':
      return `${c.input.name} ${c.negated ? 'not in' : 'in'} ${c.literals.length}`;
  }
}

describe('pathway logic: parsing an "if" condition', () => {
  it('gives "and" precedence over "or" and "not" over both', () => {
    assert.equal(shape(parsed('a or b and not c')), '(a or (b and not c))');
    assert.equal(shape(parsed('not a and b')), '(not a and b)');
    assert.equal(shape(parsed('(a or b) and c')), '((a or b) and c)');
    assert.equal(shape(parsed('a and b and c or d')), '((a and b and c) or d)');
  });

  it('gives every node and operator its offsets', () => {
    const text = 'a or b and not c';
    const c = parsed(text);
    assert.equal(c.kind, 'or');
    if (c.kind !== 'or') return;
    assert.deepEqual(c.span, { start: 0, end: text.length });
    assert.deepEqual(c.operators, [{ start: 2, end: 4 }]);
    const right = c.operands[1];
    assert.equal(right?.kind, 'and');
    if (right?.kind !== 'and') return;
    assert.deepEqual(right.span, { start: 5, end: 16 });
    assert.deepEqual(right.operators, [{ start: 7, end: 10 }]);
    const negation = right.operands[1];
    assert.equal(negation?.kind, 'not');
    if (negation?.kind !== 'not') return;
    assert.deepEqual(negation.operator, { start: 11, end: 14 });
    assert.deepEqual(negation.span, { start: 11, end: 16 });
  });

  it('reads comparisons with names holding hyphens, negative and decimal numbers', () => {
    const text = 'weeks-of-symptoms >= -2.5';
    const c = parsed(text);
    assert.equal(c.kind, 'compare');
    if (c.kind !== 'compare') return;
    assert.deepEqual(c.input, { name: 'weeks-of-symptoms', span: { start: 0, end: 17 } });
    assert.equal(c.operator, '>=');
    assert.deepEqual(c.operatorSpan, { start: 18, end: 20 });
    assert.deepEqual(c.literal, {
      kind: 'number',
      value: -2.5,
      text: '-2.5',
      span: { start: 21, end: 25 },
    });
    // Operators separate tokens without spaces.
    const tight = parsed('x<=6');
    assert.equal(tight.kind === 'compare' && tight.operator, '<=');
  });

  it('reads "not in" as one operator spanning both words', () => {
    const text = 'response not  in [unchanged, worse]';
    const c = parsed(text);
    assert.equal(c.kind, 'member');
    if (c.kind !== 'member') return;
    assert.equal(c.negated, true);
    assert.equal(text.slice(c.operatorSpan.start, c.operatorSpan.end), 'not  in');
    assert.deepEqual(
      c.literals.map((l) => text.slice(l.span.start, l.span.end)),
      ['unchanged', 'worse'],
    );
    assert.deepEqual(c.span, { start: 0, end: text.length });
    const plain = parsed('age in [1,2]');
    assert.equal(plain.kind === 'member' && plain.negated, false);
  });

  it('gives a bracketed operand the brackets in its range', () => {
    const c = parsed('(a) and b');
    assert.equal(c.kind, 'and');
    if (c.kind !== 'and') return;
    assert.deepEqual(c.span, { start: 0, end: 9 });
    assert.deepEqual(c.operands[0]?.span, { start: 0, end: 3 });
  });

  it('reads true, false and literals true/false', () => {
    assert.equal(shape(parsed('true or false')), '(true or false)');
    assert.equal(
      shape(parsed('pain = false')),
      'pain={"kind":"boolean","value":false,"span":{"start":7,"end":12}}',
    );
  });

  it('says a value is missing at the empty range at the end', () => {
    const text = 'weeks <= ';
    const f = failure(text);
    assert.equal(f.message, 'Expected a value after "<=", but the condition ends here.');
    assert.deepEqual([f.start, f.end], [text.length, text.length]);
  });

  const cases: [string, string, RegExp][] = [
    ['', '', /empty/],
    ['   ', '', /empty/],
    ['a and', '', /Expected a test after "and"/],
    ['a or or b', 'or', /Expected a test/],
    ['(a or b', '', /close the "\(" at position 1/],
    ['(a or b c', 'c', /Expected "\)"/],
    ['a)', ')', /closes no "\("/],
    ['weeks 6', '6', /between "weeks" and "6"/],
    ['a b', 'b', /between "a" and "b"/],
    ['weeks > 6 7', '7', /Expected "and", "or"/],
    ['response not worse', 'worse', /Expected "in" after "response not"/],
    ['response not', '', /Expected "in"/],
    ['response in worse', 'worse', /square brackets after "in"/],
    ['response not in worse', 'worse', /square brackets after "not in"/],
    ['response in [', '', /Expected a value after "\["/],
    ['response in []', ']', /Expected a value/],
    ['response in [a b]', 'b', /"," or "\]"/],
    ['response in [a,', '', /Expected a value after ","/],
    ['response in [a', '', /"," or "\]"/],
    ['weeks = and', 'and', /Expected a value/],
    ['weeks == 6', '==', /Write "=" once/],
    ['a && b', '&&', /"and"/],
    ['a || b', '||', /"or"/],
    ['!a', '!', /"not"/],
    ['weeks > 6weeks', '6weeks', /is not a number/],
    ['weeks > 1.5.2', '1.5.2', /is not a number/],
    ['weeks > 1.', '1.', /is not a number/],
    ['a and é', 'é', /U\+00E9 cannot be used/],
    ['a and 😀', '😀', /U\+1F600/],
  ];
  for (const [text, at, message] of cases) {
    it(`refuses ${JSON.stringify(text)} at ${JSON.stringify(at)}`, () => {
      const f = failure(text);
      assert.equal(f.at, at);
      assert.match(f.message, message);
      if (at === '') assert.deepEqual([f.start, f.end], [text.length, text.length]);
    });
  }

  it('reads capitalised keywords as names (words are case-sensitive)', () => {
    assert.equal(shape(parsed('And')), 'And');
    assert.equal(failure('a AND b').at, 'AND');
  });

  it('refuses nesting beyond the limit without overflowing the stack', () => {
    const deep = '('.repeat(MAX_NESTING + 1) + 'a' + ')'.repeat(MAX_NESTING + 1);
    const f = failure(deep);
    assert.match(f.message, /more than 100 deep/);
    assert.equal(f.at, '(');
    assert.equal(shape(parsed('('.repeat(MAX_NESTING) + 'a' + ')'.repeat(MAX_NESTING))), 'a');
    assert.match(failure('not '.repeat(100_000) + 'a').message, /deep/);
    // Long flat chains are not nesting.
    const chain = Array.from({ length: 20_000 }, (_, i) => `x${i}`).join(' and ');
    const c = parsed(chain);
    assert.equal(c.kind === 'and' && c.operands.length, 20_000);
  });

  it('never throws on arbitrary text', () => {
    const alphabet = [
      'a',
      'b',
      ' ',
      'and',
      'or',
      'not',
      'in',
      '(',
      ')',
      '[',
      ']',
      ',',
      '=',
      '<',
      '!',
      '-',
      '1',
      '.',
      'é',
      '\u202e',
      'true',
    ];
    let seed = 7;
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const length = n % 12;
      for (let i = 0; i < length; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        text += alphabet[seed % alphabet.length] ?? '';
      }
      const result = parseCondition(text);
      if (!result.ok) {
        const { start, end } = result.error.span;
        assert.ok(
          0 <= start && start <= end && end <= text.length,
          `bad span for ${JSON.stringify(text)}`,
        );
        assert.ok(result.error.message.length > 0);
      }
    }
  });
});
