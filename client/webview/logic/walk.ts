// The walk-through without the page: from the start the reader answers each decision, the
// steps between decisions are walked on their own, and the walk records the answers given and
// the recommendations met. A walk is its list of choices (an exit index per decision met).
import { CERTAINTY_WORDS } from '../../../server/src/core/report/certainty';
import type { Citation, WalkModel, WalkStep } from '../../../shared/webviewMessages';

export type Choices = readonly number[];

export interface Route {
  /** The steps walked, in order, the current one last. */
  readonly steps: readonly string[];
  /** The arrows followed, as [from, to]. */
  readonly moves: readonly (readonly [string, string])[];
  /** The choices that were followed (a later edit may have removed some). */
  readonly choices: Choices;
  /** The decision waiting for an answer. */
  readonly waiting?: WalkStep;
  /** The end reached. */
  readonly ended?: WalkStep;
  /** Why the walk cannot go on, when it stopped elsewhere. */
  readonly stuck?: string;
}

export function walkRoute(model: WalkModel, choices: Choices): Route {
  const byId = new Map(model.steps.map((step) => [step.id, step]));
  const steps: string[] = [];
  const moves: (readonly [string, string])[] = [];
  const taken: number[] = [];
  const route = (end: Partial<Route>): Route => ({ steps, moves, choices: taken, ...end });
  let id = model.start;
  if (id === undefined) return route({ stuck: 'The pathway has no start step to walk from.' });
  // Steps walked since the last answer: meeting one again is a loop no answer leaves.
  let sinceAnswer = new Set<string>();
  for (;;) {
    const step: WalkStep | undefined = byId.get(id);
    if (!step) return route({ stuck: `No step “${id}” to go on to.` });
    steps.push(id);
    if (step.kind === 'end') return route({ ended: step });
    let to: string | undefined;
    if (step.kind === 'decision') {
      const choice = choices[taken.length];
      const exit = choice === undefined ? undefined : step.exits[choice];
      if (choice === undefined || !exit) return route({ waiting: step });
      taken.push(choice);
      sinceAnswer = new Set();
      to = exit.to;
    } else {
      if (sinceAnswer.has(id))
        return route({ stuck: 'These steps loop with no decision to leave them.' });
      sinceAnswer.add(id);
      to = step.exits[0]?.to;
      if (to === undefined) return route({ stuck: `“${step.title}” leads nowhere.` });
    }
    moves.push([id, to]);
    id = to;
  }
}

// ---------------------------------------------------------------------------------------
// Moves: each gives the choices of the walk that follows

/** The waiting decision answered with its exit `index`. */
export function answer(model: WalkModel, choices: Choices, index: number): Choices {
  return [...walkRoute(model, choices).choices, index];
}

/** The last answer taken back. */
export function stepBack(model: WalkModel, choices: Choices): Choices {
  return walkRoute(model, choices).choices.slice(0, -1);
}

/**
 * A step picked on the chart while walking: when the waiting decision leads to it, the walk
 * with that answer; otherwise undefined (the step is only shown).
 */
export function answerByStep(
  model: WalkModel,
  choices: Choices,
  stepId: string,
): Choices | undefined {
  const route = walkRoute(model, choices);
  const index = route.waiting?.exits.findIndex((exit) => exit.to === stepId) ?? -1;
  return index >= 0 ? [...route.choices, index] : undefined;
}

/** The step the walk has reached; undefined when not walking. */
export function walkHere(model: WalkModel, choices: Choices | undefined): string | undefined {
  return choices === undefined ? undefined : walkRoute(model, choices).steps.at(-1);
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
  /** Each decision met and the answer given there, in order. */
  readonly answers: readonly { readonly question: string; readonly answer: string }[];
  /** The recommendation steps walked through, each once, in the order met. */
  readonly recommendations: readonly WalkStep[];
}

export function walkRecord(model: WalkModel, route: Route): WalkRecord {
  const byId = new Map(model.steps.map((step) => [step.id, step]));
  const decisions = route.steps
    .map((id) => byId.get(id))
    .filter((step): step is WalkStep => step?.kind === 'decision');
  const answers = route.choices.map((choice, index) => {
    const decision = decisions[index];
    return { question: decision?.title ?? '', answer: decision?.exits[choice]?.answer ?? '' };
  });
  const recommendations = [...new Set(route.steps)]
    .map((id) => byId.get(id))
    .filter((step): step is WalkStep => step?.recommendation !== undefined);
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

/** A citation in one line: title, source, DOI and PMID, or that the reference is missing. */
export function citationLine(citation: Citation): string {
  if (!citation.found) return `${citation.id} (no such reference)`;
  return [
    citation.title ?? citation.id,
    citation.source,
    citation.doi ? `doi:${citation.doi}` : undefined,
    citation.pmid ? `PMID ${citation.pmid}` : undefined,
  ]
    .filter((part): part is string => part !== undefined)
    .join('. ');
}
