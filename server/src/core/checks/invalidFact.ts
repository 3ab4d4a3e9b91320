// The `invalid-fact` rule: a scenario's fact that does not fit its input, or a choice that is
// not one its decision offers. The scenario is not run until it is corrected.
import { scenarioRuns } from '../scenarios';
import type { Check } from './rule';

export const invalidFact: Check = {
  run: ({ model, parsed }) =>
    model
      ? scenarioRuns(model, parsed.text).problems.map(({ message, span }) => ({
          code: 'invalid-fact',
          message,
          span,
        }))
      : [],
};
