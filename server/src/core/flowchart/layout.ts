// Placing the flowchart: where each step's box goes and how each arrow is routed, the same
// way every time for the same pathway.
import ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api';
import type { Diagram, DiagramEdge, DiagramNode } from './diagram';
import { CHAR_WIDTH, CODE_CHAR_WIDTH, LABEL_LINE_HEIGHT } from './metrics';
import { displayWidth } from '../text/width';

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface PlacedNode extends DiagramNode {
  readonly x: number;
  readonly y: number;
  /**
   * An expanded sub-pathway's box is laid out around the steps inside it: its words take
   * this much room at its top (the height the step would have as a plain box).
   */
  readonly headerHeight?: number;
}

export interface PlacedEdge extends DiagramEdge {
  readonly points: readonly Point[];
  readonly labelBox?: {
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
  };
}

export interface LaidOutDiagram {
  readonly title: string;
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
}

/** ELK's layered (Sugiyama) layout, top to bottom, with orthogonal edges: a flowchart. */
const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'DOWN',
  'elk.edgeRouting': 'ORTHOGONAL',
  'elk.layered.spacing.nodeNodeBetweenLayers': '48',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.edgeLabel': '4',
  'elk.layered.spacing.edgeNodeBetweenLayers': '24',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=24,left=24,bottom=24,right=24]',
};

/**
 * Past this many steps the layered layout's crossing minimisation costs seconds (it grows
 * faster than the graph): the steps are kept in the order they are written, which authors
 * already write in the order of the flow, and only placement and routing are computed.
 */
const LARGE_DIAGRAM = 300;
const LARGE_LAYOUT_OPTIONS: Record<string, string> = {
  ...LAYOUT_OPTIONS,
  'elk.layered.crossingMinimization.strategy': 'NONE',
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
};

/**
 * With sub-pathways drawn inside their steps (`--expand`), ELK lays out the boxes and the
 * steps inside them together, so arrows cross into and out of them; every position is read
 * from the top left of the whole picture.
 */
const NESTED_LAYOUT_OPTIONS: Record<string, string> = {
  ...LAYOUT_OPTIONS,
  'elk.hierarchyHandling': 'INCLUDE_CHILDREN',
  'elk.json.shapeCoords': 'ROOT',
  'elk.json.edgeCoords': 'ROOT',
};

/** Room around the steps inside an expanded sub-pathway's box, below its words. */
const BOX_PADDING = 16;

let engine: InstanceType<typeof ELK> | undefined;

/** The words of an edge's label, then its `if` in code type: what is drawn, line by line. */
export function labelLines(edge: DiagramEdge): { words: string[]; code: readonly string[] } {
  return { words: edge.label ? edge.label.split('\n') : [], code: edge.test?.lines ?? [] };
}

/**
 * The room a label takes as drawn: its words at 11px (about a column less than the titles'
 * 13px), its code at 10px monospace, each line LABEL_LINE_HEIGHT apart, with a margin.
 */
function labelSize(edge: DiagramEdge): { width: number; height: number } {
  const { words, code } = labelLines(edge);
  const width = Math.max(
    0,
    ...words.map((line) => displayWidth(line) * (CHAR_WIDTH - 1)),
    ...code.map((line) => displayWidth(line) * CODE_CHAR_WIDTH),
  );
  return {
    width: Math.ceil(width) + 8,
    height: (words.length + code.length) * LABEL_LINE_HEIGHT + 4,
  };
}

function round(n: number | undefined): number {
  return Math.round((n ?? 0) * 10) / 10;
}

/**
 * ELK routes to a node's bounding box; a decision is drawn as a diamond inside it. Move the
 * ends of an edge along their first and last segments onto the diamond's outline.
 */
function onDiamonds(
  points: Point[],
  from: PlacedNode | undefined,
  to: PlacedNode | undefined,
): Point[] {
  const clip = (point: Point, node: PlacedNode | undefined): Point => {
    if (node?.kind !== 'decision') return point;
    const a = node.width / 2;
    const b = node.height / 2;
    const cx = node.x + a;
    const cy = node.y + b;
    const dx = Math.abs(point.x - cx);
    const dy = Math.abs(point.y - cy);
    const onTopOrBottom = Math.abs(dy - b) < 1;
    if (onTopOrBottom) {
      const depth = b * Math.max(0, 1 - dx / a);
      return { x: point.x, y: round(point.y < cy ? cy - depth : cy + depth) };
    }
    const reach = a * Math.max(0, 1 - dy / b);
    return { x: round(point.x < cx ? cx - reach : cx + reach), y: point.y };
  };
  if (points.length < 2) return points;
  const result = [...points];
  result[0] = clip(result[0] as Point, from);
  result[result.length - 1] = clip(result[result.length - 1] as Point, to);
  return result;
}

/** What ELK lays out for a diagram: every box's size, every arrow and its label's room. */
function elkGraphOf(diagram: Diagram): ElkNode {
  const nested = diagram.nodes.some((node) => node.expanded === true);
  // Each step as ELK places it; an expanded sub-pathway's steps inside its box.
  const elkNodes = new Map<string, ElkNode>();
  const top: ElkNode[] = [];
  for (const node of diagram.nodes) {
    const elkNode: ElkNode = node.expanded
      ? {
          id: node.id,
          layoutOptions: {
            'elk.padding': `[top=${node.height + BOX_PADDING / 2},left=${BOX_PADDING},bottom=${BOX_PADDING},right=${BOX_PADDING}]`,
            'elk.nodeSize.constraints': 'MINIMUM_SIZE',
            'elk.nodeSize.minimum': `(${node.width}, ${node.height})`,
          },
          children: [],
        }
      : { id: node.id, width: node.width, height: node.height };
    elkNodes.set(node.id, elkNode);
    const parent = node.parent === undefined ? undefined : elkNodes.get(node.parent);
    if (parent?.children) parent.children.push(elkNode);
    else top.push(elkNode);
  }
  const options = nested
    ? NESTED_LAYOUT_OPTIONS
    : diagram.nodes.length > LARGE_DIAGRAM
      ? LARGE_LAYOUT_OPTIONS
      : LAYOUT_OPTIONS;
  return {
    id: 'root',
    layoutOptions: options,
    children: top,
    edges: diagram.edges.map((edge): ElkExtendedEdge => ({
      id: edge.id,
      sources: [edge.from],
      targets: [edge.to],
      ...(edge.label || edge.test
        ? {
            labels: [
              {
                id: `${edge.id}-label`,
                text: [edge.label, edge.test?.text].filter(Boolean).join('\n'),
                ...labelSize(edge),
              },
            ],
          }
        : {}),
    })),
  };
}

/** The diagram's boxes and arrows where ELK's `result` for it puts them. */
function placed(diagram: Diagram, result: ElkNode): LaidOutDiagram {
  const positions = new Map<string, ElkNode>();
  const collect = (children: readonly ElkNode[] | undefined): void => {
    for (const child of children ?? []) {
      positions.set(child.id, child);
      collect(child.children);
    }
  };
  collect(result.children);
  const nodes = diagram.nodes.map((node): PlacedNode => {
    const placed = positions.get(node.id);
    if (!node.expanded) return { ...node, x: round(placed?.x), y: round(placed?.y) };
    return {
      ...node,
      x: round(placed?.x),
      y: round(placed?.y),
      width: round(placed?.width),
      height: round(placed?.height),
      headerHeight: node.height,
    };
  });
  const placedById = new Map(nodes.map((node) => [node.id, node]));
  const routed = new Map((result.edges ?? []).map((edge) => [edge.id, edge]));
  const edges = diagram.edges.map((edge) => {
    const layout = routed.get(edge.id);
    const section = layout?.sections?.[0];
    const route = section
      ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({
          x: round(p.x),
          y: round(p.y),
        }))
      : [];
    const points = onDiamonds(route, placedById.get(edge.from), placedById.get(edge.to));
    const label = layout?.labels?.[0];
    return {
      ...edge,
      points,
      ...(label
        ? {
            labelBox: {
              x: round(label.x),
              y: round(label.y),
              width: round(label.width),
              height: round(label.height),
            },
          }
        : {}),
    };
  });
  return {
    title: diagram.title,
    width: round(result.width),
    height: round(result.height),
    nodes,
    edges,
  };
}

/** ELK's layout of a graph, by the one engine of this thread. */
function runElk(graph: ElkNode): Promise<ElkNode> {
  engine ??= new ELK();
  return engine.layout(graph);
}

/** Places the nodes and routes the edges. Deterministic: the same diagram gives the same picture. */
export async function layoutDiagram(diagram: Diagram): Promise<LaidOutDiagram> {
  return placed(diagram, await runElk(elkGraphOf(diagram)));
}

/**
 * The layouts of the diagrams laid out last, kept to be used again: an edit that changes
 * nothing ELK reads (a step's detail, a rationale, a citation, a scenario, words that keep
 * their box's size) gets its picture without a new layout. Kept by everything the layout
 * reads, so a layout used again is the one a new run would give.
 */
export class LayoutCache {
  private readonly kept = new Map<string, ElkNode>();
  /** How many layouts were used again. */
  reused = 0;

  constructor(private readonly size = 4) {}

  async layout(diagram: Diagram): Promise<LaidOutDiagram> {
    const graph = elkGraphOf(diagram);
    const key = JSON.stringify(graph);
    let result = this.kept.get(key);
    if (result) {
      this.reused++;
      this.kept.delete(key);
    } else {
      result = await runElk(graph);
    }
    // The newest last: the oldest goes first when the cache is full.
    this.kept.set(key, result);
    for (const old of this.kept.keys()) {
      if (this.kept.size <= this.size) break;
      this.kept.delete(old);
    }
    return placed(diagram, result);
  }
}
