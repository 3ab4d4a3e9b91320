// The `discordant-recommendation` rule: a strong recommendation on low or very low
// certainty evidence that gives no rationale.
import type { RawFinding } from '../types';
import { quote, type Check } from './rule';

const LOW_CERTAINTY = new Set(['low', 'very-low']);

export const discordantRecommendation: Check = {
  run: ({ model }) => {
    const findings: RawFinding[] = [];
    for (const step of model?.steps.values() ?? []) {
      if (step.kind !== 'recommendation' || step.strength?.value !== 'strong') continue;
      if (typeof step.certainty !== 'string' || !LOW_CERTAINTY.has(step.certainty)) continue;
      // A rationale of the wrong type is the schema's to report; a blank one explains nothing.
      const rationale = step.rationale;
      const explained =
        rationale !== undefined &&
        rationale !== null &&
        (typeof rationale !== 'string' || rationale.trim() !== '');
      if (explained) continue;
      findings.push({
        code: 'discordant-recommendation',
        message: `Recommendation ${quote(step.id)} is strong but rests on ${step.certainty === 'low' ? 'low' : 'very low'} certainty evidence, with no rationale. GRADE expects the panel to say why: add a "rationale", or make the recommendation conditional.`,
        span: step.strength.span,
      });
    }
    return findings;
  },
};
