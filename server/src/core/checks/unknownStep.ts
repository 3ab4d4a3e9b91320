// The `unknown-step` rule: a link to a step id that no step has, with the likely correction
// and how many steps the typo cuts off.
import { closestMatch, lookAlikeNote } from '../suggest';
import type { RawFinding } from '../types';
import { quote, type Check } from './rule';
import { stepTypos } from './typos';
import { brokenEndKeys, brokenStepLinks } from './brokenLinks';
import { scenarioRuns } from '../scenarios';
import { callChain } from '../scenarios/chain';

export const unknownStep: Check = {
  run: ({ model, graph, parsed }) => {
    const findings: RawFinding[] = [];
    // Without a table of steps there is nothing to compare against: the schema says why.
    if (!model?.hasStepTable) return findings;
    const typos = graph ? stepTypos(model, graph) : undefined;
    // Step ids written in scenarios are not links of the pathway: they cut nothing off.
    const written = [
      ...brokenStepLinks(model).map(({ link, from }) => ({ link, from, cuts: true })),
      ...scenarioRuns(model, parsed.text).brokenLinks.map((link) => ({
        link,
        from: link.from,
        cuts: false,
      })),
    ];
    // A scenario may name a used pathway's step `ID/STEP`: those names are candidates too.
    const inside = [...callChain(model, parsed.text).steps.keys()];
    for (const { link, from, cuts } of written) {
      const target = link.target;
      if (target === undefined) continue;
      const suggestion = closestMatch(
        target,
        cuts || !target.includes('/') ? model.steps.keys() : inside,
      );
      const lookAlike = suggestion ? lookAlikeNote(target, suggestion) : undefined;
      const advice = suggestion
        ? ` Did you mean ${quote(suggestion)}?${lookAlike ? ` ${lookAlike}` : ''}`
        : ' Add that step or correct the id.';
      const cutOff = suggestion && cuts ? (typos?.cutOffBy(link) ?? 0) : 0;
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
    for (const key of brokenEndKeys(model)) {
      const { link, suggestion, used } = key;
      const target = link.target ?? '';
      const endList = used.ends.map(quote).join(', ');
      const advice = suggestion
        ? ` Did you mean ${quote(suggestion)}?`
        : ` Its ends are ${endList || 'none'}: name one of them.`;
      const cutOff = suggestion ? (typos?.cutOffBy(link) ?? 0) : 0;
      const consequence =
        cutOff === 0
          ? ''
          : ` Until it is corrected, ${cutOff === 1 ? '1 step' : `${cutOff} steps`} cannot be reached.`;
      findings.push({
        code: 'unknown-step',
        message: `Step ${quote(key.step)} says where patients go when ${quote(used.written)} stops at ${quote(target)}, but that pathway has no end with that id.${advice}${consequence}`,
        span: link.span,
        data: { unknownId: target, ...(suggestion ? { suggestion } : {}) },
      });
    }
    return findings;
  },
};
