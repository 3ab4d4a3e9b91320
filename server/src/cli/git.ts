// git as `pathway publish` and `pathway diff` run it: never through a shell, file names taken literally, and
// without taking the index's lock from a git running beside it.
import { execFile } from 'node:child_process';

/** What a git command gave: its output, or why it failed in git's own first line. */
export type GitAnswer =
  | { readonly ok: true; readonly stdout: Buffer }
  | {
      readonly ok: false;
      readonly why: string;
      /** git is not installed. */
      readonly missing: boolean;
      /** The output was larger than `maxBuffer`. */
      readonly tooLarge: boolean;
    };

/** Runs git with `args` in `cwd`; `maxBuffer` bounds the output read (1 MB by default). */
export function runGit(
  cwd: string,
  args: readonly string[],
  maxBuffer = 1024 * 1024,
): Promise<GitAnswer> {
  return new Promise((resolve) => {
    execFile(
      'git',
      // Pathspecs are file names, never patterns or magic such as ":(glob)".
      ['--literal-pathspecs', ...args],
      {
        cwd,
        encoding: 'buffer',
        maxBuffer,
        // Reading the status must not take the index's lock from a git running beside it.
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout });
        const code = (error as NodeJS.ErrnoException).code;
        resolve({
          ok: false,
          why: stderr.toString('utf8').trim().split('\n')[0] ?? '',
          missing: code === 'ENOENT',
          tooLarge: code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER',
        });
      },
    );
  });
}
