// Go to definition and find all references for step ids, reference ids and inputs.
import type { Location } from 'vscode-languageserver';
import { occurrenceAt, type Analysis } from '../../core';
import {
  bibliographyEntryOf,
  definitionSpans,
  namesSymbol,
  occurrencesOf,
  sameSymbol,
} from '../../core/language';
import { toRange } from '../convert';

/**
 * Go to definition: from a link, citation or input name to what it names; from a cite that a
 * bibliography resolves, to its entry in that file. `uriOf` gives the URI of a path from the
 * document's root.
 */
export function definition(
  analysis: Analysis,
  uri: string,
  offset: number,
  uriOf: (path: string) => string | undefined = () => undefined,
): Location[] {
  const here = occurrenceAt(occurrencesOf(analysis), offset);
  if (!here) return [];
  if (here.kind === 'reference' && here.role === 'use') {
    const entry = bibliographyEntryOf(analysis, here.id);
    const target = entry && uriOf(entry.path);
    if (entry && target !== undefined) return [{ uri: target, range: entry.range }];
  }
  return definitionSpans(analysis, here).map((span) => ({ uri, range: toRange(analysis, span) }));
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
    .filter(
      (o) => sameSymbol(o, here) && namesSymbol(o) && (includeDeclaration || o.role === 'use'),
    )
    .map((o) => ({ uri, range: toRange(analysis, o.nameSpan) }));
}
