// Runs a per-file task (fileTasks.ts) over many files on every core: each file goes to
// whichever worker thread is free, the largest first, and the results come back in the
// files' order whatever order they finished in. Each worker reads its file itself.
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { startProgress, type Progress } from './progress';
import {
  runTask,
  stoppedFailure,
  threwFailure,
  type FileTaskName,
  type FileTaskOptions,
  type FileTaskResult,
  type Outcome,
  TASK_WORKERS,
} from './fileTasks';

/** What a worker is started with: the task it runs on every file it is given. */
export interface WorkerSetup<K extends FileTaskName> {
  readonly task: K;
  readonly options: FileTaskOptions<K>;
}

/** The main thread to a worker: one file to run the task on. */
export interface ToWorker {
  readonly index: number;
  readonly file: string;
}

/** A worker to the main thread: loaded, or what the task gave for one file. */
export type FromWorker =
  { readonly ready: true } | ({ readonly index: number } & Outcome<FileTaskResult<FileTaskName>>);

export interface PoolSettings {
  /**
   * At most this many worker threads; 0 runs every file in this process. Unset: one per
   * processor, or this process when the files are small (see IN_PROCESS_BELOW).
   */
  readonly jobs?: number;
}

/** What each task does to a file, as its progress says it. */
const VERBS: Readonly<Record<FileTaskName, string>> = {
  check: 'checked',
  test: 'tested',
  publish: 'published',
};

/** A task's worker script, beside cli.js in dist/ (out/…/cli/ when run from there). */
function workerScript(task: FileTaskName): string {
  return path.join(__dirname, TASK_WORKERS[task]);
}

/**
 * Files that come to less than this in all are checked in this process unless --jobs asks
 * otherwise: each worker thread loads the checker and warms it up anew (a few hundred
 * milliseconds of processor time), which on a busy machine costs more than checking a
 * handful of files, and on an idle one saves little.
 */
export const IN_PROCESS_BELOW = 1024 * 1024;

/** Each worker's young generation, in MB (Node gives a worker 48). */
const YOUNG_GENERATION_MB = 128;

/**
 * Runs `task` on every file and gives each file's outcome, in the files' order.
 *
 * Where it runs: with `jobs` 0, a single file, or (with `jobs` unset) files under
 * IN_PROCESS_BELOW in all, in this process; otherwise in min(jobs, files) worker threads
 * (`jobs` 1 included), `jobs` being the number of processors when unset. A file whose
 * task throws, or whose worker stops (out of memory, say), gets a failure and the others
 * go on, in a new worker. A worker that stops before it has loaded (or a missing worker
 * script) leaves its files to the others, and to this process when none is left.
 */
export function runFiles<K extends FileTaskName>(
  task: K,
  files: readonly string[],
  options: FileTaskOptions<K>,
  { jobs }: PoolSettings,
): Promise<Outcome<FileTaskResult<K>>[]> {
  const sizes = files.map(sizeOf);
  const small = sizes.reduce((sum, size) => sum + size, 0) < IN_PROCESS_BELOW;
  const threads = Math.min(jobs ?? (small ? 0 : availableParallelism()), files.length);
  // Told to a terminal or to the editor that forked the command (see progress.ts).
  const progress = startProgress(VERBS[task], files.length);
  const run =
    threads < 1 || files.length < 2 || !existsSync(workerScript(task))
      ? runHere(task, files, options, progress)
      : runInWorkers(task, files, options, threads, sizes, progress);
  return run.finally(() => progress.end());
}

/** Runs `task` on every file in this process, one after another. */
async function runHere<K extends FileTaskName>(
  task: K,
  files: readonly string[],
  options: FileTaskOptions<K>,
  progress: Progress,
): Promise<Outcome<FileTaskResult<K>>[]> {
  const outcomes: Outcome<FileTaskResult<K>>[] = [];
  for (const file of files) {
    outcomes.push(await runTask(task, file, options));
    progress.step();
  }
  return outcomes;
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // the task says why it cannot be read
  }
}

function runInWorkers<K extends FileTaskName>(
  task: K,
  files: readonly string[],
  options: FileTaskOptions<K>,
  threads: number,
  sizes: readonly number[],
  progress: Progress,
): Promise<Outcome<FileTaskResult<K>>[]> {
  type Result = Outcome<FileTaskResult<K>>;
  const outcomes: (Result | undefined)[] = files.map(() => undefined);
  // The largest first, so that a big file does not start last and hold up the end.
  const queue = files
    .map((_, index) => index)
    .sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b);
  const setup: WorkerSetup<K> = { task, options };
  let left = files.length;
  let running = 0;

  return new Promise((resolve) => {
    const settle = (index: number, outcome: Result): void => {
      outcomes[index] = outcome;
      progress.step();
      if (--left === 0) resolve(outcomes as Result[]);
    };
    const runRestHere = async (): Promise<void> => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        settle(index, await runTask(task, files[index] as string, options));
      }
    };

    const start = (): void => {
      let worker: Worker;
      try {
        worker = new Worker(workerScript(task), {
          workerData: setup,
          // Parsing YAML makes many short-lived objects: a larger young generation collects
          // them in fewer scavenges, each copying less of what survives. A folder of 1,000
          // pathways sharing a 5,000-work bibliography checks in about 15% less time, for
          // about 150 MB more memory at the peak.
          resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
        });
      } catch {
        if (running === 0) void runRestHere();
        return;
      }
      running++;
      let ready = false;
      let holding: number | undefined;
      let stopped: unknown;
      const next = (): void => {
        holding = queue.shift();
        if (holding === undefined) {
          void worker.terminate();
          return;
        }
        const job: ToWorker = { index: holding, file: files[holding] as string };
        worker.postMessage(job);
      };
      worker.on('message', (message: FromWorker) => {
        if ('ready' in message) {
          ready = true;
          return;
        }
        const { index, ...outcome } = message;
        holding = undefined;
        settle(index, outcome as Result);
        next();
      });
      worker.on('messageerror', (error) => {
        // A result that could not be read here: its file fails, the worker goes on.
        if (holding === undefined) return;
        const index = holding;
        holding = undefined;
        settle(index, { failure: threwFailure(error) });
        next();
      });
      worker.on('error', (error) => {
        stopped = error;
      });
      worker.on('exit', () => {
        running--;
        if (holding !== undefined) {
          // Stopped while loading: the file had no part in it, and goes to another.
          if (ready) settle(holding, { failure: stoppedFailure(stopped) });
          else queue.unshift(holding);
          holding = undefined;
        }
        if (queue.length === 0) return;
        if (ready) start();
        else if (running === 0) void runRestHere();
      });
      next();
    };

    for (let i = 0; i < threads; i++) start();
  });
}
