// A pathway's scenarios as written (pathway-logic §5): each example patient's facts, the
// choices made for it at decisions in words, and what its route must do; with every fact or
// choice that cannot be used placed on the exact value of the file.
import type { InputDef, Value } from '../logic';
import type { PathwayLogic } from '../checks/decisionLogic';
import { quote } from '../checks/rule';
import type { SourceNode } from '../parse/sourceTree';
import type { Link, PathwayModel } from '../model/pathway';
import type { Span } from '../types';
import type { CallChain } from './chain';

/** A step id written in a scenario: `choose` values and `expect` entries. */
export interface ScenarioLink extends Link {
  /** Words for where it was written ("Scenario "x" expects the route to end at"). */
  readonly from: string;
}

export interface Scenario {
  readonly id: string;
  readonly keySpan: Span;
  readonly node: SourceNode;
  readonly title: string | undefined;
  /** Input id → its value at each recording in turn (one value when known from the start). */
  readonly facts: ReadonlyMap<string, readonly Value[]>;
  /** Decision id → the step the patient goes to from it. */
  readonly choose: ReadonlyMap<string, ScenarioLink>;
  readonly expect: {
    readonly end: ScenarioLink | undefined;
    readonly passes: readonly ScenarioLink[];
    readonly avoids: readonly ScenarioLink[];
  };
  /**
   * False when a fact or a choice cannot be used, or a step id it names does not exist: the
   * scenario is then not run (its mistake is reported instead).
   */
  readonly runnable: boolean;
  /**
   * Not run only because it names inputs or `ID/STEP` steps that may belong to a sub-pathway
   * that cannot be followed (nothing is reported on those names until it can).
   */
  readonly waitsOnCall: boolean;
}

/** A fact or choice that cannot be used (invalid-fact). */
export interface FactProblem {
  readonly message: string;
  readonly span: Span;
}

export interface Scenarios {
  readonly scenarios: readonly Scenario[];
  readonly problems: readonly FactProblem[];
  /** Step ids written in scenarios that name no step (reported as unknown-step). */
  readonly brokenLinks: readonly ScenarioLink[];
  /** Inputs that some step records: their facts may be lists, and are unknown until recorded. */
  readonly recorded: ReadonlySet<string>;
}

function valueWords(value: unknown): string {
  if (value === null) return 'nothing';
  if (typeof value === 'string') return quote(value);
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : 'a value';
}

/** Why a value does not fit the input, or undefined when it does. */
function misfit(def: InputDef, value: unknown): string | undefined {
  switch (def.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'true or false';
    case 'choice':
      return typeof value === 'string' && def.values?.includes(value)
        ? undefined
        : `one of ${(def.values ?? []).join(', ')}`;
    case 'number':
    case 'integer': {
      const whole = def.type === 'integer';
      const kind = whole ? 'a whole number' : 'a number';
      const bounds =
        def.min !== undefined && def.max !== undefined
          ? ` from ${def.min} to ${def.max}`
          : def.min !== undefined
            ? ` of at least ${def.min}`
            : def.max !== undefined
              ? ` of at most ${def.max}`
              : '';
      const unit = def.unit ? ` (in ${def.unit})` : '';
      if (typeof value !== 'number' || !Number.isFinite(value)) return `${kind}${bounds}${unit}`;
      if (whole && !Number.isInteger(value)) return `${kind}${bounds}${unit}`;
      if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max))
        return `${kind}${bounds}${unit}`;
      return undefined;
    }
  }
}

function link(node: SourceNode, from: string): ScenarioLink | undefined {
  return typeof node.value === 'string'
    ? { target: node.value, span: node.span, node, from }
    : undefined;
}

/** Reads the scenarios of a model against its logic. */
export function readScenarios(
  model: PathwayModel,
  logic: PathwayLogic,
  chain: CallChain,
): Scenarios {
  const recorded = chain.recorded;
  const known = (target: string): boolean => model.steps.has(target) || chain.steps.has(target);
  const scenarios: Scenario[] = [];
  const problems: FactProblem[] = [];
  const brokenLinks: ScenarioLink[] = [];

  for (const [id, node] of model.root.entries?.get('scenarios')?.entries ?? []) {
    if (!node.entries) continue;
    let runnable = true;
    /** A name it gives may belong to a sub-pathway that cannot be followed. */
    let waiting = false;
    const named = quote(id);
    const problem = (message: string, span: Span): void => {
      problems.push({ message, span });
      runnable = false;
    };
    const checkLink = (found: ScenarioLink | undefined): ScenarioLink | undefined => {
      if (found?.target !== undefined && !known(found.target)) {
        // A name inside a sub-pathway that cannot be followed may be right: not reported.
        if (chain.open && found.target.includes('/')) waiting = true;
        else {
          brokenLinks.push(found);
          runnable = false;
        }
      }
      return found;
    };

    const facts = new Map<string, readonly Value[]>();
    for (const [input, fact] of node.entries.get('facts')?.entries ?? []) {
      const def = chain.inputs.get(input);
      // An unknown input is unknown-input's to report; an untyped one the schema's.
      if (!def) {
        if (logic.untyped.has(input)) continue;
        // While a call cannot be followed, the input may be the used pathway's own.
        if (chain.open) waiting = true;
        else runnable = false;
        continue;
      }
      const gives = (what: string): string => `Scenario ${named} gives ${what} for ${quote(input)}`;
      // A mapping, or a list inside the list, is the schema's to report.
      const nested = (node: SourceNode): boolean =>
        node.entries !== undefined || node.items !== undefined;
      if (fact.entries || fact.items?.some(nested)) {
        runnable = false;
        continue;
      }
      if (fact.items) {
        if (!recorded.has(input)) {
          problem(
            `${gives('a list of values')}, but no step records ${quote(input)}: it has one value for the whole route. Give one value.`,
            fact.span,
          );
          continue;
        }
        if (fact.items.length === 0) {
          problem(
            `${gives('an empty list')}: give its value at each recording in turn, or leave the fact out if it is unknown.`,
            fact.span,
          );
          continue;
        }
        const values: Value[] = [];
        for (const [k, item] of fact.items.entries()) {
          const expected = misfit(def, item.value);
          if (expected === undefined) values.push(item.value as Value);
          else
            problem(
              `${gives(valueWords(item.value))} at recording ${k + 1}, but ${quote(input)} takes ${expected}.`,
              item.span,
            );
        }
        facts.set(input, values);
        continue;
      }
      if (fact.value === null || fact.value === undefined) {
        problem(
          `${gives('no value')}: write its value, or leave the fact out if it is unknown.`,
          fact.span,
        );
        continue;
      }
      const expected = misfit(def, fact.value);
      if (expected !== undefined) {
        problem(
          `${gives(valueWords(fact.value))}, but ${quote(input)} takes ${expected}.`,
          fact.span,
        );
        continue;
      }
      facts.set(input, [fact.value as Value]);
    }

    const choose = new Map<string, ScenarioLink>();
    for (const [decisionId, value] of node.entries.get('choose')?.entries ?? []) {
      const keySpan = value.keySpan ?? value.span;
      const inside = chain.steps.get(decisionId);
      const step = inside?.step ?? model.steps.get(decisionId);
      if (!step) {
        if (chain.open && decisionId.includes('/')) {
          waiting = true;
          continue;
        }
        brokenLinks.push({
          target: decisionId,
          span: keySpan,
          node: value,
          from: `Scenario ${named} makes a choice at`,
        });
        runnable = false;
        continue;
      }
      const decision = (inside?.logic ?? logic).decisions.get(step.id);
      // A choice inside a sub-pathway names a step of that pathway, as its branches do.
      const steps = inside ? inside.used.analysis.model.steps : model.steps;
      if (step.kind !== 'decision' || !decision) {
        problem(
          `Scenario ${named} makes a choice at ${quote(decisionId)}, which is not a decision: only decisions written in words take a choice. Remove this line.`,
          keySpan,
        );
        continue;
      }
      if (decision.kind !== 'prose' && decision.kind !== 'partial') {
        problem(
          `Scenario ${named} makes a choice at decision ${quote(decisionId)}, but every branch of it has an "if": the patient's facts decide it. Remove this line, and give the facts instead.`,
          keySpan,
        );
        continue;
      }
      const chosen = link(value, `Scenario ${named} chooses at ${quote(decisionId)}`);
      if (chosen?.target !== undefined && !steps.has(chosen.target)) {
        brokenLinks.push(chosen);
        runnable = false;
      }
      if (!chosen || chosen.target === undefined || !steps.has(chosen.target)) continue;
      const targets = decision.branches.map((b) => b.branch.next?.target);
      if (step.otherwise?.target !== undefined) targets.push(step.otherwise.target);
      // A way out that is missing or names no step is reported where it is written: the
      // choice may be the step it was meant to name.
      const linksSound = targets.every((t) => t !== undefined && steps.has(t));
      if (linksSound && !targets.includes(chosen.target)) {
        problem(
          `Scenario ${named} chooses ${quote(chosen.target)} at decision ${quote(decisionId)}, but no branch of it leads there: choose one of ${[...new Set(targets.filter((t) => t !== undefined))].map(quote).join(', ')}.`,
          chosen.span,
        );
        continue;
      }
      choose.set(decisionId, chosen);
    }

    const expectNode = node.entries.get('expect');
    const endNode = expectNode?.entries?.get('end');
    const end = endNode
      ? checkLink(link(endNode, `Scenario ${named} expects the route to end at`))
      : undefined;
    const list = (key: 'passes' | 'avoids', words: string): ScenarioLink[] =>
      (expectNode?.entries?.get(key)?.items ?? []).flatMap((item) => {
        const found = checkLink(link(item, `Scenario ${named} expects the route to ${words}`));
        return found ? [found] : [];
      });
    const passes = list('passes', 'pass through');
    const avoids = list('avoids', 'avoid');
    // Nothing to expect is the schema's to report: there is nothing to run it against.
    if (!endNode && passes.length === 0 && avoids.length === 0) runnable = false;
    const title = node.entries.get('title')?.value;
    scenarios.push({
      id,
      keySpan: node.keySpan ?? node.span,
      node,
      title: typeof title === 'string' ? title : undefined,
      facts,
      choose,
      expect: { end, passes, avoids },
      runnable: runnable && !waiting,
      waitsOnCall: runnable && waiting,
    });
  }
  return { scenarios, problems, brokenLinks, recorded };
}
