// The `impossible-branch` rule: a branch whose condition no patient reaching the decision meets.
import { decisionFindings } from './decisionFindings';
import type { Check } from './rule';

export const impossibleBranch: Check = {
  run: ({ model, graph, parsed, isEnabled }) =>
    decisionFindings(
      'impossible-branch',
      model,
      graph,
      parsed.text,
      isEnabled?.('schema') !== false,
    ),
};
