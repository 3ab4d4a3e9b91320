// The work the pathway command does on one file at a time, by name, wherever it runs: in a
// worker thread (checkWorker.ts, publishWorker.ts) or in this process (pool.ts). A task takes
// the file's path and options that survive a structured clone, reads the file itself, and
// returns a small result that survives one too (findings, never the analysis). A new task is
// one function and one line here, and one in the worker that runs it.
import { checkFile } from './checkResults';
import { publishTask } from './publishFile';
import { runOn, type Outcome } from './taskOutcome';
import { testFile } from './testResults';

export const FILE_TASKS = {
  check: checkFile,
  test: testFile,
  publish: publishTask,
} as const;

export type FileTasks = typeof FILE_TASKS;
export type FileTaskName = keyof FileTasks;
export type FileTaskOptions<K extends FileTaskName> = Parameters<FileTasks[K]>[1];
/** What a task gives for one file (a task may take its time: drawing a chart is awaited). */
export type FileTaskResult<K extends FileTaskName> = Awaited<ReturnType<FileTasks[K]>>;

export { stoppedFailure, threwFailure, type Outcome } from './taskOutcome';

/**
 * The worker script that runs each task, beside cli.js: checking loads the checker alone,
 * publishing the flowchart's layout engine too (several megabytes more to load and warm up).
 */
export const TASK_WORKERS: Readonly<Record<FileTaskName, string>> = {
  check: 'checkWorker.js',
  test: 'checkWorker.js',
  publish: 'publishWorker.js',
};

/** Runs `task` on one file in this thread; a task that throws fails that file alone. */
export function runTask<K extends FileTaskName>(
  task: K,
  file: string,
  options: FileTaskOptions<K>,
): Promise<Outcome<FileTaskResult<K>>> {
  // The compiler cannot pair FILE_TASKS[task] with K's options; the table's types do.
  const run = FILE_TASKS[task] as (
    file: string,
    options: FileTaskOptions<K>,
  ) => FileTaskResult<K> | Promise<FileTaskResult<K>>;
  return runOn(run, file, options);
}
