// The preview's walk-through, without a page: the route an answer leads along, what the walk
// panel offers and records, and how a recommendation's grade and citations read.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  answer,
  answerByStep,
  citationLine,
  gradeLine,
  stepBack,
  walkHere,
  walkNews,
  walkRecord,
  walkRoute,
  waysOut,
} from '../../client/webview/logic/walk';
import type { WalkModel, WalkStep } from '../../shared/webviewMessages';
import { walkModel } from '../../server/src/core';
import { EXAMPLES } from '../support/paths';
import { analyzeWithFiles } from '../support/withFiles';

/** Stepped care for radiating low back pain: red flags first, then first-line care. */
const lbp: WalkModel = walkModel(
  analyzeWithFiles(path.join(EXAMPLES, 'stepped-care-radiating-lbp.pathway.yaml')),
);
const RED_FLAGS = 'Any red flag or suspected serious cause?';
const DURATION = 'Is the pain acute or subacute (less than 12 weeks)?';
const RESPONSE = 'How has the patient responded to first-line care?';
/** The red-flag question's ways out, by index. */
const EMERGENCY = 0;
const OTHERWISE = 2;
/** No red flag, then pain for less than 12 weeks: the answers that lead through first-line care. */
const FIRST_LINE = [OTHERWISE, 0];

function step(id: string, kind: string, exits: string[], extra: Partial<WalkStep> = {}): WalkStep {
  return { id, kind, title: id, exits: exits.map((to) => ({ to })), ...extra };
}

describe('the preview walk-through (logic)', () => {
  it('starting a walk passes the first assessment and waits at the red-flag question, offering its three ways out', () => {
    const route = walkRoute(lbp, []);
    assert.deepEqual(route.steps, ['initial-assessment', 'red-flags']);
    assert.deepEqual(route.moves, [['initial-assessment', 'red-flags']]);
    assert.equal(route.waiting?.title, RED_FLAGS);
    const offered = waysOut(lbp, route.waiting);
    assert.equal(offered.length, 3);
    assert.match(offered[EMERGENCY] ?? '', /^Saddle anaesthesia/);
    assert.equal(offered[OTHERWISE], 'No red flag, and no serious cause suspected');
    assert.equal(walkNews(route), `Next question: ${RED_FLAGS}`);
    assert.equal(walkHere(lbp, []), 'red-flags');
  });

  it('answering the emergency branch at red flags ends at the emergency step, records the answer and meets no recommendation', () => {
    const choices = answer(lbp, [], EMERGENCY);
    const route = walkRoute(lbp, choices);
    assert.equal(route.ended?.id, 'emergency-surgical-assessment');
    assert.equal(
      walkNews(route),
      'Ends at: Emergency MRI and surgical consultation. Outcome: Suspected cauda equina syndrome or progressive neurological deficit referred the same day.',
    );
    assert.equal(walkHere(lbp, choices), 'emergency-surgical-assessment');
    const record = walkRecord(lbp, route);
    assert.equal(record.answers.length, 1);
    assert.equal(record.answers[0]?.question, RED_FLAGS);
    assert.match(record.answers[0]?.answer ?? '', /^Saddle anaesthesia/);
    assert.deepEqual(record.recommendations, []);
  });

  it('answering the otherwise route, then a duration, walks through first-line care to the next question, gathering each recommendation in order', () => {
    assert.equal(walkRoute(lbp, [OTHERWISE]).waiting?.title, DURATION);
    const route = walkRoute(lbp, FIRST_LINE);
    assert.equal(route.waiting?.title, RESPONSE);
    const record = walkRecord(lbp, route);
    assert.deepEqual(record.answers, [
      { question: RED_FLAGS, answer: 'No red flag, and no serious cause suspected', by: 'hand' },
      { question: DURATION, answer: 'Less than 12 weeks (acute or subacute)', by: 'hand' },
    ]);
    assert.deepEqual(
      record.recommendations.map((r) => r.id),
      ['stay-active', 'superficial-heat', 'first-line-analgesia', 'no-opioids-first-line'],
    );
    // The arrows lit are the ones walked, in order.
    assert.deepEqual(route.moves.slice(0, 4), [
      ['initial-assessment', 'red-flags'],
      ['red-flags', 'stay-active'],
      ['stay-active', 'pain-duration'],
      ['pain-duration', 'superficial-heat'],
    ]);
  });

  it("a labelled otherwise route is offered and recorded in the author's words, and the end reached shows its outcome", () => {
    const manipulation = walkModel(
      analyzeWithFiles(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml')),
    );
    // No red flag, 4 weeks or more; then the labelled suitability question.
    const atSuitability = walkRoute(manipulation, [2, 1]);
    assert.equal(atSuitability.waiting?.id, 'manipulation-suitability');
    const offered = waysOut(manipulation, atSuitability.waiting);
    assert.equal(offered[1], 'Suitable and acceptable');
    assert.ok(!offered.includes('otherwise'), 'the bare word "otherwise" is never offered');
    // Suitable, then resolved at review (after the two red-flag branches): discharged.
    const route = walkRoute(manipulation, [2, 1, 1, 2]);
    assert.deepEqual(
      walkRecord(manipulation, route).answers.map((a) => a.answer),
      [
        'No red flag',
        '4 weeks or more (subacute or chronic)',
        'Suitable and acceptable',
        'Leg pain resolved or reduced by at least 75%',
      ],
    );
    assert.equal(route.ended?.id, 'discharge');
    assert.equal(
      route.ended?.outcome,
      'Leg pain resolved or much improved; patient self-manages with home exercise.',
    );
    assert.match(
      walkNews(route),
      /\. Outcome: Leg pain resolved or much improved; patient self-manages/,
    );
  });

  it('an end without an outcome has none in the walk', () => {
    const route = walkRoute({ start: 'done', steps: [step('done', 'end', [])] }, []);
    assert.equal(route.ended?.outcome, undefined);
    assert.equal(walkNews(route), 'Ends at: done');
  });

  it('stepping back takes back only the last answer, and the walk waits at that question again', () => {
    const three = answer(lbp, answer(lbp, answer(lbp, [], OTHERWISE), 0), 3);
    assert.equal(walkRoute(lbp, three).steps.includes('gabapentinoid'), true);
    const back = stepBack(lbp, three);
    assert.deepEqual(back, FIRST_LINE);
    assert.equal(walkRoute(lbp, back).waiting?.title, RESPONSE);
    assert.deepEqual(stepBack(lbp, back), [OTHERWISE]);
    assert.deepEqual(stepBack(lbp, [OTHERWISE]), []);
    assert.deepEqual(stepBack(lbp, []), []);
  });

  it('answers an edit has made meaningless are dropped: the walk keeps the answers still on its route', () => {
    // No tenth way out of "How has the patient responded?": the walk waits there.
    const route = walkRoute(lbp, [...FIRST_LINE, 9]);
    assert.deepEqual(route.choices, FIRST_LINE);
    assert.equal(route.waiting?.title, RESPONSE);
    // Answers after the end are not kept either.
    assert.deepEqual(walkRoute(lbp, [EMERGENCY, 1]).choices, [EMERGENCY]);
    // Answering then appends to the answers kept, not to the stale list.
    assert.deepEqual(answer(lbp, [...FIRST_LINE, 9], 0), [...FIRST_LINE, 0]);
  });

  it('clicking a step the waiting question leads to answers it; clicking any other step does not', () => {
    assert.deepEqual(answerByStep(lbp, [], 'prompt-imaging'), [1]);
    assert.deepEqual(answerByStep(lbp, FIRST_LINE, 'gabapentinoid'), [...FIRST_LINE, 3]);
    assert.equal(answerByStep(lbp, [OTHERWISE], 'gabapentinoid'), undefined);
    assert.equal(answerByStep(lbp, [], 'reassess'), undefined);
    assert.equal(answerByStep(lbp, [EMERGENCY], 'prompt-imaging'), undefined);
  });

  it('not walking, there is no step the walk has reached', () => {
    assert.equal(walkHere(lbp, undefined), undefined);
  });

  it('a recommendation met again after an answer loops back is listed once', () => {
    const model: WalkModel = {
      start: 'advise',
      steps: [
        step('advise', 'recommendation', ['review'], {
          recommendation: {
            direction: 'for',
            strength: 'strong',
            certainty: 'high',
            rationale: undefined,
            citations: [],
          },
        }),
        {
          ...step('review', 'decision', []),
          exits: [
            { to: 'advise', answer: 'again' },
            { to: 'done', answer: 'better' },
          ],
        },
        step('done', 'end', []),
      ],
    };
    const route = walkRoute(model, [0, 1]);
    assert.equal(route.ended?.id, 'done');
    assert.deepEqual(route.steps, ['advise', 'review', 'advise', 'review', 'done']);
    const record = walkRecord(model, route);
    assert.deepEqual(
      record.recommendations.map((r) => r.id),
      ['advise'],
    );
    assert.deepEqual(record.answers, [
      { question: 'review', answer: 'again', by: 'hand' },
      { question: 'review', answer: 'better', by: 'hand' },
    ]);
  });

  it('a loop no decision leaves stops the walk with a reason instead of going round forever', () => {
    const model: WalkModel = {
      start: 'a',
      steps: [step('a', 'assessment', ['b']), step('b', 'action', ['a'])],
    };
    const route = walkRoute(model, []);
    assert.equal(route.stuck, 'These steps loop with no decision to leave them.');
    assert.equal(walkNews(route), 'These steps loop with no decision to leave them.');
    assert.deepEqual(route.steps, ['a', 'b', 'a']);
  });

  it('a walk that cannot start or go on says why', () => {
    assert.equal(
      walkRoute({ start: undefined, steps: [] }, []).stuck,
      'The pathway has no start step to walk from.',
    );
    const dangling: WalkModel = { start: 'a', steps: [step('a', 'assessment', ['gone'])] };
    assert.equal(walkRoute(dangling, []).stuck, 'No step “gone” to go on to.');
    const deadEnd: WalkModel = { start: 'a', steps: [step('a', 'assessment', [])] };
    assert.equal(walkRoute(deadEnd, []).stuck, '“a” leads nowhere.');
  });

  it('a decision way out without an answer is offered by the title of the step it leads to', () => {
    const model: WalkModel = {
      start: 'd',
      steps: [step('d', 'decision', ['e', 'missing']), { ...step('e', 'end', []), title: 'Home' }],
    };
    const waiting = walkRoute(model, []).waiting;
    assert.ok(waiting);
    assert.deepEqual(waysOut(model, waiting), ['Home', 'missing']);
  });

  it('a recommendation reads its direction, strength and certainty with GRADE symbols', () => {
    const graded = (id: string): string => {
      const r = lbp.steps.find((s) => s.id === id)?.recommendation;
      assert.ok(r, id);
      return gradeLine(r);
    };
    assert.equal(graded('prompt-imaging'), '✓ For · strong · ⊕⊕⊕◯ moderate');
    assert.equal(graded('no-opioids-first-line'), '✗ Against · conditional · ⊕⊕⊕◯ moderate');
    assert.equal(graded('gabapentinoid'), '✓ For · conditional · ⊕◯◯◯ very low');
    const bare = {
      direction: 'for' as const,
      strength: undefined,
      rationale: undefined,
      citations: [],
    };
    assert.equal(
      gradeLine({ ...bare, certainty: undefined }),
      '✓ For · no strength given · certainty not graded',
    );
    assert.equal(
      gradeLine({ ...bare, certainty: 'very-low' }),
      '✓ For · no strength given · ⊕◯◯◯ very low',
    );
    // An unknown certainty is shown as written, even one that names an Object property.
    assert.equal(
      gradeLine({ ...bare, certainty: 'constructor' }),
      '✓ For · no strength given · constructor',
    );
  });

  it('a citation reads its title, source, DOI and PMID, and a missing reference says so', () => {
    const cited = lbp.steps.find((s) => s.id === 'prompt-imaging')?.recommendation?.citations[0];
    assert.ok(cited);
    assert.equal(
      citationLine(cited),
      'Diagnosis and treatment of low back pain: a joint clinical practice guideline from the ' +
        'American College of Physicians and the American Pain Society. Ann Intern Med. ' +
        '2007;147(7):478-491 (erratum in Ann Intern Med. 2008;148:247-8). ' +
        'doi:10.7326/0003-4819-147-7-200710020-00006. PMID 17909209',
    );
    const missing = {
      id: 'smith-2020',
      title: undefined,
      source: undefined,
      year: undefined,
      doi: undefined,
      pmid: undefined,
      url: undefined,
      found: false,
    };
    assert.equal(citationLine(missing), 'smith-2020 (no such reference)');
    // A cite that a bibliography not read may answer (the preview today) is not called missing.
    assert.equal(
      citationLine({ ...missing, unread: true }),
      'smith-2020 (not read from the bibliography)',
    );
    assert.equal(citationLine({ ...missing, found: true }), 'smith-2020');
  });
});
