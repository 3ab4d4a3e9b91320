// Between the core's findings and spans and the editor's diagnostics, ranges and offsets.
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic,
  type Range,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ruleDocUrl, type Analysis, type Finding, type Severity, type Span } from '../core';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export const SOURCE = 'pathway';

export function toDiagnostic(finding: Finding): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity],
    code: finding.code,
    codeDescription: { href: ruleDocUrl(finding.code) },
    source: SOURCE,
    message: finding.message,
    ...(finding.unnecessary ? { tags: [DiagnosticTag.Unnecessary] } : {}),
  };
}

/** A span of the analysed text as an LSP range (the analysis knows its own lines). */
export function toRange(analysis: Analysis, span: Span): Range {
  return analysis.parsed.lines.rangeOf(span);
}

/**
 * An LSP position as an offset in the analysed text. The analysed text has no byte order
 * mark; when the editor's text has one, its positions on the first line are one further.
 */
export function offsetIn(
  analysis: Analysis,
  document: TextDocument,
  position: { line: number; character: number },
): number {
  const bom =
    document.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) ===
    '\uFEFF';
  // A client may send any numbers: negative, fractional or past the end all land in the text.
  const given = (value: number): number =>
    Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
  const character =
    bom && position.line === 0
      ? Math.max(0, given(position.character) - 1)
      : given(position.character);
  const lines = analysis.parsed.lines;
  const line = Math.min(given(position.line), lines.lineCount - 1);
  const start = lines.lineStart(line);
  return Math.min(
    start + Math.min(character, lines.lineText(line).length),
    analysis.parsed.text.length,
  );
}

export function overlaps(a: Range, b: Range): boolean {
  const before = (
    p: { line: number; character: number },
    q: { line: number; character: number },
  ): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}
