/**
 * Help text that fits the terminal: lines break between words, never inside one, at the
 * width commander uses for the options, so the whole page reads as one.
 */

/** The widest help is this: longer lines are harder to read, however wide the terminal. */
const MAX_WIDTH = 100;
const DEFAULT_WIDTH = 80;
/** Narrower than this, a column of text is more break than word. */
const MIN_WIDTH = 30;

/**
 * The width to wrap help at: $COLUMNS when it is set (as other command-line tools honour
 * it), else the terminal's width, else 80 (output to a file or a pipe).
 */
export function helpWidth(stream: NodeJS.WriteStream): number {
  const fromEnvironment = Number.parseInt(process.env['COLUMNS'] ?? '', 10);
  const columns =
    Number.isInteger(fromEnvironment) && fromEnvironment > 0
      ? fromEnvironment
      : stream.isTTY && stream.columns > 0
        ? stream.columns
        : DEFAULT_WIDTH;
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, columns));
}

/**
 * The words of a line; a short phrase in double quotes stays whole, so that "-o -" or
 * "# pathway-disable CODE" is never cut in two.
 */
function wordsOf(text: string): string[] {
  return text.match(/"[^"\s][^"]*"\S*|\S+/g) ?? [];
}

/** Words joined into lines of at most `width` characters; a word longer than that stands alone. */
function fill(words: readonly string[], first: string, rest: string, width: number): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  // A quoted phrase too long for a line is broken between its words after all.
  const room = width - rest.length;
  const pieces = words.flatMap((word) => (word.length > room ? word.split(' ') : [word]));
  for (const word of pieces) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line = empty ? line + word : `${line} ${word}`;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}

interface Block {
  /** What starts the first line: indentation and any marker ("  - ", "  0  ", "  json   "). */
  readonly lead: string;
  /** Where the text of a continued line starts. */
  readonly hang: number;
  readonly words: string[];
  /** A line that ends a paragraph of its own (a heading such as "Exit status:"). */
  readonly alone: boolean;
}

/**
 * The lead of a line in a list: its indentation, then "- ", or a term followed by two or
 * more spaces (repeated, for the rules' code and level), or nothing (an example command).
 */
const LEAD = /^( *)(- |(?:\S+ {2,})+)?/;

/**
 * Re-flows help written as paragraphs and indented lists at `width`: the lines of a
 * paragraph are joined and broken again between words; an item of a list keeps its marker
 * and continues under its text; a heading ending in ":" stays on its line.
 */
export function wrapHelp(text: string, width: number): string {
  const out: string[] = [];
  let block: Block | undefined;
  const flush = (): void => {
    if (!block) return;
    // Past the middle of a narrow page, continued lines start nearer the margin instead.
    const hang = Math.min(block.hang, Math.max(0, width - 20));
    out.push(...fill(block.words, block.lead, ' '.repeat(hang), width));
    block = undefined;
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      flush();
      out.push('');
      continue;
    }
    const indent = line.length - line.trimStart().length;
    const words = wordsOf(line);
    // A continued line sits where the text of the line before it started.
    if (block && !block.alone && indent > 0 && indent === block.hang) {
      block.words.push(...words);
      continue;
    }
    if (block && !block.alone && indent === 0 && block.hang === 0) {
      block.words.push(...words);
      if (line.trimEnd().endsWith(':')) flush();
      continue;
    }
    flush();
    // A line at the margin is prose, whatever its spacing.
    const match = indent === 0 ? undefined : LEAD.exec(line);
    const spaces = match?.[1] ?? '';
    const marker = match?.[2] ?? '';
    const lead = spaces + marker;
    const body = line.slice(lead.length).trim();
    block = {
      lead,
      hang: indent === 0 ? 0 : marker ? lead.length : indent + 4,
      words: wordsOf(body),
      alone: indent === 0 && line.trimEnd().endsWith(':'),
    };
    if (body === '') {
      // A term with nothing after it: the whole line is the lead.
      block = { ...block, lead: line.trimEnd() };
    }
  }
  flush();
  return out.join('\n');
}
