// The `schema` rule: what the pathway format's JSON schema says is wrong, plus an empty file,
// a second YAML document, and whole numbers written with a decimal point.
import type { CitationSources } from '../bibliography/sources';
import { validateAgainstSchema, validateReferencesFile } from '../schema/schema';
import { schemaFindings } from '../schema/schemaFindings';
import type { RawFinding } from '../types';
import type { PathwayModel } from '../model/pathway';
import { quote, type Check } from './rule';

/**
 * `pathway: 1.0` or `year: 2017.0` reach the validator as the numbers 1 and 2017; the
 * format asks for whole numbers, so what was written decides.
 */
function wholeNumbersWrittenAsFractions(model: PathwayModel): RawFinding[] {
  const findings: RawFinding[] = [];
  const version = model.root.entries?.get('pathway');
  if (version?.floatLiteral && version.value === 1) {
    findings.push({
      code: 'schema',
      message:
        '"pathway" must be the whole number 1 (the version of the pathway format); write 1, not 1.0.',
      span: version.span,
    });
  }
  for (const reference of model.references.values()) {
    for (const field of ['year', 'pmid']) {
      const node = reference.node.entries?.get(field);
      if (node?.floatLiteral && Number.isInteger(node.value)) {
        findings.push({
          code: 'schema',
          message: `${quote(field)} in reference ${quote(reference.id)} must be a whole number; write it without a decimal point.`,
          span: node.span,
        });
      }
    }
  }
  return findings;
}

/**
 * What the schema cannot say about a number or integer input's bounds: `min` may not exceed
 * `max` (reported on `max`), and an integer's bounds written `1.0` are not whole numbers as
 * written. A bound the schema already rejects is not compared.
 */
function inputBounds(model: PathwayModel): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const [id, input] of model.root.entries?.get('inputs')?.entries ?? []) {
    const type = input.entries?.get('type')?.value;
    if (type !== 'number' && type !== 'integer') continue;
    const bound = (key: 'min' | 'max') => {
      const node = input.entries?.get(key);
      const value = node?.value;
      if (!node || typeof value !== 'number' || !Number.isFinite(value)) return undefined;
      if (type === 'integer' && node.floatLiteral && Number.isInteger(value)) {
        findings.push({
          code: 'schema',
          message: `${quote(key)} in input ${quote(id)} must be a whole number, as the input is an integer; write it without a decimal point.`,
          span: node.span,
        });
        return undefined;
      }
      return type === 'integer' && !Number.isInteger(value) ? undefined : { node, value };
    };
    const min = bound('min');
    const max = bound('max');
    if (min && max && min.value > max.value) {
      findings.push({
        code: 'schema',
        message: `Input ${quote(id)} has "max" ${String(max.value)} below its "min" ${String(min.value)}: the highest value must not be lower than the lowest. Swap or correct them.`,
        span: max.node.span,
      });
    }
  }
  return findings;
}

/**
 * A `bibliography` item that names the same file as an earlier one (`./shared/x.bib` after
 * `shared/x.bib`): the schema cannot compare paths, so it is judged here.
 */
function repeatedBibliography(sources: CitationSources): RawFinding[] {
  return sources.items.flatMap((item): RawFinding[] => {
    if (item.state.kind !== 'repeat') return [];
    const first = item.state.of;
    const same = first.written === item.written ? '' : ` (${quote(first.written ?? '')})`;
    return [
      {
        code: 'schema',
        message: `${quote(item.written ?? '')} names the same file as item ${first.index + 1} of "bibliography"${same}; a file is listed once. Remove the repeat.`,
        span: item.node.span,
      },
    ];
  });
}

export const schema: Check = {
  run: ({ parsed, model, schemaErrors, sources, document }) => {
    const findings: RawFinding[] = [];
    if (parsed.syntax.length > 0) return findings;
    const references = document === 'references';
    if (parsed.empty) {
      findings.push({
        code: 'schema',
        message: references
          ? 'The file is empty: a references file needs "references", with each reference under its id.'
          : 'The file is empty: a pathway needs at least pathway, id, title, version, start and steps.',
        span: { start: 0, end: 0 },
      });
    }
    if (parsed.extraDocument) {
      findings.push({
        code: 'schema',
        message: `A ${references ? 'references' : 'pathway'} file holds one YAML document; a second one starts here and is ignored. Move its content into the first document or into a file of its own.`,
        span: parsed.extraDocument,
      });
    }
    if (model) {
      const errors = references
        ? validateReferencesFile(model.root.value)
        : schemaErrors
          ? schemaErrors()
          : validateAgainstSchema(model.root.value);
      // One by one: a spread of many thousands of arguments overflows the stack.
      for (const finding of schemaFindings(errors, model)) findings.push(finding);
      for (const finding of wholeNumbersWrittenAsFractions(model)) findings.push(finding);
      for (const finding of inputBounds(model)) findings.push(finding);
      for (const finding of repeatedBibliography(sources)) findings.push(finding);
    }
    return findings;
  },
};
