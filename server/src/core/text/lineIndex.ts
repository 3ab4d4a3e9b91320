import type { Position, Range, Span } from '../types';

/**
 * Converts offsets in a string to LSP positions: zero-based lines and UTF-16 code unit
 * columns (JavaScript string offsets are already UTF-16). Recognises `\n`, `\r\n` and a
 * lone `\r` as line breaks, as LSP clients do.
 */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(
    readonly text: string,
    lineStarts?: number[],
  ) {
    if (lineStarts) {
      this.lineStarts = lineStarts;
      return;
    }
    const starts = [0];
    LineIndex.scan(text, 0, text.length, starts);
    this.lineStarts = starts;
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

  /**
   * The index of `text`, made from the index of an earlier version that has the same first
   * `prefix` characters and the same characters from `suffixStart` on (in `text`): only the
   * lines between are read again.
   */
  static edited(previous: LineIndex, text: string, prefix: number, suffixStart: number): LineIndex {
    const moved = text.length - previous.text.length;
    const old = previous.lineStarts;
    const starts: number[] = [];
    // A start depends on the break before it and, after a \r, on the character at it.
    let i = 0;
    while (i < old.length && (old[i] as number) <= prefix - 1) starts.push(old[i++] as number);
    if (starts.length === 0) starts.push(0);
    LineIndex.scan(text, Math.max(0, prefix - 1), suffixStart, starts);
    const last = starts[starts.length - 1] as number;
    const oldSuffixStart = suffixStart - moved;
    for (; i < old.length; i++) {
      const start = old[i] as number;
      if (start - 1 >= oldSuffixStart && start + moved > last) starts.push(start + moved);
    }
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) low = mid;
      else high = mid - 1;
    }
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
