// What the editor's preview shows: the document's flowchart, its steps' lines in the source,
// and the exported picture; or why the document cannot be drawn.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PreviewFailure, PreviewResult, PreviewStep } from '../../../../shared/serverRequests';
import {
  buildDiagram,
  LayoutCache,
  renderPicture,
  renderSvg,
  type Analysis,
  type Diagram,
  type LaidOutDiagram,
  type PathwayModel,
  type PictureFormat,
  walkModel,
  whyNotAPathway,
} from '../../core';

/** Why a version that has no model cannot be drawn, as a sentence (see whyNotAPathway). */
export function cannotDraw(analysis: Analysis): string {
  const why = whyNotAPathway(analysis, 'the pathway.maxFileSize setting') ?? 'it holds no pathway';
  const sentence = `${why.charAt(0).toUpperCase()}${why.slice(1)}`;
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * The line of a block's id and the last written line of the block (from `start` to `end`),
 * for linking to the editor. `sourceLines` is the analysed text split into lines.
 */
export function blockLines(
  analysis: Analysis,
  sourceLines: readonly string[],
  start: number,
  end: number,
): { line: number; endLine: number } {
  const { lines } = analysis.parsed;
  const line = lines.positionAt(start).line;
  const last = lines.positionAt(end);
  let endLine = last.character === 0 && last.line > line ? last.line - 1 : last.line;
  // Blank lines and comments after a block usually introduce the next one.
  while (endLine > line && /^\s*(#.*)?$/.test(sourceLines[endLine] ?? '')) endLine--;
  return { line, endLine };
}

/** The analysed text's lines, for `blockLines`. */
export function sourceLinesOf(analysis: Analysis): string[] {
  return analysis.parsed.text.split(/\r?\n|\r/);
}

/** Each step's id line and the last written line of its block, for linking to the editor. */
export function stepLines(analysis: Analysis, model: PathwayModel): PreviewStep[] {
  const sourceLines = sourceLinesOf(analysis);
  return [...model.steps.values()].map((step) => ({
    id: step.id,
    ...blockLines(
      analysis,
      sourceLines,
      step.keySpan.start,
      Math.max(step.node.span.end, step.keySpan.end),
    ),
  }));
}

/**
 * The layouts of the pictures drawn last, the preview's and the compare panel's: most edits
 * (a detail, a rationale, a citation, a scenario) change nothing the layout reads, and the
 * picture follows them without a new one.
 */
const layouts = new LayoutCache();

/** A picture's layout: the one kept, when nothing it reads has changed since. */
export function layoutKept(diagram: Diagram): Promise<LaidOutDiagram> {
  return layouts.layout(diagram);
}

/** The preview's picture of the document's analysed version: the flowchart and its steps. */
export async function preview(analysis: Analysis, document: TextDocument): Promise<PreviewResult> {
  const { uri, version } = document;
  const model = analysis.model;
  if (!model) return { uri, version, error: cannotDraw(analysis) };
  // Everything read from the analysis is taken before the layout is awaited: a newer
  // version analysed meanwhile moves the spans of this one.
  const diagram = buildDiagram(analysis);
  const steps = stepLines(analysis, model);
  const walk = walkModel(analysis);
  const svg = renderSvg(await layoutKept(diagram), { legend: false });
  return { uri, version, title: diagram.title, svg, steps, walk };
}

/** The answer for a document the server does not hold (closed, or not a pathway file). */
export function notOpen(uri: string): PreviewFailure {
  return { uri, version: -1, error: 'The document is not open.' };
}

export function notOpenError(): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, 'The document is not open.');
}

/** The standalone picture for export, as `pathway render` writes it. */
export async function exportPicture(analysis: Analysis, format: PictureFormat): Promise<string> {
  if (!analysis.model) throw new ResponseError(ErrorCodes.InvalidRequest, cannotDraw(analysis));
  return renderPicture(analysis, format);
}
