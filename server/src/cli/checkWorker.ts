// The worker thread of `pathway check` and `pathway test` (see pool.ts), bundled as
// dist/checkWorker.js beside cli.js: the checker alone, without the flowchart's layout.
import { checkFile } from './checkResults';
import { serveTasks } from './taskWorker';
import { testFile } from './testResults';

serveTasks({ check: checkFile, test: testFile });
