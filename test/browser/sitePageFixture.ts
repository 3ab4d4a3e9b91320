// A published pathway page written as SITE-CONTRACT.md describes one, from a real pathway, so
// that the page script can be tested in Chromium: the picture the preview draws (the
// comparison's with --since), the SiteData in `data-pw`, one plain `article.pw-step` per step,
// and the site's script and style sheet (dist/site) in assets/. It stands in for a page that
// `pathway publish` writes; a test may as well open one of those.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  buildDiffDiagram,
  changedStep,
  describeChange,
  diffPathways,
  escapeXml,
  layoutDiagram,
  renderSvg,
  walkModel,
  type Analysis,
} from '../../server/src/core';
import { stepAnchor } from '../../server/src/core/report/markup';
import type { SiteData } from '../../server/src/core/site/data';
import { ROOT } from './browser';
import { previewSvg } from './pathways';

const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

export interface SitePageOptions {
  /** The earlier version the page shows its changes since (`--since`), and its label. */
  readonly since?: { readonly analysis: Analysis; readonly label: string };
  /** The `data-pw` attribute as written, instead of the pathway's data (to test a broken one). */
  readonly rawData?: string | null;
}

/** One step's entry, built simply: its title, kind, grade and rationale, and its ways out. */
function entry(data: SiteData, id: string): string {
  const step = data.walk.steps.find((s) => s.id === id);
  if (!step) return '';
  const title = (id: string): string => data.walk.steps.find((s) => s.id === id)?.title ?? id;
  const r = step.recommendation;
  const ways = step.exits.map(
    (exit) =>
      `<li>${exit.answer === undefined ? '' : `${escapeXml(exit.answer)}: `}<a href="#${escapeXml(stepAnchor(exit.to))}">${escapeXml(title(exit.to))}</a></li>`,
  );
  return [
    `<article class="pw-step" id="${escapeXml(stepAnchor(id))}" data-step="${escapeXml(id)}">`,
    `<h3>${escapeXml(step.title)}</h3>`,
    `<p class="pw-kind">${escapeXml(step.kind)}</p>`,
    r ? `<p>Certainty: ${escapeXml(r.certainty ?? 'not graded')}</p>` : '',
    typeof r?.rationale === 'string' ? `<p>${escapeXml(r.rationale)}</p>` : '',
    step.outcome === undefined ? '' : `<p>Outcome: ${escapeXml(step.outcome)}</p>`,
    ways.length > 0 ? `<h4>Ways out</h4><ul>${ways.join('')}</ul>` : '',
    '</article>',
  ].join('\n');
}

/**
 * Writes SITE/pathways/<slug>.html (and SITE/assets/) for `analysis` in a new temporary
 * folder; returns the page's path. The folder is the caller's to remove.
 */
export async function writeSitePage(
  slug: string,
  analysis: Analysis,
  options: SitePageOptions = {},
): Promise<{ readonly site: string; readonly page: string; readonly data: SiteData }> {
  const site = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-site-'));
  fs.mkdirSync(path.join(site, 'assets'));
  fs.mkdirSync(path.join(site, 'pathways'));
  for (const file of ['site.js', 'site.css'])
    fs.copyFileSync(path.join(ROOT, 'dist', 'site', file), path.join(site, 'assets', file));

  const walk = walkModel(analysis);
  let svg: string;
  let changes: SiteData['changes'];
  if (options.since) {
    const diff = diffPathways(options.since.analysis, analysis);
    const diagram = buildDiffDiagram(options.since.analysis, analysis, diff);
    svg = renderSvg(await layoutDiagram(diagram), { legend: false });
    changes = {
      otherLabel: options.since.label,
      changes: diff.changes.map((change) => {
        const stepId = changedStep(change);
        return {
          type: change.type,
          description: describeChange(change),
          ...(stepId === undefined ? {} : { stepId }),
        };
      }),
    };
  } else svg = await previewSvg(analysis);
  const title = analysis.model?.root.entries?.get('title')?.value;
  const data: SiteData = {
    title: typeof title === 'string' ? title : slug,
    walk,
    ...(changes ? { changes } : {}),
  };
  const raw = options.rawData === undefined ? JSON.stringify(data) : options.rawData;
  const dataAttribute = raw === null ? '' : ` data-pw="${escapeXml(raw)}"`;
  const changesSection = changes
    ? `<section id="changes"><h2>Changes since ${escapeXml(changes.otherLabel)}</h2><ul>${changes.changes.map((c) => `<li>${escapeXml(c.description)}</li>`).join('')}</ul></section>`
    : '';

  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(data.title)}</title>
<link rel="stylesheet" href="../assets/site.css">
</head>
<body data-page="pathway">
<a class="skip-link" href="#main">Skip to the content</a>
<header class="site-header"><nav aria-label="Site"><a href="../index.html">Pathways</a> <a href="../references.html">References</a></nav></header>
<main id="main">
<h1>${escapeXml(data.title)}</h1>
<section id="flowchart" class="pw-flowchart" aria-labelledby="flowchart-title"${dataAttribute}>
<h2 id="flowchart-title">Flowchart</h2>
<div class="pw-chart">
${svg}
</div>
</section>
${changesSection}
<section id="steps"><h2>Steps</h2>
${walk.steps.map((step) => entry(data, step.id)).join('\n')}
</section>
</main>
<script src="../assets/site.js"></script>
</body>
</html>
`;
  const page = path.join(site, 'pathways', `${slug}.html`);
  fs.writeFileSync(page, html);
  return { site, page, data };
}
