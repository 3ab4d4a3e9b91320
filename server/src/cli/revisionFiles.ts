// The files of the root as they are at one git revision, for the commands that compare a
// pathway with an earlier version of it (`pathway diff`, `pathway publish --since`): the
// version's bibliographies and sub-pathways are read as they were then.
import type { FileProvider, FileRead } from '../core/files/provider';
import { decodeText } from './files';
import { runGit } from './git';

/** How many rounds of reading the files a version at a revision names (one round per depth). */
export const MAX_GIT_ROUNDS = 64;

/**
 * The files of the root (the current folder) as they are at one git revision: read ahead
 * through git, since the core reads files synchronously. A file the analysis asks for and
 * that was not read yet is noted, and the version is analysed again once it is.
 */
export class RevisionFiles implements FileProvider {
  private readonly texts = new Map<string, FileRead>();
  readonly asked = new Set<string>();

  constructor(
    private readonly revision: string,
    private readonly limit: number,
  ) {}

  read(relative: string): FileRead {
    const known = this.texts.get(relative);
    if (known) return known;
    this.asked.add(relative);
    return { problem: { kind: 'missing' } };
  }

  /** Reads every file asked for since the last call; false when there was none. */
  async fetchAsked(): Promise<boolean> {
    const paths = [...this.asked].filter((p) => !this.texts.has(p));
    this.asked.clear();
    for (const relative of paths) this.texts.set(relative, await this.fetch(relative));
    return paths.length > 0;
  }

  private async fetch(relative: string): Promise<FileRead> {
    // "./" makes git read the path from the current folder, the root, not the repository's top.
    const answer = await runGit(
      process.cwd(),
      ['cat-file', 'blob', '--end-of-options', `${this.revision}:./${relative}`],
      this.limit,
    );
    if (answer.ok) {
      const read = decodeText(`${this.revision}:${relative}`, answer.stdout);
      for (const note of read.notes) process.stderr.write(`pathway: ${note}\n`);
      return { text: read.text };
    }
    if (answer.tooLarge)
      return { problem: { kind: 'too-large', size: this.limit + 1, limit: this.limit } };
    if (answer.missing) return { problem: { kind: 'unreadable', reason: 'git is not installed' } };
    // git says "path ... does not exist in ..." (or "exists on disk, but not in ...").
    return /does not exist|not in '/.test(answer.why)
      ? { problem: { kind: 'missing' } }
      : { problem: { kind: 'unreadable', reason: answer.why } };
  }
}
