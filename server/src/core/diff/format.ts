import type { RootContent } from 'mdast';
import { code, heading, item, list, markdownDocument, paragraph, text } from '../text/markdown';
import { terminalJson, terminalText } from '../text/terminal';
import type { Change, PathwayDiff } from './diff';

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

/** One sentence per change, in a reviewer's words. */
export function describeChange(change: Change): string {
  switch (change.type) {
    case 'step-added':
      return `Step ${q(change.id)} added: ${v(change.kind)} ${q(change.title)}.`;
    case 'step-removed':
      return `Step ${q(change.id)} removed (was ${v(change.kind)} ${q(change.title)}).`;
    case 'step-renamed':
      return `Step ${q(change.from)} renamed to ${q(change.to)} (${q(change.title)}).`;
    case 'kind-changed':
      return `Step ${q(change.id)} changed kind from ${v(change.from)} to ${v(change.to)}.`;
    case 'title-changed':
      return `Step ${q(change.id)} retitled from ${q(change.from)} to ${q(change.to)}.`;
    case 'start-moved':
      return `Care now starts at ${q(change.to)} instead of ${q(change.from)}.`;
    case 'link-added':
      return `New route: ${q(change.from)} → ${q(change.to)} (${v(change.via)}).`;
    case 'link-removed':
      return `Route removed: ${q(change.from)} → ${q(change.to)} (${v(change.via)}).`;
    case 'link-retargeted':
      return `Step ${q(change.id)} now leads to ${q(change.to)} instead of ${q(change.from)} (${v(change.via)}).`;
    case 'branch-reworded':
      return `Decision ${q(change.id)}: the branch to ${q(change.to)} now reads ${v(change.when)} (was ${v(change.from)}).`;
    case 'otherwise-changed':
      return change.from === ''
        ? `Decision ${q(change.id)} now sends everyone else to ${q(change.to)} (it had no otherwise).`
        : change.to === ''
          ? `Decision ${q(change.id)} no longer has an otherwise (it went to ${q(change.from)}).`
          : `Decision ${q(change.id)} now sends everyone else to ${q(change.to)} instead of ${q(change.from)}.`;
    case 'grade-changed':
      return change.field === 'rationale'
        ? `Recommendation ${q(change.id)}: rationale ${change.from ? (change.to ? 'rewritten' : 'removed') : 'added'}${change.to ? `: ${q(change.to)}` : ''}.`
        : `Recommendation ${q(change.id)}: ${v(change.field)} changed from ${v(change.from) || 'none'} to ${v(change.to) || 'none'}.`;
    case 'citation-added':
      return `Step ${q(change.id)} now cites ${q(change.reference)}.`;
    case 'citation-removed':
      return `Step ${q(change.id)} no longer cites ${q(change.reference)}.`;
    case 'reference-added':
      return `Reference ${q(change.id)} added: ${q(change.title)}.`;
    case 'reference-removed':
      return `Reference ${q(change.id)} removed: ${q(change.title)}.`;
    case 'reference-edited':
      return `Reference ${q(change.id)}: ${v(change.field)} changed from ${change.from ? q(change.from) : 'nothing'} to ${change.to ? q(change.to) : 'nothing'}.`;
    case 'became-unreachable':
      return `Consequence: step ${q(change.id)} can no longer be reached from the start.`;
    case 'became-reachable':
      return `Consequence: step ${q(change.id)} can now be reached from the start.`;
    case 'end-paths-changed':
      return `Consequence: end ${q(change.id)} is reached by ${change.after} route${change.after === 1 ? '' : 's'} (was ${change.before}); ${change.added.length} new, ${change.removed.length} gone.`;
  }
}

const GROUPS: { title: string; types: Change['type'][] }[] = [
  {
    title: 'Steps',
    types: ['step-added', 'step-removed', 'step-renamed', 'kind-changed', 'title-changed'],
  },
  {
    title: 'Routing',
    types: [
      'start-moved',
      'link-added',
      'link-removed',
      'link-retargeted',
      'branch-reworded',
      'otherwise-changed',
    ],
  },
  { title: 'Recommendations', types: ['grade-changed', 'citation-added', 'citation-removed'] },
  { title: 'References', types: ['reference-added', 'reference-removed', 'reference-edited'] },
  { title: 'Consequences', types: ['became-unreachable', 'became-reachable', 'end-paths-changed'] },
];

function grouped(diff: PathwayDiff): { title: string; changes: Change[] }[] {
  return GROUPS.map((g) => ({
    title: g.title,
    changes: diff.changes.filter((c) => g.types.includes(c.type)),
  })).filter((g) => g.changes.length > 0);
}

export function diffText(diff: PathwayDiff): string {
  if (diff.unchanged) return 'The recommendation logic is unchanged.\n';
  const lines: string[] = [];
  for (const group of grouped(diff)) {
    lines.push(`${group.title}:`);
    for (const change of group.changes) {
      lines.push(`  ${describeChange(change)}`);
      if (change.type === 'end-paths-changed') {
        for (const route of change.added) lines.push(`    + ${v(route)}`);
        for (const route of change.removed) lines.push(`    - ${v(route)}`);
      }
    }
  }
  lines.push(
    `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'} to the recommendation logic.`,
  );
  return lines.join('\n') + '\n';
}

/** The comparison as a Markdown document: every sentence a text node, the files as code. */
export function diffMarkdown(diff: PathwayDiff, before: string, after: string): string {
  const blocks: RootContent[] = [
    heading(1, text('Changes to the recommendation logic')),
    paragraph(text('From '), code(before), text(' to '), code(after), text('.')),
  ];
  if (diff.unchanged) {
    blocks.push(paragraph(text('The recommendation logic is unchanged.')));
    return markdownDocument(blocks);
  }
  for (const group of grouped(diff)) {
    blocks.push(heading(2, text(group.title)));
    blocks.push(
      list(
        group.changes.map((change) =>
          change.type === 'end-paths-changed' && change.added.length + change.removed.length > 0
            ? item(
                [text(describeChange(change))],
                list([
                  ...change.added.map((route) => [text(`new route: ${route}`)]),
                  ...change.removed.map((route) => [text(`route gone: ${route}`)]),
                ]),
              )
            : [text(describeChange(change))],
        ),
      ),
    );
  }
  return markdownDocument(blocks);
}

export function diffJson(diff: PathwayDiff, before: string, after: string): string {
  return `${terminalJson({ before, after, unchanged: diff.unchanged, changes: diff.changes.map((c) => ({ ...c, description: describeChange(c) })) })}\n`;
}
