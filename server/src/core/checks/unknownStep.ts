import { branchList, type Link, type PathwayModel } from '../model/pathway';
import { closestMatch } from '../suggest';
import type { RawFinding } from '../types';
import { quote, type Rule } from './rule';

/** Every written link to a step, with words for where it was written. */
export function stepLinks(model: PathwayModel): { link: Link; from: string }[] {
  const links: { link: Link; from: string }[] = [];
  if (model.start) links.push({ link: model.start, from: 'The pathway starts at' });
  for (const step of model.steps.values()) {
    if (step.next) links.push({ link: step.next, from: `Step ${quote(step.id)} leads to` });
    for (const branch of branchList(step) ?? []) {
      if (!branch.next) continue;
      const condition = branch.when ? ` (${quote(branch.when.text.trim())})` : '';
      links.push({
        link: branch.next,
        from: `Branch ${branch.index + 1}${condition} of decision ${quote(step.id)} leads to`,
      });
    }
    if (step.otherwise) {
      links.push({
        link: step.otherwise,
        from: `Decision ${quote(step.id)} sends everyone else ("otherwise") to`,
      });
    }
  }
  return links;
}

export const unknownStep: Rule = {
  code: 'unknown-step',
  defaultSeverity: 'error',
  summary: 'A link (start, next, otherwise or a branch) names a step that does not exist.',
  run: ({ model }) => {
    const findings: RawFinding[] = [];
    // Without a table of steps there is nothing to compare against: the schema says why.
    if (!model?.hasStepTable) return findings;
    for (const { link, from } of stepLinks(model)) {
      const target = link.target;
      if (target === undefined || model.steps.has(target)) continue;
      const suggestion = closestMatch(target, model.steps.keys());
      const advice = suggestion
        ? ` Did you mean ${quote(suggestion)}?`
        : ' Add that step or correct the id.';
      findings.push({
        code: 'unknown-step',
        message: `${from} ${quote(target)}, but no step has that id.${advice}`,
        span: link.span,
        data: { unknownId: target, ...(suggestion ? { suggestion } : {}) },
      });
    }
    return findings;
  },
};
