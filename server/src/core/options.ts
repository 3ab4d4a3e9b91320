// How a check is configured (rule levels, the file size limit, whether comments may silence
// findings), with the sizes and levels that go with it.
import type { RuleCode, RuleLevel } from './types';

/** How a run is configured: one object, passed in by the CLI and by the language server. */
export interface CheckOptions {
  /** A level per rule code; codes not named keep their default. */
  readonly rules?: Readonly<Partial<Record<RuleCode, RuleLevel>>>;
  /**
   * The largest file checked, in bytes of UTF-8 (default DEFAULT_MAX_FILE_SIZE). A larger
   * one gets a single file-too-large finding and is not read.
   */
  readonly maxFileSize?: number;
  /**
   * Ignore the `# pathway-disable` comments in files, so that every finding is reported: for
   * checking changes that come from outside, where a comment could hide a problem.
   */
  readonly noInlineConfig?: boolean;
}

/** 10 MB: far above any real pathway (a 10,000-step one is about 6 MB), below a hang. */
export const DEFAULT_MAX_FILE_SIZE = 10 * 1024 * 1024;

/** The size limit of a run: the option when it is a positive number, else the default. */
export function maxFileSizeOf(options: CheckOptions): number {
  const limit = options.maxFileSize;
  return typeof limit === 'number' && limit > 0 ? limit : DEFAULT_MAX_FILE_SIZE;
}

/** A size in bytes in words: "10 MB", "512 KB", "900 bytes" (1 MB = 1,048,576 bytes). */
export function formatSize(bytes: number): string {
  const units: [number, string][] = [
    [1024 * 1024 * 1024, 'GB'],
    [1024 * 1024, 'MB'],
    [1024, 'KB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
    }
  }
  return `${bytes} bytes`;
}

/**
 * The UTF-8 size of a text, counted only as far as needed to know whether it is above
 * `limit` (a text of n UTF-16 units takes between n and 3n bytes).
 */
export function utf8SizeAbove(text: string, limit: number): number | undefined {
  if (text.length > limit) return utf8Size(text);
  if (text.length * 3 <= limit) return undefined;
  const size = utf8Size(text);
  return size > limit ? size : undefined;
}

/** Runs of characters outside ASCII: the only ones that take more than one byte. */
// eslint-disable-next-line no-control-regex -- the range starts at NUL: all of ASCII
const NON_ASCII = /[^\x00-\x7F]+/g;

export function utf8Size(text: string): number {
  // One byte per UTF-16 unit, plus what the units outside ASCII take beyond that: found by
  // the engine's own search, as most of a pathway is ASCII.
  let bytes = text.length;
  NON_ASCII.lastIndex = 0;
  for (let match = NON_ASCII.exec(text); match; match = NON_ASCII.exec(text)) {
    const run = match[0];
    for (let i = 0; i < run.length; i++) {
      const code = run.charCodeAt(i);
      if (code < 0x800) bytes += 1;
      else if (code >= 0xd800 && code <= 0xdbff && (run.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        // A pair of units for one character of four bytes.
        bytes += 2;
        i++;
      } else bytes += 2;
    }
  }
  return bytes;
}

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'info', 'warning', 'error'];

export function isRuleLevel(value: unknown): value is RuleLevel {
  return typeof value === 'string' && (RULE_LEVELS as readonly string[]).includes(value);
}
