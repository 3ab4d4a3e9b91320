import * as assert from 'node:assert/strict';
import { pathwaySchema, resolveSchema, type SchemaNode } from '../../server/src/core';
import {
  entryPointer,
  validateAgainstSchema,
  validateEntry,
  validateInParts,
} from '../../server/src/core/schema/schema';

/** Every property of the format, wherever it is declared, as [where, schema] pairs. */
function properties(): [string, SchemaNode][] {
  const found: [string, SchemaNode][] = [];
  const visit = (where: string, node: SchemaNode | undefined): void => {
    for (const [name, child] of Object.entries(node?.properties ?? {})) {
      found.push([`${where}.${name}`, child]);
    }
  };
  visit('pathway', pathwaySchema);
  for (const [name, definition] of Object.entries(pathwaySchema.definitions ?? {})) {
    visit(name, definition);
  }
  return found;
}

describe('the pathway JSON Schema (it feeds hover and completion)', () => {
  it('declares its draft and an $id', () => {
    const raw = pathwaySchema as SchemaNode & { $schema?: string; $id?: string };
    assert.equal(raw.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.match(raw.$id ?? '', /^https:\/\/.+pathway\.schema\.json$/);
  });

  it('gives every property a title and a description', () => {
    const missing = properties()
      .filter(([, schema]) => {
        const resolved = resolveSchema(schema);
        return !resolved?.title || !resolved.description;
      })
      .map(([where]) => where);
    assert.deepEqual(missing, []);
  });

  it('explains every enum value (GRADE strength, certainty, kinds, status, direction)', () => {
    const unexplained: string[] = [];
    for (const [where, schema] of properties()) {
      const resolved = resolveSchema(schema);
      if (!resolved?.enum) continue;
      const descriptions = resolved.enumDescriptions ?? [];
      if (
        descriptions.length !== resolved.enum.length ||
        descriptions.some((d) => d.trim().length < 10)
      ) {
        unexplained.push(where);
      }
    }
    assert.deepEqual(unexplained, []);
    const certainty = resolveSchema(
      pathwaySchema.definitions?.['recommendationStep']?.properties?.['certainty'],
    );
    const veryLow = certainty?.enumDescriptions?.[certainty.enum?.indexOf('very-low') ?? -1] ?? '';
    assert.match(veryLow, /very little confidence/);
  });

  it('validated in parts, a pathway gives the errors of the whole in the same order, inputs and scenarios included', () => {
    const root = {
      pathway: 2,
      id: 'x',
      title: 'x',
      version: 1,
      start: 's',
      extra: true,
      steps: { s: { kind: 'end', title: 'x', next: 'y' } },
      references: { r: { title: 'x', journal: 'y' } },
      inputs: { weeks: { type: 'number', title: 'Weeks', values: [] }, not: { type: 'boolean' } },
      scenarios: { q: { expect: {} } },
    };
    const entries = (section: 'steps' | 'references') =>
      Object.entries(root[section]).flatMap(([key, value]) =>
        validateEntry(section, value).map((error) => ({
          ...error,
          instancePath: entryPointer(section, key) + error.instancePath,
        })),
      );
    const where = (errors: readonly { instancePath: string; keyword: string }[]) =>
      errors.map((error) => `${error.instancePath} ${error.keyword}`);
    const whole = where(validateAgainstSchema(root));
    assert.deepEqual(where(validateInParts(root, entries)), whole);
    assert.ok(whole.includes('/inputs/weeks additionalProperties'));
    assert.ok(whole.includes('/scenarios/q/expect anyOf'));
  });
});
