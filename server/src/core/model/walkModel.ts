// What the preview's walk-through needs of a pathway: each step's ways out with their
// answers, and each recommendation's grade and evidence.
import type { Analysis } from '../analysis';
import { recommendationRow, type RecommendationRow } from '../report/audit';
import { exitsOf } from '../report/paths';

/** What a walk through the pathway needs to know of one step. */
export interface WalkStep {
  readonly id: string;
  readonly kind: string;
  readonly title: string;
  /**
   * The ways out, as a reader meets them; at a decision each carries its answer: a branch's
   * condition, and for the otherwise route its label or "None of the above".
   */
  readonly exits: readonly { readonly to: string; readonly answer?: string }[];
  /** At an end: what the patient leaves with, when the end says. */
  readonly outcome?: string;
  /** A recommendation's grade and evidence, as the audit report lists them. */
  readonly recommendation?: Omit<RecommendationRow, 'id' | 'line' | 'title'>;
}

export interface WalkModel {
  readonly start: string | undefined;
  readonly steps: readonly WalkStep[];
}

/** The steps, their ways out and their recommendations, for walking a patient through. */
export function walkModel(analysis: Analysis): WalkModel {
  const model = analysis.model;
  if (!model) return { start: undefined, steps: [] };
  const steps = [...model.steps.values()].map((step): WalkStep => {
    const base = {
      id: step.id,
      kind: step.kind ?? 'unknown',
      title: step.title ?? step.id,
      exits: exitsOf(step, model.steps),
    };
    if (step.kind === 'end') {
      const outcome = step.node.entries?.get('outcome')?.value;
      return typeof outcome === 'string' && outcome.trim() !== ''
        ? { ...base, outcome: outcome.trim() }
        : base;
    }
    if (step.kind !== 'recommendation') return base;
    const { direction, strength, certainty, rationale, citations } = recommendationRow(
      analysis,
      step,
    );
    return { ...base, recommendation: { direction, strength, certainty, rationale, citations } };
  });
  const start = analysis.graph?.start;
  return { start: start !== undefined && model.steps.has(start) ? start : undefined, steps };
}
