// The logic a pathway writes down (pathway-logic §1–2): its inputs, what each assessment
// records, and each decision's conditions parsed and type-checked, with every problem placed
// on the exact word of the file. Read once per model and shared by the logic rules.
import {
  checkCondition,
  inputMap,
  INPUT_TYPES,
  inputIds,
  parseCondition,
  type Condition,
  type InputDef,
  type InputType,
  type Inputs,
  type ParseError,
} from '../logic';
import { memoByText } from '../logic/memo';
import { closestMatch } from '../suggest';
import { oncePerModel, quote } from './rule';
import { followed } from '../files/calls';
import type { SourceNode } from '../parse/sourceTree';
import type { FindingData, Span } from '../types';
import { branchList, type Branch, type PathwayModel, type Step } from '../model/pathway';

/** One problem found in an `if` or a `records` list, placed in the file. */
export interface LogicProblem {
  readonly code: 'invalid-condition' | 'unknown-input';
  readonly message: string;
  readonly span: Span;
  /** The input or value most likely meant, when the span is exactly the word to replace. */
  readonly data?: FindingData;
}

/** A branch's `if` as read. */
export interface BranchCondition {
  readonly branch: Branch;
  /** The `if` value as written (any YAML value), when the branch has the key. */
  readonly node: SourceNode | undefined;
  /** The parsed condition, when it is text that parses. */
  readonly condition: Condition | undefined;
  /** Maps an offset range in the condition's text to the file. */
  readonly toFile: (span: Span) => Span;
  /** Whether `toFile` maps offsets one for one (a one-line value without escapes). */
  readonly exact: boolean;
  /**
   * Where a token of the condition's text is written in the file, exactly: undefined when
   * its characters cannot be found one for one (an escape sequence, say).
   */
  readonly place: (span: Span) => Span | undefined;
  /** The names the `if` uses as inputs (every name word when it does not parse). */
  readonly names: readonly string[];
  /** Why the `if` text does not parse, when it does not. */
  readonly error?: ParseError;
}

/**
 * computable: every branch has a valid `if` and `match` is valid; prose: no branch has one;
 * partial: some have and some do not; broken: every branch has one but something is wrong.
 */
export type DecisionClass = 'computable' | 'prose' | 'partial' | 'broken';

export interface DecisionLogic {
  readonly step: Step;
  readonly kind: DecisionClass;
  readonly match: 'exclusive' | 'first';
  readonly branches: readonly BranchCondition[];
}

export interface PathwayLogic {
  readonly inputs: Inputs;
  /** Input id → its key in the file (typed or not). */
  readonly inputKeys: ReadonlyMap<string, Span>;
  /** Ids of inputs whose type is missing or invalid: named, but not analysed. */
  readonly untyped: ReadonlySet<string>;
  /** Decisions by id, each with its conditions. */
  readonly decisions: ReadonlyMap<string, DecisionLogic>;
  /**
   * Assessment id → the inputs it records (known inputs only); a sub-pathway's step records
   * those its used pathway records.
   */
  readonly records: ReadonlyMap<string, readonly string[]>;
  /** invalid-condition and unknown-input problems, in file order. */
  readonly problems: readonly LogicProblem[];
  /** Every input name used by some `if`. */
  readonly named: ReadonlySet<string>;
  /** Whether the file writes any logic at all (inputs or an `if`). */
  readonly any: boolean;
}

/** The logic of a model, read once; `text` is the text it was read from. */
export const pathwayLogic: (model: PathwayModel, text: string) => PathwayLogic =
  oncePerModel(readLogic);

function numberOrUndefined(node: SourceNode | undefined): number | undefined {
  const value = node?.value;
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** One input as the analysis reads it from its node; undefined when its type is missing or unknown. */
export function readInput(id: string, node: SourceNode): InputDef | undefined {
  const field = (name: string): SourceNode | undefined => node.entries?.get(name);
  const type = field('type')?.value;
  if (typeof type !== 'string' || !(INPUT_TYPES as readonly string[]).includes(type))
    return undefined;
  const inputType = type as InputType;
  if (inputType === 'boolean' || inputType === 'choice') {
    const values = (field('values')?.items ?? [])
      .map((item) => item.value)
      .filter((value): value is string => typeof value === 'string');
    return inputType === 'choice' ? { id, type: inputType, values } : { id, type: inputType };
  }
  const min = numberOrUndefined(field('min'));
  const max = numberOrUndefined(field('max'));
  const unit = field('unit')?.value;
  return {
    id,
    type: inputType,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    ...(typeof unit === 'string' && unit !== '' ? { unit } : {}),
  };
}

/**
 * How offsets in an `if`'s text map to the file: one to one after the opening quote when the
 * value is written on one line without escapes; else every range is the whole value.
 */
function offsetMapper(node: SourceNode, text: string, source: string): (span: Span) => Span {
  const whole = (): Span => node.span;
  const raw = source.slice(node.span.start, node.span.end);
  if (raw.includes('\n') || raw.includes('\r')) return whole;
  let base: number | undefined;
  if (raw === text) base = node.span.start;
  else if (
    raw.length >= 2 &&
    (raw[0] === '"' || raw[0] === "'") &&
    raw[raw.length - 1] === raw[0] &&
    raw.slice(1, -1) === text
  )
    base = node.span.start + 1;
  if (base === undefined) return whole;
  const at = base;
  return (span) => ({ start: at + span.start, end: at + span.end });
}

/** Conditions parsed by their text: most are unchanged from one edit to the next. */
const parsedCondition = memoByText(parseCondition);
/**
 * Where each token of an `if` written over several lines, folded or quoted with escapes sits
 * in the file: the condition's characters are matched in order against the value as written,
 * skipping what YAML adds (indentation, quotes, a block header, line breaks). A token is placed
 * only when the file holds exactly its characters there, so an edit at its span is safe.
 */
function alignedPlacer(
  node: SourceNode,
  text: string,
  source: string,
): (span: Span) => Span | undefined {
  const at: (number | undefined)[] = [];
  let j = node.span.start;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (/\s/u.test(c)) continue;
    let k = j;
    while (k < node.span.end && source[k] !== c) k++;
    // A character the file does not hold as such (written as an escape) is passed over.
    if (k < node.span.end) {
      at[i] = k;
      j = k + 1;
    }
  }
  return (span) => {
    if (span.end <= span.start) return undefined;
    const start = at[span.start];
    const last = at[span.end - 1];
    if (start === undefined || last === undefined) return undefined;
    const placed = { start, end: last + 1 };
    return source.slice(placed.start, placed.end) === text.slice(span.start, span.end)
      ? placed
      : undefined;
  };
}

/** Whether `toFile` maps the condition's offsets one for one (else it answers the whole value). */
function isOneForOne(toFile: (span: Span) => Span): boolean {
  const origin = toFile({ start: 0, end: 0 });
  return origin.start === origin.end;
}

const NAME_TOKEN = /[A-Za-z][A-Za-z0-9_-]*/gu;

function readBranch(branch: Branch, source: string): BranchCondition {
  const node = branch.node.entries?.get('if');
  const text = node?.value;
  if (!node || typeof text !== 'string') {
    // A list or a number is no condition, but the names written in it still show intent.
    const written = text === null || text === undefined ? '' : JSON.stringify(text);
    return {
      branch,
      node,
      condition: undefined,
      toFile: () => node?.span ?? branch.node.span,
      exact: false,
      place: () => undefined,
      names: written.match(NAME_TOKEN) ?? [],
    };
  }
  const toFile = offsetMapper(node, text, source);
  const exact = isOneForOne(toFile);
  const place = exact ? toFile : alignedPlacer(node, text, source);
  const parsed = parsedCondition(text);
  if (parsed.ok) {
    const names = inputIds(parsed.condition);
    return { branch, node, condition: parsed.condition, toFile, exact, place, names };
  }
  // A condition that does not parse still shows which inputs its author meant to test.
  return {
    branch,
    node,
    condition: undefined,
    toFile,
    exact,
    place,
    names: text.match(NAME_TOKEN) ?? [],
    error: parsed.error,
  };
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : ` Did you mean ${quote(suggestion)}?`;
}

/** What a quick fix replaces the word with, when the finding's span is exactly that word. */
function replacement(
  suggestion: string | undefined,
  unknownId: string,
  exact: boolean,
): { data: FindingData } | Record<string, never> {
  return suggestion !== undefined && exact ? { data: { suggestion, unknownId } } : {};
}

/** The `inputs` a model declares, in the file's order: typed ones, and where each id is written. */
export function declaredInputs(model: PathwayModel): {
  readonly defs: InputDef[];
  readonly keys: Map<string, Span>;
  readonly untyped: Set<string>;
} {
  const defs: InputDef[] = [];
  const keys = new Map<string, Span>();
  const untyped = new Set<string>();
  for (const [id, node] of model.root.entries?.get('inputs')?.entries ?? []) {
    keys.set(id, node.keySpan ?? node.span);
    const def = readInput(id, node);
    if (def) defs.push(def);
    else untyped.add(id);
  }
  return { defs, keys, untyped };
}

function readLogic(model: PathwayModel, source: string): PathwayLogic {
  const top = model.root.entries;
  const { defs, keys: inputKeys, untyped } = declaredInputs(model);
  const inputs = inputMap(defs);
  const problems: LogicProblem[] = [];
  const named = new Set<string>();
  const decisions = new Map<string, DecisionLogic>();
  const records = new Map<string, string[]>();
  let any = inputKeys.size > 0;

  for (const step of model.steps.values()) {
    if (step.kind === 'pathway') {
      // A sub-pathway records what its steps record (pathway-files §3).
      const used = followed(model.calls?.get(step.id));
      const known = used ? [...inputs.keys()].filter((id) => used.records.has(id)) : [];
      if (known.length > 0) records.set(step.id, known);
      continue;
    }
    if (step.kind === 'assessment') {
      const known: string[] = [];
      for (const item of step.node.entries?.get('records')?.items ?? []) {
        if (typeof item.value !== 'string') continue;
        if (inputs.has(item.value)) known.push(item.value);
        else if (!untyped.has(item.value)) {
          const meant = closestMatch(item.value, inputKeys.keys());
          problems.push({
            code: 'unknown-input',
            message: `Step ${quote(step.id)} records ${quote(item.value)}, which is not one of the pathway's inputs: add it under "inputs", or correct the name.${didYouMean(meant)}`,
            span: item.span,
            ...replacement(meant, item.value, true),
          });
        }
      }
      if (known.length > 0) records.set(step.id, known);
      continue;
    }
    if (step.kind !== 'decision') continue;
    const list = branchList(step);
    if (!list || list.length === 0) continue;
    const branches = list.map((branch) => readBranch(branch, source));
    const withIf = branches.filter((b) => b.node !== undefined).length;
    if (withIf === 0) {
      decisions.set(step.id, { step, kind: 'prose', match: 'exclusive', branches });
      continue;
    }
    any = true;
    const matchValue = step.node.entries?.get('match')?.value;
    const matchValid =
      matchValue === undefined || matchValue === 'exclusive' || matchValue === 'first';
    let valid = matchValid;
    for (const b of branches) {
      for (const name of b.names) named.add(name);
      if (!b.node) continue;
      if (b.error) {
        valid = false;
        problems.push({
          code: 'invalid-condition',
          message: `The "if" of branch ${b.branch.index + 1} of decision ${quote(step.id)} cannot be read: ${b.error.message}`,
          span: b.toFile(b.error.span),
        });
        continue;
      }
      if (!b.condition) {
        // Not text: the schema reports it.
        valid = false;
        continue;
      }
      for (const problem of checkCondition(b.condition, inputs)) {
        valid = false;
        // An input whose type is wrong is the schema's to report; its tests cannot be judged.
        if (untyped.has(problem.input)) continue;
        // A misspelt name still shows which input was meant to be tested.
        const meant =
          problem.code === 'unknown-input'
            ? closestMatch(problem.input, inputKeys.keys())
            : undefined;
        if (meant !== undefined) named.add(meant);
        // A value that is not one of the choice's: the closest one.
        const value =
          problem.notAValue !== undefined
            ? closestMatch(problem.notAValue, inputs.get(problem.input)?.values ?? [])
            : undefined;
        const suggestion = meant ?? value;
        problems.push({
          code: problem.code,
          message: `In the "if" of branch ${b.branch.index + 1} of decision ${quote(step.id)}: ${problem.message}${didYouMean(suggestion)}`,
          span: b.toFile(problem.span),
          ...replacement(suggestion, problem.notAValue ?? problem.input, b.exact),
        });
      }
    }
    const kind: DecisionClass =
      withIf < branches.length ? 'partial' : valid ? 'computable' : 'broken';
    decisions.set(step.id, {
      step,
      kind,
      match: matchValue === 'first' ? 'first' : 'exclusive',
      branches,
    });
  }
  // A fact may name an input of a used pathway; while a call cannot be followed, any name
  // may belong to it.
  const calls = [...(model.calls?.values() ?? [])];
  const elsewhere = (name: string): boolean =>
    calls.some((call) => {
      const used = followed(call);
      return used ? used.inputs.has(name) : true;
    });
  for (const [scenarioId, scenario] of top?.get('scenarios')?.entries ?? []) {
    for (const [name, fact] of scenario.entries?.get('facts')?.entries ?? []) {
      if (inputs.has(name) || untyped.has(name) || elsewhere(name)) continue;
      const meant = closestMatch(name, inputKeys.keys());
      problems.push({
        code: 'unknown-input',
        message: `Scenario ${quote(scenarioId)} gives a fact for ${quote(name)}, which is not one of the pathway's inputs: add it under "inputs", or correct the name.${didYouMean(meant)}`,
        span: fact.keySpan ?? fact.span,
        ...replacement(meant, name, true),
      });
    }
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  return { inputs, inputKeys, untyped, decisions, records, problems, named, any };
}

/** Whether every branch of the decision has an `if` (whatever is wrong with them). */
export function everyBranchHasIf(logic: PathwayLogic, stepId: string): boolean {
  const decision = logic.decisions.get(stepId);
  return decision !== undefined && decision.kind !== 'prose' && decision.kind !== 'partial';
}
