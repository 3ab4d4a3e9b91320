// Offsets in a text as the lines and columns editors count (zero-based, UTF-16), for every
// range a finding carries.
import type { Position, Range, Span } from '../types';

/**
 * Converts offsets in a string to LSP positions: zero-based lines and UTF-16 code unit
 * columns (JavaScript string offsets are already UTF-16). Recognises `\n`, `\r\n` and a
 * lone `\r` as line breaks, as LSP clients do.
 */
export class LineIndex {
  /** Offsets where lines start, the first 0; a typed array, copied fast after an edit. */
  private readonly lineStarts: Uint32Array;

  constructor(
    readonly text: string,
    lineStarts?: Uint32Array,
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    if (text.includes('\r')) {
      LineIndex.scan(text, 0, text.length, starts);
    } else {
      // Only line feeds: the engine's own search finds them faster than a loop reads.
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
        starts.push(at + 1);
      }
    }
    this.lineStarts = Uint32Array.from(starts);
  }

  /** Adds the starts of the lines broken by characters from..to-1 (a pair may reach `to`). */
  private static scan(text: string, from: number, to: number, starts: number[]): void {
    for (let i = from; i < to; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (ch === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
  }

  /** Index of the first line start greater than `offset` (the count when none is). */
  private firstAfter(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * The index of `text`, made from the index of an earlier version that has the same first
   * `prefix` characters and the same characters from `suffixStart` on (in `text`): only the
   * lines between are read again.
   */
  static edited(previous: LineIndex, text: string, prefix: number, suffixStart: number): LineIndex {
    const moved = text.length - previous.text.length;
    const old = previous.lineStarts;
    // A start depends on the break before it and, after a \r, on the character at it.
    const kept = Math.max(1, previous.firstAfter(prefix - 1));
    const middle: number[] = [];
    LineIndex.scan(text, Math.max(0, prefix - 1), suffixStart, middle);
    const last =
      middle.length > 0 ? (middle[middle.length - 1] as number) : (old[kept - 1] as number);
    // Old starts after the edit, moved: those past the last break read again.
    const oldSuffixStart = suffixStart - moved;
    let from = previous.firstAfter(oldSuffixStart);
    while (from < old.length && (old[from] as number) + moved <= last) from++;
    const starts = new Uint32Array(kept + middle.length + (old.length - from));
    starts.set(old.subarray(0, kept));
    starts.set(middle, kept);
    let at = kept + middle.length;
    for (let i = from; i < old.length; i++) starts[at++] = (old[i] as number) + moved;
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const low = this.firstAfter(clamped) - 1;
    const start = this.lineStarts[low] ?? 0;
    // An offset inside a line break (a parser may point at the \r of a \r\n) is the end
    // of the line's text: a position never lies within or past a line break.
    const next = this.lineStarts[low + 1];
    if (next !== undefined && clamped >= next - 1) {
      const breakLength = next >= 2 && this.text.charCodeAt(next - 2) === 13 ? 2 : 1;
      const contentEnd = next - (this.text.charCodeAt(next - 1) === 10 ? breakLength : 1);
      if (clamped > contentEnd) return { line: low, character: contentEnd - start };
    }
    return { line: low, character: clamped - start };
  }

  rangeOf(span: Span): Range {
    return { start: this.positionAt(span.start), end: this.positionAt(span.end) };
  }

  /** Offset of the first character of a zero-based line (the text length past the end). */
  lineStart(line: number): number {
    return this.lineStarts[line] ?? this.text.length;
  }

  /** The text of a zero-based line without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = this.lineStarts[line + 1];
    const raw = this.text.slice(start, next ?? this.text.length);
    return raw.replace(/\r?\n$|\r$/, '');
  }
}
