// A reference as a bibliography gives it, read from a CSL-JSON item (what reference managers
// export, and what citation-js makes of BibTeX and RIS): its title, source, year, DOI, PubMed
// id and web address, with the malformed ones left out and said why.
import { REFERENCE_PATTERNS } from '../schema/vocabulary';

/** The fields of a reference, as a pathway's `references` would write them. */
export type ReferenceFields = {
  readonly title?: string;
  readonly source?: string;
  readonly year?: number;
  readonly doi?: string;
  readonly pmid?: string;
  readonly url?: string;
};

/** A field an entry gave in a form the format does not take, left out. */
export interface DroppedField {
  readonly field: 'year' | 'doi' | 'pmid' | 'url';
  readonly value: string;
}

export interface MappedReference {
  readonly fields: ReferenceFields;
  readonly dropped: readonly DroppedField[];
}

/** Markup CSL allows in its text (`<i>`, `<b>`, `<sup>`, `<sub>`, `<span class="nocase">`). */
const CSL_MARKUP = /<\/?(?:i|b|sup|sub|sc|span)(?:\s[^<>]*)?>/gi;

/** A text field as plain text on one line; undefined when absent or blank. */
function plain(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const text = value.replace(CSL_MARKUP, '').replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** The first `date-parts` year of a CSL date, or its text when it has no parts. */
function yearOf(issued: unknown): { year?: number; written?: string } {
  if (typeof issued !== 'object' || issued === null) return {};
  const date = issued as Record<string, unknown>;
  const parts = date['date-parts'];
  const first =
    Array.isArray(parts) && Array.isArray(parts[0]) ? (parts[0] as unknown[])[0] : undefined;
  const written = plain(first) ?? plain(date['raw']) ?? plain(date['literal']);
  if (written === undefined) return {};
  return /^\d{1,4}$/.test(written) && Number(written) > 0
    ? { year: Number(written), written }
    : { written };
}

/** A page range written with a hyphen, as citations write it (`514--530` → `514-530`). */
function pages(value: unknown): string | undefined {
  return plain(value)?.replace(/\s*(?:--|–|—)\s*/g, '-');
}

/**
 * The citation a journal article is cited by: `Journal. Year;Volume(Issue):Pages`, each part
 * left out when unknown; no journal, no source.
 */
export function sourceOf(parts: {
  readonly journal: string | undefined;
  readonly year: number | undefined;
  readonly volume: string | undefined;
  readonly issue: string | undefined;
  readonly pages: string | undefined;
}): string | undefined {
  const { journal, year, volume, issue } = parts;
  if (journal === undefined) return undefined;
  const volumeIssue = `${volume ?? ''}${issue !== undefined ? `(${issue})` : ''}`;
  let rest = year !== undefined ? String(year) : '';
  if (volumeIssue !== '') rest = rest !== '' ? `${rest};${volumeIssue}` : volumeIssue;
  if (parts.pages !== undefined) rest = rest !== '' ? `${rest}:${parts.pages}` : parts.pages;
  const name = journal.replace(/\.$/, '');
  return rest === '' ? name : `${name}. ${rest}`;
}

/** A CSL-JSON item (one object of the list) as a reference's fields. */
export function referenceFromCsl(item: Readonly<Record<string, unknown>>): MappedReference {
  const dropped: DroppedField[] = [];
  const checked = (field: 'doi' | 'pmid' | 'url', value: unknown): string | undefined => {
    const written = plain(value);
    if (written === undefined) return undefined;
    if (REFERENCE_PATTERNS[field].test(written)) return written;
    dropped.push({ field, value: written });
    return undefined;
  };
  const date = yearOf(item['issued']);
  if (date.year === undefined && date.written !== undefined) {
    dropped.push({ field: 'year', value: date.written });
  }
  const title = plain(item['title']);
  const source = sourceOf({
    journal: plain(item['container-title']),
    year: date.year,
    volume: plain(item['volume']),
    issue: plain(item['issue']),
    pages: pages(item['page']),
  });
  const doi = checked('doi', item['DOI']);
  const pmid = checked('pmid', item['PMID']);
  const url = checked('url', item['URL']);
  const fields: ReferenceFields = {
    ...(title !== undefined ? { title } : {}),
    ...(source !== undefined ? { source } : {}),
    ...(date.year !== undefined ? { year: date.year } : {}),
    ...(doi !== undefined ? { doi } : {}),
    ...(pmid !== undefined ? { pmid } : {}),
    ...(url !== undefined ? { url } : {}),
  };
  return { fields, dropped };
}

/** Why a reference cannot be cited, in words; undefined when it can (a title and a way to find it). */
export function whyNotCitable(fields: ReferenceFields): 'no-title' | 'untraceable' | undefined {
  if (fields.title === undefined) return 'no-title';
  if (
    fields.source === undefined &&
    fields.doi === undefined &&
    fields.pmid === undefined &&
    fields.url === undefined
  ) {
    return 'untraceable';
  }
  return undefined;
}
