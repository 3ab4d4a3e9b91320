// Go to definition and find all references for step and reference ids.
import type { Location } from 'vscode-languageserver';
import { occurrenceAt, type Analysis } from '../../core';
import { occurrencesOf, sameSymbol } from '../../core/language';
import { toRange } from '../convert';

/** Go to definition: from a link or citation to the step or reference it names. */
export function definition(analysis: Analysis, uri: string, offset: number): Location[] {
  const all = occurrencesOf(analysis);
  const here = occurrenceAt(all, offset);
  if (!here) return [];
  return all
    .filter((o) => o.role === 'definition' && sameSymbol(o, here))
    .map((o) => ({ uri, range: toRange(analysis, o.nameSpan) }));
}

/** Find all references: every use of the id under the cursor (and its definition if asked). */
export function references(
  analysis: Analysis,
  uri: string,
  offset: number,
  includeDeclaration: boolean,
): Location[] {
  const all = occurrencesOf(analysis);
  const here = occurrenceAt(all, offset);
  if (!here) return [];
  return all
    .filter((o) => sameSymbol(o, here) && (includeDeclaration || o.role === 'use'))
    .map((o) => ({ uri, range: toRange(analysis, o.nameSpan) }));
}
