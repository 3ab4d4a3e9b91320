// The `duplicate-branch` rule: a decision with the same condition on two branches.
import { branchList } from '../model/pathway';
import type { RawFinding } from '../types';
import { quote, type Check } from './rule';

export const duplicateBranch: Check = {
  run: ({ model }) => {
    const findings: RawFinding[] = [];
    for (const step of model?.steps.values() ?? []) {
      if (step.kind !== 'decision') continue;
      const firstWith = new Map<string, number>();
      for (const branch of branchList(step) ?? []) {
        // A blank condition is the schema's to report, not a repeat.
        const condition = branch.when?.text.trim().toLowerCase();
        if (!branch.when || !condition) continue;
        const earlier = firstWith.get(condition);
        if (earlier === undefined) {
          firstWith.set(condition, branch.index);
          continue;
        }
        findings.push({
          code: 'duplicate-branch',
          message: `Decision ${quote(step.id)} has the condition ${quote(branch.when.text.trim())} twice (branches ${earlier + 1} and ${branch.index + 1}), so the two branches cannot be told apart. Merge them or reword one condition.`,
          span: branch.when.span,
        });
      }
    }
    return findings;
  },
};
