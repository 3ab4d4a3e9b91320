// One analysis per document version, shared by every editor feature: run in slices so the
// server stays responsive, and never an older version's answer once a newer one exists.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AnalysisContext } from '../core/analysis';
import {
  IncrementalAnalyzer,
  type Analysis,
  type AnalysisPhase,
  type CheckOptions,
  type ParseAnswer,
  type ParseRequest,
  type PathwayModel,
  type Steps,
} from '../core';
import { ParseThread } from './parseThread';

/**
 * How long an analysis works before it lets the server answer other requests. A large
 * file's first analysis takes seconds; in slices this long, hover, completion and the
 * diagnostics of the other documents are answered in between.
 */
const SLICE_MS = 20;

/** Where a document's analysis stands among other files, and what it read of them. */
export interface DocumentContext {
  readonly context: AnalysisContext;
  /** The full paths of the other files read, filled in as the analysis reads them. */
  readonly reads: ReadonlySet<string>;
}

/** A document's context for one analysis, made as the analysis starts. */
export type ContextOf = (uri: string, options: CheckOptions) => DocumentContext;

const NO_CONTEXT: ContextOf = () => ({ context: {}, reads: new Set() });

interface Entry {
  readonly version: number;
  /** The text analysed: a client may send a stale or repeated version number with new text. */
  readonly text: string;
  readonly options: CheckOptions;
  readonly analysis: Analysis;
  readonly reads: ReadonlySet<string>;
}

/** An analysis under way: one version of one document, in steps. */
interface Job {
  readonly version: number;
  readonly text: string;
  readonly options: CheckOptions;
  readonly reads: ReadonlySet<string>;
  readonly steps: Steps<Analysis>;
  phase: AnalysisPhase;
  stopped: boolean;
  /** What the next step is given: a text read elsewhere (see ParseRequest). */
  answer: ParseAnswer;
}

/** A request waiting for the analysis of its document as the document is when it ends. */
interface Waiter {
  readonly document: TextDocument;
  readonly options: CheckOptions;
  readonly resolve: (analysis: Analysis) => void;
  readonly reject: (error: unknown) => void;
}

/** The document was closed while a request waited for its analysis. */
export class DocumentClosed extends Error {
  constructor(uri: string) {
    super(`${uri} was closed before its analysis ended.`);
  }
}

function wants(waiter: Waiter, version: number, text: string, options: CheckOptions): boolean {
  return (
    waiter.document.version === version &&
    waiter.options === options &&
    waiter.document.getText() === text
  );
}

/**
 * One analysis per (uri, version, settings): diagnostics, hover, completion and every other
 * feature read the same one. Each document keeps an incremental analyzer, so a new version
 * re-reads only what its edits touched.
 *
 * An analysis runs in slices of SLICE_MS on the event loop (the core's analysis in steps),
 * so that a large document's first analysis never holds up the answers about other
 * documents. A request waits for the analysis of its document as the document is when that
 * analysis ends: never an older version's. An analysis whose version has been overtaken is
 * stopped once it has read its text (the next version is then read incrementally from it).
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly analyzers = new Map<string, IncrementalAnalyzer>();
  /** The last model each document had: half-typed text has none, and ids still need names. */
  private readonly models = new Map<string, PathwayModel>();
  private readonly jobs = new Map<string, Job>();
  private readonly waiters = new Map<string, Waiter[]>();

  constructor(
    private readonly parser = new ParseThread(),
    private readonly contextOf: ContextOf = NO_CONTEXT,
  ) {}

  /** The analysis of the document as it is now: at once when known, else when made. */
  get(document: TextDocument, options: CheckOptions): Promise<Analysis> {
    const entry = this.entries.get(document.uri);
    if (
      entry &&
      entry.version === document.version &&
      entry.options === options &&
      entry.text === document.getText()
    ) {
      return Promise.resolve(entry.analysis);
    }
    return new Promise<Analysis>((resolve, reject) => {
      const list = this.waiters.get(document.uri) ?? [];
      list.push({ document, options, resolve, reject });
      this.waiters.set(document.uri, list);
      if (!this.jobs.has(document.uri)) this.start(document.uri);
    });
  }

  /** The model of the latest version of a document that had one (that parsed). */
  lastModel(uri: string): PathwayModel | undefined {
    return this.models.get(uri);
  }

  delete(uri: string): void {
    const job = this.jobs.get(uri);
    if (job) this.stop(uri, job);
    for (const waiter of this.waiters.get(uri) ?? []) waiter.reject(new DocumentClosed(uri));
    this.waiters.delete(uri);
    this.entries.delete(uri);
    this.analyzers.delete(uri);
    this.models.delete(uri);
  }

  /** Forgets the analyses (settings changed); the parsed blocks stay, as the text has not. */
  clear(): void {
    this.entries.clear();
  }

  /**
   * Other files changed (full paths): the analyses that read one of them are forgotten, and
   * one under way that read one starts again. Gives the documents whose analysis is forgotten.
   */
  filesChanged(files: ReadonlySet<string>): string[] {
    const touched = (reads: ReadonlySet<string>): boolean =>
      [...files].some((file) => reads.has(file));
    const uris = new Set<string>();
    for (const [uri, entry] of this.entries) {
      if (!touched(entry.reads)) continue;
      this.entries.delete(uri);
      uris.add(uri);
    }
    for (const [uri, job] of [...this.jobs]) {
      if (!touched(job.reads)) continue;
      this.stop(uri, job);
      uris.add(uri);
      setImmediate(() => {
        if (!this.jobs.has(uri)) this.start(uri);
      });
    }
    return [...uris];
  }

  /** The full paths of the other files the document's latest analysis read. */
  readsOf(uri: string): ReadonlySet<string> {
    return this.entries.get(uri)?.reads ?? new Set();
  }

  /** Starts analysing what the latest waiter for the document wants. */
  private start(uri: string): void {
    const waiter = this.waiters.get(uri)?.at(-1);
    if (!waiter) return;
    let analyzer = this.analyzers.get(uri);
    if (!analyzer) {
      analyzer = new IncrementalAnalyzer();
      this.analyzers.set(uri, analyzer);
    }
    const text = waiter.document.getText();
    const { context, reads } = this.contextOf(uri, waiter.options);
    const job: Job = {
      version: waiter.document.version,
      text,
      options: waiter.options,
      reads,
      steps: analyzer.steps(text, waiter.options, context),
      phase: 'read',
      stopped: false,
      answer: undefined,
    };
    this.jobs.set(uri, job);
    this.work(uri, job);
  }

  /** One slice of a job's work, then the next after the event loop has had its turn. */
  private work(uri: string, job: Job): void {
    if (job.stopped) return;
    const started = performance.now();
    try {
      for (;;) {
        const answer = job.answer;
        job.answer = undefined;
        const step = job.steps.next(answer);
        if (step.done) {
          this.done(uri, job, step.value);
          return;
        }
        if (typeof step.value === 'object') {
          this.parseElsewhere(uri, job, step.value);
          return;
        }
        job.phase = step.value;
        if (performance.now() - started >= SLICE_MS) break;
      }
    } catch (error) {
      this.failed(uri, job, error);
      return;
    }
    setImmediate(() => {
      if (job.stopped) return;
      // Overtaken by a newer version or setting: stop once what was read is kept.
      if (job.phase === 'check' && !this.anyoneWants(uri, job)) {
        this.stop(uri, job);
        this.start(uri);
        return;
      }
      this.work(uri, job);
    });
  }

  /**
   * Has the worker read the text (the one step of an analysis that cannot pause); the
   * analysis waits without holding the event loop, then goes on with what it read.
   */
  private parseElsewhere(uri: string, job: Job, request: ParseRequest): void {
    job.phase = 'read';
    void this.parser.parse(request).then((flat) => {
      job.answer = flat;
      this.work(uri, job);
    });
  }

  private anyoneWants(uri: string, job: Job): boolean {
    return (this.waiters.get(uri) ?? []).some((w) => wants(w, job.version, job.text, job.options));
  }

  private stop(uri: string, job: Job): void {
    job.stopped = true;
    // Leaves the generator where it is: what it read is already kept by the analyzer.
    job.steps.return(undefined as unknown as Analysis);
    if (this.jobs.get(uri) === job) this.jobs.delete(uri);
  }

  private done(uri: string, job: Job, analysis: Analysis): void {
    this.jobs.delete(uri);
    const { version, text, options, reads } = job;
    this.entries.set(uri, { version, text, options, analysis, reads });
    if (analysis.model) this.models.set(uri, analysis.model);
    const waiting = this.waiters.get(uri) ?? [];
    const left = waiting.filter((w) => !wants(w, version, text, options));
    if (left.length > 0) this.waiters.set(uri, left);
    else this.waiters.delete(uri);
    for (const waiter of waiting) if (!left.includes(waiter)) waiter.resolve(analysis);
    // The next version's analysis moves the spans this one shares with it: it starts after
    // the requests just answered have read what they need (they run before the next turn).
    if (left.length > 0) {
      setImmediate(() => {
        if (!this.jobs.has(uri)) this.start(uri);
      });
    }
  }

  private failed(uri: string, job: Job, error: unknown): void {
    this.jobs.delete(uri);
    // The analyzer may be half way through a version: the next one starts afresh.
    this.analyzers.delete(uri);
    const waiting = this.waiters.get(uri) ?? [];
    this.waiters.delete(uri);
    for (const waiter of waiting) waiter.reject(error);
  }
}
