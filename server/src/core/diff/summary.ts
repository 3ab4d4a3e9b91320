// A comparison in a reviewer's words: one sentence per change, as the terminal's text, as
// Markdown and as JSON.
import type { RootContent } from 'mdast';
import { code, heading, item, list, markdownDocument, paragraph, text } from '../text/markdown';
import { terminalJson, terminalText } from '../text/terminal';
import { changedStep, type Change, type PathwayDiff } from './diff';
import { NONE_OF_THE_ABOVE } from '../model/pathway';

/**
 * A value from a file inside a sentence: on one line, its control characters shown. The
 * sentence goes to a terminal (`pathway diff`), into Markdown and into the flowchart's tooltips.
 */
function v(value: string): string {
  return terminalText(value);
}

function q(value: string): string {
  return `"${v(value)}"`;
}

/**
 * How a sentence names a step it refers to: by its id in quotes, as a reviewer comparing
 * files reads it; a published page names steps by their titles instead.
 */
export type StepNamer = (id: string) => string;

/** At most `limit` steps, named, then how many more. */
function someSteps(ids: readonly string[], step: StepNamer, limit = 4): string {
  const shown = ids.slice(0, limit).map(step);
  const more = ids.length - shown.length;
  const listed =
    shown.length > 1
      ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1) ?? ''}`
      : shown.join('');
  return more > 0 ? `${shown.join(', ')} and ${more} more` : listed;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** How the routes to an end changed, in one sentence, however many routes there are. */
function endSentence(
  change: Extract<Change, { type: 'end-paths-changed' }>,
  step: StepNamer,
): string {
  // Named by its id, its title follows (a namer that gives titles has given it already).
  const named = step(change.id);
  const end = `End ${named}${named === q(change.id) && change.title && change.title !== change.id ? ` (${q(change.title)})` : ''}`;
  if (change.after === 0) {
    return `${end} is no longer reached (it was by ${plural(change.before, 'route')}).`;
  }
  if (change.before === 0) return `${end} can now be reached, by ${plural(change.after, 'route')}.`;
  const fresh = change.added.length - change.changed;
  const gone = change.removed.length - change.changed;
  const counts = [
    change.changed > 0 ? `${change.changed} changed` : '',
    fresh > 0 ? `${fresh} new` : '',
    gone > 0 ? `${gone} gone` : '',
  ].filter(Boolean);
  // "No patient reaching it" holds: no route to the end passes the step any more.
  const steps = [
    change.noLongerThrough.length > 0
      ? `patients reaching it no longer go through ${someSteps(change.noLongerThrough, step)}`
      : '',
    change.nowThrough.length > 0 ? `some now go through ${someSteps(change.nowThrough, step)}` : '',
  ].filter(Boolean);
  return `${end} is reached by ${plural(change.after, 'route')} (was ${change.before}), ${counts.join(', ')}${steps.length > 0 ? `: ${steps.join('; ')}` : ''}.`;
}

function scenarioSentence(
  change: Extract<Change, { type: 'scenario-route-changed' }>,
  step: StepNamer,
): string {
  const who = `Scenario ${q(change.id)}${change.title ? ` (${v(change.title)})` : ''}`;
  const where = (end: string, status: string): string =>
    end === '' ? `got ${v(status)}` : `ended at ${step(end)}`;
  const moved =
    change.endBefore !== change.endAfter
      ? `${where(change.endBefore, change.statusBefore)}, and now ${change.endAfter === '' ? `gets ${v(change.statusAfter)}` : `ends at ${step(change.endAfter)}`}`
      : `still ${change.endAfter === '' ? `gets ${v(change.statusAfter)}` : `ends at ${step(change.endAfter)}`}, by another route`;
  const verdict =
    change.statusBefore !== change.statusAfter
      ? ` It ${change.statusAfter === 'passed' ? 'passes' : change.statusAfter === 'failed' ? 'fails' : `is ${change.statusAfter}`} now (it ${change.statusBefore === 'passed' ? 'passed' : change.statusBefore === 'failed' ? 'failed' : `was ${change.statusBefore}`}).`
      : '';
  return `${who} ${moved}.${verdict}`;
}

/** An input's type in a sentence: the format's word, or "an input" when it has none. */
function inputType(type: string): string {
  return type === '' ? 'input' : v(type);
}

const CONSEQUENCES: readonly Change['type'][] = [
  'became-unreachable',
  'became-reachable',
  'end-paths-changed',
  'scenario-route-changed',
  'patients-moved',
];

/**
 * One sentence per change, in a reviewer's words. In a list of all changes (the compare
 * view's panel, a step's tooltip, JSON) a consequence says it is one.
 */
export function describeChange(change: Change, step: StepNamer = q): string {
  const said = sentence(change, step);
  return CONSEQUENCES.includes(change.type)
    ? `Consequence: ${said.charAt(0).toLowerCase()}${said.slice(1)}`
    : said;
}

/** The sentence for a change, as it reads under its group's heading. */
function sentence(change: Change, step: StepNamer = q): string {
  switch (change.type) {
    case 'step-added':
      return `Step ${q(change.id)} added: ${v(change.kind)} ${q(change.title)}.`;
    case 'step-removed':
      return `Step ${q(change.id)} removed (was ${v(change.kind)} ${q(change.title)}).`;
    case 'step-renamed':
      return `Step ${q(change.from)} renamed to ${q(change.to)} (${q(change.title)}).`;
    case 'kind-changed':
      return `Step ${step(change.id)} changed kind from ${v(change.from)} to ${v(change.to)}.`;
    case 'title-changed':
      return `Step ${q(change.id)} retitled from ${q(change.from)} to ${q(change.to)}.`;
    case 'start-moved':
      return `Care now starts at ${step(change.to)} instead of ${step(change.from)}.`;
    case 'use-changed':
      return `Sub-pathway step ${step(change.id)} now uses ${change.to ? q(change.to) : 'no file'} instead of ${change.from ? q(change.from) : 'no file'}.`;
    case 'sub-pathway-changed':
      return `The pathway step ${step(change.id)} uses, ${q(change.title)} (${v(change.path)}), changed: ${plural(change.changes, 'change')} to its own logic (pathway diff on that file lists them).`;
    case 'link-added':
      return `New route: ${step(change.from)} → ${step(change.to)} (${v(change.via)}${change.if ? `, if ${q(change.if)}` : ''}).`;
    case 'link-removed':
      return `Route removed: ${step(change.from)} → ${step(change.to)} (${v(change.via)}${change.if ? `, if ${q(change.if)}` : ''}).`;
    case 'link-retargeted':
      return `Step ${step(change.id)} now leads to ${step(change.to)} instead of ${step(change.from)} (${v(change.via)}).`;
    case 'branch-reworded':
      return `Decision ${step(change.id)}: the branch to ${step(change.to)} now reads ${v(change.when)} (was ${v(change.from)}).`;
    case 'otherwise-changed':
      return change.from === ''
        ? `Decision ${step(change.id)} now sends everyone else to ${step(change.to)} (it had no otherwise).`
        : change.to === ''
          ? `Decision ${step(change.id)} no longer has an otherwise (it went to ${step(change.from)}).`
          : `Decision ${step(change.id)} now sends everyone else to ${step(change.to)} instead of ${step(change.from)}.`;
    case 'otherwise-reworded':
      return `Decision ${step(change.id)}: the otherwise route to ${step(change.to)} now reads ${v(change.now || NONE_OF_THE_ABOVE)} (was ${v(change.was || NONE_OF_THE_ABOVE)}).`;
    case 'condition-changed': {
      const branch = `Decision ${step(change.id)}: branch ${change.branch} (to ${step(change.to)})`;
      if (change.was === '')
        return `${branch} now has the condition ${q(change.now)} (it had none).`;
      if (change.now === '') return `${branch} no longer has a condition (was ${q(change.was)}).`;
      return `${branch} now tests ${q(change.now)} (was ${q(change.was)}).`;
    }
    case 'match-changed':
      return change.to === 'first'
        ? `Decision ${step(change.id)} now takes the first branch that holds (match: first; was ${v(change.from)}).`
        : change.to === 'exclusive' && change.from === 'first'
          ? `Decision ${step(change.id)} no longer takes the first branch that holds: its branches must exclude each other (was match: first).`
          : `Decision ${step(change.id)}: match changed from ${v(change.from)} to ${v(change.to)}.`;
    case 'records-added':
      return `Step ${step(change.id)} now records ${q(change.input)}.`;
    case 'records-removed':
      return `Step ${step(change.id)} no longer records ${q(change.input)}.`;
    case 'input-added':
      return `Input ${q(change.id)} added: ${inputType(change.inputType)} ${q(change.title)}.`;
    case 'input-removed':
      return `Input ${q(change.id)} removed (was ${inputType(change.inputType)} ${q(change.title)}).`;
    case 'input-changed':
      return `Input ${q(change.id)}: ${v(change.field)} changed from ${change.from ? q(change.from) : 'nothing'} to ${change.to ? q(change.to) : 'nothing'}.`;
    case 'grade-changed':
      return change.field === 'rationale'
        ? `Recommendation ${step(change.id)}: rationale ${change.from ? (change.to ? 'rewritten' : 'removed') : 'added'}${change.to ? `: ${q(change.to)}` : ''}.`
        : `Recommendation ${step(change.id)}: ${v(change.field)} changed from ${v(change.from) || 'none'} to ${v(change.to) || 'none'}.`;
    case 'citation-added':
      return `Step ${step(change.id)} now cites ${q(change.reference)}.`;
    case 'citation-removed':
      return `Step ${step(change.id)} no longer cites ${q(change.reference)}.`;
    case 'reference-added':
      return `Reference ${q(change.id)} added: ${q(change.title)}.`;
    case 'reference-removed':
      return `Reference ${q(change.id)} removed: ${q(change.title)}.`;
    case 'reference-edited':
      return `Reference ${q(change.id)}: ${v(change.field)} changed from ${change.from ? q(change.from) : 'nothing'} to ${change.to ? q(change.to) : 'nothing'}.`;
    case 'became-unreachable':
      return `Step ${step(change.id)} can no longer be reached from the start.`;
    case 'became-reachable':
      return `Step ${step(change.id)} can now be reached from the start.`;
    case 'end-paths-changed':
      return endSentence(change, step);
    case 'scenario-route-changed':
      return scenarioSentence(change, step);
    case 'patients-moved':
      return `A patient with ${change.patient} went to ${step(change.from)}, and now goes to ${step(change.to)}.`;
  }
}

const GROUPS: { title: string; types: Change['type'][] }[] = [
  {
    title: 'Steps',
    types: ['step-added', 'step-removed', 'step-renamed', 'kind-changed', 'title-changed'],
  },
  { title: 'Sub-pathways', types: ['use-changed', 'sub-pathway-changed'] },
  {
    title: 'Routing',
    types: [
      'start-moved',
      'link-added',
      'link-removed',
      'link-retargeted',
      'branch-reworded',
      'otherwise-changed',
      'otherwise-reworded',
      'condition-changed',
      'match-changed',
    ],
  },
  {
    title: 'Inputs',
    types: ['input-added', 'input-removed', 'input-changed', 'records-added', 'records-removed'],
  },
  { title: 'Recommendations', types: ['grade-changed', 'citation-added', 'citation-removed'] },
  { title: 'References', types: ['reference-added', 'reference-removed', 'reference-edited'] },
  { title: 'Consequences', types: ['became-unreachable', 'became-reachable'] },
  { title: 'Ends reached differently', types: ['end-paths-changed'] },
  { title: 'Patients', types: ['scenario-route-changed', 'patients-moved'] },
];

export interface DiffFormatOptions {
  /** List every route new and gone under its end (the sentence counts them either way). */
  readonly routes?: boolean;
}

/**
 * The steps the edit touched, in the order the changes name them: what changed, before what
 * it does to patients.
 */
function stepsChanged(diff: PathwayDiff): string[] {
  const ids = new Set<string>();
  for (const change of diff.changes) {
    if (CONSEQUENCES.includes(change.type)) continue;
    const id = changedStep(change);
    if (id !== undefined && id !== '') ids.add(id);
  }
  return [...ids];
}

function hasRoutes(diff: PathwayDiff): boolean {
  return diff.changes.some((c) => c.type === 'end-paths-changed');
}

function countLine(diff: PathwayDiff, options: DiffFormatOptions): string {
  const count = `${plural(diff.changes.length, 'change')} to the recommendation logic.`;
  return hasRoutes(diff) && options.routes !== true
    ? `${count} Add --routes to list each route that changed.`
    : count;
}

function grouped(diff: PathwayDiff): { title: string; changes: Change[] }[] {
  return GROUPS.map((g) => ({
    title: g.title,
    changes: diff.changes.filter((c) => g.types.includes(c.type)),
  })).filter((g) => g.changes.length > 0);
}

/** The changes under their groups' titles, each with the sentence it reads as there. */
export function changeGroups(
  diff: PathwayDiff,
  step: StepNamer = q,
): {
  readonly title: string;
  readonly changes: readonly { readonly change: Change; readonly sentence: string }[];
}[] {
  return grouped(diff).map((group) => ({
    title: group.title,
    changes: group.changes.map((change) => ({ change, sentence: sentence(change, step) })),
  }));
}

export function diffText(diff: PathwayDiff, options: DiffFormatOptions = {}): string {
  if (diff.unchanged) return 'The recommendation logic is unchanged.\n';
  const lines: string[] = [];
  const steps = stepsChanged(diff);
  if (steps.length > 0) lines.push(`Steps changed: ${steps.map(q).join(', ')}.`);
  for (const group of grouped(diff)) {
    lines.push(`${group.title}:`);
    for (const change of group.changes) {
      lines.push(`  ${sentence(change)}`);
      if (change.type === 'end-paths-changed' && options.routes === true) {
        for (const route of change.added) lines.push(`    + ${v(route)}`);
        for (const route of change.removed) lines.push(`    - ${v(route)}`);
      }
      if (change.type === 'scenario-route-changed' && options.routes === true) {
        if (change.routeAfter) lines.push(`    + ${v(change.routeAfter)}`);
        if (change.routeBefore) lines.push(`    - ${v(change.routeBefore)}`);
      }
    }
  }
  lines.push(countLine(diff, options));
  return lines.join('\n') + '\n';
}

/** The comparison as a Markdown document: every sentence a text node, the files as code. */
export function diffMarkdown(
  diff: PathwayDiff,
  before: string,
  after: string,
  options: DiffFormatOptions = {},
): string {
  const blocks: RootContent[] = [
    heading(1, text('Changes to the recommendation logic')),
    paragraph(text('From '), code(before), text(' to '), code(after), text('.')),
  ];
  if (diff.unchanged) {
    blocks.push(paragraph(text('The recommendation logic is unchanged.')));
    return markdownDocument(blocks);
  }
  const steps = stepsChanged(diff);
  if (steps.length > 0) blocks.push(paragraph(text(`Steps changed: ${steps.map(q).join(', ')}.`)));
  for (const group of grouped(diff)) {
    blocks.push(heading(2, text(group.title)));
    blocks.push(
      list(
        group.changes.map((change) =>
          change.type === 'end-paths-changed' && options.routes === true
            ? item(
                [text(sentence(change))],
                list([
                  ...change.added.map((route) => [text(`new route: ${route}`)]),
                  ...change.removed.map((route) => [text(`route gone: ${route}`)]),
                ]),
              )
            : change.type === 'scenario-route-changed' && options.routes === true
              ? item(
                  [text(sentence(change))],
                  list([
                    [text(`route now: ${change.routeAfter || '—'}`)],
                    [text(`route before: ${change.routeBefore || '—'}`)],
                  ]),
                )
              : [text(sentence(change))],
        ),
      ),
    );
  }
  blocks.push(paragraph(text(countLine(diff, options))));
  return markdownDocument(blocks);
}

export function diffJson(diff: PathwayDiff, before: string, after: string): string {
  return `${terminalJson({ before, after, unchanged: diff.unchanged, changes: diff.changes.map((c) => ({ ...c, description: describeChange(c) })) })}\n`;
}
