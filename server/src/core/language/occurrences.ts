// The id definitions and uses of an analysis, found once and shared by hover, rename and
// navigation.
import type { Analysis } from '../analysis';
import { collectOccurrences, type Occurrence } from '../model/symbols';

const byAnalysis = new WeakMap<Analysis, readonly Occurrence[]>();

/** Every id definition and use of an analysis, computed once per analysis. */
export function occurrencesOf(analysis: Analysis): readonly Occurrence[] {
  let found = byAnalysis.get(analysis);
  if (!found) {
    found = analysis.model ? collectOccurrences(analysis.model, analysis.parsed.text) : [];
    byAnalysis.set(analysis, found);
  }
  return found;
}

export function sameSymbol(a: Occurrence, b: Occurrence): boolean {
  return a.kind === b.kind && a.id === b.id;
}
