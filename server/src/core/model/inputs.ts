// The pathway's inputs as written (pathway-logic §1), for the views that show or compare them:
// each input's question, type, values, bounds and unit, whatever the checks make of them.
import type { PathwayModel } from './pathway';
import type { Span } from '../types';

/** One input under `inputs`, its fields as written (a field of the wrong type is left out). */
export interface InputDeclaration {
  readonly id: string;
  readonly keySpan: Span;
  /** The type as written, when it is text (it may be one the format does not know). */
  readonly type: string | undefined;
  readonly title: string | undefined;
  /** A choice's values, each as text. */
  readonly values: readonly string[] | undefined;
  readonly min: number | undefined;
  readonly max: number | undefined;
  readonly unit: string | undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The inputs in the file's order. */
export function inputDeclarations(model: PathwayModel): InputDeclaration[] {
  const declared: InputDeclaration[] = [];
  for (const [id, node] of model.root.entries?.get('inputs')?.entries ?? []) {
    const field = (name: string): unknown => node.entries?.get(name)?.value;
    const items = node.entries?.get('values')?.items;
    declared.push({
      id,
      keySpan: node.keySpan ?? node.span,
      type: textOf(field('type')),
      title: textOf(field('title')),
      values: items
        ?.map((item) => item.value)
        .filter((value) => ['string', 'number', 'boolean'].includes(typeof value))
        .map(String),
      min: numberOf(field('min')),
      max: numberOf(field('max')),
      unit: textOf(field('unit')),
    });
  }
  return declared;
}
