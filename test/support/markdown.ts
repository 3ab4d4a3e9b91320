// Reading Markdown back as its readers do, to check what the checker writes: CommonMark with
// mdast-util-from-markdown (micromark), and GitHub's extensions (tables, strikethrough, bare
// links) with markdown-it, which VS Code's Markdown preview uses. The GFM syntax extension
// for micromark is not installed, so mdast-util-gfm's reading half cannot be used here.
import type { Nodes, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import MarkdownIt from 'markdown-it';

interface Token {
  readonly type: string;
  readonly tag: string;
  readonly content: string;
  readonly attrs: [string, string][] | null;
  readonly children: Token[] | null;
}

interface Parser {
  parse(text: string, env: object): Token[];
  readonly linkify: { add(schema: string, definition: null): void };
}

/** GFM as GitHub renders it: raw HTML recognised, bare addresses linked. */
const gfm = new (MarkdownIt as new (options: object) => Parser)({ html: true, linkify: true });
// GitHub links bare http(s) and www. addresses, not scheme-relative ones ("//host/path").
gfm.linkify.add('//', null);

export function commonMarkTree(markdown: string): Root {
  return fromMarkdown(markdown);
}

export function gfmTokens(markdown: string): Token[] {
  return gfm.parse(markdown, {});
}

/** A CommonMark node without its words: its type (a heading's depth) and its children. */
function shapeOf(node: Nodes): string {
  const name = node.type === 'heading' ? `heading${node.depth}` : node.type;
  if (!('children' in node)) return name;
  const children: string[] = [];
  for (const child of node.children) {
    const shape = shapeOf(child);
    // The words of one run may be read as one text node or several (after an escape).
    if (shape === 'text' && children[children.length - 1] === 'text') continue;
    children.push(shape);
  }
  return `${name}(${children.join(' ')})`;
}

/** GFM tokens without their words: block and inline token types, runs of text as one. */
function tokenShape(tokens: readonly Token[]): string {
  const out: string[] = [];
  for (const token of tokens) {
    const name = token.type === 'text' || token.type === 'text_special' ? 'text' : token.type;
    if (name === 'text' && out[out.length - 1] === 'text') continue;
    out.push(token.children ? `${name}[${tokenShape(token.children)}]` : name);
  }
  return out.join(' ');
}

/**
 * The structure both readers make of a Markdown text, without its words: headings, lists,
 * tables and their cells, links, emphasis, strikethrough, HTML. Two texts with the same shape
 * differ only in their words.
 */
export function markdownShape(markdown: string): string {
  return `${shapeOf(commonMarkTree(markdown))}\n${tokenShape(gfmTokens(markdown))}`;
}

/** The words of each run of inline content (a paragraph, a heading, a cell), as GFM reads them. */
export function markdownTexts(markdown: string): string[] {
  const texts: string[] = [];
  for (const token of gfmTokens(markdown)) {
    if (token.type !== 'inline') continue;
    texts.push(
      (token.children ?? [])
        .map((child) =>
          ['text', 'text_special', 'code_inline'].includes(child.type)
            ? child.content
            : child.type === 'softbreak' || child.type === 'hardbreak'
              ? '\n'
              : '',
        )
        .join(''),
    );
  }
  return texts;
}

/** Every link target in the text, as either reader takes it. */
export function markdownLinks(markdown: string): string[] {
  const links: string[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === 'link' || node.type === 'image' || node.type === 'definition')
      links.push(node.url);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(commonMarkTree(markdown));
  const visit = (tokens: readonly Token[]): void => {
    for (const token of tokens) {
      for (const [name, value] of token.attrs ?? [])
        if (name === 'href' || name === 'src') links.push(value);
      if (token.children) visit(token.children);
    }
  };
  visit(gfmTokens(markdown));
  return links;
}

/** What the writer meant to make: headings by their words, links by their address, HTML. */
export interface MarkdownAllowed {
  /** Every heading's words match one of these. */
  readonly headings: readonly RegExp[];
  /** Every link's address matches this (nothing links if left out). */
  readonly links?: RegExp;
  /** Every piece of raw HTML matches this (none if left out). */
  readonly html?: RegExp;
}

/**
 * Everything either reader makes of the text that the writer did not mean: a heading, a
 * link, HTML, strikethrough, an image or a link definition. Empty when the text reads as meant.
 */
export function markdownProblems(markdown: string, allowed: MarkdownAllowed): string[] {
  const problems: string[] = [];
  const heading = (words: string): void => {
    if (!allowed.headings.some((pattern) => pattern.test(words)))
      problems.push(`a heading: ${JSON.stringify(words)}`);
  };
  const linkTo = (url: string): void => {
    if (!allowed.links?.test(url)) problems.push(`a link to ${JSON.stringify(url)}`);
  };
  const html = (value: string): void => {
    if (!allowed.html?.test(value.trim())) problems.push(`HTML: ${JSON.stringify(value)}`);
  };
  const walk = (node: Nodes): void => {
    if (node.type === 'heading') heading(plainText(node));
    if (node.type === 'link') linkTo(node.url);
    if (node.type === 'html') html(node.value);
    if (node.type === 'image' || node.type === 'definition' || node.type === 'delete')
      problems.push(`${node.type === 'delete' ? 'strikethrough' : `an ${node.type}`}`);
    if ('children' in node) for (const child of node.children) walk(child);
  };
  walk(commonMarkTree(markdown));

  const tokens = gfmTokens(markdown);
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') heading(inlineWords(tokens[i + 1]));
    if (token.type === 'html_block') html(token.content);
    for (const child of token.children ?? []) {
      if (child.type === 's_open') problems.push('strikethrough');
      if (child.type === 'html_inline') html(child.content);
      if (child.type === 'image') problems.push('an image');
      if (child.type === 'link_open')
        linkTo(child.attrs?.find(([name]) => name === 'href')?.[1] ?? '');
    }
  });
  return [...new Set(problems)];
}

function plainText(node: Nodes): string {
  if ('value' in node) return node.value;
  if ('children' in node) return node.children.map(plainText).join('');
  return '';
}

function inlineWords(token: Token | undefined): string {
  return (token?.children ?? [])
    .filter((child) => ['text', 'text_special', 'code_inline'].includes(child.type))
    .map((child) => child.content)
    .join('');
}

/** Each table as GFM reads it: rows of cells, each cell's words. */
export function markdownTables(markdown: string): string[][][] {
  const tables: string[][][] = [];
  const tokens = gfmTokens(markdown);
  tokens.forEach((token, i) => {
    if (token.type === 'table_open') tables.push([]);
    if (token.type === 'tr_open') tables[tables.length - 1]?.push([]);
    if (token.type === 'th_open' || token.type === 'td_open') {
      const rows = tables[tables.length - 1];
      rows?.[rows.length - 1]?.push(inlineWords(tokens[i + 1]));
    }
  });
  return tables;
}
