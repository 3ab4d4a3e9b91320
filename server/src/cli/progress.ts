// How far a run over many files has got, told to whoever is watching: the editor that started
// the command (over the channel Node opens to a forked process), or a person at a terminal,
// as one line rewritten in place. Never into a file or a pipe, where it would be noise among
// the results.

/** What the editor hears: `done` of the run's `total` files are finished. */
export interface ProgressMessage {
  readonly type: 'progress';
  readonly done: number;
  readonly total: number;
}

/** Where progress can go; the process's own by default. */
export interface ProgressOutlets {
  /** The terminal line, when stderr is a terminal. */
  readonly stderr: { readonly isTTY?: boolean; write(text: string): unknown };
  /** The channel to the process that forked this one, when there is one. */
  readonly send?: (message: ProgressMessage) => unknown;
  /** Milliseconds since some fixed moment. */
  readonly now?: () => number;
}

export interface Progress {
  /** One more file is finished. */
  step(): void;
  /** The run is over: the terminal line is cleared, and the editor hears the last count. */
  end(): void;
}

/** The terminal line waits this long before it first shows: a quick run shows none. */
const SHOW_AFTER_MS = 1000;
/** At most one update in this many milliseconds (the last count is always told). */
const EVERY_MS = 100;

/** The words of the terminal line. */
export function progressLine(verb: string, done: number, total: number): string {
  return `pathway: ${verb} ${done} of ${total} files…`;
}

function processOutlets(): ProgressOutlets {
  if (!process.send || !process.connected) return { stderr: process.stderr };
  return {
    stderr: process.stderr,
    send: (message: ProgressMessage) => {
      // The editor may have gone (reloaded, say): the run goes on without it. A callback
      // keeps a message that cannot be sent from becoming an error that ends the run.
      if (process.connected) process.send?.(message, undefined, undefined, () => undefined);
    },
  };
}

/**
 * Progress of a run over `total` files, `verb` saying what is done to each ("checked",
 * "published"). Quiet when nobody is watching: no channel and no terminal.
 */
export function startProgress(
  verb: string,
  total: number,
  outlets: ProgressOutlets = processOutlets(),
): Progress {
  const now = outlets.now ?? (() => performance.now());
  const terminal = outlets.stderr.isTTY === true;
  const started = now();
  let done = 0;
  let told = -Infinity;
  let shown = false;
  const tell = (last: boolean): void => {
    const at = now();
    if (!last && at - told < EVERY_MS) return;
    told = at;
    try {
      outlets.send?.({ type: 'progress', done, total });
    } catch {
      // The editor went away: the run goes on without it.
    }
    if (terminal && !last && at - started >= SHOW_AFTER_MS) {
      outlets.stderr.write(`\r${progressLine(verb, done, total)}`);
      shown = true;
    }
  };
  return {
    step() {
      done++;
      tell(false);
    },
    end() {
      tell(true);
      // Clear the line, so that what the command prints next starts on a clean one.
      if (shown) outlets.stderr.write('\r\x1b[K');
    },
  };
}
