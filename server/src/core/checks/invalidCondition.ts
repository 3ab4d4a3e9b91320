// The `invalid-condition` rule: an `if` that does not parse, or tests an input against a value
// of the wrong kind (pathway-logic §2).
import type { RawFinding } from '../types';
import { pathwayLogic } from './decisionLogic';
import type { Check } from './rule';

export const invalidCondition: Check = {
  run: ({ model, parsed }) => {
    if (!model) return [];
    return pathwayLogic(model, parsed.text)
      .problems.filter((problem) => problem.code === 'invalid-condition')
      .map((problem): RawFinding => ({ ...problem }));
  },
};
