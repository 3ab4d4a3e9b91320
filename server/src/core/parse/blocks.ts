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
 */

import { NOT_PRINTABLE } from './parse';

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
  end: number;
  /** The top-level key (for sections and headers). */
  readonly name: string;
  /** Column of the key. */
  readonly indent: number;
}

const TOP_KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: |$)/;
const HEADER = /^(steps|references): *(?:#.*)?$/;
const ENTRY_KEY = /^[A-Za-z0-9_][A-Za-z0-9_.:/+-]*?:(?: |$)/;

/**
 * Characters after which a split cannot be trusted to match a reading of the whole text:
 * tabs, byte order marks, lone carriage returns, and what YAML does not allow in a text at
 * all (reported for the whole file, see parse.ts).
 */
const UNSAFE = new RegExp(`[\\t\\uFEFF]|\\r(?!\\n)|${NOT_PRINTABLE.source}`);

export function splitBlocks(text: string): Block[] | undefined {
  if (UNSAFE.test(text)) return undefined;
  const blocks: Block[] = [];
  let header: Block | undefined;
  let entryIndent = -1;
  let entries = 0;

  /** A header with no entries under it is read whole, as a section. */
  const closeHeader = (): void => {
    if (header && entries === 0) {
      blocks[blocks.indexOf(header)] = { ...header, role: 'section' };
    }
    header = undefined;
    entryIndent = -1;
    entries = 0;
  };

  let lineStart = 0;
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
    if (indent === 0) {
      const line = text.slice(lineStart, contentEnd);
      const key = TOP_KEY.exec(line);
      if (!key) return undefined;
      closeHeader();
      const name = key[1] ?? '';
      const isHeader = HEADER.test(line);
      const block: Block = {
        role: isHeader ? 'header' : 'section',
        start: lineStart,
        end: text.length,
        name,
        indent: 0,
      };
      blocks.push(block);
      if (isHeader) header = block;
    } else if (header) {
      if (entryIndent < 0) entryIndent = indent;
      if (indent < entryIndent) return undefined;
      if (indent === entryIndent) {
        if (!ENTRY_KEY.test(text.slice(first, contentEnd))) return undefined;
        blocks.push({
          role: header.name === 'steps' ? 'steps' : 'references',
          start: lineStart,
          end: text.length,
          name: header.name,
          indent,
        });
        entries++;
      }
    } else if (blocks.length === 0) {
      return undefined;
    }
    lineStart = next;
  }
  closeHeader();
  if (blocks.length === 0) return undefined;
  for (let i = 0; i + 1 < blocks.length; i++) {
    (blocks[i] as Block).end = (blocks[i + 1] as Block).start;
  }
  return blocks;
}
