// The walk-through answering decisions from facts, without a page: what the walk model carries
// of the logic, the branch the facts take and why, why a decision cannot be answered, facts
// measured again, replaying a scenario, keeping answers when facts change, and the walk as a
// scenario to save. Every scenario of the fixtures is walked too: the walk must take the route
// the checker's own run of the scenario takes.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  addMeasurement,
  factValues,
  fitFacts,
  fits,
  numberHint,
  readNumber,
  removeMeasurement,
  scenarioDraft,
  setFact,
} from '../../client/webview/logic/facts';
import {
  answer,
  fromScenario,
  refit,
  walkRecord,
  walkRoute,
} from '../../client/webview/logic/walk';
import type { WalkFact, WalkInput, WalkModel } from '../../shared/webviewMessages';
import { analyze, scenarioRuns, walkModel } from '../../server/src/core';
import { FIXTURES, ROOT } from '../support/paths';

const FILE = path.join(ROOT, 'test', 'inputs', 'walk-facts.pathway.yaml');
const model: WalkModel = walkModel(analyze(fs.readFileSync(FILE, 'utf8')));

function fact(input: string, ...values: (boolean | number | string | null)[]): WalkFact {
  return { input, values };
}

/** A pathway held in memory: `inputs`, `steps` and anything else at the top, as YAML text. */
function pathway(body: string): WalkModel {
  return walkModel(
    analyze(
      `pathway: 1\nid: t\ntitle: T\nversion: "1"\npopulation: Adults\nstart: a\n${body.trim()}\n`,
    ),
  );
}

describe('the walk-through with facts (logic)', () => {
  describe('the walk model', () => {
    it('lists the inputs with their titles, units, bounds, values and the assessments that record them', () => {
      assert.deepEqual(model.inputs, [
        {
          id: 'red-flag',
          type: 'boolean',
          title: 'Saddle anaesthesia, new bladder dysfunction or progressive weakness',
          recordedAt: [],
        },
        {
          id: 'weeks',
          type: 'integer',
          title: 'Duration of leg pain',
          unit: 'weeks',
          min: 0,
          max: 520,
          recordedAt: [],
        },
        {
          id: 'pain',
          type: 'number',
          title: 'Leg pain intensity',
          min: 0,
          max: 10,
          recordedAt: ['assess', 'review'],
        },
        {
          id: 'response',
          type: 'choice',
          title: 'Response to care at review',
          values: ['improved', 'unchanged', 'worse'],
          recordedAt: ['review'],
        },
      ]);
      assert.deepEqual(model.steps.find((s) => s.id === 'review')?.records, ['response', 'pain']);
    });

    it('gives a decision with conditions its match, each branch its "if" and the exit it leads along; a decision in words has none', () => {
      const triage = model.steps.find((s) => s.id === 'triage')?.logic;
      assert.equal(triage?.kind, 'computable');
      assert.equal(triage.match, 'first');
      assert.deepEqual(
        triage.branches.map((b) => [b.if, b.exit, b.condition?.kind]),
        [
          ['red-flag', 0, 'flag'],
          ['weeks >= 6', 1, 'compare'],
        ],
      );
      assert.equal(triage.otherwise, 2);
      assert.equal(triage.hasOtherwise, true);
      assert.equal(model.steps.find((s) => s.id === 'preference')?.logic, undefined);
    });

    it('lists the scenarios that can run, with their facts, choices and expected end', () => {
      assert.deepEqual(
        model.scenarios?.map((s) => [s.id, s.end]),
        [
          ['red-flag-first', 'urgent'],
          ['classes-then-better', 'discharge'],
          ['better-second-time', 'discharge'],
        ],
      );
      const classes = model.scenarios?.[1];
      assert.deepEqual(classes?.facts, [
        fact('red-flag', false),
        fact('weeks', 8),
        fact('pain', 6, 3),
        fact('response', 'improved'),
      ]);
      assert.deepEqual(classes?.choose, [{ decision: 'preference', to: 'classes' }]);
    });

    it('a branch whose next names no step has no exit, and the exits after it move up', () => {
      const walk = pathway(`
inputs:
  x: { type: boolean, title: X }
steps:
  a:
    kind: decision
    title: A
    branches:
      - { when: Gone, if: x, next: nowhere }
      - { when: Here, if: not x, next: b }
  b: { kind: end, title: B }`);
      const logic = walk.steps.find((s) => s.id === 'a')?.logic;
      assert.deepEqual(
        logic?.branches.map((b) => b.exit),
        [undefined, 0],
      );
      // The facts take the branch that leads to no step: the walk says so.
      assert.equal(
        walkRoute(walk, [], [fact('x', true)]).stuck,
        'The facts take a way out of this decision that leads to no step.',
      );
      assert.equal(walkRoute(walk, [], [fact('x', false)]).ended?.id, 'b');
    });
  });

  describe('answering from the facts', () => {
    it('a red flag takes the first branch of the first-match triage, and says the condition and the fact', () => {
      const route = walkRoute(model, [], [fact('red-flag', true)]);
      assert.deepEqual(route.steps, ['assess', 'triage', 'urgent']);
      assert.equal(route.ended?.id, 'urgent');
      assert.deepEqual(route.choices, []);
      assert.deepEqual(walkRecord(model, route).answers, [
        {
          question: 'Where should care start?',
          answer: 'Red flag present',
          by: 'facts',
          because: '“red-flag” holds: red-flag = true.',
        },
      ]);
    });

    it('at a first-match decision, a later branch is "the first that holds", with the facts of the branches before it', () => {
      const route = walkRoute(model, [], [fact('red-flag', false), fact('weeks', 8)]);
      assert.equal(route.waiting?.id, 'preference');
      assert.equal(route.undecided, undefined, 'a decision in words waits without a reason');
      assert.equal(
        route.passed[0]?.because,
        '“weeks >= 6” is the first that holds: red-flag = false, weeks = 8.',
      );
    });

    it('no branch holding takes the otherwise route, and says which facts none held for', () => {
      const route = walkRoute(model, [], [fact('red-flag', false), fact('weeks', 2)]);
      assert.equal(route.passed[0]?.step.exits[route.passed[0].exit]?.to, 'advice');
      assert.equal(route.passed[0]?.because, 'No branch holds: red-flag = false, weeks = 2.');
      // The review measures the response; none given, the walk waits there.
      assert.equal(route.waiting?.id, 'after-review');
    });

    it('a fact not given leaves the decision to the reader, naming the fact; the answer by hand goes on from there', () => {
      const route = walkRoute(model, [], [fact('weeks', 8)]);
      assert.equal(route.waiting?.id, 'triage');
      assert.equal(
        route.undecided,
        'The facts cannot answer this yet: “red-flag” needs a fact (“Saddle anaesthesia, new bladder dysfunction or progressive weakness” is not given). Set it, or pick the answer.',
      );
      const answered = walkRoute(model, answer(model, [], 2, [fact('weeks', 8)]), [
        fact('weeks', 8),
      ]);
      assert.deepEqual(answered.choices, [2]);
      assert.equal(answered.passed[0]?.by, 'hand');
      assert.equal(answered.passed[0]?.because, undefined);
    });

    it('a fact measured by a step not yet passed is unknown until then, and the walk says where it is measured', () => {
      const walk = pathway(`
inputs:
  score: { type: integer, title: Pain score, min: 0, max: 10 }
steps:
  a:
    kind: decision
    title: Severe?
    branches:
      - { when: Severe, if: score >= 7, next: done }
    otherwise: measure
  measure: { kind: assessment, title: Score the pain, records: [score], next: a2 }
  a2:
    kind: decision
    title: Severe now?
    branches:
      - { when: Severe, if: score >= 7, next: done }
    otherwise: done
  done: { kind: end, title: Done }`);
      const route = walkRoute(walk, [], [fact('score', 8)]);
      assert.equal(route.waiting?.id, 'a');
      assert.match(
        route.undecided ?? '',
        /“Pain score” is not measured yet on this route \(it is measured at “Score the pain”\)/,
      );
      // Answered by hand, the walk passes the measurement and the facts answer the next one.
      const on = walkRoute(walk, [1], [fact('score', 8)]);
      assert.deepEqual(on.steps, ['a', 'measure', 'a2', 'done']);
      assert.equal(on.passed[1]?.because, '“score >= 7” holds: score = 8.');
      assert.equal(on.recordings.get('score'), 1);
    });

    it('two branches of an exclusive decision both holding leave it to the reader, naming both and the facts', () => {
      const walk = pathway(`
inputs:
  age: { type: integer, title: Age, min: 18 }
steps:
  a:
    kind: decision
    title: Which clinic?
    branches:
      - { when: Older, if: age >= 65, next: old }
      - { when: Over 60, if: age > 60, next: old }
    otherwise: young
  old: { kind: end, title: Old }
  young: { kind: end, title: Young }`);
      assert.equal(
        walkRoute(walk, [], [fact('age', 70)]).undecided,
        'The facts cannot answer this: “age >= 65” and “age > 60” both hold (age = 70), and its branches are meant to exclude each other. Pick the answer.',
      );
      assert.equal(walkRoute(walk, [], [fact('age', 62)]).ended?.id, 'old');
      assert.equal(walkRoute(walk, [], [fact('age', 40)]).ended?.id, 'young');
    });

    it('no branch holding and no otherwise leaves it to the reader, with the facts', () => {
      const walk = pathway(`
inputs:
  age: { type: integer, title: Age, min: 18 }
steps:
  a:
    kind: decision
    title: Which clinic?
    branches:
      - { when: Older, if: age >= 65, next: old }
  old: { kind: end, title: Old }`);
      assert.equal(
        walkRoute(walk, [], [fact('age', 40)]).undecided,
        'The facts cannot answer this: no branch holds (age = 40), and there is no “otherwise”. Pick the answer.',
      );
    });

    it('a decision with a broken condition, or with some branches without one, is answered by hand, saying why', () => {
      const walk = pathway(`
inputs:
  age: { type: integer, title: Age, min: 18 }
steps:
  a:
    kind: decision
    title: Broken
    branches:
      - { when: Older, if: age >= old, next: b }
    otherwise: b
  b:
    kind: decision
    title: Partial
    branches:
      - { when: Older, if: age >= 65, next: done }
      - { when: Younger, next: done }
  done: { kind: end, title: Done }`);
      assert.equal(walk.steps.find((s) => s.id === 'a')?.logic?.kind, 'broken');
      assert.match(walkRoute(walk, [], [fact('age', 70)]).undecided ?? '', /has a mistake/);
      assert.match(
        walkRoute(walk, [0], [fact('age', 70)]).undecided ?? '',
        /^Not every branch has an “if”/,
      );
    });

    it('an input measured again takes its values in turn: the review loop goes round once, then discharges', () => {
      const facts = [
        fact('red-flag', false),
        fact('weeks', 2),
        fact('pain', 7, 6, 4),
        fact('response', 'unchanged', 'improved'),
      ];
      const route = walkRoute(model, [], facts);
      assert.deepEqual(route.steps, [
        'assess',
        'triage',
        'advice',
        'review',
        'after-review',
        'continue-care',
        'review',
        'after-review',
        'discharge',
      ]);
      assert.equal(route.recordings.get('pain'), 3);
      assert.equal(route.recordings.get('response'), 2);
      assert.deepEqual(
        route.passed.map((p) => p.because),
        [
          'No branch holds: red-flag = false, weeks = 2.',
          '“response = unchanged and pain < 8” holds: response = unchanged, pain = 6.',
          '“response = improved” holds: response = improved.',
        ],
      );
    });

    it('one value holds at every measurement: an unchanged response loops until the walk sees it never ends', () => {
      const facts = [
        fact('red-flag', false),
        fact('weeks', 2),
        fact('pain', 5),
        fact('response', 'unchanged'),
      ];
      const route = walkRoute(model, [], facts);
      assert.equal(route.stuck, 'With these facts the walk goes round a loop that nothing leaves.');
      // Round once to see it: review, after-review, continue-care, then review again.
      assert.deepEqual(route.steps.slice(-4), [
        'after-review',
        'continue-care',
        'review',
        'after-review',
      ]);
    });
  });

  describe('the same route as the checker takes', () => {
    const files = fs
      .readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.pathway.yaml'))
      .map((name) => path.join(FIXTURES, name))
      .concat(FILE)
      .filter((file) => fs.readFileSync(file, 'utf8').includes('scenarios:'));

    it('every scenario of the fixtures, replayed in the walk, takes the route of its run', () => {
      let compared = 0;
      for (const file of files) {
        const analysis = analyze(fs.readFileSync(file, 'utf8'));
        if (!analysis.model) continue;
        const runs = scenarioRuns(analysis.model, analysis.parsed.text);
        const walk = walkModel(analysis);
        for (const [id, outcome] of runs.outcomes) {
          const started = fromScenario(walk, id);
          assert.ok(started, `${file}: ${id} can be started from`);
          const route = walkRoute(walk, started.choices, started.facts);
          const where = `${path.relative(FIXTURES, file)}: scenario ${id}`;
          if (outcome.status === 'passed' || outcome.status === 'failed') {
            assert.deepEqual(route.steps, outcome.route, where);
            assert.equal(route.ended?.id, outcome.route.at(-1), where);
            compared++;
          } else if (outcome.status === 'stuck' && outcome.route.length < 10_000) {
            // Stuck at a decision: the walk waits there, with why.
            assert.deepEqual(route.steps, outcome.route, where);
            assert.ok(route.waiting ?? route.stuck, where);
            compared++;
          } else if (outcome.status === 'stuck') {
            // A loop the facts never leave: the walk sees it on its first time round.
            assert.deepEqual(route.steps, outcome.route.slice(0, route.steps.length), where);
            assert.match(route.stuck ?? '', /loop/, where);
            compared++;
          }
        }
      }
      assert.ok(compared >= 20, `only ${compared} scenarios compared`);
    });
  });

  describe('moving with the facts', () => {
    it('starting from a scenario gives its facts, and its choices at decisions in words as answers', () => {
      const started = fromScenario(model, 'classes-then-better');
      assert.ok(started);
      assert.deepEqual(started.choices, [0]);
      const route = walkRoute(model, started.choices, started.facts);
      assert.equal(route.ended?.id, 'discharge');
      assert.ok(route.steps.includes('classes'));
      assert.equal(fromScenario(model, 'no-such-scenario'), undefined);
    });

    it('changing a fact keeps the answers given while they answer the same decisions, and drops the rest', () => {
      const before = [fact('red-flag', false), fact('weeks', 8)];
      // Preference by hand (home programme), then after-review by hand (improved).
      const choices = [1, 0];
      assert.equal(walkRoute(model, choices, before).ended?.id, 'discharge');
      // The response now given: after-review is the facts' to answer; the preference is kept.
      const withResponse = [...before, fact('response', 'worse')];
      const kept = refit(model, choices, before, withResponse);
      assert.deepEqual(kept, [1]);
      const route = walkRoute(model, kept, withResponse);
      assert.equal(route.ended?.id, 'specialist');
      assert.ok(route.steps.includes('home-programme'));
      // Under six weeks now: the preference is no longer met, so its answer is not applied elsewhere.
      const recent = [fact('red-flag', false), fact('weeks', 2)];
      assert.deepEqual(refit(model, choices, before, recent), []);
    });
  });

  describe('the walk as a scenario', () => {
    it('a walk that reached an end gives its end, the facts given in the order of the inputs, and the answers in words', () => {
      const facts = [fact('weeks', 8), fact('red-flag', false), fact('response', 'improved')];
      const route = walkRoute(model, [1], facts);
      assert.equal(route.ended?.id, 'discharge');
      assert.deepEqual(scenarioDraft(model, route, facts), {
        ok: true,
        scenario: {
          end: 'discharge',
          facts: [
            { input: 'red-flag', values: [false] },
            { input: 'weeks', values: [8] },
            { input: 'response', values: ['improved'] },
          ],
          choose: [{ decision: 'preference', to: 'home-programme' }],
        },
      });
    });

    it('measurements left unknown at the end are left out; one unknown before a given one cannot be saved', () => {
      const facts = [
        fact('red-flag', false),
        fact('weeks', 2),
        fact('pain', 7, 6, null),
        fact('response', 'improved'),
      ];
      const route = walkRoute(model, [], facts);
      const draft = scenarioDraft(model, route, facts);
      assert.ok(draft.ok);
      assert.deepEqual(draft.scenario.facts[2], { input: 'pain', values: [7, 6] });
      const gap = [
        fact('red-flag', false),
        fact('weeks', 2),
        fact('pain', null, 6),
        fact('response', 'improved'),
      ];
      assert.deepEqual(scenarioDraft(model, walkRoute(model, [], gap), gap), {
        ok: false,
        why: 'Measurement 1 of “Leg pain intensity” is unknown, and a later one is given: give it, or remove it.',
      });
    });

    it('cannot be saved before an end, nor with a decision with conditions answered by hand', () => {
      assert.deepEqual(scenarioDraft(model, walkRoute(model, [], []), []), {
        ok: false,
        why: 'Walk to an end first: a scenario says where it ends.',
      });
      // Triage answered by hand (red flag): the facts would not take that way.
      const byHand = walkRoute(model, [0], []);
      assert.equal(byHand.ended?.id, 'urgent');
      assert.deepEqual(scenarioDraft(model, byHand, []), {
        ok: false,
        why: '“Where should care start?” was answered by hand: set the facts it needs, so that they answer it.',
      });
    });

    it('cannot be saved when a decision in words was answered two ways on a loop', () => {
      const walk = pathway(`
steps:
  a:
    kind: decision
    title: Again?
    branches:
      - { when: Again, next: b }
      - { when: Stop, next: done }
  b: { kind: action, title: B, next: a }
  done: { kind: end, title: Done }`);
      const route = walkRoute(walk, [0, 1], []);
      assert.equal(route.ended?.id, 'done');
      assert.deepEqual(scenarioDraft(walk, route, []), {
        ok: false,
        why: '“Again?” was answered two ways: a scenario gives one answer for each decision in words.',
      });
      assert.deepEqual(scenarioDraft(walk, walkRoute(walk, [1], []), []), {
        ok: true,
        scenario: { end: 'done', facts: [], choose: [{ decision: 'a', to: 'done' }] },
      });
    });
  });

  describe('the facts themselves', () => {
    const input = (over: Partial<WalkInput>): WalkInput => ({
      id: 'x',
      type: 'integer',
      title: 'X',
      recordedAt: [],
      ...over,
    });

    it('a value fits its input: type, whole numbers, bounds, choice values', () => {
      assert.ok(fits(input({ type: 'boolean' }), false));
      assert.ok(!fits(input({ type: 'boolean' }), 'true'));
      assert.ok(fits(input({ min: 0, max: 10 }), 10));
      assert.ok(!fits(input({ min: 0, max: 10 }), 11));
      assert.ok(!fits(input({}), 2.5));
      assert.ok(fits(input({ type: 'number' }), 2.5));
      assert.ok(!fits(input({ type: 'number' }), Number.NaN));
      assert.ok(fits(input({ type: 'choice', values: ['a', 'b'] }), 'b'));
      assert.ok(!fits(input({ type: 'choice', values: ['a', 'b'] }), 'constructor'));
    });

    it('a number field: empty is unknown, a value out of bounds is not used and says what is taken', () => {
      const weeks = input({ min: 0, max: 520, unit: 'weeks' });
      assert.equal(numberHint(weeks), 'A whole number from 0 to 520, in weeks.');
      assert.equal(numberHint(input({ type: 'number', min: 18 })), 'A number of at least 18.');
      assert.deepEqual(readNumber(weeks, ' 8 '), { value: 8 });
      assert.deepEqual(readNumber(weeks, ''), { value: null });
      assert.deepEqual(readNumber(weeks, '600'), {
        value: null,
        problem: 'Not used: 600 is out of range.',
      });
      assert.deepEqual(readNumber(weeks, '2.5'), {
        value: null,
        problem: 'Not used: not a whole number.',
      });
      assert.deepEqual(readNumber(weeks, '1e999'), {
        value: null,
        problem: 'Not used: not a number.',
      });
    });

    it('setting, adding and removing measurements; a fact left with no value is gone', () => {
      let facts: WalkFact[] = setFact([], 'pain', 0, 7);
      assert.deepEqual(facts, [fact('pain', 7)]);
      facts = addMeasurement(facts, 'pain');
      assert.deepEqual(facts, [fact('pain', 7, 7)], 'a new measurement starts as the last');
      facts = setFact(facts, 'pain', 1, 3);
      facts = setFact(facts, 'weeks', 0, 8);
      assert.deepEqual(facts, [fact('pain', 7, 3), fact('weeks', 8)]);
      assert.deepEqual(removeMeasurement(facts, 'pain', 0), [fact('pain', 3), fact('weeks', 8)]);
      assert.deepEqual(setFact(facts, 'weeks', 0, null), [fact('pain', 7, 3)]);
    });

    it('facts that no longer fit the pathway are left out: unknown inputs, misfit values, lists for inputs no step records', () => {
      const facts = [
        fact('gone', true),
        fact('weeks', 8, 9),
        fact('response', 'sideways'),
        fact('pain', 11, 4),
      ];
      assert.deepEqual(fitFacts(model, facts), [fact('weeks', 8), fact('pain', null, 4)]);
      assert.deepEqual(
        [...factValues(model, facts)],
        [
          ['weeks', [8]],
          ['pain', [undefined, 4]],
        ],
      );
    });
  });
});
