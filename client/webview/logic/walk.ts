// The walk-through without the page: from the start the walk goes on by itself until a
// decision. One whose branches all have conditions is answered from the facts the reader sets,
// by the same rules as a scenario's route (the core's scenarios/route, bundled in); any other,
// or one the facts cannot decide, waits for the reader's answer. The walk records the answers
// and the recommendations met. A walk is its facts and its list of choices (an exit index per
// decision answered by hand).
import { CERTAINTY_WORDS } from '../../../server/src/core/report/certainty';
import { missingCitationWords } from '../../../server/src/core/report/citation';
import { stepTitles } from '../../../server/src/core/model/walkTitles';
import {
  decide,
  knownInputs,
  MAX_ROUTE_STEPS,
  missingInputs,
  RouteFacts,
  type Decided,
} from '../../../server/src/core/scenarios/route';
import type {
  Citation,
  WalkFact,
  WalkInput,
  WalkModel,
  WalkStep,
} from '../../../shared/webviewMessages';
import { factValues, type FactValue } from './facts';

// The walk-through's names for the steps it meets, as the preview's panels show them.
export { stepTitles };

export type Choices = readonly number[];

/** A decision the walk passed, and how it was answered. */
export interface Passage {
  readonly step: WalkStep;
  /** Its name in the route: its id, or `ID/STEP` inside a sub-pathway. */
  readonly name: string;
  /** The exit taken (an index into the step's exits). */
  readonly exit: number;
  /** By the facts, or by the reader. */
  readonly by: 'facts' | 'hand';
  /** Why the facts took this way: the condition and the facts that made it hold. */
  readonly because?: string;
}

export interface Route {
  /**
   * The steps walked, in order, the current one last; a step of a sub-pathway walked through
   * is named `ID/STEP` (its pathway's id), as a scenario's route names it.
   */
  readonly steps: readonly string[];
  /** The steps walked, as the walk met them (those of sub-pathways too). */
  readonly visited: readonly WalkStep[];
  /**
   * The step of the chart the walk is at: the last step walked, or, while inside a
   * sub-pathway, the `pathway` step of this file it went in by.
   */
  readonly here: string | undefined;
  /** While inside sub-pathways: the `pathway` steps gone in by, this file's first. */
  readonly inside: readonly string[];
  /** The arrows followed, as [from, to]. */
  readonly moves: readonly (readonly [string, string])[];
  /** The choices that were followed (a later edit may have removed some). */
  readonly choices: Choices;
  /** Every decision passed, in order. */
  readonly passed: readonly Passage[];
  /** The decision waiting for an answer. */
  readonly waiting?: WalkStep;
  /** At the waiting decision: why the facts do not answer it (nothing for one in words). */
  readonly undecided?: string;
  /** The end reached. */
  readonly ended?: WalkStep;
  /** Why the walk cannot go on, when it stopped elsewhere. */
  readonly stuck?: string;
  /** How many times the route has recorded each input. */
  readonly recordings: ReadonlyMap<string, number>;
}

/** A condition as its author wrote it, quoted. */
function written(text: string | undefined, index: number): string {
  return text === undefined ? `branch ${index + 1}` : `“${text.trim()}”`;
}

/** `weeks = 8, response = unchanged`: the facts a set of conditions read, once each. */
function factsRead(
  step: WalkStep,
  branches: readonly number[],
  known: ReadonlyMap<string, FactValue>,
): string {
  const seen = new Map<string, FactValue>();
  for (const i of branches) {
    for (const [id, value] of knownInputs(step.logic?.branches[i]?.condition, known))
      seen.set(id, value);
  }
  return [...seen].map(([id, value]) => `${id} = ${String(value)}`).join(', ');
}

function withFacts(sentence: string, facts: string): string {
  return facts === '' ? `${sentence}.` : `${sentence}: ${facts}.`;
}

function inBrackets(facts: string): string {
  return facts === '' ? '' : ` (${facts})`;
}

/** Why the facts took the way they did. */
function because(
  step: WalkStep,
  decided: Extract<Decided, { kind: 'branch' | 'otherwise' }>,
  known: ReadonlyMap<string, FactValue>,
): string {
  const logic = step.logic;
  const all = logic?.branches.map((_, i) => i) ?? [];
  if (decided.kind === 'otherwise')
    return withFacts('No branch holds', factsRead(step, all, known));
  const i = decided.branch;
  const condition = written(logic?.branches[i]?.if, i);
  if (logic?.match === 'first' && i > 0) {
    const before = all.slice(0, i);
    return withFacts(
      `${condition} is the first that holds`,
      factsRead(step, [...before, i], known),
    );
  }
  return withFacts(`${condition} holds`, factsRead(step, [i], known));
}

/** Why an input a condition needs is not known at this point of the route. */
function whyMissing(
  input: string,
  inputs: ReadonlyMap<string, WalkInput>,
  given: ReadonlyMap<string, readonly (FactValue | undefined)[]>,
  facts: RouteFacts,
  titles: ReadonlyMap<string, string>,
): string {
  const def = inputs.get(input);
  const name = `“${def?.title ?? input}”`;
  const values = given.get(input);
  if (def && def.recordedAt.length > 0 && values?.some((v) => v !== undefined)) {
    const k = facts.recordings(input);
    if (k === 0) {
      const where = def.recordedAt.map((id) => `“${titles.get(id) ?? id}”`).join(' or ');
      return `${name} is not measured yet on this route (it is measured at ${where})`;
    }
    return `${name} is unknown at measurement ${k}`;
  }
  return `${name} is not given`;
}

/** Why the facts do not answer a decision with conditions. */
function undecidedWhy(
  step: WalkStep,
  decided: Exclude<Decided, { kind: 'branch' | 'otherwise' }>,
  known: ReadonlyMap<string, FactValue>,
  missing: (input: string) => string,
): string {
  const branches = step.logic?.branches ?? [];
  switch (decided.kind) {
    case 'unknown': {
      const i = decided.branch;
      const needs = missingInputs(branches[i]?.condition, known).map(missing);
      return `The facts cannot answer this yet: ${written(branches[i]?.if, i)} needs a fact (${needs.join('; ') || 'one is unknown'}). Set it, or pick the answer.`;
    }
    case 'overlap': {
      const holding = decided.branches.map((i) => written(branches[i]?.if, i)).join(' and ');
      const verb = decided.branches.length === 2 ? 'both hold' : 'all hold';
      const read = inBrackets(factsRead(step, decided.branches, known));
      return `The facts cannot answer this: ${holding} ${verb}${read}, and its branches are meant to exclude each other. Pick the answer.`;
    }
    case 'none': {
      const all = branches.map((_, i) => i);
      const read = inBrackets(factsRead(step, all, known));
      return `The facts cannot answer this: no branch holds${read}, and there is no “otherwise”. Pick the answer.`;
    }
  }
}

/**
 * The walk: facts answer the decisions they can; `answerAt` gives the reader's answer at each
 * other decision met (`nth` counts those answered so far), or undefined to wait there.
 */
export function walkWith(
  model: WalkModel,
  facts: readonly WalkFact[],
  answerAt: (decision: WalkStep, nth: number, name: string) => number | undefined,
): Route {
  const inputs = new Map((model.inputs ?? []).map((input) => [input.id, input]));
  const titles = stepTitles(model);
  const given = factValues(model, facts);
  const recorded = new Set(
    (model.inputs ?? []).filter((i) => i.recordedAt.length > 0).map((i) => i.id),
  );
  const used = model.used ?? {};
  const state = new RouteFacts(given, recorded);
  const steps: string[] = [];
  const visited: WalkStep[] = [];
  const moves: (readonly [string, string])[] = [];
  const taken: number[] = [];
  const passed: Passage[] = [];
  // The pathway the walk is in: this one, or one a sub-pathway uses, with the call it goes
  // back to from its end (pathway-files §3: in at the start with the same facts, out through
  // `ends` or `next`).
  let frame: Frame = frameOf(model, undefined, undefined);
  const inside = (): string[] => {
    const calls: string[] = [];
    for (let f: Frame | undefined = frame; f?.back; f = f.back.frame) calls.unshift(f.back.name);
    return calls;
  };
  const recordings = (): Map<string, number> =>
    new Map([...recorded].map((id) => [id, state.recordings(id)]));
  const route = (end: Partial<Route>): Route => {
    const calls = inside();
    return {
      steps,
      visited,
      here: calls[0] ?? steps.at(-1),
      inside: calls,
      moves,
      choices: taken,
      passed,
      recordings: recordings(),
      ...end,
    };
  };
  const start = model.start;
  if (start === undefined) return route({ stuck: 'The pathway has no start step to walk from.' });
  let id: string = start;
  // Where the walk has been since the reader last answered, with the facts as they stood:
  // meeting one again is a loop nothing leaves.
  let seen = new Set<string>();
  let byFactsSinceAnswer = false;
  /** The way out the reader picked at `step`, taken; undefined while there is no answer. */
  const byHand = (step: WalkStep, named: string): string | undefined => {
    const choice = answerAt(step, taken.length, named);
    const exit = choice === undefined ? undefined : step.exits[choice];
    if (choice === undefined || !exit) return undefined;
    taken.push(choice);
    passed.push({ step, name: named, exit: choice, by: 'hand' });
    seen = new Set();
    byFactsSinceAnswer = false;
    return exit.to;
  };
  for (;;) {
    const step: WalkStep | undefined = frame.byId.get(id);
    if (!step) return route({ stuck: `No step “${id}” to go on to.` });
    if (steps.length >= MAX_ROUTE_STEPS)
      return route({
        stuck: `The walk has passed ${MAX_ROUTE_STEPS.toLocaleString('en')} steps without reaching an end.`,
      });
    const named = frame.name === undefined ? id : `${frame.name}/${id}`;
    steps.push(named);
    visited.push(step);
    if (step.kind === 'end') {
      const back = frame.back;
      if (!back) return route({ ended: step });
      // Out of the sub-pathway: on along the exit its `ends` gives this end, else `next`.
      const endId: string = id;
      const uses = back.call.uses;
      const exit: number | undefined =
        uses?.ends.find((e) => e.end === endId)?.exit ?? uses?.otherEnds;
      const way: { readonly to: string } | undefined =
        exit === undefined ? undefined : back.call.exits[exit];
      if (!way)
        return route({
          stuck: `“${back.call.title}” ends at “${step.title}”, and nothing says where the walk goes on from there.`,
        });
      frame = back.frame;
      moves.push([back.name, frameName(frame, way.to)]);
      id = way.to;
      continue;
    }
    const here = `${inside().join('>')}>${named}|${state.state()}`;
    if (seen.has(here))
      return route({
        stuck: byFactsSinceAnswer
          ? 'With these facts the walk goes round a loop that nothing leaves.'
          : 'These steps loop with no decision to leave them.',
      });
    seen.add(here);
    let to: string | undefined;
    if (step.kind === 'pathway') {
      const walk = step.uses?.walk === undefined ? undefined : used[step.uses.walk];
      if (walk) {
        if (walk.start === undefined)
          return route({ stuck: `“${step.title}” uses a pathway with no start step.` });
        frame = frameOf(walk, step.uses?.name, { call: step, name: named, frame });
        moves.push([named, frameName(frame, walk.start)]);
        id = walk.start;
        continue;
      }
      // Not followed here (its file was not read): the reader says where the patient comes
      // out, unless there is one way only.
      if (step.exits.length > 1) {
        to = byHand(step, named);
        if (to === undefined)
          return route({
            waiting: step,
            undecided:
              'This sub-pathway cannot be walked through here (its file was not read). Pick where the patient comes out.',
          });
      } else {
        to = step.exits[0]?.to;
        if (to === undefined) return route({ stuck: `“${step.title}” leads nowhere.` });
      }
    } else if (step.kind === 'decision') {
      const logic = step.logic;
      let undecided: string | undefined;
      if (logic?.kind === 'computable') {
        const conditions = logic.branches.map((b) => b.condition);
        if (conditions.every((c) => c !== undefined)) {
          const decided = decide(
            { match: logic.match, conditions, hasOtherwise: logic.hasOtherwise },
            state.known,
          );
          if (decided.kind === 'branch' || decided.kind === 'otherwise') {
            const exit =
              decided.kind === 'otherwise' ? logic.otherwise : logic.branches[decided.branch]?.exit;
            const way = exit === undefined ? undefined : step.exits[exit];
            if (exit === undefined || !way)
              return route({
                stuck: 'The facts take a way out of this decision that leads to no step.',
              });
            passed.push({
              step,
              name: named,
              exit,
              by: 'facts',
              because: because(step, decided, state.known),
            });
            byFactsSinceAnswer = true;
            moves.push([named, frameName(frame, way.to)]);
            id = way.to;
            continue;
          }
          undecided = undecidedWhy(step, decided, state.known, (input) =>
            whyMissing(input, inputs, given, state, titles),
          );
        }
      } else if (logic?.kind === 'broken') {
        undecided =
          'A condition of this decision has a mistake (see the problems in the editor), so the facts cannot answer it. Pick the answer.';
      } else if (logic?.kind === 'partial') {
        undecided =
          'Not every branch has an “if”, so the facts cannot answer this. Pick the answer.';
      }
      to = byHand(step, named);
      if (to === undefined)
        return route(undecided === undefined ? { waiting: step } : { waiting: step, undecided });
    } else {
      to = step.exits[0]?.to;
      if (to === undefined) return route({ stuck: `“${step.title}” leads nowhere.` });
      state.record(step.records ?? []);
    }
    moves.push([named, frameName(frame, to)]);
    id = to;
  }
}

/** A pathway the walk is in, and the call it goes back to from its end. */
interface Frame {
  readonly byId: ReadonlyMap<string, WalkStep>;
  /** The name its steps take in routes (`ID` of `ID/STEP`); undefined for the file walked. */
  readonly name: string | undefined;
  readonly back:
    { readonly call: WalkStep; readonly name: string; readonly frame: Frame } | undefined;
}

function frameOf(model: WalkModel, name: string | undefined, back: Frame['back']): Frame {
  return { byId: new Map(model.steps.map((step) => [step.id, step])), name, back };
}

function frameName(frame: Frame, id: string): string {
  return frame.name === undefined ? id : `${frame.name}/${id}`;
}

/** The walk that answers by hand with `choices`, in turn. */
export function walkRoute(
  model: WalkModel,
  choices: Choices,
  facts: readonly WalkFact[] = [],
): Route {
  return walkWith(model, facts, (_, nth) => choices[nth]);
}

/**
 * The reader's answers still meaningful after the facts change from `before` to `after`: each
 * is kept while it answers the same decision as before, in the same order.
 */
export function refit(
  model: WalkModel,
  choices: Choices,
  before: readonly WalkFact[],
  after: readonly WalkFact[],
): Choices {
  const answered = walkRoute(model, choices, before)
    .passed.filter((p) => p.by === 'hand')
    .map((p) => p.name);
  return walkWith(model, after, (_, nth, name) =>
    answered[nth] === name ? choices[nth] : undefined,
  ).choices;
}

/**
 * A scenario replayed: its facts, and at each decision in words met the answer its `choose`
 * gives, until an end or a decision it does not answer.
 */
export function fromScenario(
  model: WalkModel,
  scenarioId: string,
): { readonly facts: readonly WalkFact[]; readonly choices: Choices } | undefined {
  const scenario = model.scenarios?.find((s) => s.id === scenarioId);
  if (!scenario) return undefined;
  const choose = new Map(scenario.choose.map((c) => [c.decision, c.to]));
  const route = walkWith(model, scenario.facts, (decision, _, name) => {
    // Decisions with conditions are the facts' to answer, even when they cannot.
    if (decision.logic && decision.logic.kind !== 'partial') return undefined;
    const to = choose.get(name);
    const index = to === undefined ? -1 : decision.exits.findIndex((exit) => exit.to === to);
    return index >= 0 ? index : undefined;
  });
  return { facts: scenario.facts, choices: route.choices };
}

// ---------------------------------------------------------------------------------------
// Moves: each gives the choices of the walk that follows

/** The waiting decision answered with its exit `index`. */
export function answer(
  model: WalkModel,
  choices: Choices,
  index: number,
  facts: readonly WalkFact[] = [],
): Choices {
  return [...walkRoute(model, choices, facts).choices, index];
}

/** The last answer taken back. */
export function stepBack(
  model: WalkModel,
  choices: Choices,
  facts: readonly WalkFact[] = [],
): Choices {
  return walkRoute(model, choices, facts).choices.slice(0, -1);
}

/**
 * A step picked on the chart while walking: when the waiting decision leads to it, the walk
 * with that answer; otherwise undefined (the step is only shown).
 */
export function answerByStep(
  model: WalkModel,
  choices: Choices,
  stepId: string,
  facts: readonly WalkFact[] = [],
): Choices | undefined {
  const route = walkRoute(model, choices, facts);
  // Inside a sub-pathway, the chart shows none of the ways out of its decisions.
  if (route.inside.length > 0) return undefined;
  const index = route.waiting?.exits.findIndex((exit) => exit.to === stepId) ?? -1;
  return index >= 0 ? [...route.choices, index] : undefined;
}

/** The step the walk has reached; undefined when not walking. */
export function walkHere(
  model: WalkModel,
  choices: Choices | undefined,
  facts: readonly WalkFact[] = [],
): string | undefined {
  return choices === undefined ? undefined : walkRoute(model, choices, facts).here;
}

// ---------------------------------------------------------------------------------------
// What the walk says and records

/** Where the walk has got to, in one sentence for a screen reader. */
export function walkNews(route: Route): string {
  return route.waiting
    ? `Next question: ${route.waiting.title}`
    : route.ended
      ? `Ends at: ${route.ended.title}${route.ended.outcome ? `. Outcome: ${route.ended.outcome}` : ''}`
      : (route.stuck ?? '');
}

/** The ways out of a decision as offered to the reader: each answer, else where it leads. */
export function waysOut(model: WalkModel, decision: WalkStep): string[] {
  const byId = new Map(model.steps.map((step) => [step.id, step]));
  return decision.exits.map((exit) => exit.answer ?? byId.get(exit.to)?.title ?? exit.to);
}

export interface WalkRecord {
  /** Each decision met and the answer taken there, in order, with why when the facts took it. */
  readonly answers: readonly {
    readonly question: string;
    readonly answer: string;
    readonly by: 'facts' | 'hand';
    readonly because?: string;
  }[];
  /** The recommendation steps walked through, each once, in the order met. */
  readonly recommendations: readonly WalkStep[];
}

export function walkRecord(model: WalkModel, route: Route): WalkRecord {
  const byId = new Map(model.steps.map((step) => [step.id, step]));
  const answers = route.passed.map(({ step, exit, by, because: why }) => {
    const way = step.exits[exit];
    const words = way?.answer ?? byId.get(way?.to ?? '')?.title ?? way?.to ?? '';
    return {
      question: step.title,
      answer: words,
      by,
      ...(why === undefined ? {} : { because: why }),
    };
  });
  // Sub-pathways' recommendations too: each step once, in the order met.
  const recommendations = [...new Set(route.visited)].filter(
    (step) => step.recommendation !== undefined,
  );
  return { answers, recommendations };
}

/** A recommendation's grade in one line: "✓ For · strong · ⊕⊕⊕◯ moderate". */
export function gradeLine(recommendation: NonNullable<WalkStep['recommendation']>): string {
  const { direction, strength, certainty } = recommendation;
  const known = certainty ? CERTAINTY_WORDS.get(certainty) : undefined;
  return [
    direction === 'against' ? '✗ Against' : '✓ For',
    strength ?? 'no strength given',
    certainty ? (known ? `${known.symbol} ${known.words}` : certainty) : 'certainty not graded',
  ].join(' · ');
}

/** A citation in one line: title, source, DOI and PMID, or why it is not shown. */
export function citationLine(citation: Citation): string {
  if (!citation.found) return `${citation.id} (${missingCitationWords(citation)})`;
  return [
    citation.title ?? citation.id,
    citation.source,
    citation.doi ? `doi:${citation.doi}` : undefined,
    citation.pmid ? `PMID ${citation.pmid}` : undefined,
  ]
    .filter((part): part is string => part !== undefined)
    .join('. ');
}
