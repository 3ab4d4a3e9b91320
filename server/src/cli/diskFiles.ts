// The other files a pathway names (its bibliographies), read from disk for the core: paths from
// the root, the folder the command runs in; a link followed only when its target stays inside
// the root; each file read once per run, with the size limit and decoding of every other read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileContext, FileProvider, FileRead } from '../core/files/provider';
import { SharedFiles } from '../core/files/provider';
import { maxFileSizeOf, type CheckOptions } from '../core/options';
import { describeError, isInside, readText } from './files';

/** The files of one run, under one root. */
export class DiskFiles implements FileProvider {
  readonly shared: SharedFiles;
  private readonly realRoot: string | undefined;
  private notes: string[] = [];

  constructor(
    readonly root: string,
    readonly limit: number,
  ) {
    this.shared = new SharedFiles(this);
    try {
      this.realRoot = fs.realpathSync(root);
    } catch {
      this.realRoot = undefined;
    }
  }

  read(relative: string): FileRead {
    const full = path.join(this.root, ...relative.split('/'));
    let real: string;
    try {
      real = fs.realpathSync(full);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: { kind: 'missing' } };
      return { problem: { kind: 'unreadable', reason: describeError(error) } };
    }
    // A link (the file's or a folder's on the way) may lead anywhere: only inside the root.
    if (this.realRoot === undefined || !isInside(this.realRoot, real)) {
      return { problem: { kind: 'outside' } };
    }
    // Named from the folder the command runs in, as notes on its decoding name it.
    const read = readText(path.relative(process.cwd(), full) || full, this.limit);
    if ('tooLarge' in read) {
      return { problem: { kind: 'too-large', size: read.tooLarge, limit: this.limit } };
    }
    if ('problem' in read) return { problem: { kind: 'unreadable', reason: read.reason } };
    this.notes.push(...read.notes);
    return { text: read.text };
  }

  /** A checked file's place among the run's files: its path from the root, if inside it. */
  contextOf(file: string): FileContext {
    const relative = path.relative(this.root, path.resolve(file));
    const inside =
      relative !== '' &&
      relative !== '..' &&
      !relative.startsWith(`..${path.sep}`) &&
      !path.isAbsolute(relative);
    return {
      files: this.shared,
      path: inside ? relative.split(path.sep).join('/') : undefined,
    };
  }

  /** Notes on how the files read since the last call were decoded (UTF-16, bad bytes). */
  takeNotes(): string[] {
    const notes = this.notes;
    this.notes = [];
    return notes;
  }
}

let current: DiskFiles | undefined;

/**
 * The files of this run: a command is one run, so one process shares them (each file read
 * once, however many pathways name it), rooted at the folder the command runs in.
 */
export function runFiles(options: CheckOptions): DiskFiles {
  const limit = maxFileSizeOf(options);
  const root = process.cwd();
  if (current?.root !== root || current.limit !== limit) current = new DiskFiles(root, limit);
  return current;
}
