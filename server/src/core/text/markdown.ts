/**
 * Markdown: the one way the checker writes it (the audit report, `pathway diff --format md`,
 * hover text, the FHIR export's Markdown fields). Output is built as an mdast tree and
 * written by mdast-util-to-markdown with its GFM extension, so that text from a pathway file
 * goes in as `text` and `inlineCode` nodes and the serializer escapes exactly what would
 * otherwise start a heading, a list, a link, HTML, strikethrough or a table cell. Text from
 * the file is put on one line (longer text keeps its lines with `textLines`) with its control
 * characters shown as in the terminal: a report printed to a terminal carries no escape
 * sequence, and a title cannot start lines of its own.
 */
import type {
  Emphasis,
  Heading,
  Html,
  InlineCode,
  Link,
  List,
  ListItem,
  Paragraph,
  PhrasingContent,
  Root,
  RootContent,
  Strong,
  Table,
  TableCell,
  TableRow,
  Text,
} from 'mdast';
import { gfmToMarkdown } from 'mdast-util-gfm';
import { toMarkdown, type Options } from 'mdast-util-to-markdown';
import { showControls, terminalText } from './terminal';

/** Text from the file (or the checker's own words): escaped when written. */
export function text(value: string): Text {
  return { type: 'text', value: terminalText(value) };
}

/** An id or a code as a code span, fenced so that nothing inside can close it. */
export function code(value: string): InlineCode {
  return { type: 'inlineCode', value: terminalText(value) };
}

export function strong(...children: PhrasingContent[]): Strong {
  return { type: 'strong', children };
}

export function emphasis(...children: PhrasingContent[]): Emphasis {
  return { type: 'emphasis', children };
}

/** A line break inside a table cell, where Markdown has no other: the checker's own markup. */
export function cellBreak(): Html {
  return { type: 'html', value: '<br>' };
}

/**
 * The URL if it is an absolute http(s) address without white space, with every character
 * outside printable ASCII percent-encoded (a lone half of a surrogate pair as U+FFFD);
 * otherwise undefined. Only such a URL becomes a link.
 */
export function httpUrl(url: string): string | undefined {
  const trimmed = url.trim();
  if (!/^https?:\/\/[^\s/?#]+\S*$/i.test(trimmed)) return undefined;
  return percentEncode(trimmed);
}

/** Percent-encodes characters outside printable ASCII and those that end a URL in text. */
export function percentEncode(value: string): string {
  return value.replace(/[^\x21-\x7E]|["<>\\^`{|}]/gu, (ch) => {
    const whole = /^[\uD800-\uDFFF]$/.test(ch) ? '\uFFFD' : ch;
    return encodeURIComponent(whole);
  });
}

/**
 * A link to an http(s) address; any other address (javascript:, data:, a relative path)
 * gives the label alone, as text, so that nothing but http(s) is ever linked.
 */
export function link(url: string, ...label: PhrasingContent[]): PhrasingContent[] {
  const safe = httpUrl(url);
  if (safe === undefined) return label;
  const made: Link = { type: 'link', url: safe, children: label };
  return [made];
}

/**
 * Plain text over several lines (a rationale, a detail) as Markdown that shows it as written:
 * a paragraph for each run of lines between blank lines, a hard line break for each other
 * line break, and nothing that formats or links.
 */
export function textLines(value: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let lines: string[] = [];
  const flush = (): void => {
    if (lines.length === 0) return;
    const children: PhrasingContent[] = [];
    lines.forEach((line, i) => {
      if (i > 0) children.push({ type: 'break' });
      children.push({ type: 'text', value: showControls(line) });
    });
    paragraphs.push(paragraph(...children));
    lines = [];
  };
  for (const line of value.split(/\r\n|[\r\n\u2028\u2029]/)) {
    const trimmed = line.trim();
    if (trimmed === '') flush();
    else lines.push(trimmed);
  }
  flush();
  return paragraphs;
}

export function paragraph(...children: readonly PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children: [...children] };
}

export function heading(depth: Heading['depth'], ...children: PhrasingContent[]): Heading {
  return { type: 'heading', depth, children };
}

/** A list item: a paragraph, and lists inside it. */
export function item(children: readonly PhrasingContent[], ...lists: List[]): ListItem {
  return { type: 'listItem', spread: false, children: [paragraph(...children), ...lists] };
}

/** A tight bulleted list: each item a run of inline content, or an item made with `item`. */
export function list(items: readonly (readonly PhrasingContent[] | ListItem)[]): List {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: items.map((entry) => ('type' in entry ? entry : item(entry))),
  };
}

/** A table: a header row and rows of cells, each cell a run of inline content. */
export function table(
  header: readonly PhrasingContent[][],
  rows: readonly PhrasingContent[][][],
): Table {
  const row = (cells: readonly PhrasingContent[][]): TableRow => ({
    type: 'tableRow',
    children: cells.map((children): TableCell => ({ type: 'tableCell', children })),
  });
  return { type: 'table', children: [row(header), ...rows.map(row)] };
}

/** Inline content with a separator between the parts (", ", " → "). */
export function joined(
  parts: readonly (PhrasingContent | PhrasingContent[])[],
  separator: string,
): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  parts.forEach((part, i) => {
    if (i > 0) out.push({ type: 'text', value: separator });
    if (Array.isArray(part)) out.push(...part);
    else out.push(part);
  });
  return out;
}

const OPTIONS: Options = {
  bullet: '-',
  emphasis: '*',
  strong: '*',
  fences: true,
  listItemIndent: 'one',
  // Compact tables: cells padded to a common width would make a long report far wider.
  extensions: [gfmToMarkdown({ tablePipeAlign: false })],
};

/** A Markdown document from its blocks. */
export function markdownDocument(blocks: readonly RootContent[]): string {
  const root: Root = { type: 'root', children: [...blocks] };
  return toMarkdown(root, OPTIONS);
}

/**
 * Inline content as a Markdown value of its own, without the final line break (a FHIR
 * `markdown` field, a line of hover text). Not for splicing into other Markdown: build one
 * tree instead, so that the serializer knows the context (a table cell, a heading).
 */
export function markdownInline(...children: PhrasingContent[]): string {
  return markdownDocument([paragraph(...children)]).replace(/\n$/, '');
}
