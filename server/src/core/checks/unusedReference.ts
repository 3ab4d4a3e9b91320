// The `unused-reference` rule: a reference that no step cites.
import { closestMatch } from '../suggest';
import type { RawFinding } from '../types';
import { misplacedFields } from './misplacedFields';
import { quote, type Check } from './rule';

export const unusedReference: Check = {
  unnecessary: true,
  run: ({ model, isEnabled, sources }) => {
    const findings: RawFinding[] = [];
    // Without usable steps nothing can cite: the schema error on "steps" says what to fix.
    if (!model?.hasStepTable) return findings;
    const cited = new Set<string>();
    const typosReported = isEnabled?.('unknown-reference') !== false;
    let known: readonly string[] | undefined;
    for (const step of model.steps.values()) {
      for (const link of step.cite) {
        // A number is the schema's to report ("put it in quotes"), but it still names the reference.
        const value = link.node.value;
        if (link.target !== undefined) cited.add(link.target);
        else if (typeof value === 'number') cited.add(String(value));
        // A misspelt cite is one mistake: the reference its suggested correction names is
        // reported by unknown-reference, not again as unused.
        // (Only a cite that unknown-reference reports: found nowhere, and in no unread source.)
        const target = link.target;
        if (
          typosReported &&
          target !== undefined &&
          !sources.resolve(target) &&
          !sources.mayHold(target)
        ) {
          known ??= sources.ids();
          const suggestion = closestMatch(target, known);
          if (suggestion !== undefined) cited.add(suggestion);
        }
      }
    }
    // A "cite" indented too little still names its references: the schema reports the line.
    if (isEnabled?.('schema') !== false) {
      for (const { entry } of misplacedFields(model).fields) {
        if (entry.id !== 'cite') continue;
        for (const item of entry.node.items ?? []) {
          if (typeof item.value === 'string') cited.add(item.value);
        }
      }
    }
    for (const reference of model.references.values()) {
      if (cited.has(reference.id)) continue;
      findings.push({
        code: 'unused-reference',
        message: `Reference ${quote(reference.id)} is not cited by any step. Cite it where it supports a step, or remove it.`,
        span: reference.keySpan,
      });
    }
    return findings;
  },
};
