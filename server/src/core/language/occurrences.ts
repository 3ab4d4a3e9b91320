// The id definitions and uses of an analysis (steps, references and inputs), found once and
// shared by hover, rename and navigation.
import type { Analysis } from '../analysis';
import { collectOccurrences, unquotedSpan, type Occurrence } from '../model/symbols';
import type { Span } from '../types';
import { inputOccurrences } from './inputSymbols';

const byAnalysis = new WeakMap<Analysis, readonly Occurrence[]>();

/** Every id definition and use of an analysis, in file order, computed once per analysis. */
export function occurrencesOf(analysis: Analysis): readonly Occurrence[] {
  let found = byAnalysis.get(analysis);
  if (!found) {
    const { model } = analysis;
    const text = analysis.parsed.text;
    found = model
      ? [...collectOccurrences(model, text), ...inputOccurrences(model, text)].sort(
          (a, b) => a.span.start - b.span.start,
        )
      : [];
    byAnalysis.set(analysis, found);
  }
  return found;
}

export function sameSymbol(a: Occurrence, b: Occurrence): boolean {
  return a.kind === b.kind && a.id === b.id;
}

/**
 * Whether the occurrence writes the symbol's own name: what references list and rename
 * changes. A choice's value leads to its input but is not its name.
 */
export function namesSymbol(occurrence: Occurrence): boolean {
  return occurrence.field !== 'value';
}

/**
 * Where what an occurrence names is defined: the step, reference or input's key; for a
 * choice's value, that value in its input's `values` (or the input, when it is not there).
 */
export function definitionSpans(analysis: Analysis, here: Occurrence): Span[] {
  if (!namesSymbol(here)) {
    const written = analysis.parsed.text.slice(here.nameSpan.start, here.nameSpan.end);
    const values = analysis.model?.root.entries?.get('inputs')?.entries?.get(here.id)?.entries;
    const item = values?.get('values')?.items?.find((v) => v.value === written);
    if (item) return [unquotedSpan(analysis.parsed.text, item.span)];
  }
  return occurrencesOf(analysis)
    .filter((o) => o.role === 'definition' && sameSymbol(o, here))
    .map((o) => o.nameSpan);
}
