// A scenario's route through the pathway (pathway-logic §5): from the start along the links,
// computable decisions answered from the patient's facts in three-valued logic, decisions in
// words by the scenario's choices, until an end; then its expectations checked.
import { inputIds, type Condition, type Value } from '../logic';
import type { DecisionLogic, PathwayLogic } from '../checks/decisionLogic';
import { quote } from '../checks/rule';
import { pathwayLogic } from '../checks/decisionLogic';
import { followed } from '../files/calls';
import type { PathwayModel, Step } from '../model/pathway';
import { pathwayName } from './chain';
import type { Span } from '../types';
import type { Scenario } from './read';
import { decide, MAX_ROUTE_STEPS, missingInputs, RouteFacts } from './route';

export { MAX_ROUTE_STEPS };

/** A branch a route took: its 0-based index, or `otherwise`. */
export interface Taken {
  readonly decision: string;
  readonly branch: number | 'otherwise';
}

interface Walked {
  /** The step ids in the order the route visits them. */
  readonly route: readonly string[];
  readonly taken: readonly Taken[];
}

export type Outcome = Walked &
  (
    | { readonly status: 'passed' }
    /** The route broke its expectation; `span` is the first broken entry, `broken` what it says. */
    | {
        readonly status: 'failed';
        readonly message: string;
        readonly span: Span;
        readonly broken: Expectation;
      }
    /** The route cannot go on; `message` says why. */
    | { readonly status: 'stuck'; readonly message: string }
    /**
     * The route met a mistake already reported (a link to no step, a step without a valid
     * kind, a decision whose conditions are broken): nothing more is said about it.
     */
    | { readonly status: 'halted' }
  );

/** One entry of a scenario's `expect`: the step its route should end at, pass or avoid. */
export interface Expectation {
  readonly key: 'end' | 'passes' | 'avoids';
  readonly step: string;
}

/** Steps as a route in words, shortened in the middle when long. */
export function routeWords(route: readonly string[], keep = 6): string {
  const shown =
    route.length <= keep * 2 + 1
      ? route.map(quote)
      : [
          ...route.slice(0, keep).map(quote),
          `… ${route.length - keep * 2} more …`,
          ...route.slice(-keep).map(quote),
        ];
  return shown.join(' → ');
}

function factWords(id: string, value: Value): string {
  return `${id} = ${String(value)}`;
}

/** Why a condition could not be decided: the inputs it needs that are not known yet. */
function unknownWhy(
  decision: DecisionLogic,
  index: number,
  known: ReadonlyMap<string, Value>,
  scenario: Scenario,
  recorded: ReadonlySet<string>,
): string {
  const missing = missingInputs(decision.branches[index]?.condition, known);
  const reasons = missing.map((id) =>
    scenario.facts.has(id) && recorded.has(id)
      ? `${quote(id)} has not been measured yet on this route (no step that records it has been passed)`
      : `the scenario gives no fact for ${quote(id)}`,
  );
  return `the "if" of branch ${index + 1} cannot be decided: ${reasons.join(', and ') || 'a fact it needs is unknown'}`;
}

/** The pathway a route is in, and the call it goes back to from its end. */
interface Frame {
  readonly model: PathwayModel;
  readonly logic: PathwayLogic;
  /** The used pathway's name in routes (`ID` of `ID/STEP`); undefined for the file itself. */
  readonly name: string | undefined;
  readonly returnTo: { readonly call: Step; readonly frame: Frame } | undefined;
}

/** Runs one scenario. */
export function runScenario(
  model: PathwayModel,
  logic: PathwayLogic,
  scenario: Scenario,
  recorded: ReadonlySet<string>,
): Outcome {
  const route: string[] = [];
  const taken: Taken[] = [];
  const facts = new RouteFacts(scenario.facts, recorded);
  const known = facts.known;
  const halted = (): Outcome => ({ status: 'halted', route, taken });
  const stuck = (why: string): Outcome => ({
    status: 'stuck',
    route,
    taken,
    message: `Scenario ${quote(scenario.id)} cannot go on: ${why}. Route so far: ${routeWords(route)}.`,
  });

  // The pathway the route is in: this one, or one its sub-pathways use, with the call to
  // return to from its end.
  let frame: Frame = { model, logic, name: undefined, returnTo: undefined };
  let id = model.start?.target;
  for (;;) {
    if (id === undefined) return halted();
    const step = frame.model.steps.get(id);
    if (!step || step.kind === undefined) return halted();
    if (route.length >= MAX_ROUTE_STEPS)
      return stuck(
        `the route has passed ${MAX_ROUTE_STEPS.toLocaleString('en')} steps without reaching an end, so it goes round a loop that these facts never leave`,
      );
    const named = frame.name === undefined ? id : `${frame.name}/${id}`;
    route.push(named);
    switch (step.kind) {
      case 'end': {
        const back = frame.returnTo;
        if (!back) return judge(scenario, route, taken);
        // Out of the sub-pathway: on at the step its `ends` names for this end, else `next`.
        const endId = id;
        id =
          back.call.ends.find((route) => route.end === endId)?.next.target ??
          back.call.next?.target;
        frame = back.frame;
        break;
      }
      case 'pathway': {
        const used = followed(frame.model.calls?.get(id));
        // A call that cannot be followed is reported where it is written.
        if (!used) return halted();
        frame = {
          model: used.analysis.model,
          logic: pathwayLogic(used.analysis.model, used.analysis.parsed.text),
          name: pathwayName(used),
          returnTo: { call: step, frame },
        };
        id = used.analysis.graph.start;
        break;
      }
      case 'assessment':
        facts.record(frame.logic.records.get(id) ?? []);
        id = step.next?.target;
        break;
      case 'action':
      case 'recommendation':
        id = step.next?.target;
        break;
      case 'decision': {
        const decision = frame.logic.decisions.get(id);
        if (!decision) return halted();
        if (decision.kind === 'broken') return halted();
        // Coverage counts this file's own decisions only.
        const own = frame.returnTo === undefined;
        if (decision.kind === 'prose' || decision.kind === 'partial') {
          const chosen = scenario.choose.get(named)?.target;
          if (chosen === undefined)
            return stuck(
              `decision ${quote(named)} is written in words, and the scenario does not say where this patient goes from it (add "${named}: <step>" under "choose")`,
            );
          const index = decision.branches.findIndex((b) => b.branch.next?.target === chosen);
          if (own) taken.push({ decision: id, branch: index >= 0 ? index : 'otherwise' });
          id = chosen;
          break;
        }
        const conditions = decision.branches.map((b) => b.condition);
        // A computable decision has a condition on every branch.
        if (!conditions.every((c): c is Condition => c !== undefined)) return halted();
        const decided = decide(
          { match: decision.match, conditions, hasOtherwise: step.otherwise !== undefined },
          known,
        );
        let choice: number | 'otherwise';
        switch (decided.kind) {
          case 'unknown':
            return stuck(
              `at decision ${quote(named)}${decision.match === 'first' ? ' ("match: first")' : ''}, ${unknownWhy(decision, decided.branch, known, scenario, recorded)}`,
            );
          case 'overlap': {
            const applying = [
              ...new Set(
                decided.branches.flatMap((i) => {
                  const condition = decision.branches[i]?.condition;
                  return condition ? inputIds(condition) : [];
                }),
              ),
            ]
              .filter((input) => known.has(input))
              .map((input) => factWords(input, known.get(input) as Value));
            return stuck(
              `at decision ${quote(named)}, branches ${decided.branches.map((i) => i + 1).join(' and ')} both apply (${applying.join(', ')}), and its branches are meant to exclude each other`,
            );
          }
          case 'none':
            return stuck(
              `at decision ${quote(named)}, no branch applies and there is no "otherwise"`,
            );
          case 'otherwise':
            choice = 'otherwise';
            break;
          case 'branch':
            choice = decided.branch;
            break;
        }
        if (own) taken.push({ decision: id, branch: choice });
        id =
          choice === 'otherwise'
            ? step.otherwise?.target
            : decision.branches[choice]?.branch.next?.target;
        break;
      }
    }
  }
}

function judge(scenario: Scenario, route: readonly string[], taken: readonly Taken[]): Outcome {
  const { end, passes, avoids } = scenario.expect;
  const reached = route[route.length - 1] as string;
  const words = routeWords(route);
  const failed = (message: string, span: Span, broken: Expectation): Outcome => ({
    status: 'failed',
    route,
    taken,
    message: `Scenario ${quote(scenario.id)} ${message} Route: ${words}.`,
    span,
    broken,
  });
  if (end?.target !== undefined && end.target !== reached)
    return failed(`should end at ${quote(end.target)}, but ends at ${quote(reached)}.`, end.span, {
      key: 'end',
      step: end.target,
    });
  for (const step of passes) {
    if (step.target !== undefined && !route.includes(step.target))
      return failed(`should pass through ${quote(step.target)}, but does not.`, step.span, {
        key: 'passes',
        step: step.target,
      });
  }
  for (const step of avoids) {
    if (step.target !== undefined && route.includes(step.target))
      return failed(`should avoid ${quote(step.target)}, but passes through it.`, step.span, {
        key: 'avoids',
        step: step.target,
      });
  }
  return { status: 'passed', route, taken };
}
