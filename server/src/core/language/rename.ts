// Rename as plain data: whether the id at an offset can be renamed, and the edits that rename
// it everywhere, or the reason in words when it cannot.
import type { Analysis } from '../analysis';
import type { TextEdit } from '../fixes';
import { occurrenceAt, type Occurrence, type SymbolKind } from '../model/symbols';
import { pathwayLogic } from '../checks/decisionLogic';
import { ID_PATTERNS, RESERVED_INPUT_IDS } from '../schema/vocabulary';
import type { Span } from '../types';
import { namesSymbol, occurrencesOf, sameSymbol } from './occurrences';

/** Either the answer or, when the rename cannot be done, why, for the author. */
export type RenameResult<T> = { readonly ok: T } | { readonly refused: string };

// Words for the schema's id patterns (`ID_PATTERNS`), which the check itself reads.
const ID_RULE: Record<SymbolKind, string> = {
  step: 'a step id starts with a letter and uses only letters, digits, "-" and "_"',
  reference:
    'a reference id starts with a letter or digit and uses only letters, digits, "_", ".", ":" and "-"',
  input: 'an input id starts with a letter and uses only letters, digits, "-" and "_"',
};

/** Whether a name may be the id of a step, a reference or an input, as the schema says. */
export function isValidId(kind: SymbolKind, name: string): boolean {
  return ID_PATTERNS[kind].test(name) && !(kind === 'input' && RESERVED_INPUT_IDS.includes(name));
}

/** Whether a symbol of this kind is defined in the analysis. */
function isDefined(analysis: Analysis, kind: SymbolKind, id: string): boolean {
  const model = analysis.model;
  if (!model) return false;
  switch (kind) {
    case 'step':
      return model.steps.has(id);
    case 'reference':
      return model.references.has(id);
    case 'input':
      return pathwayLogic(model, analysis.parsed.text).inputKeys.has(id);
  }
}

function target(analysis: Analysis, offset: number): RenameResult<Occurrence> {
  if (!analysis.model) {
    return { refused: 'The file cannot be read as YAML right now; fix the syntax error first.' };
  }
  const here = occurrenceAt(occurrencesOf(analysis), offset);
  if (!here) {
    return { refused: 'Only a step id, a reference id or an input can be renamed here.' };
  }
  if (!namesSymbol(here)) {
    const value = analysis.parsed.text.slice(here.nameSpan.start, here.nameSpan.end);
    return {
      refused: `"${value}" is a value of the input "${here.id}", and values are not renamed here: change it under the input's "values" and in each condition and fact that gives it.`,
    };
  }
  if (!isDefined(analysis, here.kind, here.id)) {
    return { refused: `No ${here.kind} is called "${here.id}", so there is nothing to rename.` };
  }
  return { ok: here };
}

/** The id at an offset that a rename would change: its characters and its current name. */
export function renameTarget(
  analysis: Analysis,
  offset: number,
): RenameResult<{ span: Span; id: string }> {
  const found = target(analysis, offset);
  if (!('ok' in found)) return found;
  return { ok: { span: found.ok.nameSpan, id: found.ok.id } };
}

/**
 * The edits that rename the id at an offset, its definition and every use, to `newName`. A
 * use inside an `if` whose words cannot be placed one for one in the file (one with escape
 * sequences) is left as written rather than edited at a guess: the check then reports it.
 */
export function renameEdits(
  analysis: Analysis,
  offset: number,
  newName: string,
): RenameResult<TextEdit[]> {
  const found = target(analysis, offset);
  if (!('ok' in found)) return found;
  const here = found.ok;
  const name = newName.trim();
  if (here.kind === 'input' && RESERVED_INPUT_IDS.includes(name)) {
    return {
      refused: `"${name}" is one of the words of conditions (${RESERVED_INPUT_IDS.join(', ')}), so it cannot name an input; choose another id.`,
    };
  }
  if (!isValidId(here.kind, name)) {
    return { refused: `"${name}" is not a valid ${here.kind} id: ${ID_RULE[here.kind]}.` };
  }
  if (name !== here.id && isDefined(analysis, here.kind, name)) {
    const what = here.kind === 'input' ? 'An input' : `A ${here.kind}`;
    return { refused: `${what} called "${name}" already exists; choose another id.` };
  }
  return {
    ok: occurrencesOf(analysis)
      .filter((o) => sameSymbol(o, here) && namesSymbol(o))
      .map((o) => ({ span: o.nameSpan, newText: name })),
  };
}
