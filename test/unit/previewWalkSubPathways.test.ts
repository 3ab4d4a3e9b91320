// The preview's walk-through across files: a `pathway` step's walk goes into the used pathway
// at its start with the same facts and comes back out through `ends` or `next`, as a
// scenario's route does (pathway-files §3); without the used file, the reader says where the
// patient comes out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { scenarioDraft } from '../../client/webview/logic/facts';
import {
  answer,
  answerByStep,
  fromScenario,
  stepTitles,
  walkRecord,
  walkRoute,
  waysOut,
} from '../../client/webview/logic/walk';
import { analyze, walkModel } from '../../server/src/core';
import { analyzeInCase, FILE_CASES } from '../support/caseFiles';

const through = walkModel(
  analyzeInCase('scenarios--through-sub-pathway', 'acute-lbp.pathway.yaml'),
);

describe('the preview walk-through of sub-pathways (logic)', () => {
  it('carries the used pathway’s walk, and the pathway step’s exits named by its ends', () => {
    const screen = through.steps.find((step) => step.id === 'screen');
    assert.deepEqual(screen?.exits, [
      {
        to: 'emergency-referral',
        answer: 'Ends at “Emergency referral for suspected cauda equina syndrome”',
      },
      {
        to: 'imaging-referral',
        answer: 'Ends at “Urgent MRI and referral for suspected spinal malignancy”',
      },
      { to: 'advice', answer: 'Any other end' },
    ]);
    assert.deepEqual(screen.uses, {
      file: 'screens/red-flags.pathway.yaml',
      title: 'Red-flag screen for low back pain',
      walk: 'screens/red-flags.pathway.yaml',
      name: 'red-flag-screen',
      ends: [
        { end: 'emergency', exit: 0 },
        { end: 'urgent-imaging', exit: 1 },
      ],
      otherEnds: 2,
    });
    assert.equal(through.used?.['screens/red-flags.pathway.yaml']?.start, 'ask');
    // Facts only the used pathway decides on can be given, measured where it measures them.
    const cauda = through.inputs?.find((input) => input.id === 'cauda-equina');
    assert.deepEqual(cauda?.recordedAt, ['red-flag-screen/ask']);
    assert.equal(
      stepTitles(through).get('red-flag-screen/ask'),
      'Ask about red-flag symptoms and examine',
    );
  });

  it('walks into the screen with the same facts and back out where its end leads', () => {
    const clear = walkRoute(
      through,
      [],
      [
        { input: 'cauda-equina', values: [false] },
        { input: 'cancer-history', values: [false] },
      ],
    );
    assert.deepEqual(clear.steps, [
      'assess',
      'screen',
      'red-flag-screen/ask',
      'red-flag-screen/flags',
      'red-flag-screen/clear',
      'advice',
      'heat',
      'review',
    ]);
    assert.equal(clear.ended?.id, 'review');
    assert.equal(clear.here, 'review');
    assert.ok(
      clear.moves.some(([from, to]) => from === 'screen' && to === 'advice'),
      'the arrow from the box to where its end leads is lit',
    );
    const emergency = walkRoute(through, [], [{ input: 'cauda-equina', values: [true] }]);
    assert.equal(emergency.ended?.id, 'emergency-referral');
    assert.ok(emergency.steps.includes('red-flag-screen/emergency'));
  });

  it('replays each scenario of the file to the end it expects', () => {
    for (const scenario of through.scenarios ?? []) {
      const replay = fromScenario(through, scenario.id);
      assert.ok(replay, scenario.id);
      const route = walkRoute(through, replay.choices, replay.facts);
      assert.equal(route.ended?.id, scenario.end, scenario.id);
    }
  });

  it('waits at a decision in words inside, the box being where the walk is on the chart', () => {
    const model = walkModel(
      analyzeInCase('scenarios--choose-inside-sub-pathway', 'acute-lbp.pathway.yaml'),
    );
    const waiting = walkRoute(model, []);
    assert.equal(waiting.waiting?.title, 'Which red flag is present?');
    assert.equal(waiting.here, 'screen');
    assert.deepEqual(waiting.inside, ['screen']);
    assert.deepEqual(waysOut(model, waiting.waiting), [
      'Saddle anaesthesia, new bladder or bowel dysfunction, or bilateral leg symptoms',
      'History of cancer or unexplained weight loss',
      'None of the above',
    ]);
    // A step of this file picked on the chart answers nothing inside the sub-pathway.
    assert.equal(answerByStep(model, [], 'advice'), undefined);
    const choices = answer(model, [], 1);
    const route = walkRoute(model, choices);
    assert.equal(route.ended?.id, 'imaging-referral');
    // Saved as a scenario, the answer is keyed as the format keys a decision inside.
    const draft = scenarioDraft(model, route, []);
    assert.ok(draft.ok);
    assert.deepEqual(draft.scenario.choose, [
      { decision: 'red-flag-screen/flags', to: 'urgent-imaging' },
    ]);
    // The file's own scenario keyed that way replays.
    const replay = fromScenario(model, 'previous-breast-cancer');
    assert.deepEqual(replay?.choices, [1]);
  });

  it('walks two calls deep, meeting the recommendations of the pathways on the way', () => {
    const model = walkModel(
      analyzeInCase('scenarios--two-calls-deep', 'gp-back-pain.pathway.yaml'),
    );
    const route = walkRoute(
      model,
      [],
      [
        { input: 'cauda-equina', values: [false] },
        { input: 'cancer-history', values: [false] },
      ],
    );
    assert.equal(route.ended?.id, 'booked-review');
    assert.ok(route.steps.includes('stepped-care-lbp/first-line'));
    assert.ok(route.steps.some((step) => step.startsWith('red-flag-screen/')));
    const met = walkRecord(model, route).recommendations.map((step) => step.id);
    assert.ok(met.includes('first-line'), `met: ${met.join(', ')}`);
  });

  it('without the used file, asks the reader where the patient comes out of the box', () => {
    const text = fs.readFileSync(
      path.join(FILE_CASES, 'scenarios--through-sub-pathway', 'acute-lbp.pathway.yaml'),
      'utf8',
    );
    const model = walkModel(analyze(text));
    assert.equal(model.used, undefined);
    const waiting = walkRoute(model, []);
    assert.equal(waiting.waiting?.id, 'screen');
    assert.match(waiting.undecided ?? '', /cannot be walked through here/);
    assert.deepEqual(waysOut(model, waiting.waiting), [
      'Ends at “emergency”',
      'Ends at “urgent-imaging”',
      'Any other end',
    ]);
    const out = walkRoute(model, answer(model, [], 2));
    assert.equal(out.ended?.id, 'review');
    assert.equal(scenarioDraft(model, out, []).ok, false, 'such a walk makes no scenario');
  });
});
