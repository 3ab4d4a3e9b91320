// Checks a parsed condition against the pathway's inputs: every name is an input, and every
// test compares an input with values of its own type (pathway-logic §2, "Types").
import type { Span } from '../types';
import { forEachTest, type Condition, type InputTest, type Literal, type NameRef } from './ast';
import type { InputDef, Inputs } from './inputs';

export interface ConditionProblem {
  readonly code: 'unknown-input' | 'invalid-condition';
  readonly message: string;
  /** The offending token: the name, the operator or the value. */
  readonly span: Span;
  /** The input concerned (the unknown name for unknown-input). */
  readonly input: string;
  /** For a choice compared with a name that is not one of its values: that name. */
  readonly notAValue?: string;
}

const MAX_LISTED = 12;

/** A choice's values as a message lists them. */
function listValues(def: InputDef): string {
  const values = def.values ?? [];
  const shown = values.slice(0, MAX_LISTED).join(', ');
  return values.length > MAX_LISTED ? `${shown}, …` : shown;
}

function bounds(def: InputDef): string {
  const unit = def.unit ? ` ${def.unit}` : '';
  if (def.min !== undefined && def.max !== undefined)
    return ` from ${def.min} to ${def.max}${unit}`;
  if (def.min !== undefined) return ` of at least ${def.min}${unit}`;
  if (def.max !== undefined) return ` of at most ${def.max}${unit}`;
  return unit ? ` in ${def.unit}` : '';
}

/** What an input accepts, in words: `"weeks" is a whole number from 0 to 52 weeks`. */
export function describeInput(def: InputDef): string {
  switch (def.type) {
    case 'boolean':
      return `"${def.id}" is a yes/no input (true or false)`;
    case 'number':
      return `"${def.id}" is a number${bounds(def)}`;
    case 'integer':
      return `"${def.id}" is a whole number${bounds(def)}`;
    case 'choice':
      return `"${def.id}" is a choice of ${listValues(def)}`;
  }
}

function literalText(literal: Literal): string {
  switch (literal.kind) {
    case 'number':
      return literal.text;
    case 'name':
      return literal.name;
    case 'boolean':
      return String(literal.value);
  }
}

/** The problems of one condition, in text order; empty when it can be analysed. */
export function checkCondition(condition: Condition, inputs: Inputs): ConditionProblem[] {
  const problems: ConditionProblem[] = [];
  const invalid = (def: InputDef, span: Span, message: string, notAValue?: string): void => {
    problems.push({
      code: 'invalid-condition',
      message,
      span,
      input: def.id,
      ...(notAValue !== undefined ? { notAValue } : {}),
    });
  };
  const lookUp = (ref: NameRef): InputDef | undefined => {
    const def = inputs.get(ref.name);
    if (!def) {
      problems.push({
        code: 'unknown-input',
        message: `"${ref.name}" is not one of the pathway's inputs: add it under "inputs", or correct the name.`,
        span: ref.span,
        input: ref.name,
      });
    }
    return def;
  };
  const checkLiteral = (def: InputDef, literal: Literal): void => {
    const text = literalText(literal);
    switch (def.type) {
      case 'boolean':
        if (literal.kind !== 'boolean') {
          invalid(
            def,
            literal.span,
            `${describeInput(def)}: compare it with true or false, not "${text}".`,
          );
        }
        return;
      case 'number':
      case 'integer':
        if (literal.kind !== 'number') {
          invalid(
            def,
            literal.span,
            `${describeInput(def)}: compare it with a number, not "${text}".`,
          );
        } else if (!Number.isFinite(literal.value)) {
          invalid(
            def,
            literal.span,
            `${literal.text} is too large a number to compare "${def.id}" with.`,
          );
        }
        return;
      case 'choice':
        if (literal.kind !== 'name' || !(def.values ?? []).includes(literal.name)) {
          invalid(
            def,
            literal.span,
            `"${text}" is not a value of "${def.id}", which is one of ${listValues(def)}.`,
            literal.kind === 'name' ? literal.name : undefined,
          );
        }
        return;
    }
  };
  const visit = (node: InputTest): void => {
    switch (node.kind) {
      case 'flag': {
        const def = lookUp(node.input);
        if (!def || def.type === 'boolean') return;
        const example =
          def.type === 'choice'
            ? `"${def.id} = ${def.values?.[0] ?? 'value'}"`
            : `"${def.id} > ${def.min ?? 0}"`;
        invalid(
          def,
          node.input.span,
          `${describeInput(def)}, not yes/no: compare it, e.g. ${example}.`,
        );
        return;
      }
      case 'compare': {
        const def = lookUp(node.input);
        if (!def) return;
        const ordering = node.operator !== '=' && node.operator !== '!=';
        if (ordering && (def.type === 'boolean' || def.type === 'choice')) {
          invalid(
            def,
            node.operatorSpan,
            `${describeInput(def)}: "${node.operator}" compares numbers; use "=" or "!=".`,
          );
          return;
        }
        checkLiteral(def, node.literal);
        return;
      }
      case 'member': {
        const def = lookUp(node.input);
        if (!def) return;
        if (def.type === 'boolean') {
          const word = node.negated ? 'not in' : 'in';
          invalid(
            def,
            node.operatorSpan,
            `${describeInput(def)}: "${word}" needs a list of values; write "${def.id}" or "not ${def.id}".`,
          );
          return;
        }
        for (const literal of node.literals) checkLiteral(def, literal);
        return;
      }
    }
  };
  forEachTest(condition, visit);
  return problems;
}
