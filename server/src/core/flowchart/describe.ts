// The flowchart in words for screen readers: each step's kind, title and where it leads, and
// what the drawing shows on hover.
import { CERTAINTY_WORDS } from '../report/certainty';
import { graphemes } from '../text/width';
import type { Severity } from '../types';
import type { Diagram, DiagramEdge, DiagramNode } from './diagram';

/** Recorded inputs with their questions: `weeks (Duration of leg pain), response`. */
export function recordWords(
  records: readonly { readonly id: string; readonly title: string | undefined }[],
): string {
  return records.map(({ id, title }) => (title ? `${id} (${flat(title)})` : id)).join(', ');
}

/**
 * The flowchart in words, for screen readers: each step's accessible name says its kind, its
 * title and where it leads (the branch conditions included), as the drawing shows them; its
 * description carries what the drawing shows on hover (problems, reachability, changes).
 */
export interface StepWords {
  /** "Decision: Any red flag? — leads to Emergency assessment when red flag; otherwise to …" */
  readonly name: string;
  /** Its id (what the author edits), and what else the drawing shows of it. */
  readonly description: string;
}

const KIND_WORDS = new Map<string, string>([
  ['assessment', 'Assessment'],
  ['action', 'Action'],
  ['recommendation', 'Recommendation'],
  ['decision', 'Decision'],
  ['end', 'End'],
  ['pathway', 'Sub-pathway'],
]);

const SEVERITY_WORDS: Record<Severity, string> = {
  error: 'an error',
  warning: 'a warning',
  info: 'a note',
};

/** The most problems the description lists, as the tooltip does. */
const MAX_MESSAGES = 20;

/** The most characters of another step's title named in a step's "leads to". */
const MAX_TARGET_TITLE = 200;

function shortened(title: string): string {
  if (title.length <= MAX_TARGET_TITLE) return title;
  let cut = '';
  for (const grapheme of graphemes(title)) {
    if (cut.length + grapheme.length > MAX_TARGET_TITLE - 1) break;
    cut += grapheme;
  }
  return `${cut}…`;
}

/** Text from the file on one line: a condition wrapped in the source reads as one phrase. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function grade(node: DiagramNode): string | undefined {
  const r = node.recommendation;
  if (!r) return undefined;
  const certainty = r.certainty
    ? `${CERTAINTY_WORDS.get(r.certainty)?.words ?? r.certainty} certainty`
    : 'certainty not graded';
  const refs = `${r.citations} reference${r.citations === 1 ? '' : 's'}`;
  return [r.direction, r.strength ?? 'strength not given', certainty, refs].join(', ');
}

function exitPhrase(edge: DiagramEdge, titleOf: (id: string) => string, only: boolean): string {
  const to = `to ${titleOf(edge.to)}`;
  const change =
    edge.diff === 'added' ? ' (link added)' : edge.diff === 'removed' ? ' (link removed)' : '';
  const condition = edge.condition === undefined ? '' : flat(edge.condition);
  if (edge.kind === 'otherwise') {
    const label = condition === '' ? '' : ` (${condition})`;
    return only ? `${to} otherwise${label}${change}` : `otherwise${label} ${to}${change}`;
  }
  const test = edge.test ? ` (if ${flat(edge.test.text)})` : '';
  if (edge.kind === 'branch' && condition !== '') return `${to} when ${condition}${test}${change}`;
  if (edge.kind === 'branch' && test !== '')
    return `${to} if ${flat(edge.test?.text ?? '')}${change}`;
  return `${to}${change}`;
}

function stepWords(
  node: DiagramNode,
  exits: readonly DiagramEdge[],
  titleOf: (id: string) => string,
): StepWords {
  const marks: string[] = [];
  if (node.isStart) marks.push('start');
  if (node.uses) marks.push(`uses ${flat(node.uses.title ?? node.uses.file)}`);
  const graded = grade(node);
  if (graded) marks.push(graded);
  if (node.diff?.status === 'added') marks.push('added in this version');
  if (node.diff?.status === 'removed') marks.push('removed in this version');
  if (node.diff?.status === 'changed') marks.push('changed in this version');
  const kind = KIND_WORDS.get(node.kind) ?? 'Step';
  const head = `${kind}: ${flat(node.title)}${marks.length > 0 ? ` (${marks.join('; ')})` : ''}`;
  const tried = node.firstMatch && exits.length > 1 ? ', trying its branches in order,' : '';
  const where =
    exits.length > 0
      ? `leads${tried} ${exits.map((edge) => exitPhrase(edge, titleOf, exits.length === 1)).join('; ')}`
      : node.kind === 'end'
        ? 'the pathway ends here'
        : 'leads nowhere';

  const notes = [`Step id ${flat(node.id)}.`];
  if (node.uses) notes.push(`Uses the pathway file ${flat(node.uses.file)}.`);
  if (node.expanded) notes.push('Its steps are drawn inside it.');
  if (!node.reachable) notes.push('Not reachable from the start.');
  if (node.records) notes.push(`Records ${recordWords(node.records)}.`);
  if (node.verdict) notes.push(`Logic: ${node.verdict}.`);
  const count = node.messages.length;
  if (count > 0 && node.severity) {
    notes.push(
      count === 1
        ? `1 problem, ${SEVERITY_WORDS[node.severity]}:`
        : `${count} problems, the most serious ${SEVERITY_WORDS[node.severity]}:`,
      ...node.messages.slice(0, MAX_MESSAGES),
    );
    if (count > MAX_MESSAGES) notes.push(`… and ${count - MAX_MESSAGES} more problems.`);
  }
  notes.push(...(node.diff?.changes ?? []));
  return { name: `${head} — ${where}`, description: notes.join(' ') };
}

/** The words of every step, by id. */
export function describeSteps(diagram: Diagram): Map<string, StepWords> {
  const titles = new Map(diagram.nodes.map((node) => [node.id, flat(node.title)]));
  // A step's own name carries its whole title; where another step's name says it leads
  // there, a very long title is shortened, so the drawing stays near the file's size.
  const titleOf = (id: string): string => shortened(titles.get(id) ?? id);
  const exits = new Map<string, DiagramEdge[]>();
  for (const edge of diagram.edges) exits.set(edge.from, [...(exits.get(edge.from) ?? []), edge]);
  return new Map(
    diagram.nodes.map((node) => [node.id, stepWords(node, exits.get(node.id) ?? [], titleOf)]),
  );
}

/** What the flowchart holds, said before its steps: how many, and where care starts. */
export function describeDiagram(diagram: Diagram): string {
  const count = diagram.nodes.length;
  if (count === 0) return 'No steps to show.';
  const start = diagram.nodes.find((node) => node.isStart);
  const steps = `${count} ${count === 1 ? 'step' : 'steps'}`;
  return start ? `${steps}, starting at ${flat(start.title)}.` : `${steps}; no start step.`;
}
