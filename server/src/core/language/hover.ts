// Hover as plain data: the Markdown shown over a step or reference id (the step or work in
// full), over an input's name or one of its values (the input: its question, its values or
// bounds, the steps that record it), or over a key or value (the schema's words), and the
// span it covers.
import type { PhrasingContent, RootContent } from 'mdast';
import type { Analysis } from '../analysis';
import { endsKnown } from '../files/calls';
import { branchList, otherwiseWords, type PathwayModel, type Step } from '../model/pathway';
import { occurrenceAt, predecessors, type Occurrence } from '../model/symbols';
import { locate } from '../parse/sourceTree';
import { schemaAtPath } from '../schema/schema';
import * as markdown from '../text/markdown';
import type { Span } from '../types';
import { citationYear } from '../report/citation';
import { namesSymbol, occurrencesOf } from './occurrences';
import { pathwayLogic } from '../checks/decisionLogic';
import { inputTakes } from './inputSymbols';

// Hover text is Markdown: built as a tree, the serializer escapes the file's text.
const { code, httpUrl, joined, link, markdownDocument, paragraph, percentEncode, strong, text } =
  markdown;

export interface HoverText {
  readonly markdown: string;
  /** The characters the hover is about; absent when the node has no span of its own. */
  readonly span: Span | undefined;
}

/** A run of ids as code spans, separated by commas. */
function ids(names: readonly string[]): PhrasingContent[] {
  return joined(names.map(code), ', ');
}

function stepHover(analysis: Analysis, model: PathwayModel, id: string): string {
  const step = model.steps.get(id);
  if (!step) return markdownDocument([paragraph(text('No step is called '), code(id), text('.'))]);
  const blocks: RootContent[] = [
    paragraph(strong(text(step.title ?? id))),
    paragraph(code(id), text(` — ${step.kind ?? 'step of unknown kind'}`)),
  ];
  if (model.start?.target === id) blocks.push(paragraph(text('Care starts here.')));
  const from = predecessors(model, analysis.graph?.successors ?? new Map()).get(id) ?? [];
  if (from.length > 0) blocks.push(paragraph(text('Reached from: '), ...ids(from)));
  else if (model.start?.target !== id)
    blocks.push(paragraph(text('Reached from: no step leads here.')));
  if (step.kind === 'pathway') blocks.push(usesBlock(model, step));
  const leads: PhrasingContent[][] = [];
  for (const route of step.ends) {
    if (route.next.target !== undefined)
      leads.push([code(route.next.target), text(` when it ends at `), code(route.end)]);
  }
  if (step.next?.target !== undefined)
    leads.push(
      step.kind === 'pathway' && step.ends.length > 0
        ? [code(step.next.target), text(' at any other end')]
        : [code(step.next.target)],
    );
  for (const branch of branchList(step) ?? []) {
    if (branch.next?.target !== undefined) {
      leads.push([code(branch.next.target), text(` when ${branch.when?.text.trim() ?? '…'}`)]);
    }
  }
  if (step.otherwise?.target !== undefined) {
    leads.push([code(step.otherwise.target), text(` otherwise (${otherwiseWords(step)})`)]);
  }
  if (leads.length > 0) blocks.push(paragraph(text('Leads to: '), ...joined(leads, '; ')));
  else if (step.kind === 'end') blocks.push(paragraph(text('The pathway ends here.')));
  if (step.kind === 'recommendation') {
    const direction = step.direction === 'against' ? 'against' : 'for';
    const word = (value: unknown): string => (typeof value === 'string' ? value : '?');
    blocks.push(
      paragraph(
        text(
          `Recommendation ${direction}: ${word(step.strength?.value)}, certainty ${word(step.certainty)}`,
        ),
      ),
    );
  }
  return markdownDocument(blocks);
}

/** What a sub-pathway step uses, in words: the pathway's title and file, or why it is not followed. */
function usesBlock(model: PathwayModel, step: Step): RootContent {
  const call = model.calls?.get(step.id);
  const written = step.use?.target ?? '';
  const used = endsKnown(call);
  if (used)
    return paragraph(
      text('Uses '),
      strong(text(used.title ?? used.id ?? written)),
      text(' ('),
      code(written),
      text(`), which ends at `),
      ...ids(used.ends),
      text('.'),
    );
  if (call === undefined || call.state.kind === 'unchecked')
    return paragraph(text('Uses '), code(written), text('.'));
  return paragraph(
    text('Uses '),
    code(written),
    text(': it cannot be followed (see the problem on it).'),
  );
}

function referenceHover(analysis: Analysis, model: PathwayModel, id: string): string {
  const reference = analysis.sources.resolve(id);
  if (!reference && analysis.sources.mayHold(id)) {
    // Not missing: a bibliography that was not read (the editor does not read them yet, or
    // the file cannot be read) may define it.
    return markdownDocument([
      paragraph(
        code(id),
        text(
          " is not among this pathway's own references, and the bibliography that may define it was not read here.",
        ),
      ),
    ]);
  }
  if (!reference)
    return markdownDocument([paragraph(text('No reference is called '), code(id), text('.'))]);
  const f = reference.fields;
  const field = (key: string): string | undefined => {
    const value = f[key];
    return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
  };
  const blocks: RootContent[] = [paragraph(strong(text(field('title') ?? id)))];
  const source = [field('source'), citationYear(field('source'), field('year'))]
    .filter(Boolean)
    .join(' · ');
  if (source) blocks.push(paragraph(text(source)));
  const links: PhrasingContent[][] = [];
  const doi = field('doi');
  if (doi) links.push(link(`https://doi.org/${percentEncode(doi)}`, text(`doi:${doi}`)));
  const pmid = field('pmid');
  if (pmid && /^\d+$/.test(pmid))
    links.push(link(`https://pubmed.ncbi.nlm.nih.gov/${pmid}/`, text(`PubMed ${pmid}`)));
  const url = field('url');
  if (url && httpUrl(url)) links.push(link(url, text(url.trim())));
  if (links.length > 0) blocks.push(paragraph(...joined(links, ' · ')));
  if (reference.origin.kind === 'bibliography') {
    const { item } = reference.origin;
    blocks.push(paragraph(text('From the bibliography '), code(item.written ?? ''), text('.')));
  }
  const citedBy = [...model.steps.values()].filter((s) => s.cite.some((c) => c.target === id));
  blocks.push(
    citedBy.length > 0
      ? paragraph(text('Cited by: '), ...ids(citedBy.map((s) => s.id)))
      : paragraph(text('Not cited by any step.')),
  );
  return markdownDocument(blocks);
}

function inputHover(analysis: Analysis, model: PathwayModel, here: Occurrence): string {
  const { id } = here;
  const logic = pathwayLogic(model, analysis.parsed.text);
  const blocks: RootContent[] = [];
  if (!namesSymbol(here)) {
    const written = analysis.parsed.text.slice(here.nameSpan.start, here.nameSpan.end);
    const values = logic.inputs.get(id)?.values;
    const known = values === undefined || values.includes(written);
    blocks.push(
      paragraph(
        code(written),
        text(known ? ' is a value of the input ' : ' is not one of the values of the input '),
        code(id),
        text('.'),
      ),
    );
  }
  const node = model.root.entries?.get('inputs')?.entries?.get(id);
  if (!node || !logic.inputKeys.has(id)) {
    blocks.push(paragraph(text('No input is called '), code(id), text('.')));
    return markdownDocument(blocks);
  }
  const field = (key: string): unknown => node.entries?.get(key)?.value;
  const title = field('title');
  const def = logic.inputs.get(id);
  blocks.push(
    paragraph(strong(text(typeof title === 'string' && title.trim() !== '' ? title : id))),
    paragraph(code(id), text(` — input: ${inputTakes(def)}`)),
  );
  if (def?.type === 'choice') {
    blocks.push(paragraph(text('Values: '), ...ids(def.values ?? [])));
  }
  const detail = field('detail');
  if (typeof detail === 'string' && detail.trim() !== '')
    blocks.push(paragraph(text(detail.trim())));
  const recordedBy = [...model.steps.values()]
    .filter((step) =>
      (step.node.entries?.get('records')?.items ?? []).some((item) => item.value === id),
    )
    .map((step) => step.id);
  blocks.push(
    recordedBy.length > 0
      ? paragraph(text('Recorded by: '), ...ids(recordedBy))
      : paragraph(
          text(
            'Recorded by no step: its value is known from the start and stays the same on every route.',
          ),
        ),
  );
  const testedBy = [...logic.decisions.values()]
    .filter((decision) => decision.branches.some((b) => b.names.includes(id)))
    .map((decision) => decision.step.id);
  blocks.push(
    testedBy.length > 0
      ? paragraph(text('Tested by: '), ...ids(testedBy))
      : paragraph(text('Tested by no decision.')),
  );
  return markdownDocument(blocks);
}

function symbolHover(analysis: Analysis, model: PathwayModel, here: Occurrence): HoverText {
  const value =
    here.kind === 'step'
      ? stepHover(analysis, model, here.id)
      : here.kind === 'reference'
        ? referenceHover(analysis, model, here.id)
        : inputHover(analysis, model, here);
  return { markdown: value, span: here.span };
}

/** Hover at an offset: a step or reference in full, or the schema's words for a key or value. */
export function hoverAt(analysis: Analysis, offset: number): HoverText | undefined {
  const model = analysis.model;
  if (!model) return undefined;
  const here = occurrenceAt(occurrencesOf(analysis), offset);
  if (here) return symbolHover(analysis, model, here);

  const location = locate(model.root, offset);
  if (!location) return undefined;
  const kindOf = (id: string) => model.steps.get(id)?.kind;
  const typeOf = (id: string) =>
    model.root.entries?.get('inputs')?.entries?.get(id)?.entries?.get('type')?.value;
  const schema = schemaAtPath(location.path, kindOf, typeOf);
  if (!schema) return undefined;
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
  if (parts.length === 0) return undefined;
  const span = location.onKey ? location.node.keySpan : location.node.span;
  return { markdown: parts.join('\n\n'), span };
}
