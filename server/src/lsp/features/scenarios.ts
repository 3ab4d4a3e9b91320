// The scenarios of a document as the editor shows them: the list the Test Explorer and the
// preview read (pathway/scenarios), and a code lens on each scenario's id that runs it.
import type { CodeLens } from 'vscode-languageserver';
import type { ScenarioInfo, ScenariosResult } from '../../../../shared/serverRequests';
import { scenarioReports, type Analysis, type ScenarioState } from '../../core';
import { toRange } from '../convert';
import { blockLines, cannotDraw, sourceLinesOf } from './preview';

/** The client command a lens runs: the scenario in the Test Explorer (uri, scenario id). */
export const RUN_SCENARIO_COMMAND = 'pathway.runScenario';

/** What a lens says a scenario does now. */
const LENS_WORDS: Record<ScenarioState, string> = {
  passed: 'passes',
  failed: 'fails',
  stuck: 'stuck',
  'not-run': 'not run',
};

/** Each scenario of the analysed text, run, in the order written. */
export function scenarioList(analysis: Analysis, uri: string, version: number): ScenariosResult {
  const model = analysis.model;
  if (!model)
    return { uri, version, error: `Its scenarios cannot be run: ${cannotDraw(analysis)}` };
  const sourceLines = sourceLinesOf(analysis);
  const scenarios = scenarioReports(model, analysis.parsed.text).map((report): ScenarioInfo => {
    const { broken } = report;
    return {
      id: report.id,
      ...(report.title !== undefined ? { title: report.title } : {}),
      ...blockLines(analysis, sourceLines, report.blockSpan.start, report.blockSpan.end),
      status: report.status,
      message: report.message,
      ...(broken
        ? {
            expectation: {
              key: broken.key,
              expected: broken.step,
              ...(broken.reached !== undefined ? { actual: broken.reached } : {}),
              range: toRange(analysis, broken.span),
            },
          }
        : {}),
      route: report.route,
    };
  });
  return { uri, version, scenarios };
}

/** A lens on each scenario's id: "▶ Run · passes", which runs it in the Test Explorer. */
export function scenarioLenses(analysis: Analysis, uri: string): CodeLens[] {
  const model = analysis.model;
  if (!model) return [];
  return scenarioReports(model, analysis.parsed.text).map((report) => ({
    range: toRange(analysis, report.keySpan),
    command: {
      title: `▶ Run · ${LENS_WORDS[report.status]}`,
      command: RUN_SCENARIO_COMMAND,
      arguments: [uri, report.id],
    },
  }));
}
