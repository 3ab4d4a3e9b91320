// The `missing-condition` rule: in a decision where some branches have an `if`, a branch
// without one. The decision cannot be worked out from the facts until every branch has one.
import type { RawFinding } from '../types';
import { pathwayLogic } from './decisionLogic';
import { quote, type Check } from './rule';

export const missingCondition: Check = {
  run: ({ model, parsed }) => {
    const findings: RawFinding[] = [];
    if (!model) return findings;
    for (const decision of pathwayLogic(model, parsed.text).decisions.values()) {
      if (decision.kind !== 'partial') continue;
      const withIf = decision.branches.filter((b) => b.node !== undefined).length;
      for (const { branch, node } of decision.branches) {
        if (node) continue;
        findings.push({
          code: 'missing-condition',
          message: `Branch ${branch.index + 1} of decision ${quote(decision.step.id)} has no "if", while ${withIf === 1 ? 'another branch has one' : `${withIf} other branches have one`}: its conditions cannot be worked out from the patient's facts. Add an "if" saying when this branch applies.`,
          span: branch.when?.span ?? branch.node.keySpan ?? branch.node.span,
        });
      }
    }
    return findings;
  },
};
