// The `circular-pathway` rule: following `use` from this file comes back to it, so a patient
// sent into the sub-pathway could go round the files for ever.
import type { RawFinding } from '../types';
import { quote, type Check } from './rule';

export const circularPathway: Check = {
  run: ({ model }) => {
    const findings: RawFinding[] = [];
    for (const call of model?.calls?.values() ?? []) {
      if (call.state.kind !== 'circular' || !call.use) continue;
      const [here, ...rest] = call.state.cycle;
      const loop =
        rest.length === 0
          ? `uses this pathway file itself`
          : `uses ${rest.map(quote).join(', which uses ')}, which uses this file (${quote(here ?? '')}) again`;
      findings.push({
        code: 'circular-pathway',
        message: `Step ${quote(call.step.id)} ${loop}: a patient sent there would go round these pathways without end. A sub-pathway must not lead back to a pathway that uses it; hand over with an "end" step instead. Until the loop is broken, the route goes on from this step as if it were an action.`,
        span: call.use.span,
      });
    }
    return findings;
  },
};
