// The outline of a pathway as plain data: the steps and references sections, each step with
// its kind and title and each reference with its title, with the spans an editor shows and
// folds.
import type { Analysis } from '../analysis';
import type { StepKind } from '../model/pathway';
import type { SourceNode } from '../parse/sourceTree';
import type { Span } from '../types';

/** A section (`steps`, `references`), a step by its kind (`step` when unknown), a reference. */
export type OutlineKind = 'section' | StepKind | 'step' | 'reference';

export interface OutlineEntry {
  readonly name: string;
  /** The step's kind and title, the reference's title. */
  readonly detail?: string;
  readonly kind: OutlineKind;
  /** From the start of its key to the end of its value. */
  readonly span: Span;
  /** Its key: what an editor selects when the entry is chosen. */
  readonly selectionSpan: Span;
  readonly children?: readonly OutlineEntry[];
}

/** From the start of its key to the end of its value: a whole step or reference. */
function entrySpan(node: SourceNode): Span {
  const start = node.keySpan?.start ?? node.span.start;
  return { start, end: Math.max(node.span.end, node.keySpan?.end ?? 0) };
}

/** The outline: the steps with their kind and title, and the references. */
export function outline(analysis: Analysis): OutlineEntry[] {
  const model = analysis.model;
  const root = model?.root.entries;
  if (!model || !root) return [];
  const entries: OutlineEntry[] = [];
  const stepsNode = root.get('steps');
  if (stepsNode?.keySpan) {
    entries.push({
      name: 'steps',
      kind: 'section',
      span: entrySpan(stepsNode),
      selectionSpan: stepsNode.keySpan,
      children: [...model.steps.values()].map((step) => ({
        name: step.id,
        detail: [step.kind ?? 'step', step.title].filter(Boolean).join(' — '),
        kind: step.kind ?? 'step',
        span: entrySpan(step.node),
        selectionSpan: step.keySpan,
      })),
    });
  }
  const referencesNode = root.get('references');
  if (referencesNode?.keySpan) {
    entries.push({
      name: 'references',
      kind: 'section',
      span: entrySpan(referencesNode),
      selectionSpan: referencesNode.keySpan,
      children: [...model.references.values()].map((reference) => {
        const title = reference.fields['title'];
        return {
          name: reference.id,
          ...(typeof title === 'string' ? { detail: title } : {}),
          kind: 'reference',
          span: entrySpan(reference.node),
          selectionSpan: reference.keySpan,
        };
      }),
    });
  }
  return entries;
}

/** What folds: the steps and references sections, and each step and reference. */
export function foldableSpans(analysis: Analysis): Span[] {
  const model = analysis.model;
  if (!model) return [];
  const spans: Span[] = [];
  const add = (node: SourceNode | undefined): void => {
    if (node) spans.push(entrySpan(node));
  };
  const root = model.root.entries;
  add(root?.get('steps'));
  for (const step of model.steps.values()) add(step.node);
  add(root?.get('references'));
  for (const reference of model.references.values()) add(reference.node);
  return spans;
}
