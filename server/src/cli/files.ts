import * as fs from 'node:fs';
import * as path from 'node:path';

export const PATHWAY_FILE = /\.pathway\.ya?ml$/i;

export interface Collected {
  readonly files: string[];
  /** Paths that could not be read, each with a message for the user. */
  readonly problems: string[];
}

function walk(folder: string, files: string[], problems: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    problems.push(
      `cannot read folder "${folder}": ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      walk(full, files, problems);
    } else if (entry.isSymbolicLink()) {
      // Linked files are checked; linked folders are not followed (they may loop).
      let target: fs.Stats | undefined;
      try {
        target = fs.statSync(full);
      } catch {
        target = undefined;
      }
      if (target?.isFile() && PATHWAY_FILE.test(entry.name)) files.push(full);
    } else if (entry.isFile() && PATHWAY_FILE.test(entry.name)) {
      files.push(full);
    }
  }
}

/** Expands the paths given on the command line: files as they are, folders searched. */
export function collectFiles(paths: readonly string[]): Collected {
  const files: string[] = [];
  const problems: string[] = [];
  for (const given of paths) {
    let stats: fs.Stats;
    try {
      stats = fs.statSync(given);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      problems.push(
        code === 'ENOENT'
          ? `"${given}" does not exist`
          : `cannot read "${given}": ${code ?? String(error)}`,
      );
      continue;
    }
    if (stats.isDirectory()) walk(given, files, problems);
    else files.push(given);
  }
  return { files: [...new Set(files)], problems };
}

export function readText(file: string): { text: string } | { problem: string } {
  try {
    return { text: fs.readFileSync(file, 'utf8') };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      problem:
        code === 'EACCES'
          ? `cannot read "${file}": permission denied`
          : code === 'EISDIR'
            ? `cannot read "${file}": it is a folder`
            : `cannot read "${file}": ${code ?? String(error)}`,
    };
  }
}
