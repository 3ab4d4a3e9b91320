import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
} from 'vscode-languageserver';
import {
  definition,
  keysOf,
  pathwaySchema,
  propertyOf,
  resolveSchema,
  stepSchema,
  STEP_KINDS,
  isStepKind,
  type SchemaNode,
  type StepKind,
} from '../../core';

/**
 * Completion works on the text itself, line by line, so that it answers on documents that
 * do not parse: the line being typed, and the lines above it by indentation.
 */
interface Line {
  readonly indent: number;
  readonly text: string;
  /** The key this line opens, if it has one (`next:` or `- when:`). */
  readonly key: string | undefined;
  readonly isItem: boolean;
}

function readLine(raw: string): Line {
  const indent = raw.length - raw.trimStart().length;
  const body = raw.trim();
  const isItem = body.startsWith('- ') || body === '-';
  const content = isItem ? body.replace(/^-\s*/, '') : body;
  const key = keyOf(content)?.replace(/^["']|["']$/g, '');
  return { indent, text: raw, key, isItem };
}

/**
 * The key a line's content opens (`next` in `next: x`, `"a b"` in `"a b": x`): a quoted key,
 * else the text before the first colon that is followed by a space or the end, when no `#`
 * comes first. Searched, not matched with one lazy pattern: that backtracks quadratically on
 * a long line of spaces with no colon.
 */
function keyOf(content: string): string | undefined {
  const quoted = /^("[^"]*"|'[^']*')\s*:(\s|$)/.exec(content);
  if (quoted) return quoted[1];
  if (content === '' || /[\s:#]/.test(content.charAt(0))) return undefined;
  const stop = content.search(/[:#]/);
  if (stop < 0 || content.charAt(stop) !== ':') return undefined;
  const after = content.charAt(stop + 1);
  if (after !== '' && !/\s/.test(after)) return undefined;
  return content.slice(0, stop).trimEnd();
}

/**
 * The indentation of a line that has ordinary text after its leading spaces, found without
 * reading the rest; undefined for any other line (blank, comment, other white space), which
 * must be read in full. Lets the scans below skip most lines of a large file cheaply.
 */
function plainIndent(raw: string): number | undefined {
  let i = 0;
  while (raw.charCodeAt(i) === 32) i++;
  const ch = raw.charCodeAt(i);
  return ch > 32 && ch < 127 && ch !== 35 /* # */ ? i : undefined;
}

function isBlank(raw: string): boolean {
  const t = raw.trim();
  return t === '' || t.startsWith('#');
}

/**
 * The keys that contain a line, outermost first (`['steps', 'red-flags', 'branches', '-']`);
 * `-` stands for a list item. `limit` is the column of the line's own key (or dash).
 */
function ancestry(lines: readonly string[], lineNumber: number, limit: number): string[] {
  const keys: string[] = [];
  for (let i = lineNumber - 1; i >= 0 && limit > 0; i--) {
    const raw = lines[i] ?? '';
    const quick = plainIndent(raw);
    if (quick !== undefined && quick >= limit) continue;
    if (isBlank(raw)) continue;
    const line = readLine(raw);
    if (line.indent >= limit) continue;
    if (line.isItem) keys.unshift('-');
    else if (line.key !== undefined) keys.unshift(line.key);
    else continue;
    limit = line.indent;
  }
  return keys;
}

/** The keys already written beside a line (same column, same block), and their `kind`. */
function siblings(
  lines: readonly string[],
  lineNumber: number,
  column: number,
): { keys: Set<string>; kind: string | undefined } {
  const keys = new Set<string>();
  let kind: string | undefined;
  const add = (line: Line): void => {
    if (line.key === undefined) return;
    keys.add(line.key);
    if (line.key === 'kind') {
      kind = line.text
        .replace(/^[^:]*:/, '')
        .replace(/#.*$/, '')
        .trim();
    }
  };
  /** Reads one line; false once the block has ended. */
  const visit = (i: number, upward: boolean): boolean => {
    const raw = lines[i] ?? '';
    if (isBlank(raw)) return true;
    const line = readLine(raw);
    const keyColumn = line.isItem ? line.indent + 2 : line.indent;
    if (line.isItem && keyColumn === column) {
      // The dash line opening this item holds its first key; another dash opens the next item.
      if (upward) add(line);
      return false;
    }
    if (line.indent < column) return false;
    if (line.indent === column) add(line);
    return true;
  };
  for (let i = lineNumber - 1; i >= 0 && visit(i, true); i--);
  for (let i = lineNumber + 1; i < lines.length && visit(i, false); i++);
  return { keys, kind };
}

/** The ids under a top-level section (`steps:` or `references:`), by indentation. */
export function idsUnder(lines: readonly string[], section: string): string[] {
  const ids: string[] = [];
  let inside = false;
  let childIndent: number | undefined;
  for (const raw of lines) {
    const quick = plainIndent(raw);
    // Deeper lines inside the section, and every line outside it, name no id.
    if (
      quick !== undefined &&
      quick > 0 &&
      (!inside || (childIndent !== undefined && quick !== childIndent))
    ) {
      continue;
    }
    if (isBlank(raw)) continue;
    const line = readLine(raw);
    if (line.indent === 0) {
      inside = line.key === section;
      childIndent = undefined;
      continue;
    }
    if (!inside || line.key === undefined || line.isItem) continue;
    childIndent ??= line.indent;
    if (line.indent === childIndent) ids.push(line.key);
  }
  return ids;
}

function documentation(text: string | undefined): { kind: 'markdown'; value: string } | undefined {
  return text ? { kind: MarkupKind.Markdown, value: text } : undefined;
}

function keyItems(
  schema: SchemaNode | undefined,
  present: ReadonlySet<string>,
  required: readonly string[],
): CompletionItem[] {
  return keysOf(schema)
    .filter((key) => !present.has(key))
    .map((key) => {
      const field = resolveSchema(propertyOf(schema, key));
      const isList = field?.type === 'array';
      const isMapping = field?.type === 'object';
      const insertText =
        key === 'branches'
          ? 'branches:\n  - when: ${1}\n    next: ${2}'
          : isList
            ? `${key}: [\${1}]`
            : isMapping
              ? `${key}:\n  \${1}`
              : `${key}: \${1}`;
      const item: CompletionItem = {
        label: key,
        kind: CompletionItemKind.Property,
        detail: field?.title,
        insertText,
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: `${required.includes(key) ? '0' : '1'}${key}`,
        command: { title: 'Suggest', command: 'editor.action.triggerSuggest' },
      };
      const doc = documentation(field?.description);
      if (doc) item.documentation = doc;
      return item;
    });
}

function enumItems(schema: SchemaNode | undefined): CompletionItem[] {
  return (schema?.enum ?? []).map((value, index) => {
    const item: CompletionItem = {
      label: String(value),
      kind: CompletionItemKind.EnumMember,
      sortText: String(index).padStart(2, '0'),
    };
    const doc = documentation(schema?.enumDescriptions?.[index]);
    if (doc) item.documentation = doc;
    if (schema?.title) item.detail = schema.title;
    return item;
  });
}

/** Items kinds of the ids offered: step ids and reference ids. */
const ID_KINDS = {
  step: CompletionItemKind.Reference,
  reference: CompletionItemKind.Value,
} as const;

/**
 * The ids as items, labels only: a large pathway offers thousands, and each one's kind and
 * title are added when the editor shows it (see resolveCompletion).
 */
function idItems(ids: readonly string[], kind: 'step' | 'reference'): CompletionItem[] {
  return [...new Set(ids)].map((id) => ({ label: id, kind: ID_KINDS[kind] }));
}

const STEP_SNIPPETS: Record<StepKind, string> = {
  assessment: '${1:step-id}:\n  kind: assessment\n  title: ${2:What is assessed}\n  next: ${3}',
  action: '${1:step-id}:\n  kind: action\n  title: ${2:What is done}\n  next: ${3}',
  recommendation:
    '${1:step-id}:\n  kind: recommendation\n  title: ${2:What is recommended}\n  strength: ${3|conditional,strong|}\n  certainty: ${4|moderate,high,low,very-low|}\n  cite: [${5}]\n  next: ${6}',
  decision:
    '${1:step-id}:\n  kind: decision\n  title: ${2:The question}\n  branches:\n    - when: ${3:condition}\n      next: ${4}\n  otherwise: ${5}',
  end: '${1:step-id}:\n  kind: end\n  title: ${2:Where the pathway stops}',
};

const REFERENCE_SNIPPET =
  '${1:author-year}:\n  title: ${2:Title of the work}\n  source: ${3:Journal. Year;Volume:Pages}\n  year: ${4}\n  doi: ${5}';

function snippetItems(kinds: 'steps' | 'references'): CompletionItem[] {
  if (kinds === 'references') {
    return [
      {
        label: 'new reference',
        kind: CompletionItemKind.Snippet,
        insertText: REFERENCE_SNIPPET,
        insertTextFormat: InsertTextFormat.Snippet,
        documentation: 'A reference with its title, source, year and DOI.',
      },
    ];
  }
  return STEP_KINDS.map((kind, index) => ({
    label: `new ${kind} step`,
    kind: CompletionItemKind.Snippet,
    insertText: STEP_SNIPPETS[kind],
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `0${index}`,
    documentation: definition(`${kind}Step`)?.description ?? '',
  }));
}

export interface CompletionFacts {
  /** What a step id is called, for the item detail (kind and title). */
  describeStep(id: string): string | undefined;
  describeReference(id: string): string | undefined;
}

/** An id item completed with what it names (the step's kind and title, the work's title). */
export function resolveCompletion(item: CompletionItem, facts: CompletionFacts): CompletionItem {
  if (item.detail !== undefined) return item;
  const detail =
    item.kind === ID_KINDS.step
      ? facts.describeStep(item.label)
      : item.kind === ID_KINDS.reference
        ? facts.describeReference(item.label)
        : undefined;
  return detail ? { ...item, detail } : item;
}

const STEP_LINK_KEYS = new Set(['start', 'next', 'otherwise']);

/**
 * The last text completed in, split into lines, with the ids found in it: completion is
 * asked for again and again on one version of a large file.
 */
let lastText: { text: string; lines: string[]; ids: Map<string, string[]> } | undefined;

function linesOf(text: string): { lines: string[]; ids: (section: string) => string[] } {
  if (lastText?.text !== text) {
    lastText = { text, lines: text.split(/\r\n|\r|\n/), ids: new Map() };
  }
  const { lines, ids } = lastText;
  return {
    lines,
    ids: (section) => {
      let found = ids.get(section);
      if (!found) {
        found = idsUnder(lines, section);
        ids.set(section, found);
      }
      return found;
    },
  };
}

/** Completion at a zero-based line and character of a (possibly half-typed) document. */
export function complete(text: string, line: number, character: number): CompletionItem[] {
  const { lines, ids } = linesOf(text);
  // A position outside the text completes nothing (the scans below walk from its line).
  if (!Number.isInteger(line) || line < 0 || line >= lines.length) return [];
  const raw = lines[line] ?? '';
  const prefix = raw.slice(0, Number.isFinite(character) ? Math.max(0, character) : 0);
  const current = readLine(prefix);
  const contentIndent = current.isItem ? current.indent + 2 : current.indent;
  // A dash on this line opens a new item: the item is the innermost container.
  const parents = [...ancestry(lines, line, current.indent), ...(current.isItem ? ['-'] : [])];
  const container = parents.filter((key) => key !== '-');
  const stepIds = () => idItems(ids('steps'), 'step');
  const referenceIds = () => idItems(ids('references'), 'reference');

  // A value after `key:` on this line.
  const valueMatch = /^\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(prefix);
  if (valueMatch) {
    const key = valueMatch[1] ?? '';
    const value = valueMatch[2] ?? '';
    if (key === 'cite') return value.startsWith('[') ? referenceIds() : [];
    if (STEP_LINK_KEYS.has(key)) return stepIds();
    if (parents[0] === 'steps' && parents.length === 2) {
      const { kind } = siblings(lines, line, contentIndent);
      if (key === 'kind') return enumItems(definition('kind'));
      const schema = isStepKind(kind) ? stepSchema(kind) : undefined;
      return enumItems(resolveSchema(propertyOf(schema, key)));
    }
    if (parents.length === 0) return enumItems(resolveSchema(propertyOf(pathwaySchema, key)));
    return [];
  }

  // An item of a block list under `cite:`.
  if (current.isItem && container[container.length - 1] === 'cite') return referenceIds();

  // A key being typed.
  if (!/^\s*(?:-\s*)?[A-Za-z_-]*$/.test(prefix)) return [];
  const { keys: present, kind } = siblings(lines, line, contentIndent);
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
  return [];
}
