// A branch's `if` as FHIRPath (http://hl7.org/fhirpath/N1), for the FHIR export's applicability
// conditions: each input is an external constant named after it (`%age`, %`red-flags`).
import type { Condition, Literal } from '../logic';

/** The language an Expression written in FHIRPath names. */
export const FHIRPATH_LANGUAGE = 'text/fhirpath';

/**
 * Words the FHIRPath grammar reads as keywords (operators, literals, calendar units):
 * `%weeks` does not parse, as `weeks` is a unit, so such a name is delimited.
 */
const KEYWORDS: ReadonlySet<string> = new Set([
  'and',
  'or',
  'xor',
  'implies',
  'div',
  'mod',
  'is',
  'as',
  'in',
  'contains',
  'true',
  'false',
  ...['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'millisecond'].flatMap((unit) => [
    unit,
    `${unit}s`,
  ]),
]);

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/u;

function escaped(text: string, quote: string): string {
  return text.replace(/[\\'`]/gu, (c) => (c === quote || c === '\\' ? `\\${c}` : c));
}

/**
 * The external constant an input is read from: `%age`, or the delimited form %`red-flags`
 * for a name that is not a plain FHIRPath identifier or is one of its keywords.
 */
export function fhirPathConstant(inputId: string): string {
  return IDENTIFIER.test(inputId) && !KEYWORDS.has(inputId)
    ? `%${inputId}`
    : `%\`${escaped(inputId, '`')}\``;
}

// FHIRPath's Integer is 32 bits; a whole number beyond it is written as a Decimal.
const MAX_INTEGER = 2 ** 31 - 1;

function literal(value: Literal): string {
  switch (value.kind) {
    case 'number':
      return /^-?\d+$/u.test(value.text) && Math.abs(value.value) > MAX_INTEGER
        ? `${value.text}.0`
        : value.text;
    case 'name':
      return `'${escaped(value.name, "'")}'`;
    case 'boolean':
      return value.value ? 'true' : 'false';
  }
}

/**
 * An expression with how loosely it binds, so parentheses go exactly where FHIRPath's
 * precedence needs them: `or` binds loosest, then `and`, then comparisons; a term (a
 * constant, a literal, a bracketed expression, a function call) takes `.not()` directly.
 */
interface Piece {
  readonly text: string;
  readonly binding: 'or' | 'and' | 'comparison' | 'term';
}

const term = (text: string): Piece => ({ text, binding: 'term' });

/** Either operand may hold: FHIRPath's `or` is associative, so no operand needs brackets. */
function anyOf(pieces: readonly Piece[]): Piece {
  if (pieces.length === 0) return term('false');
  if (pieces.length === 1) return pieces[0] as Piece;
  return { text: pieces.map((p) => p.text).join(' or '), binding: 'or' };
}

function allOf(pieces: readonly Piece[]): Piece {
  if (pieces.length === 0) return term('true');
  if (pieces.length === 1) return pieces[0] as Piece;
  const operand = (p: Piece): string => (p.binding === 'or' ? `(${p.text})` : p.text);
  return { text: pieces.map(operand).join(' and '), binding: 'and' };
}

/** FHIRPath's not() is a function: empty (unknown) stays empty, as in Kleene's logic. */
function negation(piece: Piece): Piece {
  return term(piece.binding === 'term' ? `${piece.text}.not()` : `(${piece.text}).not()`);
}

/** Stops a translation that has grown past its budget; caught in decisionExpressions. */
class TooLong extends Error {}

function translate(condition: Condition, limit = Infinity): Piece {
  const piece = translated(condition, limit);
  if (piece.text.length > limit) throw new TooLong();
  return piece;
}

function translated(condition: Condition, limit: number): Piece {
  switch (condition.kind) {
    case 'or':
      return anyOf(condition.operands.map((operand) => translate(operand, limit)));
    case 'and':
      return allOf(condition.operands.map((operand) => translate(operand, limit)));
    case 'not':
      return negation(translate(condition.operand, limit));
    case 'constant':
      return term(condition.value ? 'true' : 'false');
    case 'flag':
      return term(fhirPathConstant(condition.input.name));
    case 'compare':
      return {
        text: `${fhirPathConstant(condition.input.name)} ${condition.operator} ${literal(condition.literal)}`,
        binding: 'comparison',
      };
    case 'member': {
      // One equality per value rather than `in (a | b)`: every engine reads it the same way,
      // and an unknown value gives empty, not false.
      const name = fhirPathConstant(condition.input.name);
      const tests = condition.literals.map((value): Piece => ({
        text: `${name} ${condition.negated ? '!=' : '='} ${literal(value)}`,
        binding: 'comparison',
      }));
      return condition.negated ? allOf(tests) : anyOf(tests);
    }
  }
}

/** A condition as a FHIRPath expression over its inputs' external constants. */
export function toFhirPath(condition: Condition): string {
  return translate(condition).text;
}

/** The applicability of each answer of a computable decision, in FHIRPath. */
export interface DecisionExpressions {
  /** One per branch, in order. */
  readonly branches: readonly string[];
  /** For the `otherwise`: no branch holds. */
  readonly otherwise: string;
}

/**
 * The most FHIRPath one export writes for all its decisions together: `match: first` repeats
 * the conditions above each branch, so its text grows with the square of the branches.
 */
export const MAX_FHIRPATH_LENGTH = 4_000_000;

/**
 * Each branch's applicability, so that the answers a FHIR engine finds applicable are the
 * ones the pathway takes. `exclusive`: each branch's own condition. `first`: the branch's
 * condition and none of those above it, so the order is in the expressions themselves and
 * an engine need not try the answers in order. The otherwise: none of the conditions.
 * Undefined when they would take more than `limit` characters in all.
 */
export function decisionExpressions(
  conditions: readonly Condition[],
  match: 'exclusive' | 'first',
  limit = Infinity,
): DecisionExpressions | undefined {
  // Each condition gets what the ones before it left: what they add up to is within the limit.
  const pieces: Piece[] = [];
  let used = 0;
  try {
    for (const condition of conditions) {
      const piece = translate(condition, limit - used);
      pieces.push(piece);
      used += piece.text.length;
    }
  } catch (error) {
    if (error instanceof TooLong) return undefined;
    throw error;
  }
  // An upper bound of what the expressions below add up to, before any is written.
  const lengths = pieces.map((piece) => piece.text.length + ' or '.length);
  const all = lengths.reduce((sum, length) => sum + length, 0);
  let above = 0;
  let total = all + '().not()'.length;
  for (const length of lengths) {
    total += length + (match === 'first' ? above + '().not() and ()'.length : 0);
    above += length;
  }
  if (total > limit) return undefined;
  const branches = pieces.map((piece, i) =>
    match === 'first' && i > 0
      ? allOf([negation(anyOf(pieces.slice(0, i))), piece]).text
      : piece.text,
  );
  return { branches, otherwise: negation(anyOf(pieces)).text };
}
