// Reads a pathway's text line by line by indentation, without parsing it as YAML: which keys
// contain a line, which keys sit beside it, the ids under a section. Completion uses it, so
// that it answers on half-typed documents that do not parse.

/** One line of text as the indentation scans see it. */
export interface IndentedLine {
  readonly indent: number;
  readonly text: string;
  /** The key this line opens, if it has one (`next:` or `- when:`). */
  readonly key: string | undefined;
  readonly isItem: boolean;
}

export function readLine(raw: string): IndentedLine {
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
export function ancestry(lines: readonly string[], lineNumber: number, limit: number): string[] {
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
export function siblings(
  lines: readonly string[],
  lineNumber: number,
  column: number,
): { keys: Set<string>; kind: string | undefined; type: string | undefined } {
  const keys = new Set<string>();
  let kind: string | undefined;
  let type: string | undefined;
  const valueOf = (line: IndentedLine): string =>
    line.text
      .replace(/^[^:]*:/, '')
      .replace(/#.*$/, '')
      .trim();
  const add = (line: IndentedLine): void => {
    if (line.key === undefined) return;
    keys.add(line.key);
    // A step's kind, and an input's type, decide which keys sit beside them.
    if (line.key === 'kind') kind = valueOf(line);
    if (line.key === 'type') type = valueOf(line);
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
  return { keys, kind, type };
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

/** A text split into lines, with the ids under each section found once and kept. */
export interface IndentedText {
  readonly lines: readonly string[];
  readonly ids: (section: string) => readonly string[];
}

/**
 * The last text read, split into lines, with the ids found in it: completion is asked for
 * again and again on one version of a large file.
 */
let lastText: { text: string; lines: string[]; ids: Map<string, string[]> } | undefined;

/** The lines of a text and its ids by section, reused while the text stays the same. */
export function indentedText(text: string): IndentedText {
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
