import type { RawFinding } from '../types';
import { quote, type Rule } from './rule';

export const missingOtherwise: Rule = {
  code: 'missing-otherwise',
  defaultSeverity: 'warning',
  summary: 'A decision has no otherwise: patients who meet no condition have nowhere to go.',
  run: ({ model }) => {
    const findings: RawFinding[] = [];
    for (const step of model?.steps.values() ?? []) {
      if (step.kind !== 'decision' || step.node.entries?.has('otherwise')) continue;
      findings.push({
        code: 'missing-otherwise',
        message: `Decision ${quote(step.id)} has no "otherwise": it does not say where patients go when none of its conditions holds. Add "otherwise" with the step they should take.`,
        span: step.keySpan,
      });
    }
    return findings;
  },
};
