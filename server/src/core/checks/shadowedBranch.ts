// The `shadowed-branch` rule: a branch of a `match: first` decision that no patient takes, because earlier branches take them all.
import { decisionFindings } from './decisionFindings';
import type { Check } from './rule';

export const shadowedBranch: Check = {
  run: ({ model, graph, parsed, isEnabled }) =>
    decisionFindings('shadowed-branch', model, graph, parsed.text, isEnabled?.('schema') !== false),
};
