// Where each step id, reference id and input is defined and used, for hover, rename,
// navigation and "reached from". Steps and references are found here; the inputs, whose uses
// inside conditions need the logic read, in language/inputSymbols.ts.
import type { SourceNode } from '../parse/sourceTree';
import type { Span } from '../types';
import { branchList, type Link, type PathwayModel } from './pathway';

export type SymbolKind = 'step' | 'reference' | 'input';

/**
 * One place a step id, a reference id or an input is written: where it is defined, or a use
 * of it. A choice's value written in a condition or a fact is a use of its input with the
 * field `value`: it leads to the input, but it is not the input's name.
 */
export interface Occurrence {
  readonly kind: SymbolKind;
  readonly id: string;
  readonly role: 'definition' | 'use';
  /** The whole scalar as written (quotes included). */
  readonly span: Span;
  /** The id's own characters, without quotes: what a rename replaces. */
  readonly nameSpan: Span;
  /** For uses: the step the link, citation or condition is written in (absent elsewhere). */
  readonly inStep?: string;
  /** For uses: which field holds it. */
  readonly field?:
    | 'start'
    | 'next'
    | 'otherwise'
    | 'branch'
    | 'ends'
    | 'cite'
    | 'choose'
    | 'expect'
    | 'if'
    | 'records'
    | 'facts'
    | 'value';
}

/** The characters of a scalar without its quotes, when it is quoted. */
export function unquotedSpan(text: string, span: Span): Span {
  const first = text[span.start];
  const last = text[span.end - 1];
  if (span.end - span.start >= 2 && (first === '"' || first === "'") && last === first) {
    return { start: span.start + 1, end: span.end - 1 };
  }
  return span;
}

/** Every definition and use of every step id and reference id, in file order. */
export function collectOccurrences(model: PathwayModel, text: string): Occurrence[] {
  const found: Occurrence[] = [];
  const use = (
    kind: SymbolKind,
    link: Link | undefined,
    field: Occurrence['field'],
    inStep?: string,
  ): void => {
    if (link?.target === undefined || link.node.empty) return;
    found.push({
      kind,
      id: link.target,
      role: 'use',
      span: link.span,
      nameSpan: unquotedSpan(text, link.span),
      field,
      ...(inStep !== undefined ? { inStep } : {}),
    });
  };

  use('step', model.start, 'start');
  for (const step of model.steps.values()) {
    found.push({
      kind: 'step',
      id: step.id,
      role: 'definition',
      span: step.keySpan,
      nameSpan: unquotedSpan(text, step.keySpan),
    });
    use('step', step.next, 'next', step.id);
    for (const branch of branchList(step) ?? []) use('step', branch.next, 'branch', step.id);
    use('step', step.otherwise, 'otherwise', step.id);
    for (const route of step.ends) use('step', route.next, 'ends', step.id);
    for (const link of step.cite) use('reference', link, 'cite', step.id);
  }
  for (const reference of model.references.values()) {
    found.push({
      kind: 'reference',
      id: reference.id,
      role: 'definition',
      span: reference.keySpan,
      nameSpan: unquotedSpan(text, reference.keySpan),
    });
  }
  // Scenarios name steps too: the decisions they choose at, where they go, what they expect.
  const stepUse = (node: SourceNode, field: 'choose' | 'expect'): void => {
    if (typeof node.value !== 'string' || node.empty) return;
    const { span } = node;
    found.push({
      kind: 'step',
      id: node.value,
      role: 'use',
      span,
      nameSpan: unquotedSpan(text, span),
      field,
    });
  };
  for (const scenario of model.root.entries?.get('scenarios')?.entries?.values() ?? []) {
    for (const [decision, choice] of scenario.entries?.get('choose')?.entries ?? []) {
      if (choice.keySpan) {
        found.push({
          kind: 'step',
          id: decision,
          role: 'use',
          span: choice.keySpan,
          nameSpan: unquotedSpan(text, choice.keySpan),
          field: 'choose',
        });
      }
      stepUse(choice, 'choose');
    }
    const expect = scenario.entries?.get('expect');
    const end = expect?.entries?.get('end');
    if (end) stepUse(end, 'expect');
    for (const key of ['passes', 'avoids']) {
      for (const item of expect?.entries?.get(key)?.items ?? []) stepUse(item, 'expect');
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** The occurrence under an offset (its end included, as editors place the cursor there). */
export function occurrenceAt(
  occurrences: readonly Occurrence[],
  offset: number,
): Occurrence | undefined {
  return occurrences.find((o) => o.span.start <= offset && offset <= o.span.end);
}

/** Steps that lead to each step, for "reached from". */
export function predecessors(
  model: PathwayModel,
  successors: ReadonlyMap<string, readonly string[]>,
): ReadonlyMap<string, readonly string[]> {
  // Asked on every hover: worked out once per analysis.
  const known = predecessorsOf.get(successors);
  if (known?.model === model) return known.result;
  const result = new Map<string, string[]>();
  for (const id of model.steps.keys()) result.set(id, []);
  for (const [from, targets] of successors) {
    for (const target of new Set(targets)) result.get(target)?.push(from);
  }
  predecessorsOf.set(successors, { model, result });
  return result;
}

const predecessorsOf = new WeakMap<
  ReadonlyMap<string, readonly string[]>,
  { model: PathwayModel; result: ReadonlyMap<string, readonly string[]> }
>();
