// The `input-mismatch` rule: a used pathway declares an input with this pathway's id but
// another type or set of values, so the two files would not mean the same fact.
import type { InputDef } from '../logic';
import type { RawFinding } from '../types';
import { quote, type Check } from './rule';

function kindWords(def: InputDef): string {
  return def.type === 'choice'
    ? `a choice of ${(def.values ?? []).map(quote).join(', ') || 'no values'}`
    : `a ${def.type === 'boolean' ? 'yes/no' : def.type === 'integer' ? 'whole number' : 'number'} input`;
}

export const inputMismatch: Check = {
  run: ({ model }) => {
    const findings: RawFinding[] = [];
    for (const call of model?.calls?.values() ?? []) {
      if (call.state.kind !== 'input-mismatch' || !call.use) continue;
      const file = quote(call.use.target ?? '');
      const which = call.state.mismatches
        .map(
          ({ id, here, there }) =>
            `${quote(id)} is ${kindWords(here)} here but ${kindWords(there)} there`,
        )
        .join('; ');
      findings.push({
        code: 'input-mismatch',
        message: `Step ${quote(call.step.id)} uses ${file}, which declares the same input with another meaning: ${which}. An input id names one fact in every file, so declare it with the same type (and, for a choice, the same values) in both. Until then the route goes on from this step as if it were an action.`,
        span: call.use.span,
      });
    }
    return findings;
  },
};
