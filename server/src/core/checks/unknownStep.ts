// The `unknown-step` rule: a link to a step id that no step has, with the likely correction
// and how many steps the typo cuts off.
import { closestMatch, lookAlikeNote } from '../suggest';
import type { RawFinding } from '../types';
import { quote, type Check } from './rule';
import { stepTypos } from './typos';
import { brokenStepLinks } from './brokenLinks';

export const unknownStep: Check = {
  run: ({ model, graph }) => {
    const findings: RawFinding[] = [];
    // Without a table of steps there is nothing to compare against: the schema says why.
    if (!model?.hasStepTable) return findings;
    const typos = graph ? stepTypos(model, graph) : undefined;
    for (const { link, from } of brokenStepLinks(model)) {
      const target = link.target;
      if (target === undefined) continue;
      const suggestion = closestMatch(target, model.steps.keys());
      const lookAlike = suggestion ? lookAlikeNote(target, suggestion) : undefined;
      const advice = suggestion
        ? ` Did you mean ${quote(suggestion)}?${lookAlike ? ` ${lookAlike}` : ''}`
        : ' Add that step or correct the id.';
      const cutOff = suggestion ? (typos?.cutOffBy(link) ?? 0) : 0;
      const consequence =
        cutOff === 0
          ? ''
          : ` Until it is corrected, ${cutOff === 1 ? '1 step' : `${cutOff} steps`} cannot be reached.`;
      findings.push({
        code: 'unknown-step',
        message: `${from} ${quote(target)}, but no step has that id.${advice}${consequence}`,
        span: link.span,
        data: { unknownId: target, ...(suggestion ? { suggestion } : {}) },
      });
    }
    return findings;
  },
};
