// How the core reads the other files a pathway names (its bibliographies): through a small
// interface the host gives (the command line reads the disk; the editor its open documents and
// the disk), each file read once per run and each text parsed once.
import { readBibliography, type BibliographyRead } from '../bibliography/read';

/** Why the host could not give a file's text. */
export type FileProblem =
  | { readonly kind: 'missing' }
  /** A link whose target lies outside the root. */
  | { readonly kind: 'outside' }
  | { readonly kind: 'too-large'; readonly size: number; readonly limit: number }
  /** Anything else (a folder, a device, permission denied), said in words. */
  | { readonly kind: 'unreadable'; readonly reason: string };

export type FileRead = { readonly text: string } | { readonly problem: FileProblem };

/** What the host gives the core: the text of a file of the root. */
export interface FileProvider {
  /**
   * The text of the file at `path`: a path from the root, written with `/`, with no `.`,
   * `..` or empty segments (see resolvePath). The host refuses a link that leads out of the
   * root (`outside`) and a file over its size limit.
   */
  read(path: string): FileRead;
}

/**
 * The files of one run (a `pathway check`, or one version of the workspace in the editor),
 * shared by every pathway checked in it: each file read once, and each text parsed once
 * whichever pathways name it.
 */
export class SharedFiles {
  private readonly reads = new Map<string, FileRead>();
  private readonly parsed = new Map<
    string,
    { readonly text: string; readonly read: BibliographyRead }
  >();

  private readonly made = new Map<
    string,
    { readonly text: string; readonly value: unknown; readonly reads: readonly string[] }
  >();

  /** The files read while something is being made from a file (see `derived`). */
  private readonly collecting: Set<string>[] = [];

  constructor(private readonly provider: FileProvider) {}

  /** The file's text, read from the host the first time it is asked for. */
  read(path: string): FileRead {
    for (const reads of this.collecting) reads.add(path);
    let read = this.reads.get(path);
    if (!read) {
      read = this.provider.read(path);
      this.reads.set(path, read);
    }
    return read;
  }

  /**
   * The file as a bibliography, in the format its name says: parsed the first time, and again
   * only when its text changed.
   */
  bibliography(path: string): BibliographyRead | { readonly problem: FileProblem } {
    const read = this.read(path);
    if ('problem' in read) return read;
    const known = this.parsed.get(path);
    if (known?.text === read.text) return known.read;
    const bibliography = readBibliography(path, read.text);
    this.parsed.set(path, { text: read.text, read: bibliography });
    return bibliography;
  }

  /**
   * Something made from a file's text (`kind` names what: its analysis as a used pathway, the
   * files it uses), made the first time it is asked for and again only when the text changed.
   */
  derived<T>(
    path: string,
    kind: string,
    make: (text: string) => T,
  ): { readonly value: T } | { readonly problem: FileProblem } {
    const read = this.read(path);
    if ('problem' in read) return read;
    const key = `${kind}\n${path}`;
    const known = this.made.get(key);
    if (known?.text === read.text) {
      // Asked again for what it read, so that whoever watches these reads sees them all.
      for (const other of known.reads) this.read(other);
      return { value: known.value as T };
    }
    const reads = new Set<string>();
    this.collecting.push(reads);
    let value: T;
    try {
      value = make(read.text);
    } finally {
      this.collecting.pop();
    }
    this.made.set(key, { text: read.text, value, reads: [...reads] });
    return { value };
  }

  /** Forgets what was read of a file (it changed): the next question reads it again. */
  forget(path: string): void {
    this.reads.delete(path);
    // What was made from other files may depend on this one (a used pathway that uses it in
    // turn): made again when next asked for. Bibliographies depend on their own text only.
    this.made.clear();
  }

  /**
   * The same files, read and parsed once with this run's, that tell `seen` the path of every
   * file asked for through them (an editor re-checks a pathway when a file it read changes).
   * Every question goes through `read`, so whatever a file is read as is seen.
   */
  observed(seen: (path: string) => void): SharedFiles {
    const view = Object.create(this) as SharedFiles;
    const read = (path: string): FileRead => {
      seen(path);
      return this.read(path);
    };
    Object.defineProperty(view, 'read', { value: read });
    return view;
  }
}

/** Where the file being analysed stands among the files of its run. */
export interface FileContext {
  readonly files: SharedFiles;
  /**
   * The file's own path from the root, written with `/`; undefined when it lies outside the
   * root, so that every path it names leads outside.
   */
  readonly path: string | undefined;
}
