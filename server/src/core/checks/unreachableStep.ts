// The `unreachable-step` rule: a step no path from the start leads to.
import type { RawFinding } from '../types';
import { closestMatch } from '../suggest';
import { quote, type Check } from './rule';
import { misplacedFields, reachableIfFixed } from './misplacedFields';
import { brokenStepLinks } from './brokenLinks';

export const unreachableStep: Check = {
  run: ({ model, graph, isEnabled }) => {
    const findings: RawFinding[] = [];
    if (!model || graph?.start === undefined) return findings;
    // Links that name no step: one of them may be a misspelling of an unreachable step.
    const broken = brokenStepLinks(model);
    // A step that a misspelt link's suggested correction would reach is that typo's
    // consequence: the unknown-step finding says how many steps it cuts off. Likewise a
    // step that a "next" indented too little would reach, once indented: the schema
    // finding on that line says what to do, and the line itself is no step.
    const misplaced = isEnabled?.('schema') !== false;
    const reachable = reachableIfFixed(model, graph, {
      typos: isEnabled?.('unknown-step') !== false,
      misplaced,
    });
    for (const step of model.steps.values()) {
      if (reachable.has(step.id)) continue;
      if (misplaced && misplacedFields(model).byEntry(step.id)) continue;
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
