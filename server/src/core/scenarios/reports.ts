// Each scenario of a file as the editor shows it (the Test Explorer, code lenses, the route in
// the preview): in the order written, with where its block is, how its route went, and for a
// failed one which expectation broke.
import { quote } from '../checks/rule';
import type { PathwayModel } from '../model/pathway';
import type { Span } from '../types';
import { scenarioRuns } from './index';
import type { Expectation } from './run';
import type { ScenarioStatus } from './results';

/** Why a scenario is not run, in a few words (hosts say where to look). */
export const NOT_RUN_REASON = {
  /** An invalid fact, an unknown input or step id, or nothing to expect. */
  mistake: 'its facts, choices or step ids have a mistake',
  /** Its route met a step that is itself wrong (a broken link, a decision that cannot be read). */
  halted: 'its route reaches a mistake in the pathway',
} as const;

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
    if (!outcome)
      return {
        ...base,
        status: 'not-run',
        message: `${named} is not run: ${NOT_RUN_REASON.mistake}. Fix the problems reported on it.`,
      };
    switch (outcome.status) {
      case 'halted':
        return {
          ...base,
          status: 'not-run',
          message: `${named} is not run to its end: ${NOT_RUN_REASON.halted}. Fix the problems reported on the pathway's steps.`,
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
