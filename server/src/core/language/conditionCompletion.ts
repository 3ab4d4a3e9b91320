// Completion of computable decisions, on the text being typed: inside an `if`, the inputs,
// the operators that fit the input just named, its values, and the words that join tests;
// input ids in `records` and as a scenario's facts, and the values a fact takes.
import { readInput } from '../checks/decisionLogic';
import { tokenize, type InputDef, type Token } from '../logic';
import { readLine } from '../parse/indentation';
import { parsePathwayText } from '../parse/parse';
import type { Completion } from './completion';
import { inputTakes } from './inputSymbols';

/** An input as completion knows it: its type and values (when valid) and its question. */
export interface InputInfo {
  readonly id: string;
  readonly def: InputDef | undefined;
  readonly title: string | undefined;
}

const inputsRead = new WeakMap<readonly string[], ReadonlyMap<string, InputInfo>>();

function isBlank(raw: string): boolean {
  const t = raw.trim();
  return t === '' || t.startsWith('#');
}

/**
 * The inputs written under the top-level `inputs:` of a text split into lines. Each input's
 * block is read as YAML on its own, so one half-typed input does not hide the others.
 */
export function inputsInText(lines: readonly string[]): ReadonlyMap<string, InputInfo> {
  const known = inputsRead.get(lines);
  if (known) return known;
  const inputs = new Map<string, InputInfo>();
  const start = lines.findIndex((raw) => {
    const line = readLine(raw);
    return line.indent === 0 && !line.isItem && line.key === 'inputs';
  });
  let childIndent: number | undefined;
  let block: { id: string; lines: string[] } | undefined;
  const finish = (): void => {
    if (!block || childIndent === undefined || inputs.has(block.id)) return;
    const indent = childIndent;
    const text = block.lines.map((raw) => (isBlank(raw) ? '' : raw.slice(indent))).join('\n');
    const node = parsePathwayText(text).tree?.root.entries?.get(block.id);
    const title = node?.entries?.get('title')?.value;
    inputs.set(block.id, {
      id: block.id,
      def: node ? readInput(block.id, node) : undefined,
      title: typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined,
    });
  };
  for (let i = start + 1; start >= 0 && i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (isBlank(raw)) {
      block?.lines.push(raw);
      continue;
    }
    const line = readLine(raw);
    if (line.indent === 0) break;
    childIndent ??= line.indent;
    if (line.indent < childIndent) break;
    if (line.indent === childIndent && !line.isItem && line.key !== undefined) {
      finish();
      block = { id: line.key, lines: [] };
    }
    block?.lines.push(raw);
  }
  finish();
  inputsRead.set(lines, inputs);
  return inputs;
}

/** An input's item documentation: what it takes, with a choice's values. */
function documentationOf(def: InputDef | undefined): string {
  const takes = inputTakes(def);
  const sentence = `${takes.charAt(0).toUpperCase()}${takes.slice(1)}`;
  if (def?.type !== 'choice') return `${sentence}.`;
  return `${sentence}: ${(def.values ?? []).map((v) => `\`${v}\``).join(', ')}.`;
}

/** The inputs as items, in the file's order; `then` is typed after the id. */
export function inputItems(
  inputs: ReadonlyMap<string, InputInfo>,
  leaving: ReadonlySet<string> = new Set(),
  then = '',
): Completion[] {
  return [...inputs.values()]
    .filter((input) => !leaving.has(input.id))
    .map((input, index) => ({
      label: input.id,
      kind: 'input',
      detail: input.title,
      documentation: documentationOf(input.def),
      sortText: `0${String(index).padStart(4, '0')}`,
      ...(then !== '' ? { snippet: `${input.id}${then}`, suggestAgain: true } : {}),
    }));
}

/** The values an input takes as items (a choice's values, or true and false). */
export function valueItems(
  def: InputDef | undefined,
  leaving: readonly string[] = [],
): Completion[] {
  const values =
    def?.type === 'choice' ? (def.values ?? []) : def?.type === 'boolean' ? ['true', 'false'] : [];
  return values
    .filter((value) => !leaving.includes(value))
    .map((value, index) => ({
      label: value,
      kind: 'value',
      detail: def?.id,
      sortText: String(index).padStart(4, '0'),
    }));
}

type ComparisonWord = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in';

const OPERATOR_WORDS: Readonly<Record<ComparisonWord, string>> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'is less than',
  '<=': 'is at most',
  '>': 'is more than',
  '>=': 'is at least',
  in: 'is one of a list, such as [a, b]',
  'not in': 'is none of a list, such as [a, b]',
};

const ORDERING: readonly ComparisonWord[] = ['=', '!=', '<', '<=', '>', '>=', 'in', 'not in'];

/** The comparisons an input's type takes (pathway-logic §2, "Types"). */
function operatorsFor(def: InputDef): readonly ComparisonWord[] {
  switch (def.type) {
    case 'boolean':
      return ['=', '!='];
    case 'number':
    case 'integer':
      return ORDERING;
    case 'choice':
      return ['=', '!=', 'in', 'not in'];
  }
}

function operatorItem(word: ComparisonWord, def: InputDef, index: number): Completion {
  const list = word === 'in' || word === 'not in';
  return {
    label: word,
    kind: 'operator',
    detail: `${def.id} ${OPERATOR_WORDS[word]}`,
    // A list is written between brackets: the cursor goes inside them.
    snippet: list ? `${word} [$1]` : `${word} `,
    sortText: `1${index}`,
    suggestAgain: true,
  };
}

const JOINING: readonly { word: string; says: string }[] = [
  { word: 'and', says: 'both tests hold' },
  { word: 'or', says: 'at least one of the tests holds' },
];

function joiningItems(): Completion[] {
  return JOINING.map(({ word, says }, index) => ({
    label: word,
    kind: 'keyword',
    detail: says,
    snippet: `${word} `,
    sortText: `2${index}`,
    suggestAgain: true,
  }));
}

const NOT_ITEM: Completion = {
  label: 'not',
  kind: 'keyword',
  detail: 'the test after it does not hold',
  snippet: 'not ',
  sortText: '1',
  suggestAgain: true,
};

/** Where the words typed so far leave a condition. */
type Place =
  | { readonly at: 'test' }
  | { readonly at: 'name'; readonly input: string }
  | { readonly at: 'not'; readonly input: string }
  | { readonly at: 'compared'; readonly input: string; readonly operator: string }
  | { readonly at: 'in'; readonly input: string }
  | {
      readonly at: 'list';
      readonly input: string;
      readonly listed: readonly string[];
      readonly wantsValue: boolean;
    }
  | { readonly at: 'done' }
  | { readonly at: 'lost' };

const isLiteral = (t: Token): boolean =>
  t.kind === 'number' ||
  t.kind === 'name' ||
  (t.kind === 'keyword' && (t.text === 'true' || t.text === 'false'));

function step(place: Place, t: Token): Place {
  const keyword = t.kind === 'keyword' ? t.text : undefined;
  switch (place.at) {
    case 'test':
      if (t.kind === 'name') return { at: 'name', input: t.text };
      if (keyword === 'not' || t.kind === '(') return place;
      if (keyword === 'true' || keyword === 'false') return { at: 'done' };
      return { at: 'lost' };
    case 'name':
      if (t.kind === 'operator') return { at: 'compared', input: place.input, operator: t.text };
      if (keyword === 'in') return { at: 'in', input: place.input };
      if (keyword === 'not') return { at: 'not', input: place.input };
      if (keyword === 'and' || keyword === 'or') return { at: 'test' };
      if (t.kind === ')') return { at: 'done' };
      return { at: 'lost' };
    case 'not':
      return keyword === 'in' ? { at: 'in', input: place.input } : { at: 'lost' };
    case 'compared':
      return isLiteral(t) ? { at: 'done' } : { at: 'lost' };
    case 'in':
      return t.kind === '['
        ? { at: 'list', input: place.input, listed: [], wantsValue: true }
        : { at: 'lost' };
    case 'list':
      if (place.wantsValue) {
        return isLiteral(t)
          ? { ...place, listed: [...place.listed, t.text], wantsValue: false }
          : { at: 'lost' };
      }
      if (t.kind === ',') return { ...place, wantsValue: true };
      if (t.kind === ']') return { at: 'done' };
      return { at: 'lost' };
    case 'done':
      if (keyword === 'and' || keyword === 'or') return { at: 'test' };
      if (t.kind === ')') return place;
      return { at: 'lost' };
    case 'lost':
      return place;
  }
}

function offers(place: Place, inputs: ReadonlyMap<string, InputInfo>): Completion[] {
  const defOf = (id: string): InputDef | undefined => inputs.get(id)?.def;
  switch (place.at) {
    case 'test':
      return [...inputItems(inputs, new Set(), ' '), NOT_ITEM];
    case 'name': {
      const def = defOf(place.input);
      if (!def) return [];
      const operators = operatorsFor(def).map((word, i) => operatorItem(word, def, i));
      // A yes-or-no input standing alone is a whole test.
      return def.type === 'boolean' ? [...operators, ...joiningItems()] : operators;
    }
    case 'not': {
      const def = defOf(place.input);
      return def && def.type !== 'boolean' ? [operatorItem('in', def, 0)] : [];
    }
    case 'compared': {
      const def = defOf(place.input);
      if (place.operator !== '=' && place.operator !== '!=') return [];
      return def?.type === 'choice' || def?.type === 'boolean' ? valueItems(def) : [];
    }
    case 'in': {
      const def = defOf(place.input);
      if (def?.type !== 'choice') return [];
      // The list's brackets come with the first value; the cursor stays inside them.
      return valueItems(def).map((item) => ({ ...item, snippet: `[${item.label}$1]$0` }));
    }
    case 'list': {
      const def = defOf(place.input);
      return place.wantsValue && def?.type === 'choice' ? valueItems(def, place.listed) : [];
    }
    case 'done':
      return joiningItems();
    case 'lost':
      return [];
  }
}

/**
 * What completion offers inside an `if`, given the condition's text up to the cursor: the
 * word being typed is replaced from `replaceFrom`, the character on the line where it begins
 * (`column` is where the condition's text begins).
 */
export function conditionCompletions(
  typed: string,
  column: number,
  inputs: ReadonlyMap<string, InputInfo>,
): Completion[] {
  let text = typed;
  let at = column;
  const quote = text[0];
  if (quote === '"' || quote === "'") {
    // After the closing quote there is nothing more to write.
    if (text.slice(1).includes(quote)) return [];
    text = text.slice(1);
    at += 1;
  } else if (/^[|>[{&*!%@`]/u.test(text) || /\s#/u.test(text)) {
    // A block scalar's header, a flow collection, an anchor or tag, or a comment.
    return [];
  }
  const tokens = tokenize(text);
  const last = tokens[tokens.length - 1];
  const typing =
    last !== undefined &&
    last.span.end === text.length &&
    (last.kind === 'name' || last.kind === 'keyword' || last.kind === 'number')
      ? last
      : undefined;
  const before = typing ? tokens.slice(0, -1) : tokens;
  if (before.some((t) => t.kind === 'invalid')) return [];
  const place = before.reduce(step, { at: 'test' });
  const from = at + (typing ? typing.span.start : text.length);
  // Words written straight after another word need a space between them.
  const spaced = !typing && text !== '' && !/[\s([,]$/u.test(text);
  return offers(place, inputs).map((item) => {
    const inserted = item.snippet ?? item.label;
    return {
      ...item,
      replaceFrom: from,
      ...(spaced || item.snippet !== undefined
        ? { snippet: spaced ? ` ${inserted}` : inserted }
        : {}),
    };
  });
}
