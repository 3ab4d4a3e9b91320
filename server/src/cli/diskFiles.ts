// The other files a pathway names (its bibliographies), read from disk for the core: paths from
// the root, the folder the command runs in; a link followed only when its target stays inside
// the root; each file read once per run, with the size limit and decoding of every other read.
import * as path from 'node:path';
import type { FileContext, FileProvider, FileRead } from '../core/files/provider';
import { SharedFiles } from '../core/files/provider';
import { maxFileSizeOf, type CheckOptions } from '../core/options';
import { RootFolder } from './rootFolder';

/** The files of one run, under one root. */
export class DiskFiles implements FileProvider {
  readonly shared: SharedFiles;
  private readonly folder: RootFolder;
  private notes: string[] = [];

  constructor(
    readonly root: string,
    readonly limit: number,
  ) {
    this.shared = new SharedFiles(this);
    this.folder = new RootFolder(root, limit);
  }

  read(relative: string): FileRead {
    // Named from the folder the command runs in, as notes on its decoding name it.
    const full = this.folder.fullPath(relative);
    const read = this.folder.read(relative, path.relative(process.cwd(), full) || full);
    if ('problem' in read) return { problem: read.problem };
    this.notes.push(...(read.notes ?? []));
    return { text: read.text };
  }

  /** A checked file's place among the run's files: its path from the root, if inside it. */
  contextOf(file: string): FileContext {
    return { files: this.shared, path: this.folder.relativePath(file) };
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
