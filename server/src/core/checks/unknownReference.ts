// The `unknown-reference` rule: a step cites an id that neither the pathway's own references
// nor any of its bibliographies define.
import { closestMatch, lookAlikeNote } from '../suggest';
import type { RawFinding } from '../types';
import { quote, type Check } from './rule';

export const unknownReference: Check = {
  run: ({ model, sources }) => {
    const findings: RawFinding[] = [];
    if (!model) return findings;
    let known: readonly string[] | undefined;
    const where = sources.listed ? 'neither under "references" nor in the bibliography' : '';
    for (const step of model.steps.values()) {
      const seen = new Set<string>();
      for (const link of step.cite) {
        const target = link.target;
        if (target === undefined || seen.has(target)) continue;
        // A repeat of the same unknown id is the schema's "listed twice", not a second unknown.
        seen.add(target);
        // A bibliography that could not be read, or a broken entry, may define it.
        if (sources.resolve(target) || sources.mayHold(target)) continue;
        known ??= sources.ids();
        const suggestion = closestMatch(target, known);
        const lookAlike = suggestion ? lookAlikeNote(target, suggestion) : undefined;
        const advice = suggestion
          ? ` Did you mean ${quote(suggestion)}?${lookAlike ? ` ${lookAlike}` : ''}`
          : sources.listed
            ? ' Add the reference under "references" or to a bibliography, or correct the id.'
            : ' Add the reference under "references" or correct the id.';
        findings.push({
          code: 'unknown-reference',
          message: `Step ${quote(step.id)} cites ${quote(target)}, but there is no reference with that id${where ? `, ${where}` : ''}.${advice}`,
          span: link.span,
          data: { unknownId: target, ...(suggestion ? { suggestion } : {}) },
        });
      }
    }
    return findings;
  },
};
