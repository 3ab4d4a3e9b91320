// Renaming a step or reference id everywhere it is written, or saying why it cannot be.
import {
  ResponseError,
  ErrorCodes,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Analysis } from '../../core';
import { renameEdits, renameTarget, type RenameResult } from '../../core/language';
import { toRange } from '../convert';

/** The answer, or the refusal in words as a request error the client shows as it is. */
function answer<T>(result: RenameResult<T>): T {
  if ('refused' in result) throw new ResponseError(ErrorCodes.InvalidRequest, result.refused);
  return result.ok;
}

export function prepareRename(
  analysis: Analysis,
  offset: number,
): { range: Range; placeholder: string } {
  const here = answer(renameTarget(analysis, offset));
  return { range: toRange(analysis, here.span), placeholder: here.id };
}

export function rename(
  analysis: Analysis,
  uri: string,
  offset: number,
  newName: string,
): WorkspaceEdit {
  const edits: TextEdit[] = answer(renameEdits(analysis, offset, newName)).map((edit) => ({
    range: toRange(analysis, edit.span),
    newText: edit.newText,
  }));
  return { changes: { [uri]: edits } };
}
