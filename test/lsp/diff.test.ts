// The comparison request against the real server over stdio: pathway/diff gives the
// document's flowchart with the changes since the other text drawn on it, and the list of
// changes in a reviewer's words, each with the step it is about.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  DiffRequest,
  isFailure,
  type DiffParams,
  type DiffResult,
} from '../../shared/serverRequests';
import { analyze, describeChange, diffPathways } from '../../server/src/core';
import { LspClient } from '../support/lspClient';
import { ROOT } from '../support/paths';

const read = (name: string): string =>
  fs.readFileSync(path.join(ROOT, 'test', 'diff', `${name}.pathway.yaml`), 'utf8');
const URI = 'file:///work/test/compare.pathway.yaml';

describe('comparison request (language server over stdio)', function () {
  let client: LspClient;

  beforeEach(async () => {
    client = new LspClient();
    await client.initialize();
  });

  afterEach(async () => {
    await client.stop();
  });

  const diff = (params: DiffParams): Promise<DiffResult> =>
    client.request<DiffResult>(DiffRequest.method, params);

  it('pathway/diff: the changes from the other text, listed and drawn', async () => {
    await client.open(URI, read('panel-edit'));
    const result = await diff({ uri: URI, otherText: read('base'), otherLabel: 'HEAD' });
    if (isFailure(result)) assert.fail(result.error);
    assert.equal(result.version, 1);
    assert.equal(result.otherLabel, 'HEAD');
    const expected = diffPathways(analyze(read('base')), analyze(read('panel-edit'))).changes;
    assert.deepEqual(
      result.changes.map((c) => [c.type, c.description]),
      expected.map((c) => [c.type, describeChange(c)]),
    );
    const added = result.changes.find((c) => c.type === 'step-added');
    assert.equal(added?.stepId, 'safety-net');
    assert.match(result.svg, /<g class="node [^"]*diff-added" data-step="safety-net"/);
    assert.ok(
      result.steps.some((s) => s.id === 'safety-net'),
      'the steps, for the jumps',
    );
    assert.ok(result.walk.steps.length > 0);

    // The other way round, the step is a ghost: drawn, but not a step of the document.
    await client.change(URI, read('base'));
    const back = await diff({ uri: URI, otherText: read('panel-edit'), otherLabel: 'v2' });
    if (isFailure(back)) assert.fail(back.error);
    assert.equal(back.version, 2);
    assert.match(back.svg, /<g class="node [^"]*diff-removed" data-step="safety-net"/);
    assert.equal(back.changes.find((c) => c.type === 'step-removed')?.stepId, 'safety-net');
    assert.ok(!back.steps.some((s) => s.id === 'safety-net'));
  });

  it('pathway/diff: the same logic gives no change; an unreadable other text says why', async () => {
    await client.open(URI, read('base'));
    const same = await diff({ uri: URI, otherText: read('formatting-only'), otherLabel: 'HEAD' });
    if (isFailure(same)) assert.fail(same.error);
    assert.deepEqual(same.changes, []);
    assert.doesNotMatch(same.svg, /diff-(added|removed|changed)/);
    const broken = await diff({ uri: URI, otherText: 'steps: [', otherLabel: 'HEAD~1' });
    assert.ok(isFailure(broken));
    assert.match(broken.error, /^HEAD~1 cannot be compared/);
  });
});
