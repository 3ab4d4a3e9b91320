// Completion of the paths a pathway writes to other files: an item of `bibliography` (a
// references file, a BibTeX or CSL-JSON file) and a step's `use` (another pathway). Which
// files exist is the host's to say; this finds where a path is being typed and which of the
// host's files fit there.
import { ancestry, readLine } from '../parse/indentation';
import type { Completion } from './completion';

/** Where a path to another file is being typed. */
export interface PathSlot {
  readonly field: 'bibliography' | 'use';
  /** What is typed of the path so far (without an opening quote). */
  readonly typed: string;
  /** The character of the line where the typed path begins. */
  readonly replaceFrom: number;
}

const WANTED: Record<PathSlot['field'], RegExp> = {
  bibliography: /(?:\.references\.ya?ml|\.bib|\.json)$/i,
  use: /\.pathway\.ya?ml$/i,
};

/** The path being typed at a zero-based line and character, if the cursor is in one. */
export function pathSlotAt(text: string, line: number, character: number): PathSlot | undefined {
  const lines = text.split(/\r\n|\r|\n/);
  if (!Number.isInteger(line) || line < 0 || line >= lines.length) return undefined;
  const raw = lines[line] ?? '';
  const prefix = raw.slice(0, Number.isFinite(character) ? Math.max(0, character) : 0);
  const current = readLine(prefix);
  const parents = ancestry(lines, line, current.indent);
  const slot = (field: PathSlot['field'], from: number): PathSlot | undefined => {
    const quote = /^["']/.exec(prefix.slice(from)) ? 1 : 0;
    const typed = prefix.slice(from + quote);
    // A closed quote or a comment: the value is written.
    if (/["'#]/.test(typed)) return undefined;
    return { field, typed, replaceFrom: from + quote };
  };

  // An item of the top-level `bibliography` list: `  - shared/ev`.
  const item = /^(\s*-\s+)/.exec(prefix);
  if (item && parents.length === 1 && parents[0] === 'bibliography') {
    return slot('bibliography', (item[1] ?? '').length);
  }
  // A step's `use:` value, whatever its kind says.
  const use = /^(\s*(?:-\s+)?use\s*:\s*)/.exec(prefix);
  if (use && parents[0] === 'steps' && parents.length === 2) {
    return slot('use', (use[1] ?? '').length);
  }
  return undefined;
}

/**
 * The files that fit a slot, from the paths the host offers (relative to the folder of the
 * file being written, with `/`), in order; `self` (the file's own name) is never offered.
 */
export function pathCompletions(
  slot: PathSlot,
  paths: readonly string[],
  self?: string,
): Completion[] {
  return paths
    .filter((path) => WANTED[slot.field].test(path) && path !== self)
    .sort((a, b) => depth(a) - depth(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((path, index) => ({
      label: path,
      kind: 'file' as const,
      replaceFrom: slot.replaceFrom,
      sortText: String(index).padStart(6, '0'),
    }));
}

/** Files nearer the pathway first: fewer `..` and folders. */
function depth(path: string): number {
  return path.split('/').length;
}
