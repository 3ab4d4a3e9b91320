// The pathway as the rules read it: its steps (kind, links, branches, grade, citations) and
// references, each with where it was written.
import type { SourceNode } from '../parse/sourceTree';
import { finish, type Steps } from '../steps';
import type { Span } from '../types';
import type { Calls } from '../files/calls';

export const STEP_KINDS = [
  'assessment',
  'action',
  'recommendation',
  'decision',
  'end',
  'pathway',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** A written link to a step or a reference. `target` is absent when the value is not text. */
export interface Link {
  readonly target: string | undefined;
  readonly span: Span;
  readonly node: SourceNode;
}

export interface Branch {
  readonly index: number;
  readonly node: SourceNode;
  readonly when: { readonly text: string; readonly span: Span } | undefined;
  readonly next: Link | undefined;
}

/** One entry of a `pathway` step's `ends`: an end of the used pathway and where it leads here. */
export interface EndRoute {
  /** The used pathway's end, as written. */
  readonly end: string;
  readonly keySpan: Span;
  /** The step of this pathway the route goes on at. */
  readonly next: Link;
}

export type CiteState = 'absent' | 'empty' | 'list' | 'invalid';

export interface Step {
  readonly id: string;
  readonly keySpan: Span;
  readonly node: SourceNode;
  /** The kind when it is one the format knows; undefined when missing or unrecognised. */
  readonly kind: StepKind | undefined;
  readonly title: string | undefined;
  readonly next: Link | undefined;
  readonly otherwise: Link | undefined;
  /** A decision's words for who takes its `otherwise` route, trimmed; undefined when unsaid. */
  readonly otherwiseLabel: string | undefined;
  /** undefined when absent; 'invalid' when written but not a list. */
  readonly branches: readonly Branch[] | 'invalid' | undefined;
  readonly citeState: CiteState;
  readonly cite: readonly Link[];
  readonly strength: { readonly value: unknown; readonly span: Span } | undefined;
  readonly certainty: unknown;
  readonly direction: unknown;
  readonly rationale: unknown;
  /** A `pathway` step's used file, as written. */
  readonly use: Link | undefined;
  /** A `pathway` step's `ends`, in the order written (absent, or not a mapping: none). */
  readonly ends: readonly EndRoute[];
}

export interface Reference {
  readonly id: string;
  readonly keySpan: Span;
  readonly node: SourceNode;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface PathwayModel {
  readonly root: SourceNode;
  /** Set when the text is a references file: it holds `references` (and a title) only. */
  readonly document?: 'references';
  /** False when `steps` is missing, empty or not a mapping: links then cannot be judged. */
  readonly hasStepTable: boolean;
  readonly start: Link | undefined;
  readonly steps: ReadonlyMap<string, Step>;
  readonly references: ReadonlyMap<string, Reference>;
  /**
   * What each `pathway` step's `use` leads to, by step id: set by the analysis when it was
   * given the other files of its run (see ../files/calls); absent, every call is unresolved.
   */
  readonly calls?: Calls;
}

/** What the default route of a decision is called when its author gave it no label. */
export const NONE_OF_THE_ABOVE = 'None of the above';

/** A decision's default route as a reader meets it: its label, or "None of the above". */
export function otherwiseWords(step: Step): string {
  return step.otherwiseLabel ?? NONE_OF_THE_ABOVE;
}

/** The branches of a step, when written as a list. */
export function branchList(step: Step): readonly Branch[] | undefined {
  return typeof step.branches === 'object' ? step.branches : undefined;
}

export function isStepKind(value: unknown): value is StepKind {
  return typeof value === 'string' && (STEP_KINDS as readonly string[]).includes(value);
}

/** The link fields each kind takes; a step of unknown kind is followed along all of them. */
export function linkFieldsOf(kind: StepKind | undefined): {
  next: boolean;
  branches: boolean;
  otherwise: boolean;
} {
  switch (kind) {
    case 'assessment':
    case 'action':
    case 'recommendation':
    case 'pathway':
      return { next: true, branches: false, otherwise: false };
    case 'decision':
      return { next: false, branches: true, otherwise: true };
    case 'end':
      return { next: false, branches: false, otherwise: false };
    case undefined:
      return { next: true, branches: true, otherwise: true };
  }
}

function linkOf(node: SourceNode | undefined): Link | undefined {
  if (!node) return undefined;
  return { target: typeof node.value === 'string' ? node.value : undefined, span: node.span, node };
}

function readBranches(node: SourceNode | undefined): Step['branches'] {
  if (!node) return undefined;
  if (!node.items) return 'invalid';
  return node.items.map((item, index) => {
    const when = item.entries?.get('when');
    return {
      index,
      node: item,
      when:
        when && typeof when.value === 'string' ? { text: when.value, span: when.span } : undefined,
      next: linkOf(item.entries?.get('next')),
    };
  });
}

function readEnds(node: SourceNode | undefined): EndRoute[] {
  const routes: EndRoute[] = [];
  for (const [end, value] of node?.entries ?? []) {
    const next = linkOf(value);
    if (next) routes.push({ end, keySpan: value.keySpan ?? value.span, next });
  }
  return routes;
}

function readCite(node: SourceNode | undefined): { state: CiteState; links: Link[] } {
  // `cite:`, `cite: ~` and `cite: []` all say the same: nothing is cited.
  if (!node || node.empty || node.value === null)
    return { state: node ? 'empty' : 'absent', links: [] };
  if (!node.items) return { state: 'invalid', links: [] };
  if (node.items.length === 0) return { state: 'empty', links: [] };
  const links: Link[] = [];
  for (const item of node.items) {
    const link = linkOf(item);
    if (link) links.push(link);
  }
  return { state: 'list', links };
}

/**
 * Steps already read, by their node: an incremental check keeps the nodes of the steps an
 * edit did not touch, and so their steps. Weak, so a step goes with its node.
 */
const stepsRead = new WeakMap<SourceNode, Step>();

function readStep(id: string, node: SourceNode): Step {
  const known = stepsRead.get(node);
  if (known?.id === id) return known;
  const step = readFreshStep(id, node);
  stepsRead.set(node, step);
  return step;
}

function readFreshStep(id: string, node: SourceNode): Step {
  const field = (name: string): SourceNode | undefined => node.entries?.get(name);
  const kindValue = field('kind')?.value;
  const kind = isStepKind(kindValue) ? kindValue : undefined;
  const allowed = linkFieldsOf(kind);
  const cite = readCite(field('cite'));
  const title = field('title')?.value;
  const strength = field('strength');
  const label = allowed.otherwise ? field('otherwiseLabel')?.value : undefined;
  return {
    id,
    keySpan: node.keySpan ?? node.span,
    node,
    kind,
    title: typeof title === 'string' ? title : undefined,
    // A field the kind does not take adds no edge.
    next: allowed.next ? linkOf(field('next')) : undefined,
    otherwise: allowed.otherwise ? linkOf(field('otherwise')) : undefined,
    otherwiseLabel: typeof label === 'string' && label.trim() !== '' ? label.trim() : undefined,
    branches: allowed.branches ? readBranches(field('branches')) : undefined,
    citeState: cite.state,
    cite: cite.links,
    strength: strength ? { value: strength.value, span: strength.span } : undefined,
    certainty: field('certainty')?.value,
    direction: field('direction')?.value,
    rationale: field('rationale')?.value,
    use: kind === 'pathway' ? linkOf(field('use')) : undefined,
    ends: kind === 'pathway' ? readEnds(field('ends')) : [],
  };
}

export function buildModel(root: SourceNode): PathwayModel {
  return finish(buildModelSteps(root));
}

/** How many steps are read between two pauses of `buildModelSteps`. */
const STEPS_PER_PAUSE = 2048;

/** `buildModel` in steps (see ../steps): a few thousand steps at a time. */
export function* buildModelSteps(root: SourceNode): Steps<PathwayModel> {
  const top = root.entries;
  const stepsNode = top?.get('steps');
  const steps = new Map<string, Step>();
  for (const [id, node] of stepsNode?.entries ?? []) {
    steps.set(id, readStep(id, node));
    if (steps.size % STEPS_PER_PAUSE === 0) yield 'check';
  }

  const references = new Map<string, Reference>();
  for (const [id, node] of top?.get('references')?.entries ?? []) {
    const fields: Record<string, unknown> = {};
    for (const [key, child] of node.entries ?? []) {
      Object.defineProperty(fields, key, { value: child.value, enumerable: true });
    }
    references.set(id, { id, keySpan: node.keySpan ?? node.span, node, fields });
  }

  return {
    root,
    hasStepTable: (stepsNode?.entries?.size ?? 0) > 0,
    start: linkOf(top?.get('start')),
    steps,
    references,
  };
}
