/**
 * Splits a pathway written in plain block style into pieces that YAML reads the same on
 * their own as within the file: each top-level entry, and inside `steps` and `references`
 * each step and each reference. A piece runs from its key's line to the next piece's key
 * line (blank and comment lines between them go with the piece above).
 *
 * The split only looks at where lines start; it is used only when every line is plainly
 * understood, and undefined is returned for anything else (tabs, document markers and
 * directives, flow or list style at the top, keys in quotes, lines indented less than the
 * entries around them), so that the file is then read whole. What the split cannot see
 * (an unclosed quote or bracket, an anchor or alias) the caller finds by parsing each piece.
 *
 * After an edit, `resplitBlocks` reads again only the lines from the piece before the edit
 * to the first piece after it that starts as it did, and moves the pieces after that.
 */

import type { TextEdit } from '../types';
import { FORBIDDEN_CHARACTERS } from './parse';

export type BlockRole =
  /** A whole top-level entry, read on its own. */
  | 'section'
  /** The `steps:` or `references:` line of a section that is read entry by entry. */
  | 'header'
  /** One step (under a `steps` header) or one reference (under a `references` header). */
  | 'steps'
  | 'references';

export interface Block {
  readonly role: BlockRole;
  /** Offset of the start of the key's line. */
  readonly start: number;
  /** Where the next block starts, or the end of the text. */
  readonly end: number;
  /** The top-level key (for sections and headers); the header's key for entries. */
  readonly name: string;
  /** Column of the key. */
  readonly indent: number;
}

/** A block whose end is not known yet. */
type Opening = Omit<Block, 'end'>;

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: |$)/;
const HEADER = /^(steps|references): *(?:#.*)?$/;
const ENTRY_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.:/+-]*?:(?: |$)/;

/**
 * Characters that may make a split differ from a reading of the whole text: tabs, byte
 * order marks, carriage returns and surrogates (each looked at again below), and what YAML
 * does not allow in a text at all (reported for the whole file, see parse.ts). One class
 * of characters, which the regular expression engine scans quickly.
 */
const SUSPECT = new RegExp(`[\\t\\r\\uFEFF\\uD800-\\uDFFF${FORBIDDEN_CHARACTERS}]`, 'g');

function isHigh(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * True when characters `from`..`to`-1 of the text hold something the split cannot vouch
 * for: a tab, a byte order mark, a carriage return not followed by a line feed, half of a
 * surrogate pair on its own, or a character YAML does not allow.
 */
export function unsafeBetween(text: string, from: number, to: number): boolean {
  const start = Math.max(0, from);
  const part = text.slice(start, Math.min(text.length, to));
  SUSPECT.lastIndex = 0;
  for (let match = SUSPECT.exec(part); match; match = SUSPECT.exec(part)) {
    const at = start + match.index;
    const code = text.charCodeAt(at);
    if (code === 13 && text.charCodeAt(at + 1) === 10) continue;
    if (isHigh(code) && isLow(text.charCodeAt(at + 1))) continue;
    if (isLow(code) && isHigh(text.charCodeAt(at - 1))) continue;
    return true;
  }
  return false;
}

/** Where a scan stands: the header whose entries are being read, if any. */
interface State {
  /** Index in the openings of the `steps:` or `references:` header being read. */
  header: number | undefined;
  /** Column of the header's entries, once its first entry is read. */
  entryIndent: number;
  entries: number;
}

/**
 * Reads lines from `from` on, adding an opening for each block's first line. `stop` is
 * asked at each line that starts something (not blank, not a comment); when it returns
 * true the scan stops there and that offset is returned. Returns undefined when a line is
 * not plainly understood, the text's length when it reached the end.
 */
function scan(
  text: string,
  from: number,
  openings: Opening[],
  state: State,
  stop?: (lineStart: number, indent: number) => boolean,
): number | undefined {
  /** A header with no entries under it is read whole, as a section. */
  const closeHeader = (): void => {
    if (state.header !== undefined && state.entries === 0) {
      const header = openings[state.header] as Opening;
      openings[state.header] = { ...header, role: 'section' };
    }
    state.header = undefined;
    state.entryIndent = -1;
    state.entries = 0;
  };

  let lineStart = from;
  while (lineStart < text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let contentEnd = lineEnd;
    if (contentEnd > lineStart && text.charCodeAt(contentEnd - 1) === 13) contentEnd--;
    let first = lineStart;
    while (first < contentEnd && text.charCodeAt(first) === 32) first++;
    const next = lineEnd + 1;
    // Blank lines and comments belong to the block above.
    if (first === contentEnd || text.charCodeAt(first) === 35 /* # */) {
      lineStart = next;
      continue;
    }
    const indent = first - lineStart;
    if (stop?.(lineStart, indent)) {
      if (indent === 0) closeHeader();
      return lineStart;
    }
    if (indent === 0) {
      const line = text.slice(lineStart, contentEnd);
      const key = TOP_KEY.exec(line);
      if (!key) return undefined;
      closeHeader();
      const name = key[1] ?? '';
      const isHeader = HEADER.test(line);
      openings.push({ role: isHeader ? 'header' : 'section', start: lineStart, name, indent: 0 });
      if (isHeader) state.header = openings.length - 1;
    } else if (state.header !== undefined) {
      if (state.entryIndent < 0) state.entryIndent = indent;
      if (indent < state.entryIndent) return undefined;
      if (indent === state.entryIndent) {
        if (!ENTRY_KEY.test(text.slice(first, contentEnd))) return undefined;
        const header = (openings[state.header] as Opening).name;
        openings.push({
          role: header === 'steps' ? 'steps' : 'references',
          start: lineStart,
          name: header,
          indent,
        });
        state.entries++;
      }
    } else if (openings.length === 0) {
      return undefined;
    }
    lineStart = next;
  }
  closeHeader();
  return text.length;
}

export function splitBlocks(text: string): Block[] | undefined {
  if (unsafeBetween(text, 0, text.length)) return undefined;
  const openings: Opening[] = [];
  const state: State = { header: undefined, entryIndent: -1, entries: 0 };
  if (scan(text, 0, openings, state) === undefined || openings.length === 0) return undefined;
  return openings.map((opening, i) => ({ ...opening, end: openings[i + 1]?.start ?? text.length }));
}

/** Index of the last block starting at or before `offset` (-1 when none does). */
function blockAt(blocks: readonly Block[], offset: number): number {
  let low = -1;
  let high = blocks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((blocks[mid] as Block).start <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The split of a text after an edit, from the split of the text before it: exactly what
 * `splitBlocks(text)` gives, reading only the lines near the edit. The text before the
 * edit must have split (`previous` is its split).
 */
export function resplitBlocks(
  previous: readonly Block[],
  text: string,
  edit: TextEdit,
): Block[] | undefined {
  const { prefix, suffixStart, moved } = edit;
  // The characters around the edit decide whether a carriage return or a surrogate pairs.
  if (unsafeBetween(text, prefix - 1, suffixStart + 1)) return undefined;

  // Start at the line of the block holding the character before the edit, one block
  // further back when that is a section (a header left without entries reads as one).
  let from = blockAt(previous, prefix - 1);
  if (from > 0 && (previous[from - 1] as Block).role === 'section') from--;
  // An edit above the first block: everything is read again from the top.
  const scanFrom = from < 0 ? 0 : (previous[from] as Block).start;
  if (from < 0) from = 0;

  const openings: Opening[] = previous.slice(0, from);
  const state: State = { header: undefined, entryIndent: -1, entries: 0 };
  // The state the whole scan is in at that line: which header's entries are being read.
  let header = from - 1;
  while (header >= 0 && (previous[header] as Block).role !== 'header') {
    if ((previous[header] as Block).role === 'section') header = -1;
    else header--;
  }
  if (header >= 0) {
    state.header = header;
    state.entries = from - header - 1;
    state.entryIndent = state.entries > 0 ? (previous[from - 1] as Block).indent : -1;
  }

  // Stop at the first line after the edit where an old block started in the same state:
  // from there on the old split holds, moved by the edit's length.
  let old = from;
  const stop = (lineStart: number, indent: number): boolean => {
    if (lineStart < suffixStart) return false;
    const was = lineStart - moved;
    while (old < previous.length && (previous[old] as Block).start < was) old++;
    const block = previous[old];
    if (block?.start !== was) return false;
    if (block.role === 'section' || block.role === 'header') return indent === 0;
    const reading = state.header === undefined ? undefined : openings[state.header];
    return reading?.name === block.name && state.entryIndent === block.indent;
  };
  const end = scan(text, scanFrom, openings, state, stop);
  if (end === undefined || (openings.length === 0 && end === text.length)) return undefined;

  // The blocks before the one read again keep their ends, unless a header was closed.
  const blocks: Block[] = openings.map((opening, i) =>
    opening === previous[i] && i + 1 < from
      ? (opening as Block)
      : { ...opening, end: openings[i + 1]?.start ?? end },
  );
  if (end < text.length) {
    for (let i = old; i < previous.length; i++) {
      const block = previous[i] as Block;
      blocks.push(
        moved === 0 ? block : { ...block, start: block.start + moved, end: block.end + moved },
      );
    }
  }
  return blocks;
}
