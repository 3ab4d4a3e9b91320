// Quick fixes in the editor: the core's fixes for the findings under the cursor.
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type Range,
  type SnippetTextEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { fixesFor, type Analysis, type Fix } from '../../core';
import { overlaps, toDiagnostic, toRange } from '../convert';

/** What the editor can take in a quick fix's edit. */
export interface EditSupport {
  /** Snippets in document edits: the cursor lands on what is left to choose. */
  readonly snippets: boolean;
  /** The version of the document the fixes were worked out on. */
  readonly version: number;
}

function workspaceEdit(
  analysis: Analysis,
  uri: string,
  fix: Fix,
  support: EditSupport,
): WorkspaceEdit {
  if (support.snippets && fix.edits.some((edit) => edit.snippet !== undefined)) {
    const edits: (TextEdit | SnippetTextEdit)[] = fix.edits.map((edit) => {
      const range = toRange(analysis, edit.span);
      return edit.snippet !== undefined
        ? { range, snippet: { kind: 'snippet', value: edit.snippet } }
        : { range, newText: edit.newText };
    });
    return { documentChanges: [{ textDocument: { uri, version: support.version }, edits }] };
  }
  return {
    changes: {
      [uri]: fix.edits.map((edit) => ({
        range: toRange(analysis, edit.span),
        newText: edit.newText,
      })),
    },
  };
}

/** Quick fixes for the findings in a range, each tied to its diagnostic. */
export function codeActions(
  analysis: Analysis,
  uri: string,
  range: Range,
  only: readonly string[] | undefined,
  support: EditSupport = { snippets: false, version: 0 },
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
        edit: workspaceEdit(analysis, uri, fix, support),
      });
    }
  }
  return actions;
}
