// Rename as plain data: whether the id at an offset can be renamed, and the edits that rename
// it everywhere, or the reason in words when it cannot.
import type { Analysis } from '../analysis';
import type { TextEdit } from '../fixes';
import { occurrenceAt, type Occurrence, type SymbolKind } from '../model/symbols';
import { ID_PATTERNS } from '../schema/vocabulary';
import type { Span } from '../types';
import { occurrencesOf, sameSymbol } from './occurrences';

/** Either the answer or, when the rename cannot be done, why, for the author. */
export type RenameResult<T> = { readonly ok: T } | { readonly refused: string };

// Words for the schema's id patterns (`ID_PATTERNS`), which the check itself reads.
const ID_RULE: Record<SymbolKind, string> = {
  step: 'a step id starts with a letter and uses only letters, digits, "-" and "_"',
  reference:
    'a reference id starts with a letter or digit and uses only letters, digits, "_", ".", ":" and "-"',
};

/** Whether a name may be the id of a step or a reference, as the schema says. */
export function isValidId(kind: SymbolKind, name: string): boolean {
  return ID_PATTERNS[kind].test(name);
}

function target(analysis: Analysis, offset: number): RenameResult<Occurrence> {
  if (!analysis.model) {
    return { refused: 'The file cannot be read as YAML right now; fix the syntax error first.' };
  }
  const here = occurrenceAt(occurrencesOf(analysis), offset);
  if (!here) return { refused: 'Only a step id or a reference id can be renamed here.' };
  const defined =
    here.kind === 'step'
      ? analysis.model.steps.has(here.id)
      : analysis.model.references.has(here.id);
  if (!defined) {
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

/** The edits that rename the id at an offset, its definition and every use, to `newName`. */
export function renameEdits(
  analysis: Analysis,
  offset: number,
  newName: string,
): RenameResult<TextEdit[]> {
  const found = target(analysis, offset);
  if (!('ok' in found)) return found;
  const here = found.ok;
  const name = newName.trim();
  if (!isValidId(here.kind, name)) {
    return { refused: `"${name}" is not a valid ${here.kind} id: ${ID_RULE[here.kind]}.` };
  }
  const taken =
    here.kind === 'step' ? analysis.model?.steps.has(name) : analysis.model?.references.has(name);
  if (taken && name !== here.id) {
    return { refused: `A ${here.kind} called "${name}" already exists; choose another id.` };
  }
  return {
    ok: occurrencesOf(analysis)
      .filter((o) => sameSymbol(o, here))
      .map((o) => ({ span: o.nameSpan, newText: name })),
  };
}
