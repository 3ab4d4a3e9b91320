// The one door to citation-js, the maintained library that reads BibTeX/BibLaTeX and RIS as
// reference managers export them (TeX accents to Unicode, @string and month macros, BibLaTeX's
// field names) and maps each entry to CSL-JSON. Every call names its input format, so citation-js
// never guesses one (it could take a text for an address to fetch).
import { logger, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';

/** One entry of a BibTeX file as read, before it is mapped: its type, key and fields. */
export interface RawBibtexEntry {
  readonly type: string;
  readonly label: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** Where a BibTeX or RIS text stops being readable, as citation-js says it. */
export class BibliographySyntaxError extends Error {
  constructor(
    message: string,
    /** 1-based, when citation-js names the line. */
    readonly line: number | undefined,
  ) {
    super(message);
  }
}

/** Token names of citation-js's BibTeX reader, in the words of the file. */
const TOKENS: Readonly<Record<string, string>> = {
  rbrace: 'a closing brace "}"',
  lbrace: 'an opening brace "{"',
  comma: 'a comma',
  equals: '"="',
  identifier: 'a field name',
  label: "the entry's key",
  dataEntryType: 'an entry type such as article',
  quote: 'a quote',
  number: 'a number',
  hash: '"#"',
  text: 'text',
  EOF: 'the end of the file',
};

function words(token: string | undefined): string {
  return token === undefined ? 'something else' : (TOKENS[token] ?? `"${token}"`);
}

/** citation-js's message about a syntax error, said plainly: what was expected and where. */
function syntaxError(error: unknown): BibliographySyntaxError {
  const message = error instanceof Error ? error.message : String(error);
  const where = /at line (\d+) col (\d+)/.exec(message);
  const what = /expected "(\w+)", got (?:"(\w+)"|(EOF))/.exec(message);
  const line = where ? Number(where[1]) : undefined;
  const said = what
    ? `${words(what[1])} was expected but ${words(what[2] ?? what[3])} was found`
    : (message.split('\n')[0] ?? message).trim();
  // A field after a field with no comma between them: the commonest slip.
  const hint =
    what?.[1] === 'rbrace' && what[2] === 'identifier'
      ? ' (is a comma missing at the end of the field before it?)'
      : '';
  const place = where ? `on line ${where[1]}, column ${where[2]}, ` : '';
  return new BibliographySyntaxError(`${place}${said}${hint}`, line);
}

/** What citation-js logs while it reads is of no use here; it would only pile up. */
function forgetLog(): void {
  logger._log.length = 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The entries of a BibTeX/BibLaTeX text, in order; throws BibliographySyntaxError. */
export function readBibtexEntries(text: string): RawBibtexEntry[] {
  let raw: unknown;
  try {
    raw = plugins.input.chainLink(text, { forceType: '@biblatex/text' });
  } catch (error) {
    throw syntaxError(error);
  } finally {
    forgetLog();
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry): RawBibtexEntry[] =>
    isRecord(entry) &&
    typeof entry['label'] === 'string' &&
    typeof entry['type'] === 'string' &&
    isRecord(entry['properties'])
      ? [{ type: entry['type'], label: entry['label'], properties: entry['properties'] }]
      : [],
  );
}

/** One BibTeX entry as a CSL-JSON item; undefined when citation-js cannot map it. */
export function bibtexEntryToCsl(entry: RawBibtexEntry): Record<string, unknown> | undefined {
  try {
    const items = plugins.input.chainLink(entry, { forceType: '@biblatex/entry+object' });
    const first: unknown = Array.isArray(items) ? items[0] : undefined;
    return isRecord(first) ? first : undefined;
  } catch {
    return undefined;
  } finally {
    forgetLog();
  }
}

/** A RIS record's database (DB, or DP the provider) names PubMed or MEDLINE. */
const FROM_PUBMED = /\b(pubmed|medline|nlm)\b/i;

/**
 * A RIS record's PubMed id: its accession number (AN) when the record says it comes from
 * PubMed or MEDLINE, as Ovid's and PubMed's exports write it. citation-js leaves AN out.
 */
function risPmid(record: Record<string, unknown>): string | undefined {
  const accession = record['AN'];
  const from = [record['DB'], record['DP']].filter((value) => typeof value === 'string');
  if (typeof accession !== 'string' || !from.some((value) => FROM_PUBMED.test(value))) {
    return undefined;
  }
  return /^\s*\d+\s*$/.test(accession) ? accession.trim() : undefined;
}

/** The records of a RIS text as CSL-JSON items, in order; throws BibliographySyntaxError. */
export function readRisItems(text: string): Record<string, unknown>[] {
  let items: unknown;
  let records: unknown;
  try {
    items = plugins.input.chain(text, { forceType: '@ris/file', generateGraph: false });
    // The records as written, for what the mapping leaves out (one per item, in order).
    if (Array.isArray(items) && items.length > 0) {
      records = plugins.input.chainLink(text, { forceType: '@ris/file' });
    }
  } catch (error) {
    throw syntaxError(error);
  } finally {
    forgetLog();
  }
  if (!Array.isArray(items)) return [];
  const written = Array.isArray(records) && records.length === items.length ? records : [];
  return items.flatMap((item: unknown, at) => {
    if (!isRecord(item)) return [];
    const record: unknown = written[at];
    const pmid = isRecord(record) ? risPmid(record) : undefined;
    return [pmid !== undefined && item['PMID'] === undefined ? { ...item, PMID: pmid } : item];
  });
}
