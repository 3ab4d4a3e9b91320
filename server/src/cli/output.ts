// Everything the pathway command writes goes through here: standard output, or the one file
// named by -o. A file is written whole or not at all (a temporary file in the same folder,
// renamed into place), never onto one of the files being read, and never into a device or
// a pipe; a write that fails is a message in words and exit status 2.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeError, printable } from './files';

/** What -o does, for the help of every command that takes it. */
export const OUTPUT_HELP = `-o FILE is written whole or not at all: the output goes to a temporary file beside it,
renamed into place, so a FILE that was there stays as it was if writing fails. The folder
must exist. The file being read, a folder, a device or a pipe is refused; a link named by
-o is replaced by the new file. With "-o -", or without -o, the output goes to standard
output.`;

/** The exit status when the output cannot be written. */
const CANNOT_WRITE = 2;

function say(message: string): void {
  process.stderr.write(`pathway: ${message}\n`);
}

/**
 * Keeps a failed write to standard output or standard error (the disk is full, the reader
 * has gone) from surfacing as an unhandled 'error' event with a stack trace: each write to
 * standard output reports its own failure through its callback (see writeStandardOutput),
 * and a message that cannot reach standard error has nowhere else to go.
 */
export function guardStandardStreams(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}

/** The file `-o` names; `-` (or no -o) means standard output. */
function outputFile(output: string | undefined): string | undefined {
  return output === undefined || output === '-' ? undefined : output;
}

/** The first of the files being read that is `stats` (same device and inode, links followed). */
function inputThatIs(inputs: readonly string[], stats: fs.BigIntStats): string | undefined {
  return inputs.find((input) => {
    try {
      const read = fs.statSync(input, { bigint: true });
      return read.dev === stats.dev && read.ino === stats.ino;
    } catch {
      return false; // a file that cannot be looked at was not read either
    }
  });
}

/** Why standard output cannot take the output: it is one of the files being read. */
function standardOutputProblem(inputs: readonly string[]): string | undefined {
  let stdout: fs.BigIntStats;
  try {
    stdout = fs.fstatSync(1, { bigint: true });
  } catch {
    return undefined;
  }
  const input = stdout.isFile() ? inputThatIs(inputs, stdout) : undefined;
  return input === undefined
    ? undefined
    : `cannot write to standard output: it is "${printable(input)}", a file being read. Send the output to another file.`;
}

/** Why the file -o names cannot be written, or undefined when it can be. */
function fileProblem(output: string, inputs: readonly string[]): string | undefined {
  if (output.trim() === '') return '-o needs a file name (or - for standard output)';
  const shown = printable(output);
  const folder = path.dirname(path.resolve(output));
  let folderStats: fs.Stats;
  try {
    folderStats = fs.statSync(folder);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT'
      ? `cannot write "${shown}": the folder "${printable(path.dirname(output))}" does not exist (create it first)`
      : `cannot write "${shown}": ${describeError(error)}`;
  }
  if (!folderStats.isDirectory()) {
    return `cannot write "${shown}": a part of the path is not a folder`;
  }
  let target: fs.BigIntStats;
  try {
    target = fs.statSync(output, { bigint: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Not there yet (or a link to nothing, which the new file replaces): it will be made.
    if (code === 'ENOENT') return undefined;
    return `cannot write "${shown}": ${describeError(error)}`;
  }
  if (target.isDirectory()) return `cannot write "${shown}": it is a folder`;
  if (!target.isFile()) {
    return `cannot write "${shown}": it is not a regular file (a device, a pipe or a socket). Leave out -o, or give -o -, to write to standard output.`;
  }
  const input = inputThatIs(inputs, target);
  if (input !== undefined) {
    return `cannot write "${shown}": it is "${printable(input)}", the file being read. Name another output file.`;
  }
  try {
    fs.accessSync(output, fs.constants.W_OK);
  } catch (error) {
    return `cannot write "${shown}": ${describeError(error)}`;
  }
  return undefined;
}

/**
 * Checks, before any work, that the output can go where -o says (or to standard output):
 * exit status 0 when it can, else 2 after saying why.
 */
export function checkOutput(output: string | undefined, inputs: readonly string[]): number {
  const file = outputFile(output);
  const problem = file === undefined ? standardOutputProblem(inputs) : fileProblem(file, inputs);
  if (problem === undefined) return 0;
  say(problem);
  return CANNOT_WRITE;
}

/**
 * Writes to standard output. Resolves with 0 when written, and also when the reader has
 * gone (`pathway check | head -1`: the rest is not wanted, and nothing is said); with 2,
 * after a one-line message, when it cannot be written (`> /dev/full`).
 */
export function writeStandardOutput(content: string): Promise<number> {
  if (content === '') return Promise.resolve(0);
  return new Promise((resolve) => {
    const done = (error?: Error | null): void => {
      if (!error) {
        resolve(0);
        return;
      }
      if ((error as NodeJS.ErrnoException).code !== 'EPIPE') {
        say(`cannot write to standard output: ${describeError(error)}`);
        resolve(CANNOT_WRITE);
        return;
      }
      resolve(0);
    };
    try {
      process.stdout.write(content, done);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** A name for the temporary file beside `file`: hidden, unique, and short enough. */
function temporaryName(file: string): string {
  const base = path.basename(file).slice(0, 100);
  return path.join(path.dirname(file), `.${base}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Writes `content` to a new temporary file beside `output` and renames it into place, so
 * the output is never seen half-written, and on failure the old file is kept as it was.
 * A link named by -o is replaced by the new file (the file it led to is left alone). The
 * new file keeps the permissions of the file it replaces. Returns why it failed, if it did.
 */
function replaceFile(output: string, content: string): string | undefined {
  const target = path.resolve(output);
  const temporary = temporaryName(target);
  let mode = 0o666;
  try {
    mode = Number(fs.statSync(target).mode) & 0o777;
  } catch {
    // A new file: the usual permissions, less the user's umask.
  }
  let fd: number | undefined;
  let made = false;
  try {
    fd = fs.openSync(temporary, 'wx', mode);
    made = true;
    const bytes = Buffer.from(content, 'utf8');
    for (let written = 0; written < bytes.length;) {
      written += fs.writeSync(fd, bytes, written, bytes.length - written);
    }
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temporary, target);
    made = false;
    return undefined;
  } catch (error) {
    // The folder is there, yet no file can be made in it (a read-only system folder).
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? 'a file cannot be created in that folder'
      : describeError(error);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    if (made) fs.rmSync(temporary, { force: true });
  }
}

/**
 * Writes a command's output where -o says: standard output without -o or with `-o -`, else
 * the file named, and nowhere else. The folder must already exist (it is not created); a
 * device, a pipe, a folder or one of the files being read (`inputs`, compared after
 * following links) is refused. Returns the exit status: 0 written, 2 not (with a message).
 */
export async function writeOutput(
  output: string | undefined,
  content: string,
  inputs: readonly string[],
): Promise<number> {
  const file = outputFile(output);
  if (file === undefined) {
    const problem = standardOutputProblem(inputs);
    if (problem !== undefined) {
      say(problem);
      return CANNOT_WRITE;
    }
    return writeStandardOutput(content);
  }
  const problem = fileProblem(file, inputs);
  if (problem !== undefined) {
    say(problem);
    return CANNOT_WRITE;
  }
  const failed = replaceFile(file, content);
  if (failed !== undefined) {
    say(`cannot write "${printable(file)}": ${failed}`);
    return CANNOT_WRITE;
  }
  say(`wrote ${printable(path.relative(process.cwd(), path.resolve(file)) || file)}`);
  return 0;
}
