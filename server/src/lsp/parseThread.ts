// Reads large pathway texts as YAML in a worker thread, so that the server keeps answering
// while a big file is parsed.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FlatParsedFile, ParseRequest } from '../core';

/** What the server sends the worker: a text to read, with a number to match the answer. */
export interface ParseJob extends ParseRequest {
  readonly id: number;
}

/** The worker's answer: the parse, flattened, or why it failed. */
export type ParseResult =
  | { readonly id: number; readonly flat: FlatParsedFile }
  | { readonly id: number; readonly failed: string };

/**
 * Texts shorter than this are read in place: a worker's round trip and the rebuilding of
 * the tree cost more than the parse (a few tens of milliseconds at this size).
 */
const IN_PLACE_BELOW = 200_000;

/** After this many crashes (out of memory, say) the worker is not started again. */
const MAX_CRASHES = 3;

/**
 * Reads large texts as YAML in a worker thread, one at a time, so that a file the analysis
 * must parse whole (one with anchors, flow style at the top, or a syntax error while it is
 * typed) does not stop the server for the seconds the parse of 10 MB takes. Answers
 * undefined when the text is small or the worker is not available: the analysis then reads
 * the text in place.
 */
export class ParseThread {
  private worker: Worker | undefined;
  private crashes = 0;
  private nextId = 0;
  private readonly waiting = new Map<number, (flat: FlatParsedFile | undefined) => void>();

  constructor(private readonly script = path.join(__dirname, 'parseWorker.js')) {}

  parse(request: ParseRequest): Promise<FlatParsedFile | undefined> {
    if (request.text.length < IN_PLACE_BELOW) return Promise.resolve(undefined);
    const worker = this.started();
    if (!worker) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      const job: ParseJob = { id, text: request.text, aliasText: request.aliasText };
      worker.postMessage(job);
    });
  }

  private started(): Worker | undefined {
    if (this.worker) return this.worker;
    if (this.crashes >= MAX_CRASHES || !existsSync(this.script)) return undefined;
    const worker = new Worker(this.script);
    // An idle worker must not keep the server alive once the client has gone.
    worker.unref();
    worker.on('message', (result: ParseResult) => {
      const resolve = this.waiting.get(result.id);
      this.waiting.delete(result.id);
      resolve?.('flat' in result ? result.flat : undefined);
    });
    worker.on('error', () => undefined);
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.crashes++;
      // What was waiting is read in place instead.
      for (const resolve of this.waiting.values()) resolve(undefined);
      this.waiting.clear();
    });
    this.worker = worker;
    return worker;
  }
}
