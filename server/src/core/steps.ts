/**
 * A long analysis in small steps, so that a host with other work (the language server,
 * answering other documents) can pause it: each step is a bounded piece of work — a group
 * of entries read, the model, one rule — after which the generator yields what it is doing.
 * The core knows no clocks or event loops; the host decides when to go on.
 */
import type { FlatParsedFile } from './parse/flatten';

/**
 * What an analysis is doing when it pauses: `read`, reading the text (stopped here, the
 * blocks read are lost), or `check`, judging what it read (stopped here, the blocks read are
 * kept for the next version: see IncrementalAnalyzer).
 */
export type AnalysisPhase = 'read' | 'check';

/**
 * A pause at which the host may read a whole text as YAML itself, elsewhere (the language
 * server's worker thread: the parse of a large file is one long piece of work), and pass
 * what it read, flattened, to `next`. Given nothing, the analysis reads the text in place.
 */
export interface ParseRequest {
  /** The text to read with parsePathwayText, and the alias budget to read it with. */
  readonly text: string;
  readonly aliasText: number;
}

export type Pause = AnalysisPhase | ParseRequest;

/** What the host passes back at a ParseRequest (see parse/flatten): nothing, or the parse. */
export type ParseAnswer = FlatParsedFile | undefined;

export type Steps<T> = Generator<Pause, T, ParseAnswer>;

/** Runs steps to the end, at once, reading every text in place. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next(undefined);
    if (step.done) return step.value;
  }
}
