// The files of a root folder, listed for the editor: for completing a path, and for finding
// the pathways of the workspace that cite a shared reference. Linked files and folders are
// passed over (a link may loop or lead out of the root), as are hidden folders and
// node_modules, and the walk stops at a bound so that a huge folder cannot hold the server.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** At most this many entries are looked at in one walk. */
const MAX_ENTRIES = 20_000;

/** The full paths of the regular files under `root` whose names `wanted` accepts, sorted. */
export function listFiles(root: string, wanted: (name: string) => boolean): string[] {
  const found: string[] = [];
  const folders = [root];
  let seen = 0;
  while (folders.length > 0 && seen < MAX_ENTRIES) {
    const folder = folders.shift() as string;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (++seen > MAX_ENTRIES) break;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) folders.push(full);
      } else if (entry.isFile() && wanted(entry.name)) found.push(full);
    }
  }
  return found.sort();
}

/** A path from `folder` to `file`, written with `/` as pathway files write paths. */
export function relativeFrom(folder: string, file: string): string {
  return path.relative(folder, file).split(path.sep).join('/');
}
