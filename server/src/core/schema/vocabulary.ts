// The format's fixed words as the schema defines them: the patterns of step and reference ids
// and the values of kind, strength, certainty, direction and status. Read from the schema so
// that it stays the one source; nothing else retypes them.
import { isStepKind, type StepKind } from '../model/pathway';
import type { SymbolKind } from '../model/symbols';
import { definition, pathwaySchema, propertyOf, resolveSchema, type SchemaNode } from './schema';

function patternOf(name: string): RegExp {
  const pattern = definition(name)?.pattern;
  if (pattern === undefined) throw new Error(`the schema's "${name}" has no pattern`);
  // The validator compiles schema patterns with the `u` flag: the same here, so both agree.
  return new RegExp(pattern, 'u');
}

/**
 * What a step id, a reference id and an input id must look like (the schema's patterns; an
 * input id must not be one of the words of conditions either).
 */
export const ID_PATTERNS: Readonly<Record<SymbolKind, RegExp>> = {
  step: patternOf('stepId'),
  reference: patternOf('referenceId'),
  input: patternOf('inputId'),
};

/** The words an input id cannot be (the schema's `not` on inputId). */
export const RESERVED_INPUT_IDS: readonly string[] = (
  definition('inputId')?.not?.enum ?? []
).filter((v): v is string => typeof v === 'string');

/** The text values a field takes, in the schema's order. */
export function enumValues(schema: SchemaNode | undefined): string[] {
  return (resolveSchema(schema)?.enum ?? []).filter((v): v is string => typeof v === 'string');
}

/** The kinds of step, in the schema's order. */
export const STEP_KIND_VALUES: readonly StepKind[] = enumValues(definition('kind')).filter(
  isStepKind,
);

const recommendation = (field: string): string[] =>
  enumValues(propertyOf(definition('recommendationStep'), field));

/** GRADE strengths of a recommendation. */
export const STRENGTH_VALUES: readonly string[] = recommendation('strength');
/** GRADE certainties of the evidence behind a recommendation. */
export const CERTAINTY_VALUES: readonly string[] = recommendation('certainty');
/** Whether a recommendation is for or against. */
export const DIRECTION_VALUES: readonly string[] = recommendation('direction');
/** Where a pathway stands in its life cycle. */
export const STATUS_VALUES: readonly string[] = enumValues(propertyOf(pathwaySchema, 'status'));

/** What a reference's field must look like, by the schema's pattern for it. */
function referencePattern(field: 'doi' | 'pmid' | 'url'): RegExp {
  const pattern = propertyOf(definition('reference'), field)?.pattern;
  if (pattern === undefined) throw new Error(`the schema's reference "${field}" has no pattern`);
  return new RegExp(pattern, 'u');
}

/** A DOI, a PubMed id and a web address as a reference writes them. */
export const REFERENCE_PATTERNS: Readonly<Record<'doi' | 'pmid' | 'url', RegExp>> = {
  doi: referencePattern('doi'),
  pmid: referencePattern('pmid'),
  url: referencePattern('url'),
};
