import type { RawFinding } from '../types';
import { closestMatch } from '../suggest';
import { quote, type Rule } from './rule';
import { brokenStepLinks } from './unknownStep';

export const unreachableStep: Rule = {
  code: 'unreachable-step',
  defaultSeverity: 'warning',
  summary: 'No path leads from the start to this step.',
  run: ({ model, graph }) => {
    const findings: RawFinding[] = [];
    if (!model || graph?.start === undefined) return findings;
    // Links that name no step: one of them may be a misspelling of an unreachable step.
    const broken = brokenStepLinks(model);
    for (const step of model.steps.values()) {
      if (graph.reachable.has(step.id)) continue;
      const typo = broken.find(
        ({ link }) => link.target !== undefined && closestMatch(link.target, [step.id]) === step.id,
      );
      const hint = typo?.link.target
        ? ` Perhaps ${quote(typo.link.target)} was meant to be ${quote(step.id)}.`
        : ' Link to it from the step that should lead here, or remove it.';
      findings.push({
        code: 'unreachable-step',
        message: `Step ${quote(step.id)} is never reached: no path leads to it from the start (${quote(graph.start)}).${hint}`,
        span: step.keySpan,
      });
    }
    return findings;
  },
};
