// Where each step id and reference id is defined and used, for hover, rename, navigation
// and "reached from".
import type { Span } from '../types';
import { branchList, type Link, type PathwayModel } from './pathway';

export type SymbolKind = 'step' | 'reference';

/** One place a step id or a reference id is written: where it is defined, or a use of it. */
export interface Occurrence {
  readonly kind: SymbolKind;
  readonly id: string;
  readonly role: 'definition' | 'use';
  /** The whole scalar as written (quotes included). */
  readonly span: Span;
  /** The id's own characters, without quotes: what a rename replaces. */
  readonly nameSpan: Span;
  /** For uses: the step the link or citation is written in (absent for `start`). */
  readonly inStep?: string;
  /** For step links: which field holds it. */
  readonly field?: 'start' | 'next' | 'otherwise' | 'branch' | 'cite';
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
