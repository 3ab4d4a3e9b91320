// The `scenario-failed` rule: a scenario's route breaks what it expects, shown on the first
// broken entry with what was expected, what happened, and the route.
import type { RawFinding } from '../types';
import { scenarioRuns } from '../scenarios';
import type { Check } from './rule';

export const scenarioFailed: Check = {
  run: ({ model, parsed }) => {
    const findings: RawFinding[] = [];
    if (!model) return findings;
    for (const outcome of scenarioRuns(model, parsed.text).outcomes.values()) {
      if (outcome.status !== 'failed') continue;
      findings.push({ code: 'scenario-failed', message: outcome.message, span: outcome.span });
    }
    return findings;
  },
};
