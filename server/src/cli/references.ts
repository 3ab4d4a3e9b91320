// `pathway references import`: turns reference-manager exports (BibTeX, CSL-JSON, RIS) into one
// references file that pathways can name under `bibliography`.
import { formatSize, maxFileSizeOf, type CheckOptions } from '../core';
import { importFormat, importReferences, type ImportInput } from '../core/bibliography/import';
import { isReferencesFileName } from '../../../shared/pathwayFiles';
import { printable, readText } from './files';
import { checkOutput, writeOutput } from './output';

export const REFERENCES_IMPORT_HELP = `
Reads the reference-manager exports named (BibTeX or BibLaTeX .bib, CSL-JSON .json, RIS
.ris) and writes one references file: each entry under its citation key (a RIS record
without an ID gets the first author's family name and the year, e.g. qaseem-2017), with
its title, source (Journal. Year;Volume(Issue):Pages), year, DOI, PubMed id and web address,
sorted by id. Entries with the same DOI or PubMed id are one work: they are merged into the
first (its values win; the others fill what it lacks), and each merge is said on stderr. A
DOI, PubMed id, web address or year in a form the format does not take is left out, with a
note; an entry with no title, or with none of journal, DOI, PubMed id and web address, is
not imported, with a note. An id repeated for another work gets a letter (2017b), and an
id with characters an id cannot hold is rewritten, each with a note.

A RIS record's accession number (AN) is read as its PubMed id when the record says it comes
from PubMed or MEDLINE (DB or DP), as Ovid and PubMed exports do.

-o names the file to write, whose name must end in .references.yaml or .references.yml;
without it the file goes to standard output. The output is written whole or not at all.
--title gives the file its title (what the group calls this evidence base).

Exit status:
  0  written, every entry imported
  1  written, but some entries could not be imported (each is named on stderr)
  2  bad usage, or an export that cannot be read or parsed (nothing is written)

Examples:
  pathway references import zotero.bib -o shared/lbp.references.yaml
  pathway references import group.json pubmed.ris -o shared/lbp.references.yaml
  pathway references import zotero.bib --title "Low back pain evidence" -o lbp.references.yaml
`;

function say(message: string): void {
  process.stderr.write(`pathway: ${message}\n`);
}

/** `pathway references import`: returns the exit status. */
export async function runReferencesImport(
  files: readonly string[],
  { output, title }: { readonly output?: string; readonly title?: string },
  options: CheckOptions = {},
): Promise<number> {
  if (title !== undefined && title.trim() === '') {
    say('--title: give the references file a title with words in it, or leave the option out');
    return 2;
  }
  if (output !== undefined && output !== '-' && !isReferencesFileName(output)) {
    say(
      `-o "${printable(output)}": a references file's name ends in .references.yaml (or .references.yml), so that pathways can name it under bibliography`,
    );
    return 2;
  }
  if (checkOutput(output, files) !== 0) return 2;
  const inputs: ImportInput[] = [];
  for (const file of files) {
    const format = importFormat(file);
    if (format === undefined) {
      say(
        `cannot import "${printable(file)}": give BibTeX (.bib), CSL-JSON (.json) or RIS (.ris) exports`,
      );
      return 2;
    }
    const read = readText(file, maxFileSizeOf(options));
    if ('problem' in read) {
      say(read.problem);
      return 2;
    }
    if ('tooLarge' in read) {
      say(
        `cannot import "${printable(file)}": it is ${formatSize(read.tooLarge)}, more than the ${formatSize(maxFileSizeOf(options))} the command reads (--max-file-size raises the limit)`,
      );
      return 2;
    }
    for (const note of read.notes) say(note);
    inputs.push({ name: printable(file), format, text: read.text });
  }
  let result;
  try {
    result = importReferences(inputs, title);
  } catch (error) {
    say(error instanceof Error ? printable(error.message) : String(error));
    return 2;
  }
  for (const note of result.notes) say(printable(note));
  const status = await writeOutput(output, result.text, files);
  if (status !== 0) return status;
  return result.skipped > 0 ? 1 : 0;
}
