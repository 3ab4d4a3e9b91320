// The files a pathway names, as the language server gives them to the core: rooted at the
// workspace folder that holds the pathway (its own folder when it is in none); an open
// document read from its text as it is in the editor, any other file from disk (as the
// command line reads it); each file read and parsed once per version, however many open
// pathways name it.
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileContext, FileProvider, FileRead } from '../core/files/provider';
import { SharedFiles } from '../core/files/provider';
import { maxFileSizeOf, utf8SizeAbove, type CheckOptions } from '../core/options';
import { RootFolder } from '../cli/rootFolder';

/** The files under one root, read under one size limit. */
class RootFiles implements FileProvider {
  readonly shared = new SharedFiles(this);
  readonly folder: RootFolder;

  constructor(
    root: string,
    limit: number,
    private readonly openText: (file: string) => string | undefined,
  ) {
    this.folder = new RootFolder(root, limit);
  }

  read(relative: string): FileRead {
    const text = this.openText(this.folder.fullPath(relative));
    if (text !== undefined) {
      const size = utf8SizeAbove(text, this.folder.limit);
      if (size === undefined) return { text };
      return { problem: { kind: 'too-large', size, limit: this.folder.limit } };
    }
    const read = this.folder.read(relative);
    return 'problem' in read ? { problem: read.problem } : { text: read.text };
  }
}

/** The full path of a `file:` URI; undefined for any other scheme (an unsaved document). */
export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return path.resolve(fileURLToPath(uri.replace(/#.*$/s, '')));
  } catch {
    return undefined;
  }
}

export function uriOfPath(file: string): string {
  return pathToFileURL(file).href;
}

/** Whether `file` is `folder` itself or lies inside it (both full paths, as written). */
function within(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The workspace's files, by root and size limit. */
export class WorkspaceFiles {
  private folders: string[] = [];
  private readonly roots = new Map<string, RootFiles>();
  /** The open documents' URIs, by full path. */
  private readonly open = new Map<string, string>();
  /** The version each open document had when opened, by full path. */
  private readonly openedAt = new Map<string, number>();
  /** Open documents never edited whose file changed on disk since: the disk is newer. */
  private readonly diskNewer = new Set<string>();

  constructor(
    private readonly documentOf: (
      uri: string,
    ) => { getText(): string; version: number } | undefined,
  ) {}

  /** The workspace folders (as URIs): files are read only inside them, or beside a pathway. */
  setFolders(uris: readonly string[]): void {
    this.folders = uris.flatMap((uri) => filePathOf(uri) ?? []);
    this.roots.clear();
  }

  /** The root of a file: the innermost workspace folder holding it, else its own folder. */
  rootOf(file: string): string {
    let best: string | undefined;
    for (const folder of this.folders) {
      if (within(folder, file) && (best === undefined || folder.length > best.length)) {
        best = folder;
      }
    }
    return best ?? path.dirname(file);
  }

  /** A document was opened or edited in the editor: its text there is the file's. */
  opened(uri: string): string | undefined {
    const file = filePathOf(uri);
    if (file === undefined) return undefined;
    if (this.open.get(file) !== uri) {
      this.open.set(file, uri);
      this.openedAt.set(file, this.documentOf(uri)?.version ?? 0);
    }
    this.diskNewer.delete(file);
    return file;
  }

  closed(uri: string): string | undefined {
    const file = filePathOf(uri);
    if (file !== undefined && this.open.get(file) === uri) {
      this.open.delete(file);
      this.openedAt.delete(file);
      this.diskNewer.delete(file);
    }
    return file;
  }

  /**
   * A file changed on disk. An open document that was edited keeps its text (it may hold
   * unsaved changes); one never edited since it was opened is read from disk from now on: an
   * editor may keep a document open after its tab is closed without following the disk.
   * False when the change does not matter (the document's text stands).
   */
  changedOnDisk(file: string): boolean {
    const uri = this.open.get(file);
    if (uri === undefined) return true;
    if (this.documentOf(uri)?.version !== this.openedAt.get(file)) return false;
    this.diskNewer.add(file);
    return true;
  }

  /** The URI of the open document of a full path, if open. */
  openUri(file: string): string | undefined {
    return this.open.get(file);
  }

  /** The open document's text of a full path, if open. */
  openText(file: string): string | undefined {
    const uri = this.open.get(file);
    if (uri === undefined || this.diskNewer.has(file)) return undefined;
    return this.documentOf(uri)?.getText();
  }

  /** The files under a root, read under the size limit of the options. */
  filesOf(root: string, options: CheckOptions): RootFiles {
    const limit = maxFileSizeOf(options);
    const key = `${limit}\0${root}`;
    let files = this.roots.get(key);
    if (!files) {
      files = new RootFiles(root, limit, (file) => this.openText(file));
      this.roots.set(key, files);
    }
    return files;
  }

  /**
   * Where a document stands among the workspace's files, telling `seen` the full path of each
   * file its analysis reads. Undefined for a document that is not a file on disk.
   */
  contextOf(
    uri: string,
    options: CheckOptions,
    seen: (file: string) => void,
  ): FileContext | undefined {
    const file = filePathOf(uri);
    if (file === undefined) return undefined;
    const files = this.filesOf(this.rootOf(file), options);
    return {
      files: files.shared.observed((relative) => seen(files.folder.fullPath(relative))),
      path: files.folder.relativePath(file),
    };
  }

  /** A file changed (an edit, or on disk): the next question about it reads it again. */
  changed(file: string): void {
    for (const files of this.roots.values()) {
      const relative = files.folder.relativePath(file);
      if (relative !== undefined) files.shared.forget(relative);
    }
  }

  /** Forgets every file read (the settings changed, or the folders did). */
  clear(): void {
    this.roots.clear();
  }
}
