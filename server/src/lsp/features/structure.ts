import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
} from 'vscode-languageserver';
import type { Analysis, SourceNode, StepKind } from '../../core';
import { toRange } from '../convert';

const STEP_SYMBOL: Record<StepKind, SymbolKind> = {
  assessment: SymbolKind.Event,
  action: SymbolKind.Function,
  recommendation: SymbolKind.Constant,
  decision: SymbolKind.Enum,
  end: SymbolKind.Null,
};

/** From the start of its key to the end of its value: a whole step or reference. */
function entryRange(analysis: Analysis, node: SourceNode) {
  const start = node.keySpan?.start ?? node.span.start;
  return toRange(analysis, { start, end: Math.max(node.span.end, node.keySpan?.end ?? 0) });
}

/** The outline: the steps with their kind and title, and the references. */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const model = analysis.model;
  const root = model?.root.entries;
  if (!model || !root) return [];
  const symbols: DocumentSymbol[] = [];
  const stepsNode = root.get('steps');
  if (stepsNode?.keySpan) {
    symbols.push({
      name: 'steps',
      kind: SymbolKind.Namespace,
      range: entryRange(analysis, stepsNode),
      selectionRange: toRange(analysis, stepsNode.keySpan),
      children: [...model.steps.values()].map((step) => ({
        name: step.id,
        detail: [step.kind ?? 'step', step.title].filter(Boolean).join(' — '),
        kind: step.kind ? STEP_SYMBOL[step.kind] : SymbolKind.Object,
        range: entryRange(analysis, step.node),
        selectionRange: toRange(analysis, step.keySpan),
      })),
    });
  }
  const referencesNode = root.get('references');
  if (referencesNode?.keySpan) {
    symbols.push({
      name: 'references',
      kind: SymbolKind.Namespace,
      range: entryRange(analysis, referencesNode),
      selectionRange: toRange(analysis, referencesNode.keySpan),
      children: [...model.references.values()].map((reference) => {
        const title = reference.fields['title'];
        return {
          name: reference.id,
          ...(typeof title === 'string' ? { detail: title } : {}),
          kind: SymbolKind.Key,
          range: entryRange(analysis, reference.node),
          selectionRange: toRange(analysis, reference.keySpan),
        };
      }),
    });
  }
  return symbols;
}

/** Folding for the steps and references sections and for each step and reference. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const model = analysis.model;
  if (!model) return [];
  const ranges: FoldingRange[] = [];
  const add = (node: SourceNode | undefined): void => {
    if (!node) return;
    const range = entryRange(analysis, node);
    let endLine = range.end.line;
    // A block ends with its last line break: fold up to the last written line.
    if (range.end.character === 0 && endLine > range.start.line) endLine--;
    if (endLine > range.start.line) {
      ranges.push({ startLine: range.start.line, endLine, kind: FoldingRangeKind.Region });
    }
  };
  const root = model.root.entries;
  add(root?.get('steps'));
  for (const step of model.steps.values()) add(step.node);
  add(root?.get('references'));
  for (const reference of model.references.values()) add(reference.node);
  return ranges;
}
