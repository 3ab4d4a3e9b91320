import { branchList } from '../model/pathway';
import type { RawFinding } from '../types';
import { quote, type Rule } from './rule';

export const duplicateBranch: Rule = {
  code: 'duplicate-branch',
  defaultSeverity: 'warning',
  summary: 'Two branches of one decision have the same condition.',
  run: ({ model }) => {
    const findings: RawFinding[] = [];
    for (const step of model?.steps.values() ?? []) {
      if (step.kind !== 'decision') continue;
      const firstWith = new Map<string, number>();
      for (const branch of branchList(step) ?? []) {
        if (!branch.when) continue;
        const condition = branch.when.text.trim().toLowerCase();
        const earlier = firstWith.get(condition);
        if (earlier === undefined) {
          firstWith.set(condition, branch.index);
          continue;
        }
        findings.push({
          code: 'duplicate-branch',
          message: `Decision ${quote(step.id)} asks ${quote(branch.when.text.trim())} twice (branches ${earlier + 1} and ${branch.index + 1}); a patient can only ever take the first. Merge the branches or reword the condition.`,
          span: branch.when.span,
        });
      }
    }
    return findings;
  },
};
