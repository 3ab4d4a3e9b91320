// A published pathway page in Chromium, opened from file:// as a panel member opens a site
// they were sent: its static flowchart becomes the preview's interactive one (pan and zoom, a
// step's detail from the page's own entry, the walk-through with the file's scenarios, the
// changes since an earlier version), by mouse and keyboard, light and dark, on a wide and a
// narrow screen and on paper, with no request beyond the site's folder. Screenshots go to
// test-results/site-app*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { analyze, scenarioReports, type Analysis } from '../../server/src/core';
import { layoutDiagram } from '../../server/src/core/flowchart/layout';
import type { SiteData } from '../../server/src/core/site/data';
import { axeViolations } from './axe';
import { launch, ROOT, screenshotPath, watch, type PageProblems } from './browser';
import { EXAMPLES } from './pathways';
import { closeClean } from './previewHarness';
import { hostilePathway, MARKUP_STRINGS } from '../support/hostileText';
import { writeSitePage, type SitePageOptions } from './sitePageFixture';

// The manipulation pathway with its own red-flag decision (the example uses the shared screen).
const BRLP = '../test/inputs/brlp-own-screen.pathway.yaml';

interface SitePage {
  readonly page: Page;
  readonly problems: PageProblems;
  readonly data: SiteData;
  /** The whole diagram's size, as the page's static picture states it. */
  readonly natural: { readonly width: number; readonly height: number };
  /** Every URL the page asked for. */
  readonly requests: string[];
  readonly site: string;
}

function readFile(file: string): { text: string; analysis: Analysis } {
  const text = fs.readFileSync(file, 'utf8');
  return { text, analysis: analyze(text) };
}

const DIFF = path.join(ROOT, 'test', 'diff');
/** Every kind of change since the base version. */
const CHANGED = {
  file: path.join(DIFF, 'every-change.pathway.yaml'),
  since: { analysis: readFile(path.join(DIFF, 'base.pathway.yaml')).analysis, label: 'v1.2' },
};

const node = (id: string): string => `.pw-app g.node[data-step="${id.replace(/["\\]/g, '\\$&')}"]`;
const face = (id: string): string => `${node(id)} .outline`;

/** The step that has the keyboard focus. */
function focusedStep(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () =>
      (document.activeElement?.closest('g.node[data-step]') as SVGGElement | null)?.dataset['step'],
  );
}

describe('a published pathway page: the interactive flowchart (Chromium, file://)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;
  const opened: SitePage[] = [];

  before(async () => {
    ({ browser, close } = await launch());
  });

  after(async () => {
    await close?.();
  });

  afterEach(async () => {
    // Whatever the test did: nothing asked for beyond the site's folder, no rule broken.
    for (const site of opened.splice(0)) {
      const outside = site.requests.filter(
        (url) => !url.startsWith(pathToFileURL(site.site).href + '/'),
      );
      assert.deepEqual(outside, [], 'requests beyond the site');
      await closeClean(site);
      fs.rmSync(site.site, { recursive: true, force: true });
    }
  });

  async function open(
    options: SitePageOptions & {
      /** The pathway file (the manipulation example by default). */
      readonly file?: string;
      /** The pathway, analysed already (instead of a file). */
      readonly analysis?: Analysis;
      readonly colorScheme?: 'light' | 'dark';
      readonly viewport?: { width: number; height: number };
      /** Wait for the interactive chart (false: the page is expected to stay static). */
      readonly interactive?: boolean;
    } = {},
  ): Promise<SitePage> {
    const analysis =
      options.analysis ?? readFile(options.file ?? path.join(EXAMPLES, BRLP)).analysis;
    const { site, page: file, data } = await writeSitePage('pathway', analysis, options);
    // The chart's own size: as drawn into the page, or as the page's script lays it out.
    const html = fs.readFileSync(file, 'utf8');
    const drawnIn = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(html);
    const laidOut = data.diagram ? await layoutDiagram(data.diagram) : undefined;
    const width = drawnIn ? drawnIn[1] : laidOut?.width;
    const height = drawnIn ? drawnIn[2] : laidOut?.height;
    const page = await browser.newPage({
      viewport: options.viewport ?? { width: 1280, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
    });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const problems = await watch(page);
    const opening: SitePage = {
      page,
      problems,
      data,
      natural: { width: Number(width), height: Number(height) },
      requests,
      site,
    };
    opened.push(opening);
    await page.goto(pathToFileURL(file).href);
    if (options.interactive !== false) await page.waitForSelector('.pw-app .viewport svg g.node');
    return opening;
  }

  it('becomes the interactive chart in place: toolbar without exports, the chart in a fixed-height box', async () => {
    const { page } = await open();
    const actions = await page.$$eval('.pw-app .toolbar button', (buttons) =>
      buttons.map((b) => (b as HTMLElement).dataset['action']),
    );
    assert.deepEqual(actions, ['zoom-out', 'zoom-in', 'fit', 'reset', 'walk', 'legend']);
    // The page's own heading heads the chart; the static picture was taken in, not repeated.
    assert.equal(await page.locator('#flowchart > h2').textContent(), 'Flowchart');
    assert.equal(await page.locator('#flowchart .pw-chart').count(), 0);
    assert.equal(await page.locator('svg[aria-label^="Flowchart:"]').count(), 1);
    assert.equal(await page.locator('.pw-app h1').count(), 0, 'no second title');
    const box = await page.locator('.pw-app').boundingBox();
    assert.ok(
      box && Math.abs(box.height - 900 * 0.75) < 2,
      `75% of the window high: ${box?.height}`,
    );
    // Nothing of the editor: no Save as scenario either.
    await page.click('.pw-app button[data-action="walk"]');
    assert.equal(await page.locator('button[data-walk="save"]').count(), 0);
    assert.deepEqual(await page.locator('.walk-controls button').allTextContents(), [
      'Step back',
      'Restart',
    ]);
    // The panels are parts of the flowchart's section: their headings come under its own.
    assert.equal(await page.getByRole('heading', { name: 'Walk-through', level: 3 }).count(), 1);
    assert.equal(await page.getByRole('heading', { name: 'Facts', level: 4 }).count(), 1);
  });

  it('zoom buttons, Ctrl and the wheel, and dragging move the picture; the plain wheel scrolls the page', async () => {
    const { page } = await open();
    const zoom = (): Promise<string | null> => page.locator('.pw-app .zoom-level').textContent();
    const viewBox = (): Promise<string | null> =>
      page.locator('.pw-app .viewport svg').getAttribute('viewBox');
    const first = await zoom();
    assert.match(first ?? '', /^\d+%$/);
    await page.click('.pw-app button[data-action="zoom-in"]');
    const zoomedIn = await zoom();
    assert.notEqual(zoomedIn, first, 'Zoom in changes the zoom shown');
    await page.click('.pw-app button[data-action="reset"]');
    assert.equal(await zoom(), '100%');

    const box = await page.locator('.pw-app .viewport').boundingBox();
    assert.ok(box);
    // A drag on the chart moves the picture.
    const dragged = await viewBox();
    await page.mouse.move(box.x + 300, box.y + 300);
    await page.mouse.down();
    await page.mouse.move(box.x + 200, box.y + 150, { steps: 5 });
    await page.mouse.up();
    assert.notEqual(await viewBox(), dragged, 'dragging pans');

    // Ctrl and the wheel zoom the picture, not the page.
    await page.mouse.move(box.x + 200, box.y + 200);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -120);
    await page.keyboard.up('Control');
    await page.waitForFunction(
      () => document.querySelector('.pw-app .zoom-level')?.textContent !== '100%',
    );

    // The wheel alone reads on down the page past the chart; the picture stays as it was.
    const still = await viewBox();
    const scrolled = await page.evaluate(() => window.scrollY);
    await page.mouse.wheel(0, 400);
    await page.waitForFunction((before) => window.scrollY > before, scrolled);
    assert.equal(await viewBox(), still);

    // A key pressed outside the chart is the page's: "+" does not zoom it.
    const zoomNow = await zoom();
    await page.focus('.skip-link');
    await page.keyboard.press('+');
    assert.equal(await zoom(), zoomNow);
  });

  it('a click on a step shows its entry from the page beside the chart; Escape closes it and focus returns to the step', async () => {
    const { page } = await open();
    await page.click(node('red-flags'));
    const title = 'Any red flag for serious pathology?';
    const dialog = page.getByRole('dialog', { name: title });
    await dialog.waitFor();
    // The entry as the page has it, copied (its text, its links), not a second id.
    const entry = await page.locator('#steps article[data-step="red-flags"]').innerText();
    const shown = await dialog.locator('article').innerText();
    assert.equal(shown, entry);
    assert.equal(await page.locator('#step-red-flags').count(), 1, 'the entry id stays unique');
    assert.equal(
      await dialog.getByRole('link', { name: 'Full entry' }).getAttribute('href'),
      '#step-red-flags',
    );
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      title,
      'focus on the detail’s heading',
    );
    // Beside the chart on a wide screen.
    const chart = await page.locator('.pw-app .viewport').boundingBox();
    const panel = await dialog.boundingBox();
    assert.ok(chart && panel && panel.x >= chart.x + chart.width - 1, 'beside the chart');
    // The step's paths are lit on the chart.
    assert.ok((await page.locator(node('red-flags')).getAttribute('class'))?.includes('selected'));

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await focusedStep(page), 'red-flags', 'focus back on the step');

    // Close does the same; a way out in the entry shows that step's entry instead.
    await page.click(node('red-flags'));
    await dialog.getByRole('link', { name: 'How long has the leg pain lasted?' }).click();
    const next = page.getByRole('dialog', { name: 'How long has the leg pain lasted?' });
    await next.waitFor();
    assert.ok((await page.locator(node('duration')).getAttribute('class'))?.includes('selected'));
    await next.getByRole('button', { name: 'Close the step’s detail' }).click();
    await next.waitFor({ state: 'hidden' });
    assert.equal(await focusedStep(page), 'duration', 'on the step last shown');
  });

  it('a step picked at the right of the chart stays in view as its detail opens beside it', async () => {
    const { page } = await open();
    const step = node('red-flags');
    const chart = await page.locator('.pw-app .viewport').boundingBox();
    const before = await page.locator(step).boundingBox();
    assert.ok(chart && before);
    // The picture dragged until the step sits at the chart's right edge.
    const dx = chart.x + chart.width - 20 - (before.x + before.width);
    await page.mouse.move(chart.x + 40, chart.y + 300);
    await page.mouse.down();
    await page.mouse.move(chart.x + 40 + dx, chart.y + 300, { steps: 8 });
    await page.mouse.up();
    const moved = await page.locator(step).boundingBox();
    assert.ok(moved && moved.x > chart.x + chart.width - 300, 'the step is at the right edge');

    await page.click(step);
    await page.getByRole('dialog', { name: 'Any red flag for serious pathology?' }).waitFor();
    await page.waitForFunction((selector) => {
      const viewport = document.querySelector('.pw-app .viewport')?.getBoundingClientRect();
      const box = document.querySelector(selector)?.getBoundingClientRect();
      return viewport && box && box.left >= viewport.left && box.right <= viewport.right;
    }, step);
  });

  it('by keyboard: Tab reaches the chart, the arrows follow its arrows, Enter shows the detail', async () => {
    const { page } = await open();
    await page.focus('.pw-app button[data-action="legend"]');
    await page.keyboard.press('Tab');
    assert.equal(await focusedStep(page), 'history-and-exam', 'the start step is the tab stop');
    await page.keyboard.press('ArrowDown');
    assert.equal(await focusedStep(page), 'red-flags');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await focusedStep(page), 'duration');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'How long has the leg pain lasted?' });
    await dialog.waitFor();
    // Keys in the detail are the detail's: "+" does not zoom, arrows do not move the picture.
    const zoom = await page.locator('.pw-app .zoom-level').textContent();
    await page.keyboard.press('+');
    assert.equal(await page.locator('.pw-app .zoom-level').textContent(), zoom);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await focusedStep(page), 'duration');
    // The keys' help says what Enter does here.
    assert.match(
      (await page.locator('#pw-keys').textContent()) ?? '',
      /Enter shows the step’s detail/,
    );
  });

  it('walking through by keyboard reaches an end, and says what was met', async () => {
    const { page } = await open();
    await page.focus(face('history-and-exam'));
    await page.keyboard.press('w');
    const panel = page.getByRole('complementary', { name: 'Walk-through' });
    await panel.waitFor();
    for (let answered = 0; (await page.locator('.walk-end').count()) === 0; answered++) {
      assert.ok(answered < 20, 'an end within 20 answers');
      // The last answer of each question: "no" to the red flags, then on down the pathway.
      const answers = page.locator('.walk-answers button');
      await answers.last().focus();
      await page.keyboard.press('Enter');
    }
    const end = (await page.locator('.walk-end').textContent()) ?? '';
    assert.match(end, /^Ends at: /);
    const here = await page.locator('.pw-app g.node .outline[aria-current="step"]').count();
    assert.equal(here, 1, 'the end reached is the current step');
    assert.ok((await page.locator('.walk-recommendations li').count()) > 0, 'recommendations met');
    // Said once to a screen reader, with the end's outcome.
    assert.ok((await page.locator('.pw-app [role="status"]').textContent())?.startsWith(end));
  });

  it('walking through, a click on a step the waiting question leads to answers it; another shows its detail', async () => {
    const { page } = await open();
    await page.click('.pw-app button[data-action="walk"]');
    assert.equal(
      await page.locator('.walk-question').textContent(),
      'Any red flag for serious pathology?',
    );
    await page.click(node('duration'));
    assert.equal(
      await page.locator('.walk-question').textContent(),
      'How long has the leg pain lasted?',
    );
    assert.equal(await page.getByRole('dialog').count(), 0, 'an answer, not a detail');
    await page.click(node('history-and-exam'));
    await page.getByRole('dialog', { name: /^History and examination/ }).waitFor();
    assert.equal(
      await page.locator('.walk-question').textContent(),
      'How long has the leg pain lasted?',
      'the walk waits where it was',
    );
  });

  it('replays each scenario of the file: its route marked, its end named, as the scenario run has it', async () => {
    const { text, analysis } = readFile(path.join(EXAMPLES, BRLP));
    const { page, data } = await open();
    const scenarios = data.walk.scenarios ?? [];
    assert.ok(scenarios.length >= 3, 'the example has scenarios');
    const runs = new Map(
      analysis.model ? scenarioReports(analysis.model, text).map((r) => [r.id, r]) : [],
    );
    await page.click('.pw-app button[data-action="walk"]');
    const titleOf = (id: string | undefined): string =>
      data.walk.steps.find((s) => s.id === id)?.title ?? '';
    for (const scenario of scenarios) {
      assert.ok(scenario.end, `${scenario.id} expects an end`);
      await page.selectOption('#walk-scenario', scenario.id);
      const bar = page.getByRole('region', { name: 'Scenario route' });
      await bar.waitFor();
      assert.equal(await bar.locator('.route-id').textContent(), scenario.id);
      assert.equal(await bar.locator('.route-status').textContent(), 'ends as expected');
      assert.match(
        (await bar.locator('.route-stop').textContent()) ?? '',
        new RegExp(`ending at “${titleOf(scenario.end).replace(/[?()]/g, '\\$&')}”\\.$`),
      );
      assert.equal(
        await page.locator('.walk-end').textContent(),
        `Ends at: ${titleOf(scenario.end)}`,
      );
      assert.equal(
        await page.locator('.walk-expect').textContent(),
        `Scenario “${scenario.title ?? scenario.id}” expects this end.`,
      );
      // The steps marked are the route the scenario's own run takes.
      const marked = await page.$$eval('.pw-app g.node.on-route', (nodes) =>
        nodes.map((n) => (n as SVGGElement).dataset['step']),
      );
      const run = runs.get(scenario.id);
      assert.equal(run?.status, 'passed');
      assert.deepEqual(new Set(marked), new Set(run?.route), `${scenario.id}: its route`);
    }
    // Going another way than the scenario's takes its route away; the walk goes on.
    await page.click('button[data-walk="back"]');
    await page.getByRole('region', { name: 'Scenario route' }).waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.walk-end').count(), 0);
  });

  it('with the changes since an earlier version: the list beside the chart, the changed steps marked', async () => {
    const { page, data } = await open(CHANGED);
    const panel = page.getByRole('complementary', { name: 'Changes' });
    await panel.waitFor();
    assert.equal(await panel.locator('h3').textContent(), 'Changes since v1.2');
    const changes = data.changes?.changes ?? [];
    assert.ok(changes.length > 3);
    assert.deepEqual(
      await panel.locator('li').allTextContents(),
      changes.map((c) => c.description),
    );
    // Each step a change is about is marked on the chart.
    const marked = await page.$$eval(
      '.pw-app g.node.diff-changed, .pw-app g.node.diff-added',
      (nodes) => nodes.map((n) => (n as SVGGElement).dataset['step']),
    );
    for (const change of changes) {
      if (change.stepId !== undefined)
        assert.ok(marked.includes(change.stepId), change.description);
    }
    // A change about a step shows that step's detail.
    const change = changes.find(
      (c) => c.stepId !== undefined && data.walk.steps.some((s) => s.id === c.stepId),
    );
    assert.ok(change?.stepId);
    await panel.getByRole('button', { name: change.description }).click();
    const title = data.walk.steps.find((s) => s.id === change.stepId)?.title ?? '';
    await page.getByRole('dialog', { name: title }).waitFor();
    await page.screenshot({ path: screenshotPath('site-app-changes.png') });
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`axe-core finds no violation, ${colorScheme}: plain, walking with the detail open, the legend, the changes`, async () => {
      const { page } = await open({ colorScheme });
      assert.deepEqual(await axeViolations(page, { fromFile: true }), [], 'plain');
      await page.click('.pw-app button[data-action="walk"]');
      await page.selectOption('#walk-scenario', 'acute-leg-pain');
      // The end the scenario reaches, brought into view.
      await page.click(node('acute-review'));
      await page.getByRole('dialog').waitFor();
      await page.click('.pw-app button[data-action="legend"]');
      assert.deepEqual(
        await axeViolations(page, { fromFile: true }),
        [],
        'walking, the detail and the legend open',
      );
      if (colorScheme === 'light') await page.screenshot({ path: screenshotPath('site-app.png') });
      else await page.screenshot({ path: screenshotPath('site-app-dark.png') });

      const compared = await open({ ...CHANGED, colorScheme });
      assert.deepEqual(await axeViolations(compared.page, { fromFile: true }), [], 'the changes');
    });
  }

  it('on a narrow screen the panels open under the chart', async () => {
    const { page } = await open({ viewport: { width: 600, height: 900 } });
    await page.click('.pw-app button[data-action="walk"]');
    await page.click(node('history-and-exam'));
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const chart = await page.locator('.pw-app .viewport').boundingBox();
    const detail = await dialog.boundingBox();
    const walk = await page.locator('.walk-panel').boundingBox();
    assert.ok(chart && detail && walk);
    assert.ok(detail.y >= chart.y + chart.height - 1, 'the detail under the chart');
    assert.ok(walk.y >= detail.y + detail.height - 1, 'then the walk-through');
    assert.ok(detail.width > 500, 'as wide as the chart');
    await dialog.evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: screenshotPath('site-app-narrow.png') });
  });

  it('in print: no toolbar or panel, the whole diagram at its natural proportions; the view back after', async () => {
    const { page, natural } = await open();
    await page.click('.pw-app button[data-action="walk"]');
    await page.click(node('red-flags'));
    await page.getByRole('dialog').waitFor();
    const onScreen = await page.locator('.pw-app .viewport svg').getAttribute('viewBox');
    assert.notEqual(onScreen, `0 0 ${natural.width} ${natural.height}`, 'a part in view on screen');

    await page.emulateMedia({ media: 'print' });
    const svg = page.locator('.pw-app .viewport svg');
    await page.waitForFunction(
      (whole) => document.querySelector('.pw-app .viewport svg')?.getAttribute('viewBox') === whole,
      `0 0 ${natural.width} ${natural.height}`,
    );
    for (const part of ['.toolbar', '.walk-panel', '.detail-panel', '.legend-panel']) {
      assert.ok(await page.locator(`.pw-app ${part}`).isHidden(), `${part} hidden`);
    }
    // Drawn whole: the picture's box keeps the diagram's proportions, within the page's width
    // and inside the flowchart's box (nothing cut off).
    const box = await svg.boundingBox();
    const app = await page.locator('.pw-app').boundingBox();
    assert.ok(box && app);
    assert.ok(box.width <= 1280, 'within the page');
    assert.ok(Math.abs(box.height / box.width - natural.height / natural.width) < 0.01, 'whole');
    assert.ok(box.y + box.height <= app.y + app.height + 1, 'not cut off at the bottom');
    // On paper nothing is faded: the walk's marks keep their colour, every step is legible.
    const faded = await page.$$eval(
      '.pw-app g.node.dimmed',
      (nodes) => nodes.filter((n) => getComputedStyle(n).opacity !== '1').length,
    );
    assert.ok((await page.locator('.pw-app g.node.dimmed').count()) > 0);
    assert.equal(faded, 0, 'no step faded');
    await page.screenshot({ path: screenshotPath('site-app-print.png'), fullPage: true });

    await page.emulateMedia({ media: 'screen' });
    await page.waitForFunction(
      (before) =>
        document.querySelector('.pw-app .viewport svg')?.getAttribute('viewBox') === before,
      onScreen,
    );
    assert.ok(await page.locator('.pw-app .toolbar').isVisible());
  });

  it('hostile text in every field runs nothing: the chart, each step’s detail, the walk-through', async () => {
    for (const text of MARKUP_STRINGS) {
      const site = await open({ analysis: analyze(hostilePathway(text)) });
      const { page, data } = site;
      await page.click('.pw-app button[data-action="walk"]');
      for (const scenario of data.walk.scenarios ?? []) {
        await page.selectOption('#walk-scenario', scenario.id);
      }
      let details = 0;
      for (const step of data.walk.steps) {
        await page.focus(face(step.id));
        await page.keyboard.press('Enter');
        // Walking, Enter on a step the waiting decision leads to answers it instead.
        if ((await page.getByRole('dialog').count()) === 0) continue;
        details++;
        assert.equal(
          await page.locator('#pw-detail-title').textContent(),
          step.title,
          `${text}: the step's title as written`,
        );
        await page.keyboard.press('Escape');
      }
      assert.ok(details > 0, `${text}: a step's detail shown`);
      // The chart, laid out and drawn by the page, names each step as written.
      for (const step of data.walk.steps) {
        const named = await page.locator(`${node(step.id)} > .outline > title`).textContent();
        assert.ok(named?.startsWith(step.title), `${text}: ${step.id} on the chart as written`);
      }
      assert.equal(
        await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
        undefined,
        text,
      );
      opened.splice(opened.indexOf(site), 1);
      await closeClean(site);
      fs.rmSync(site.site, { recursive: true, force: true });
    }
  });

  for (const [name, rawData] of [
    ['without data', null],
    ['with data that cannot be read', '{"title": "half'],
    ['with data of another shape', '{"title": 3}'],
  ] as const) {
    it(`a page ${name} keeps the chart drawn into it`, async () => {
      const { page } = await open({ rawData, interactive: false, staticChart: true });
      await page.waitForLoadState('load');
      assert.equal(await page.locator('.pw-app').count(), 0);
      assert.equal((await page.locator('#flowchart .pw-chart svg g.node').count()) > 0, true);
    });

    it(`a page ${name}, its chart not drawn in, keeps saying where the steps are listed`, async () => {
      const { page, problems } = await open({ rawData, interactive: false });
      await page.waitForLoadState('load');
      assert.equal(await page.locator('.pw-app').count(), 0);
      assert.equal(await page.locator('#flowchart svg').count(), 0);
      assert.match(
        (await page.locator('#flowchart .pw-chart-note').textContent()) ?? '',
        /^The flowchart is drawn here by the page’s script when the page opens\. Every step is also listed/,
      );
      assert.deepEqual(problems.errors, []);
    });
  }

  it('a page its script cannot lay out says so where the chart would be, and lists the steps', async () => {
    // A diagram whose arrow leads to no step: ELK refuses it.
    const probe = await writeSitePage('probe', readFile(path.join(EXAMPLES, BRLP)).analysis);
    fs.rmSync(probe.site, { recursive: true, force: true });
    const data = probe.data;
    const diagram = data.diagram;
    assert.ok(diagram);
    const broken = {
      ...data,
      diagram: {
        ...diagram,
        edges: [
          ...diagram.edges,
          { id: 'e-x', from: diagram.nodes[0]?.id, to: 'no-such-step', kind: 'next' },
        ],
      },
    };
    const { page, problems } = await open({ rawData: JSON.stringify(broken), interactive: false });
    await page.waitForFunction(() =>
      document
        .querySelector('#flowchart .pw-chart-note')
        ?.textContent?.startsWith('The flowchart could not be drawn'),
    );
    assert.match(
      (await page.locator('#flowchart .pw-chart-note').textContent()) ?? '',
      /^The flowchart could not be drawn \(.+\)\. Every step is listed, with its detail, under Steps\.$/,
    );
    assert.equal(await page.locator('.pw-app').count(), 0);
    assert.deepEqual(problems.errors, []);
  });
});
