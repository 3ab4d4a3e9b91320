// The preview as a reader first meets it, at the widths a panel beside the editor has: the
// chart opens fitted to the width at a size that can be read, its start at the top; the
// toolbar is one row of buttons that say what they do; the legend lies over the chart without
// resizing it; a branch's whole condition shows on hover.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshotPath } from './browser';
import { analyzeExample } from './pathways';
import { webviewSuite, type WebviewHarness } from './previewHarness';

/** The smallest zoom at which the chart's words can be read (the viewer's own minimum). */
const READABLE = 80;
const EXAMPLE = 'stepped-care-radiating-lbp.pathway.yaml';

async function zoomPercent(page: Page): Promise<number> {
  const label = (await page.locator('.zoom-level').textContent()) ?? '';
  const match = /^(\d+)%$/.exec(label);
  assert.ok(match, `the zoom label reads as a percentage: "${label}"`);
  return Number(match[1]);
}

/** The zoom the picture is really drawn at: the viewport's width over the viewBox's. */
async function drawnZoom(page: Page): Promise<number> {
  return page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('.viewport > svg');
    const viewport = document.querySelector<HTMLElement>('.viewport');
    if (!svg || !viewport) return 0;
    return Math.round((viewport.clientWidth / svg.viewBox.baseVal.width) * 100);
  });
}

async function viewBox(page: Page): Promise<string | null> {
  return page.locator('.viewport > svg').getAttribute('viewBox');
}

describe('the preview’s first view, toolbar and legend, at 500 and 900 px', function () {
  const suite = webviewSuite();

  async function open(width: number): Promise<WebviewHarness> {
    const harness = await suite.open({ viewport: { width, height: 760 } });
    await harness.draw(analyzeExample(EXAMPLE));
    return harness;
  }

  for (const width of [500, 900]) {
    it(`at ${width} px: opens readable, fitted to the width from the start, the rest a scroll away (screenshot)`, async () => {
      const { page } = await open(width);
      await page.screenshot({ path: screenshotPath(`preview-first-view-${width}.png`) });
      const zoom = await zoomPercent(page);
      assert.ok(zoom >= READABLE, `the chart opens at ${zoom}%, not below ${READABLE}%`);
      assert.equal(await drawnZoom(page), zoom, 'the zoom label says the size drawn');

      // The start step is in view, at the top.
      const start = await page.locator('.viewport g.node.start').boundingBox();
      const viewport = await page.locator('.viewport').boundingBox();
      assert.ok(start && viewport);
      assert.ok(start.x >= viewport.x && start.x + start.width <= viewport.x + viewport.width);
      assert.ok(start.y >= viewport.y && start.y < viewport.y + viewport.height / 3);

      // The chart's width fits the panel, or the rest of it is a sideways scroll away.
      const chart = await page.locator('.viewport > svg g.nodes').boundingBox();
      assert.ok(chart);
      if (chart.width > viewport.width) {
        const before = await viewBox(page);
        await page.mouse.move(viewport.x + viewport.width / 2, viewport.y + viewport.height / 2);
        await page.keyboard.down('Shift');
        await page.mouse.wheel(0, 200);
        await page.keyboard.up('Shift');
        const after = await viewBox(page);
        assert.notEqual(after?.split(' ')[0], before?.split(' ')[0], 'it scrolls across');
        assert.equal(after?.split(' ')[2], before?.split(' ')[2], 'at the same zoom');
      }

      // Reading down the algorithm: the wheel scrolls down at the same zoom.
      const top = await viewBox(page);
      await page.mouse.wheel(0, 300);
      const down = await viewBox(page);
      assert.ok(Number(down?.split(' ')[1]) > Number(top?.split(' ')[1]), 'it scrolls down');
      assert.equal(await zoomPercent(page), zoom);
    });

    it(`at ${width} px: the toolbar is one row of named buttons with keys; the title is whole in its tooltip`, async () => {
      const { page } = await open(width);
      const buttons = await page.locator('.toolbar button').all();
      assert.ok(buttons.length >= 8);
      const tops = new Set<number>();
      for (const button of buttons) {
        const box = await button.boundingBox();
        assert.ok(box && box.x >= 0 && box.x + box.width <= width, 'inside the panel');
        tops.add(Math.round(box.y));
        const title = (await button.getAttribute('title')) ?? '';
        assert.equal(await button.getAttribute('aria-label'), title);
        assert.match(title, /^\S.* \(.\)$/, `"${title}" names the action and its key`);
      }
      assert.equal(tops.size, 1, `all buttons share one top offset: ${[...tops].join(', ')}`);
      const header = await page.locator('.toolbar').boundingBox();
      assert.ok(header && header.height < 40, `one row, not ${header?.height ?? 0} px`);

      const heading = page.locator('.toolbar .title');
      const title = (await heading.textContent()) ?? '';
      assert.ok(title.length > 0, 'the title is in the page');
      assert.equal(await heading.getAttribute('title'), title, 'whole in its tooltip');
      assert.equal(
        await heading.evaluate((e) => getComputedStyle(e).textOverflow),
        'ellipsis',
        'cut only to the eye',
      );
    });

    it(`at ${width} px: keys work as the tooltips say; Fit fits the width, again the whole chart`, async () => {
      const { page } = await open(width);
      const first = await viewBox(page);
      await page.keyboard.press('+');
      assert.notEqual(await viewBox(page), first);
      await page.keyboard.press('0');
      assert.equal(await viewBox(page), first, 'Fit (0) brings back the readable first view');
      await page.keyboard.press('0');
      const whole = await zoomPercent(page);
      assert.ok(whole < READABLE, `pressed again, the whole tall chart is shown (${whole}%)`);
      assert.equal(await drawnZoom(page), whole);
      await page.click('button[data-action="fit"]');
      assert.equal(await viewBox(page), first, 'the button does the same');
      await page.keyboard.press('l');
      assert.equal(await page.locator('.legend-panel').isVisible(), true);
      await page.keyboard.press('l');
      assert.equal(await page.locator('.legend-panel').isVisible(), false);
      await page.keyboard.press('w');
      assert.equal(await page.locator('.walk-panel').isVisible(), true);
    });

    it(`at ${width} px: the legend opens over the chart, leaving its size and zoom as they were (screenshot)`, async () => {
      const { page } = await open(width);
      const zoom = await zoomPercent(page);
      const before = await page.locator('.viewport').boundingBox();
      const box = await viewBox(page);
      await page.click('button[data-action="legend"]');
      assert.equal(await page.locator('.legend-panel').isVisible(), true);
      await page.screenshot({ path: screenshotPath(`preview-legend-${width}.png`) });
      assert.deepEqual(await page.locator('.viewport').boundingBox(), before);
      assert.equal(await viewBox(page), box);
      assert.equal(await zoomPercent(page), zoom);
      assert.equal(await drawnZoom(page), zoom, 'the label still says the size drawn');
    });
  }

  it('a branch’s whole condition shows on hover, and the walk-through’s “None yet.” is not red', async () => {
    const { page } = await open(900);
    const condition =
      'A serious underlying condition suspected from the red flags and risk factors: cancer ' +
      '(history of cancer, unexplained weight loss, night pain, constant pain unrelieved by ' +
      'position change), infection (fever, immunosuppression) or fracture (recent trauma, ' +
      'osteoporosis)';
    const titles = await page.locator('.viewport g.edge-label > title').allTextContents();
    // A first-match branch's tooltip: its number, its words as written, then its condition.
    assert.ok(
      titles.includes(`Branch 2\n${condition}\nif serious-cause`),
      'the tooltip holds the condition as written',
    );
    const drawn = await page
      .locator('.viewport g.edge-label')
      .evaluateAll((labels) =>
        labels.map((label) =>
          [...label.querySelectorAll('tspan:not(.test)')].map((t) => t.textContent).join(' '),
        ),
      );
    // Drawn after its number in the order the branches are tried, its "if" on lines of its own.
    assert.ok(drawn.includes(`2. ${condition}`), 'and the label draws it whole');

    await page.click('button[data-action="walk"]');
    const none = page.locator('.walk-panel p', { hasText: 'None yet.' });
    const colour = await none.evaluate((e) => getComputedStyle(e).color);
    const muted = await page
      .locator('.walk-panel h3')
      .first()
      .evaluate((e) => getComputedStyle(e).color);
    assert.equal(colour, muted, 'shown in the muted colour of the panel’s headings');
    assert.notEqual(colour, 'rgb(207, 34, 46)', 'not the error red');
  });
});
