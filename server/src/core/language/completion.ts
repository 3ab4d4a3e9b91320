// Completion as plain data: what is offered at a line and character of a pathway's text,
// half-typed or not. The language server turns each item into an LSP CompletionItem. Inside
// an `if`, in `records` and in a scenario's facts, conditionCompletion.ts answers.
import { isStepKind, type StepKind } from '../model/pathway';
import { ancestry, indentedText, readLine, siblings } from '../parse/indentation';
import {
  definition,
  inputSchema,
  inputTypes,
  keysOf,
  pathwaySchema,
  propertyOf,
  resolveSchema,
  stepSchema,
  type SchemaNode,
} from '../schema/schema';
import { CERTAINTY_VALUES, STEP_KIND_VALUES, STRENGTH_VALUES } from '../schema/vocabulary';
import type { InputDef } from '../logic';
import { conditionCompletions, inputItems, inputsInText, valueItems } from './conditionCompletion';

/**
 * What an item is: a key of the mapping being written, a value the schema allows (or one an
 * input takes), the id of a step, of a reference or of an input, a comparison or a word of a
 * condition, or a snippet that writes a whole new step, reference, input or scenario.
 */
export type CompletionKind =
  | 'key'
  | 'value'
  | 'step-id'
  | 'reference-id'
  | 'input'
  | 'operator'
  | 'keyword'
  | 'snippet'
  /** The path of another file (a bibliography, a used pathway). */
  | 'file';

export interface Completion {
  readonly label: string;
  readonly kind: CompletionKind;
  /** A short line beside the label: the key's title, the field a value belongs to. */
  readonly detail?: string | undefined;
  /** Words about the item: Markdown for keys and values, plain text for snippets. */
  readonly documentation?: string;
  /** The text inserted, in snippet syntax (`${1:placeholder}`); the label when absent. */
  readonly snippet?: string;
  readonly sortText?: string;
  /** Offer completion again once inserted: after a key, its value is typed next. */
  readonly suggestAgain?: boolean;
  /**
   * The character of the cursor's line where the text the item replaces begins (it runs to
   * the cursor): the part of a name already typed, `weeks-of` of `weeks-of-symptoms`.
   */
  readonly replaceFrom?: number;
}

function keyItems(
  schema: SchemaNode | undefined,
  present: ReadonlySet<string>,
  required: readonly string[],
): Completion[] {
  return keysOf(schema)
    .filter((key) => !present.has(key))
    .map((key) => {
      const field = resolveSchema(propertyOf(schema, key));
      const isList = field?.type === 'array';
      const isMapping = field?.type === 'object';
      const snippet =
        key === 'branches'
          ? 'branches:\n  - when: ${1}\n    next: ${2}'
          : isList
            ? `${key}: [\${1}]`
            : isMapping
              ? `${key}:\n  \${1}`
              : `${key}: \${1}`;
      return {
        label: key,
        kind: 'key',
        detail: field?.title,
        snippet,
        // The fields of computable decisions come after the plain format's.
        sortText: `${required.includes(key) ? '0' : field?.['x-computable'] === true ? '2' : '1'}${key}`,
        suggestAgain: true,
        ...(field?.description ? { documentation: field.description } : {}),
      };
    });
}

function enumItems(schema: SchemaNode | undefined): Completion[] {
  return (schema?.enum ?? []).map((value, index) => {
    const explained = schema?.enumDescriptions?.[index];
    return {
      label: String(value),
      kind: 'value',
      sortText: String(index).padStart(2, '0'),
      ...(explained ? { documentation: explained } : {}),
      ...(schema?.title ? { detail: schema.title } : {}),
    };
  });
}

/**
 * The ids as items, labels only: a large pathway offers thousands, and each one's kind and
 * title are added when the editor shows it.
 */
function idItems(ids: readonly string[], kind: 'step-id' | 'reference-id'): Completion[] {
  return [...new Set(ids)].map((id) => ({ label: id, kind }));
}

/** A snippet choice of the schema's values, the usual one first (`${3|conditional,strong|}`). */
function choice(tabStop: number, values: readonly string[], usual: string): string {
  const ordered = values.includes(usual) ? [usual, ...values.filter((v) => v !== usual)] : values;
  const escaped = ordered.map((v) => v.replace(/[\\,|$}]/g, (c) => `\\${c}`));
  return `\${${tabStop}|${escaped.join(',')}|}`;
}

function stepSnippet(kind: StepKind): string {
  switch (kind) {
    case 'assessment':
      return '${1:step-id}:\n  kind: assessment\n  title: ${2:What is assessed}\n  next: ${3}';
    case 'action':
      return '${1:step-id}:\n  kind: action\n  title: ${2:What is done}\n  next: ${3}';
    case 'recommendation':
      return `\${1:step-id}:\n  kind: recommendation\n  title: \${2:What is recommended}\n  strength: ${choice(3, STRENGTH_VALUES, 'conditional')}\n  certainty: ${choice(4, CERTAINTY_VALUES, 'moderate')}\n  cite: [\${5}]\n  next: \${6}`;
    case 'decision':
      return '${1:step-id}:\n  kind: decision\n  title: ${2:The question}\n  branches:\n    - when: ${3:condition}\n      next: ${4}\n  otherwise: ${5}';
    case 'end':
      return '${1:step-id}:\n  kind: end\n  title: ${2:Where the pathway stops}';
    case 'pathway':
      return '${1:step-id}:\n  kind: pathway\n  title: ${2:What the used pathway does}\n  use: ${3:file.pathway.yaml}\n  next: ${4}';
  }
}

const REFERENCE_SNIPPET =
  '${1:author-year}:\n  title: ${2:Title of the work}\n  source: ${3:Journal. Year;Volume:Pages}\n  year: ${4}\n  doi: ${5}';

function inputSnippet(type: string): string {
  const head = `\${1:input-id}:\n  type: ${type}\n  title: \${2:The question as a clinician asks it}`;
  switch (type) {
    case 'number':
    case 'integer':
      return `${head}\n  min: \${3}\n  max: \${4}\n  unit: \${5}`;
    case 'choice':
      return `${head}\n  values: [\${3}]`;
    default:
      return head;
  }
}

const SCENARIO_SNIPPET =
  '${1:scenario-id}:\n  title: ${2:Who the patient is}\n  facts:\n    ${3}\n  expect:\n    end: ${4}';

function snippetItems(kinds: 'steps' | 'references' | 'inputs' | 'scenarios'): Completion[] {
  if (kinds === 'inputs') {
    return inputTypes().map((type, index) => ({
      label: `new ${type} input`,
      kind: 'snippet',
      snippet: inputSnippet(type),
      sortText: `0${index}`,
      detail: definition(`${type}Input`)?.title,
      documentation: definition(`${type}Input`)?.description ?? '',
    }));
  }
  if (kinds === 'scenarios') {
    return [
      {
        label: 'new scenario',
        kind: 'snippet',
        snippet: SCENARIO_SNIPPET,
        documentation: definition('scenario')?.description ?? '',
      },
    ];
  }
  if (kinds === 'references') {
    return [
      {
        label: 'new reference',
        kind: 'snippet',
        snippet: REFERENCE_SNIPPET,
        documentation: 'A reference with its title, source, year and DOI.',
      },
    ];
  }
  return STEP_KIND_VALUES.map((kind, index) => ({
    label: `new ${kind} step`,
    kind: 'snippet',
    snippet: stepSnippet(kind),
    sortText: `0${index}`,
    documentation: definition(`${kind}Step`)?.description ?? '',
  }));
}

const STEP_LINK_KEYS = new Set(['start', 'next', 'otherwise']);

/** The part of an id typed just before the cursor. */
function typedName(prefix: string): string {
  return /[A-Za-z0-9_-]*$/u.exec(prefix)?.[0] ?? '';
}

/** A fact's value: true or false, or one of a choice's values (also in a list of them). */
function factValues(def: InputDef | undefined, value: string, column: number): Completion[] {
  const listed = value.startsWith('[') && !value.includes(']');
  if (value !== '' && !listed && !/^[A-Za-z0-9_-]*$/u.test(value)) return [];
  const given = listed
    ? value
        .slice(1)
        .split(',')
        .slice(0, -1)
        .map((item) => item.trim())
    : [];
  return valueItems(def, given).map((item) => ({
    ...item,
    replaceFrom: column - typedName(value).length,
  }));
}

/** What the host knows beyond the text: the files a pathway's sub-pathways use. */
export interface CompletionContext {
  /** The ends of the pathway a `pathway` step uses, when it can be read. */
  endsOf?(stepId: string): readonly string[] | undefined;
}

/** What completion offers at a zero-based line and character of a (possibly half-typed) text. */
export function completionsAt(
  text: string,
  line: number,
  character: number,
  context: CompletionContext = {},
): Completion[] {
  const { lines, ids } = indentedText(text);
  // A position outside the text completes nothing (the scans below walk from its line).
  if (!Number.isInteger(line) || line < 0 || line >= lines.length) return [];
  const raw = lines[line] ?? '';
  const prefix = raw.slice(0, Number.isFinite(character) ? Math.max(0, character) : 0);
  const current = readLine(prefix);
  const contentIndent = current.isItem ? current.indent + 2 : current.indent;
  // A dash on this line opens a new item: the item is the innermost container.
  const parents = [...ancestry(lines, line, current.indent), ...(current.isItem ? ['-'] : [])];
  const container = parents.filter((key) => key !== '-');
  const stepIds = () => idItems(ids('steps'), 'step-id');
  const referenceIds = () => idItems(ids('references'), 'reference-id');

  // A value after `key:` on this line.
  const valueMatch = /^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(prefix);
  if (valueMatch) {
    const key = valueMatch[1] ?? '';
    const value = valueMatch[2] ?? '';
    if (key === 'cite') return value.startsWith('[') ? referenceIds() : [];
    if (key === 'if' && parents[0] === 'steps' && parents[2] === 'branches') {
      return conditionCompletions(value, prefix.length - value.length, inputsInText(lines));
    }
    if (key === 'records' && parents[0] === 'steps' && parents.length === 2) {
      if (!value.startsWith('[') || value.includes(']')) return [];
      const listed = new Set(
        value
          .slice(1)
          .split(',')
          .slice(0, -1)
          .map((item) => item.trim()),
      );
      return inputItems(inputsInText(lines), listed).map((item) => ({
        ...item,
        replaceFrom: prefix.length - typedName(prefix).length,
      }));
    }
    if (STEP_LINK_KEYS.has(key)) return stepIds();
    // Where an end of the used pathway leads: a step of this one.
    if (parents[0] === 'steps' && parents.length === 3 && parents[2] === 'ends') return stepIds();
    if (parents[0] === 'steps' && parents.length === 2) {
      const { kind } = siblings(lines, line, contentIndent);
      if (key === 'kind') return enumItems(definition('kind'));
      const schema = isStepKind(kind) ? stepSchema(kind) : undefined;
      return enumItems(resolveSchema(propertyOf(schema, key)));
    }
    if (parents.length === 0) return enumItems(resolveSchema(propertyOf(pathwaySchema, key)));
    if (parents[0] === 'inputs' && parents.length === 2 && key === 'type') {
      return enumItems(definition('inputType'));
    }
    if (parents[0] === 'scenarios' && parents.length === 3) {
      if (parents[2] === 'choose' || (parents[2] === 'expect' && key === 'end')) return stepIds();
      if (parents[2] === 'facts') {
        return factValues(inputsInText(lines).get(key)?.def, value, prefix.length);
      }
    }
    return [];
  }

  // An item of a block list under `cite:`, or under `records:`.
  if (current.isItem && container[container.length - 1] === 'cite') return referenceIds();
  if (current.isItem && container[container.length - 1] === 'records') {
    return inputItems(inputsInText(lines)).map((item) => ({
      ...item,
      replaceFrom: prefix.length - typedName(prefix).length,
    }));
  }

  // A key being typed.
  if (parents.length === 3 && parents[0] === 'scenarios' && parents[2] === 'facts') {
    if (!/^\s*[A-Za-z0-9_-]*$/.test(prefix)) return [];
    const { keys: given } = siblings(lines, line, contentIndent);
    return inputItems(inputsInText(lines), given, ': ').map((item) => ({
      ...item,
      replaceFrom: prefix.length - typedName(prefix).length,
    }));
  }
  if (parents.length === 3 && parents[0] === 'steps' && parents[2] === 'ends') {
    // The used pathway's ends not yet routed.
    if (!/^\s*[A-Za-z0-9_-]*$/.test(prefix)) return [];
    const { keys: given } = siblings(lines, line, contentIndent);
    const ends = context.endsOf?.(parents[1] ?? '') ?? [];
    return ends
      .filter((end) => !given.has(end))
      .map((end, index) => ({
        label: end,
        kind: 'step-id' as const,
        detail: 'an end of the pathway this step uses',
        snippet: `${end}: `,
        suggestAgain: true,
        sortText: String(index).padStart(4, '0'),
        replaceFrom: prefix.length - typedName(prefix).length,
      }));
  }
  if (!/^\s*(?:-\s*)?[A-Za-z_-]*$/.test(prefix)) return [];
  const { keys: present, kind, type } = siblings(lines, line, contentIndent);
  if (parents.length === 0) {
    return keyItems(pathwaySchema, present, pathwaySchema.required ?? []);
  }
  if (parents.length === 1 && parents[0] === 'steps') return snippetItems('steps');
  if (parents.length === 1 && parents[0] === 'references') return snippetItems('references');
  if (parents.length === 2 && parents[0] === 'steps') {
    if (!isStepKind(kind)) return keyItems(definition('step'), present, ['kind']);
    const schema = stepSchema(kind);
    return keyItems(schema, present, schema?.required ?? []);
  }
  if (parents[0] === 'steps' && parents[2] === 'branches' && parents[3] === '-') {
    const branch = definition('branch');
    const inItem = current.isItem ? new Set<string>() : present;
    return keyItems(branch, inItem, branch?.required ?? []);
  }
  if (parents.length === 2 && parents[0] === 'references') {
    const reference = definition('reference');
    return keyItems(reference, present, reference?.required ?? []);
  }
  if (parents.length === 1 && parents[0] === 'inputs') return snippetItems('inputs');
  if (parents.length === 2 && parents[0] === 'inputs') {
    const schema = inputSchema(type);
    if (!schema) return keyItems(definition('input'), present, ['type']);
    return keyItems(schema, present, schema.required ?? []);
  }
  if (parents.length === 1 && parents[0] === 'scenarios') return snippetItems('scenarios');
  if (parents.length === 2 && parents[0] === 'scenarios') {
    const scenario = definition('scenario');
    return keyItems(scenario, present, scenario?.required ?? []);
  }
  if (parents.length === 3 && parents[0] === 'scenarios' && parents[2] === 'expect') {
    return keyItems(definition('expectation'), present, []);
  }
  return [];
}
