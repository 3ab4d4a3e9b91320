// One pathway's page on the published site: its title and facts, the flowchart (with the
// changes since an earlier revision drawn on it, when asked), those changes in words, the
// checker's findings, an entry per step with its detail and evidence, and the audit report.
// With it come the pathway's row in the index and the works it cites, for the references
// page: everything the site needs of one file, as plain data.
import type { Analysis } from '../analysis';
import { ruleDocUrl } from '../docs';
import { changedStep, diffPathways, type PathwayDiff } from '../diff/diff';
import { buildDiffDiagram } from '../diff/flowchart';
import { changeGroups, describeChange, type StepNamer } from '../diff/summary';
import { buildDiagram } from '../flowchart/diagram';
import { layoutDiagram } from '../flowchart/layout';
import { renderSvg } from '../flowchart/svg';
import { walkModel, type WalkModel, type WalkStep } from '../model/walkModel';
import { stepTitles } from '../model/walkTitles';
import {
  buildAuditReport,
  citationsOf,
  type AuditReport,
  type Citation,
  type DecisionRow,
  type SubPathwayRow,
} from '../report/audit';
import {
  certaintyWords,
  gradeWords,
  htmlCitation,
  reportLines,
  stepAnchor,
} from '../report/markup';
import { coveredShare, fileScenarios } from '../scenarios/results';
import { escapeXml } from '../text/xml';
import type { Finding, Severity } from '../types';
import type { SiteChange, SiteData } from './data';
import type { PathwayRow } from './indexPage';
import { counted, jsonAttribute, sitePage } from './layout';
import { renderMarkdown } from './markdown';
import type { CitedWork } from './referencesPage';

/** The version of the pathway at the revision the site is published against (`--since`). */
export type EarlierVersion =
  /** The file did not exist there. */
  | { readonly kind: 'new' }
  /** It did, but cannot be compared (not a pathway then, or not readable): why, in words. */
  | { readonly kind: 'not-compared'; readonly why: string }
  | { readonly kind: 'found'; readonly analysis: Analysis };

/** A pathway published in the same site that uses this one. */
export interface SiteUser {
  /** Its page's name (pathways/SLUG.html). */
  readonly slug: string;
  readonly title: string;
  /** Its path from the published root. */
  readonly file: string;
}

/** How this page reaches the other pages of the site, for its sub-pathways. */
export interface SiteLinks {
  /** Each published pathway's page name, by its path from the folder the command runs in. */
  readonly pages: Readonly<Record<string, string>>;
  /** The published pathways that use this one, in the site's order. */
  readonly usedBy: readonly SiteUser[];
}

export interface PathwayPageInput {
  /** The file's path from the published root, with `/` between folders. */
  readonly file: string;
  /** When the file last changed, as YYYY-MM-DD: the page's only date. */
  readonly lastChange: string;
  /** With `--since REV`: the revision's name, and the pathway as it was there. */
  readonly since?: { readonly label: string; readonly version: EarlierVersion };
  /** The site's other pages, for links to the pathways this one uses and is used by. */
  readonly links?: SiteLinks;
  /**
   * How a used file, known by its path from the folder `use` paths are read from, is named
   * on the page: from the published root, as `file` is. As it is when not given.
   */
  readonly pathShown?: (path: string) => string;
  /**
   * Lay out and draw the flowchart into the page (`--static-charts`), so that it shows
   * without script and in any printing pipeline. Otherwise the page carries the flowchart's
   * boxes and arrows, and its script lays them out and draws them when the page opens.
   */
  readonly staticChart?: boolean;
}

/** What the site needs of one pathway file: its page, its row in the index, the works it cites. */
export interface PublishedPathway {
  readonly page: string;
  readonly row: PathwayRow;
  readonly works: readonly CitedWork[];
}

const html = escapeXml;

const KIND_WORDS: Readonly<Record<string, string>> = {
  assessment: 'Assessment',
  action: 'Action',
  recommendation: 'Recommendation',
  decision: 'Decision',
  end: 'End',
  pathway: 'Sub-pathway',
};

/** A value of the file as part of a class name: a word the format knows, else "other". */
function classWord(value: string): string {
  return /^[a-z][a-z0-9-]*$/.test(value) ? value : 'other';
}

const SEVERITIES: readonly { severity: Severity; title: string }[] = [
  { severity: 'error', title: 'Errors' },
  { severity: 'warning', title: 'Warnings' },
  { severity: 'info', title: 'Information' },
];

/** The step whose block holds each line, for linking a finding to the step it is about. */
function stepOfLine(analysis: Analysis): (line: number) => string | undefined {
  const model = analysis.model;
  const blocks = [...(model?.steps.values() ?? [])].map((step) => ({
    id: step.id,
    first: analysis.parsed.lines.positionAt(step.keySpan.start).line,
    last: analysis.parsed.lines.positionAt(Math.max(step.node.span.end, step.keySpan.end)).line,
  }));
  return (line) => blocks.find((b) => line >= b.first && line <= b.last)?.id;
}

function stepLink(walk: ReadonlyMap<string, WalkStep>, id: string): string {
  const title = walk.get(id)?.title ?? id;
  return `<a href="#${html(stepAnchor(id))}">${html(title)}</a>`;
}

function metaList(report: AuditReport, input: PathwayPageInput): string {
  const h = report.header;
  const fact = (label: string, value: string): string =>
    `<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return [
    '<dl class="pw-meta">',
    fact('Pathway id', h.id ? `<code>${html(h.id)}</code>` : '—'),
    fact('Version', h.version ? html(h.version) : '—'),
    fact(
      'Status',
      `<span class="pw-status pw-status-${classWord(h.status)}">${html(h.status)}</span>`,
    ),
    fact('Population', h.population ? html(h.population) : '—'),
    fact(
      'Last change',
      `<time datetime="${html(input.lastChange)}">${html(input.lastChange)}</time>`,
    ),
    fact('Source file', `<code>${html(input.file)}</code>`),
    '</dl>',
  ].join('\n');
}

function contents(
  input: PathwayPageInput,
  findings: number,
  steps: number,
  related: boolean,
): string {
  const entries: [string, string][] = [['flowchart', 'Flowchart']];
  if (input.since) entries.push(['changes', `Changes since ${html(input.since.label)}`]);
  if (related) entries.push(['related', 'Uses and used by']);
  entries.push(
    ['findings', `Findings (${findings})`],
    ['steps', `Steps (${steps})`],
    ['report', 'Audit report'],
  );
  return `<nav class="pw-toc" aria-label="On this page"><ol>${entries
    .map(([id, words]) => `<li><a href="#${id}">${words}</a></li>`)
    .join('')}</ol></nav>`;
}

const LEGEND =
  'Decisions are diamonds, ends have rounded corners, recommendations carry a coloured band for the certainty of their evidence (green high, light green moderate, amber low, red very low) and a thicker border when strong; a dashed arrow is a decision’s otherwise route, and a faded step cannot be reached from the start.';

const DIFF_LEGEND =
  'Changes are drawn on the chart: steps and arrows added since the earlier version are outlined in green, changed steps in amber, and removed ones are shown faded with a dashed red outline.';

/**
 * Where the page's script draws the flowchart from the page's data: what the place says
 * until it has, and all it says to a reader without script.
 */
const CHART_TO_DRAW =
  '<p class="pw-chart-note" role="status">The flowchart is drawn here by the page’s script when the page opens. Every step is also listed, with its detail, under <a href="#steps">Steps</a>.</p>';

/** The flowchart's section: the chart drawn (`svg`), or the place the page's script draws it. */
function flowchartSection(svg: string | undefined, data: SiteData, compared: boolean): string {
  return [
    `<section id="flowchart" class="pw-flowchart" aria-labelledby="flowchart-title" data-pw="${jsonAttribute(data)}">`,
    '<h2 id="flowchart-title">Flowchart</h2>',
    svg === undefined
      ? `<div class="pw-chart pw-chart-to-draw">${CHART_TO_DRAW}</div>`
      : // Focusable, so that a keyboard can scroll a chart wider than the window.
        `<div class="pw-chart" tabindex="0" role="group" aria-label="The flowchart (scrolls when wider than the window)">${svg}</div>`,
    `<p class="pw-legend">${LEGEND}${compared ? ` ${DIFF_LEGEND}` : ''}</p>`,
    '</section>',
  ].join('\n');
}

function changesSection(
  input: PathwayPageInput,
  diff: PathwayDiff | undefined,
  walk: ReadonlyMap<string, WalkStep>,
  title: (id: string) => string | undefined,
): string {
  const since = input.since;
  if (!since) return '';
  const name = routeStepName(walk, title);
  const label = html(since.label);
  const out = [
    '<section id="changes" aria-labelledby="changes-title">',
    `<h2 id="changes-title">Changes since ${label}</h2>`,
  ];
  if (since.version.kind === 'new') {
    out.push(`<p>This pathway is new since ${label}: the file did not exist there.</p>`);
  } else if (since.version.kind === 'not-compared') {
    out.push(
      `<p>The version at ${label} cannot be compared with this one: ${html(since.version.why)}.</p>`,
    );
  } else if (!diff || diff.unchanged) {
    out.push(`<p>The recommendation logic is unchanged since ${label}.</p>`);
  } else {
    out.push(
      `<p>${html(counted(diff.changes.length, 'change'))} to the recommendation logic since ${label}. Each change to a step links to the step below.</p>`,
    );
    for (const group of changeGroups(diff, titled(title))) {
      out.push(`<h3>${html(group.title)}</h3>`, '<ul class="pw-changes">');
      for (const { change, sentence } of group.changes) {
        const id = changedStep(change);
        const link =
          id !== undefined && walk.has(id)
            ? ` <span class="pw-see">Step: ${stepLink(walk, id)}</span>`
            : '';
        const routes =
          change.type === 'scenario-route-changed'
            ? routesCompared(change.routeBefore, change.routeAfter, name)
            : '';
        out.push(`<li>${html(sentence)}${link}${routes}</li>`);
      }
      out.push('</ul>');
    }
  }
  out.push('</section>');
  return out.join('\n');
}

function findingsSection(analysis: Analysis, walk: ReadonlyMap<string, WalkStep>): string {
  const findings = analysis.findings;
  const stepAt = stepOfLine(analysis);
  const count = (severity: Severity): number =>
    findings.filter((f) => f.severity === severity).length;
  const out = [
    '<section id="findings" aria-labelledby="findings-title">',
    '<h2 id="findings-title">Findings</h2>',
  ];
  out.push(
    findings.length === 0
      ? '<p>The checker found no problems.</p>'
      : `<p>The checker found ${counted(count('error'), 'error')}, ${counted(count('warning'), 'warning')} and ${counted(count('info'), 'info')}.</p>`,
  );
  const silenced = analysis.suppressed.length;
  if (silenced > 0)
    out.push(
      `<p>${silenced === 1 ? '1 more problem is' : `${silenced} more problems are`} silenced by “# pathway-disable” comments in the file and not listed here.</p>`,
    );
  for (const { severity, title } of SEVERITIES) {
    const group = findings.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    out.push(`<h3>${title} (${group.length})</h3>`, `<ul class="pw-findings">`);
    for (const finding of group) out.push(findingItem(finding, stepAt, walk));
    out.push('</ul>');
  }
  out.push('</section>');
  return out.join('\n');
}

function findingItem(
  finding: Finding,
  stepAt: (line: number) => string | undefined,
  walk: ReadonlyMap<string, WalkStep>,
): string {
  const line = finding.range.start.line;
  const step = stepAt(line);
  const where = step !== undefined && walk.has(step) ? ` (step ${stepLink(walk, step)})` : '';
  return `<li class="severity-${finding.severity}"><a class="pw-rule" href="${html(ruleDocUrl(finding.code))}">${html(finding.code)}</a>, line ${line + 1}: ${html(finding.message)}${where}</li>`;
}

/** The ways out of a decision: each branch's words and condition, whole, and where it leads. */
function decisionWays(decision: DecisionRow, walk: ReadonlyMap<string, WalkStep>): string {
  const target = (next: { id: string } | undefined): string =>
    next && walk.has(next.id) ? stepLink(walk, next.id) : '<span class="none">no step</span>';
  const branches = decision.branches.map(
    (b) =>
      `<li><span class="pw-when">${b.when === undefined ? `Branch ${b.number}` : html(b.when)}</span>${b.if === undefined ? '' : ` <span class="pw-if">if <code class="condition">${html(b.if)}</code></span>`} → ${target(b.next)}</li>`,
  );
  const out = ['<h4>Ways out</h4>'];
  if (decision.match === 'first')
    out.push('<p class="pw-match">The first branch that holds is taken, in the order listed.</p>');
  if (branches.length > 0) out.push(`<ol class="pw-ways">${branches.join('')}</ol>`);
  if (decision.otherwise)
    out.push(
      `<p class="pw-otherwise">Otherwise (<em>${html(decision.otherwise.label)}</em>) → ${target(decision.otherwise.next)}</p>`,
    );
  else if (branches.length === 0) out.push('<p>This decision has no way out.</p>');
  return out.join('');
}

/** How the page names a used file known by its path from the run's root. */
type Shown = (path: string) => string;

/** The report with every used file named as the page names it. */
function withPathsShown(report: AuditReport, shown: Shown): AuditReport {
  if (report.subPathways.length === 0) return report;
  return {
    ...report,
    subPathways: report.subPathways.map((row) =>
      row.path === undefined ? row : { ...row, path: shown(row.path) },
    ),
    usedPathways: report.usedPathways.map((row) => ({
      ...row,
      path: shown(row.path),
      byPathways: row.byPathways.map(shown),
    })),
  };
}

/**
 * How a sentence about a change names a step, for readers who know steps by their titles:
 * the title, in curly quotes; a step this version no longer has, by its id.
 */
function titled(title: (id: string) => string | undefined): StepNamer {
  return (id) => {
    const known = title(id);
    return known === undefined ? `"${id}"` : `“${known}”`;
  };
}

/**
 * How a changed route names a step: its title, linked to its entry on the page; a step of a
 * used pathway by its title there; a step gone from this version by its id.
 */
function routeStepName(
  walk: ReadonlyMap<string, WalkStep>,
  title: (id: string) => string | undefined,
): (id: string) => string {
  return (id) => {
    if (walk.has(id)) return stepLink(walk, id);
    const known = title(id);
    return known === undefined ? `<code>${html(id)}</code>` : html(known);
  };
}

/**
 * A scenario's route now and before, told from where they part: the steps both share at the
 * start said once, then each version's own way on.
 */
function routesCompared(before: string, after: string, name: (id: string) => string): string {
  const was = before === '' ? [] : before.split(' → ');
  const now = after === '' ? [] : after.split(' → ');
  let shared = 0;
  while (shared < was.length && shared < now.length && was[shared] === now[shared]) shared++;
  const way = (ids: readonly string[]): string =>
    ids.length === 0 ? 'it stops there' : ids.map(name).join(' → ');
  const items =
    shared === 0
      ? [`Route now: ${way(now)}`, `Route before: ${way(was)}`]
      : [
          `As before as far as ${name(now[shared - 1] ?? '')} (${counted(shared, 'step')})`,
          `Then now: ${way(now.slice(shared))}`,
          `Then before: ${way(was.slice(shared))}`,
        ];
  return `<ul class="pw-routes">${items.map((item) => `<li>${item}</li>`).join('')}</ul>`;
}

/** The used pathway of a sub-pathway step, named, and linked to its page when the site has one. */
function usedPathwayLink(row: SubPathwayRow, links: SiteLinks | undefined, shown: Shown): string {
  const file = row.path === undefined ? row.use : shown(row.path);
  const name = row.used?.title ?? file ?? 'no file given';
  const slug = row.path === undefined ? undefined : links?.pages[row.path];
  const named =
    slug === undefined
      ? `<span class="pw-used">${html(name)}</span>`
      : `<a class="pw-used" href="${html(encodeURIComponent(slug))}.html">${html(name)}</a>`;
  return `${named}${file !== undefined && file !== name ? ` <code>${html(file)}</code>` : ''}`;
}

/** A sub-pathway step's entry: the pathway it uses, then where each of its ends leads. */
function subPathwayWays(
  row: SubPathwayRow,
  walk: ReadonlyMap<string, WalkStep>,
  links: SiteLinks | undefined,
  shown: Shown,
): string {
  const target = (next: { id: string } | undefined): string =>
    next && walk.has(next.id) ? stepLink(walk, next.id) : '<span class="none">no step</span>';
  const out = [
    `<p class="pw-uses">Uses ${usedPathwayLink(row, links, shown)}${row.problem ? ` <span class="none">(${html(row.problem)})</span>` : ''}</p>`,
    '<h4>Ways out</h4>',
  ];
  const ends = row.ends.map(
    (e) =>
      `<li>At its end <span class="pw-when">${html(e.title ?? e.end)}</span> → ${target(e.next)}</li>`,
  );
  ends.push(
    `<li><span class="pw-when">${ends.length > 0 ? 'At any other end' : 'At its end'}</span> → ${target(row.next)}</li>`,
  );
  out.push(`<ul class="pw-ways">${ends.join('')}</ul>`);
  return out.join('');
}

/**
 * The pathways this one uses (with a link to each one's page in the site) and the published
 * pathways that use it; empty when there are neither.
 */
function relatedSection(report: AuditReport, links: SiteLinks | undefined, shown: Shown): string {
  const usedBy = links?.usedBy ?? [];
  if (report.subPathways.length === 0 && usedBy.length === 0) return '';
  const out = [
    '<section id="related" aria-labelledby="related-title">',
    '<h2 id="related-title">Uses and used by</h2>',
  ];
  if (report.subPathways.length > 0) {
    const seen = new Set<string>();
    const items: string[] = [];
    for (const row of report.subPathways) {
      const key = row.path ?? `\n${row.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const steps = report.subPathways
        .filter((other) => (other.path ?? `\n${other.id}`) === key)
        .map((other) => `<a href="#${html(stepAnchor(other.id))}">${html(other.title)}</a>`);
      items.push(`<li>${usedPathwayLink(row, links, shown)}, at ${steps.join(', ')}</li>`);
    }
    out.push('<h3>Uses</h3>', `<ul class="pw-uses-list">${items.join('')}</ul>`);
  }
  if (usedBy.length > 0)
    out.push(
      '<h3>Used by</h3>',
      `<ul class="pw-used-by">${usedBy
        .map(
          (user) =>
            `<li><a href="${html(encodeURIComponent(user.slug))}.html">${html(user.title)}</a> <code>${html(user.file)}</code></li>`,
        )
        .join('')}</ul>`,
    );
  out.push('</section>');
  return out.join('\n');
}

function stepArticle(
  analysis: Analysis,
  step: WalkStep,
  context: {
    readonly walk: ReadonlyMap<string, WalkStep>;
    readonly model: WalkModel;
    readonly report: AuditReport;
    readonly links: SiteLinks | undefined;
    readonly shown: Shown;
  },
): string {
  const source = analysis.model?.steps.get(step.id);
  const kind = KIND_WORDS[step.kind] ?? 'Step of no known kind';
  const facts = [`<span class="pw-kind">${kind}</span>`, `<code>${html(step.id)}</code>`];
  if (context.model.start === step.id)
    facts.push('<span class="pw-start">where care starts</span>');
  const out = [
    `<article class="pw-step pw-kind-${classWord(step.kind)}" id="${html(stepAnchor(step.id))}" data-step="${html(step.id)}">`,
    `<h3>${html(step.title)}</h3>`,
    `<p class="pw-step-facts">${facts.join(' · ')}</p>`,
  ];
  const detail = source?.node.entries?.get('detail')?.value;
  if (typeof detail === 'string' && detail.trim() !== '')
    out.push(`<div class="pw-detail">${renderMarkdown(detail)}</div>`);

  const row = context.report.recommendations.find((r) => r.id === step.id);
  if (row) {
    const fact = (label: string, value: string, attrs = ''): string =>
      `<div><dt>${label}</dt><dd${attrs}>${value}</dd></div>`;
    out.push(
      '<dl class="pw-grade">',
      fact('Direction and strength', html(gradeWords(row))),
      fact(
        'Certainty of evidence',
        html(certaintyWords(row.certainty)),
        ` class="certainty-${classWord(row.certainty ?? 'none')}"`,
      ),
      fact('Rationale', row.rationale ? html(row.rationale) : '—'),
      '</dl>',
    );
  }
  const citations = source ? citationsOf(analysis, source) : [];
  if (citations.length > 0)
    out.push(
      '<h4>Evidence</h4>',
      `<ol class="pw-citations">${citations.map((c) => `<li>${htmlCitation(c)}</li>`).join('')}</ol>`,
    );
  else if (row)
    out.push('<p class="pw-citations"><span class="none">No evidence cited.</span></p>');

  if (step.records && step.records.length > 0) {
    const inputs = new Map((context.model.inputs ?? []).map((input) => [input.id, input]));
    const records = step.records.map((id) => {
      const input = inputs.get(id);
      const unit = input?.unit ? ` (${html(input.unit)})` : '';
      return `<li>${html(input?.title ?? id)}${unit} <code>${html(id)}</code></li>`;
    });
    out.push('<h4>Records</h4>', `<ul class="pw-records">${records.join('')}</ul>`);
  }

  const decision = context.report.decisions.find((d) => d.id === step.id);
  const subPathway = context.report.subPathways.find((p) => p.id === step.id);
  if (decision) out.push(decisionWays(decision, context.walk));
  else if (subPathway)
    out.push(subPathwayWays(subPathway, context.walk, context.links, context.shown));
  else if (step.kind === 'end') {
    if (step.outcome)
      out.push(`<p class="pw-outcome"><strong>Outcome:</strong> ${html(step.outcome)}</p>`);
  } else if (step.exits.length > 0) {
    out.push(
      `<p class="pw-next">Next: ${step.exits.map((exit) => stepLink(context.walk, exit.to)).join(', ')}</p>`,
    );
  }
  out.push('</article>');
  return out.join('\n');
}

/** The works the pathway cites, each with the steps that cite it, in the order first cited. */
function citedWorks(analysis: Analysis, walk: WalkModel): CitedWork[] {
  const works = new Map<string, { citation: Citation; citedBy: CitedWork['citedBy'][number][] }>();
  for (const step of walk.steps) {
    const source = analysis.model?.steps.get(step.id);
    if (!source) continue;
    for (const citation of citationsOf(analysis, source)) {
      if (!citation.found) continue;
      const work = works.get(citation.id) ?? { citation, citedBy: [] };
      if (!work.citedBy.some((c) => c.step === step.id))
        work.citedBy.push({
          step: step.id,
          anchor: stepAnchor(step.id),
          title: step.title,
          kind: step.kind,
        });
      works.set(citation.id, work);
    }
  }
  return [...works.values()];
}

function scenarioCounts(analysis: Analysis): Pick<PathwayRow, 'scenarios' | 'coverage'> {
  const { model, parsed } = analysis;
  if (!model)
    return {
      scenarios: { passed: 0, failed: 0, stuck: 0, notRun: 0 },
      coverage: { covered: 0, total: 0 },
    };
  const found = fileScenarios(
    model,
    parsed.text,
    (offset) => parsed.lines.positionAt(offset).line + 1,
  );
  const count = (status: string): number => found.results.filter((r) => r.status === status).length;
  return {
    scenarios: {
      passed: count('passed'),
      failed: count('failed'),
      stuck: count('stuck'),
      notRun: found.notRun.length,
    },
    coverage: coveredShare(found.coverage),
  };
}

/** How many findings of each severity a file has. */
export function findingCounts(findings: readonly Finding[]): PathwayRow['findings'] {
  const count = (severity: Severity): number =>
    findings.filter((f) => f.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

function changesWords(
  since: PathwayPageInput['since'],
  diff: PathwayDiff | undefined,
): string | undefined {
  if (!since) return undefined;
  switch (since.version.kind) {
    case 'new':
      return 'new';
    case 'not-compared':
      return 'not compared';
    case 'found':
      return !diff || diff.unchanged ? 'unchanged' : counted(diff.changes.length, 'change');
  }
}

/**
 * The page of an analysed pathway (one `whyNotAPathway` accepts), its row in the index and
 * the works it cites. The same analysis and input always give the same page.
 */
export async function publishPathway(
  analysis: Analysis,
  input: PathwayPageInput,
): Promise<PublishedPathway> {
  const report = buildAuditReport(analysis, { date: input.lastChange });
  const walk = walkModel(analysis);
  const steps = new Map(walk.steps.map((step) => [step.id, step]));
  const earlier = input.since?.version;
  const diff = earlier?.kind === 'found' ? diffPathways(earlier.analysis, analysis) : undefined;
  // Steps named by their titles in what the page says of the changes, the chart's included.
  const titles = stepTitles(walk);
  const titleOf = (id: string): string | undefined => titles.get(id);
  const named = titled(titleOf);
  const diagram =
    earlier?.kind === 'found' && diff
      ? buildDiffDiagram(earlier.analysis, analysis, diff, named)
      : buildDiagram(analysis);
  // Laid out here only when asked: a layout costs several times the rest of the page, and a
  // reader's browser lays out just the pages it opens.
  const svg = input.staticChart
    ? renderSvg(await layoutDiagram(diagram), { legend: false })
    : undefined;
  const title = report.header.title;
  const changes: SiteChange[] | undefined = diff?.changes.map((change) => {
    const stepId = changedStep(change);
    return {
      type: change.type,
      description: describeChange(change, named),
      ...(stepId !== undefined && steps.has(stepId) ? { stepId } : {}),
    };
  });
  const data: SiteData = {
    title,
    walk,
    ...(svg === undefined ? { diagram } : {}),
    ...(input.since && changes ? { changes: { otherLabel: input.since.label, changes } } : {}),
  };
  const shown: Shown = input.pathShown ?? ((file) => file);
  const context = { walk: steps, model: walk, report, links: input.links, shown };
  const related = relatedSection(report, input.links, shown);
  const main = [
    `<h1>${html(title)}</h1>`,
    metaList(report, input),
    contents(input, analysis.findings.length, walk.steps.length, related !== ''),
    flowchartSection(svg, data, diff !== undefined && !diff.unchanged),
    changesSection(input, diff, steps, titleOf),
    related,
    findingsSection(analysis, steps),
    '<section id="steps" aria-labelledby="steps-title">',
    '<h2 id="steps-title">Steps</h2>',
    ...walk.steps.map((step) => stepArticle(analysis, step, context)),
    '</section>',
    '<section id="report" aria-labelledby="report-title">',
    '<h2 id="report-title">Audit report</h2>',
  ].filter((part) => part !== '');
  // The report's lines join the page's as they are: the page is joined once, when made.
  main.push(...reportLines(withPathsShown(report, shown), { embedded: true }), '</section>');
  const h = report.header;
  const changesColumn = changesWords(input.since, diff);
  return {
    page: sitePage({ kind: 'pathway', title, root: '../', main }),
    row: {
      file: input.file,
      title,
      id: h.id,
      version: h.version,
      status: h.status,
      population: h.population,
      lastChange: input.lastChange,
      findings: findingCounts(analysis.findings),
      ...scenarioCounts(analysis),
      ...(changesColumn === undefined ? {} : { changes: changesColumn }),
    },
    works: citedWorks(analysis, walk),
  };
}
