// A BibTeX/BibLaTeX file as a bibliography: citation-js reads it (a syntax error anywhere makes
// the whole file unreadable) and maps each entry to CSL-JSON, which gives the reference.
import { LineIndex } from '../text/lineIndex';
import type { Span } from '../types';
import {
  bibtexEntryToCsl,
  BibliographySyntaxError,
  readBibtexEntries,
  type RawBibtexEntry,
} from './citationJs';
import { EntryList, escapeRegExp, withoutBom, type BibliographyRead } from './read';
import { referenceFromCsl } from './reference';

/**
 * Where each entry's key is written, in the order of the entries: found by looking for
 * `@type{key,` after the previous one (citation-js gives entries without positions). An entry
 * not found this way (a key written across lines) gets the position of the one before it.
 */
function keySpans(text: string, entries: readonly RawBibtexEntry[]): Span[] {
  const spans: Span[] = [];
  let from = 0;
  let last: Span = { start: 0, end: 0 };
  for (const entry of entries) {
    const pattern = new RegExp(
      `@\\s*[A-Za-z][\\w:+-]*\\s*[{(]\\s*(${escapeRegExp(entry.label)})\\s*,`,
      'g',
    );
    pattern.lastIndex = from;
    const found = pattern.exec(text);
    if (found) {
      const start = found.index + found[0].indexOf(entry.label, found[0].search(/[{(]/));
      last = { start, end: start + entry.label.length };
      from = pattern.lastIndex;
    }
    spans.push(last);
  }
  return spans;
}

/** Reads a `.bib` file's text. */
export function readBibtex(input: string): BibliographyRead {
  const text = withoutBom(input);
  let raw: RawBibtexEntry[];
  try {
    raw = readBibtexEntries(text);
  } catch (error) {
    const why =
      error instanceof BibliographySyntaxError
        ? `it is not valid BibTeX: ${error.message}`
        : 'it is not valid BibTeX';
    return { unreadable: { format: 'bibtex', why } };
  }
  const list = new EntryList(new LineIndex(text));
  const spans = keySpans(text, raw);
  raw.forEach((entry, at) => {
    const span = spans[at] ?? { start: 0, end: 0 };
    const id = entry.label;
    const csl = bibtexEntryToCsl(entry);
    const mapped = csl ? referenceFromCsl(csl) : undefined;
    const title = mapped?.fields.title;
    if (!list.claim(id, span, at + 1, title)) return;
    if (!mapped) {
      list.addBroken({ id, index: at + 1, title, problem: { kind: 'unmappable' }, span });
      return;
    }
    list.addMapped(id, at + 1, mapped, span);
  });
  return {
    bibliography: {
      format: 'bibtex',
      lines: list.lines,
      entries: list.entries,
      broken: list.broken,
    },
  };
}
