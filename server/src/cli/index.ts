// The `pathway` command's entry point: runs the command line and sets the exit status.
import { main } from './main';
import { guardStandardStreams } from './output';

guardStandardStreams();
main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(
      `pathway: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
