// The `invalid-bibliography` rule: a bibliography that cannot be read in the format of its
// name, or one of its entries that gives no reference (a BibTeX or CSL-JSON entry with no
// title, none of journal, DOI, PubMed id or web address, or the key of an earlier entry).
import type { BrokenEntry } from '../bibliography/read';
import type { DroppedField } from '../bibliography/reference';
import type { BibliographyItem, ItemState } from '../bibliography/sources';
import type { RawFinding } from '../types';
import { CITES_ON_HOLD, formatWords, itemName } from './bibliographyWords';
import { quote, type Check } from './rule';

const DROPPED_WORDS: Readonly<Record<DroppedField['field'], string>> = {
  doi: 'is not a DOI such as 10.7326/M16-2367',
  pmid: 'is not a PubMed id, which is digits only',
  url: 'is not a web address starting with http:// or https://',
  year: 'is not a year',
};

/** The ways to find the work that were given in a form the checker does not read. */
function droppedWords(dropped: readonly DroppedField[]): string {
  const traceable = dropped.filter((field) => field.field !== 'year');
  if (traceable.length === 0) return '';
  const parts = traceable.map(
    (field) => `its ${field.field} ${quote(field.value)} ${DROPPED_WORDS[field.field]}`,
  );
  const last = parts.pop() ?? '';
  const all = parts.length > 0 ? `${parts.join(', ')} and ${last}` : last;
  return ` ${all.charAt(0).toUpperCase()}${all.slice(1)}, so ${traceable.length === 1 ? 'it was' : 'they were'} left out.`;
}

/** An entry as a message names it: by its key, else by its place and title. */
function entryName(entry: BrokenEntry): string {
  if (entry.id !== undefined) return `Entry ${quote(entry.id)}`;
  const title = entry.title !== undefined ? ` (${quote(entry.title)})` : '';
  return `Item ${entry.index}${title}`;
}

function brokenMessage(item: BibliographyItem, entry: BrokenEntry): string {
  const name = entryName(entry);
  const file = itemName(item);
  const problem = entry.problem;
  switch (problem.kind) {
    case 'no-title':
      return `${name} of ${file} has no title, so it cannot be cited. Add its title (in the reference manager, then export again).`;
    case 'untraceable':
      return `${name} of ${file} cannot be traced: it has no journal, DOI, PubMed id or web address.${droppedWords(problem.dropped)} Add one of them, so that readers can find the work.`;
    case 'repeated':
      return `${name} appears a second time in ${file} (first on line ${problem.firstLine}); the first is used and this one is ignored. Remove the repeat, or give it a key of its own.`;
    case 'no-id':
      return `${name} of ${file} has no "id", so no step can cite it. Give it an id (its citation key).`;
    case 'not-an-item':
      return `${name} of ${file} is ${problem.what}, not a reference: each item of a CSL-JSON list is an object with an id and a title.`;
    case 'unmappable':
      return `${name} of ${file} could not be read as a reference. Check it in the reference manager and export it again.`;
  }
}

function unreadableMessage(
  item: BibliographyItem,
  state: Extract<ItemState, { kind: 'invalid' }>,
): string {
  const name = itemName(item);
  const { format, why } = state.unreadable;
  if (format === undefined) {
    const hint = /\.ris$/i.test(item.written ?? '')
      ? ' Turn a RIS export into a references file with "pathway references import".'
      : /\.ya?ml$/i.test(item.written ?? '')
        ? ' A references file is named *.references.yaml.'
        : '';
    return `${name} is not a bibliography the checker can read: name a references file (*.references.yaml), a BibTeX file (*.bib) or a CSL-JSON file (*.json).${hint} ${CITES_ON_HOLD}`;
  }
  const own = format === 'references' ? ' (its own problems are reported in that file)' : '';
  return `The ${formatWords(format)} ${name} cannot be read: ${why}${own}. ${CITES_ON_HOLD}`;
}

export const invalidBibliography: Check = {
  run: ({ sources }) =>
    sources.items.flatMap((item): RawFinding[] => {
      const state = item.state;
      const span = item.node.span;
      if (state.kind === 'invalid') {
        return [{ code: 'invalid-bibliography', message: unreadableMessage(item, state), span }];
      }
      if (state.kind !== 'read') return [];
      return state.bibliography.broken.map((entry) => ({
        code: 'invalid-bibliography',
        message: brokenMessage(item, entry),
        span,
      }));
    }),
};
