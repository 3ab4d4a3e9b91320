// What a cite resolved by a bibliography leads to in another file, as plain data: the entry
// it names (a references file's key, a BibTeX entry's key line, a CSL item's id), and the
// cites of a references file's reference in a pathway that reads that file.
import type { Analysis } from '../analysis';
import type { BibliographyFormat } from '../bibliography/read';
import { occurrenceAt, type Occurrence } from '../model/symbols';
import type { Range, Span } from '../types';
import { occurrencesOf } from './occurrences';

/** A place in another file of the root. */
export interface FileSpot {
  /** The file's path from the root, written with `/`. */
  readonly path: string;
  readonly format: BibliographyFormat;
  readonly id: string;
  readonly span: Span;
  readonly range: Range;
}

/** The reference id written at an offset (a cite, or a reference's own key). */
export function referenceAt(analysis: Analysis, offset: number): Occurrence | undefined {
  const here = occurrenceAt(occurrencesOf(analysis), offset);
  return here?.kind === 'reference' ? here : undefined;
}

/**
 * The bibliography entry a reference id of the pathway resolves to; undefined when the
 * pathway's own references define it, or no bibliography read does.
 */
export function bibliographyEntryOf(analysis: Analysis, id: string): FileSpot | undefined {
  const resolved = analysis.sources.resolve(id);
  if (resolved?.origin.kind !== 'bibliography') return undefined;
  const { item, entry } = resolved.origin;
  if (item.path === undefined || item.state.kind !== 'read') return undefined;
  const { bibliography } = item.state;
  return {
    path: item.path,
    format: bibliography.format,
    id,
    span: entry.span,
    range: bibliography.lines.rangeOf(entry.span),
  };
}

/**
 * The cites of a pathway that resolve to the reference `id` of the bibliography at `path`
 * (a path from the root): what a rename of that reference must change with it.
 */
export function citesOfEntry(analysis: Analysis, path: string, id: string): Occurrence[] {
  if (bibliographyEntryOf(analysis, id)?.path !== path) return [];
  return occurrencesOf(analysis).filter(
    (o) => o.kind === 'reference' && o.id === id && o.role === 'use',
  );
}

/** Whether the pathway names the bibliography at `path` (a path from the root). */
export function readsBibliography(analysis: Analysis, path: string): boolean {
  return analysis.sources.items.some((item) => item.path === path);
}
