// What the flowchart shows, before it is placed: each step's wrapped title, grade and
// problems, and the arrows between steps with their conditions.
import type { Analysis } from '../analysis';
import { branchList, otherwiseWords, type StepKind } from '../model/pathway';
import { terminalText } from '../text/terminal';
import { displayWidth, wrapToWidth } from '../text/width';
import type { Severity } from '../types';

/** What the flowchart shows of one step: its words, its grade and its problems. */
export interface DiagramNode {
  readonly id: string;
  readonly kind: StepKind | 'unknown';
  readonly title: string;
  /** The title wrapped to the node's width. */
  readonly lines: readonly string[];
  readonly width: number;
  readonly height: number;
  /** Zero-based line of the step's id in the source, for linking back to the editor. */
  readonly line: number;
  readonly isStart: boolean;
  readonly reachable: boolean;
  /** The most severe problem on the step, and every message on it. */
  readonly severity: Severity | undefined;
  readonly messages: readonly string[];
  readonly recommendation?: {
    readonly direction: 'for' | 'against';
    readonly strength: string | undefined;
    readonly certainty: string | undefined;
    readonly citations: number;
  };
  /** In a comparison: the step is new, gone (drawn as a ghost) or changed, and how. */
  readonly diff?: { readonly status: DiffStatus; readonly changes: readonly string[] };
}

export type DiffStatus = 'added' | 'removed' | 'changed';

export interface DiagramEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: 'next' | 'branch' | 'otherwise';
  /** A branch's condition, or the otherwise route's label, wrapped to be drawn. */
  readonly label: string | undefined;
  /** A branch's whole condition (or the otherwise route's label) as written, for the step's name in words. */
  readonly condition?: string;
  /** In a comparison: a link the new version added, or one it removed (drawn as a ghost). */
  readonly diff?: 'added' | 'removed';
}

export interface Diagram {
  readonly title: string;
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/**
 * Rough text metrics of the flowchart's font (13px sans-serif), so that no DOM is needed:
 * a column (a Latin letter; a CJK character takes two) is about 7 px wide.
 */
export const CHAR_WIDTH = 7;
export const LINE_HEIGHT = 17;
/** A title's lines and a condition's, in columns. */
const MAX_COLUMNS = 30;
const LABEL_COLUMNS = 28;
/**
 * Titles and conditions are drawn whole, on as many lines as they need: a printed chart that
 * cut "…or a progressive neurological deficit" would lose a red flag. Only text far longer
 * than any guideline writes (thousands of characters, a hostile file) is cut, so that a chart
 * stays a picture; its tooltip and its name in words still hold all of it.
 */
export const MAX_DRAWN_LINES = 150;

/**
 * Text from the file as the flowchart draws it: on one line before wrapping, control and
 * bidirectional characters shown as <U+XXXX> (an override would draw "Do not offer" in
 * another order), wrapped to `columns` and cut by grapheme with "…".
 */
export function wrap(text: string, columns: number, maxLines: number): string[] {
  return wrapToWidth(terminalText(text).trim(), columns, maxLines);
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Room for a recommendation's badge line ("✓ For · conditional · ⊕⊕⊕◯ moderate · 2 refs"). */
const BADGE_WIDTH = 46 * 6;

function sizeOf(
  kind: DiagramNode['kind'],
  lines: readonly string[],
  badge: boolean,
): { width: number; height: number } {
  const longest = Math.max(8, ...lines.map(displayWidth));
  const textWidth = Math.max(Math.ceil(longest * CHAR_WIDTH), badge ? BADGE_WIDTH : 0);
  const textHeight = lines.length * LINE_HEIGHT + (badge ? LINE_HEIGHT + 4 : 0);
  if (kind === 'decision') {
    // A diamond needs about twice the room of its text.
    return { width: Math.round(textWidth * 1.5 + 40), height: Math.round(textHeight * 1.6 + 36) };
  }
  return { width: textWidth + 32, height: textHeight + 24 };
}

/** The flowchart's content, from the same analysis the diagnostics come from. */
export function buildDiagram(analysis: Analysis): Diagram {
  const model = analysis.model;
  if (!model) return { title: '', nodes: [], edges: [] };
  const lines = analysis.parsed.lines;
  const byStep = new Map<string, { severity: Severity; messages: string[] }>();
  for (const step of model.steps.values()) {
    const start = step.node.keySpan?.start ?? step.node.span.start;
    const end = step.node.span.end;
    for (const finding of analysis.findings) {
      if (finding.span.start < start || finding.span.start > end) continue;
      const entry = byStep.get(step.id) ?? { severity: finding.severity, messages: [] };
      if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[entry.severity])
        entry.severity = finding.severity;
      entry.messages.push(finding.message);
      byStep.set(step.id, entry);
    }
  }

  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const known = model.steps;
  for (const step of model.steps.values()) {
    const kind = step.kind ?? 'unknown';
    const title = step.title ?? step.id;
    const wrapped = wrap(title, MAX_COLUMNS, MAX_DRAWN_LINES);
    const isRecommendation = step.kind === 'recommendation';
    const problems = byStep.get(step.id);
    nodes.push({
      id: step.id,
      kind,
      title,
      lines: wrapped,
      ...sizeOf(kind, wrapped, isRecommendation),
      line: lines.positionAt(step.keySpan.start).line,
      isStart: analysis.graph?.start === step.id,
      reachable: analysis.graph?.start === undefined || analysis.graph.reachable.has(step.id),
      severity: problems?.severity,
      messages: problems?.messages ?? [],
      ...(isRecommendation
        ? {
            recommendation: {
              direction: step.direction === 'against' ? 'against' : 'for',
              strength: typeof step.strength?.value === 'string' ? step.strength.value : undefined,
              certainty: typeof step.certainty === 'string' ? step.certainty : undefined,
              citations: step.cite.length,
            },
          }
        : {}),
    });

    const add = (
      to: string | undefined,
      edgeKind: DiagramEdge['kind'],
      label?: string,
      condition?: string,
    ): void => {
      if (to === undefined || !known.has(to)) return;
      edges.push({
        id: `e${edges.length}`,
        from: step.id,
        to,
        kind: edgeKind,
        label,
        ...(condition ? { condition } : {}),
      });
    };
    add(step.next?.target, 'next');
    for (const branch of branchList(step) ?? []) {
      const condition = branch.when?.text.trim();
      add(
        branch.next?.target,
        'branch',
        condition ? wrap(condition, LABEL_COLUMNS, MAX_DRAWN_LINES).join('\n') : undefined,
        condition,
      );
    }
    add(
      step.otherwise?.target,
      'otherwise',
      wrap(otherwiseWords(step), LABEL_COLUMNS, 3).join('\n'),
      step.otherwiseLabel,
    );
  }
  const title = model.root.entries?.get('title')?.value;
  return { title: typeof title === 'string' ? title : '', nodes, edges };
}
