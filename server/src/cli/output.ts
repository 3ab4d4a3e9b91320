import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeError, printable } from './files';

/**
 * Writes a command's output to the file named by -o, and nowhere else: the folder must
 * already exist (it is not created), and a file that cannot be written is reported in words
 * with exit status 2. Returns the exit status.
 */
export function writeOutput(output: string, content: string): number {
  const shown = printable(output);
  const folder = path.dirname(path.resolve(output));
  if (!fs.existsSync(folder)) {
    process.stderr.write(
      `pathway: cannot write "${shown}": the folder "${printable(path.dirname(output))}" does not exist (create it first)\n`,
    );
    return 2;
  }
  try {
    fs.writeFileSync(output, content);
  } catch (error) {
    // The folder is there, yet the file cannot be made in it (a read-only system folder).
    const why =
      (error as NodeJS.ErrnoException).code === 'ENOENT'
        ? 'a file cannot be created in that folder'
        : describeError(error);
    process.stderr.write(`pathway: cannot write "${shown}": ${why}\n`);
    return 2;
  }
  process.stderr.write(
    `pathway: wrote ${printable(path.relative(process.cwd(), path.resolve(output)) || output)}\n`,
  );
  return 0;
}
