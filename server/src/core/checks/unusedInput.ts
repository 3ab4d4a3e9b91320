// The `unused-input` rule: an input that no condition tests.
import { isInputId } from '../logic';
import type { RawFinding } from '../types';
import { pathwayLogic } from './decisionLogic';
import { quote, type Check } from './rule';

export const unusedInput: Check = {
  unnecessary: true,
  run: ({ model, parsed }) => {
    const findings: RawFinding[] = [];
    if (!model) return findings;
    const logic = pathwayLogic(model, parsed.text);
    for (const [id, span] of logic.inputKeys) {
      // An input without a valid type or id is the schema's to report.
      if (logic.named.has(id) || logic.untyped.has(id) || !isInputId(id)) continue;
      findings.push({
        code: 'unused-input',
        message: `Input ${quote(id)} is not tested by any branch's "if". Use it in the condition of the decision it informs, or remove it.`,
        span,
      });
    }
    return findings;
  },
};
