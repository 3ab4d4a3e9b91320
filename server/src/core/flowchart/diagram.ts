// What the flowchart shows, before it is placed: each step's wrapped title, grade and
// problems, and the arrows between steps with their conditions.
import type { Analysis } from '../analysis';
import { decisionVerdicts } from '../checks/decisionFindings';
import { pathwayLogic } from '../checks/decisionLogic';
import { endsKnown, followed, type Call, type UsedPathway } from '../files/calls';
import { inputDeclarations } from '../model/inputs';
import { branchList, otherwiseWords, type Step, type StepKind } from '../model/pathway';
import { verdictLine } from '../report/verdict';
import { terminalText } from '../text/terminal';
import { displayWidth, wrapToWidth } from '../text/width';
import type { Severity } from '../types';
import { CHAR_WIDTH, CODE_CHAR_WIDTH, LABEL_LINE_HEIGHT, LINE_HEIGHT, useHeight } from './metrics';

export {
  CHAR_WIDTH,
  CODE_CHAR_WIDTH,
  FIRST_MATCH_WORDS,
  LABEL_LINE_HEIGHT,
  LINE_HEIGHT,
  useHeight,
} from './metrics';

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
  /** A `pathway` step: the pathway it uses, as drawn under its title. */
  readonly uses?: DiagramUse;
  /**
   * Set on a step drawn inside an expanded sub-pathway: the id of the box it is drawn in.
   * Its own id is then that box's id, "/", and its id in the used file.
   */
  readonly parent?: string;
  /** A `pathway` step drawn with the used pathway inside it (`pathway render --expand`). */
  readonly expanded?: boolean;
}

/** What a `pathway` step's box says of the pathway it uses. */
export interface DiagramUse {
  /** The `use` value, as written. */
  readonly file: string;
  /** The used pathway's title, when the call could be followed. */
  readonly title: string | undefined;
  /** The used file from the root of the run's files, when `use` names one. */
  readonly path: string | undefined;
  /** Whether the used pathway could be followed (ends and routes known). */
  readonly followed: boolean;
  /** The used pathway's title, wrapped: "uses …". */
  readonly titleLines: readonly string[];
  /** The file, wrapped, in code type. */
  readonly fileLines: readonly string[];
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

/** A title's lines and a condition's, in columns. */
const MAX_COLUMNS = 30;
const LABEL_COLUMNS = 28;
/** An `if` under a branch's words: this many columns, on at most this many lines. */
const TEST_COLUMNS = 32;
const TEST_LINES = 3;
/** Recorded inputs under an assessment's title. */
const RECORD_COLUMNS = 36;
const RECORD_LINES = 2;
/** The used pathway's title and file under a `pathway` step's title. */
const USE_COLUMNS = 36;
const USE_LINES = 3;
const FILE_COLUMNS = 40;
const FILE_LINES = 2;
/**
 * How deep `--expand` draws calls inside calls; deeper calls are drawn as boxes. Each level
 * multiplies the picture, and a chart several levels deep is no longer one a reader follows.
 */
export const MAX_EXPAND_DEPTH = 3;
/** A sub-pathway's words ("uses …") are drawn at 11px, about a column less than titles. */
const USE_CHAR_WIDTH = CHAR_WIDTH - 1;
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

function sizeOf(
  kind: DiagramNode['kind'],
  lines: readonly string[],
  badge: boolean,
  extra: {
    firstMatch: boolean;
    recordLines: readonly string[];
    uses?: DiagramUse | undefined;
  } = {
    firstMatch: false,
    recordLines: [],
  },
): { width: number; height: number } {
  const longest = Math.max(8, ...lines.map(displayWidth));
  const recordWidth = Math.max(0, ...extra.recordLines.map(displayWidth)) * CODE_CHAR_WIDTH;
  const uses = extra.uses;
  const textWidth = Math.max(
    Math.ceil(longest * CHAR_WIDTH),
    badge ? BADGE_WIDTH : 0,
    extra.firstMatch ? FIRST_MATCH_WIDTH : 0,
    recordWidth,
    uses ? Math.ceil(Math.max(0, ...uses.titleLines.map(displayWidth)) * USE_CHAR_WIDTH) : 0,
    uses ? Math.max(0, ...uses.fileLines.map(displayWidth)) * CODE_CHAR_WIDTH : 0,
  );
  const textHeight =
    lines.length * LINE_HEIGHT +
    (badge || extra.firstMatch ? LINE_HEIGHT + 4 : 0) +
    (extra.recordLines.length > 0 ? extra.recordLines.length * LABEL_LINE_HEIGHT + 4 : 0) +
    (uses ? useHeight(uses) : 0);
  if (kind === 'decision') {
    // A diamond needs about twice the room of its text.
    return { width: Math.round(textWidth * 1.5 + 40), height: Math.round(textHeight * 1.6 + 36) };
  }
  return { width: textWidth + 32, height: textHeight + 24 };
}

/** What a `pathway` step's box says of the pathway it uses, from its call. */
function useOf(step: Step, call: Call | undefined): DiagramUse | undefined {
  const file = step.use?.target;
  if (file === undefined) return undefined;
  const used = followed(call);
  const title = used?.title?.trim() || undefined;
  return {
    file,
    title,
    path: call?.path,
    followed: used !== undefined,
    titleLines: title ? wrap(`uses ${title}`, USE_COLUMNS, USE_LINES) : [],
    fileLines: wrap(file, FILE_COLUMNS, FILE_LINES),
  };
}

/** The title of a used pathway's end, for the arrow its `ends` entry draws. */
function endTitle(used: UsedPathway | undefined, end: string): string {
  const title = used?.analysis.model.steps.get(end)?.title?.trim();
  return title || end;
}

export interface DiagramOptions {
  /** Draw each used pathway that can be followed inside its step (`pathway render --expand`). */
  readonly expand?: boolean;
}

/** The flowchart's content, from the same analysis the diagnostics come from. */
export function buildDiagram(analysis: Analysis, options: DiagramOptions = {}): Diagram {
  const model = analysis.model;
  if (!model) return { title: '', nodes: [], edges: [] };
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  addSteps(analysis, { nodes, edges }, { expand: options.expand === true, depth: 0 });
  const title = model.root.entries?.get('title')?.value;
  return { title: typeof title === 'string' ? title : '', nodes, edges };
}

/** Where one pathway's steps go in the diagram: at its top, or inside a call's box. */
interface Placement {
  readonly expand: boolean;
  readonly depth: number;
  /** The box they are drawn in: its id, the prefix of theirs. */
  readonly parent?: string;
}

/**
 * Adds a pathway's steps and arrows to the diagram; with `expand`, each call that can be
 * followed draws its used pathway inside its box, whose ends lead on where the call's `ends`
 * and `next` say.
 */
function addSteps(
  analysis: Analysis,
  into: { nodes: DiagramNode[]; edges: DiagramEdge[] },
  placement: Placement,
): void {
  const model = analysis.model;
  if (!model) return;
  const { nodes, edges } = into;
  const prefix = placement.parent === undefined ? '' : `${placement.parent}/`;
  const drawnId = (id: string): string => `${prefix}${id}`;
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

  const known = model.steps;
  /** Calls drawn with their used pathway inside, and that pathway's ends. */
  const inside: { step: Step; used: UsedPathway }[] = [];
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
    const call = step.kind === 'pathway' ? model.calls?.get(step.id) : undefined;
    const uses = step.kind === 'pathway' ? useOf(step, call) : undefined;
    const used = followed(call);
    const expanded = placement.expand && used !== undefined && placement.depth < MAX_EXPAND_DEPTH;
    if (expanded) inside.push({ step, used });
    nodes.push({
      id: drawnId(step.id),
      kind,
      title,
      lines: wrapped,
      ...sizeOf(kind, wrapped, isRecommendation, { firstMatch, recordLines, uses }),
      line: lines.positionAt(step.keySpan.start).line,
      // Inside a call's box, the arrow into the box is where its pathway starts.
      isStart: placement.parent === undefined && analysis.graph?.start === step.id,
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
      ...(uses ? { uses } : {}),
      ...(placement.parent !== undefined ? { parent: placement.parent } : {}),
      ...(expanded ? { expanded } : {}),
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
        from: drawnId(step.id),
        to: drawnId(to),
        kind: edgeKind,
        label,
        ...(more.condition ? { condition: more.condition } : {}),
        ...(more.test ? { test: more.test } : {}),
        ...(more.order !== undefined ? { order: more.order } : {}),
      });
    };
    if (step.kind === 'pathway') {
      // Drawn inside, the used pathway's own ends lead on (below); drawn as a box, an arrow
      // for each `ends` entry, named by that end, and `next` for any other end.
      if (expanded) continue;
      const judged = endsKnown(call);
      let routed = 0;
      for (const route of step.ends) {
        // A key that is no end of the used pathway leads nowhere (unknown-step on the key).
        if (judged && !judged.ends.includes(route.end)) continue;
        const end = endTitle(judged, route.end);
        const before = edges.length;
        add(
          route.next.target,
          'branch',
          wrap(`ends at ${end}`, LABEL_COLUMNS, MAX_DRAWN_LINES).join('\n'),
          {
            condition: `the sub-pathway ends at ${flatText(end)}`,
          },
        );
        routed += edges.length - before;
      }
      if (routed > 0) {
        add(step.next?.target, 'otherwise', OTHER_ENDS, { condition: OTHER_ENDS });
      } else {
        add(step.next?.target, 'next');
      }
      continue;
    }
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

  for (const { step, used } of inside) {
    const box = drawnId(step.id);
    addSteps(used.analysis, into, {
      expand: placement.expand,
      depth: placement.depth + 1,
      parent: box,
    });
    // Each end of the used pathway leads on where the call says: its `ends` entry, else `next`.
    for (const end of used.ends) {
      const to = step.ends.find((route) => route.end === end)?.next.target ?? step.next?.target;
      if (to === undefined || !known.has(to)) continue;
      // Back to the call itself: round the used pathway again, from its start.
      const target = to === step.id ? `${box}/${used.analysis.graph.start ?? ''}` : drawnId(to);
      edges.push({
        id: `e${edges.length}`,
        from: `${box}/${end}`,
        to: target,
        kind: 'next',
        label: undefined,
      });
    }
  }
}

/** The label of a `pathway` step's `next` when some of its ends are routed by `ends`. */
export const OTHER_ENDS = 'any other end';
