// `pathway references import`: reference-manager exports (BibTeX, CSL-JSON, RIS) turned into
// one references file, one reference per work (entries with one DOI or PubMed id merged), the
// ids kept, sorted, each change said in words.
import { Document } from 'yaml';
import { ID_PATTERNS } from '../schema/vocabulary';
import { readBibtex } from './bibtex';
import { BibliographySyntaxError, readRisItems } from './citationJs';
import { readCslJson } from './cslJson';
import type { BibliographyEntry, BrokenEntry } from './read';
import {
  referenceFromCsl,
  whyNotCitable,
  type DroppedField,
  type ReferenceFields,
} from './reference';

export type ImportFormat = 'bibtex' | 'csl-json' | 'ris';

/** The format an export's name says; undefined for any other name. */
export function importFormat(name: string): ImportFormat | undefined {
  if (/\.bib$/i.test(name)) return 'bibtex';
  if (/\.json$/i.test(name)) return 'csl-json';
  if (/\.ris$/i.test(name)) return 'ris';
  return undefined;
}

export interface ImportInput {
  /** The file's name as the user gave it, for messages. */
  readonly name: string;
  readonly format: ImportFormat;
  readonly text: string;
}

interface Entry {
  readonly id: string | undefined;
  /** The first author's family name, which names a work that has no id. */
  readonly author?: string;
  /** Its place in its file, from 1 (names an entry without an id). */
  readonly index: number;
  readonly fields: ReferenceFields;
  readonly dropped: readonly DroppedField[];
}

export interface ImportResult {
  /** The references file, as YAML. */
  readonly text: string;
  readonly count: number;
  /** What was merged, renamed, left out or skipped, one line each. */
  readonly notes: readonly string[];
  /** How many entries could not be imported (each has a note). */
  readonly skipped: number;
}

function quoted(text: string): string {
  return JSON.stringify(text);
}

const DROPPED: Readonly<Record<DroppedField['field'], string>> = {
  doi: 'a DOI',
  pmid: 'a PubMed id',
  url: 'a web address',
  year: 'a year',
};

/** Why an entry cannot be traced, with the ways to find it given in a form not taken. */
function untraceable(dropped: readonly DroppedField[]): string {
  const given = dropped
    .filter((field) => field.field !== 'year')
    .map((field) => `its ${field.field} ${quoted(field.value)} is not ${DROPPED[field.field]}`);
  const which = given.length > 0 ? ` (${given.join('; ')})` : '';
  return `it has no journal, DOI, PubMed id or web address${which}`;
}

function brokenWords(entry: BrokenEntry): string {
  switch (entry.problem.kind) {
    case 'no-title':
      return 'it has no title';
    case 'untraceable':
      return untraceable(entry.problem.dropped);
    case 'repeated':
      return `its key repeats the entry on line ${entry.problem.firstLine}, which is kept`;
    case 'no-id':
      return 'it has no id';
    case 'not-an-item':
      return `it is ${entry.problem.what}, not a reference`;
    case 'unmappable':
      return 'it cannot be read as a reference';
  }
}

/** An entry as a note names it: by its id, else by its place and the start of its title. */
function entryName(file: string, id: string | undefined, index: number, title?: string): string {
  if (id !== undefined) return `${file}: ${quoted(id)}`;
  const words =
    title !== undefined ? ` (${quoted(title.length > 60 ? `${title.slice(0, 59)}…` : title)})` : '';
  return `${file}: entry ${index}${words}`;
}

/** What an export with no entry at all most likely is, in words. */
const NOTHING: Readonly<Record<ImportFormat, string>> = {
  bibtex: 'it holds no entries (such as @article{key, …})',
  'csl-json': 'it holds an empty list',
  ris: 'it holds no records (each starts with a "TY  - " line)',
};

/**
 * The entries of one export; throws BibliographySyntaxError (with why) when it cannot be read,
 * or holds nothing at all (a file of another kind, most likely).
 */
function entriesOf(input: ImportInput, notes: string[]): { entries: Entry[]; skipped: number } {
  const read = entriesIn(input, notes);
  if (read.entries.length === 0 && read.skipped === 0) {
    throw new BibliographySyntaxError(NOTHING[input.format], undefined);
  }
  return read;
}

function entriesIn(input: ImportInput, notes: string[]): { entries: Entry[]; skipped: number } {
  if (input.format === 'ris') {
    const entries: Entry[] = [];
    let skipped = 0;
    readRisItems(input.text).forEach((item, at) => {
      const { fields, dropped } = referenceFromCsl(item);
      const id = typeof item['id'] === 'string' && item['id'] !== '' ? item['id'] : undefined;
      const authors = item['author'];
      const first: unknown = Array.isArray(authors) ? authors[0] : undefined;
      const family =
        typeof first === 'object' && first !== null
          ? (first as Record<string, unknown>)['family']
          : undefined;
      const why = whyNotCitable(fields);
      if (why !== undefined) {
        skipped++;
        const words = why === 'no-title' ? 'it has no title' : untraceable(dropped);
        notes.push(`${entryName(input.name, id, at + 1, fields.title)} not imported: ${words}`);
        return;
      }
      const author = typeof family === 'string' ? family : undefined;
      entries.push({ id, index: at + 1, fields, dropped, ...(author ? { author } : {}) });
    });
    return { entries, skipped };
  }
  const read = input.format === 'bibtex' ? readBibtex(input.text) : readCslJson(input.text);
  if ('unreadable' in read) throw new BibliographySyntaxError(read.unreadable.why, undefined);
  const { bibliography } = read;
  for (const entry of bibliography.broken) {
    notes.push(
      `${entryName(input.name, entry.id, entry.index, entry.title)} not imported: ${brokenWords(entry)}`,
    );
  }
  const entries = [...bibliography.entries.values()].map((entry: BibliographyEntry, at) => ({
    id: entry.id,
    index: at + 1,
    fields: entry.fields,
    dropped: entry.dropped ?? [],
  }));
  return { entries, skipped: bibliography.broken.length };
}

/** One work, from one or more entries. */
interface Work {
  readonly id: string;
  /** Where its first entry came from, for messages. */
  readonly from: string;
  readonly index: number;
  fields: ReferenceFields;
}

/** Fields of `b` that `a` lacks, added to `a`: the first entry's values win. */
function filled(a: ReferenceFields, b: ReferenceFields): ReferenceFields {
  return { ...b, ...a };
}

const DOI_KEY = (doi: string): string => doi.toLowerCase();

/** An id a references file takes, from one it may not (`Smith+2017` → `Smith-2017`). */
function validId(id: string): string {
  return id
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9_.:-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .replace(/-+$/, '');
}

/** An id for a work that has none (a RIS record): the first author's family name and the year. */
function madeId(fields: ReferenceFields, author: string | undefined): string {
  const who = author ?? fields.title?.split(/\s+/)[0] ?? 'ref';
  const made = validId(who.toLowerCase());
  return `${made === '' ? 'ref' : made}${fields.year !== undefined ? `-${fields.year}` : ''}`;
}

function byId(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** The references file's text: `references` with each work under its id, in id order. */
function yamlOf(
  works: readonly { id: string; fields: ReferenceFields }[],
  title: string | undefined,
): string {
  const references = new Map<string, Map<string, string | number>>();
  for (const { id, fields } of works) {
    const reference = new Map<string, string | number>();
    if (fields.title !== undefined) reference.set('title', fields.title);
    if (fields.source !== undefined) reference.set('source', fields.source);
    if (fields.year !== undefined) reference.set('year', fields.year);
    if (fields.doi !== undefined) reference.set('doi', fields.doi);
    if (fields.pmid !== undefined) {
      // Written as the number it is, as references are written by hand.
      const pmid = Number(fields.pmid);
      reference.set('pmid', Number.isSafeInteger(pmid) ? pmid : fields.pmid);
    }
    if (fields.url !== undefined) reference.set('url', fields.url);
    references.set(id, reference);
  }
  const top = new Map<string, unknown>();
  if (title !== undefined) top.set('title', title);
  top.set('references', references);
  const document = new Document(top);
  return document.toString({ lineWidth: 0 });
}

/**
 * Reads the exports in order and writes one references file, under `title` when given.
 * Throws BibliographySyntaxError naming the export that cannot be read (nothing is written
 * then).
 */
export function importReferences(inputs: readonly ImportInput[], title?: string): ImportResult {
  const notes: string[] = [];
  const works: Work[] = [];
  const byDoi = new Map<string, Work>();
  const byPmid = new Map<string, Work>();
  /** Makes a work's DOI and PubMed id lead to it (the first work to give one keeps it). */
  const index = (work: Work): void => {
    const { doi, pmid } = work.fields;
    if (doi !== undefined && !byDoi.has(DOI_KEY(doi))) byDoi.set(DOI_KEY(doi), work);
    if (pmid !== undefined && !byPmid.has(pmid)) byPmid.set(pmid, work);
  };
  const describe = (work: Work): string => `${quoted(work.id)} (${work.from})`;
  let skipped = 0;
  for (const input of inputs) {
    let read: { entries: Entry[]; skipped: number };
    try {
      read = entriesOf(input, notes);
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new BibliographySyntaxError(`cannot import ${quoted(input.name)}: ${why}`, undefined);
    }
    skipped += read.skipped;
    for (const entry of read.entries) {
      const name = entryName(input.name, entry.id, entry.index, entry.fields.title);
      for (const field of entry.dropped) {
        notes.push(
          `${name}: its ${field.field} ${quoted(field.value)} is not ${DROPPED[field.field]}; left out`,
        );
      }
      const { doi, pmid } = entry.fields;
      const byItsDoi = doi !== undefined ? byDoi.get(DOI_KEY(doi)) : undefined;
      const byItsPmid = pmid !== undefined ? byPmid.get(pmid) : undefined;
      const same = byItsDoi ?? byItsPmid;
      if (!same) {
        const work: Work = {
          id: entry.id ?? madeId(entry.fields, entry.author),
          from: input.name,
          index: entry.index,
          fields: entry.fields,
        };
        works.push(work);
        index(work);
        continue;
      }
      const how = byItsDoi ? `DOI ${doi ?? ''}` : `PubMed id ${pmid ?? ''}`;
      notes.push(`${name} is the same work as ${describe(same)}, by its ${how}: merged into it`);
      same.fields = filled(same.fields, entry.fields);
      // Its DOI names one work and its PubMed id another: they are one work too.
      if (byItsDoi && byItsPmid && byItsPmid !== byItsDoi) {
        notes.push(
          `${describe(byItsPmid)} is the same work as ${describe(byItsDoi)}, by the PubMed id ${pmid ?? ''} of ${name}: merged into it`,
        );
        byItsDoi.fields = filled(byItsDoi.fields, byItsPmid.fields);
        works.splice(works.indexOf(byItsPmid), 1);
        for (const map of [byDoi, byPmid]) {
          for (const [key, work] of map) if (work === byItsPmid) map.set(key, byItsDoi);
        }
      }
      index(same);
    }
  }

  // Ids the format takes, each once: a repeat for another work gets a letter (2017b).
  const taken = new Set<string>();
  const named: { id: string; fields: ReferenceFields }[] = [];
  for (const work of works) {
    const written = work.id;
    let id = ID_PATTERNS.reference.test(written) ? written : validId(written) || 'ref';
    if (id !== written)
      notes.push(
        `${work.from}: the id ${quoted(written)} is written ${quoted(id)}, as reference ids take only letters, digits, "_", ".", ":" and "-"`,
      );
    if (taken.has(id)) {
      // As citations tell apart two works of one author and year: 2017b, 2017c…
      let n = 2;
      const next = (): string => `${id}${n <= 26 ? String.fromCharCode(96 + n) : `-${n}`}`;
      while (taken.has(next())) n++;
      notes.push(
        `${work.from}: ${quoted(id)} names another work already; this one is ${quoted(next())}`,
      );
      id = next();
    }
    taken.add(id);
    named.push({ id, fields: work.fields });
  }
  named.sort((a, b) => byId(a.id, b.id));
  return { text: yamlOf(named, title), count: named.length, notes, skipped };
}
