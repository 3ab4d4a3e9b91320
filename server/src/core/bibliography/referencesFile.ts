// A references file (`*.references.yaml`) as a bibliography: its `references`, read as a
// pathway's own are. Its mistakes are its own file's findings (see analyzeReferencesFile); here
// only a file whose YAML does not parse is unreadable.
import { buildModel } from '../model/pathway';
import { parsePathwayText } from '../parse/parse';
import type { BibliographyEntry, BibliographyRead } from './read';

/** Reads a references file's text. */
export function readReferencesText(text: string): BibliographyRead {
  const parsed = parsePathwayText(text);
  const first = parsed.syntax[0];
  if (first) {
    const line = parsed.lines.positionAt(first.span.start).line + 1;
    const why = `its YAML does not parse on line ${line} (the problem is reported in that file)`;
    return { unreadable: { format: 'references', why, parsed } };
  }
  const entries = new Map<string, BibliographyEntry>();
  if (parsed.tree) {
    for (const reference of buildModel(parsed.tree.root).references.values()) {
      entries.set(reference.id, {
        id: reference.id,
        fields: reference.fields,
        span: reference.keySpan,
      });
    }
  }
  return {
    bibliography: { format: 'references', lines: parsed.lines, entries, broken: [], parsed },
  };
}
