// The `unknown-reference` rule: a step cites a reference id that the pathway does not list.
import { closestMatch, lookAlikeNote } from '../suggest';
import type { RawFinding } from '../types';
import { quote, type Check } from './rule';

export const unknownReference: Check = {
  run: ({ model }) => {
    const findings: RawFinding[] = [];
    if (!model) return findings;
    for (const step of model.steps.values()) {
      const seen = new Set<string>();
      for (const link of step.cite) {
        const target = link.target;
        if (target === undefined || model.references.has(target) || seen.has(target)) continue;
        // A repeat of the same unknown id is the schema's "listed twice", not a second unknown.
        seen.add(target);
        const suggestion = closestMatch(target, model.references.keys());
        const lookAlike = suggestion ? lookAlikeNote(target, suggestion) : undefined;
        const advice = suggestion
          ? ` Did you mean ${quote(suggestion)}?${lookAlike ? ` ${lookAlike}` : ''}`
          : ' Add the reference under "references" or correct the id.';
        findings.push({
          code: 'unknown-reference',
          message: `Step ${quote(step.id)} cites ${quote(target)}, but there is no reference with that id.${advice}`,
          span: link.span,
          data: { unknownId: target, ...(suggestion ? { suggestion } : {}) },
        });
      }
    }
    return findings;
  },
};
