// The `missing-citation` rule: a recommendation that cites no evidence.
import type { RawFinding } from '../types';
import { misplacedFields, type MisplacedFields } from './misplacedFields';
import { quote, type Check } from './rule';

export const missingCitation: Check = {
  run: ({ model, isEnabled }) => {
    const findings: RawFinding[] = [];
    if (!model) return findings;
    // A "cite" indented too little is the schema's to report, on its line.
    const misplaced = isEnabled?.('schema') !== false ? misplacedFields(model) : undefined;
    for (const step of model.steps.values()) {
      if (step.kind !== 'recommendation') continue;
      if (step.citeState !== 'absent' && step.citeState !== 'empty') continue;
      if (step.citeState === 'absent' && citedOnMisplacedLine(misplaced, step.id)) continue;
      findings.push({
        code: 'missing-citation',
        message: `Recommendation ${quote(step.id)} cites no evidence: list the ids of the references that support it under "cite".`,
        span: step.keySpan,
      });
    }
    return findings;
  },
};

/** Whether a step's "cite", written too far left, lists something. */
function citedOnMisplacedLine(misplaced: MisplacedFields | undefined, step: string): boolean {
  const field = misplaced?.fields.find(
    ({ owner, entry }) => owner.id === step && entry.id === 'cite',
  );
  return (field?.entry.node.items?.length ?? 0) > 0;
}
