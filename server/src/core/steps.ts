/**
 * A long analysis in small steps, so that a host with other work (the language server,
 * answering other documents) can pause it: each step is a bounded piece of work — a group
 * of entries read, the model, one rule — after which the generator yields what it is doing.
 * The core knows no clocks or event loops; the host decides when to go on.
 */

/**
 * What an analysis is doing when it pauses: `read`, reading the text (stopped here, the
 * blocks read are lost), or `check`, judging what it read (stopped here, the blocks read are
 * kept for the next version: see IncrementalAnalyzer).
 */
export type AnalysisPhase = 'read' | 'check';

export type Steps<T> = Generator<AnalysisPhase, T, void>;

/** Runs steps to the end, at once. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
