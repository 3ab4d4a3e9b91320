// The frame of every page of the published site: the policy that keeps it from running or
// fetching anything but its own script and style sheet, the site's navigation, and the
// script at the end of the body.
import { escapeXml } from '../text/xml';

/**
 * What a page may load: its own script and style sheet (from the site's assets folder) and
 * `data:` pictures, nothing from elsewhere, no inline script or style, no form or base URL.
 */
export const SITE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/** The kinds of page, as each names itself in its body's `data-page`. */
export type SitePageKind = 'index' | 'pathway' | 'references';

export interface SitePage {
  readonly kind: SitePageKind;
  /** The page's title (from a pathway: escaped here). */
  readonly title: string;
  /** The way from the page to the site's root: '' at the root, '../' in pathways/. */
  readonly root: '' | '../';
  /**
   * The content of `<main>`, already markup: one string, or its lines (joined here, once,
   * so that a large page is not copied whole at each level that builds it).
   */
  readonly main: string | readonly string[];
}

/** The site's own links, at the top of every page; the page itself is marked current. */
function siteNav(kind: SitePageKind, root: string): string {
  const link = (href: string, words: string, current: boolean): string =>
    `<a href="${root}${href}"${current ? ' aria-current="page"' : ''}>${words}</a>`;
  return [
    '<header class="site-header">',
    '<nav aria-label="Site"><ul>',
    `<li>${link('index.html', 'All pathways', kind === 'index')}</li>`,
    `<li>${link('references.html', 'References', kind === 'references')}</li>`,
    '</ul></nav>',
    '</header>',
  ].join('\n');
}

/** A whole page of the site. */
export function sitePage(page: SitePage): string {
  const { kind, root } = page;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${SITE_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeXml(page.title)}</title>`,
    `<link rel="stylesheet" href="${root}assets/site.css">`,
    '</head>',
    `<body data-page="${kind}">`,
    '<a class="skip-link" href="#main">Skip to the content</a>',
    siteNav(kind, root),
    '<main id="main">',
    ...(typeof page.main === 'string' ? [page.main] : page.main),
    '</main>',
    `<script src="${root}assets/site.js"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A count with its noun: "1 error", "2 errors". */
export function counted(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * A value as the `data-*` attribute a page script parses: JSON, with the controls JSON
 * leaves as they are (DEL and C1) written as escapes so that the escaper keeps them, then
 * escaped for the attribute.
 */
export function jsonAttribute(value: unknown): string {
  const json = JSON.stringify(value).replace(
    /[\u007f-\u009f\ufffe\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escapeXml(json);
}
