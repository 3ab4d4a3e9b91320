import { MarkupKind, type Hover } from 'vscode-languageserver';
import {
  locate,
  occurrenceAt,
  predecessors,
  schemaAtPath,
  branchList,
  markdownCode,
  oneLine,
  type Analysis,
  type Occurrence,
  type PathwayModel,
} from '../../core';
import { toRange } from '../convert';
import { occurrencesOf } from './occurrences';

/** Text from the file in Markdown, on one line, with nothing that formats or links. */
function escape(text: string): string {
  return oneLine(text).replace(/[\\`*_{}[\]()#+!|<>]/g, (ch) => `\\${ch}`);
}

function stepHover(analysis: Analysis, model: PathwayModel, id: string): string {
  const step = model.steps.get(id);
  if (!step) return `No step is called ${markdownCode(id)}.`;
  const lines = [
    `**${escape(step.title ?? id)}**`,
    '',
    `${markdownCode(id)} — ${step.kind ?? 'step of unknown kind'}`,
  ];
  if (model.start?.target === id) lines.push('', 'Care starts here.');
  const from = predecessors(model, analysis.graph?.successors ?? new Map()).get(id) ?? [];
  if (from.length > 0)
    lines.push('', `Reached from: ${from.map((s) => markdownCode(s)).join(', ')}`);
  else if (model.start?.target !== id) lines.push('', 'Reached from: no step leads here.');
  const leads: string[] = [];
  if (step.next?.target !== undefined) leads.push(markdownCode(step.next.target));
  for (const branch of branchList(step) ?? []) {
    if (branch.next?.target !== undefined) {
      leads.push(
        `${markdownCode(branch.next.target)} when ${escape(branch.when?.text.trim() ?? '…')}`,
      );
    }
  }
  if (step.otherwise?.target !== undefined) {
    leads.push(`${markdownCode(step.otherwise.target)} otherwise`);
  }
  if (leads.length > 0) lines.push('', `Leads to: ${leads.join('; ')}`);
  else if (step.kind === 'end') lines.push('', 'The pathway ends here.');
  if (step.kind === 'recommendation') {
    const direction = step.direction === 'against' ? 'against' : 'for';
    const word = (value: unknown): string => (typeof value === 'string' ? escape(value) : '?');
    lines.push(
      '',
      `Recommendation ${direction}: ${word(step.strength?.value)}, certainty ${word(step.certainty)}`,
    );
  }
  return lines.join('\n');
}

function referenceHover(model: PathwayModel, id: string): string {
  const reference = model.references.get(id);
  if (!reference) return `No reference is called ${markdownCode(id)}.`;
  const f = reference.fields;
  const text = (key: string): string | undefined => {
    const value = f[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const lines = [`**${escape(text('title') ?? id)}**`];
  const source = [text('source'), text('year')].filter(Boolean).join(' · ');
  if (source) lines.push('', escape(source));
  const links: string[] = [];
  const doi = text('doi');
  if (doi) links.push(`[doi:${escape(doi)}](https://doi.org/${encodeURI(doi)})`);
  const pmid = text('pmid');
  if (pmid && /^\d+$/.test(pmid))
    links.push(`[PubMed ${pmid}](https://pubmed.ncbi.nlm.nih.gov/${pmid}/)`);
  const url = text('url');
  if (url && /^https?:\/\//.test(url)) links.push(`[${escape(url)}](${encodeURI(url)})`);
  if (links.length > 0) lines.push('', links.join(' · '));
  const citedBy = [...model.steps.values()].filter((s) => s.cite.some((c) => c.target === id));
  lines.push(
    '',
    citedBy.length > 0
      ? `Cited by: ${citedBy.map((s) => markdownCode(s.id)).join(', ')}`
      : 'Not cited by any step.',
  );
  return lines.join('\n');
}

function symbolHover(analysis: Analysis, model: PathwayModel, here: Occurrence): Hover {
  const value =
    here.kind === 'step' ? stepHover(analysis, model, here.id) : referenceHover(model, here.id);
  return {
    contents: { kind: MarkupKind.Markdown, value },
    range: toRange(analysis, here.span),
  };
}

/** Hover: a step or reference in full, or the schema's words for a key or value. */
export function hover(analysis: Analysis, offset: number): Hover | null {
  const model = analysis.model;
  if (!model) return null;
  const here = occurrenceAt(occurrencesOf(analysis), offset);
  if (here) return symbolHover(analysis, model, here);

  const location = locate(model.root, offset);
  if (!location) return null;
  const kindOf = (id: string) => model.steps.get(id)?.kind;
  const schema = schemaAtPath(location.path, kindOf);
  if (!schema) return null;
  const parts: string[] = [];
  if (location.onKey) {
    if (schema.title) parts.push(`**${schema.title}**`);
    if (schema.description) parts.push(schema.description);
  } else {
    const value = location.node.value;
    const index = schema.enum?.indexOf(value) ?? -1;
    const explained = index >= 0 ? schema.enumDescriptions?.[index] : undefined;
    if (explained) parts.push(`**${String(value)}**`, explained);
    else if (schema.description) parts.push(schema.description);
  }
  if (parts.length === 0) return null;
  const span = location.onKey ? location.node.keySpan : location.node.span;
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n') },
    ...(span ? { range: toRange(analysis, span) } : {}),
  };
}
