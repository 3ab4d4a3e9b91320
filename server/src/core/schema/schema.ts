import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schemaJson from '../../../../schemas/pathway.schema.json';
import type { StepKind } from '../model/pathway';

/** The subset of JSON Schema this project's schema uses, for reading it back. */
export interface SchemaNode {
  title?: string;
  description?: string;
  type?: string | string[];
  enum?: unknown[];
  enumDescriptions?: string[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  propertyNames?: SchemaNode;
  required?: string[];
  items?: SchemaNode;
  allOf?: SchemaNode[];
  anyOf?: SchemaNode[];
  $ref?: string;
  definitions?: Record<string, SchemaNode>;
}

export const pathwaySchema = schemaJson as SchemaNode;

let validator: ValidateFunction | undefined;

/** Validates plain data against the pathway schema (compiled once, on first use). */
export function validateAgainstSchema(value: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({
      allErrors: true,
      strict: true,
      // `anyOf: [{ required: [source] }, …]` names properties declared beside it, on purpose.
      strictRequired: false,
      allowUnionTypes: true,
    });
    // Annotations for editors (VS Code and the YAML extension read them); not validation.
    ajv.addVocabulary(['enumDescriptions', 'markdownDescription']);
    validator = ajv.compile(pathwaySchema);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/** Follows `$ref` (and a lone `allOf` wrapper) to the schema that describes a value. */
export function resolveSchema(node: SchemaNode | undefined): SchemaNode | undefined {
  let current = node;
  for (let guard = 0; current && guard < 10; guard++) {
    const ref = current.$ref ?? current.allOf?.[0]?.$ref;
    if (!ref) return current;
    const target = pathwaySchema.definitions?.[ref.replace('#/definitions/', '')];
    // Keep the outer node's own words: they describe this use of the shared definition.
    current = target
      ? {
          ...target,
          ...(current.title ? { title: current.title } : {}),
          ...(current.description ? { description: current.description } : {}),
        }
      : undefined;
  }
  return current;
}

export function definition(name: string): SchemaNode | undefined {
  return pathwaySchema.definitions?.[name];
}

/** The schema of a step of the given kind. */
export function stepSchema(kind: StepKind): SchemaNode | undefined {
  return definition(`${kind}Step`);
}

export function topLevelKeys(): string[] {
  return Object.keys(pathwaySchema.properties ?? {});
}

export function keysOf(schema: SchemaNode | undefined): string[] {
  return Object.keys(schema?.properties ?? {});
}

/** The schema describing the value at a JSON path of a pathway, given each step's kind. */
export function schemaAtPath(
  path: readonly (string | number)[],
  kindOf: (stepId: string) => StepKind | undefined,
): SchemaNode | undefined {
  const [first, second, third, fourth, fifth] = path;
  if (first === undefined) return pathwaySchema;
  const top = resolveSchema(pathwaySchema.properties?.[String(first)]);
  if (second === undefined) return top;
  if (first === 'steps') {
    const kind = kindOf(String(second));
    const step = kind ? stepSchema(kind) : definition('step');
    if (third === undefined) return step;
    const field = resolveSchema(step?.properties?.[String(third)]);
    if (fourth === undefined) return field;
    if (third === 'branches') {
      const branch = resolveSchema(field?.items);
      return fifth === undefined ? branch : resolveSchema(branch?.properties?.[String(fifth)]);
    }
    if (third === 'cite') return resolveSchema(definition('cite')?.items);
    return undefined;
  }
  if (first === 'references') {
    const reference = definition('reference');
    return third === undefined ? reference : resolveSchema(reference?.properties?.[String(third)]);
  }
  return undefined;
}
