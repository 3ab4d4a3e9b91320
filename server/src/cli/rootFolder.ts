// Reading the files of one root folder from disk, for the core's FileProvider: paths from the
// root, a link followed only when its target stays inside the root, the size limit and the
// decoding of every other read. The command line and the language server read alike.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FileRead } from '../core/files/provider';
import { describeError, isInside, readText } from './files';

/** A text read from the root, with notes on how it was decoded (UTF-16, bad bytes). */
export type RootRead = FileRead & { readonly notes?: readonly string[] };

/** One folder whose files may be read, and nothing outside it. */
export class RootFolder {
  private readonly realRoot: string | undefined;

  constructor(
    readonly root: string,
    readonly limit: number,
  ) {
    try {
      this.realRoot = fs.realpathSync(root);
    } catch {
      this.realRoot = undefined;
    }
  }

  /** The full path of a path from the root (written with `/`). */
  fullPath(relative: string): string {
    return path.join(this.root, ...relative.split('/'));
  }

  /**
   * The path from the root of a file, written with `/`; undefined when it lies outside the
   * root (compared as written: a link is judged when it is read).
   */
  relativePath(file: string): string | undefined {
    const relative = path.relative(this.root, path.resolve(file));
    const inside =
      relative !== '' &&
      relative !== '..' &&
      !relative.startsWith(`..${path.sep}`) &&
      !path.isAbsolute(relative);
    return inside ? relative.split(path.sep).join('/') : undefined;
  }

  /** The text of a file of the root; `name` names it in notes on its decoding. */
  read(relative: string, name = this.fullPath(relative)): RootRead {
    const full = this.fullPath(relative);
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
    const read = readText(name, this.limit);
    if ('tooLarge' in read) {
      return { problem: { kind: 'too-large', size: read.tooLarge, limit: this.limit } };
    }
    if ('problem' in read) return { problem: { kind: 'unreadable', reason: read.reason } };
    return { text: read.text, notes: read.notes };
  }
}
