// What the flowchart shows, before it is placed: each step's wrapped title, grade and
// problems, and the arrows between steps with their conditions.
import type { Analysis } from '../analysis';
import { decisionVerdicts } from '../checks/decisionFindings';
import { pathwayLogic } from '../checks/decisionLogic';
import { inputDeclarations } from '../model/inputs';
import { branchList, otherwiseWords, type StepKind } from '../model/pathway';
import { verdictLine } from '../report/verdict';
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
  /** A decision that takes the first branch that holds (`match: first`). */
  readonly firstMatch?: boolean;
  /** A decision whose branches all have an `if`: what the logic analysis says of them. */
  readonly verdict?: string;
  /** An assessment's recorded inputs, each with its question when it has one. */
  readonly records?: readonly { readonly id: string; readonly title: string | undefined }[];
  /** The recorded inputs as drawn under the title: wrapped, cut with "…". */
  readonly recordLines?: readonly string[];
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
  /** A branch's `if`: as written (on one line), and as drawn under its words, cut with "…". */
  readonly test?: { readonly text: string; readonly lines: readonly string[] };
  /** In a decision that takes the first branch that holds: the branch's place, from 1. */
  readonly order?: number;
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
/**
 * Code type (an `if`, recorded inputs) is drawn at 10px in a monospace font, whose every
 * column is 0.6 em wide: 6 px, exactly.
 */
export const CODE_CHAR_WIDTH = 6;
/** A label's lines (11px words and 10px code) are this far apart. */
export const LABEL_LINE_HEIGHT = 14;
/** A title's lines and a condition's, in columns. */
const MAX_COLUMNS = 30;
const LABEL_COLUMNS = 28;
/** An `if` under a branch's words: this many columns, on at most this many lines. */
const TEST_COLUMNS = 32;
const TEST_LINES = 3;
/** Recorded inputs under an assessment's title. */
const RECORD_COLUMNS = 36;
const RECORD_LINES = 2;
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

/** Text from the file on one line, its runs of white space as one space. */
function flatText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

/** Room for a recommendation's badge line ("✓ For · conditional · ⊕⊕⊕◯ moderate · 2 refs"). */
const BADGE_WIDTH = 46 * 6;

/** Room for the "first that holds" line of a decision. */
const FIRST_MATCH_WIDTH = 17 * 6;

/** The words of a decision that takes the first branch that holds, drawn inside it. */
export const FIRST_MATCH_WORDS = '↓ first that holds';

function sizeOf(
  kind: DiagramNode['kind'],
  lines: readonly string[],
  badge: boolean,
  extra: { firstMatch: boolean; recordLines: readonly string[] } = {
    firstMatch: false,
    recordLines: [],
  },
): { width: number; height: number } {
  const longest = Math.max(8, ...lines.map(displayWidth));
  const recordWidth = Math.max(0, ...extra.recordLines.map(displayWidth)) * CODE_CHAR_WIDTH;
  const textWidth = Math.max(
    Math.ceil(longest * CHAR_WIDTH),
    badge ? BADGE_WIDTH : 0,
    extra.firstMatch ? FIRST_MATCH_WIDTH : 0,
    recordWidth,
  );
  const textHeight =
    lines.length * LINE_HEIGHT +
    (badge || extra.firstMatch ? LINE_HEIGHT + 4 : 0) +
    (extra.recordLines.length > 0 ? extra.recordLines.length * LABEL_LINE_HEIGHT + 4 : 0);
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

  const logic = pathwayLogic(model, analysis.parsed.text);
  const verdicts = logic.any
    ? decisionVerdicts(model, analysis.graph, analysis.parsed.text)
    : new Map<string, never>();
  const questions = new Map(inputDeclarations(model).map((input) => [input.id, input.title]));

  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const known = model.steps;
  for (const step of model.steps.values()) {
    const kind = step.kind ?? 'unknown';
    const title = step.title ?? step.id;
    const wrapped = wrap(title, MAX_COLUMNS, MAX_DRAWN_LINES);
    const isRecommendation = step.kind === 'recommendation';
    const problems = byStep.get(step.id);
    const decision = logic.decisions.get(step.id);
    const firstMatch =
      decision !== undefined && decision.kind !== 'prose' && decision.match === 'first';
    const verdict = verdicts.get(step.id);
    const recorded = logic.records.get(step.id) ?? [];
    const recordLines =
      recorded.length > 0
        ? wrap(`records ${recorded.join(', ')}`, RECORD_COLUMNS, RECORD_LINES)
        : [];
    nodes.push({
      id: step.id,
      kind,
      title,
      lines: wrapped,
      ...sizeOf(kind, wrapped, isRecommendation, { firstMatch, recordLines }),
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
      ...(firstMatch ? { firstMatch } : {}),
      ...(verdict && verdict.kind !== 'prose' ? { verdict: verdictLine(verdict) } : {}),
      ...(recorded.length > 0
        ? {
            records: recorded.map((id) => ({ id, title: questions.get(id) })),
            recordLines,
          }
        : {}),
    });

    const add = (
      to: string | undefined,
      edgeKind: DiagramEdge['kind'],
      label?: string,
      more: Pick<DiagramEdge, 'condition' | 'test' | 'order'> = {},
    ): void => {
      if (to === undefined || !known.has(to)) return;
      edges.push({
        id: `e${edges.length}`,
        from: step.id,
        to,
        kind: edgeKind,
        label,
        ...(more.condition ? { condition: more.condition } : {}),
        ...(more.test ? { test: more.test } : {}),
        ...(more.order !== undefined ? { order: more.order } : {}),
      });
    };
    add(step.next?.target, 'next');
    for (const branch of branchList(step) ?? []) {
      const condition = branch.when?.text.trim();
      const written = branch.node.entries?.get('if')?.value;
      const test =
        typeof written === 'string' && written.trim() !== '' ? flatText(written) : undefined;
      const order = firstMatch ? branch.index + 1 : undefined;
      const words = condition && order !== undefined ? `${order}. ${condition}` : condition;
      add(
        branch.next?.target,
        'branch',
        words ? wrap(words, LABEL_COLUMNS, MAX_DRAWN_LINES).join('\n') : undefined,
        {
          ...(condition ? { condition } : {}),
          ...(test
            ? { test: { text: test, lines: wrap(`if ${test}`, TEST_COLUMNS, TEST_LINES) } }
            : {}),
          ...(order !== undefined ? { order } : {}),
        },
      );
    }
    add(
      step.otherwise?.target,
      'otherwise',
      wrap(otherwiseWords(step), LABEL_COLUMNS, 3).join('\n'),
      step.otherwiseLabel ? { condition: step.otherwiseLabel } : {},
    );
  }
  const title = model.root.entries?.get('title')?.value;
  return { title: typeof title === 'string' ? title : '', nodes, edges };
}
