// A worker thread of the pathway command (see pool.ts): runs one named task on one file at a
// time, as the main thread hands them out, and sends back each small result. Each worker
// script (checkWorker.ts, publishWorker.ts) gives the tasks it runs, and loads only those.
import { parentPort, workerData } from 'node:worker_threads';
import type { FileTaskName, FileTaskOptions, FileTasks } from './fileTasks';
import type { FromWorker, ToWorker, WorkerSetup } from './pool';
import { runOn, threwFailure } from './taskOutcome';

/** Serves the task this worker was started for, which must be one of `tasks`. */
export function serveTasks(tasks: Partial<FileTasks>): void {
  const { task, options } = workerData as WorkerSetup<FileTaskName>;
  const port = parentPort;
  // Typed by the table: the main thread starts each task's own worker script (TASK_WORKERS).
  const run = tasks[task] as
    ((file: string, options: FileTaskOptions<FileTaskName>) => unknown) | undefined;

  const send = (message: FromWorker): void => {
    try {
      port?.postMessage(message);
    } catch (error) {
      // A result that cannot cross to the main thread fails its file, not the worker.
      if ('index' in message)
        port?.postMessage({ index: message.index, failure: threwFailure(error) });
    }
  };

  // One file at a time: the main thread sends the next only when this one's result is back.
  port?.on('message', ({ index, file }: ToWorker) => {
    const outcome = run
      ? runOn(run, file, options)
      : Promise.resolve({ failure: threwFailure(`this worker does not run "${task}"`) });
    void outcome.then((outcome) => send({ index, ...outcome } as FromWorker));
  });
  // Loaded: a stop from now on is the file's doing, not a worker that cannot start.
  send({ ready: true });
}
