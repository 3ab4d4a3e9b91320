// A CSL-JSON file as a bibliography: the list of items reference managers export, each item an
// object whose `id` is its citation key.
import { LineIndex } from '../text/lineIndex';
import type { Span } from '../types';
import { EntryList, escapeRegExp, withoutBom, type BibliographyRead } from './read';
import { referenceFromCsl } from './reference';

/** A JSON value in words, for messages. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a text';
  return `a ${typeof value}`;
}

/** Where each item's `id` is written, in order (JSON.parse gives no positions). */
function idSpans(text: string, ids: readonly (string | undefined)[]): Span[] {
  const spans: Span[] = [];
  let from = 0;
  let last: Span = { start: 0, end: 0 };
  for (const id of ids) {
    if (id !== undefined) {
      const pattern = new RegExp(
        `"id"\\s*:\\s*(${escapeRegExp(JSON.stringify(id))}|${escapeRegExp(id)})`,
        'g',
      );
      pattern.lastIndex = from;
      const found = pattern.exec(text);
      if (found) {
        const start = found.index + found[0].length - (found[1] ?? '').length;
        last = { start, end: found.index + found[0].length };
        from = pattern.lastIndex;
      }
    }
    spans.push(last);
  }
  return spans;
}

/** The text of an item's id: a non-blank text, or a number, as CSL allows both. */
function idOf(item: Readonly<Record<string, unknown>>): string | undefined {
  const id = item['id'];
  if (typeof id === 'string' && id.trim() !== '') return id;
  if (typeof id === 'number' && Number.isFinite(id)) return String(id);
  return undefined;
}

/** The line JSON.parse names in its message, or the line of the position it names. */
function whereIn(text: string, message: string): string {
  const line = /line (\d+)/.exec(message);
  if (line) return ` (line ${line[1]})`;
  const position = /position (\d+)/.exec(message);
  if (!position) return '';
  return ` (line ${new LineIndex(text).positionAt(Number(position[1])).line + 1})`;
}

/** Reads a `.json` file's text as CSL-JSON. */
export function readCslJson(input: string): BibliographyRead {
  const text = withoutBom(input);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      unreadable: { format: 'csl-json', why: `it is not valid JSON${whereIn(text, message)}` },
    };
  }
  if (!Array.isArray(data)) {
    return {
      unreadable: {
        format: 'csl-json',
        why: `it holds ${describe(data)} where CSL-JSON holds a list of items ([ … ])`,
      },
    };
  }
  const items = data as unknown[];
  const records = items.map((item) =>
    typeof item === 'object' && item !== null && !Array.isArray(item)
      ? (item as Record<string, unknown>)
      : undefined,
  );
  const list = new EntryList(new LineIndex(text));
  const spans = idSpans(
    text,
    records.map((record) => (record ? idOf(record) : undefined)),
  );
  items.forEach((item, at) => {
    const index = at + 1;
    const span = spans[at] ?? { start: 0, end: 0 };
    const record = records[at];
    if (!record) {
      const problem = { kind: 'not-an-item', what: describe(item) } as const;
      list.addBroken({ id: undefined, index, title: undefined, problem, span });
      return;
    }
    const mapped = referenceFromCsl(record);
    const title = mapped.fields.title;
    const id = idOf(record);
    if (id === undefined) {
      list.addBroken({ id, index, title, problem: { kind: 'no-id' }, span });
      return;
    }
    if (!list.claim(id, span, index, title)) return;
    list.addMapped(id, index, mapped, span);
  });
  return {
    bibliography: {
      format: 'csl-json',
      lines: list.lines,
      entries: list.entries,
      broken: list.broken,
    },
  };
}
