// The `missing-citation` rule: a recommendation that cites no evidence.
import type { RawFinding } from '../types';
import { quote, type Check } from './rule';

export const missingCitation: Check = {
  run: ({ model }) => {
    const findings: RawFinding[] = [];
    for (const step of model?.steps.values() ?? []) {
      if (step.kind !== 'recommendation') continue;
      if (step.citeState !== 'absent' && step.citeState !== 'empty') continue;
      findings.push({
        code: 'missing-citation',
        message: `Recommendation ${quote(step.id)} cites no evidence: list the ids of the references that support it under "cite".`,
        span: step.keySpan,
      });
    }
    return findings;
  },
};
