import type { RawFinding } from '../types';
import { quote, type Rule } from './rule';

export const noPathToEnd: Rule = {
  code: 'no-path-to-end',
  defaultSeverity: 'error',
  summary: 'The step is reachable but no path leads from it to an end (a loop with no exit).',
  run: ({ model, graph }) => {
    const findings: RawFinding[] = [];
    if (!model || graph?.start === undefined) return findings;
    for (const step of model.steps.values()) {
      if (!graph.reachable.has(step.id) || graph.canFinish.has(step.id)) continue;
      findings.push({
        code: 'no-path-to-end',
        message: `Step ${quote(step.id)} never reaches an end: every way on from it loops back without arriving at an end step. Give the loop a way out to an end.`,
        span: step.keySpan,
      });
    }
    return findings;
  },
};
