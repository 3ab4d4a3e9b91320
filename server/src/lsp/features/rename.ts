import {
  ResponseError,
  ErrorCodes,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { occurrenceAt, type Analysis, type Occurrence } from '../../core';
import { toRange } from '../convert';
import { occurrencesOf, sameSymbol } from './occurrences';

const ID_PATTERN = {
  step: /^[A-Za-z][A-Za-z0-9_-]*$/,
  reference: /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/,
};

const ID_RULE = {
  step: 'a step id starts with a letter and uses only letters, digits, "-" and "_"',
  reference:
    'a reference id starts with a letter or digit and uses only letters, digits, "_", ".", ":" and "-"',
};

function refuse(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidRequest, message);
}

function target(analysis: Analysis, offset: number): Occurrence {
  if (!analysis.model) {
    throw refuse('The file cannot be read as YAML right now; fix the syntax error first.');
  }
  const here = occurrenceAt(occurrencesOf(analysis), offset);
  if (!here) throw refuse('Only a step id or a reference id can be renamed here.');
  const defined =
    here.kind === 'step'
      ? analysis.model.steps.has(here.id)
      : analysis.model.references.has(here.id);
  if (!defined) {
    throw refuse(`No ${here.kind} is called "${here.id}", so there is nothing to rename.`);
  }
  return here;
}

export function prepareRename(
  analysis: Analysis,
  offset: number,
): { range: Range; placeholder: string } {
  const here = target(analysis, offset);
  return { range: toRange(analysis, here.nameSpan), placeholder: here.id };
}

export function rename(
  analysis: Analysis,
  uri: string,
  offset: number,
  newName: string,
): WorkspaceEdit {
  const here = target(analysis, offset);
  const name = newName.trim();
  if (!ID_PATTERN[here.kind].test(name)) {
    throw refuse(`"${name}" is not a valid ${here.kind} id: ${ID_RULE[here.kind]}.`);
  }
  const taken =
    here.kind === 'step' ? analysis.model?.steps.has(name) : analysis.model?.references.has(name);
  if (taken && name !== here.id) {
    throw refuse(`A ${here.kind} called "${name}" already exists; choose another id.`);
  }
  const edits: TextEdit[] = occurrencesOf(analysis)
    .filter((o) => sameSymbol(o, here))
    .map((o) => ({ range: toRange(analysis, o.nameSpan), newText: name }));
  return { changes: { [uri]: edits } };
}
