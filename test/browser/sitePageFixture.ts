// A published pathway page as `pathway publish` writes it (the core's `publishPathway`, the
// very function the command runs), for one analysed pathway, in a site folder of its own with
// the site's script and style sheet (dist/site) in assets/, so that the page script can be
// tested in Chromium on the real page. A test may replace the page's `data-pw` to see how
// the script takes data that is missing or broken.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escapeXml, type Analysis } from '../../server/src/core';
import type { SiteData } from '../../server/src/core/site/data';
import { publishPathway } from '../../server/src/core/site/pathwayPage';
import { ROOT } from './browser';

export interface SitePageOptions {
  /** The earlier version the page shows its changes since (`--since`), and its label. */
  readonly since?: { readonly analysis: Analysis; readonly label: string };
  /** The `data-pw` attribute as written, instead of the pathway's data (to test a broken one). */
  readonly rawData?: string | null;
  /** The chart drawn into the page (`--static-charts`), not left to the page's script. */
  readonly staticChart?: boolean;
}

/** The page's `data-pw` attribute: the SiteData the page hands its script. */
const DATA_ATTRIBUTE = / data-pw="([^"]*)"/;

/** An attribute's text as the browser reads it (the page escapes it with the core's escaper). */
function unescapeAttribute(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, name: string) => {
    const lower = name.toLowerCase();
    if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
    if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[lower] ?? '';
  });
}

/**
 * Writes SITE/pathways/<slug>.html (and SITE/assets/) for `analysis` in a new temporary
 * folder; returns the page's path and the data it carries. The folder is the caller's to remove.
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

  const published = await publishPathway(analysis, {
    file: `${slug}.pathway.yaml`,
    lastChange: '2026-12-01',
    ...(options.staticChart ? { staticChart: true } : {}),
    ...(options.since
      ? {
          since: {
            label: options.since.label,
            version: { kind: 'found', analysis: options.since.analysis } as const,
          },
        }
      : {}),
  });
  let html = published.page;
  const written = DATA_ATTRIBUTE.exec(html)?.[1];
  if (written === undefined) throw new Error('the published page carries no data-pw attribute');
  const data = JSON.parse(unescapeAttribute(written)) as SiteData;
  if (options.rawData !== undefined) {
    const replacement = options.rawData === null ? '' : ` data-pw="${escapeXml(options.rawData)}"`;
    html = html.replace(DATA_ATTRIBUTE, () => replacement);
  }
  const page = path.join(site, 'pathways', `${slug}.html`);
  fs.writeFileSync(page, html);
  return { site, page, data };
}
