// What `pathway test` reports for one file (pathway-logic §6): each scenario that ran with its
// status, route and message, and which ways through the decisions and which ends the
// scenarios cover.
import { quote } from '../checks/rule';
import { branchList, type PathwayModel } from '../model/pathway';
import { scenarioRuns } from './index';
import { NOT_RUN_REASON, notRunReason } from './reports';

export type ScenarioStatus = 'passed' | 'failed' | 'stuck';

export interface ScenarioResult {
  readonly id: string;
  readonly title: string | undefined;
  readonly status: ScenarioStatus;
  /** Step ids in the order the route visits them. */
  readonly route: readonly string[];
  /** Why it failed or is stuck, without the scenario's name; empty when it passed. */
  readonly message: string;
  /** 1-based line of the scenario's id in the file. */
  readonly line: number;
}

/** A scenario that could not be run, and why in a few words. */
export interface NotRun {
  readonly id: string;
  readonly reason: string;
}

export interface BranchCoverage {
  readonly decision: string;
  /** 1-based branch number, or `otherwise`. */
  readonly branch: number | 'otherwise';
  readonly next: string | undefined;
  /** How many scenarios' routes take it. */
  readonly scenarios: number;
}

export interface EndCoverage {
  readonly step: string;
  readonly scenarios: number;
}

export interface Coverage {
  readonly branches: readonly BranchCoverage[];
  readonly ends: readonly EndCoverage[];
}

export interface FileScenarios {
  readonly results: readonly ScenarioResult[];
  readonly notRun: readonly NotRun[];
  readonly coverage: Coverage;
}

/** The share of branches, otherwises and ends that some scenario takes (1 when there are none). */
export function coveredShare(coverage: Coverage): { covered: number; total: number } {
  const all = [...coverage.branches, ...coverage.ends];
  return { covered: all.filter((item) => item.scenarios > 0).length, total: all.length };
}

/** The scenarios of a model, run, with their coverage; `lineOf` turns an offset into a line. */
export function fileScenarios(
  model: PathwayModel,
  text: string,
  lineOf: (offset: number) => number,
): FileScenarios {
  const runs = scenarioRuns(model, text);
  const results: ScenarioResult[] = [];
  const notRun: NotRun[] = [];
  const taken = new Map<string, number>();
  const ended = new Map<string, number>();
  for (const scenario of runs.scenarios) {
    const outcome = runs.outcomes.get(scenario.id);
    if (!outcome || outcome.status === 'halted') {
      notRun.push({
        id: scenario.id,
        reason: `${notRunReason(model, text, scenario, outcome) ?? NOT_RUN_REASON.halted} (see pathway check)`,
      });
      // A route that stopped at a mistake still took the branches before it.
      if (outcome)
        for (const way of new Set(outcome.taken.map((t) => `${t.decision}\n${t.branch}`)))
          taken.set(way, (taken.get(way) ?? 0) + 1);
      continue;
    }
    for (const way of new Set(outcome.taken.map((t) => `${t.decision}\n${t.branch}`)))
      taken.set(way, (taken.get(way) ?? 0) + 1);
    const last = outcome.route[outcome.route.length - 1];
    if (outcome.status !== 'stuck' && last !== undefined)
      ended.set(last, (ended.get(last) ?? 0) + 1);
    const prefix = `Scenario ${quote(scenario.id)} `;
    const message =
      outcome.status === 'passed'
        ? ''
        : outcome.message.startsWith(prefix)
          ? outcome.message.slice(prefix.length)
          : outcome.message;
    results.push({
      id: scenario.id,
      title: scenario.title,
      status: outcome.status,
      route: outcome.route,
      message,
      line: lineOf(scenario.keySpan.start),
    });
  }

  const branches: BranchCoverage[] = [];
  const ends: EndCoverage[] = [];
  for (const step of model.steps.values()) {
    if (step.kind === 'end') ends.push({ step: step.id, scenarios: ended.get(step.id) ?? 0 });
    if (step.kind !== 'decision') continue;
    for (const branch of branchList(step) ?? []) {
      branches.push({
        decision: step.id,
        branch: branch.index + 1,
        next: branch.next?.target,
        scenarios: taken.get(`${step.id}\n${branch.index}`) ?? 0,
      });
    }
    if (step.otherwise)
      branches.push({
        decision: step.id,
        branch: 'otherwise',
        next: step.otherwise.target,
        scenarios: taken.get(`${step.id}\notherwise`) ?? 0,
      });
  }
  return { results, notRun, coverage: { branches, ends } };
}
