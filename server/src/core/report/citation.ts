// How a citation is written wherever one is shown (the audit report, the FHIR export, hover):
// the year after the source, unless the source already gives it.
/**
 * The year a citation prints after its source, or undefined when it prints none: the year
 * is left out when the source already gives it ("Ann Intern Med. 2017;166(7):514-530"), so
 * a citation never reads "… 2017 … 2017". The audit report, the FHIR export and hover all
 * ask here, so a citation is written the same way everywhere.
 */
export function citationYear(
  source: string | undefined,
  year: string | undefined,
): string | undefined {
  const shown = year?.trim();
  if (!shown) return undefined;
  if (source === undefined) return shown;
  // The year as a number of its own in the source, not digits inside a page or volume.
  const given = [...source.matchAll(/\d+/g)].some((m) => m[0] === shown);
  return given ? undefined : shown;
}

/**
 * What a citation that names no reference read here says after its id, the same in every
 * output: a cite that a bibliography not read may answer (a missing file; the editor, which
 * does not read bibliographies yet) is not called missing.
 */
export function missingCitationWords(citation: { readonly unread?: boolean }): string {
  return citation.unread === true ? 'not read from the bibliography' : 'no such reference';
}
