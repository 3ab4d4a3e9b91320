// The preview's webview page in real Chromium: the very page the extension builds (its
// policy, its bundled script and style sheet from dist/webview), with a stand-in for VS
// Code's webview API that records what the page posts and keeps its state across reloads.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { FromWebviewMessage, ToWebviewMessage } from '../../shared/webviewMessages';
import { ROOT, screenshotPath, type PageProblems } from './browser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  analyze,
  buildAuditReport,
  buildDiffDiagram,
  changedStep,
  describeChange,
  diffPathways,
  layoutDiagram,
  renderSvg,
  walkModel,
  type Analysis,
} from '../../server/src/core';
import { analyzeExample, analyzeHostile, DRAWABLE } from './pathways';

/** The manipulation pathway with its own red-flag decision (the example uses the shared screen). */
const BRLP = '../test/inputs/brlp-own-screen.pathway.yaml';
import { webviewSuite, type Theme } from './previewHarness';

interface Harness {
  readonly page: Page;
  readonly problems: PageProblems;
  readonly source: string;
  posted(): Promise<FromWebviewMessage[]>;
  deliver(message: ToWebviewMessage): Promise<void>;
  /** Delivers the picture of an example (or the hostile pathway) and waits until it shows. */
  draw(name: string, version?: number): Promise<string[]>;
}

describe('the preview webview page in Chromium', function () {
  const suite = webviewSuite();

  async function open(
    theme: Theme = 'vscode-light',
    viewport = { width: 1100, height: 760 },
  ): Promise<Harness> {
    const shared = await suite.open({ theme, viewport });
    const harness: Harness = {
      ...shared,
      deliver: (message) => shared.deliver(message),
      draw: (name, version = 1) =>
        shared.draw(name === 'hostile' ? analyzeHostile() : analyzeExample(name), version),
    };
    return harness;
  }

  const node = (id: string): string =>
    `.viewport g.node[data-step="${id.replace(/["\\]/g, '\\$&')}"]`;

  async function classesOf(page: Page, selector: string): Promise<Record<string, string[]>> {
    return page.$$eval(selector, (elements) =>
      Object.fromEntries(
        elements.map((e) => [
          (e as SVGGElement).dataset['step'] ??
            `${(e as SVGGElement).dataset['from']}>${(e as SVGGElement).dataset['to']}`,
          [...e.classList],
        ]),
      ),
    );
  }

  it('says it is ready, then draws every step of each example, all visible', async () => {
    const harness = await open();
    assert.deepEqual(await harness.posted(), [{ type: 'ready', source: harness.source }]);
    let version = 1;
    for (const name of DRAWABLE) {
      const ids = await harness.draw(name, version++);
      for (const id of ids) {
        const box = await harness.page.locator(node(id)).boundingBox();
        assert.ok(box && box.width > 20 && box.height > 10, `${name}: ${id} is drawn`);
      }
    }
  });

  it('a click on a step posts reveal with its id and selects it', async () => {
    const harness = await open();
    await harness.draw(BRLP);
    await harness.page.click(node('duration'));
    const posted = await harness.posted();
    assert.deepEqual(posted.at(-1), {
      type: 'reveal',
      source: harness.source,
      stepId: 'duration',
    });
    assert.ok((await classesOf(harness.page, node('duration')))['duration']?.includes('selected'));
  });

  it('Enter on a focused step reveals it', async () => {
    const harness = await open();
    await harness.draw(BRLP);
    await harness.page.focus(`${node('duration')} .outline`);
    await harness.page.keyboard.press('Enter');
    assert.deepEqual((await harness.posted()).at(-1), {
      type: 'reveal',
      source: harness.source,
      stepId: 'duration',
    });
  });

  it('selecting a step marks every path from the start through it to the ends', async () => {
    const harness = await open();
    const ids = await harness.draw('stepped-care-radiating-lbp.pathway.yaml');
    await harness.page.click('button[data-action="fit"]');
    // The emergency end is reached from the first visit and from both reviews.
    await harness.page.click(node('emergency-surgical-assessment'));
    const onPath = [
      'initial-assessment',
      'red-flags',
      'stay-active',
      'pain-duration',
      'superficial-heat',
      'first-line-analgesia',
      'no-opioids-first-line',
      'reassess',
      'response',
      'gabapentinoid',
      'add-nonpharmacological',
      'second-review',
      'persistent-pain',
      'emergency-surgical-assessment',
    ];
    const nodes = await classesOf(harness.page, '.viewport g.node');
    for (const id of ids) {
      const classes = nodes[id] ?? [];
      if (onPath.includes(id)) {
        assert.ok(classes.includes('on-path') && !classes.includes('dimmed'), `${id} on the path`);
      } else {
        assert.ok(classes.includes('dimmed') && !classes.includes('on-path'), `${id} dimmed`);
      }
    }
    const edges = await classesOf(harness.page, '.viewport g.edge');
    const lit = (): string[] =>
      Object.keys(edges)
        .filter((key) => edges[key]?.includes('on-path'))
        .sort();
    assert.deepEqual(lit(), [
      'add-nonpharmacological>second-review',
      'first-line-analgesia>no-opioids-first-line',
      'gabapentinoid>add-nonpharmacological',
      'initial-assessment>red-flags',
      'no-opioids-first-line>reassess',
      'pain-duration>first-line-analgesia',
      'pain-duration>superficial-heat',
      'persistent-pain>emergency-surgical-assessment',
      'reassess>response',
      'red-flags>emergency-surgical-assessment',
      'red-flags>stay-active',
      'response>add-nonpharmacological',
      'response>emergency-surgical-assessment',
      'response>gabapentinoid',
      'second-review>persistent-pain',
      'stay-active>pain-duration',
      'superficial-heat>first-line-analgesia',
    ]);
    assert.ok(
      Object.values(edges).every((c) => c.includes('on-path') !== c.includes('dimmed')),
      'every other link is dimmed',
    );

    // Prompt imaging is reached straight from the red flags, and again when new neurological
    // symptoms appear at either review: every route is lit, and the branches that never lead
    // there stay dimmed.
    await harness.page.click(node('prompt-imaging'));
    const after = await classesOf(harness.page, '.viewport g.node');
    const litNodes = ids.filter((id) => after[id]?.includes('on-path'));
    for (const id of ['stay-active', 'reassess', 'response', 'specialist-management']) {
      assert.ok(litNodes.includes(id), `${id} is on a path through prompt-imaging`);
    }
    for (const id of [
      'emergency-surgical-assessment',
      'surgical-consultation',
      'self-management-review',
    ]) {
      assert.ok(after[id]?.includes('dimmed'), `${id} is on no path through prompt-imaging`);
    }
    await harness.page.screenshot({ path: screenshotPath('preview-selected-path.png') });

    // A step on a loop-free middle: everything before and after it is lit, its siblings not.
    await harness.page.keyboard.press('Escape');
    assert.equal(await harness.page.locator('.viewport .dimmed, .viewport .on-path').count(), 0);
    await harness.page.click(node('red-flags'));
    assert.ok((await harness.page.locator('.viewport .dimmed').count()) === 0, 'all paths pass');
    // A click on empty space clears the selection too.
    await harness.page.mouse.click(8, 740);
    assert.equal(await harness.page.locator('.viewport .selected, .viewport .on-path').count(), 0);
  });

  it('highlights the step the editor cursor is in', async () => {
    const harness = await open();
    await harness.draw(BRLP);
    await harness.deliver({ type: 'highlight', source: harness.source, stepId: 'hea-alone' });
    assert.deepEqual(
      await harness.page.$$eval('.viewport .highlighted', (e) =>
        e.map((n) => (n as SVGGElement).dataset['step']),
      ),
      ['hea-alone'],
    );
    // A message about another document is stale and changes nothing.
    await harness.deliver({
      type: 'highlight',
      source: 'file:///other.pathway.yaml',
      stepId: 'duration',
    });
    assert.equal(await harness.page.locator(`${node('hea-alone')}.highlighted`).count(), 1);
    await harness.deliver({ type: 'highlight', source: harness.source, stepId: undefined });
    assert.equal(await harness.page.locator('.viewport .highlighted').count(), 0);
  });

  it('zooms, fits and keeps its view and selection across a reload', async () => {
    const harness = await open();
    await harness.draw(BRLP);
    const { page } = harness;
    const viewBox = (): Promise<string | null> =>
      page.locator('.viewport svg').getAttribute('viewBox');
    // It opens fitted to the width; Fit brings that view back after zooming and moving.
    const fitted = await viewBox();
    await page.click('button[data-action="zoom-in"]');
    await page.click('button[data-action="zoom-in"]');
    const zoomed = await viewBox();
    assert.notEqual(zoomed, fitted);
    await page.mouse.move(500, 400);
    await page.mouse.down();
    await page.mouse.move(420, 300, { steps: 4 });
    await page.mouse.up();
    const panned = await viewBox();
    assert.notEqual(panned, zoomed);
    await page.mouse.wheel(0, 120);
    const scrolled = await viewBox();
    assert.notEqual(scrolled, panned, 'the wheel scrolls');
    assert.equal(scrolled?.split(' ')[2], panned?.split(' ')[2], 'at the same zoom');
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -100);
    await page.keyboard.up('Control');
    const wheeled = await viewBox();
    assert.notEqual(wheeled?.split(' ')[2], scrolled?.split(' ')[2], 'ctrl + wheel zooms');
    await page.focus(`${node('duration')} .outline`);
    await page.keyboard.press('Enter');
    const selectedView = await viewBox();

    await page.reload();
    await harness.draw(BRLP, 2);
    assert.equal(await viewBox(), selectedView, 'the same view after a reload');
    assert.equal(await page.locator(`${node('duration')}.selected`).count(), 1);

    await page.click('button[data-action="fit"]');
    assert.equal(await viewBox(), fitted);
  });

  it('keeps the last picture and shows why when the text cannot be drawn', async () => {
    const harness = await open();
    await harness.draw(BRLP, 3);
    const message = 'The file cannot be read as YAML: check the indentation (line 31)';
    await harness.deliver({ type: 'cannotDraw', source: harness.source, version: 4, message });
    const banner = harness.page.locator('.banner');
    assert.ok(await banner.isVisible());
    assert.match((await banner.textContent()) ?? '', /line 31/);
    assert.equal(await harness.page.locator(node('duration')).count(), 1, 'the picture stays');
    await harness.page.screenshot({ path: screenshotPath('preview-cannot-draw.png') });
    // An older picture arriving late is dropped; the next good one clears the banner.
    await harness.deliver({
      type: 'render',
      source: harness.source,
      version: 2,
      title: 'old',
      svg: '<svg/>',
      walk: { start: undefined, steps: [] },
    });
    assert.equal(await harness.page.locator(node('duration')).count(), 1);
    await harness.draw('stepped-care-radiating-lbp.pathway.yaml', 5);
    assert.equal(await banner.isVisible(), false);
  });

  it('posts export requests from the toolbar', async () => {
    const harness = await open();
    await harness.draw(BRLP);
    await harness.page.click('button[data-action="export-svg"]');
    await harness.page.click('button[data-action="export-html"]');
    assert.deepEqual((await harness.posted()).slice(-2), [
      { type: 'export', source: harness.source, format: 'svg' },
      { type: 'export', source: harness.source, format: 'html' },
    ]);
  });

  it('shows hostile titles, conditions and ids as text, and runs none of them', async () => {
    const harness = await open();
    const ids = await harness.draw('hostile');
    const { page } = harness;
    // Hover and click everything, as a curious reader would.
    for (const id of ids) {
      const target = page.locator(node(id));
      await target.hover();
      await target.click();
    }
    await page.mouse.move(5, 5);
    assert.equal(await page.locator('img, iframe, object, embed, foreignObject').count(), 0);
    assert.equal(await page.locator('script').count(), 1, 'only the page’s own script');
    const texts = await page.locator('.viewport svg').evaluate((svg) => svg.textContent ?? '');
    assert.ok(texts.includes('<img src=x onerror=alert(1)>'), 'the title shows as text');
    assert.ok(texts.includes('" onmouseover="alert(1)" x="'), 'the condition shows as text');
    assert.ok(texts.includes('Fish & chips "quoted"'), 'ampersands and quotes show as written');
    const stepAttributes = await page.$$eval('.viewport g.node', (nodes) =>
      nodes.map((n) => (n as SVGGElement).dataset['step']),
    );
    assert.deepEqual(stepAttributes, ids, 'ids survive as attribute values');
    const handlers = await page.evaluate(
      () =>
        [...document.querySelectorAll('*')].filter((e) =>
          [...e.attributes].some((a) => a.name.startsWith('on')),
        ).length,
    );
    assert.equal(handlers, 0, 'no element has an event-handler attribute');
    await page.screenshot({ path: screenshotPath('preview-hostile.png') });
  });

  it('fits a narrow panel: the toolbar fits, the legend waits to be asked for', async () => {
    const harness = await open('vscode-dark', { width: 460, height: 700 });
    await harness.draw(BRLP);
    const { page } = harness;
    assert.equal(await page.locator('.legend-panel').isVisible(), false);
    for (const button of await page.locator('.toolbar button').all()) {
      const box = await button.boundingBox();
      assert.ok(box && box.x >= 0 && box.x + box.width <= 460, `${await button.textContent()}`);
    }
    // The start step is in view, at a size that can be read.
    const start = await page.locator('.viewport g.node.start').boundingBox();
    assert.ok(start && start.x >= 0 && start.x + start.width <= 460 && start.y >= 0);
    assert.match(
      (await page.locator('.zoom-level').textContent()) ?? '',
      /^([89]\d|1[01]\d|12[0-5])%$/,
    );
    await page.screenshot({ path: screenshotPath('preview-narrow.png') });
    await page.click('button[data-action="legend"]');
    assert.equal(await page.locator('.legend-panel').isVisible(), true);
    await page.click('button[data-action="legend"]');
    assert.equal(await page.locator('.legend-panel').isVisible(), false);
  });

  it('walk-through: answers lead along one route, gathering its recommendations (screenshot)', async () => {
    const name = BRLP;
    const harness = await open('vscode-light', { width: 1300, height: 860 });
    const { page } = harness;
    await harness.draw(name);
    // The route to check, from the core's own path enumeration: manipulation offered, then
    // the 12-week decision.
    const report = buildAuditReport(analyzeExample(name), { date: '2026-01-01' });
    const route = report.paths.find(
      (p) => p.steps.includes('smt-plus-hea') && p.decisions.length === 4,
    );
    assert.ok(route, 'a route through smt-plus-hea with four decisions');
    assert.equal(route.decisions[0]?.answer, 'No red flag', 'not a red flag');
    assert.equal(route.decisions[2]?.answer, 'Suitable and acceptable', 'the labelled otherwise');

    await page.click('button[data-action="walk"]');
    assert.equal(await page.locator('.walk-panel').isVisible(), true);
    for (const decision of route.decisions) {
      assert.equal(await page.locator('.walk-question').textContent(), decision.title);
      await page.locator('.walk-answer', { hasText: decision.answer }).first().click();
    }
    assert.equal(await page.locator('.walk-end').textContent(), `Ends at: ${route.end.title}`);
    assert.match((await page.locator('.walk-outcome').textContent()) ?? '', /^Outcome: \S/);
    assert.ok(
      (await page.locator('.walk-answers-given li').allTextContents()).includes(
        'Is spinal manipulation suitable and acceptable to the patient? → Suitable and acceptable',
      ),
    );
    const titles = (): Promise<string[]> => page.locator('.walk-rec-title').allTextContents();
    assert.deepEqual(
      await titles(),
      route.recommendations.map((r) => r.title),
    );
    const grades = await page.locator('.walk-grade').allTextContents();
    assert.deepEqual(
      grades,
      route.recommendations.map(
        (r) =>
          `${r.direction === 'against' ? '✗ Against' : '✓ For'} · ${r.strength} · ${
            { high: '⊕⊕⊕⊕ high', moderate: '⊕⊕⊕◯ moderate', low: '⊕⊕◯◯ low' }[r.certainty ?? ''] ??
            ''
          }`,
      ),
    );
    const citations = await page.locator('.walk-citations li').allTextContents();
    const expectedCitations = route.recommendations.flatMap((r) => r.citations);
    assert.equal(citations.length, expectedCitations.length);
    for (const [i, c] of expectedCitations.entries()) {
      assert.ok(citations[i]?.startsWith(c.title ?? c.id), `citation ${c.id}`);
      if (c.doi) assert.ok(citations[i]?.includes(`doi:${c.doi}`));
    }
    // The route is lit on the flowchart, the rest dimmed.
    const nodes = await classesOf(page, '.viewport g.node');
    for (const [id, classes] of Object.entries(nodes)) {
      const on = route.steps.includes(id);
      assert.equal(classes.includes('on-path'), on, `${id} on the walked route`);
      assert.equal(classes.includes('dimmed'), !on, `${id} dimmed`);
    }
    await page.screenshot({ path: screenshotPath('preview-walk-through.png') });

    // Step back: at the last decision again, the end no longer reached.
    await page.click('.walk-controls button[data-walk="back"]');
    assert.equal(await page.locator('.walk-question').textContent(), route.decisions.at(-1)?.title);
    assert.ok((await classesOf(page, node(route.end.id)))[route.end.id]?.includes('dimmed'));
    assert.deepEqual(
      await titles(),
      route.recommendations.map((r) => r.title),
    );
    // Kept across a reload of the webview.
    await page.reload();
    await harness.draw(name, 2);
    assert.equal(await page.locator('.walk-question').textContent(), route.decisions.at(-1)?.title);
    // Restart: back at the first decision, nothing gathered.
    await page.click('.walk-controls button[data-walk="restart"]');
    assert.equal(await page.locator('.walk-question').textContent(), route.decisions[0]?.title);
    assert.deepEqual(await titles(), []);
    const lit = Object.entries(await classesOf(page, '.viewport g.node'))
      .filter(([, classes]) => classes.includes('on-path'))
      .map(([id]) => id);
    assert.deepEqual(
      lit,
      route.steps.slice(0, route.steps.indexOf(route.decisions[0]?.id ?? '') + 1),
    );
    // Leaving the walk-through clears the marks.
    await page.click('button[data-action="walk"]');
    assert.equal(await page.locator('.walk-panel').isVisible(), false);
    assert.equal(await page.locator('.viewport g.node.dimmed').count(), 0);
  });

  it('compare mode: the changes beside the marked flowchart, each showing its step (screenshot)', async () => {
    const harness = await open('vscode-light', { width: 1300, height: 860 });
    const read = (name: string): Analysis =>
      analyze(fs.readFileSync(path.join(ROOT, 'test', 'diff', `${name}.pathway.yaml`), 'utf8'));
    const before = read('base');
    const after = read('panel-edit');
    const diff = diffPathways(before, after);
    const changes = diff.changes.map((c) => ({
      type: c.type,
      description: describeChange(c),
      stepId: changedStep(c),
    }));
    await harness.deliver({
      type: 'render',
      source: harness.source,
      version: 1,
      title: 'compare',
      svg: renderSvg(await layoutDiagram(buildDiffDiagram(before, after, diff)), { legend: false }),
      walk: walkModel(after),
      compare: { otherLabel: 'HEAD', changes },
    });
    const { page } = harness;
    await page.waitForSelector('.viewport g.node.diff-added');
    assert.equal(await page.locator('.changes-panel h2').textContent(), 'Changes since HEAD');
    assert.deepEqual(
      await page.locator('.changes li').allTextContents(),
      changes.map((c) => c.description),
    );
    await page.screenshot({ path: screenshotPath('preview-compare.png') });
    await page.locator('.changes li[data-step="safety-net"]').click();
    assert.deepEqual((await harness.posted()).at(-1), {
      type: 'reveal',
      source: harness.source,
      stepId: 'safety-net',
    });
  });

  for (const theme of ['vscode-light', 'vscode-dark', 'vscode-high-contrast'] as const) {
    it(`looks right in ${theme.replace('vscode-', '')} (screenshot)`, async () => {
      const harness = await open(theme);
      await harness.draw('flawed/flawed.pathway.yaml');
      await harness.deliver({ type: 'highlight', source: harness.source, stepId: 'smt-hea' });
      await harness.page.screenshot({ path: screenshotPath(`preview-${theme}.png`) });
      const background = await harness.page.evaluate(
        () => getComputedStyle(document.body).backgroundColor,
      );
      const expected = {
        'vscode-light': 'rgb(255, 255, 255)',
        'vscode-dark': 'rgb(31, 31, 31)',
        'vscode-high-contrast': 'rgb(0, 0, 0)',
      }[theme];
      assert.equal(background, expected, 'the page takes the theme’s colours');
    });
  }
});
