// The `shadowed-reference` rule: an id two sources define, so that a cite of it gets the first
// and the other is never used: the pathway's own reference hides a bibliography's entry, or an
// earlier bibliography hides a later one's.
import type { RawFinding } from '../types';
import { itemName } from './bibliographyWords';
import { quote, type Check } from './rule';

const ADVICE =
  'If they are the same work, remove one of the two; if not, give one of them another id.';

export const shadowedReference: Check = {
  run: ({ sources }) =>
    sources.shadows().map(({ id, span, by, hidden }): RawFinding => {
      const message =
        by === 'own'
          ? `Reference ${quote(id)} is also in the bibliography ${itemName(hidden)}: steps that cite it get this pathway's own reference. ${ADVICE}`
          : `${quote(id)} is also in the earlier bibliography ${itemName(by)}: cites of it get that one, not the entry in ${itemName(hidden)}. ${ADVICE}`;
      return { code: 'shadowed-reference', message, span };
    }),
};
