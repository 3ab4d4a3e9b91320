// Writing the audit report out: as Markdown, and as HTML with its styles and the flowchart.
import type { PhrasingContent, RootContent } from 'mdast';
import {
  cellBreak,
  code,
  emphasis,
  heading,
  httpUrl,
  joined,
  link,
  list,
  markdownDocument,
  paragraph,
  percentEncode,
  strong,
  table,
  text,
} from '../text/markdown';
import { ID_PATTERNS } from '../schema/vocabulary';
import { escapeXml } from '../text/xml';
import { citationYear, missingCitationWords } from './citation';
import type {
  AuditReport,
  Citation,
  DecisionRow,
  InputRow,
  RecommendationRow,
  ReportPath,
  ScenarioSection,
  StepName,
  StepRow,
  SubPathwayRow,
} from './audit';
import { CERTAINTY_WORDS } from './certainty';
import { REPORT_CSS } from './style';

function certainty(value: string | undefined): string {
  if (!value) return 'not graded';
  const known = CERTAINTY_WORDS.get(value);
  if (!known) return value;
  return `${known.words.charAt(0).toUpperCase()}${known.words.slice(1)} ${known.symbol}`;
}

function grade(row: RecommendationRow): string {
  const direction = row.direction === 'against' ? 'Against' : 'For';
  return `${direction}, ${row.strength ?? 'no strength given'}`;
}

/** "Low ⊕⊕◯◯", or "not graded": a certainty as every report and page writes it. */
export const certaintyWords = certainty;

/** "For, conditional": a recommendation's direction and strength as every report and page writes it. */
export const gradeWords = grade;

/** A DOI's address: "?" and "#" in a DOI are part of the name, not a query or an anchor. */
function doiUrl(doi: string): string {
  return `https://doi.org/${percentEncode(doi).replace(/[?#]/g, encodeURIComponent)}`;
}

function pubmedUrl(pmid: string): string {
  return `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`;
}

/**
 * What the report says of findings silenced by comments in the file, if any: a file with
 * silenced findings is never reported as having no problems.
 */
function silencedNote(report: AuditReport): string | undefined {
  const n = report.suppressed;
  if (n === 0) return undefined;
  const comments = '"# pathway-disable" comments in the file';
  const listing = `"pathway check --no-inline-config" lists ${n === 1 ? 'it' : 'them'}.`;
  if (report.diagnostics.length === 0) {
    const found = n === 1 ? '1 problem, silenced' : `${n} problems, all silenced`;
    return `No problem is listed here, but the checker found ${found} by ${comments}; ${listing}`;
  }
  const more = n === 1 ? '1 more problem is' : `${n} more problems are`;
  return `${more} silenced by ${comments} and not listed below; ${listing}`;
}

/** An input's type in words. */
function inputType(row: InputRow): string {
  switch (row.type) {
    case 'boolean':
      return 'yes/no';
    case 'integer':
      return 'whole number';
    case 'number':
    case 'choice':
      return row.type;
    case undefined:
      return 'not given';
    default:
      return `${row.type} (not a type the format knows)`;
  }
}

/** The values an input takes: a choice's names, true or false, or a number's bounds with its unit. */
function inputValues(row: InputRow): string {
  if (row.type === 'choice') return (row.values ?? []).join(', ') || 'none given';
  if (row.type === 'boolean') return 'true or false';
  if (row.type !== 'number' && row.type !== 'integer') return '—';
  const unit = row.unit ? ` ${row.unit}` : '';
  if (row.min !== undefined && row.max !== undefined) return `${row.min} to ${row.max}${unit}`;
  if (row.min !== undefined) return `at least ${row.min}${unit}`;
  if (row.max !== undefined) return `at most ${row.max}${unit}`;
  return `any value${row.unit ? ` (${row.unit})` : ''}`;
}

/** The columns of the inputs table, in Markdown and HTML alike. */
const INPUT_COLUMNS = ['Input', 'Question', 'Type', 'Values', 'Recorded by', 'Used by'] as const;

/** The columns of a decision's branches table: "If" only in a pathway that writes conditions. */
function branchColumns(logic: boolean): readonly string[] {
  return logic ? ['Branch', 'When', 'If', 'Leads to'] : ['Branch', 'When', 'Leads to'];
}

const NO_INPUTS =
  'This pathway declares no inputs: its decisions are written in words only, so the checker cannot work out which patients take each branch.';
const NO_LOGIC =
  'No decision of this pathway is computable: their branches are written in words only (no "if"), so the checker cannot work out whether they exclude each other or leave some patient without a route.';
const DECISIONS_INTRO =
  'A decision is computable when every branch has an "if". The checker then works out, over the patients who can reach it, whether its branches exclude each other (with "match: first", whether a branch is never reached because an earlier one takes its patients), and whether they leave any patient without a route, naming a patient who shows it.';
const NOT_RECORDED = 'none (known from the start)';

const SCENARIOS_INTRO =
  'Each scenario is an example patient followed from the start: decisions with conditions are answered from its facts, decisions in words by its choices, and its route must do what it expects.';
const SCENARIO_COLUMNS = ['Scenario', 'Title', 'Result', 'Route, or why it failed'] as const;

function plural(count: number, one: string): string {
  return `${count} ${count === 1 ? one : `${one}s`}`;
}

/** "3 scenarios: 2 passed, 1 failed, 0 stuck. 7 of 9 branches and ends are taken (77%)." */
function scenarioSummary(section: ScenarioSection): string {
  const count = (status: string): number =>
    section.results.filter((r) => r.status === status).length;
  const share = section.total === 0 ? 100 : Math.floor((section.covered / section.total) * 100);
  const notRun =
    section.notRun.length > 0
      ? ` ${plural(section.notRun.length, 'scenario')} could not be run.`
      : '';
  return `${plural(section.results.length, 'scenario')}: ${count('passed')} passed, ${count('failed')} failed, ${count('stuck')} stuck.${notRun} ${section.covered} of ${section.total} branches and ends are taken by some scenario (${share}%).`;
}

function resultWords(result: { status: string }): string {
  return result.status === 'passed'
    ? '✓ passed'
    : result.status === 'failed'
      ? '✗ failed'
      : '! stuck';
}

function untakenWords(section: ScenarioSection): string[] {
  return [
    ...section.untakenBranches.map(
      (b) =>
        `decision ${b.decision}: ${b.branch === 'otherwise' ? 'otherwise' : `branch ${b.branch}`} → ${b.next ?? '?'}`,
    ),
    ...section.untakenEnds.map((e) => `end ${e.step}`),
  ];
}

const SUB_PATHWAYS_INTRO =
  'A sub-pathway step follows another pathway file from its start; where the route goes on depends on the end of that pathway it stops at. The used pathways’ own findings are reported in their own files (pathway check FILE), not repeated here.';
const SUB_PATHWAY_COLUMNS = ['When it stops at', 'The route goes on at'] as const;

/** "“Red-flag screen” (red-flag-screen), screens/red-flags.pathway.yaml": a used pathway named in words. */
function usedWords(row: SubPathwayRow): string {
  const title = row.used?.title;
  const id = row.used?.id;
  const names = [title ? `“${title}”` : undefined, id ? `(${id})` : undefined].filter(Boolean);
  const file = row.path ?? row.use ?? 'no file given';
  return names.length > 0 ? `${names.join(' ')}, file ${file}` : `file ${file}`;
}

/** What a sub-pathway's ends lead to, as rows: each `ends` entry, then any other end. */
function endRows(row: SubPathwayRow): { end: string; next: StepName | undefined }[] {
  const rows = row.ends.map((e) => ({
    end: e.title ? `${e.title} (${e.end})` : e.end,
    next: e.next,
  }));
  rows.push({ end: rows.length > 0 ? 'any other end' : 'any end', next: row.next });
  return rows;
}

// ---------------------------------------------------------------- Markdown

function mdSubPathways(report: AuditReport): RootContent[] {
  if (report.subPathways.length === 0) return [];
  const blocks: RootContent[] = [
    heading(2, text(`Sub-pathways (${report.subPathways.length})`)),
    paragraph(text(SUB_PATHWAYS_INTRO)),
  ];
  const target = (next: StepName | undefined): PhrasingContent[] =>
    next ? named(next) : [text('—')];
  for (const row of report.subPathways) {
    blocks.push(
      heading(3, text(`${row.title} (`), code(row.id), text(`, line ${row.line + 1})`)),
      paragraph(
        text(`Uses ${usedWords(row)}`),
        ...(row.problem ? [text(': '), strong(text(row.problem))] : []),
        text('.'),
      ),
      table(
        SUB_PATHWAY_COLUMNS.map((label) => [text(label)]),
        endRows(row).map((r) => [[text(r.end)], target(r.next)]),
      ),
    );
  }
  if (report.usedPathways.length > 0) {
    blocks.push(
      heading(2, text(`Pathways used (${report.usedPathways.length})`)),
      list(
        report.usedPathways.map((u) => [
          text(`${u.title ? `“${u.title}” ` : ''}`),
          ...(u.id ? [text('('), code(u.id), text('), ')] : []),
          text('file '),
          code(u.path),
          text(': used by '),
          ...joined(
            [
              ...u.steps.map((id) => [text('step '), code(id)]),
              ...u.byPathways.map((path) => [text('the pathway in '), code(path)]),
            ],
            ', ',
          ),
        ]),
      ),
    );
  }
  return blocks;
}

function mdScenarios(report: AuditReport): RootContent[] {
  const section = report.scenarios;
  if (!section) return [];
  const blocks: RootContent[] = [
    heading(2, text(`Scenarios (${section.results.length + section.notRun.length})`)),
    paragraph(text(SCENARIOS_INTRO)),
    paragraph(strong(text(scenarioSummary(section)))),
  ];
  blocks.push(
    table(
      SCENARIO_COLUMNS.map((label) => [text(label)]),
      [
        ...section.results.map((r) => [
          [code(r.id), text(` (line ${r.line})`)],
          [text(r.title ?? '—')],
          r.status === 'passed' ? [text(resultWords(r))] : [strong(text(resultWords(r)))],
          [text(r.status === 'passed' ? r.route.join(' → ') : r.message)],
        ]),
        ...section.notRun.map((n) => [
          [code(n.id)],
          [text('—')],
          [text('not run')],
          [text(n.reason)],
        ]),
      ],
    ),
  );
  const untaken = untakenWords(section);
  if (untaken.length > 0)
    blocks.push(
      paragraph(text('Taken by no scenario:')),
      list(untaken.map((words) => [text(words)])),
    );
  return blocks;
}

function mdVerdict(decision: DecisionRow): PhrasingContent[] {
  return joined(
    decision.verdict.map((part) =>
      part.tone === 'fault' ? [strong(text(part.text))] : [text(part.text)],
    ),
    ' · ',
  );
}

function mdSteps(steps: readonly { id: string }[], none: PhrasingContent[]): PhrasingContent[] {
  return steps.length > 0
    ? joined(
        steps.map((s) => [code(s.id)]),
        ', ',
      )
    : none;
}

function mdInputs(report: AuditReport): RootContent[] {
  // A pathway without logic says so once, under its decisions.
  if (!report.logic) return [];
  const blocks: RootContent[] = [heading(2, text(`Inputs (${report.inputs.length})`))];
  if (report.inputs.length === 0) return [...blocks, paragraph(text(NO_INPUTS))];
  blocks.push(
    table(
      INPUT_COLUMNS.map((label) => [text(label)]),
      report.inputs.map((row) => [
        [code(row.id)],
        [text(row.title ?? '—')],
        [text(inputType(row))],
        [text(inputValues(row))],
        mdSteps(row.recordedBy, [text(NOT_RECORDED)]),
        mdSteps(row.usedBy, [strong(text('none'))]),
      ]),
    ),
  );
  return blocks;
}

function mdDecisions(report: AuditReport): RootContent[] {
  const blocks: RootContent[] = [heading(2, text(`Decisions (${report.decisions.length})`))];
  if (report.decisions.length === 0)
    return [...blocks, paragraph(text('This pathway has no decision.'))];
  const logic = report.logic;
  blocks.push(paragraph(text(logic ? DECISIONS_INTRO : NO_LOGIC)));
  const columns = branchColumns(logic);
  for (const d of report.decisions) {
    const rows: PhrasingContent[][][] = d.branches.map((b) => [
      [text(String(b.number))],
      [text(b.when ?? '—')],
      ...(logic ? [b.if === undefined ? [text('—')] : [code(b.if)]] : []),
      b.next ? named(b.next) : [text('—')],
    ]);
    if (d.otherwise)
      rows.push([
        [text('otherwise')],
        [emphasis(text(d.otherwise.label))],
        ...(logic ? [[text('—')]] : []),
        named(d.otherwise.next),
      ]);
    blocks.push(heading(3, text(`${d.title} (`), code(d.id), text(`, line ${d.line + 1})`)));
    if (logic) blocks.push(paragraph(...mdVerdict(d)));
    blocks.push(
      table(
        columns.map((label) => [text(label)]),
        rows,
      ),
    );
  }
  return blocks;
}

/** A citation as inline Markdown: its words as text, links only to http(s) addresses. */
function mdCitation(c: Citation): PhrasingContent[] {
  if (!c.found) return [text(`${c.id} (${missingCitationWords(c)})`)];
  const parts: PhrasingContent[][] = [[text(c.title ? `${c.title}.` : c.id)]];
  if (c.source) parts.push([text(`${c.source}.`)]);
  const year = citationYear(c.source, c.year);
  if (year) parts.push([text(`${year}.`)]);
  if (c.doi) parts.push(link(doiUrl(c.doi), text(`doi:${c.doi}`)));
  if (c.pmid && /^\d+$/.test(c.pmid)) parts.push(link(pubmedUrl(c.pmid), text(`PubMed ${c.pmid}`)));
  const url = c.url ? httpUrl(c.url) : undefined;
  if (c.url && url) parts.push(link(url, text(c.url.trim())));
  return joined(parts, ' ');
}

function mdCitations(citations: readonly Citation[]): PhrasingContent[] {
  if (citations.length === 0) return [strong(text('none'))];
  const out: PhrasingContent[] = [];
  citations.forEach((c, i) => {
    if (i > 0) out.push(cellBreak());
    out.push(...mdCitation(c));
  });
  return out;
}

function mdPath(path: ReportPath): RootContent[] {
  const route =
    path.decisions.length > 0
      ? joined(
          path.decisions.map((d) => [text(`${d.title} → `), emphasis(text(d.answer))]),
          '; ',
        )
      : [text('no decision on the way')];
  const recs =
    path.recommendations.length > 0
      ? joined(
          path.recommendations.map((r) =>
            text(`${r.title} (${grade(r)}; ${certainty(r.certainty)})`),
          ),
          '; ',
        )
      : [strong(text('none'))];
  return [
    heading(
      3,
      text(`Path ${path.number}: ends at “${path.end.title}” (`),
      code(path.end.id),
      text(')'),
    ),
    list([
      [text('Decisions: '), ...route],
      [text('Recommendations on the way: '), ...recs],
      [text('Steps: '), ...joined(path.steps.map(code), ' → ')],
    ]),
  ];
}

/** The columns of the recommendations table, in Markdown and HTML alike. */
const RECOMMENDATION_COLUMNS = [
  'Step',
  'Recommendation',
  'Direction and strength',
  'Certainty',
  'Rationale',
  'Evidence',
] as const;

/** "Title (`id`)", the way the gaps name a step. */
function named(step: { readonly id: string; readonly title: string }): PhrasingContent[] {
  return [text(`${step.title} (`), code(step.id), text(')')];
}

export function reportMarkdown(report: AuditReport): string {
  const h = report.header;
  const orDash = (value: string | undefined): PhrasingContent[] => [text(value || '—')];
  const blocks: RootContent[] = [
    heading(1, text(`Audit report: ${h.title}`)),
    table(
      [[], []],
      [
        [[text('Pathway id')], orDash(h.id)],
        [[text('Version')], orDash(h.version)],
        [[text('Status')], [text(h.status)]],
        [[text('Population')], orDash(h.population)],
        [[text('Report date')], [text(h.date)]],
      ],
    ),
    heading(2, text(`Recommendations (${report.recommendations.length})`)),
  ];
  if (report.recommendations.length === 0)
    blocks.push(paragraph(text('This pathway makes no graded recommendation.')));
  else {
    blocks.push(
      table(
        RECOMMENDATION_COLUMNS.map((label) => [text(label)]),
        report.recommendations.map((r) => [
          [code(r.id), text(` (line ${r.line + 1})`)],
          [text(r.title)],
          [text(grade(r))],
          [text(certainty(r.certainty))],
          orDash(r.rationale),
          mdCitations(r.citations),
        ]),
      ),
    );
  }

  blocks.push(
    ...mdInputs(report),
    ...mdDecisions(report),
    ...mdSubPathways(report),
    ...mdScenarios(report),
  );

  const count = report.pathCount;
  blocks.push(heading(2, text('Paths from start to end')));
  blocks.push(
    paragraph(
      text(
        count.capped
          ? `Counting stopped at ${count.counted} paths: there are at least that many. The first ${count.listed} are listed.`
          : !count.complete
            ? `There are ${count.counted} paths; the first ${count.listed} are listed.`
            : `There ${count.counted === 1 ? 'is 1 path' : `are ${count.counted} paths`}. A loop is followed once: no path repeats a step.`,
      ),
    ),
  );
  for (const path of report.paths) blocks.push(...mdPath(path));

  const g = report.gaps;
  blocks.push(heading(2, text('Evidence gaps')));
  const gap = (title: string, items: PhrasingContent[][]): void => {
    blocks.push(heading(3, text(title)), items.length > 0 ? list(items) : paragraph(text('None.')));
  };
  gap(
    'Strong recommendations on low or very low certainty evidence',
    g.strongOnLowCertainty.map((r) => [
      ...named(r),
      text(`: ${certainty(r.certainty)}`),
      ...(r.rationale
        ? [text(`; rationale: ${r.rationale}`)]
        : [text('; '), strong(text('no rationale'))]),
    ]),
  );
  gap(
    'Recommendations resting only on low or very low certainty evidence',
    g.lowCertaintyOnly.map((r) => [...named(r), text(`: ${grade(r)}, ${certainty(r.certainty)}`)]),
  );
  gap('Recommendations without citations', g.uncited.map(named));
  gap('References nothing cites', g.unusedReferences.map(mdCitation));
  gap('Ends reached without any recommendation on the way', g.endsWithoutRecommendation.map(named));

  blocks.push(heading(2, text('Diagnostics')));
  const silenced = silencedNote(report);
  if (silenced) blocks.push(paragraph(text(silenced)));
  else if (report.diagnostics.length === 0)
    blocks.push(paragraph(text('The checker found no problems.')));
  for (const group of report.diagnostics) {
    blocks.push(
      heading(3, code(group.code), text(` (${group.findings.length})`)),
      paragraph(text(group.summary)),
      list(
        group.findings.map((f) => [
          text(`line ${f.range.start.line + 1}, ${f.severity}: ${f.message}`),
        ]),
      ),
    );
  }
  return markdownDocument(blocks);
}

// ---------------------------------------------------------------- HTML

function html(value: string): string {
  return escapeXml(value);
}

/** A citation in full as HTML: its title, source and year, and links to DOI, PubMed and its address. */
export function htmlCitation(c: Citation): string {
  if (!c.found) return `${html(c.id)} <em>(${html(missingCitationWords(c))})</em>`;
  const parts = [`<cite>${html(c.title ?? c.id)}</cite>.`];
  if (c.source) parts.push(`${html(c.source)}.`);
  const year = citationYear(c.source, c.year);
  if (year) parts.push(`${html(year)}.`);
  if (c.doi) parts.push(`<a href="${html(doiUrl(c.doi))}">doi:${html(c.doi)}</a>`);
  if (c.pmid && /^\d+$/.test(c.pmid))
    parts.push(`<a href="${html(pubmedUrl(c.pmid))}">PubMed ${html(c.pmid)}</a>`);
  const url = c.url ? httpUrl(c.url) : undefined;
  if (c.url && url) parts.push(`<a href="${html(url)}">${html(c.url.trim())}</a>`);
  return parts.join(' ');
}

/**
 * The HTML id of a step's entry in the report, which its links point at. An id the format
 * allows ("red-flags", "smt_hea") follows "step-" as written; any other (a file with mistakes
 * can hold one) follows "step--" spelled in letters and digits, every other character as
 * "_hex_", so that no two steps share an id and the link needs no escaping beyond the markup's.
 */
export function stepAnchor(id: string): string {
  if (ID_PATTERNS.step.test(id)) return `step-${id}`;
  const spelled = [...id]
    .map((ch) => (/^[A-Za-z0-9]$/.test(ch) ? ch : `_${(ch.codePointAt(0) ?? 0).toString(16)}_`))
    .join('');
  return `step--${spelled}`;
}

/** A step id as the report prints it: never broken across lines. */
function stepId(id: string): string {
  return `<code class="step-id">${html(id)}</code>`;
}

/**
 * A link to a step's entry in the report, which an embedding page (the editor) turns into a
 * jump to the source instead. Named by its id (shown whole) or by its title.
 */
function stepLink(id: string, line: number | undefined, label: { title: string } | 'id'): string {
  const text = label === 'id' ? stepId(id) : html(label.title);
  return `<a class="step-link${label === 'id' ? '' : ' titled'}" href="#${html(stepAnchor(id))}" data-step="${html(id)}"${line === undefined ? '' : ` data-line="${line}"`}>${text}</a>`;
}

/** A step's kind in words, for the index of steps. */
function kindWords(step: StepRow): string {
  return step.kind ?? 'step of no known kind';
}

/** Rows of cells, each cell with its column's name, shown above it where the row becomes a card. */
function htmlTable(
  className: string,
  columns: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const head = columns.map((c) => `<th>${c}</th>`).join('');
  const body = rows
    .map(
      (cells) =>
        `<tr>${cells.map((cell, i) => `<td data-label="${columns[i] ?? ''}">${cell}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table class="${className}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function htmlSteps(
  steps: readonly StepName[],
  lineOf: ReadonlyMap<string, number>,
  none: string,
): string {
  return steps.length > 0
    ? steps.map((s) => stepLink(s.id, lineOf.get(s.id) ?? s.line, 'id')).join(', ')
    : none;
}

function htmlInputs(
  report: AuditReport,
  lineOf: ReadonlyMap<string, number>,
  h: Heading,
): string[] {
  if (!report.logic) return [];
  const out = [h(2, `Inputs (${report.inputs.length})`)];
  if (report.inputs.length === 0) return [...out, `<p>${html(NO_INPUTS)}</p>`];
  out.push(
    htmlTable(
      'inputs',
      INPUT_COLUMNS,
      report.inputs.map((row) => [
        `<code class="input-id">${html(row.id)}</code>`,
        row.title ? html(row.title) : '—',
        html(inputType(row)),
        html(inputValues(row)),
        htmlSteps(row.recordedBy, lineOf, `<span class="quiet">${html(NOT_RECORDED)}</span>`),
        htmlSteps(row.usedBy, lineOf, '<span class="none">none</span>'),
      ]),
    ),
  );
  return out;
}

function htmlScenarios(
  report: AuditReport,
  lineOf: ReadonlyMap<string, number>,
  h: Heading,
): string[] {
  const section = report.scenarios;
  if (!section) return [];
  const out = [
    h(2, `Scenarios (${section.results.length + section.notRun.length})`),
    `<p>${html(SCENARIOS_INTRO)}</p>`,
    `<p><strong>${html(scenarioSummary(section))}</strong></p>`,
  ];
  // A used pathway's step (ID/STEP) has no entry in this report to link to.
  const route = (ids: readonly string[]): string =>
    ids
      .map((id) => (id.includes('/') ? stepId(id) : stepLink(id, lineOf.get(id), 'id')))
      .join(' → ');
  out.push(
    htmlTable('scenarios', SCENARIO_COLUMNS, [
      ...section.results.map((r) => [
        `<code class="scenario-id">${html(r.id)}</code> <span class="quiet">(line ${r.line})</span>`,
        r.title ? html(r.title) : '—',
        r.status === 'passed'
          ? `<span class="verdict-holds">${html(resultWords(r))}</span>`
          : `<strong class="verdict-broken">${html(resultWords(r))}</strong>`,
        r.status === 'passed' ? route(r.route) : html(r.message),
      ]),
      ...section.notRun.map((n) => [
        `<code class="scenario-id">${html(n.id)}</code>`,
        '—',
        '<span class="quiet">not run</span>',
        html(n.reason),
      ]),
    ]),
  );
  const untaken = untakenWords(section);
  if (untaken.length > 0)
    out.push(
      '<p>Taken by no scenario:</p>',
      `<ul>${untaken.map((words) => `<li>${html(words)}</li>`).join('')}</ul>`,
    );
  return out;
}

function htmlVerdict(decision: DecisionRow): string {
  return decision.verdict
    .map((part) =>
      part.tone === 'fault'
        ? `<strong class="verdict-broken">${html(part.text)}</strong>`
        : `<span class="verdict-${part.tone}">${html(part.text)}</span>`,
    )
    .join(' · ');
}

function htmlDecisions(
  report: AuditReport,
  lineOf: ReadonlyMap<string, number>,
  h: Heading,
): string[] {
  const out = [h(2, `Decisions (${report.decisions.length})`)];
  if (report.decisions.length === 0) return [...out, '<p>This pathway has no decision.</p>'];
  const logic = report.logic;
  out.push(`<p>${html(logic ? DECISIONS_INTRO : NO_LOGIC)}</p>`);
  const target = (next: StepName | undefined): string =>
    next ? stepLink(next.id, lineOf.get(next.id) ?? next.line, { title: next.title }) : '—';
  for (const d of report.decisions) {
    const rows = d.branches.map((b) => [
      String(b.number),
      b.when === undefined ? '—' : html(b.when),
      ...(logic ? [b.if === undefined ? '—' : `<code class="condition">${html(b.if)}</code>`] : []),
      target(b.next),
    ]);
    if (d.otherwise)
      rows.push([
        'otherwise',
        `<em>${html(d.otherwise.label)}</em>`,
        ...(logic ? ['—'] : []),
        target(d.otherwise.next),
      ]);
    out.push(
      `<section class="decision">${h(3, `${stepLink(d.id, lineOf.get(d.id) ?? d.line, { title: d.title })} (${stepId(d.id)}, line ${d.line + 1})`)}`,
      ...(logic ? [`<p class="verdict">${htmlVerdict(d)}</p>`] : []),
      htmlTable('branches', branchColumns(logic), rows),
      '</section>',
    );
  }
  return out;
}

function htmlSubPathways(
  report: AuditReport,
  lineOf: ReadonlyMap<string, number>,
  h: Heading,
): string[] {
  if (report.subPathways.length === 0) return [];
  const out = [
    h(2, `Sub-pathways (${report.subPathways.length})`),
    `<p>${html(SUB_PATHWAYS_INTRO)}</p>`,
  ];
  const target = (next: StepName | undefined): string =>
    next ? stepLink(next.id, lineOf.get(next.id) ?? next.line, { title: next.title }) : '—';
  for (const row of report.subPathways) {
    out.push(
      `<section class="sub-pathway">${h(3, `${stepLink(row.id, lineOf.get(row.id) ?? row.line, { title: row.title })} (${stepId(row.id)}, line ${row.line + 1})`)}`,
      `<p>Uses ${html(usedWords(row))}${row.problem ? `: <strong class="verdict-broken">${html(row.problem)}</strong>` : ''}.</p>`,
      htmlTable(
        'sub-pathway-ends',
        SUB_PATHWAY_COLUMNS,
        endRows(row).map((r) => [html(r.end), target(r.next)]),
      ),
      '</section>',
    );
  }
  if (report.usedPathways.length > 0) {
    out.push(
      h(2, `Pathways used (${report.usedPathways.length})`),
      `<ul class="used-pathways">${report.usedPathways
        .map((u) => {
          const by = [
            ...u.steps.map((id) => `step ${stepLink(id, lineOf.get(id), 'id')}`),
            ...u.byPathways.map((path) => `the pathway in <code>${html(path)}</code>`),
          ].join(', ');
          return `<li>${u.title ? `“${html(u.title)}” ` : ''}${u.id ? `(<code>${html(u.id)}</code>), ` : ''}file <code>${html(u.path)}</code>: used by ${by}</li>`;
        })
        .join('')}</ul>`,
    );
  }
  return out;
}

export interface HtmlReportOptions {
  /** The flowchart (from the render pipeline), embedded as is. */
  readonly svg?: string;
  /** Extra CSS for the flowchart. */
  readonly diagramCss?: string;
}

/** A heading of the report at its level in the report (1 is the report's title). */
type Heading = (level: number, content: string) => string;

export interface ReportBodyOptions {
  /** The flowchart (from the render pipeline), embedded as is. */
  readonly svg?: string;
  /**
   * The report as one section of a page that has its own title, facts, chart and an entry
   * per step (the published site): no title, facts or chart of its own, its headings one
   * level lower, and no ids on its steps' rows, so that its links to a step
   * (`#step-…`) land on the page's own entry for the step and no id is used twice.
   */
  readonly embedded?: boolean;
}

/** The report's content, without the page around it (the editor serves it in its own page). */
export function reportBody(report: AuditReport, options: ReportBodyOptions = {}): string {
  return reportLines(report, options).join('\n');
}

/**
 * The report's content as its lines, for a page that joins them with its own (the published
 * site): a report's list of paths can be a megabyte, and is then joined once, with the page.
 */
export function reportLines(report: AuditReport, options: ReportBodyOptions = {}): string[] {
  const h = report.header;
  const embedded = options.embedded === true;
  const shift = embedded ? 1 : 0;
  const heading: Heading = (level, content) => `<h${level + shift}>${content}</h${level + shift}>`;
  // The id of a step's row or entry, where the report is the only entry for it.
  const anchor = (id: string): string => (embedded ? '' : ` id="${html(stepAnchor(id))}"`);
  const lineOf = new Map([...report.recommendations, ...report.steps].map((s) => [s.id, s.line]));
  const out: string[] = [];
  if (!embedded) {
    out.push(`<h1>Audit report: ${html(h.title)}</h1>`);
    out.push('<table class="meta">');
    for (const [label, value] of [
      ['Pathway id', h.id],
      ['Version', h.version],
      ['Status', h.status],
      ['Population', h.population],
      ['Report date', h.date],
    ] as const) {
      out.push(`<tr><th>${label}</th><td>${value ? html(value) : '—'}</td></tr>`);
    }
    out.push('</table>');
  }
  // Focusable, so that a keyboard can scroll a flowchart wider than the page.
  if (options.svg && !embedded)
    out.push(
      '<h2 id="flowchart">Flowchart</h2>',
      `<div class="flowchart" role="region" aria-labelledby="flowchart" tabindex="0">${options.svg}</div>`,
    );

  out.push(heading(2, `Recommendations (${report.recommendations.length})`));
  if (report.recommendations.length === 0)
    out.push('<p>This pathway makes no graded recommendation.</p>');
  else {
    // Each cell carries its column's name, shown above it where the row becomes a card.
    const columns = RECOMMENDATION_COLUMNS;
    out.push(
      `<table class="recommendations"><thead><tr>${columns.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>`,
    );
    for (const r of report.recommendations) {
      const cells = [
        ['', stepLink(r.id, r.line, 'id')],
        ['', html(r.title)],
        ['', html(grade(r))],
        [` class="certainty-${html(r.certainty ?? 'none')}"`, html(certainty(r.certainty))],
        ['', r.rationale ? html(r.rationale) : '—'],
        [
          '',
          r.citations.length > 0
            ? r.citations.map(htmlCitation).join('<br>')
            : '<span class="none">none</span>',
        ],
      ];
      out.push(
        `<tr${anchor(r.id)}>` +
          cells
            .map(([attrs, cell], i) => `<td${attrs} data-label="${columns[i]}">${cell}</td>`)
            .join('') +
          '</tr>',
      );
    }
    out.push('</tbody></table>');
  }

  out.push(
    ...htmlInputs(report, lineOf, heading),
    ...htmlDecisions(report, lineOf, heading),
    ...htmlSubPathways(report, lineOf, heading),
    ...htmlScenarios(report, lineOf, heading),
  );

  const count = report.pathCount;
  out.push(heading(2, 'Paths from start to end'));
  out.push(
    `<p>${
      count.capped
        ? `Counting stopped at ${count.counted} paths: there are at least that many. The first ${count.listed} are listed.`
        : !count.complete
          ? `There are ${count.counted} paths; the first ${count.listed} are listed.`
          : `There ${count.counted === 1 ? 'is 1 path' : `are ${count.counted} paths`}. A loop is followed once: no path repeats a step.`
    }</p>`,
  );
  for (const path of report.paths) {
    const decisions =
      path.decisions.length > 0
        ? `<ol>${path.decisions.map((d) => `<li>${stepLink(d.id, lineOf.get(d.id), { title: d.title })} → <em>${html(d.answer)}</em></li>`).join('')}</ol>`
        : '<p>No decision on the way.</p>';
    const recs =
      path.recommendations.length > 0
        ? `<ul>${path.recommendations.map((r) => `<li>${stepLink(r.id, lineOf.get(r.id), { title: r.title })} — ${html(grade(r))}, <span class="certainty-${html(r.certainty ?? 'none')}">${html(certainty(r.certainty))}</span></li>`).join('')}</ul>`
        : // A fact, not a fault: a path to an urgent referral rightly recommends nothing here.
          // Whether an end should have one is the gaps' question, further down.
          '<p class="quiet">No recommendation on this path.</p>';
    out.push(
      `<section class="path">${heading(3, `Path ${path.number}: ends at ${stepLink(path.end.id, lineOf.get(path.end.id), { title: path.end.title })}`)}`,
      `${heading(4, 'Decisions')}${decisions}${heading(4, 'Recommendations on the way')}${recs}</section>`,
    );
  }

  out.push(heading(2, `Other steps (${report.steps.length})`));
  if (report.steps.length > 0)
    out.push(
      `<ul class="steps">${report.steps
        .map(
          (s) =>
            `<li${anchor(s.id)}>${stepLink(s.id, s.line, 'id')} (${html(kindWords(s))}, line ${s.line + 1}): ${html(s.title)}${s.records.length > 0 ? ` — records ${s.records.map((id) => `<code>${html(id)}</code>`).join(', ')}` : ''}</li>`,
        )
        .join('')}</ul>`,
    );

  const g = report.gaps;
  out.push(heading(2, 'Evidence gaps'));
  const gap = (title: string, items: string[]): void => {
    out.push(
      heading(3, title),
      items.length > 0 ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p>None.</p>',
    );
  };
  gap(
    'Strong recommendations on low or very low certainty evidence',
    g.strongOnLowCertainty.map(
      (r) =>
        `${stepLink(r.id, r.line, { title: r.title })}: ${html(certainty(r.certainty))}${r.rationale ? `; rationale: ${html(r.rationale)}` : '; <span class="none">no rationale</span>'}`,
    ),
  );
  gap(
    'Recommendations resting only on low or very low certainty evidence',
    g.lowCertaintyOnly.map(
      (r) =>
        `${stepLink(r.id, r.line, { title: r.title })}: ${html(grade(r))}, ${html(certainty(r.certainty))}`,
    ),
  );
  gap(
    'Recommendations without citations',
    g.uncited.map((r) => stepLink(r.id, r.line, { title: r.title })),
  );
  gap('References nothing cites', g.unusedReferences.map(htmlCitation));
  gap(
    'Ends reached without any recommendation on the way',
    g.endsWithoutRecommendation.map((e) => stepLink(e.id, lineOf.get(e.id), { title: e.title })),
  );

  out.push(heading(2, 'Diagnostics'));
  const silenced = silencedNote(report);
  if (silenced) out.push(`<p>${html(silenced)}</p>`);
  else if (report.diagnostics.length === 0) out.push('<p>The checker found no problems.</p>');
  for (const group of report.diagnostics) {
    out.push(
      `${heading(3, `<code class="rule-code">${html(group.code)}</code> (${group.findings.length})`)}<p>${html(group.summary)}</p><ul>`,
      ...group.findings.map(
        (f) =>
          `<li class="severity-${f.severity}">line ${f.range.start.line + 1}, ${f.severity}: ${html(f.message)}</li>`,
      ),
      '</ul>',
    );
  }

  return out;
}

export function reportHtml(report: AuditReport, options: HtmlReportOptions = {}): string {
  const h = report.header;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Audit report: ${html(h.title)}</title>
<style>${REPORT_CSS}${options.diagramCss ?? ''}</style>
</head>
<body>
<main>
${reportBody(report, options.svg === undefined ? {} : { svg: options.svg })}
</main>
</body>
</html>
`;
}
