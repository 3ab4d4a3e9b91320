// The `unknown-input` rule: a name in an `if`, or an item of `records`, that is not one of the
// pathway's inputs.
import type { RawFinding } from '../types';
import { pathwayLogic } from './decisionLogic';
import type { Check } from './rule';

export const unknownInput: Check = {
  run: ({ model, parsed }) => {
    if (!model) return [];
    return pathwayLogic(model, parsed.text)
      .problems.filter((problem) => problem.code === 'unknown-input')
      .map((problem): RawFinding => ({ ...problem }));
  },
};
