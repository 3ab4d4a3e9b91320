// The `missing-otherwise` rule: a decision that does not say where patients go when none of
// its conditions holds.
import type { RawFinding } from '../types';
import { everyBranchHasIf, pathwayLogic } from './decisionLogic';
import { misplacedFields } from './misplacedFields';
import { quote, type Check } from './rule';

export const missingOtherwise: Check = {
  run: ({ model, parsed, isEnabled }) => {
    const findings: RawFinding[] = [];
    if (!model) return findings;
    const logic = pathwayLogic(model, parsed.text);
    // An "otherwise" indented too little is the schema's to report, on its line.
    const misplaced = isEnabled?.('schema') !== false ? misplacedFields(model) : undefined;
    for (const step of model.steps.values()) {
      if (step.kind !== 'decision' || step.node.entries?.has('otherwise')) continue;
      if (misplaced?.gives(step.id, 'otherwise')) continue;
      // Conditions on every branch: whether patients fall through is a question of logic,
      // answered by uncovered-patients (and a broken condition is reported on its own).
      if (everyBranchHasIf(logic, step.id)) continue;
      findings.push({
        code: 'missing-otherwise',
        message: `Decision ${quote(step.id)} has no "otherwise": it does not say where patients go when none of its conditions holds. Add "otherwise" with the step they should take.`,
        span: step.keySpan,
      });
    }
    return findings;
  },
};
