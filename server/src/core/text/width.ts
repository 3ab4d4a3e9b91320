/**
 * How wide text is drawn, and how it is wrapped and cut to fit a box: by grapheme (what a
 * reader sees as one character: an emoji with its skin tone or a joined family, a flag, a
 * letter with its combining accents), never inside one, and measured in columns, where
 * Chinese, Japanese and Korean characters take two (their East Asian Width, as string-width
 * counts it). Pure: Intl.Segmenter and string-width run in Node and in the browser alike.
 */
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * An emoji drawn in colour is wider than two Latin letters of the same size (about 16 px
 * against 14 at 13 px), so in a drawing it counts for a little more than the two columns a
 * terminal gives it.
 */
const EMOJI_WIDTH = 2.5;

/** A picture character, a flag's regional indicators, a keycap: drawn as an emoji. */
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u;

/** The ellipsis that ends a cut line is drawn about as wide as a capital: two columns. */
const ELLIPSIS = '…';
const ELLIPSIS_WIDTH = 2;

/**
 * Text is handed to the segmenter in short chunks: walking the segments of one long string
 * takes time that grows with the square of its length (V8's Intl.Segmenter: seconds for a
 * 50,000-character title). The last grapheme of a chunk may go on in the next one, so it is
 * carried over, unless it is already absurdly long (a letter under a thousand accents).
 */
const CHUNK = 256;
const LONGEST_GRAPHEME = 1024;

/** The graphemes of a text, one at a time, in time linear in what is read. */
export function* graphemes(text: string): Generator<string> {
  // Printable ASCII, tabs and line feeds: every character is a grapheme of its own (only a
  // carriage return joins the line feed after it), and the segmenter is not needed.
  if (/^[\x20-\x7E\t\n]*$/.test(text)) {
    for (let i = 0; i < text.length; i++) yield text.charAt(i);
    return;
  }
  let carry = '';
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + CHUNK);
    // Never end a chunk between the two halves of a surrogate pair.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end++;
    const chunk = carry + text.slice(start, end);
    start = end;
    let last: string | undefined;
    for (const { segment } of segmenter.segment(chunk)) {
      if (last !== undefined) yield last;
      last = segment;
    }
    carry = '';
    if (last === undefined) continue;
    if (start >= text.length || last.length >= LONGEST_GRAPHEME) yield last;
    else carry = last;
  }
}

function graphemeWidth(grapheme: string): number {
  if (/^[\x20-\x7E]$/.test(grapheme)) return 1;
  const width = stringWidth(grapheme);
  return width >= 2 && EMOJI.test(grapheme) ? EMOJI_WIDTH : width;
}

/** The width of a text in columns: a Latin letter 1, a CJK character 2, an emoji 2.5. */
export function displayWidth(text: string): number {
  if (/^[\x20-\x7E]*$/.test(text)) return text.length;
  let width = 0;
  for (const grapheme of graphemes(text)) width += graphemeWidth(grapheme);
  return width;
}

/** A line cut so that it fits `width` columns with "…" after it. */
function ellipsize(line: string, width: number): string {
  let kept = '';
  let used = 0;
  for (const grapheme of graphemes(line)) {
    const next = graphemeWidth(grapheme);
    if (used + next > width - ELLIPSIS_WIDTH) break;
    kept += grapheme;
    used += next;
  }
  return `${kept.trimEnd()}${ELLIPSIS}`;
}

/** Closing punctuation (CJK and Latin) and small kana: never the first thing on a line. */
const NO_BREAK_BEFORE =
  /^[、。，．・：；！？）」』】〉》〕］｝〙〗ゝゞヽヾー々ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ,.;:!?)\]}%]/u;
/** Opening brackets: never the last thing on a line. */
const NO_BREAK_AFTER = /^[（「『【〈《〔［｛〘〖([{]$/u;

/**
 * What a line may break between: words (after white space), and each CJK character or emoji
 * on its own (scripts written without spaces break between characters), with punctuation
 * kept on the side it belongs to.
 */
interface Piece {
  text: string;
  width: number;
  /** White space stood before it; dropped when the piece starts a line. */
  readonly spaced: boolean;
  /** It goes on with the word before it, which was longer than a line. */
  readonly continued: boolean;
  /** A line may break after it without a space: it ends with a CJK character or an emoji. */
  breakAfter: boolean;
  /** It ends with an opening bracket, which stays with what follows. */
  glued: boolean;
}

/**
 * The pieces of a text; a word longer than `longest` columns comes in parts of about that
 * width, so that a huge word is read only as far as it is drawn.
 */
function* piecesOf(text: string, longest: number): Generator<Piece> {
  let current: Piece | undefined;
  let spaced = false;
  for (const grapheme of graphemes(text)) {
    if (/^\s+$/u.test(grapheme)) {
      if (current) yield current;
      current = undefined;
      spaced = true;
      continue;
    }
    const width = graphemeWidth(grapheme);
    const wide = width >= 2;
    const joins =
      current !== undefined &&
      (current.glued || NO_BREAK_BEFORE.test(grapheme) || (!wide && !current.breakAfter));
    if (current && joins && current.width + width <= longest) {
      current.text += grapheme;
      current.width += width;
      current.breakAfter = wide;
      current.glued = NO_BREAK_AFTER.test(grapheme);
      continue;
    }
    if (current) yield current;
    current = {
      text: grapheme,
      width,
      spaced,
      continued: current !== undefined && joins,
      breakAfter: wide,
      glued: NO_BREAK_AFTER.test(grapheme),
    };
    spaced = false;
  }
  if (current) yield current;
}

/**
 * The text in lines of at most `width` columns, at most `maxLines` of them: broken at white
 * space and between CJK characters, a word longer than a line broken between graphemes, and
 * the last line ending in "…" when text is left over. Reads no further than it draws.
 */
export function wrapToWidth(text: string, width: number, maxLines: number): string[] {
  // A run of white space draws as one space however long it is: it is not walked through.
  const words = text.replace(/\s+/gu, ' ').trim();
  const lines: string[] = [];
  let line = '';
  let used = 0;
  let more = false;
  const endLine = (): boolean => {
    lines.push(line);
    line = '';
    used = 0;
    return lines.length < maxLines;
  };
  outer: for (const piece of piecesOf(words, width)) {
    const gap = line !== '' && piece.spaced ? 1 : 0;
    if (used + gap + piece.width <= width) {
      line += `${gap ? ' ' : ''}${piece.text}`;
      used += gap + piece.width;
      continue;
    }
    // A word longer than a line (a long word, a URL) fills lines, broken between graphemes;
    // any other piece that does not fit starts the next line.
    const long = piece.continued || piece.width >= width;
    if (line !== '' && !piece.continued && !endLine()) {
      more = true;
      break;
    }
    if (!long) {
      line = piece.text;
      used = piece.width;
      continue;
    }
    for (const grapheme of graphemes(piece.text)) {
      const next = graphemeWidth(grapheme);
      if (line !== '' && used + next > width && !endLine()) {
        more = true;
        break outer;
      }
      line += grapheme;
      used += next;
    }
  }
  if (!more && line !== '') lines.push(line);
  if (more) lines[lines.length - 1] = ellipsize(lines[lines.length - 1] ?? '', width);
  return lines;
}
