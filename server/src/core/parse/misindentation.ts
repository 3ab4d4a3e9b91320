/**
 * Finds the line whose indentation is out of line when the parser stops on an indentation
 * mistake, and says so in words an author can act on. The YAML parser is the judge
 * throughout: a line is named only when moving it (and the lines under it) to the column of
 * a line nearby makes the parser's errors there go away. The parser often points one line
 * too early (a deeper `title:` reads as the rest of the value above it), so its own message
 * would send the author to the wrong line.
 */

import type { Span } from '../types';

/** A parser error as this module needs it: a code and where it points. */
export interface ParserError {
  readonly code: string;
  readonly pos: readonly [number, number];
}

export interface IndentationReport<E extends ParserError> {
  /** The indentation mistakes found, in the original text, one for each. */
  readonly mistakes: readonly { readonly message: string; readonly span: Span }[];
  /** The parser errors left once those lines are put right, in the original text. */
  readonly rest: readonly { readonly error: E; readonly span: Span }[];
}

/**
 * Each trial reads the whole text again: at most this many characters are read in all (a
 * large file gets few trials, a huge one none and keeps the parser's own errors), at most
 * MAX_TRIALS for one mistake, and at most MAX_MISTAKES mistakes are explained in one file.
 */
const MAX_REREAD = 4 * 1024 * 1024;
const MAX_TRIALS = 12;
const MAX_MISTAKES = 3;

interface Line {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Length of the leading spaces and tabs. */
  readonly indentLength: number;
  /** Offset just before the line break (or the end of the text). */
  readonly end: number;
  readonly tab: boolean;
  /** Neither blank nor a comment. */
  readonly content: boolean;
  /** Columns where something starts: the indentation, then after each leading "- ". */
  readonly columns: readonly number[];
}

function readLines(text: string): Line[] {
  const lines: Line[] = [];
  for (const match of text.matchAll(/([ \t]*)([^\r\n]*)(\r\n|\n|\r|$)/g)) {
    const [whole, indent = '', rest = ''] = match;
    const start = match.index;
    if (whole === '' && start >= text.length && lines.length > 0) break;
    const columns = [indent.length];
    for (const item of rest.matchAll(/-(?: +|$)/gy)) {
      columns.push(indent.length + item.index + item[0].length);
    }
    // A line of only dashes and spaces opens items; its last column is the next line's.
    lines.push({
      start,
      indentLength: indent.length,
      end: start + indent.length + rest.length,
      tab: indent.includes('\t'),
      content: rest !== '' && !rest.startsWith('#'),
      columns: rest.trim() === '-' ? columns.slice(0, -1) : columns,
    });
    if (whole === '') break;
  }
  return lines;
}

function lineAt(lines: readonly Line[], offset: number): number {
  let low = 0;
  let high = lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lines[mid] as Line).start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function contentFrom(lines: readonly Line[], index: number, step: 1 | -1): number | undefined {
  for (let i = index; i >= 0 && i < lines.length; i += step) {
    if ((lines[i] as Line).content) return i;
  }
  return undefined;
}

/** The line's column, or undefined when a tab makes it unknowable. */
function columnOf(line: Line | undefined): number | undefined {
  return line && !line.tab ? line.indentLength : undefined;
}

interface Candidate {
  readonly column: number;
  /** The line that has something starting at that column. */
  readonly from: number;
}

/**
 * Columns the line at `index` might belong at: those of the lines above it, innermost first
 * and out to the left edge, then the indentation of the line below.
 */
function candidateColumns(lines: readonly Line[], index: number): Candidate[] {
  const own = columnOf(lines[index]);
  const found: Candidate[] = [];
  const seen = new Set<number>();
  const add = (column: number, from: number): void => {
    if (column === own || seen.has(column)) return;
    seen.add(column);
    found.push({ column, from });
  };
  let leftmost = Number.POSITIVE_INFINITY;
  for (let i = contentFrom(lines, index - 1, -1); i !== undefined;) {
    const line = lines[i] as Line;
    if (!line.tab && line.indentLength < leftmost) {
      for (const column of [...line.columns].reverse()) add(column, i);
      leftmost = line.indentLength;
      if (leftmost === 0) break;
    }
    i = contentFrom(lines, i - 1, -1);
  }
  const below = contentFrom(lines, index + 1, 1);
  const belowColumn = below === undefined ? undefined : columnOf(lines[below]);
  if (below !== undefined && belowColumn !== undefined) add(belowColumn, below);
  return found;
}

/** The text with the indentation of lines first..last set: each moved by the same amount. */
interface Repair {
  readonly text: string;
  /** Maps an offset in the repaired text back to the original. */
  readonly toOriginal: (offset: number) => number;
}

function reindent(
  text: string,
  lines: readonly Line[],
  first: number,
  last: number,
  column: number,
): Repair {
  const head = lines[first] as Line;
  const shift = column - head.indentLength;
  const edits: { at: number; was: number; now: number }[] = [];
  let out = text.slice(0, head.start);
  let from = head.start;
  for (let i = first; i <= last; i++) {
    const line = lines[i] as Line;
    // Blank lines keep their (lack of) indentation; a tab line is rewritten with spaces.
    const width = i === first ? column : line.content ? line.indentLength + shift : undefined;
    if (width === undefined || width < 0) continue;
    out += text.slice(from, line.start) + ' '.repeat(width);
    edits.push({ at: line.start, was: line.indentLength, now: width });
    from = line.start + line.indentLength;
  }
  out += text.slice(from);
  const toOriginal = (offset: number): number => {
    // How far the repaired text has moved ahead of the original before each edit.
    let delta = 0;
    for (const edit of edits) {
      const at = edit.at + delta;
      if (offset < at) break;
      if (offset < at + edit.now) return edit.at + Math.min(offset - at, edit.was);
      delta += edit.now - edit.was;
    }
    return offset - delta;
  };
  return { text: out, toOriginal };
}

/** The last line of the block under `index`: the lines after it indented further. */
function blockEnd(lines: readonly Line[], index: number): number {
  const own = columnOf(lines[index]);
  if (own === undefined) return index;
  let last = index;
  for (let i = contentFrom(lines, index + 1, 1); i !== undefined;) {
    const line = lines[i] as Line;
    if (line.tab || line.indentLength <= own) break;
    last = i;
    i = contentFrom(lines, i + 1, 1);
  }
  return last;
}

interface Found<E extends ParserError> {
  readonly line: number;
  /** The lines under it had to move with it. */
  readonly withBlock: boolean;
  readonly candidate: Candidate;
  readonly repair: Repair;
  readonly errors: readonly E[];
}

/**
 * Tries moving the line at `index` to each column nearby; the first move after which the
 * parser reads that line and the next one cleanly, with fewer errors overall, is the fix.
 */
function tryLine<E extends ParserError>(
  text: string,
  lines: readonly Line[],
  index: number,
  errorCount: number,
  budget: { trials: number },
  parseErrors: (text: string) => readonly E[],
): Found<E> | undefined {
  const last = blockEnd(lines, index);
  for (const candidate of candidateColumns(lines, index)) {
    for (const end of last > index ? [index, last] : [index]) {
      if (budget.trials-- <= 0) return undefined;
      const repair = reindent(text, lines, index, end, candidate.column);
      const errors = parseErrors(repair.text);
      if (errors.length >= errorCount) continue;
      // Clean up to the end of the line after the moved ones: the mistake is gone, not moved.
      const next = contentFrom(lines, end + 1, 1);
      const cleanTo = next === undefined ? text.length : (lines[next] as Line).end;
      // A colon in the moved line's own value (or anything else after a tab) is another
      // mistake, left for later: the line is out of line all the same.
      const own = lines[index] as Line;
      const allowed = (error: E): boolean => {
        const at = repair.toOriginal(error.pos[0]);
        if (at > cleanTo) return true;
        const onOwnLine = at >= own.start && at <= own.end;
        return onOwnLine && (own.tab || error.code === 'BLOCK_AS_IMPLICIT_KEY');
      };
      if (errors.every(allowed)) {
        return { line: index, withBlock: end > index, candidate, repair, errors };
      }
    }
  }
  return undefined;
}

/** The lines to try moving for a parser error, most likely first. */
function suspects(lines: readonly Line[], error: ParserError): number[] {
  const at = contentFrom(lines, lineAt(lines, error.pos[0]), 1);
  if (at === undefined) return [];
  const line = lines[at] as Line;
  const above = contentFrom(lines, at - 1, -1);
  const below = contentFrom(lines, at + 1, 1);
  const order: (number | undefined)[] = [];
  const aboveColumn = above === undefined ? undefined : columnOf(lines[above]);
  const belowColumn = below === undefined ? undefined : columnOf(lines[below]);
  const odd =
    !line.tab &&
    aboveColumn !== undefined &&
    aboveColumn === belowColumn &&
    aboveColumn !== line.indentLength;
  // An error inside a value (not at the line's indentation) usually means the next line,
  // indented too far, was read as more of that value.
  const insideValue = error.pos[0] > line.start + line.indentLength;
  if (line.tab || odd || !insideValue) order.push(at, below);
  else order.push(below, at);
  order.push(above);
  return order.filter((i): i is number => i !== undefined);
}

/** The key a line starts (after any "- "), without its colon, when it has a plain one. */
function keyOf(text: string, line: Line, column: number): string | undefined {
  const rest = text.slice(line.start + column, line.end).replace(/^(?:- +)+/, '');
  return /^([\p{L}\p{N}_][\p{L}\p{N}_ .-]{0,39}?):(?:[ \t]|$)/u.exec(rest)?.[1];
}

function isItemAt(text: string, line: Line, column: number): boolean {
  return /^-(?: |$)/.test(text.slice(line.start + column, line.end));
}

function spaces(column: number): string {
  if (column === 0) return 'at the start of the line';
  return `${column} space${column === 1 ? '' : 's'} from the left`;
}

function describe(text: string, lines: readonly Line[], found: Found<ParserError>): string {
  const moved = lines[found.line] as Line;
  const ref = lines[found.candidate.from] as Line;
  const column = found.candidate.column;
  const n = found.line + 1;
  const k = found.candidate.from + 1;
  const where = found.candidate.from < found.line ? 'above' : 'below';
  const item = isItemAt(text, moved, moved.indentLength);
  const key = keyOf(text, moved, moved.indentLength);
  const refItem = isItemAt(text, ref, column);
  const refKey = refItem ? undefined : keyOf(text, ref, column);
  const refName = refItem
    ? `the list item on line ${k}`
    : refKey
      ? `"${refKey}:" on line ${k}`
      : `line ${k}`;
  const alignWith = refItem ? `the "-" on line ${k}` : refKey ? `"${refKey}:"` : `line ${k}`;
  if (moved.tab) {
    const what = item ? 'its "-"' : key ? `"${key}:"` : 'it';
    const indent = text.slice(moved.start, moved.start + moved.indentLength);
    const count = `${column} space${column === 1 ? '' : 's'}`;
    const fix =
      indent === '\t'
        ? `Replace the tab with ${count}`
        : `Indent the line with ${count} and no tab`;
    return (
      `Line ${n} is indented with a tab, and YAML allows only spaces for indentation. ` +
      `${fix} so that ${what} lines up with ${refName} ${where} it.`
    );
  }
  const subject = item
    ? `The list item on line ${n}`
    : key
      ? `"${key}:" on line ${n}`
      : `Line ${n}`;
  const further = moved.indentLength > column;
  const what =
    (item ? 'its "-"' : key ? `"${key}:"` : 'it') +
    (found.withBlock ? ' (and the lines under it)' : '');
  const together =
    item && refItem
      ? 'Items of one list'
      : !item && refKey
        ? 'Keys that belong together'
        : 'Lines that belong together';
  return (
    `${subject} is indented ${further ? 'further' : 'less'} than ${refName} ${where} it. ` +
    `${together} must start in the same column: move ${what} ${further ? 'left' : 'right'} ` +
    `to line up with ${alignWith} (${spaces(column)}).`
  );
}

/** Where the report's range goes: the key (or "- key") of the moved line, or its tab. */
function rangeOf(text: string, line: Line): Span {
  const start = line.start + line.indentLength;
  if (line.tab) return { start: line.start, end: start };
  const rest = text.slice(start, line.end);
  const head = /^(?:- +)*(?:[^\s:#][^:#]*?(?=:(?:[ \t]|$))|-)/.exec(rest)?.[0];
  const length = head ? head.length : rest.trimEnd().length;
  return { start, end: start + Math.max(1, Math.min(length, 80)) };
}

/**
 * Explains the parser's errors that come from a line indented out of line (deeper or
 * shallower than its siblings, a list item out of step, a tab). `parseErrors` reads a text
 * as the caller does. When the first error is not such a mistake, every error is returned
 * in `rest` unchanged.
 */
export function explainIndentation<E extends ParserError>(
  text: string,
  errors: readonly E[],
  parseErrors: (text: string) => readonly E[],
): IndentationReport<E> {
  const mistakes: { message: string; span: Span }[] = [];
  let current = text;
  let currentErrors = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  let toOriginal = (offset: number): number => offset;
  const original = readLines(text);
  let trialsLeft = Math.min(MAX_TRIALS * 2, Math.floor(MAX_REREAD / Math.max(1, text.length)));
  while (mistakes.length < MAX_MISTAKES && currentErrors.length > 0 && trialsLeft > 0) {
    const lines = readLines(current);
    const first = currentErrors[0] as E;
    const budget = { trials: Math.min(MAX_TRIALS, trialsLeft) };
    const before = budget.trials;
    let found: Found<E> | undefined;
    for (const index of suspects(lines, first)) {
      found = tryLine(current, lines, index, currentErrors.length, budget, parseErrors);
      if (found || budget.trials <= 0) break;
    }
    trialsLeft -= before - Math.max(0, budget.trials);
    if (!found) break;
    const movedAt = toOriginal((lines[found.line] as Line).start);
    const movedLine = original[lineAt(original, movedAt)] as Line;
    const span = rangeOf(text, movedLine);
    // Lines are numbered as in the file the author sees: the same lines, unmoved.
    mistakes.push({ message: describe(current, lines, found), span });
    const outer = toOriginal;
    const inner = found.repair.toOriginal;
    toOriginal = (offset) => outer(inner(offset));
    current = found.repair.text;
    currentErrors = [...found.errors].sort((a, b) => a.pos[0] - b.pos[0]);
  }
  const rest = currentErrors.map((error) => {
    const start = toOriginal(error.pos[0]);
    return { error, span: { start, end: Math.max(start, toOriginal(error.pos[1])) } };
  });
  return { mistakes, rest };
}
