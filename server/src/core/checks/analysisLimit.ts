// The `analysis-limit` note: the patients reaching a decision are too varied to work out, so
// it and the steps after it are not checked for logic.
import { decisionFindings } from './decisionFindings';
import type { Check } from './rule';

export const analysisLimit: Check = {
  run: ({ model, graph, parsed, isEnabled }) =>
    decisionFindings('analysis-limit', model, graph, parsed.text, isEnabled?.('schema') !== false),
};
