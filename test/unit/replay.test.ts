// A scenario replayed on a published page, without a page: the route it walks is the one the
// scenario's own run takes, and the words say how its end compares with the end expected.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { replayScenario } from '../../client/webview/logic/replay';
import type { WalkModel, WalkScenario } from '../../shared/webviewMessages';
import { scenarioReports, walkModel } from '../../server/src/core';
import { analyzeWithFiles } from '../support/withFiles';
import { EXAMPLES } from '../support/paths';

const EXAMPLE_FILES = fs
  .readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.pathway.yaml') && name !== 'broken-yaml.pathway.yaml');

function example(name: string): { text: string; model: WalkModel } {
  // Read with the files it names: the shared red-flag screen some examples use.
  const file = path.join(EXAMPLES, name);
  const text = fs.readFileSync(file, 'utf8');
  return { text, model: walkModel(analyzeWithFiles(file, text)) };
}

/** The model with its scenarios replaced. */
function withScenarios(model: WalkModel, scenarios: readonly WalkScenario[]): WalkModel {
  return { ...model, scenarios };
}

describe('a scenario replayed (logic)', () => {
  it('walks the route the scenario’s own run takes, for every scenario of every example', () => {
    let replayed = 0;
    for (const name of EXAMPLE_FILES) {
      const { text, model } = example(name);
      const analysis = analyzeWithFiles(path.join(EXAMPLES, name), text);
      assert.ok(analysis.model);
      const runs = new Map(scenarioReports(analysis.model, text).map((r) => [r.id, r]));
      for (const scenario of model.scenarios ?? []) {
        const replay = replayScenario(model, scenario.id);
        const run = runs.get(scenario.id);
        assert.ok(replay && run, `${name}: ${scenario.id}`);
        assert.deepEqual(replay.route.steps, run.route, `${name}: ${scenario.id}`);
        assert.equal(replay.route.status, 'passed', `${name}: ${scenario.id}`);
        assert.equal(replay.verdict, 'ends as expected');
        assert.equal(replay.route.title, scenario.title);
        replayed++;
      }
    }
    assert.ok(replayed > 20, `every example's scenarios (${replayed})`);
  });

  it('says when the end reached is not the one expected, or none was', () => {
    const { model } = example('brlp-manipulation.pathway.yaml');
    const acute = model.scenarios?.find((s) => s.id === 'acute-leg-pain');
    assert.ok(acute);
    const elsewhere = replayScenario(
      withScenarios(model, [{ ...acute, end: 'emergency-referral' }]),
      acute.id,
    );
    assert.equal(elsewhere?.route.status, 'failed');
    assert.equal(elsewhere?.verdict, 'not the end expected');
    assert.equal(elsewhere?.route.steps.at(-1), 'acute-review', 'the route is still walked');
    const open = replayScenario(withScenarios(model, [{ ...acute, end: undefined }]), acute.id);
    assert.equal(open?.route.status, 'passed');
    assert.equal(open?.verdict, 'no end expected');
  });

  it('a scenario that leaves a decision unanswered is stuck there; an unknown one is none', () => {
    const { model } = example('brlp-manipulation.pathway.yaml');
    const acute = model.scenarios?.find((s) => s.id === 'acute-leg-pain');
    assert.ok(acute);
    // No facts: the red-flag question cannot be answered.
    const stuck = replayScenario(withScenarios(model, [{ ...acute, facts: [] }]), acute.id);
    assert.equal(stuck?.route.status, 'stuck');
    assert.equal(stuck?.verdict, 'stuck');
    assert.equal(stuck?.route.steps.at(-1), 'red-flag-screen/red-flags');
    assert.equal(replayScenario(model, 'no-such-scenario'), undefined);
  });
});
