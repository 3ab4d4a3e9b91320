// The comparison the editor's compare panel shows: the document's flowchart with the
// changes since another version drawn on it, and their list.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DiffResult } from '../../../../shared/serverRequests';
import {
  analyze,
  buildDiffDiagram,
  changedStep,
  describeChange,
  diffPathways,
  renderSvg,
  walkModel,
  type Analysis,
} from '../../core';
import { cannotDraw, layoutKept, stepLines } from './preview';

/** The document's flowchart with the changes since `otherText` drawn on it, and their list. */
export async function comparePathway(
  analysis: Analysis,
  document: TextDocument,
  otherText: string,
  otherLabel: string,
): Promise<DiffResult> {
  const { uri, version } = document;
  const model = analysis.model;
  if (!model) return { uri, version, error: cannotDraw(analysis) };
  const other = analyze(otherText);
  if (!other.model) {
    return { uri, version, error: `${otherLabel} cannot be compared: ${cannotDraw(other)}` };
  }
  const diff = diffPathways(other, analysis);
  const diagram = buildDiffDiagram(other, analysis, diff);
  // Taken before the layout is awaited, as in the preview.
  const steps = stepLines(analysis, model);
  const walk = walkModel(analysis);
  return {
    uri,
    version,
    title: diagram.title,
    svg: renderSvg(await layoutKept(diagram), { legend: false }),
    steps,
    walk,
    otherLabel,
    changes: diff.changes.map((change) => ({
      type: change.type,
      description: describeChange(change),
      stepId: changedStep(change),
    })),
  };
}
