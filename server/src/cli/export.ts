// `pathway export`: writes a pathway in another standard's form (for now HL7 FHIR).
import { terminalJson, toFhirBundle, type CheckOptions } from '../core';
import { NOT_A_PATHWAY_HELP, printable, readOnePathway, whyNotAPathway } from './files';
import { OUTPUT_HELP, checkOutput, writeOutput } from './output';

export interface ExportOptions {
  readonly fhir?: boolean;
  readonly output?: string;
  readonly base?: string;
}

/** The help text after the options: what the export holds, briefly, and the exit statuses. */
export const EXPORT_HELP = `
--fhir writes the pathway as HL7 FHIR R4 JSON following the Clinical Practice Guidelines
implementation guide (CPG-on-FHIR): one collection Bundle holding
  - the pathway definition (PlanDefinition, cpg-pathwaydefinition, type clinical-protocol):
    url <base>/PlanDefinition/<id>, version, title, status (draft and review -> draft,
    published -> active, retired -> retired), population as usage, every reference as a
    citation; its one action points to
  - the strategy (cpg-strategydefinition, type workflow-definition) holding the steps as
    actions, the start first: "next" as relatedAction before-start; a decision as an action
    whose child actions are its branches, each with an applicability condition, and
    selectionBehavior exactly-one when there is an otherwise, else at-most-one; an end with
    its outcome as the description;
  - the inputs, when the pathway has any: a module definition Library
    (crmi-moduledefinitionlibrary) with one "in" parameter per input, which the strategy
    names in its crmi-effectiveDataRequirements extension;
  - one recommendation definition per recommendation (cpg-recommendationdefinition, type
    eca-rule) with the GRADE strength (strong, or conditional as "weak"), direction and
    certainty as the CPG extensions, the rationale, and its citations with DOI and PubMed links.
Each pathway a "pathway" step uses (read from the folder the command runs in, as check
reads it), and each one those use, is in the bundle once with resources of its own; the
step is an action whose definitionCanonical is that pathway's URL, its "ends" a group of
answers, one per end, each leading where "ends" says, and any other end to "next".
A computable decision's conditions are FHIRPath (language text/fhirpath) over the inputs as
external constants (%age, %\`red-flags\`): for "match: first", each branch's expression also
says that no branch above it applies, and the otherwise that no branch does. Any other
decision's conditions stay words (language text/plain): FHIR carries them, no engine can
evaluate them. docs/fhir.md lists every mapping and what the export cannot carry.

${OUTPUT_HELP}

Exit status:
  0  written
  1  ${NOT_A_PATHWAY_HELP}
  2  bad usage, or a file that cannot be read or written

Examples:
  pathway export --fhir examples/brlp-manipulation.pathway.yaml > brlp.fhir.json
  pathway export --fhir guideline.pathway.yaml -o guideline.fhir.json --base https://example.net/fhir`;

/** `pathway export`: the pathway in another standard's form (for now FHIR). Returns the exit status. */
export async function runExport(
  file: string,
  options: ExportOptions,
  checkOptions: CheckOptions = {},
): Promise<number> {
  if (!options.fhir) {
    process.stderr.write(
      'pathway: say which form to export, e.g. "pathway export --fhir FILE" (run "pathway export --help")\n',
    );
    return 2;
  }
  if (options.base !== undefined && !/^https?:\/\/[^\s/]+(\/\S*)?$/.test(options.base)) {
    process.stderr.write(
      `pathway: --base must be an http(s) URL such as https://example.net/fhir (got "${options.base}")\n`,
    );
    return 2;
  }
  if (checkOutput(options.output, [file]) !== 0) return 2;
  const analysis = readOnePathway(file, checkOptions);
  if (!analysis) return 2;
  const notAPathway = whyNotAPathway(analysis);
  if (notAPathway !== undefined) {
    process.stderr.write(`pathway: cannot export "${printable(file)}": ${notAPathway}\n`);
    return 1;
  }
  const errors = analysis.findings.filter((finding) => finding.severity === 'error').length;
  if (errors > 0) {
    process.stderr.write(
      `pathway: note: "${printable(file)}" has ${errors} error${errors === 1 ? '' : 's'} (see "pathway check"); the export carries what could be read\n`,
    );
  }
  const json = `${terminalJson(toFhirBundle(analysis, options.base ? { base: options.base } : {}))}\n`;
  return writeOutput(options.output, json, [file]);
}
