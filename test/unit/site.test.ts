// The published site's pages as the core writes them: text from a pathway only ever as text,
// a detail's Markdown that cannot run, style or fetch anything, page names that stay put, and
// each cited work once on the references page.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, buildAuditReport, type Analysis } from '../../server/src/core';
import { reportBody } from '../../server/src/core/report/markup';
import type { Citation } from '../../server/src/core/report/audit';
import type { SiteData } from '../../server/src/core/site/data';
import { indexPage, unpublishedRow } from '../../server/src/core/site/indexPage';
import { SITE_CSP } from '../../server/src/core/site/layout';
import { isSafeLink, renderMarkdown } from '../../server/src/core/site/markdown';
import { publishPathway, type PathwayPageInput } from '../../server/src/core/site/pathwayPage';
import {
  mergeWorks,
  referencesPage,
  type PathwayWorks,
} from '../../server/src/core/site/referencesPage';
import { baseSlug, siteSlugs } from '../../server/src/core/site/slug';
import {
  HOSTILE_TEXT,
  MARKDOWN_STRINGS,
  MARKUP_STRINGS,
  hostilePathway,
} from '../support/hostileText';
import { EXAMPLES, ROOT } from '../support/paths';
import { analyzeWithFiles } from '../support/withFiles';

const HOSTILE_FILE = path.join(ROOT, 'test', 'inputs', 'hostile.pathway.yaml');

/** A file with the bibliographies it names, as `pathway publish` reads it. */
function read(file: string): Analysis {
  return analyzeWithFiles(file);
}

const INPUT: PathwayPageInput = { file: 'guidelines/a.pathway.yaml', lastChange: '2001-02-03' };

/** One tag of a page: its name and its attributes. */
interface Tag {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
}

/**
 * The tags of markup the site writes (double-quoted attributes, or none). Text from a file is
 * escaped, so every `<` in the page must open one of these or close one; anything else fails.
 */
function tagsOf(html: string): Tag[] {
  const tags: Tag[] = [];
  const pattern =
    /<(?:!DOCTYPE html|\/[a-zA-Z][\w-]*|([a-zA-Z][\w-]*)((?:\s+[^\s=>"'/]+(?:="[^"<>]*")?)*)\s*\/?)>/gy;
  let at = 0;
  for (let lt = html.indexOf('<'); lt >= 0; lt = html.indexOf('<', at)) {
    pattern.lastIndex = lt;
    const match = pattern.exec(html);
    assert.ok(match, `markup the site does not write at ${lt}: ${html.slice(lt, lt + 80)}`);
    at = pattern.lastIndex;
    if (!match[1]) continue;
    const attributes = new Map<string, string>();
    for (const a of (match[2] ?? '').matchAll(/([^\s=>"'/]+)(?:="([^"]*)")?/g))
      attributes.set(a[1] ?? '', a[2] ?? '');
    tags.push({ name: match[1].toLowerCase(), attributes });
  }
  return tags;
}

const PAGE_TAGS = new Set(
  (
    'html head meta title link body a header nav ul ol li main h1 h2 h3 h4 h5 h6 dl dt dd div ' +
    'span code time section p article label input table thead tbody tr th td em strong cite br script pre ' +
    's blockquote hr svg desc defs marker path g rect polygon line text tspan'
  ).split(' '),
);

const ATTRIBUTES =
  /^(class|id|href|rel|role|tabindex|lang|charset|http-equiv|content|name|scope|datetime|src|for|type|hidden|autocomplete|spellcheck|xmlns|viewBox|width|height|d|points|x|y|x1|y1|x2|y2|rx|refX|refY|markerWidth|markerHeight|orient|transform|text-anchor|marker-end|start|data-[a-z-]+|aria-[a-z]+)$/;

/** What no page may hold, whatever the file says: each a string naming what is wrong. */
function pageProblems(html: string): string[] {
  const problems: string[] = [];
  const tags = tagsOf(html);
  for (const tag of tags) {
    if (!PAGE_TAGS.has(tag.name)) problems.push(`<${tag.name}>`);
    for (const [name, value] of tag.attributes) {
      if (!ATTRIBUTES.test(name)) problems.push(`<${tag.name} ${name}>`);
      if (
        name === 'href' &&
        !/^(#|\.\.\/|[a-z0-9_-]+\.html|pathways\/|assets\/|https?:\/\/|mailto:)/i.test(value)
      )
        problems.push(`<${tag.name} href="${value}">`);
    }
  }
  const scripts = tags.filter((t) => t.name === 'script');
  if (
    scripts.length !== 1 ||
    !/^(\.\.\/)?assets\/site\.js$/.test(scripts[0]?.attributes.get('src') ?? '')
  )
    problems.push(`scripts: ${scripts.map((s) => s.attributes.get('src')).join(', ')}`);
  const policies = tags.filter((t) => t.attributes.get('http-equiv') === 'Content-Security-Policy');
  if (policies.length !== 1 || policies[0]?.attributes.get('content') !== SITE_CSP)
    problems.push('the Content-Security-Policy');
  const ids = tags.map((t) => t.attributes.get('id')).filter((id) => id !== undefined);
  const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
  if (twice.length > 0) problems.push(`ids used twice: ${[...new Set(twice)].join(', ')}`);
  return problems;
}

/** Markup entities back to text, as a browser reads an attribute. */
function unescape(value: string): string {
  return value
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function siteData(page: string): SiteData {
  const section = tagsOf(page).find((t) => t.attributes.get('id') === 'flowchart');
  return JSON.parse(unescape(section?.attributes.get('data-pw') ?? '')) as SiteData;
}

describe('the published site: pages from the core', function () {
  this.timeout(120_000);

  describe('a pathway page', () => {
    it('holds the parts its script relies on: the frame, the sections, an entry per step', async () => {
      const analysis = read(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'));
      const { page } = await publishPathway(analysis, INPUT);
      assert.deepEqual(pageProblems(page), []);
      assert.match(page, /^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">/);
      assert.match(page, /<body data-page="pathway">/);
      assert.match(page, /<link rel="stylesheet" href="\.\.\/assets\/site\.css">/);
      assert.match(page, /<script src="\.\.\/assets\/site\.js"><\/script>\n<\/body>/);
      const tags = tagsOf(page);
      const ids = tags.map((t) => t.attributes.get('id'));
      for (const id of ['main', 'flowchart', 'flowchart-title', 'findings', 'steps', 'report'])
        assert.ok(ids.includes(id), id);
      assert.ok(!ids.includes('changes'), 'no changes section without --since');
      const steps = tags.filter((t) => t.name === 'article');
      assert.deepEqual(
        steps.map((t) => t.attributes.get('data-step')),
        [...(analysis.model?.steps.keys() ?? [])],
      );
      for (const step of steps)
        assert.equal(step.attributes.get('id'), `step-${step.attributes.get('data-step')}`);
      const data = siteData(page);
      assert.equal(
        data.title,
        'Back-related leg pain — spinal manipulation plus home exercise and advice',
      );
      assert.equal(data.walk.start, 'history-and-exam');
      assert.equal(data.walk.steps.length, steps.length);
      assert.equal(data.changes, undefined);
    });

    it('says when the file last changed, and no other date: the same file gives the same page', async () => {
      const analysis = read(path.join(EXAMPLES, 'stepped-care-radiating-lbp.pathway.yaml'));
      const first = await publishPathway(analysis, INPUT);
      const again = await publishPathway(
        read(path.join(EXAMPLES, 'stepped-care-radiating-lbp.pathway.yaml')),
        INPUT,
      );
      assert.equal(first.page, again.page);
      assert.match(first.page, /<time datetime="2001-02-03">2001-02-03<\/time>/);
      const dates = new Set(first.page.match(/\b\d{4}-\d{2}-\d{2}\b/g));
      assert.deepEqual([...dates], ['2001-02-03']);
    });

    it('carries its flowchart as data for its script, every step and arrow, or drawn in with staticChart', async () => {
      const analysis = read(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'));
      const steps = [...(analysis.model?.steps.keys() ?? [])];
      const { page } = await publishPathway(analysis, INPUT);
      // No drawing in the page: a note where the script draws it, pointing to the steps.
      assert.ok(!page.includes('<svg'), 'no chart drawn into the page');
      assert.match(
        page,
        /<div class="pw-chart pw-chart-to-draw"><p class="pw-chart-note" role="status">The flowchart is drawn here by the page’s script when the page opens\. Every step is also listed, with its detail, under <a href="#steps">Steps<\/a>\.<\/p><\/div>/,
      );
      const diagram = siteData(page).diagram;
      assert.ok(diagram, 'the data carries the diagram');
      assert.deepEqual(
        diagram.nodes.map((node) => node.id),
        steps,
      );
      assert.ok(diagram.nodes.every((node) => node.width > 0 && node.height > 0));
      assert.ok(diagram.edges.some((edge) => edge.label !== undefined));

      const drawn = await publishPathway(analysis, { ...INPUT, staticChart: true });
      assert.deepEqual(pageProblems(drawn.page), []);
      assert.equal(siteData(drawn.page).diagram, undefined, 'no diagram beside a drawn chart');
      assert.ok(!drawn.page.includes('pw-chart-note'));
      const drawnSteps = tagsOf(drawn.page)
        .filter((t) => t.name === 'g' && t.attributes.get('class')?.startsWith('node '))
        .map((t) => t.attributes.get('data-step'));
      assert.deepEqual(drawnSteps, steps);
      // Apart from the chart and the diagram in the data, the two pages say the same.
      const withoutChart = (html: string): string =>
        html
          .replace(/ data-pw="[^"]*"/, '')
          .replace(
            /<div class="pw-chart[^]*?<\/div>\n<p class="pw-legend">/,
            '<p class="pw-legend">',
          );
      assert.equal(withoutChart(drawn.page), withoutChart(page));
      const { diagram: carried, ...rest } = siteData(page);
      assert.ok(carried);
      assert.deepEqual(siteData(drawn.page), rest);
    });

    it('shows the hostile pathway’s markup and script as text: no tag, attribute or link of its own', async () => {
      const analysis = read(HOSTILE_FILE);
      const { page: drawnPage } = await publishPathway(analysis, { ...INPUT, staticChart: true });
      assert.deepEqual(pageProblems(drawnPage), []);
      assert.ok(drawnPage.includes('&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
      const { page, row } = await publishPathway(analysis, INPUT);
      assert.deepEqual(pageProblems(page), []);
      for (const raw of [
        '<script>alert(1)</script>',
        '<img src=x onerror=alert(1)>',
        '<b>bold</b>',
        '" onmouseover="alert(1)" x="',
      ])
        assert.ok(!page.includes(raw), raw);
      assert.ok(page.includes('&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;'));
      assert.ok(!/href="javascript:/i.test(page));
      assert.equal(row.title, '</svg><script>alert(1)</script>');
      assert.equal(siteData(page).title, '</svg><script>alert(1)</script>');
    });

    it('every hostile string, in every field of a pathway, reaches the page as text', async () => {
      const failures: string[] = [];
      for (const text of HOSTILE_TEXT) {
        // With the chart as data, and drawn into the page.
        for (const staticChart of [false, true]) {
          const { page } = await publishPathway(analyze(hostilePathway(text)), {
            ...INPUT,
            staticChart,
          });
          const problems = pageProblems(page);
          const named = `${JSON.stringify(text)}${staticChart ? ' (chart drawn in)' : ''}`;
          if (problems.length > 0) failures.push(`${named}: ${problems.join('; ')}`);
          if (MARKUP_STRINGS.includes(text) && text.includes('<') && page.includes(text))
            failures.push(`${named}: written as it is`);
        }
      }
      assert.deepEqual(failures, []);
    });

    it('names the changes since an earlier version, each about a step linking to its entry', async () => {
      const before = read(path.join(ROOT, 'test', 'diff', 'base.pathway.yaml'));
      const after = read(path.join(ROOT, 'test', 'diff', 'panel-edit.pathway.yaml'));
      const { page, row } = await publishPathway(after, {
        ...INPUT,
        since: { label: 'v1.0', version: { kind: 'found', analysis: before } },
      });
      assert.deepEqual(pageProblems(page), []);
      assert.match(page, /<h2 id="changes-title">Changes since v1\.0<\/h2>/);
      const data = siteData(page);
      assert.equal(data.changes?.otherLabel, 'v1.0');
      assert.ok((data.changes?.changes.length ?? 0) > 0);
      assert.match(row.changes ?? '', /^\d+ changes?$/);
      const steps = new Set(after.model?.steps.keys());
      for (const change of data.changes?.changes ?? [])
        if (change.stepId !== undefined) assert.ok(steps.has(change.stepId), change.stepId);
      // A change to a step of this version links to its entry.
      const linked = data.changes?.changes.find((c) => c.stepId !== undefined);
      assert.ok(linked);
      assert.match(
        page,
        new RegExp(`<span class="pw-see">Step: <a href="#step-${linked.stepId ?? ''}">`),
      );
    });

    it("tells a scenario's changed route from where it parts, each step by its title", async () => {
      const file = path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml');
      const text = fs.readFileSync(file, 'utf8');
      // Before the shared red-flag screen was added, the history led straight on.
      const earlier = text.replace(
        '    records: [weeks]\n    next: red-flag-screen\n',
        '    records: [weeks]\n    next: duration\n',
      );
      assert.notEqual(earlier, text);
      const { page } = await publishPathway(read(file), {
        ...INPUT,
        since: {
          label: 'v1.0',
          version: { kind: 'found', analysis: analyzeWithFiles(file, earlier) },
        },
      });
      assert.deepEqual(pageProblems(page), []);
      const at = page.indexOf('Scenario &quot;smt-responder&quot;');
      assert.ok(at >= 0);
      const routes = page.slice(page.indexOf('<ul class="pw-routes">', at));
      const items = [...routes.slice(0, routes.indexOf('</ul>')).matchAll(/<li>(.*?)<\/li>/g)].map(
        (m) => m[1],
      );
      assert.deepEqual(items.slice(0, 1), [
        'As before as far as <a href="#step-history-and-exam">History and examination to confirm the leg pain comes from the back</a> (1 step)',
      ]);
      // The way on now goes through the screen: the used pathway's steps by their titles.
      assert.match(
        items[1] ?? '',
        /^Then now: <a href="#step-red-flag-screen">Screen for red flags<\/a> → Ask about and examine for red flags → Any red flag for serious pathology\? → No red flag found → <a href="#step-duration">/,
      );
      assert.match(items[2] ?? '', /^Then before: <a href="#step-duration">/);
      assert.doesNotMatch(routes.slice(0, routes.indexOf('</ul>')), /red-flag-screen\//);
      // The sentences about ends name the end and the steps on the way by their titles.
      assert.match(
        page,
        /End “Discharge with a home exercise plan” is reached by 2 routes \(was 2\), 2 changed: some now go through “Screen for red flags”, “Ask about and examine for red flags”, “Any red flag for serious pathology\?” and “No red flag found”\./,
      );
      assert.doesNotMatch(page.replace(/data-pw="[^"]*"/g, ''), /&quot;red-flag-screen\//);
    });

    it('says a file is new since the revision, or why it cannot be compared', async () => {
      const analysis = read(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml'));
      const added = await publishPathway(analysis, {
        ...INPUT,
        since: { label: 'HEAD', version: { kind: 'new' } },
      });
      assert.match(added.page, /This pathway is new since HEAD/);
      assert.equal(added.row.changes, 'new');
      const broken = await publishPathway(analysis, {
        ...INPUT,
        since: { label: 'HEAD', version: { kind: 'not-compared', why: 'it <was> empty' } },
      });
      assert.match(broken.page, /cannot be compared with this one: it &lt;was&gt; empty\./);
      assert.equal(broken.row.changes, 'not compared');
    });
  });

  describe('a detail in Markdown', () => {
    it('keeps lists, emphasis, tables and http(s) links, with rel="noopener noreferrer"', () => {
      const html = renderMarkdown(
        '- **Offer** *advice*\n- see [the trial](https://example.org/t?a=1&b=2) or <mailto:panel@example.org>\n\n| a | b |\n|--:|:-:|\n| 1 | 2 |',
      );
      assert.match(html, /<ul>\n<li><strong>Offer<\/strong> <em>advice<\/em><\/li>/);
      assert.match(
        html,
        /<a href="https:\/\/example\.org\/t\?a=1&amp;b=2" rel="noopener noreferrer">the trial<\/a>/,
      );
      assert.match(html, /<a href="mailto:panel@example\.org" rel="noopener noreferrer">/);
      assert.match(html, /<th class="pw-align-right">a<\/th>/);
      assert.match(html, /<td class="pw-align-center">2<\/td>/);
      assert.doesNotMatch(html, /style=/);
    });

    it('shows script and raw HTML as text', () => {
      assert.equal(
        renderMarkdown('<script>alert(1)</script>'),
        '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>',
      );
      assert.equal(
        renderMarkdown('<b onmouseover=alert(1)>bold</b>'),
        '<p>&lt;b onmouseover=alert(1)&gt;bold&lt;/b&gt;</p>',
      );
      assert.equal(renderMarkdown('<!-- hidden -->'), '<p>&lt;!-- hidden --&gt;</p>');
      assert.equal(
        renderMarkdown('<div>\n<img src=x onerror=alert(1)>\n</div>'),
        '<p>&lt;div&gt;\n&lt;img src=x onerror=alert(1)&gt;\n&lt;/div&gt;</p>',
      );
    });

    it('links nothing but http(s) and mailto: javascript:, data:, relative paths and anchors stay words', () => {
      for (const [markdown, words] of [
        ['[click](javascript:alert(1))', '[click](javascript:alert(1))'],
        ['[click](JAVASCRIPT:alert(1))', '[click](JAVASCRIPT:alert(1))'],
        ['[click](data:text/html,x)', '[click](data:text/html,x)'],
        ['[click](vbscript:x)', '[click](vbscript:x)'],
        ['[click](file:///etc/passwd)', '[click](file:///etc/passwd)'],
        ['[click](/etc/passwd)', '[click](/etc/passwd)'],
        ['[click](#steps)', '[click](#steps)'],
        ['[click](//evil.example/x)', '[click](//evil.example/x)'],
        ['[click]()', 'click'],
        ['<javascript:alert(1)>', '&lt;javascript:alert(1)&gt;'],
      ] as const) {
        const html = renderMarkdown(markdown);
        assert.doesNotMatch(html, /<a /, markdown);
        assert.equal(html, `<p>${words}</p>`, markdown);
      }
      assert.doesNotMatch(renderMarkdown('[click][r]\n\n[r]: javascript:alert(1)'), /<a /);
    });

    it('loads no image: it becomes a link to it, or its words alone', () => {
      assert.equal(
        renderMarkdown('![pixel](https://evil.example/pixel.png)'),
        '<p><a class="pw-image-link" href="https://evil.example/pixel.png" rel="noopener noreferrer">Image: pixel</a></p>',
      );
      assert.equal(
        renderMarkdown('![pixel](data:image/png;base64,AAAA)'),
        '<p>![pixel](data:image/png;base64,AAAA)</p>',
      );
      assert.equal(renderMarkdown('![x](javascript:alert(1))'), '<p>![x](javascript:alert(1))</p>');
    });

    it('puts its headings under the step’s heading, never skipping a level', () => {
      const html = renderMarkdown('# One\n\n### Three\n\n## Two\n\n###### Six');
      assert.deepEqual(
        [...html.matchAll(/<(h\d)>/g)].map((m) => m[1]),
        ['h4', 'h5', 'h5', 'h6'],
      );
    });

    it('every hostile string gives markup the site writes, with safe links only', () => {
      const failures: string[] = [];
      for (const text of [...MARKUP_STRINGS, ...MARKDOWN_STRINGS]) {
        const html = renderMarkdown(text);
        for (const tag of tagsOf(html)) {
          if (!PAGE_TAGS.has(tag.name) || tag.name === 'script')
            failures.push(`${JSON.stringify(text)}: <${tag.name}>`);
          for (const [name, value] of tag.attributes) {
            if (!/^(href|rel|class|start)$/.test(name))
              failures.push(`${JSON.stringify(text)}: ${name}`);
            if (name === 'href' && !isSafeLink(value))
              failures.push(`${JSON.stringify(text)}: ${value}`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });
  });

  describe('page names', () => {
    it('come from the path: the ending left off, folders joined with --, other characters as _', () => {
      assert.equal(baseSlug('brlp-manipulation.pathway.yaml'), 'brlp-manipulation');
      assert.equal(baseSlug('guidelines/Back pain.pathway.yml'), 'guidelines--Back_pain');
      assert.equal(baseSlug('a/b/c.PATHWAY.YAML'), 'a--b--c');
      assert.equal(baseSlug('Rückenschmerz (v2).pathway.yaml'), 'R_ckenschmerz__v2_');
      assert.equal(baseSlug('named-anyhow.yaml'), 'named-anyhow');
    });

    it('two files with one name are told apart by a number, never taking another file’s name', () => {
      assert.deepEqual(
        siteSlugs([
          'a b.pathway.yaml',
          'a_b.pathway.yaml',
          'a_b-2.pathway.yaml',
          'A_B.pathway.yaml',
        ]),
        ['a_b', 'a_b-3', 'a_b-2', 'A_B-4'],
      );
      assert.deepEqual(siteSlugs(['x.pathway.yaml', 'y.pathway.yaml']), ['x', 'y']);
    });
  });

  describe('the references page', () => {
    const citation = (fields: Partial<Citation>): Citation => ({
      id: 'ref',
      title: undefined,
      source: undefined,
      year: undefined,
      doi: undefined,
      pmid: undefined,
      url: undefined,
      found: true,
      ...fields,
    });
    const by = (step: string) => ({
      step,
      anchor: `step-${step}`,
      title: `Step ${step}`,
      kind: 'recommendation',
    });

    it('lists a work once, merged by DOI, else PubMed id, else title and source, with every step citing it', () => {
      const pathways: PathwayWorks[] = [
        {
          slug: 'one',
          title: 'One',
          works: [
            {
              citation: citation({
                id: 'b14',
                title: 'Spinal manipulation',
                doi: '10.7326/M14-0006',
              }),
              citedBy: [by('a')],
            },
            {
              citation: citation({
                id: 'c07',
                title: 'Diagnosis of low back pain',
                pmid: '17909209',
              }),
              citedBy: [by('b')],
            },
            {
              citation: citation({
                id: 'q17',
                title: 'Noninvasive Treatments',
                source: 'Ann Intern Med. 2017',
              }),
              citedBy: [by('c')],
            },
          ],
        },
        {
          slug: 'two',
          title: 'Two',
          works: [
            {
              citation: citation({
                id: 'bronfort',
                title: 'Spinal manipulation (trial)',
                doi: 'https://doi.org/10.7326/m14-0006',
                pmid: '25222385',
                year: '2014',
              }),
              citedBy: [by('x'), by('v')],
            },
            {
              citation: citation({
                id: 'chou',
                title: 'Diagnosis and treatment',
                doi: '10.7326/0003-4819',
                pmid: '17909209',
              }),
              citedBy: [by('y')],
            },
            {
              citation: citation({
                id: 'qaseem',
                title: 'NONINVASIVE treatments!',
                source: 'Ann Intern Med 2017',
              }),
              citedBy: [by('z')],
            },
            {
              citation: citation({
                id: 'other',
                title: 'Spinal manipulation',
                doi: '10.1000/another',
              }),
              citedBy: [by('w')],
            },
          ],
        },
      ];
      const works = mergeWorks(pathways);
      assert.equal(works.length, 4);
      const citers = works.map((w) => w.citedBy.map((c) => `${c.slug}#${c.step}`).join(' '));
      assert.deepEqual(citers, ['one#b two#y', 'one#c two#z', 'two#w', 'one#a two#x two#v']);
      // The fuller citation of the two is shown.
      assert.equal(works[3]?.citation.pmid, '25222385');
      const page = referencesPage(pathways);
      assert.deepEqual(pageProblems(page), []);
      assert.equal(page.match(/<li id="work-/g)?.length, 4);
      // Each citing pathway once, linked to its page, with its citing steps under it.
      const spinal = page.slice(page.indexOf('<li id="work-4">'));
      assert.equal(
        spinal.slice(spinal.indexOf('<ul'), spinal.indexOf('</li>\n')),
        '<ul class="pw-citing-pathways">' +
          '<li><a class="pw-citing" href="pathways/one.html">One</a><ul>' +
          '<li><a href="pathways/one.html#step-a">Step a</a></li></ul></li>' +
          '<li><a class="pw-citing" href="pathways/two.html">Two</a><ul>' +
          '<li><a href="pathways/two.html#step-x">Step x</a></li>' +
          '<li><a href="pathways/two.html#step-v">Step v</a></li></ul></li></ul>',
      );
      assert.match(page, /<body data-page="references">/);
    });

    it('cites each work of the examples once across the pathways that cite it', async () => {
      const names = ['brlp-manipulation', 'self-management-support', 'flawed/flawed'];
      const pathways: PathwayWorks[] = [];
      for (const name of names) {
        const published = await publishPathway(
          read(path.join(EXAMPLES, `${name}.pathway.yaml`)),
          INPUT,
        );
        pathways.push({ slug: name, title: published.row.title, works: published.works });
      }
      const works = mergeWorks(pathways);
      const bronfort = works.filter((w) => w.citation.doi === '10.7326/M14-0006');
      assert.equal(bronfort.length, 1);
      assert.deepEqual([...new Set(bronfort[0]?.citedBy.map((c) => c.slug))], names);
      // The draft cites the 2007 guideline by its source alone, without the erratum the
      // published pathway notes, nor a DOI: the same title and year make it the same work.
      const chou = works.filter((w) => w.citation.title?.startsWith('Diagnosis and treatment'));
      assert.equal(chou.length, 1);
      assert.equal(chou[0]?.citation.pmid, '17909209');
      assert.deepEqual([...new Set(chou[0]?.citedBy.map((c) => c.slug))], names);
    });
  });

  describe('the index and the embedded report', () => {
    it('lists a file that is not a pathway with why, and links every other to its page', () => {
      const page = indexPage(
        [
          {
            slug: undefined,
            row: unpublishedRow('bad.pathway.yaml', 'it is <empty>', undefined, '2001-02-03'),
          },
          {
            slug: 'good',
            row: {
              ...unpublishedRow('good.pathway.yaml', '', undefined, undefined),
              unpublished: undefined,
              title: 'Good <one>',
              status: 'draft',
            },
          },
        ],
        'v1',
      );
      assert.deepEqual(pageProblems(page), []);
      assert.match(page, /<strong>Not published:<\/strong> it is &lt;empty&gt;/);
      assert.match(
        page,
        /<a class="pw-row-title" href="pathways\/good\.html">Good &lt;one&gt;<\/a>/,
      );
      assert.match(page, /<tr data-filter="good &lt;one&gt; good\.pathway\.yaml draft">/);
      assert.match(page, /<th scope="col">Since v1<\/th>/);
      assert.match(page, /<div class="pw-filter" hidden>/);
    });

    it('the report inside a page has no title, facts or chart of its own, headings a level lower and no step ids', () => {
      const report = buildAuditReport(read(path.join(EXAMPLES, 'brlp-manipulation.pathway.yaml')), {
        date: '2001-02-03',
      });
      const alone = reportBody(report);
      const embedded = reportBody(report, { embedded: true });
      assert.match(alone, /<h1>Audit report:/);
      assert.match(alone, /<tr id="step-smt-plus-hea">/);
      assert.doesNotMatch(embedded, /<h1|<h2|Report date|id="/);
      assert.match(embedded, /^<h3>Recommendations \(2\)<\/h3>/);
      assert.match(embedded, /<h5>Decisions<\/h5>/);
      assert.match(embedded, /href="#step-smt-plus-hea"/);
    });
  });
});
