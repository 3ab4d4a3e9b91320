// The work the pathway command does on one file at a time, by name, wherever it runs: in a
// worker thread (fileWorker.ts) or in this process (pool.ts). A task takes the file's path
// and options that survive a structured clone, reads the file itself, and returns a small
// result that survives one too (findings, never the analysis). A new task is one function
// and one line here.
import { printable } from './files';
import { checkFile } from './checkResults';
import { publishTask } from './publishFile';
import { testFile } from './testResults';

export const FILE_TASKS = {
  check: checkFile,
  test: testFile,
  publish: publishTask,
} as const;

export type FileTaskName = keyof typeof FILE_TASKS;
export type FileTaskOptions<K extends FileTaskName> = Parameters<(typeof FILE_TASKS)[K]>[1];
/** What a task gives for one file (a task may take its time: drawing a chart is awaited). */
export type FileTaskResult<K extends FileTaskName> = Awaited<ReturnType<(typeof FILE_TASKS)[K]>>;

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

/** Runs `task` on one file in this thread; a task that throws fails that file alone. */
export async function runTask<K extends FileTaskName>(
  task: K,
  file: string,
  options: FileTaskOptions<K>,
): Promise<Outcome<FileTaskResult<K>>> {
  // The compiler cannot pair FILE_TASKS[task] with K's options; the table's types do.
  const run = FILE_TASKS[task] as (
    file: string,
    options: FileTaskOptions<K>,
  ) => FileTaskResult<K> | Promise<FileTaskResult<K>>;
  try {
    return { result: await run(file, options) };
  } catch (error) {
    return { failure: threwFailure(error) };
  }
}
