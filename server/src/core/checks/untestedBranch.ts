// The `untested-branch` rule (off unless turned on): in a file with scenarios, a way out of a
// reachable decision that no scenario's route takes. Branches no patient can take (impossible,
// shadowed, an otherwise nobody reaches) need no scenario and are left alone.
import { intersection, isEmpty, type PatientSet, type SetResult } from '../logic';
import { branchList } from '../model/pathway';
import { scenarioRuns } from '../scenarios';
import type { RawFinding } from '../types';
import { reachAnalysis } from './reach';
import { quote, type Check } from './rule';

/** Whether no patient is in the set; false when it is too large to tell. */
function surelyEmpty(set: SetResult): boolean {
  return set.kind === 'set' && isEmpty(set);
}

export const untestedBranch: Check = {
  run: ({ model, graph, parsed }) => {
    const findings: RawFinding[] = [];
    if (!model || !graph) return findings;
    const runs = scenarioRuns(model, parsed.text);
    if (runs.scenarios.length === 0) return findings;
    const taken = new Set<string>();
    for (const outcome of runs.outcomes.values())
      for (const { decision, branch } of outcome.taken) taken.add(`${decision}\n${branch}`);
    const analysis = reachAnalysis(model, graph, parsed.text);

    for (const decision of runs.logic.decisions.values()) {
      const step = decision.step;
      if (!graph.reachable.has(step.id) || decision.kind === 'broken') continue;
      // Which ways out some patient can take: every one, unless the analysis says otherwise.
      let canTake: (index: number | 'otherwise') => boolean = () => true;
      if (decision.kind === 'computable' && analysis && !analysis.unanalysed.has(step.id)) {
        const arriving = analysis.reach.get(step.id);
        const sets = analysis.sets.get(step.id);
        // No patient reaches it: what follows an impossible branch is not asked for.
        if (!arriving || isEmpty(arriving)) continue;
        if (sets) {
          const open = new Set<number | 'otherwise'>();
          let rest: SetResult = arriving;
          for (const [i, holds] of sets.conditions.entries()) {
            const from: PatientSet =
              decision.match === 'first' && rest.kind === 'set' ? rest : arriving;
            if (!surelyEmpty(intersection(from, holds))) open.add(i);
            const fails = sets.negations[i];
            rest = rest.kind === 'set' && fails ? intersection(rest, fails) : rest;
          }
          if (rest.kind !== 'set' || !isEmpty(rest)) open.add('otherwise');
          canTake = (index) => open.has(index);
        }
      }
      for (const branch of branchList(step) ?? []) {
        if (!canTake(branch.index) || taken.has(`${step.id}\n${branch.index}`)) continue;
        const words = branch.when ? ` (${quote(branch.when.text.trim())})` : '';
        const to = branch.next?.target;
        findings.push({
          code: 'untested-branch',
          message: `No scenario takes branch ${branch.index + 1}${words} of decision ${quote(step.id)}${to ? `, which leads to ${quote(to)}` : ''}. Add a scenario for a patient who goes this way.`,
          span: branch.next?.span ?? branch.node.span,
        });
      }
      const otherwise = step.otherwise;
      if (otherwise && canTake('otherwise') && !taken.has(`${step.id}\notherwise`)) {
        findings.push({
          code: 'untested-branch',
          message: `No scenario takes the "otherwise" of decision ${quote(step.id)}${otherwise.target ? `, which leads to ${quote(otherwise.target)}` : ''}. Add a scenario for a patient who meets none of its branches.`,
          span: otherwise.span,
        });
      }
    }
    return findings;
  },
};
