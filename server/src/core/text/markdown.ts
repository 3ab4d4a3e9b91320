/**
 * Text from a pathway file on one line, and in Markdown: what hover, the audit report and
 * other Markdown output use for titles, conditions and ids, so that no text from a file can
 * start a heading, a link, HTML or a table cell, or run past its line.
 */

/**
 * The text on one line: each line break, with the white space around it, becomes one space.
 * Linear in the text's length: the obvious regular expression (spaces, line breaks, spaces)
 * backtracks quadratically on a long run of spaces.
 */
export function oneLine(text: string): string {
  if (!/[\r\n\u2028\u2029]/.test(text)) return text;
  const parts = text.split(/[\r\n\u2028\u2029]/);
  const kept: string[] = [];
  parts.forEach((part, i) => {
    let piece = part;
    if (i > 0) piece = piece.trimStart();
    if (i < parts.length - 1) piece = piece.trimEnd();
    if (piece !== '' || i === 0 || i === parts.length - 1) kept.push(piece);
  });
  return kept.join(' ');
}

/** Plain text for Markdown, on one line: every character that starts formatting escaped. */
export function markdownText(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#+!|<>~&]/g, (ch) => `\\${ch}`);
}

/**
 * Text as inline code (an id), on one line: fenced with more backticks than any run inside
 * it. In a table cell, `|` is escaped so that it cannot end the cell.
 */
export function markdownCode(text: string, { inTable = false } = {}): string {
  const single = oneLine(text);
  const line = inTable ? single.replace(/\|/g, '\\|') : single;
  let longest = 0;
  for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') || line === '' ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}
