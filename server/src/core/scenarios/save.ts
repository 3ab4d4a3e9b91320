// A walk made in the preview, written into the file as a new scenario (pathway-logic §5): the
// text to insert under `scenarios:` (made when absent), in the file's own indentation and line
// breaks, with every value quoted as YAML needs; checked to pass before it is offered.
import type { Analysis } from '../analysis';
import { analyze } from '../analyzer';
import { quote } from '../checks/rule';
import type { Value } from '../logic';
import type { SourceNode } from '../parse/sourceTree';
import { scenarioRuns } from './index';

/** The walk to save: where it ended, the facts given, the answers at decisions in words. */
export interface ScenarioDraft {
  readonly end: string;
  /** Each fact given: one value, or its value at each recording in turn. */
  readonly facts: readonly { readonly input: string; readonly values: readonly Value[] }[];
  /** The step each decision in words led to. */
  readonly choose: readonly { readonly decision: string; readonly to: string }[];
}

export type ScenarioInsertion =
  | {
      readonly ok: true;
      /** The new scenario's id. */
      readonly id: string;
      /** Where to insert, in the analysed text, and what. */
      readonly offset: number;
      readonly text: string;
      /** Where the id is in the text once inserted. */
      readonly idStart: number;
    }
  | { readonly ok: false; readonly message: string };

/** Step ids, input ids and choice values all look like this (the schema's patterns). */
const NAME = /^[A-Za-z][A-Za-z0-9_-]*$/u;

/** Words a YAML reader (1.2's core schema, or an older 1.1 one) takes for something not text. */
const YAML_WORDS = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n']);

/** Characters YAML allows as they are in a double-quoted scalar (c-printable, no line break). */
function printable(code: number): boolean {
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xd7ff && code !== 0x2028 && code !== 0x2029) ||
    (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) ||
    code >= 0x10000
  );
}

/** A text as a double-quoted YAML scalar, every character YAML could misread escaped. */
export function doubleQuoted(text: string): string {
  let out = '"';
  for (const character of text) {
    const code = character.codePointAt(0) ?? 0;
    if (character === '"' || character === '\\') out += `\\${character}`;
    else if (character === '\n') out += '\\n';
    else if (character === '\t') out += '\\t';
    else if (printable(code)) out += character;
    else out += `\\u${code.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** A name (an id, a choice value) as YAML reads it back as the same text. */
export function yamlName(text: string): string {
  return NAME.test(text) && !YAML_WORDS.has(text.toLowerCase()) ? text : doubleQuoted(text);
}

/** A fact's value as YAML: true/false, a number as written, a name. */
export function yamlValue(value: Value): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  return yamlName(value);
}

function yamlValues(values: readonly Value[]): string {
  return values.length === 1 && values[0] !== undefined
    ? yamlValue(values[0])
    : `[${values.map(yamlValue).join(', ')}]`;
}

/**
 * Why the draft cannot be written, when something in it is not what a walk gives (it comes
 * from a webview, so its shape is checked too).
 */
function draftProblem(draft: unknown): string | undefined {
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null;
  const form = 'the walk sent is not in the expected form.';
  if (!isRecord(draft)) return form;
  const facts: unknown = draft['facts'];
  const choose: unknown = draft['choose'];
  if (!Array.isArray(facts) || !Array.isArray(choose)) return form;
  const factList = facts as unknown[];
  const chooseList = choose as unknown[];
  if (!factList.every(isRecord) || !chooseList.every(isRecord)) return form;
  const names: unknown[] = [
    draft['end'],
    ...factList.map((fact) => fact['input']),
    ...chooseList.flatMap((choice) => [choice['decision'], choice['to']]),
  ];
  for (const name of names) {
    if (typeof name !== 'string') return form;
    if (!NAME.test(name)) return `${quote(name)} is not an id of this pathway.`;
  }
  const fits = (value: unknown): boolean =>
    typeof value === 'boolean' ||
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value));
  for (const fact of factList) {
    const values: unknown = fact['values'];
    if (!Array.isArray(values) || values.length === 0 || !(values as unknown[]).every(fits))
      return `the fact for ${quote(String(fact['input']))} has no value the pathway can take.`;
  }
  return undefined;
}

/** The column of an offset: how far it is from the start of its line. */
function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset of the start of the line after the one holding `offset - 1` (a line-aligned end). */
function lineEndAfter(text: string, end: number): number {
  if (end === 0 || text[end - 1] === '\n') return end;
  const next = text.indexOf('\n', end);
  return next < 0 ? text.length : next + 1;
}

/** How far the file indents one level: from its scenarios, else its steps, else 2. */
function indentUnit(text: string, root: SourceNode): number {
  for (const section of ['scenarios', 'steps']) {
    for (const [, child] of root.entries?.get(section)?.entries ?? []) {
      const key = child.keySpan;
      const inner = child.firstKeySpan;
      if (!key || !inner) continue;
      const unit = columnOf(text, inner.start) - columnOf(text, key.start);
      if (unit > 0 && text.lastIndexOf('\n', inner.start) > key.start) return unit;
    }
  }
  return 2;
}

/** Whether the last two scenarios are set apart by a blank line (so the new one is too). */
function blankBetween(text: string, scenarios: SourceNode): boolean {
  const keys = [...(scenarios.entries?.values() ?? [])].map((node) => node.keySpan);
  const [first, second] = keys.slice(-2);
  if (!first || !second) return false;
  return /\n[ \t]*\r?\n/.test(text.slice(first.end, second.start));
}

interface Entry {
  readonly id: string;
  readonly title: string;
  readonly draft: ScenarioDraft;
}

/** The scenario as block lines, its id at `column`. */
function blockLines(entry: Entry, column: number, unit: number): string[] {
  const pad = (level: number): string => ' '.repeat(column + level * unit);
  const lines = [`${pad(0)}${yamlName(entry.id)}:`, `${pad(1)}title: ${doubleQuoted(entry.title)}`];
  if (entry.draft.facts.length > 0) {
    lines.push(`${pad(1)}facts:`);
    for (const fact of entry.draft.facts)
      lines.push(`${pad(2)}${yamlName(fact.input)}: ${yamlValues(fact.values)}`);
  }
  if (entry.draft.choose.length > 0) {
    lines.push(`${pad(1)}choose:`);
    for (const choice of entry.draft.choose)
      lines.push(`${pad(2)}${yamlName(choice.decision)}: ${yamlName(choice.to)}`);
  }
  lines.push(`${pad(1)}expect:`, `${pad(2)}end: ${yamlName(entry.draft.end)}`);
  return lines;
}

/** The scenario as one flow entry (for a `scenarios` written in braces). */
function flowEntry(entry: Entry): string {
  const map = (pairs: readonly (readonly [string, string])[]): string =>
    `{ ${pairs.map(([key, value]) => `${yamlName(key)}: ${value}`).join(', ')} }`;
  const parts: [string, string][] = [['title', doubleQuoted(entry.title)]];
  if (entry.draft.facts.length > 0)
    parts.push([
      'facts',
      map(entry.draft.facts.map((fact) => [fact.input, yamlValues(fact.values)] as const)),
    ]);
  if (entry.draft.choose.length > 0)
    parts.push([
      'choose',
      map(entry.draft.choose.map((choice) => [choice.decision, yamlName(choice.to)] as const)),
    ]);
  parts.push(['expect', map([['end', yamlName(entry.draft.end)]])]);
  return `${yamlName(entry.id)}: ${map(parts)}`;
}

type Placement =
  | { readonly ok: true; readonly offset: number; readonly text: string; readonly idAt: number }
  | { readonly ok: false; readonly message: string };

/** Where and how the entry goes into `text`, given the file's `scenarios` (if any). */
function place(text: string, root: SourceNode, entry: Entry): Placement {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(text, root);
  const scenarios = root.entries?.get('scenarios');
  // `above` lines come before the scenario's own (the `scenarios:` key when it is new).
  const block = (
    offset: number,
    above: readonly string[],
    column: number,
    gap: boolean,
  ): Placement => {
    const lead = (offset > 0 && text[offset - 1] !== '\n' ? eol : '') + (gap ? eol : '');
    const lines = [...above, ...blockLines(entry, column, unit)];
    const idAt =
      lead.length + above.reduce((sum, line) => sum + line.length + eol.length, 0) + column;
    return { ok: true, offset, text: lead + lines.map((line) => line + eol).join(''), idAt };
  };

  if (!scenarios) {
    // A new top-level key after the last one, in line with the others.
    const keyColumn = root.firstKeySpan ? columnOf(text, root.firstKeySpan.start) : 0;
    const offset = lineEndAfter(text, root.span.end);
    const above = text.slice(0, offset).replace(/\r?\n$/, '');
    const gap = above.length > 0 && !/\n[ \t]*$/.test(above);
    return block(offset, [`${' '.repeat(keyColumn)}scenarios:`], keyColumn + unit, gap);
  }
  const key = scenarios.keySpan ?? scenarios.span;
  const keyColumn = columnOf(text, key.start);
  if (scenarios.empty) {
    return block(lineEndAfter(text, key.end), [], keyColumn + unit, false);
  }
  const written = text.slice(scenarios.span.start, scenarios.span.end);
  if (scenarios.entries && written.startsWith('{')) {
    const close = written.lastIndexOf('}');
    if (close < 0) return { ok: false, message: 'The file\'s "scenarios" is not closed with "}".' };
    let at = scenarios.span.start + close;
    while (at > scenarios.span.start && /\s/.test(text[at - 1] ?? '')) at--;
    const previous = text[at - 1];
    const lead = previous === '{' || previous === ',' ? ' ' : ', ';
    const inserted = `${lead}${flowEntry(entry)}`;
    return { ok: true, offset: at, text: inserted, idAt: lead.length };
  }
  if (!scenarios.entries || /^[*&!]/.test(written)) {
    return {
      ok: false,
      message:
        'The file\'s "scenarios" is not written as scenarios under their ids: correct it, then save the walk again.',
    };
  }
  const first = [...scenarios.entries.values()][0];
  const column = first?.keySpan ? columnOf(text, first.keySpan.start) : keyColumn + unit;
  return block(lineEndAfter(text, scenarios.span.end), [], column, blankBetween(text, scenarios));
}

/** What an outcome that is not a pass says, for the reviewer who tried to save it. */
function notPassing(message: string): ScenarioInsertion {
  return { ok: false, message: `The walk cannot be saved as a scenario: ${message}` };
}

/**
 * The text that adds the walk as a new scenario to the analysed file: an id made from the end
 * reached (`walk-to-<end>`, numbered when taken), a title, the facts given, the choices at
 * decisions in words and the end expected. Refused, with the reason, when the file cannot
 * take it or the scenario would not pass.
 */
export function scenarioInsertion(analysis: Analysis, draft: ScenarioDraft): ScenarioInsertion {
  const { model, parsed } = analysis;
  if (!model || parsed.syntax.length > 0)
    return notPassing('the file cannot be read as YAML. Correct it, then save the walk again.');
  const problem = draftProblem(draft);
  if (problem !== undefined) return notPassing(problem);
  const end = model.steps.get(draft.end);
  if (end?.kind !== 'end')
    return notPassing(
      `the walk ended at ${quote(draft.end)}, which is no longer an end of the pathway. Walk it again.`,
    );
  const root = model.root;
  if (parsed.text.startsWith('{', root.span.start))
    return notPassing('the file is written in braces (flow style); add the scenario by hand.');

  const taken = new Set(root.entries?.get('scenarios')?.entries?.keys() ?? []);
  const base = `walk-to-${draft.end}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const title = `Walked through to “${(end.title ?? end.id).replace(/\s+/g, ' ').trim()}”`;
  const placed = place(parsed.text, root, { id, title, draft });
  if (!placed.ok) return { ok: false, message: placed.message };

  const after =
    parsed.text.slice(0, placed.offset) + placed.text + parsed.text.slice(placed.offset);
  const saved = analyze(after);
  if (!saved.model || saved.parsed.syntax.length > 0)
    return notPassing('the file would no longer read as YAML; add the scenario by hand.');
  const runs = scenarioRuns(saved.model, saved.parsed.text);
  const outcome = runs.outcomes.get(id);
  if (!outcome) {
    const node = saved.model.root.entries?.get('scenarios')?.entries?.get(id);
    const inside = runs.problems.find(
      (p) => node !== undefined && p.span.start >= node.span.start && p.span.end <= node.span.end,
    );
    return notPassing(
      inside?.message ??
        'its facts or choices no longer fit the pathway (it has changed since the walk). Walk it again.',
    );
  }
  switch (outcome.status) {
    case 'passed':
      return {
        ok: true,
        id,
        offset: placed.offset,
        text: placed.text,
        idStart: placed.offset + placed.idAt,
      };
    case 'halted':
      return notPassing(
        'its route meets a mistake in the pathway. Correct the problems the checker reports, then walk again.',
      );
    case 'failed':
    case 'stuck':
      return notPassing(outcome.message);
  }
}
