// What a per-file task gave for one file, or why it gave nothing, in words: shared by the
// command's own process (fileTasks.ts) and its worker threads (taskWorker.ts), which load only
// the tasks they run.
import { printable } from './files';

/**
 * What a task gave for one file, or why it gave nothing: `failure` completes "cannot check
 * FILE: …" (or the verb of the command that ran it).
 */
export type Outcome<R> = { readonly result: R } | { readonly failure: string };

/** The advice after a failure that is the program's fault, not the file's. */
const REPORT_IT = 'This is a fault in pathway: please report it, with the file if you can.';

/** What an error says, shown safely in a terminal. */
function errorWords(error: unknown): string {
  const why =
    error instanceof Error ? error.message : typeof error === 'string' ? error : 'no reason given';
  return printable(why);
}

/** Why a task threw, in words. */
export function threwFailure(error: unknown): string {
  return `the checker failed on it (${errorWords(error)}). ${REPORT_IT}`;
}

/** Why a worker thread stopped while it had a file, in words. */
export function stoppedFailure(error: unknown): string {
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
    return 'checking it ran out of memory. Split the pathway into smaller files, or give pathway more memory (for example NODE_OPTIONS=--max-old-space-size=8192).';
  }
  return `the checker stopped while checking it (${errorWords(error)}). ${REPORT_IT}`;
}

/** Runs one task on one file in this thread; a task that throws fails that file alone. */
export async function runOn<O, R>(
  run: (file: string, options: O) => R | Promise<R>,
  file: string,
  options: O,
): Promise<Outcome<R>> {
  try {
    return { result: await run(file, options) };
  } catch (error) {
    return { failure: threwFailure(error) };
  }
}
