// A bibliography file read in the format its name says: a references file
// (`*.references.yaml`), BibTeX/BibLaTeX (`*.bib`) or CSL-JSON (`*.json`). What every format
// gives is the same: the entries that can be cited, each under its id, and the entries that
// cannot, each with why; or why the whole file cannot be read.
import type { ParsedFile } from '../parse/parse';
import type { LineIndex } from '../text/lineIndex';
import type { Span } from '../types';
import { readBibtex } from './bibtex';
import { readCslJson } from './cslJson';
import {
  whyNotCitable,
  type DroppedField,
  type MappedReference,
  type ReferenceFields,
} from './reference';
import { readReferencesText } from './referencesFile';

export type BibliographyFormat = 'references' | 'bibtex' | 'csl-json';

/** The format a file's name says it holds; undefined for any other name. */
export function bibliographyFormat(path: string): BibliographyFormat | undefined {
  if (/\.references\.ya?ml$/i.test(path)) return 'references';
  if (/\.bib$/i.test(path)) return 'bibtex';
  if (/\.json$/i.test(path)) return 'csl-json';
  return undefined;
}

/** One reference a bibliography gives, under its id. */
export interface BibliographyEntry {
  readonly id: string;
  /** Its fields: as written in a references file, as mapped from a BibTeX or CSL-JSON entry. */
  readonly fields: ReferenceFields | Readonly<Record<string, unknown>>;
  /** Where its id (citation key) is written in the bibliography. */
  readonly span: Span;
  /** Fields of a BibTeX or CSL-JSON entry given in a form the format does not take, left out. */
  readonly dropped?: readonly DroppedField[];
}

/** Why an entry of a BibTeX or CSL-JSON file gives no reference. */
export type EntryProblem =
  | { readonly kind: 'no-title' }
  /** A title but no journal, DOI, PubMed id or web address (malformed ones left out). */
  | { readonly kind: 'untraceable'; readonly dropped: readonly DroppedField[] }
  /** Its key was used by an earlier entry, which is the one used. */
  | { readonly kind: 'repeated'; readonly firstLine: number }
  /** A CSL-JSON item with no `id`: nothing can cite it. */
  | { readonly kind: 'no-id' }
  /** A CSL-JSON item that is not an object; `what` says what it is. */
  | { readonly kind: 'not-an-item'; readonly what: string }
  /** citation-js could not map the entry. */
  | { readonly kind: 'unmappable' };

export interface BrokenEntry {
  /** Its key, when it has one: a cite of it is not reported as unknown. */
  readonly id: string | undefined;
  /** Its place among the file's entries, from 1 (names an entry without a key). */
  readonly index: number;
  /** Its title, when it has one (names an entry without a key). */
  readonly title: string | undefined;
  readonly problem: EntryProblem;
  readonly span: Span;
}

export interface Bibliography {
  readonly format: BibliographyFormat;
  /** Lines of the file, for positions of its entries. */
  readonly lines: LineIndex;
  readonly entries: ReadonlyMap<string, BibliographyEntry>;
  readonly broken: readonly BrokenEntry[];
  /** The references file as parsed, which its own check reuses. */
  readonly parsed?: ParsedFile;
}

export interface UnreadableBibliography {
  /** Undefined for a file whose name says no format. */
  readonly format: BibliographyFormat | undefined;
  /** Why, completing "… cannot be read: "; says where when it can. */
  readonly why: string;
  readonly parsed?: ParsedFile;
}

export type BibliographyRead =
  { readonly bibliography: Bibliography } | { readonly unreadable: UnreadableBibliography };

/** Reads a bibliography's text in the format of its name (see bibliographyFormat). */
export function readBibliography(path: string, text: string): BibliographyRead {
  const format = bibliographyFormat(path);
  switch (format) {
    case 'references':
      return readReferencesText(text);
    case 'bibtex':
      return readBibtex(text);
    case 'csl-json':
      return readCslJson(text);
    case undefined:
      return { unreadable: { format, why: 'its name says no bibliography format' } };
  }
}

/** Entries found in order, the first of each key kept and every repeat a broken entry. */
export class EntryList {
  readonly entries = new Map<string, BibliographyEntry>();
  readonly broken: BrokenEntry[] = [];
  private readonly seen = new Map<string, Span>();

  constructor(readonly lines: LineIndex) {}

  /**
   * False when the key was used before (the repeat is then recorded as broken). `index` is the
   * entry's place in the file, from 1.
   */
  claim(id: string, span: Span, index: number, title: string | undefined): boolean {
    const first = this.seen.get(id);
    if (first) {
      const firstLine = this.lines.positionAt(first.start).line + 1;
      this.broken.push({ id, index, title, problem: { kind: 'repeated', firstLine }, span });
      return false;
    }
    this.seen.set(id, span);
    return true;
  }

  add(entry: BibliographyEntry): void {
    this.entries.set(entry.id, entry);
  }

  addBroken(entry: BrokenEntry): void {
    this.broken.push(entry);
  }

  /** An entry mapped to a reference: added, or broken when it cannot be cited. */
  addMapped(id: string, index: number, mapped: MappedReference, span: Span): void {
    const { fields, dropped } = mapped;
    const why = whyNotCitable(fields);
    if (why === undefined) {
      this.add({ id, fields, span, ...(dropped.length > 0 ? { dropped } : {}) });
      return;
    }
    const problem: EntryProblem =
      why === 'no-title' ? { kind: 'no-title' } : { kind: 'untraceable', dropped };
    this.addBroken({ id, index, title: fields.title, problem, span });
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A text without its byte order mark, as offsets into it count. */
export function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}
