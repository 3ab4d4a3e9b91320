// Quick fixes in the editor: the core's fixes for the findings under the cursor.
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver';
import { fixesFor, type Analysis } from '../../core';
import { overlaps, toDiagnostic, toRange } from '../convert';

/** Quick fixes for the findings in a range, each tied to its diagnostic. */
export function codeActions(
  analysis: Analysis,
  uri: string,
  range: Range,
  only: readonly string[] | undefined,
): CodeAction[] {
  if (only && !only.some((kind) => CodeActionKind.QuickFix.startsWith(kind))) return [];
  const actions: CodeAction[] = [];
  for (const finding of analysis.findings) {
    if (!overlaps(finding.range, range)) continue;
    const diagnostic: Diagnostic = toDiagnostic(finding);
    for (const fix of fixesFor(analysis, finding)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(fix.preferred ? { isPreferred: true } : {}),
        edit: {
          changes: {
            [uri]: fix.edits.map((edit) => ({
              range: toRange(analysis, edit.span),
              newText: edit.newText,
            })),
          },
        },
      });
    }
  }
  return actions;
}
