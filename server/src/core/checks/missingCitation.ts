import type { RawFinding } from '../types';
import { quote, type Rule } from './rule';

export const missingCitation: Rule = {
  code: 'missing-citation',
  defaultSeverity: 'error',
  summary: 'A recommendation cites no evidence.',
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
