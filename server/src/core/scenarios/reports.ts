// Each scenario of a file as the editor shows it (the Test Explorer, code lenses, the route in
// the preview): in the order written, with where its block is, how its route went, and for a
// failed one which expectation broke.
import { quote } from '../checks/rule';
import type { PathwayModel } from '../model/pathway';
import type { Span } from '../types';
import { callChain } from './chain';
import { scenarioRuns } from './index';
import type { Scenario } from './read';
import type { Expectation, Outcome } from './run';
import type { ScenarioStatus } from './results';

/** Why a scenario is not run, in a few words (hosts say where to look). */
export const NOT_RUN_REASON = {
  /** An invalid fact, an unknown input or step id, or nothing to expect. */
  mistake: 'its facts, choices or step ids have a mistake',
  /** Its route met a step that is itself wrong (a broken link, a decision that cannot be read). */
  halted: 'its route reaches a mistake in the pathway',
  /** It names inputs or steps that may belong to a sub-pathway that cannot be followed. */
  waiting: 'it names inputs or steps of a sub-pathway that cannot be followed',
} as const;

/**
 * Why a scenario is not run, or not to its end, in a few words; undefined when it ran. A
 * route that stops at a sub-pathway step names the step.
 */
export function notRunReason(
  model: PathwayModel,
  text: string,
  scenario: Scenario,
  outcome: Outcome | undefined,
): string | undefined {
  if (!outcome) return scenario.waitsOnCall ? NOT_RUN_REASON.waiting : NOT_RUN_REASON.mistake;
  if (outcome.status !== 'halted') return undefined;
  const last = outcome.route.at(-1);
  const step =
    last === undefined
      ? undefined
      : (model.steps.get(last) ?? callChain(model, text).steps.get(last)?.step);
  return step?.kind === 'pathway' && last !== undefined
    ? `its route reaches the sub-pathway step ${quote(last)}, which cannot be followed`
    : NOT_RUN_REASON.halted;
}

export type ScenarioState = ScenarioStatus | 'not-run';

/** The first broken expectation of a failed scenario. */
export interface BrokenExpectation extends Expectation {
  /** Where the entry is written. */
  readonly span: Span;
  /** For `end`: the end the route reached instead. */
  readonly reached: string | undefined;
}

export interface ScenarioReport {
  readonly id: string;
  readonly title: string | undefined;
  /** The scenario's id as written. */
  readonly keySpan: Span;
  /** Its whole block: the id and everything under it. */
  readonly blockSpan: Span;
  readonly status: ScenarioState;
  /**
   * What went wrong, as a sentence that names the scenario (as its diagnostic says it); why it
   * was not run; empty when it passed.
   */
  readonly message: string;
  /** The steps the route visits, in order, as far as it went (none when it was not run). */
  readonly route: readonly string[];
  readonly broken: BrokenExpectation | undefined;
}

/** Every scenario of the model, run when it can be; `text` is the text it was read from. */
export function scenarioReports(model: PathwayModel, text: string): ScenarioReport[] {
  const runs = scenarioRuns(model, text);
  return runs.scenarios.map((scenario): ScenarioReport => {
    const outcome = runs.outcomes.get(scenario.id);
    const named = `Scenario ${quote(scenario.id)}`;
    const base = {
      id: scenario.id,
      title: scenario.title,
      keySpan: scenario.keySpan,
      blockSpan: {
        start: Math.min(scenario.keySpan.start, scenario.node.span.start),
        end: Math.max(scenario.keySpan.end, scenario.node.span.end),
      },
      route: outcome?.route ?? [],
      broken: undefined,
    };
    const reason = notRunReason(model, text, scenario, outcome);
    if (!outcome)
      return {
        ...base,
        status: 'not-run',
        message: scenario.waitsOnCall
          ? `${named} is not run: ${reason ?? ''}. Fix the sub-pathway step's "use" first.`
          : `${named} is not run: ${reason ?? ''}. Fix the problems reported on it.`,
      };
    switch (outcome.status) {
      case 'halted':
        return {
          ...base,
          status: 'not-run',
          message: `${named} is not run to its end: ${reason ?? ''}. Fix the problems reported on the pathway's steps.`,
        };
      case 'passed':
        return { ...base, status: 'passed', message: '' };
      case 'stuck':
        return { ...base, status: 'stuck', message: outcome.message };
      case 'failed':
        return {
          ...base,
          status: 'failed',
          message: outcome.message,
          broken: {
            ...outcome.broken,
            span: outcome.span,
            reached: outcome.broken.key === 'end' ? outcome.route.at(-1) : undefined,
          },
        };
    }
  });
}
