// The shape of a parsed `if` condition: every node and token knows its offsets in the
// condition's text, so a finding can point at the exact word.
import type { Span } from '../types';

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/** The value a test compares with. */
export type Literal =
  | { readonly kind: 'number'; readonly value: number; readonly text: string; readonly span: Span }
  | { readonly kind: 'name'; readonly name: string; readonly span: Span }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly span: Span };

/** An input named in a test. */
export interface NameRef {
  readonly name: string;
  readonly span: Span;
}

export type Condition =
  /** Operands joined by `or` (at least two); `operators` are the spans of the `or` words. */
  | {
      readonly kind: 'or';
      readonly operands: readonly Condition[];
      readonly operators: readonly Span[];
      readonly span: Span;
    }
  | {
      readonly kind: 'and';
      readonly operands: readonly Condition[];
      readonly operators: readonly Span[];
      readonly span: Span;
    }
  | {
      readonly kind: 'not';
      readonly operand: Condition;
      readonly operator: Span;
      readonly span: Span;
    }
  /** `true` or `false` standing alone. */
  | { readonly kind: 'constant'; readonly value: boolean; readonly span: Span }
  /** A boolean input standing alone: it is true. */
  | { readonly kind: 'flag'; readonly input: NameRef; readonly span: Span }
  | {
      readonly kind: 'compare';
      readonly input: NameRef;
      readonly operator: ComparisonOperator;
      readonly operatorSpan: Span;
      readonly literal: Literal;
      readonly span: Span;
    }
  /** `in` or `not in` a list; `operatorSpan` spans both words of `not in`. */
  | {
      readonly kind: 'member';
      readonly input: NameRef;
      readonly negated: boolean;
      readonly operatorSpan: Span;
      readonly literals: readonly Literal[];
      readonly span: Span;
    };

/** A test of one input: the leaves of a condition that name an input. */
export type InputTest = Extract<Condition, { readonly kind: 'flag' | 'compare' | 'member' }>;

/** Calls `visit` on each test of an input in the condition, in text order. */
export function forEachTest(condition: Condition, visit: (test: InputTest) => void): void {
  switch (condition.kind) {
    case 'or':
    case 'and':
      for (const operand of condition.operands) forEachTest(operand, visit);
      return;
    case 'not':
      forEachTest(condition.operand, visit);
      return;
    case 'constant':
      return;
    case 'flag':
    case 'compare':
    case 'member':
      visit(condition);
      return;
  }
}

/** Every input named in the condition (not the names used as values), in text order. */
export function inputRefs(condition: Condition): NameRef[] {
  const refs: NameRef[] = [];
  forEachTest(condition, (test) => refs.push(test.input));
  return refs;
}

/** The distinct input ids a condition names, in order of first use. */
export function inputIds(condition: Condition): string[] {
  return [...new Set(inputRefs(condition).map((ref) => ref.name))];
}
