// Reading pathway files from disk for the command line: folders searched, sizes limited,
// bytes decoded, and every failure told in words.
import * as fs from 'node:fs';
import * as path from 'node:path';
// The core's modules one by one, not its index: the checker's worker thread (checkWorker.ts)
// then loads no flowchart layout engine.
import {
  analyzeParsed,
  analyzeReferencesFile,
  analyzeTooLarge,
  type Analysis,
} from '../core/analysis';
import { analyze } from '../core/analyzer';
import { whyNotAPathway as coreWhyNotAPathway } from '../core/notAPathway';
import { maxFileSizeOf, type CheckOptions } from '../core/options';
import { showControls } from '../core/text/terminal';
import { isPathwayFileName, isReferencesFileName } from '../../../shared/pathwayFiles';
import { runFiles } from './diskFiles';

export interface Collected {
  readonly files: string[];
  /** Paths that could not be read, each with a message for the user. */
  readonly problems: string[];
  /** Files passed over on purpose, each with a note for the user. */
  readonly notes: string[];
}

/** Whether `file` (a real path) lies inside `folder` (a real path). */
export function isInside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

/** One folder named on the command line, searched: its real path bounds where links may lead. */
interface Search {
  readonly given: string;
  readonly realRoot: string;
  /** Whether references files are collected too. */
  readonly references: boolean;
  readonly files: string[];
  readonly problems: string[];
  readonly notes: string[];
}

function walk(folder: string, search: Search): void {
  const { files, problems, notes } = search;
  const wanted = (name: string): boolean =>
    isPathwayFileName(name) || (search.references && isReferencesFileName(name));
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    problems.push(`cannot read folder "${printable(folder)}": ${describeError(error)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      walk(full, search);
    } else if (entry.isSymbolicLink()) {
      // Linked folders are not followed (they may loop). A linked file is read only when it
      // leads to a file inside the folder given: a pathway file's name on a link to a file
      // elsewhere (a password or credentials file) must not get that file quoted in findings.
      if (!wanted(entry.name)) continue;
      let target: fs.Stats;
      let real: string;
      try {
        target = fs.statSync(full);
        real = fs.realpathSync(full);
      } catch (error) {
        // A pathway file's name on a link that leads nowhere (or round in a circle).
        problems.push(`cannot read "${printable(full)}": ${describeError(error)}`);
        continue;
      }
      if (!target.isFile()) continue;
      if (!isInside(search.realRoot, real)) {
        notes.push(
          `note: "${printable(full)}" was not read: it is a link to a file outside the folder "${printable(search.given)}". Name the file itself to check it.`,
        );
        continue;
      }
      files.push(full);
    } else if (entry.isFile() && wanted(entry.name)) {
      files.push(full);
    }
  }
}

/**
 * Expands the paths given on the command line: files as they are (a link named on the
 * command line is followed: the user asked for it), folders searched for pathway files, and
 * for references files (`*.references.yaml`) too when `references` is set.
 */
export function collectFiles(paths: readonly string[], { references = false } = {}): Collected {
  const files: string[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  for (const given of paths) {
    let stats: fs.Stats;
    let realRoot: string;
    try {
      stats = fs.statSync(given);
      realRoot = fs.realpathSync(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(
        code === 'ENOENT'
          ? `"${printable(given)}" does not exist`
          : `cannot read "${printable(given)}": ${describeError(error)}`,
      );
      continue;
    }
    if (stats.isDirectory()) walk(given, { given, realRoot, references, files, problems, notes });
    else files.push(given);
  }
  return { files: [...new Set(files)], problems, notes };
}

/** Why a file operation failed, in words. */
export function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ELOOP':
      return 'it is a symbolic link that loops back on itself';
    case 'ENOSPC':
      return 'the disk is full';
    case 'EDQUOT':
      return 'the disk quota is used up';
    case 'EFBIG':
      return 'the file would be larger than the system allows';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}

/**
 * A path or text for the terminal: control characters (which could move the cursor or
 * change colours) and bidirectional controls written as <U+XXXX>, as everywhere else.
 */
export function printable(text: string): string {
  return showControls(text);
}

/** The offset of the first byte that is not part of well-formed UTF-8, or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i] as number;
    let extra: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) {
      extra = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      extra = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      extra = 3;
      min = 0x10000;
    } else return i;
    let code = b & (0x3f >> extra);
    for (let k = 1; k <= extra; k++) {
      const next = bytes[i + k];
      if (next === undefined || (next & 0xc0) !== 0x80) return i;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += extra + 1;
  }
  return -1;
}

/** What reading a file gave: its text (with notes on how it was decoded), or why not. */
export type ReadResult =
  | { readonly text: string; readonly notes: readonly string[] }
  | { readonly tooLarge: number }
  | {
      readonly problem: string;
      /** Why, on its own: completes "cannot read FILE: ". */
      readonly reason: string;
    };

/**
 * Reads a pathway file as text, never more than `limit` bytes: a larger file is reported as
 * too large unread, and anything but a regular file (a device, a pipe) is refused, so that
 * reading cannot hang. UTF-8 is expected; a UTF-16 file (with its byte order mark) is
 * decoded as such, and bytes that are not UTF-8 are read as U+FFFD, each with a note.
 */
export function readText(file: string, limit = maxFileSizeOf({})): ReadResult {
  let fd: number | undefined;
  const cannot = (reason: string) => ({
    problem: `cannot read "${printable(file)}": ${reason}`,
    reason,
  });
  try {
    // Looked at before it is opened: opening a named pipe waits for a writer, for ever.
    const kind = fs.statSync(file);
    if (kind.isDirectory()) return cannot('it is a folder');
    if (!kind.isFile()) return cannot('it is not a regular file');
    fd = fs.openSync(file, 'r');
    const stats = fs.fstatSync(fd);
    if (stats.isDirectory()) return cannot('it is a folder');
    if (!stats.isFile()) return cannot('it is not a regular file');
    if (stats.size > limit) return { tooLarge: stats.size };
    const buffer = Buffer.alloc(stats.size);
    let length = 0;
    while (length < buffer.length) {
      const read = fs.readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    return decodeText(file, buffer.subarray(0, length));
  } catch (error) {
    return cannot(describeError(error));
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Bytes as text: UTF-8 (a bad byte becomes U+FFFD), or UTF-16 after its byte order mark,
 * with a note for each. `file` names the source in the notes.
 */
export function decodeText(
  file: string,
  bytes: Uint8Array,
): { readonly text: string; readonly notes: readonly string[] } {
  const name = printable(file);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return {
      text: new TextDecoder('utf-16le').decode(bytes),
      notes: [
        `note: "${name}" is UTF-16 (little-endian); it was read as such. Save pathway files as UTF-8.`,
      ],
    };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return {
      text: new TextDecoder('utf-16be').decode(bytes),
      notes: [
        `note: "${name}" is UTF-16 (big-endian); it was read as such. Save pathway files as UTF-8.`,
      ],
    };
  }
  // A UTF-8 byte order mark stays: the checker skips it, and columns are counted after it.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const bad = firstInvalidUtf8(bytes);
  if (bad < 0) return { text, notes: [] };
  let line = 1;
  for (let i = 0; i < bad; i++) if (bytes[i] === 0x0a) line++;
  return {
    text,
    notes: [
      `note: "${name}" is not valid UTF-8 (the first bad byte is on line ${line}); bytes that are not UTF-8 were read as the replacement character U+FFFD (\uFFFD). Save the file as UTF-8.`,
    ],
  };
}

/**
 * A pathway file read and checked, with the bibliographies it names (read once per run, from
 * the folder the command runs in); a references file (`*.references.yaml`) checked as one.
 * Gives the analysis (a file-too-large one when the file is over the limit) and the notes on
 * the decoding of what was read, or why the file could not be read.
 */
export function readPathway(
  file: string,
  options: CheckOptions,
): { analysis: Analysis; notes: readonly string[] } | { problem: string } {
  const files = runFiles(options);
  const context = files.contextOf(file);
  if (isReferencesFileName(file) && context.path !== undefined) {
    // Read once however many pathways name it: its parse as a bibliography is reused.
    const known = files.shared.bibliography(context.path);
    const parsed =
      'bibliography' in known
        ? known.bibliography.parsed
        : 'unreadable' in known
          ? known.unreadable.parsed
          : undefined;
    if (parsed) {
      const analysis = analyzeParsed(parsed, options, {}, { references: true });
      return { analysis, notes: files.takeNotes() };
    }
  }
  const read = readText(file, maxFileSizeOf(options));
  if ('problem' in read) return read;
  if ('tooLarge' in read) return { analysis: analyzeTooLarge(read.tooLarge, options), notes: [] };
  const analysis = isReferencesFileName(file)
    ? analyzeReferencesFile(read.text, options)
    : analyze(read.text, options, { files: context });
  return { analysis, notes: [...read.notes, ...files.takeNotes()] };
}

/** A size given on the command line: bytes, or with a unit (500KB, 20MB, 1.5GB; 1 KB = 1024 bytes). */
export function parseSize(value: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?\s*$/i.exec(value);
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase().charAt(0);
  const scale = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const bytes = Math.round(Number(match[1]) * scale);
  return bytes > 0 ? bytes : undefined;
}

/**
 * Reads and checks the one pathway a command draws or reports on: why it cannot be read,
 * and notes on how it was decoded, go to stderr. Undefined when it cannot be read (the
 * command then exits 2).
 */
export function readOnePathway(file: string, options: CheckOptions): Analysis | undefined {
  const read = readPathway(file, options);
  if ('problem' in read) {
    process.stderr.write(`pathway: ${read.problem}\n`);
    return undefined;
  }
  for (const note of read.notes) process.stderr.write(`pathway: ${note}\n`);
  return read.analysis;
}

/** What "cannot be read as a pathway" covers, for the help of the commands that refuse it. */
export const NOT_A_PATHWAY_HELP = `the file cannot be read as a pathway: its YAML does not parse,
     or it is empty, a list, a single value, or fields none of which a pathway has`;

/**
 * Why an analysed file cannot be taken as a pathway (see the core's whyNotAPathway), shown
 * safely in a terminal. Every command that draws, reports, exports or compares refuses such
 * a file the same way, rather than drawing, reporting or comparing nothing as if it were one.
 */
export function whyNotAPathway(analysis: Analysis): string | undefined {
  const why = coreWhyNotAPathway(analysis, '--max-file-size');
  return why === undefined ? undefined : printable(why);
}
