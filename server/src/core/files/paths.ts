// Paths from one file of a folder to another, as pathway files write them: relative to the
// folder of the file that names them, with `/` between folders, never leaving the folder
// being checked (the root). Pure string work: the host reads the file.

/** Why a written path names no file in the root, before anything is read. */
export type PathProblem =
  /** Written from the root of a disk (`/srv/x.bib`, `C:\x.bib`, `\\server\x.bib`). */
  | 'absolute'
  /** It climbs out of the root with `..`. */
  | 'outside'
  /** The file that names it lies outside the root, so every path it writes leads outside. */
  | 'namer-outside'
  /** Written with `\` between folders. */
  | 'backslash'
  /** Empty, or it names a folder (`.`, `shared/`). */
  | 'not-a-file';

export type ResolvedPath = { readonly path: string } | { readonly problem: PathProblem };

/**
 * The path from the root of the file that `written` names, written by the file at `from` (its
 * path from the root, `/`-separated; undefined when that file lies outside the root, where
 * every relative path leads outside). The result has no `.`, `..` or empty segments, so two
 * ways of writing one file give one path.
 */
export function resolvePath(from: string | undefined, written: string): ResolvedPath {
  if (/^[\\/]/.test(written) || /^[A-Za-z]:/.test(written)) return { problem: 'absolute' };
  if (written.includes('\\')) return { problem: 'backslash' };
  if (written === '' || written.endsWith('/')) return { problem: 'not-a-file' };
  if (from === undefined) return { problem: 'namer-outside' };
  const segments = from.split('/').slice(0, -1);
  for (const segment of written.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (segments.length === 0) return { problem: 'outside' };
      segments.pop();
    } else segments.push(segment);
  }
  const last = written.split('/').pop();
  if (segments.length === 0 || last === '.' || last === '..') return { problem: 'not-a-file' };
  return { path: segments.join('/') };
}

/**
 * A relative path with its `.` and `name/..` taken out, for telling when two ways of writing
 * a path name one file where no root is known. Leading `..` stay.
 */
export function normalizedPath(written: string): string {
  const out: string[] = [];
  for (const segment of written.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(segment);
  }
  return out.join('/');
}
