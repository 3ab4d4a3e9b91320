// The `scenario-stuck` rule: a scenario's route cannot go on, with the reason (the decision,
// the fact it lacks or the branches that both apply) on the scenario's id.
import type { RawFinding } from '../types';
import { scenarioRuns } from '../scenarios';
import type { Check } from './rule';

export const scenarioStuck: Check = {
  run: ({ model, parsed }) => {
    const findings: RawFinding[] = [];
    if (!model) return findings;
    const runs = scenarioRuns(model, parsed.text);
    for (const scenario of runs.scenarios) {
      const outcome = runs.outcomes.get(scenario.id);
      if (outcome?.status !== 'stuck') continue;
      findings.push({ code: 'scenario-stuck', message: outcome.message, span: scenario.keySpan });
    }
    return findings;
  },
};
