// The worker thread of `pathway publish` (see pool.ts), bundled as dist/publishWorker.js
// beside cli.js: the checker, the pages and the flowchart's layout engine.
import { publishTask } from './publishFile';
import { serveTasks } from './taskWorker';

serveTasks({ publish: publishTask });
