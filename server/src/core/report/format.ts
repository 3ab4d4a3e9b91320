import { escapeXml } from '../preview/escape';
import { markdownCode, oneLine } from '../text/markdown';
import type { AuditReport, Citation, RecommendationRow, ReportPath } from './audit';

/** A Map, not an object: a certainty written as "constructor" must find nothing. */
const CERTAINTY_WORDS = new Map<string, string>([
  ['high', 'High ⊕⊕⊕⊕'],
  ['moderate', 'Moderate ⊕⊕⊕◯'],
  ['low', 'Low ⊕⊕◯◯'],
  ['very-low', 'Very low ⊕◯◯◯'],
]);

function certainty(value: string | undefined): string {
  return value ? (CERTAINTY_WORDS.get(value) ?? value) : 'not graded';
}

function grade(row: RecommendationRow): string {
  const direction = row.direction === 'against' ? 'Against' : 'For';
  return `${direction}, ${row.strength ?? 'no strength given'}`;
}

function doiUrl(doi: string): string {
  return `https://doi.org/${encodeURI(doi)}`;
}

function pubmedUrl(pmid: string): string {
  return `https://pubmed.ncbi.nlm.nih.gov/${encodeURIComponent(pmid)}/`;
}

function safeUrl(url: string): string | undefined {
  return /^https?:\/\/\S+$/i.test(url) ? url : undefined;
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

// ---------------------------------------------------------------- Markdown

/** Escapes text for Markdown, one line (table cells included). */
function md(value: string): string {
  return (
    oneLine(value)
      // The characters that start Markdown formatting, links, HTML or a table cell.
      .replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`)
  );
}

/** A URL that cannot end its Markdown link early: brackets and parentheses percent-encoded. */
function mdUrl(url: string): string {
  return url.replace(
    /[<>()[\]\s]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
  );
}

function mdCitation(c: Citation): string {
  if (!c.found) return `${md(c.id)} (no such reference)`;
  const parts = [c.title ? `${md(c.title)}.` : md(c.id)];
  if (c.source) parts.push(`${md(c.source)}.`);
  if (c.year && !(c.source ?? '').includes(c.year)) parts.push(`${md(c.year)}.`);
  if (c.doi) parts.push(`[doi:${md(c.doi)}](${mdUrl(doiUrl(c.doi))})`);
  if (c.pmid && /^\d+$/.test(c.pmid)) parts.push(`[PubMed ${c.pmid}](${pubmedUrl(c.pmid)})`);
  const url = c.url ? safeUrl(c.url) : undefined;
  if (url) parts.push(`<${mdUrl(url)}>`);
  return parts.join(' ');
}

function mdPath(path: ReportPath): string[] {
  const route =
    path.decisions.length > 0
      ? path.decisions.map((d) => `${md(d.title)} → *${md(d.answer)}*`).join('; ')
      : 'no decision on the way';
  const recs =
    path.recommendations.length > 0
      ? path.recommendations
          .map((r) => `${md(r.title)} (${md(grade(r))}; ${md(certainty(r.certainty))})`)
          .join('; ')
      : '**none**';
  return [
    `### Path ${path.number}: ends at “${md(path.end.title)}” (${markdownCode(path.end.id)})`,
    '',
    `- Decisions: ${route}`,
    `- Recommendations on the way: ${recs}`,
    `- Steps: ${path.steps.map((s) => markdownCode(s)).join(' → ')}`,
    '',
  ];
}

export function reportMarkdown(report: AuditReport): string {
  const h = report.header;
  const lines: string[] = [
    `# Audit report: ${md(h.title)}`,
    '',
    `| | |`,
    `|---|---|`,
    `| Pathway id | ${h.id ? md(h.id) : '—'} |`,
    `| Version | ${h.version ? md(h.version) : '—'} |`,
    `| Status | ${md(h.status)} |`,
    `| Population | ${h.population ? md(h.population) : '—'} |`,
    `| Report date | ${md(h.date)} |`,
    '',
    `## Recommendations (${report.recommendations.length})`,
    '',
  ];
  if (report.recommendations.length === 0)
    lines.push('This pathway makes no graded recommendation.', '');
  else {
    lines.push(
      '| Step | Recommendation | Direction and strength | Certainty | Rationale | Evidence |',
      '|---|---|---|---|---|---|',
    );
    for (const r of report.recommendations) {
      lines.push(
        `| ${markdownCode(r.id, { inTable: true })} (line ${r.line + 1}) | ${md(r.title)} | ${md(grade(r))} | ${md(certainty(r.certainty))} | ${r.rationale ? md(r.rationale) : '—'} | ${r.citations.length > 0 ? r.citations.map(mdCitation).join('<br>') : '**none**'} |`,
      );
    }
    lines.push('');
  }

  const count = report.pathCount;
  lines.push(`## Paths from start to end`, '');
  if (count.capped) {
    lines.push(
      `Counting stopped at ${count.counted} paths: there are at least that many. The first ${count.listed} are listed.`,
      '',
    );
  } else if (!count.complete) {
    lines.push(`There are ${count.counted} paths; the first ${count.listed} are listed.`, '');
  } else {
    lines.push(
      `There ${count.counted === 1 ? 'is 1 path' : `are ${count.counted} paths`}. A loop is followed once: no path repeats a step.`,
      '',
    );
  }
  for (const path of report.paths) lines.push(...mdPath(path));

  const g = report.gaps;
  lines.push('## Evidence gaps', '');
  const gap = (title: string, items: string[]): void => {
    lines.push(
      `### ${title}`,
      '',
      ...(items.length > 0 ? items.map((i) => `- ${i}`) : ['None.']),
      '',
    );
  };
  gap(
    'Strong recommendations on low or very low certainty evidence',
    g.strongOnLowCertainty.map(
      (r) =>
        `${md(r.title)} (${markdownCode(r.id)}): ${md(certainty(r.certainty))}${r.rationale ? `; rationale: ${md(r.rationale)}` : '; **no rationale**'}`,
    ),
  );
  gap(
    'Recommendations resting only on low or very low certainty evidence',
    g.lowCertaintyOnly.map(
      (r) =>
        `${md(r.title)} (${markdownCode(r.id)}): ${md(grade(r))}, ${md(certainty(r.certainty))}`,
    ),
  );
  gap(
    'Recommendations without citations',
    g.uncited.map((r) => `${md(r.title)} (${markdownCode(r.id)})`),
  );
  gap('References nothing cites', g.unusedReferences.map(mdCitation));
  gap(
    'Ends reached without any recommendation on the way',
    g.endsWithoutRecommendation.map((e) => `${md(e.title)} (${markdownCode(e.id)})`),
  );

  lines.push('## Diagnostics', '');
  const silenced = silencedNote(report);
  if (silenced) lines.push(silenced, '');
  else if (report.diagnostics.length === 0) lines.push('The checker found no problems.', '');
  for (const group of report.diagnostics) {
    lines.push(`### \`${group.code}\` (${group.findings.length})`, '', md(group.summary), '');
    for (const f of group.findings)
      lines.push(`- line ${f.range.start.line + 1}, ${f.severity}: ${md(f.message)}`);
    lines.push('');
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------- HTML

function html(value: string): string {
  return escapeXml(value);
}

function htmlCitation(c: Citation): string {
  if (!c.found) return `${html(c.id)} <em>(no such reference)</em>`;
  const parts = [`<cite>${html(c.title ?? c.id)}</cite>.`];
  if (c.source) parts.push(`${html(c.source)}.`);
  if (c.year && !(c.source ?? '').includes(c.year)) parts.push(`${html(c.year)}.`);
  if (c.doi) parts.push(`<a href="${html(doiUrl(c.doi))}">doi:${html(c.doi)}</a>`);
  if (c.pmid && /^\d+$/.test(c.pmid))
    parts.push(`<a href="${html(pubmedUrl(c.pmid))}">PubMed ${html(c.pmid)}</a>`);
  const url = c.url ? safeUrl(c.url) : undefined;
  if (url) parts.push(`<a href="${html(url)}">${html(url)}</a>`);
  return parts.join(' ');
}

/** A step name that an embedding page (the editor) can turn into a jump to the source. */
function stepLink(id: string, line: number | undefined, label: string): string {
  return `<a class="step-link" href="#step-${html(id)}" data-step="${html(id)}"${line === undefined ? '' : ` data-line="${line}"`}>${html(label)}</a>`;
}

/** The report's look; the editor's report page carries it in its own style sheet. */
export const REPORT_CSS = `
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 24px; color: #1f2328; background: #fff; line-height: 1.45; }
h1 { font-size: 22px; } h2 { font-size: 18px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 32px; } h3 { font-size: 15px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; } th, td { border: 1px solid #d0d7de; padding: 6px 8px; vertical-align: top; text-align: left; }
th { background: #f6f8fa; } .meta th { width: 12em; } code { font-size: 12px; }
.certainty-high { color: #1a7f37; } .certainty-moderate { color: #4d7c0f; } .certainty-low { color: #9a6700; } .certainty-very-low { color: #cf222e; }
.none { color: #cf222e; font-weight: 600; } .path { break-inside: avoid; margin-bottom: 12px; } .flowchart { overflow: auto; }
.severity-error { color: #cf222e; } .severity-warning { color: #9a6700; }
@media print { body { margin: 0; } a { color: inherit; text-decoration: none; } .flowchart svg { max-width: 100%; height: auto; } h2 { break-after: avoid; } }
`;

export interface HtmlReportOptions {
  /** The flowchart (from the render pipeline), embedded as is. */
  readonly svg?: string;
  /** Extra CSS for the flowchart. */
  readonly diagramCss?: string;
}

/** The report's content, without the page around it (the editor serves it in its own page). */
export function reportBody(
  report: AuditReport,
  options: Pick<HtmlReportOptions, 'svg'> = {},
): string {
  const h = report.header;
  const lineOf = new Map(report.recommendations.map((r) => [r.id, r.line]));
  const out: string[] = [];
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
  if (options.svg) out.push('<h2>Flowchart</h2>', `<div class="flowchart">${options.svg}</div>`);

  out.push(`<h2>Recommendations (${report.recommendations.length})</h2>`);
  if (report.recommendations.length === 0)
    out.push('<p>This pathway makes no graded recommendation.</p>');
  else {
    out.push(
      '<table><tr><th>Step</th><th>Recommendation</th><th>Direction and strength</th><th>Certainty</th><th>Rationale</th><th>Evidence</th></tr>',
    );
    for (const r of report.recommendations) {
      out.push(
        `<tr><td>${stepLink(r.id, r.line, r.id)}</td><td>${html(r.title)}</td><td>${html(grade(r))}</td>` +
          `<td class="certainty-${html(r.certainty ?? 'none')}">${html(certainty(r.certainty))}</td>` +
          `<td>${r.rationale ? html(r.rationale) : '—'}</td>` +
          `<td>${r.citations.length > 0 ? r.citations.map(htmlCitation).join('<br>') : '<span class="none">none</span>'}</td></tr>`,
      );
    }
    out.push('</table>');
  }

  const count = report.pathCount;
  out.push('<h2>Paths from start to end</h2>');
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
        ? `<ol>${path.decisions.map((d) => `<li>${stepLink(d.id, undefined, d.title)} → <em>${html(d.answer)}</em></li>`).join('')}</ol>`
        : '<p>No decision on the way.</p>';
    const recs =
      path.recommendations.length > 0
        ? `<ul>${path.recommendations.map((r) => `<li>${stepLink(r.id, lineOf.get(r.id), r.title)} — ${html(grade(r))}, <span class="certainty-${html(r.certainty ?? 'none')}">${html(certainty(r.certainty))}</span></li>`).join('')}</ul>`
        : '<p class="none">No recommendation on this path.</p>';
    out.push(
      `<section class="path"><h3>Path ${path.number}: ends at ${stepLink(path.end.id, undefined, path.end.title)}</h3>`,
      `<h4>Decisions</h4>${decisions}<h4>Recommendations on the way</h4>${recs}</section>`,
    );
  }

  const g = report.gaps;
  out.push('<h2>Evidence gaps</h2>');
  const gap = (title: string, items: string[]): void => {
    out.push(
      `<h3>${title}</h3>`,
      items.length > 0 ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p>None.</p>',
    );
  };
  gap(
    'Strong recommendations on low or very low certainty evidence',
    g.strongOnLowCertainty.map(
      (r) =>
        `${stepLink(r.id, r.line, r.title)}: ${html(certainty(r.certainty))}${r.rationale ? `; rationale: ${html(r.rationale)}` : '; <span class="none">no rationale</span>'}`,
    ),
  );
  gap(
    'Recommendations resting only on low or very low certainty evidence',
    g.lowCertaintyOnly.map(
      (r) =>
        `${stepLink(r.id, r.line, r.title)}: ${html(grade(r))}, ${html(certainty(r.certainty))}`,
    ),
  );
  gap(
    'Recommendations without citations',
    g.uncited.map((r) => stepLink(r.id, r.line, r.title)),
  );
  gap('References nothing cites', g.unusedReferences.map(htmlCitation));
  gap(
    'Ends reached without any recommendation on the way',
    g.endsWithoutRecommendation.map((e) => stepLink(e.id, undefined, e.title)),
  );

  out.push('<h2>Diagnostics</h2>');
  const silenced = silencedNote(report);
  if (silenced) out.push(`<p>${html(silenced)}</p>`);
  else if (report.diagnostics.length === 0) out.push('<p>The checker found no problems.</p>');
  for (const group of report.diagnostics) {
    out.push(
      `<h3><code>${html(group.code)}</code> (${group.findings.length})</h3><p>${html(group.summary)}</p><ul>`,
      ...group.findings.map(
        (f) =>
          `<li class="severity-${f.severity}">line ${f.range.start.line + 1}, ${f.severity}: ${html(f.message)}</li>`,
      ),
      '</ul>',
    );
  }

  return out.join('\n');
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
${reportBody(report, options.svg === undefined ? {} : { svg: options.svg })}
</body>
</html>
`;
}
