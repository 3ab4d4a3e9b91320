// The site `pathway publish` writes, opened from disk in Chromium as a panel member would:
// every link and anchor leads somewhere that exists, axe-core finds nothing in light or dark,
// no request leaves the site's folder, nothing is refused by the policy or fails in the
// console, the index's filter narrows the list, and a page prints whole (no navigation, every
// condition in full). Screenshots go to test-results/site-index.png and site-pathway.png.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { branchList } from '../../server/src/core';
import { runCli } from '../support/cli';
import { hostilePathway } from '../support/hostileText';
import { axeViolations } from './axe';
import { launch, screenshotPath, watch, type PageProblems } from './browser';
import { analyzeExample, EXAMPLES, HOSTILE_FILE } from './pathways';

const BRLP = 'brlp-manipulation.pathway.yaml';

/** Every page of a site, by its path from the site's folder. */
function pagesOf(site: string): string[] {
  const pages: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.html')) pages.push(path.relative(site, full));
    }
  };
  walk(site);
  return pages.sort();
}

function publish(args: readonly string[], cwd?: string): void {
  const result = runCli(['publish', ...args], cwd);
  assert.ok(result.status === 0 || result.status === 1, result.stderr);
}

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'commit.gpgsign=false', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Panel',
      GIT_AUTHOR_EMAIL: 'panel@example.org',
      GIT_COMMITTER_NAME: 'Panel',
      GIT_COMMITTER_EMAIL: 'panel@example.org',
    },
  });
  assert.equal(result.status, 0, result.stderr);
}

/** Whitespace as one space, as a reader sees it. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A page opened from disk, with what went wrong on it and every request it made. */
interface Opened {
  readonly page: Page;
  readonly problems: PageProblems;
  readonly requests: string[];
}

describe('the published site in Chromium, opened from disk', function () {
  this.timeout(300_000);
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;
  let dir: string;
  let site: string;
  let sinceSite: string;
  let hostileSite: string;
  /** The examples published with every chart drawn into its page (`--static-charts`). */
  let staticSite: string;
  const opened: Page[] = [];

  before(async () => {
    ({ browser, close } = await launch());
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-site-')));
    site = path.join(dir, 'site');
    publish(['examples', '-o', site]);
    staticSite = path.join(dir, 'static');
    publish(['examples', '-o', staticSite, '--static-charts']);

    // The manipulation pathway edited since a commit: the chart and the page show the change.
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(repo);
    const brlp = path.join(repo, BRLP);
    fs.copyFileSync(path.join(EXAMPLES, BRLP), brlp);
    // The references file it cites from, beside it as in examples/.
    const shared = 'low-back-pain.references.yaml';
    fs.copyFileSync(path.join(EXAMPLES, shared), path.join(repo, shared));
    // And the red-flag screen it uses.
    fs.cpSync(path.join(EXAMPLES, 'screens'), path.join(repo, 'screens'), { recursive: true });
    git(repo, 'init', '-q');
    git(repo, 'add', '.');
    git(repo, 'commit', '-q', '-m', 'first');
    const text = fs.readFileSync(brlp, 'utf8');
    fs.writeFileSync(
      brlp,
      text.replace('if: weeks < 4', 'if: weeks < 9').replace('if: weeks >= 4', 'if: weeks >= 9'),
    );
    sinceSite = path.join(dir, 'since');
    publish(['.', '-o', sinceSite, '--since', 'HEAD'], repo);

    // Markup and script in every field, and Markdown that tries to run, fetch and style.
    const hostile = path.join(dir, 'hostile');
    fs.mkdirSync(hostile);
    fs.copyFileSync(HOSTILE_FILE, path.join(hostile, 'hostile.pathway.yaml'));
    const markdown = [
      '<script>window.__pwned = 1</script>',
      '[click](javascript:window.__pwned=2)',
      '![pixel](https://evil.example/pixel.png)',
      '<img src="https://evil.example/x.png" onerror="window.__pwned=3">',
      '| a | b |\n|--:|:--|\n| <b onmouseover=alert(1)>x</b> | y |',
      '<style>body{background:url(https://evil.example/bg.png)}</style>',
    ].join('\n\n');
    fs.writeFileSync(
      path.join(hostile, 'markdown.pathway.yaml'),
      hostilePathway(markdown, { url: 'https://example.org/evidence' }),
    );
    hostileSite = path.join(dir, 'hostile-site');
    publish(['hostile', '-o', hostileSite], dir);
  });

  afterEach(async () => {
    for (const page of opened.splice(0)) await page.close();
  });

  after(async () => {
    await close?.();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function open(
    file: string,
    options: { colorScheme?: 'light' | 'dark'; width?: number } = {},
  ): Promise<Opened> {
    const page = await browser.newPage({ viewport: { width: options.width ?? 1280, height: 900 } });
    opened.push(page);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const problems = await watch(page);
    await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' });
    await page.goto(pathToFileURL(file).href);
    await chartDrawn(page);
    return { page, problems, requests };
  }

  /** On a pathway's page, once its script has drawn the interactive flowchart. */
  async function chartDrawn(page: Page): Promise<void> {
    if ((await page.locator('body[data-page="pathway"]').count()) === 0) return;
    await page.waitForSelector('.pw-app .viewport svg g.node');
  }

  /** What places a chart's boxes and arrows: the same for the same layout. */
  function placement(page: Page, chart: string): Promise<string[]> {
    return page.evaluate((selector) => {
      const svg = document.querySelector(selector);
      if (!svg) return [];
      // (The interactive chart's viewBox is its view, which zoom and pan move.)
      return [
        ...[...svg.querySelectorAll('g.node[data-step]')].map(
          (node) =>
            `${node.getAttribute('data-step') ?? ''} ${node.getAttribute('transform') ?? ''}: ${node.querySelector('.outline')?.outerHTML.replace(/ (role|tabindex|aria-[a-z]+)="[^"]*"/g, '') ?? ''}`,
        ),
        ...[...svg.querySelectorAll('g.edge path')].map((edge) => edge.getAttribute('d') ?? ''),
      ];
    }, chart);
  }

  it('every link and anchor on every page leads to a page, and an id on it, that exist', async () => {
    const pages = pagesOf(site);
    assert.equal(pages.length, 9);
    const found = new Map<string, { ids: string[]; links: string[] }>();
    for (const name of pages) {
      const { page } = await open(path.join(site, name));
      found.set(
        pathToFileURL(path.join(site, name)).href,
        await page.evaluate(() => ({
          ids: [...document.querySelectorAll('[id]')].map((e) => e.id),
          links: [
            ...[
              ...document.querySelectorAll<HTMLAnchorElement | HTMLLinkElement>(
                'a[href], link[href]',
              ),
            ].map((a) => a.href),
            ...[...document.querySelectorAll<HTMLScriptElement>('script[src]')].map((s) => s.src),
          ],
        })),
      );
    }
    const siteUrl = `${pathToFileURL(site).href}/`;
    const broken: string[] = [];
    let internal = 0;
    for (const [from, { links }] of found) {
      for (const link of links) {
        const url = new URL(link);
        if (url.protocol === 'https:' || url.protocol === 'http:' || url.protocol === 'mailto:')
          continue;
        internal++;
        const target = `${url.origin === 'null' ? 'file://' : url.origin}${url.pathname}`;
        const where = `${from.slice(siteUrl.length)} → ${link.startsWith(siteUrl) ? link.slice(siteUrl.length) : link}`;
        if (url.protocol !== 'file:' || !target.startsWith(siteUrl)) {
          broken.push(`${where}: outside the site`);
          continue;
        }
        if (!fs.existsSync(new URL(target))) {
          broken.push(`${where}: no such file`);
          continue;
        }
        if (url.hash === '') continue;
        const ids = found.get(target)?.ids ?? [];
        if (!ids.includes(decodeURIComponent(url.hash.slice(1))))
          broken.push(`${where}: no such id`);
      }
    }
    assert.deepEqual(broken, []);
    assert.ok(internal > 500, `${internal} links within the site`);
    // Ids are unique on every page.
    for (const [page, { ids }] of found)
      assert.deepEqual(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        [],
        page,
      );
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe-core finds no violation on the index, a pathway page, a page with changes and the references (${colorScheme})`, async () => {
      for (const file of [
        path.join(site, 'index.html'),
        path.join(site, 'pathways', 'brlp-manipulation.html'),
        path.join(site, 'pathways', 'flawed--flawed.html'),
        path.join(sinceSite, 'pathways', 'brlp-manipulation.html'),
        path.join(site, 'references.html'),
      ]) {
        const { page } = await open(file, { colorScheme });
        assert.deepEqual(await axeViolations(page), [], `${file} (${colorScheme})`);
      }
    });
  }

  it('no request leaves the site’s folder; no policy violation, console error or page error', async () => {
    for (const [folder, name] of [
      ...pagesOf(site).map((name) => [site, name] as const),
      ...pagesOf(sinceSite).map((name) => [sinceSite, name] as const),
      ...pagesOf(hostileSite).map((name) => [hostileSite, name] as const),
    ]) {
      const { page, problems, requests } = await open(path.join(folder, name));
      await page.locator('body').hover();
      const where = `${path.basename(folder)}/${name}`;
      const own = `${pathToFileURL(folder).href}/`;
      assert.deepEqual(
        requests.filter((url) => !url.startsWith(own)),
        [],
        `${where}: requests`,
      );
      assert.ok(
        requests.some((url) => url.endsWith('/assets/site.js')) &&
          requests.some((url) => url.endsWith('/assets/site.css')),
        `${where}: loads its own script and style sheet`,
      );
      assert.deepEqual(await problems.cspViolations(), [], `${where}: policy violations`);
      assert.deepEqual(problems.console, [], `${where}: console errors`);
      assert.deepEqual(problems.errors, [], `${where}: page errors`);
      assert.deepEqual(problems.dialogs, [], `${where}: dialogs`);
      assert.equal(await page.evaluate(() => 'pwned' in window || '__pwned' in window), false);
      assert.equal(await page.locator('img, iframe, object, embed, style').count(), 0, where);
    }
  });

  it('the hostile pathways show their markup as text', async () => {
    const { page } = await open(path.join(hostileSite, 'pathways', 'hostile.html'));
    assert.equal(await page.locator('h1').textContent(), '</svg><script>alert(1)</script>');
    const markdown = await open(path.join(hostileSite, 'pathways', 'markdown.html'));
    const detail = markdown.page.locator('#step-ask .pw-detail');
    assert.match((await detail.textContent()) ?? '', /<script>window\.__pwned = 1<\/script>/);
    // Links only to http(s) addresses (an image's, or one written in the text), none loaded.
    const links = await detail
      .locator('a')
      .evaluateAll((anchors) =>
        anchors.map((a) => `${a.getAttribute('href') ?? ''} ${a.getAttribute('rel') ?? ''}`),
      );
    assert.ok(links.includes('https://evil.example/pixel.png noopener noreferrer'));
    for (const link of links) assert.match(link, /^https:\/\/\S+ noopener noreferrer$/);
    assert.equal(await markdown.page.locator('[style], [onerror], [onmouseover]').count(), 0);
  });

  it('the filter narrows the list as the reader types, and says how many are shown', async () => {
    const { page } = await open(path.join(site, 'index.html'));
    const rows = page.locator('#pw-pathways tbody tr');
    const field = page.getByLabel('Filter pathways');
    assert.ok(await field.isVisible(), 'the script shows the field');
    assert.equal(await rows.count(), 8);
    // The manipulation pathway, the draft and the red-flag screen of back-related leg pain.
    await field.fill('Back-related');
    assert.equal(await page.locator('#pw-pathways tbody tr:visible').count(), 4);
    assert.equal(await page.locator('#pw-filter-status').textContent(), '4 of 8 pathways shown.');
    await field.fill('back-related  DRAFT');
    assert.deepEqual(
      await page.locator('#pw-pathways tbody tr:visible .pw-row-title').allTextContents(),
      ['Back-related leg pain — conservative care (draft)'],
    );
    await field.fill('no such words');
    assert.equal(await page.locator('#pw-pathways tbody tr:visible').count(), 0);
    assert.match(
      (await page.locator('#pw-filter-status').textContent()) ?? '',
      /^No pathway matches “no such words”: 0 of 8 pathways shown\.$/,
    );
    await field.fill('');
    assert.equal(await page.locator('#pw-pathways tbody tr:visible').count(), 8);
    assert.equal(await page.locator('#pw-filter-status').textContent(), '');
  });

  it('without its script the index lists every pathway, with no filter to use', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    opened.push(page);
    await page.goto(pathToFileURL(path.join(site, 'index.html')).href);
    assert.equal(await page.locator('#pw-pathways tbody tr:visible').count(), 8);
    assert.equal(await page.locator('#pw-filter').isVisible(), false);
  });

  it('prints a pathway whole: no navigation, every condition in full, addresses after links, a PDF', async () => {
    const { page } = await open(path.join(site, 'pathways', 'brlp-manipulation.html'), {
      colorScheme: 'dark',
    });
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    for (const hidden of ['.site-header', '.skip-link', '.pw-toc'])
      assert.equal(await page.locator(hidden).isVisible(), false, hidden);
    const printed = flat(await page.locator('body').innerText());
    const conditions: string[] = [];
    for (const step of analyzeExample(BRLP).model?.steps.values() ?? []) {
      for (const branch of branchList(step) ?? []) {
        if (branch.when) conditions.push(flat(branch.when.text));
        const written = branch.node.entries?.get('if')?.value;
        if (typeof written === 'string') conditions.push(flat(written));
      }
    }
    assert.ok(conditions.length >= 13);
    assert.deepEqual(
      conditions.filter((condition) => !printed.includes(condition)),
      [],
    );
    // On paper a link's address follows it.
    const after = await page
      .locator('#step-smt-plus-hea .pw-citations a')
      .first()
      .evaluate((a) => getComputedStyle(a, '::after').content);
    assert.equal(after, '" (https://doi.org/10.7326/M14-0006)"');
    // Black on white, whatever the screen's colours.
    assert.equal(
      await page.locator('body').evaluate((b) => getComputedStyle(b).color),
      'rgb(0, 0, 0)',
    );
    const pdf = await page.pdf({ format: 'A4' });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 50_000);
  });

  it('with --static-charts each chart is in its page, without script; the script draws the very same chart', async () => {
    const pages = pagesOf(staticSite).filter((name) => name.startsWith('pathways/'));
    assert.equal(pages.length, 7);
    for (const name of pages) {
      const bare = await browser.newPage({ javaScriptEnabled: false });
      opened.push(bare);
      await bare.goto(pathToFileURL(path.join(staticSite, name)).href);
      const steps = await bare
        .locator('#steps article[data-step]')
        .evaluateAll((articles) => articles.map((a) => a.getAttribute('data-step')));
      const drawnSteps = await bare
        .locator('#flowchart .pw-chart svg g.node[data-step]')
        .evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-step')));
      assert.ok(steps.length > 0, name);
      assert.deepEqual(drawnSteps, steps, `${name}: every step on the chart without script`);
      const drawnIn = await placement(bare, '#flowchart .pw-chart svg');
      // The default site's page, its chart laid out and drawn by its script in the browser.
      const { page } = await open(path.join(site, name));
      assert.deepEqual(await placement(page, '.pw-app .viewport svg'), drawnIn, name);
    }
  });

  it('without script a page says where its chart would be, and lists every step', async () => {
    const page = await browser.newPage({ javaScriptEnabled: false });
    opened.push(page);
    await page.goto(pathToFileURL(path.join(site, 'pathways', 'brlp-manipulation.html')).href);
    assert.equal(await page.locator('#flowchart svg').count(), 0);
    assert.equal(
      await page.locator('#flowchart .pw-chart-note').textContent(),
      'The flowchart is drawn here by the page’s script when the page opens. Every step is also listed, with its detail, under Steps.',
    );
    await page.click('#flowchart .pw-chart-note a');
    assert.ok(page.url().endsWith('#steps'));
    assert.ok((await page.locator('#steps article[data-step]').count()) > 10);
  });

  it('on paper each flowchart fits the sheet its heading starts, with its legend below it', async () => {
    // An A4 sheet less the site's 15 mm margins, in CSS pixels: what a printed page holds.
    const sheet = { width: 680, height: 1009 };
    const pages = pagesOf(site)
      .filter((name) => name.startsWith('pathways/'))
      .map((name) => path.join(site, name));
    assert.equal(pages.length, 7);
    // And a page with the changes since a revision, whose legend says more, and one with its
    // chart drawn in.
    pages.push(path.join(sinceSite, 'pathways', 'brlp-manipulation.html'));
    pages.push(path.join(staticSite, 'pathways', 'stepped-care-radiating-lbp.html'));
    for (const name of pages) {
      const page = await browser.newPage({ viewport: sheet });
      opened.push(page);
      await page.emulateMedia({ media: 'print' });
      await page.goto(pathToFileURL(name).href);
      await chartDrawn(page);
      const box = await page.evaluate(() => {
        const top = document.querySelector('#flowchart-title')?.getBoundingClientRect().top;
        const chart = document.querySelector('#flowchart svg.pathway-diagram');
        const legend = document.querySelector('#flowchart .pw-legend');
        return {
          top,
          chartHeight: chart?.getBoundingClientRect().height,
          bottom: legend?.getBoundingClientRect().bottom,
        };
      });
      assert.ok(box.top !== undefined && box.bottom !== undefined, `${name}: no chart`);
      assert.ok((box.chartHeight ?? 0) > 200, `${name}: the chart is ${box.chartHeight}px high`);
      assert.ok(
        box.bottom - box.top <= sheet.height,
        `${name}: the flowchart section is ${Math.round(box.bottom - box.top)}px, a sheet ${sheet.height}px`,
      );
    }
  });

  it('in a narrow window nothing is wider than the window, and the index reads as cards', async () => {
    for (const name of ['index.html', 'pathways/brlp-manipulation.html', 'references.html']) {
      const { page } = await open(path.join(site, name), { width: 400 });
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.ok(overflow <= 0, `${name} is ${overflow}px wider than the window`);
      if (name === 'index.html')
        assert.equal(
          await page
            .locator('#pw-pathways tbody tr')
            .first()
            .evaluate((tr) => getComputedStyle(tr).display),
          'block',
        );
    }
  });

  it('screenshots: the index and a pathway page (test-results/site-*.png)', async () => {
    const index = await open(path.join(site, 'index.html'));
    await index.page.screenshot({ path: screenshotPath('site-index.png'), fullPage: true });
    // The page's top and the chart with the changed decision marked.
    const pathway = await open(path.join(sinceSite, 'pathways', 'brlp-manipulation.html'));
    await pathway.page.setViewportSize({ width: 1280, height: 1200 });
    await pathway.page.screenshot({ path: screenshotPath('site-pathway.png') });
    const dark = await open(path.join(site, 'pathways', 'brlp-manipulation.html'), {
      colorScheme: 'dark',
    });
    await dark.page.screenshot({ path: screenshotPath('site-pathway-dark.png') });
  });
});
