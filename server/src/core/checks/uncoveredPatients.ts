// The `uncovered-patients` rule: a decision without an otherwise where some patients reaching it meet no branch.
import { decisionFindings } from './decisionFindings';
import type { Check } from './rule';

export const uncoveredPatients: Check = {
  run: ({ model, graph, parsed, isEnabled }) =>
    decisionFindings(
      'uncovered-patients',
      model,
      graph,
      parsed.text,
      isEnabled?.('schema') !== false,
    ),
};
