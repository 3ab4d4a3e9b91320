import * as assert from 'node:assert/strict';
import { STEP_KINDS } from '../../server/src/core';
import {
  CERTAINTY_VALUES,
  DIRECTION_VALUES,
  ID_PATTERNS,
  STATUS_VALUES,
  STEP_KIND_VALUES,
  STRENGTH_VALUES,
} from '../../server/src/core/schema/vocabulary';
import { schemaEnum, schemaIdPattern } from '../support/cursor';

/** The format's fixed words come from schemas/pathway.schema.json, read here from the file. */
describe('the format vocabulary is the schema', () => {
  it('step kinds, strengths, certainties, directions and statuses are the schema enums, in order', () => {
    assert.deepEqual(STEP_KIND_VALUES, schemaEnum('kind'));
    assert.deepEqual(STRENGTH_VALUES, schemaEnum('strength'));
    assert.deepEqual(CERTAINTY_VALUES, schemaEnum('certainty'));
    assert.deepEqual(DIRECTION_VALUES, schemaEnum('direction'));
    assert.deepEqual(STATUS_VALUES, schemaEnum('status'));
  });

  it('the step kinds the model knows are exactly the schema kinds', () => {
    // STEP_KINDS is written out for the type StepKind; a kind added to the schema alone
    // would be dropped from completion and quick fixes without this.
    assert.deepEqual([...STEP_KINDS], schemaEnum('kind'));
  });

  it('the id patterns are the schema patterns, compiled as the validator compiles them', () => {
    for (const kind of ['step', 'reference', 'input'] as const) {
      const schema = schemaIdPattern(kind);
      assert.equal(ID_PATTERNS[kind].source, schema.source);
      assert.equal(ID_PATTERNS[kind].flags, schema.flags);
    }
  });
});
