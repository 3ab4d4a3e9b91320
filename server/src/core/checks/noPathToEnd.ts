// The `no-path-to-end` rule: a reachable step from which no path leads to an end step.
import type { RawFinding } from '../types';
import { canFinishIfMoved } from './misplacedFields';
import { quote, type Check } from './rule';

export const noPathToEnd: Check = {
  run: ({ model, graph, isEnabled }) => {
    const findings: RawFinding[] = [];
    if (!model || graph?.start === undefined) return findings;
    const advice =
      graph.ends.size === 0
        ? 'The pathway has no end step: add one (kind: end) where care stops, and lead to it.'
        : 'Every way on from it runs into a loop with no way out; give the loop a branch or "next" that leads to an end.';
    // A way out written too far left (a decision's "otherwise") is the schema's to report.
    const canFinish =
      isEnabled?.('schema') === false ? graph.canFinish : canFinishIfMoved(model, graph);
    for (const step of model.steps.values()) {
      if (!graph.reachable.has(step.id) || canFinish.has(step.id)) continue;
      findings.push({
        code: 'no-path-to-end',
        message: `Step ${quote(step.id)} never reaches an end: no path from it leads to an end step. ${advice}`,
        span: step.keySpan,
      });
    }
    return findings;
  },
};
