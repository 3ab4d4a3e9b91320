// The pathway format's JSON schema, read back: validating a whole file or one step or
// reference, and finding what the schema says of a key.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schemaJson from '../../../../schemas/pathway.schema.json';
import referencesSchemaJson from '../../../../schemas/references.schema.json';
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
  not?: SchemaNode;
  examples?: unknown[];
  $ref?: string;
  definitions?: Record<string, SchemaNode>;
  /**
   * Marks a field of computable decisions (inputs, conditions, scenarios): optional, offered
   * by completion, but left out of the plain list of fields an unknown-key message gives.
   */
  'x-computable'?: boolean;
}

export const pathwaySchema = schemaJson as SchemaNode;

/** The schema of a references file (`*.references.yaml`), which refers to the pathway's. */
export const referencesFileSchema = referencesSchemaJson as SchemaNode;

interface Validators {
  readonly whole: ValidateFunction;
  /** The top level without looking inside each step and reference. */
  readonly outline: ValidateFunction;
  readonly step: ValidateFunction;
  readonly reference: ValidateFunction;
  readonly referencesFile: ValidateFunction;
}

let validators: Validators | undefined;

/** The schema with steps and references taken as they come: each is validated on its own. */
function outlineSchema(): SchemaNode {
  const properties = pathwaySchema.properties ?? {};
  return {
    ...pathwaySchema,
    $id: `${String((pathwaySchema as { $id?: string }).$id)}#outline`,
    properties: {
      ...properties,
      steps: { ...properties['steps'], additionalProperties: true },
      references: { ...properties['references'], additionalProperties: true },
    },
  } as SchemaNode;
}

/** Compiled once, on first use. */
function compiled(): Validators {
  if (!validators) {
    const ajv = new Ajv({
      allErrors: true,
      strict: true,
      // `anyOf: [{ required: [source] }, …]` names properties declared beside it, on purpose.
      strictRequired: false,
      allowUnionTypes: true,
    });
    // Annotations for editors (VS Code and the YAML extension read them); not validation.
    ajv.addVocabulary(['enumDescriptions', 'markdownDescription', 'x-computable']);
    const whole = ajv.compile(pathwaySchema);
    const id = String((pathwaySchema as { $id?: string }).$id);
    const part = (name: string): ValidateFunction => {
      const found = ajv.getSchema(`${id}#/definitions/${name}`);
      if (!found) throw new Error(`the schema has no definition "${name}"`);
      return found;
    };
    validators = {
      whole,
      outline: ajv.compile(outlineSchema()),
      step: part('step'),
      reference: part('reference'),
      referencesFile: ajv.compile(referencesFileSchema),
    };
  }
  return validators;
}

function run(validate: ValidateFunction, value: unknown): ErrorObject[] {
  return validate(value) ? [] : [...(validate.errors ?? [])];
}

/** Validates plain data against the pathway schema. */
export function validateAgainstSchema(value: unknown): ErrorObject[] {
  return run(compiled().whole, value);
}

/** Validates plain data against the schema of a references file. */
export function validateReferencesFile(value: unknown): ErrorObject[] {
  return run(compiled().referencesFile, value);
}

/** Validates one step or one reference on its own; paths are relative to it. */
export function validateEntry(section: 'steps' | 'references', value: unknown): ErrorObject[] {
  const { step, reference } = compiled();
  return run(section === 'steps' ? step : reference, value);
}

/** The JSON pointer of an entry of `steps` or `references`, as the validator writes it. */
export function entryPointer(section: 'steps' | 'references', key: string): string {
  return `/${section}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * The errors `validateAgainstSchema` gives for a whole pathway, in its order, from the top
 * level validated without its entries and each entry's own errors (relative to it, as
 * `validateEntry` gives them). `entryErrors` lists them in the order of the keys of the
 * sections' values, which is the order the validator visits them.
 */
export function validateInParts(
  root: unknown,
  entryErrors: (section: 'steps' | 'references') => readonly ErrorObject[],
): ErrorObject[] {
  const outline = run(compiled().outline, root);
  // The validator visits the top-level keys in the schema's order: each section's entries go
  // right after that section's own errors, and the keys declared after them come last.
  const order = topLevelKeys();
  const place = (error: ErrorObject): number => {
    const key = error.instancePath.split('/')[1]?.replace(/~1/g, '/').replace(/~0/g, '~');
    return key === undefined ? -1 : order.indexOf(key);
  };
  const steps = order.indexOf('steps');
  const references = order.indexOf('references');
  const upTo = (last: number) => (error: ErrorObject) => place(error) <= last;
  return [
    ...outline.filter(upTo(steps)),
    ...entryErrors('steps'),
    ...outline.filter((error) => place(error) > steps && place(error) <= references),
    ...entryErrors('references'),
    ...outline.filter((error) => place(error) > references),
  ];
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

/** The types an input can have, in the schema's order. */
export function inputTypes(): string[] {
  return (definition('inputType')?.enum ?? []).filter((v): v is string => typeof v === 'string');
}

/** The schema of an input of the given type, or none for a type the schema does not know. */
export function inputSchema(type: unknown): SchemaNode | undefined {
  return typeof type === 'string' && inputTypes().includes(type)
    ? definition(`${type}Input`)
    : undefined;
}

export function topLevelKeys(): string[] {
  return Object.keys(pathwaySchema.properties ?? {});
}

/** A property's schema by the name written in the file: the schema's own, never Object's. */
export function propertyOf(schema: SchemaNode | undefined, name: string): SchemaNode | undefined {
  const properties = schema?.properties;
  return properties && Object.hasOwn(properties, name) ? properties[name] : undefined;
}

export function keysOf(schema: SchemaNode | undefined): string[] {
  return Object.keys(schema?.properties ?? {});
}

/** The keys of the plain format, without those of computable decisions (see `x-computable`). */
export function plainKeysOf(schema: SchemaNode | undefined): string[] {
  return keysOf(schema).filter((key) => propertyOf(schema, key)?.['x-computable'] !== true);
}

/**
 * The schema describing the value at a JSON path of a pathway, given each step's kind and
 * each input's type.
 */
export function schemaAtPath(
  path: readonly (string | number)[],
  kindOf: (stepId: string) => StepKind | undefined,
  typeOf: (inputId: string) => unknown = () => undefined,
): SchemaNode | undefined {
  const [first, second, third, fourth, fifth] = path;
  if (first === undefined) return pathwaySchema;
  const top = resolveSchema(propertyOf(pathwaySchema, String(first)));
  if (second === undefined) return top;
  if (first === 'steps') {
    const kind = kindOf(String(second));
    const step = kind ? stepSchema(kind) : definition('step');
    if (third === undefined) return step;
    const field = resolveSchema(propertyOf(step, String(third)));
    if (fourth === undefined) return field;
    if (third === 'branches') {
      const branch = resolveSchema(field?.items);
      return fifth === undefined ? branch : resolveSchema(propertyOf(branch, String(fifth)));
    }
    if (third === 'cite') return resolveSchema(definition('cite')?.items);
    if (third === 'records') return resolveSchema(field?.items);
    return undefined;
  }
  if (first === 'bibliography') return resolveSchema(top?.items);
  if (first === 'references') {
    const reference = definition('reference');
    return third === undefined ? reference : resolveSchema(propertyOf(reference, String(third)));
  }
  if (first === 'inputs') {
    const input = inputSchema(typeOf(String(second))) ?? definition('input');
    if (third === undefined) return input;
    const field = resolveSchema(propertyOf(input, String(third)));
    if (fourth === undefined) return field;
    return third === 'values' ? resolveSchema(field?.items) : undefined;
  }
  if (first === 'scenarios') {
    const scenario = definition('scenario');
    if (third === undefined) return scenario;
    const field = resolveSchema(propertyOf(scenario, String(third)));
    if (fourth === undefined) return field;
    if (third === 'facts') return resolveSchema(definition('fact'));
    if (third === 'choose') {
      const target = field?.additionalProperties;
      return typeof target === 'object' ? resolveSchema(target) : undefined;
    }
    if (third === 'expect') {
      const expected = resolveSchema(propertyOf(field, String(fourth)));
      return fifth === undefined ? expected : resolveSchema(expected?.items);
    }
    return undefined;
  }
  return undefined;
}
