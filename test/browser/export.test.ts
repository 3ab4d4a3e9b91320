// The standalone HTML page `pathway render` and the preview's Export HTML write, opened as a
// reader would (a file in Chromium): every step drawn and visible, nothing refused by its
// Content-Security-Policy, no errors. Screenshots go to test-results/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { renderPicture } from '../../server/src/core';
import { launch, screenshotPath, watch } from './browser';
import { analyzeExample, analyzeHostile, DRAWABLE, stepIds } from './pathways';

describe('the exported HTML page in Chromium', function () {
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;

  before(async () => {
    ({ browser, close } = await launch());
  });

  after(async () => {
    await close?.();
  });

  const cases = [...DRAWABLE.map((name) => ({ name, analysis: () => analyzeExample(name) }))];
  cases.push({ name: 'hostile', analysis: analyzeHostile });

  for (const { name, analysis } of cases) {
    it(`opens ${name} with every step visible and no policy violation`, async () => {
      const analysed = analysis();
      const base = path.basename(name).replace(/\.pathway\.yaml$/, '');
      const file = screenshotPath(`export-${base}.html`);
      fs.writeFileSync(file, await renderPicture(analysed, 'html'));

      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      try {
        const problems = await watch(page);
        await page.goto(pathToFileURL(file).href);
        const ids = stepIds(analysed);
        assert.equal(await page.locator('svg g.node').count(), ids.length);
        for (const id of ids) {
          const box = await page
            .locator(`svg g.node[data-step="${id.replace(/"/g, '\\"')}"]`)
            .boundingBox();
          assert.ok(box && box.width > 20 && box.height > 10, `${id} is drawn`);
        }
        await page.locator('svg g.node').first().hover();
        assert.deepEqual(await problems.cspViolations(), [], 'Content-Security-Policy violations');
        assert.deepEqual(problems.console, [], 'console errors');
        assert.deepEqual(problems.errors, [], 'page errors');
        assert.deepEqual(problems.dialogs, [], 'dialogs');
        assert.equal(await page.locator('script, img, iframe').count(), 0);
        await page.screenshot({ path: screenshotPath(`export-${base}.png`), fullPage: true });
      } finally {
        await page.close();
      }
    });
  }
});
