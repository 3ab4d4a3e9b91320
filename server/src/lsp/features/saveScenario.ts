// Saving a walk from the preview as a scenario: the core's insertion for the document's
// analysed version, as an LSP edit and the range of the new id; or why it cannot be saved.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { SaveScenarioResult } from '../../../../shared/serverRequests';
import { LineIndex, scenarioInsertion, type Analysis, type ScenarioDraft } from '../../core';

export function saveScenario(
  analysis: Analysis,
  document: TextDocument,
  draft: ScenarioDraft,
): SaveScenarioResult {
  const { uri, version } = document;
  const found = scenarioInsertion(analysis, draft);
  if (!found.ok) return { uri, version, error: found.message };
  const { lines, text } = analysis.parsed;
  const at = lines.positionAt(found.offset);
  const after = new LineIndex(text.slice(0, found.offset) + found.text + text.slice(found.offset));
  return {
    uri,
    version,
    id: found.id,
    edit: { range: { start: at, end: at }, newText: found.text },
    idRange: after.rangeOf({ start: found.idStart, end: found.idStart + found.id.length }),
  };
}
