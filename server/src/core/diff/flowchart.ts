// A comparison drawn on the flowchart: the new version's steps marked added or changed, and
// the removed ones shown as ghosts.
import type { Analysis } from '../analysis';
import {
  buildDiagram,
  type Diagram,
  type DiagramEdge,
  type DiagramNode,
} from '../flowchart/diagram';
import { changedStep, type PathwayDiff } from './diff';
import { describeChange, type StepNamer } from './summary';

function edgeKey(edge: Pick<DiagramEdge, 'from' | 'to' | 'kind'>): string {
  return `${edge.from}>${edge.to}>${edge.kind}`;
}

/**
 * The flowchart of the new version with the comparison drawn on it: added steps and links,
 * changed steps (their changes in the tooltip), and the removed ones as ghosts.
 */
export function buildDiffDiagram(
  before: Analysis,
  after: Analysis,
  diff: PathwayDiff,
  step?: StepNamer,
): Diagram {
  const now = buildDiagram(after);
  const then = buildDiagram(before);
  const renamed = new Map<string, string>();
  const added = new Set<string>();
  const removed = new Set<string>();
  const changes = new Map<string, string[]>();
  for (const change of diff.changes) {
    if (change.type === 'step-renamed') renamed.set(change.from, change.to);
    if (change.type === 'step-added') {
      added.add(change.id);
      continue;
    }
    if (change.type === 'step-removed') {
      removed.add(change.id);
      continue;
    }
    const id = changedStep(change);
    if (id !== undefined)
      changes.set(id, [...(changes.get(id) ?? []), describeChange(change, step)]);
  }
  const toNew = (id: string): string => renamed.get(id) ?? id;

  const nodes: DiagramNode[] = now.nodes.map((node) => {
    if (added.has(node.id)) return { ...node, diff: { status: 'added', changes: [] } };
    const described = changes.get(node.id);
    return described ? { ...node, diff: { status: 'changed', changes: described } } : node;
  });
  for (const node of then.nodes) {
    if (removed.has(node.id)) {
      nodes.push({
        ...node,
        isStart: false,
        severity: undefined,
        messages: [],
        diff: { status: 'removed', changes: [] },
      });
    }
  }
  const known = new Set(nodes.map((node) => node.id));
  const oldEdges = new Set(
    then.edges.map((edge) => edgeKey({ ...edge, from: toNew(edge.from), to: toNew(edge.to) })),
  );
  const newEdges = new Set(now.edges.map(edgeKey));
  const edges: DiagramEdge[] = now.edges.map((edge) =>
    oldEdges.has(edgeKey(edge)) ? edge : { ...edge, diff: 'added' },
  );
  for (const edge of then.edges) {
    const ghost = { ...edge, from: toNew(edge.from), to: toNew(edge.to) };
    if (newEdges.has(edgeKey(ghost)) || !known.has(ghost.from) || !known.has(ghost.to)) continue;
    edges.push({ ...ghost, id: `e${edges.length}`, diff: 'removed' });
  }
  return { title: now.title, nodes, edges };
}
