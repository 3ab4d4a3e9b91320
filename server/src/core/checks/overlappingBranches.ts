// The `overlapping-branches` rule: two branches of an exclusive decision that can both apply to one patient reaching it.
import { decisionFindings } from './decisionFindings';
import type { Check } from './rule';

export const overlappingBranches: Check = {
  run: ({ model, graph, parsed, isEnabled }) =>
    decisionFindings(
      'overlapping-branches',
      model,
      graph,
      parsed.text,
      isEnabled?.('schema') !== false,
    ),
};
