// In-memory documents for the language feature tests: a pathway written with `<|>` where the
// cursor is, and the file's schema read straight from disk (not through the core).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LineIndex, type Span } from '../../server/src/core';
import type { Range } from '../../server/src/core/types';
import { ROOT } from './paths';

export const CURSOR = '<|>';

/** The text without its `<|>`, with the cursor's offset, line and character. */
export function atCursor(marked: string): {
  text: string;
  offset: number;
  line: number;
  character: number;
} {
  const offset = marked.indexOf(CURSOR);
  if (offset < 0 || marked.indexOf(CURSOR, offset + 1) >= 0) {
    throw new Error('write exactly one <|> where the cursor is');
  }
  const text = marked.slice(0, offset) + marked.slice(offset + CURSOR.length);
  const { line, character } = new LineIndex(text).positionAt(offset);
  return { text, offset, line, character };
}

/** A span as `line:character-line:character`, zero-based, the way an editor counts. */
export function rangeText(text: string, span: Span): string {
  const range: Range = new LineIndex(text).rangeOf(span);
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

interface SchemaJson {
  definitions: Record<
    string,
    {
      pattern?: string;
      enum?: string[];
      not?: { enum?: string[] };
      properties?: Record<string, { enum?: string[] }>;
    }
  >;
  properties: Record<string, { enum?: string[] }>;
}

/** The format's schema as written in schemas/pathway.schema.json. */
export const SCHEMA_JSON = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'schemas', 'pathway.schema.json'), 'utf8'),
) as SchemaJson;

/** An enum of the schema, by where it is written. */
export function schemaEnum(
  where: 'kind' | 'inputType' | 'strength' | 'certainty' | 'direction' | 'status',
): string[] {
  const found =
    where === 'kind' || where === 'inputType'
      ? SCHEMA_JSON.definitions[where]?.enum
      : where === 'status'
        ? SCHEMA_JSON.properties['status']?.enum
        : SCHEMA_JSON.definitions['recommendationStep']?.properties?.[where]?.enum;
  if (!found) throw new Error(`the schema has no enum for ${where}`);
  return found;
}

/** The schema's pattern for step, reference or input ids, compiled as the validator compiles it. */
export function schemaIdPattern(kind: 'step' | 'reference' | 'input'): RegExp {
  const pattern = SCHEMA_JSON.definitions[`${kind}Id`]?.pattern;
  if (!pattern) throw new Error(`the schema has no pattern for ${kind} ids`);
  return new RegExp(pattern, 'u');
}

/** Whether the schema takes an id: its pattern, and for an input the words it rules out. */
export function schemaAcceptsId(kind: 'step' | 'reference' | 'input', id: string): boolean {
  const ruledOut = SCHEMA_JSON.definitions[`${kind}Id`]?.not?.enum ?? [];
  return schemaIdPattern(kind).test(id) && !ruledOut.includes(id);
}
