// Hover in the editor: a step or reference in full, or the schema's words for a key or value.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Analysis } from '../../core';
import { hoverAt } from '../../core/language';
import { toRange } from '../convert';

/** Hover: a step or reference in full, or the schema's words for a key or value. */
export function hover(analysis: Analysis, offset: number): Hover | null {
  const found = hoverAt(analysis, offset);
  if (!found) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: found.markdown },
    ...(found.span ? { range: toRange(analysis, found.span) } : {}),
  };
}
