// A worker thread of the pathway command (see pool.ts): runs one named task on one file at a
// time, as the main thread hands them out, and sends back each small result. Bundled as
// dist/fileWorker.js, beside cli.js.
import { parentPort, workerData } from 'node:worker_threads';
import { runTask, threwFailure, type FileTaskName } from './fileTasks';
import type { FromWorker, ToWorker, WorkerSetup } from './pool';

const { task, options } = workerData as WorkerSetup<FileTaskName>;
const port = parentPort;

function send(message: FromWorker): void {
  try {
    port?.postMessage(message);
  } catch (error) {
    // A result that cannot cross to the main thread fails its file, not the worker.
    if ('index' in message)
      port?.postMessage({ index: message.index, failure: threwFailure(error) });
  }
}

// One file at a time: the main thread sends the next only when this one's result is back.
port?.on('message', ({ index, file }: ToWorker) => {
  void runTask(task, file, options).then((outcome) => send({ index, ...outcome }));
});
// Loaded: a stop from now on is the file's doing, not a worker that cannot start.
send({ ready: true });
