// How messages name a bibliography and its entries, and what they add about the cites it
// cannot answer for while it is unread.
import type { BibliographyFormat } from '../bibliography/read';
import type { BibliographyItem } from '../bibliography/sources';
import { quote } from './rule';

/** The item's path as written, in quotes. */
export function itemName(item: BibliographyItem): string {
  return quote(item.written ?? '');
}

/** What kind of file a format is, in words. */
export function formatWords(format: BibliographyFormat): string {
  switch (format) {
    case 'references':
      return 'references file';
    case 'bibtex':
      return 'BibTeX file';
    case 'csl-json':
      return 'CSL-JSON file';
  }
}

/** Said of every bibliography the checker could not read: why no cite is reported unknown. */
export const CITES_ON_HOLD =
  'Until it can be read, cites that no other source holds are not reported as unknown.';
