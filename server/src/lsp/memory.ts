// Keeps the language server's memory near what it holds: collects old document texts once
// the heap has grown past a slack.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Garbage that may pile up before a collection: at least this, or half what is live. */
const SLACK_BYTES = 64 * 1024 * 1024;

/** The engine's collector, made callable as jest-leak-detector does; undefined if refused. */
function collector(): (() => void) | undefined {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Keeps the server's memory near what it holds. Each version of a document leaves its whole
 * text behind (12 MB for a pathway of 10,000 steps written with any character beyond
 * Latin-1), and the engine, left alone, lets hundreds of megabytes of old texts build up
 * before it collects them. After a check, once the heap has grown by more than the slack
 * since the last collection, one is run — after the diagnostics are sent, so that no answer
 * waits for it.
 */
export class MemoryPacer {
  private readonly gc = collector();
  private live = getHeapStatistics().used_heap_size;
  private scheduled = false;

  /** Called after each check has been published. */
  afterCheck(): void {
    if (!this.gc || this.scheduled) return;
    const used = getHeapStatistics().used_heap_size;
    if (used - this.live < Math.max(SLACK_BYTES, this.live / 2)) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.gc?.();
      this.live = getHeapStatistics().used_heap_size;
    });
  }
}
