/**
 * Text from a pathway file on its way to a terminal (and to any other line of plain text:
 * messages, `pathway diff`, file names): one line, with every character that would act
 * rather than show written as `<U+XXXX>`.
 */

/**
 * Characters that act rather than show: the C0 controls but tab (ESC starts a cursor move or
 * a colour, BEL rings, CR overwrites the line), DEL, the C1 controls (CSI among them), and the
 * bidirectional controls, which reorder what follows them so that "Do not offer" can be made
 * to read otherwise (U+061C, U+200E-U+200F, the embeddings and overrides U+202A-U+202E, the
 * isolates U+2066-U+2069).
 */
// eslint-disable-next-line no-control-regex -- making control characters visible is the point
const INVISIBLE = /[\x00-\x08\x0A-\x1F\x7F-\x9F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** One character as `<U+XXXX>`. */
function codePointName(ch: string): string {
  return `<U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** The text with every control and bidirectional control character shown as `<U+XXXX>`. */
export function showControls(text: string): string {
  return text.replace(INVISIBLE, codePointName);
}

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

/**
 * A value from the file for a line of plain text: on one line (so that it cannot start a line
 * of its own that looks like the tool's) and with its control characters shown.
 */
export function terminalText(text: string): string {
  return showControls(oneLine(text));
}

/** The longest message shown: a message quoting a huge value must not become huge itself. */
const MAX_MESSAGE_LENGTH = 1000;

/**
 * A finding's message, whatever text from the file it quotes: on one line, control and
 * bidirectional characters shown as `<U+XXXX>` (so they cannot move the terminal's cursor or
 * reorder the message), and clipped.
 */
export function cleanMessage(message: string): string {
  return clipped(terminalText(message), MAX_MESSAGE_LENGTH);
}

/**
 * At most `max` UTF-16 code units of a text, a longer one cut with "…" (which counts): never
 * inside a surrogate pair, whose half would show as U+FFFD.
 */
export function clipped(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  if (/[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end--;
  return `${text.slice(0, end)}…`;
}

/**
 * A value as JSON for a terminal or a file, two spaces an indent: JSON.stringify already
 * writes the C0 controls as `\uXXXX`; DEL, the C1 controls, the bidirectional controls and
 * the Unicode line separators are written so too. The data read back is the same.
 */
export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\x7F-\x9F\u061C\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
