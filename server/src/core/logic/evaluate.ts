// Decides a condition for one patient: in two-valued logic when every fact it needs is known,
// and in Kleene's three-valued logic when some are not (pathway-logic §5).
import type { Condition, Literal } from './ast';
import type { Patient, Value } from './inputs';

/** true, false, or unknown (a fact the answer depends on is missing). */
export type Truth = boolean | 'unknown';

type Test = Extract<Condition, { kind: 'flag' | 'compare' | 'member' }>;

function sameValue(value: Value, literal: Literal): boolean | undefined {
  switch (literal.kind) {
    case 'number':
      return typeof value === 'number' ? value === literal.value : undefined;
    case 'name':
      return typeof value === 'string' ? value === literal.name : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? value === literal.value : undefined;
  }
}

function not(truth: Truth): Truth {
  return truth === 'unknown' ? truth : !truth;
}

// A test whose value does not fit the literal's type (a condition that did not pass
// checkCondition) never holds, whatever its operator: the same as sets.ts.
function test(node: Test, patient: Patient): Truth {
  switch (node.kind) {
    case 'flag': {
      const value = patient.get(node.input.name);
      if (value === undefined) return 'unknown';
      return value === true;
    }
    case 'compare': {
      const value = patient.get(node.input.name);
      if (value === undefined) return 'unknown';
      const { literal, operator } = node;
      if (operator === '=' || operator === '!=') {
        const same = sameValue(value, literal);
        if (same === undefined) return false;
        return operator === '=' ? same : !same;
      }
      if (typeof value !== 'number' || literal.kind !== 'number') return false;
      switch (operator) {
        case '<':
          return value < literal.value;
        case '<=':
          return value <= literal.value;
        case '>':
          return value > literal.value;
        case '>=':
          return value >= literal.value;
      }
      return false;
    }
    case 'member': {
      const value = patient.get(node.input.name);
      if (value === undefined) return 'unknown';
      let found = false;
      for (const literal of node.literals) {
        const same = sameValue(value, literal);
        if (same === undefined) return false;
        found ||= same;
      }
      return node.negated ? !found : found;
    }
  }
}

/** Kleene's logic: `false and unknown` is false, `true or unknown` true, `not unknown` unknown. */
export function evaluate3(condition: Condition, facts: Patient): Truth {
  switch (condition.kind) {
    case 'or': {
      let result: Truth = false;
      for (const operand of condition.operands) {
        const truth = evaluate3(operand, facts);
        if (truth === true) return true;
        if (truth === 'unknown') result = 'unknown';
      }
      return result;
    }
    case 'and': {
      let result: Truth = true;
      for (const operand of condition.operands) {
        const truth = evaluate3(operand, facts);
        if (truth === false) return false;
        if (truth === 'unknown') result = 'unknown';
      }
      return result;
    }
    case 'not':
      return not(evaluate3(condition.operand, facts));
    case 'constant':
      return condition.value;
    case 'flag':
    case 'compare':
    case 'member':
      return test(condition, facts);
  }
}

/**
 * Whether the condition holds for a patient whose every input is known. With facts missing,
 * undefined unless the known ones settle it (as `true or …` does).
 */
export function evaluate(condition: Condition, patient: Patient): boolean | undefined {
  const truth = evaluate3(condition, patient);
  return truth === 'unknown' ? undefined : truth;
}
