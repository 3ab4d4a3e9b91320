// The outline and folding of a pathway document: its sections, steps and references.
import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
} from 'vscode-languageserver';
import type { Analysis } from '../../core';
import { foldableSpans, outline, type OutlineEntry, type OutlineKind } from '../../core/language';
import { toRange } from '../convert';

const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = {
  section: SymbolKind.Namespace,
  assessment: SymbolKind.Event,
  action: SymbolKind.Function,
  recommendation: SymbolKind.Constant,
  decision: SymbolKind.Enum,
  end: SymbolKind.Null,
  pathway: SymbolKind.Module,
  step: SymbolKind.Object,
  reference: SymbolKind.Key,
};

function toSymbol(analysis: Analysis, entry: OutlineEntry): DocumentSymbol {
  return {
    name: entry.name,
    ...(entry.detail !== undefined ? { detail: entry.detail } : {}),
    kind: SYMBOL_KIND[entry.kind],
    range: toRange(analysis, entry.span),
    selectionRange: toRange(analysis, entry.selectionSpan),
    ...(entry.children ? { children: entry.children.map((c) => toSymbol(analysis, c)) } : {}),
  };
}

/** The outline: the steps with their kind and title, and the references. */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  return outline(analysis).map((entry) => toSymbol(analysis, entry));
}

/** Folding for the steps and references sections and for each step and reference. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const span of foldableSpans(analysis)) {
    const range = toRange(analysis, span);
    let endLine = range.end.line;
    // A block ends with its last line break: fold up to the last written line.
    if (range.end.character === 0 && endLine > range.start.line) endLine--;
    if (endLine > range.start.line) {
      ranges.push({ startLine: range.start.line, endLine, kind: FoldingRangeKind.Region });
    }
  }
  return ranges;
}
