// The published site's front page: every pathway found, with what a panel member asks first
// (status, version, population, when it last changed, what the checker found, how its
// scenarios fare, and what changed since the revision asked for), filtered as they type.
import type { Analysis } from '../analysis';
import { escapeXml } from '../text/xml';
import { counted, sitePage } from './layout';

/** One pathway file as the index lists it. */
export interface PathwayRow {
  /** The file's path from the published root, with `/` between folders. */
  readonly file: string;
  /** The pathway's title (the file's path when it has no page). */
  readonly title: string;
  readonly id: string | undefined;
  readonly version: string | undefined;
  readonly status: string | undefined;
  readonly population: string | undefined;
  /** YYYY-MM-DD, when known. */
  readonly lastChange: string | undefined;
  readonly findings: { readonly errors: number; readonly warnings: number; readonly infos: number };
  readonly scenarios: {
    readonly passed: number;
    readonly failed: number;
    readonly stuck: number;
    readonly notRun: number;
  };
  /** Branches, otherwise routes and ends taken by some scenario, of all there are. */
  readonly coverage: { readonly covered: number; readonly total: number };
  /** With `--since`: "new", "unchanged", "3 changes" or "not compared". */
  readonly changes?: string;
  /** Why the file has no page: it cannot be read, or not as a pathway. */
  readonly unpublished?: string;
}

/** A row and the page it links to (none when the file has no page). */
export interface IndexEntry {
  readonly slug: string | undefined;
  readonly row: PathwayRow;
}

const html = escapeXml;

/** The row of a file that gets no page, saying why; its findings when it was analysed. */
export function unpublishedRow(
  file: string,
  why: string,
  analysis: Analysis | undefined,
  lastChange: string | undefined,
): PathwayRow {
  const findings = analysis?.findings ?? [];
  const count = (severity: string): number =>
    findings.filter((f) => f.severity === severity).length;
  return {
    file,
    title: file,
    id: undefined,
    version: undefined,
    status: undefined,
    population: undefined,
    lastChange,
    findings: { errors: count('error'), warnings: count('warning'), infos: count('info') },
    scenarios: { passed: 0, failed: 0, stuck: 0, notRun: 0 },
    coverage: { covered: 0, total: 0 },
    unpublished: why,
  };
}

function findingsCell(findings: PathwayRow['findings']): string {
  if (findings.errors + findings.warnings + findings.infos === 0) return 'none';
  const part = (count: number, one: string, severity: string): string =>
    count > 0
      ? `<span class="severity-${severity}">${counted(count, one)}</span>`
      : counted(count, one);
  return [
    part(findings.errors, 'error', 'error'),
    part(findings.warnings, 'warning', 'warning'),
    part(findings.infos, 'info', 'info'),
  ].join(', ');
}

function scenariosCell(s: PathwayRow['scenarios']): string {
  if (s.passed + s.failed + s.stuck + s.notRun === 0) return 'none';
  const bad = (count: number, words: string): string =>
    count > 0 ? `<strong class="verdict-broken">${count} ${words}</strong>` : `${count} ${words}`;
  const parts = [`${s.passed} passed`, bad(s.failed, 'failed'), bad(s.stuck, 'stuck')];
  if (s.notRun > 0) parts.push(`${s.notRun} not run`);
  return parts.join(', ');
}

function coverageCell(coverage: PathwayRow['coverage']): string {
  if (coverage.total === 0) return '—';
  const share = Math.floor((coverage.covered / coverage.total) * 100);
  return `${coverage.covered} of ${coverage.total} (${share}%)`;
}

/** The words the filter matches a row by, lower-cased. */
function filterWords(row: PathwayRow): string {
  return [
    row.title,
    row.file,
    row.id,
    row.status,
    row.version,
    row.population,
    row.lastChange,
    row.changes,
    row.unpublished ? 'not published' : undefined,
  ]
    .filter((word): word is string => word !== undefined && word !== '')
    .join(' ')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

function rowMarkup(entry: IndexEntry, since: string | undefined): string {
  const { row, slug } = entry;
  const cell = (label: string, content: string, attrs = ''): string =>
    `<td data-label="${label}"${attrs}>${content}</td>`;
  const name =
    slug === undefined
      ? `<span class="pw-row-title">${html(row.title)}</span><p class="pw-unpublished"><strong>Not published:</strong> ${html(row.unpublished ?? 'no page')}</p>`
      : `<a class="pw-row-title" href="pathways/${html(slug)}.html">${html(row.title)}</a><p class="pw-file"><code>${html(row.file)}</code></p>`;
  const status = row.status
    ? `<span class="pw-status pw-status-${/^[a-z]+$/.test(row.status) ? row.status : 'other'}">${html(row.status)}</span>`
    : '—';
  const cells = [
    `<th scope="row" data-label="Pathway">${name}</th>`,
    cell('Status', status),
    cell('Version', row.version ? html(row.version) : '—'),
    cell('Population', row.population ? html(row.population) : '—'),
    cell('Last change', row.lastChange ? html(row.lastChange) : '—', ' class="pw-date"'),
    cell('Findings', findingsCell(row.findings)),
    cell('Scenarios', scenariosCell(row.scenarios)),
    cell('Branch coverage', coverageCell(row.coverage)),
  ];
  if (since !== undefined) cells.push(cell(`Since ${html(since)}`, html(row.changes ?? '—')));
  return `<tr data-filter="${html(filterWords(row))}">${cells.join('')}</tr>`;
}

/**
 * The index: every pathway file found, in the site's order. `since` names the revision the
 * site was published against, when it was.
 */
export function indexPage(entries: readonly IndexEntry[], since: string | undefined): string {
  const published = entries.filter((e) => e.slug !== undefined).length;
  const unpublished = entries.length - published;
  const columns = [
    'Pathway',
    'Status',
    'Version',
    'Population',
    'Last change',
    'Findings',
    'Scenarios',
    'Branch coverage',
    ...(since === undefined ? [] : [`Since ${html(since)}`]),
  ];
  const intro = [
    `${counted(published, 'pathway')} published`,
    unpublished > 0
      ? `; ${counted(unpublished, 'file is', 'files are')} listed without a page, with the reason`
      : '',
    '.',
    since === undefined ? '' : ` Changes are shown since ${html(since)}.`,
    ' Branch coverage is the share of branches, otherwise routes and ends that some scenario takes.',
  ].join('');
  const main = [
    '<h1>Clinical pathways</h1>',
    `<p>${intro}</p>`,
    // Shown by the page script: without it there is nothing to filter with.
    '<div class="pw-filter" hidden>',
    '<label for="pw-filter">Filter pathways</label>',
    '<input type="search" id="pw-filter" aria-controls="pw-pathways" autocomplete="off" spellcheck="false">',
    '</div>',
    '<p id="pw-filter-status" role="status" aria-live="polite"></p>',
    '<table id="pw-pathways" class="pw-pathways">',
    `<thead><tr>${columns.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>`,
    `<tbody>${entries.map((entry) => rowMarkup(entry, since)).join('\n')}</tbody>`,
    '</table>',
  ].join('\n');
  return sitePage({ kind: 'index', title: 'Clinical pathways', root: '', main });
}
