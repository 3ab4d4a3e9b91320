// Sub-pathways in the preview, in real Chromium on the page the extension builds: the box names
// the used pathway, a click (or Enter) on it posts the message that opens that pathway's own
// preview, and the walk-through goes into the used pathway and comes back out where its end
// leads, with a link to open it while inside.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { Analysis } from '../../server/src/core';
import * as path from 'node:path';
import { analyzeInCase } from '../support/caseFiles';
import { EXAMPLES } from '../support/paths';
import { analyzeWithFiles } from '../support/withFiles';
import { axeViolations } from './axe';
import { screenshotPath } from './browser';
import { webviewSuite, type WebviewHarness } from './previewHarness';

function acuteLbp(): Analysis {
  return analyzeInCase('scenarios--through-sub-pathway', 'acute-lbp.pathway.yaml');
}

describe('sub-pathways in the preview in Chromium', function () {
  const suite = webviewSuite();

  async function open(analysis: Analysis = acuteLbp()): Promise<WebviewHarness> {
    const harness = await suite.open({
      viewport: { width: 1300, height: 900 },
    });
    await harness.draw(analysis);
    return harness;
  }

  const box = (page: Page): ReturnType<Page['locator']> =>
    page.locator('.viewport g.node[data-step="screen"]');

  it('draws the box naming the used pathway, its title and file, and its arrows by its ends (screenshot)', async () => {
    const { page } = await open();
    assert.ok(await box(page).evaluate((g) => g.classList.contains('kind-pathway')));
    assert.deepEqual(await box(page).locator('text.uses tspan').allTextContents(), [
      'uses Red-flag screen for low back',
      'pain',
      'screens/red-flags.pathway.yaml',
    ]);
    const name = await box(page).locator('.outline').getAttribute('aria-label');
    assert.match(
      name ?? '',
      /^Sub-pathway: Screen for red flags \(uses Red-flag screen for low back pain\)/,
    );
    assert.match(name ?? '', /when the sub-pathway ends at Emergency referral/);
    const labels = await page.$$eval(
      '.viewport g.edge[data-from="screen"] .edge-label text',
      (texts) => texts.map((t) => t.textContent ?? ''),
    );
    assert.ok(
      labels.some((label) => label.startsWith('ends at Emergency referral')),
      labels.join(' | '),
    );
    assert.ok(labels.includes('any other end'), labels.join(' | '));
    // The legend says what the box is and what picking it does.
    await page.click('button[data-action="legend"]');
    assert.match(
      (await page.locator('.legend-panel').textContent()) ?? '',
      /sub-pathway: another pathway file, followed there \(Enter or a click opens its preview\)/,
    );
    assert.deepEqual(await axeViolations(page), []);
    await page.screenshot({ path: screenshotPath('sub-pathway-box.png') });
  });

  it('a click on the box, or Enter on it, posts the message that opens the used pathway', async () => {
    const harness = await open();
    const { page } = harness;
    await box(page).locator('.outline').click();
    const opening = (await harness.posted()).filter((m) => m.type === 'openPathway');
    assert.deepEqual(opening, [{ type: 'openPathway', stepId: 'screen', source: harness.source }]);
    // The step is shown in the editor as any step is.
    assert.ok((await harness.posted()).some((m) => m.type === 'reveal' && m.stepId === 'screen'));
    await box(page).locator('.outline').focus();
    await page.keyboard.press('Enter');
    const again = (await harness.posted()).filter((m) => m.type === 'openPathway');
    assert.equal(again.length, 2);
    // Any other step opens nothing.
    await page.locator('.viewport g.node[data-step="advice"] .outline').click();
    assert.equal((await harness.posted()).filter((m) => m.type === 'openPathway').length, 2);
  });

  it('walks through the sub-pathway with the same facts, and out where its end leads (screenshot)', async () => {
    const harness = await open();
    const { page } = harness;
    await page.click('button[data-action="walk"]');
    // No fact given: the screen's first question waits, inside the sub-pathway.
    await page.waitForSelector('.walk-inside');
    assert.match(
      (await page.locator('.walk-inside').textContent()) ?? '',
      /Walking through the sub-pathway “Red-flag screen for low back pain” \(from “Screen for red flags”\)/,
    );
    assert.equal(await page.locator('.walk-question').textContent(), 'Which red flag is present?');
    // The box is where the walk is on the chart.
    assert.ok(await box(page).evaluate((g) => g.classList.contains('selected')));
    await page.screenshot({ path: screenshotPath('sub-pathway-walk-inside.png') });
    // The link opens the used pathway's preview.
    await page.click('.walk-inside button[data-open-pathway="screen"]');
    assert.ok(
      (await harness.posted()).some((m) => m.type === 'openPathway' && m.stepId === 'screen'),
    );
    // The facts answer the screen: no red flag comes out by `next`, to the advice.
    await page.getByLabel(/^Saddle anaesthesia/).selectOption({ label: 'No' });
    await page.getByLabel(/^History of cancer/).selectOption({ label: 'No' });
    await page.waitForSelector('.walk-end');
    assert.equal(
      await page.locator('.walk-end').textContent(),
      'Ends at: Review at 6 weeks if not improving',
    );
    const lit = await page.$$eval('.viewport g.node.on-path', (nodes) =>
      nodes.map((node) => (node as SVGGElement).dataset['step'] ?? ''),
    );
    assert.deepEqual(lit, ['assess', 'screen', 'advice', 'heat', 'review']);
    assert.ok(
      await page
        .locator('.viewport g.edge[data-from="screen"][data-to="advice"]')
        .evaluate((g) => g.classList.contains('on-path')),
      'the arrow the end left by is lit',
    );
    assert.equal(await page.locator('.walk-inside').count(), 0);
    // A red flag inside leads out by the screen's `ends` to the emergency end.
    await page.getByLabel(/^Saddle anaesthesia/).selectOption({ label: 'Yes' });
    await page.waitForFunction(() =>
      document.querySelector('.walk-end')?.textContent?.includes('Same-day emergency assessment'),
    );
    assert.deepEqual(await axeViolations(page), []);
  });

  it('names where a fact is measured by this pathway’s steps; a used pathway’s steps only when none of its own measures it', async () => {
    // The red-flag facts are this pathway's too: the step using the screen measures them.
    const harness = await open(
      analyzeWithFiles(path.join(EXAMPLES, 'after-failed-conservative-care.pathway.yaml')),
    );
    const hint = (page: Page, input: string): Promise<string> =>
      page.locator(`.walk-fact[data-input="${input}"] .walk-fact-hint`).innerText();
    await harness.page.click('button[data-action="walk"]');
    assert.match(
      await hint(harness.page, 'cauda-equina'),
      /^Measured at “Screen again for red flags and serious causes” or “Review pain, function and side effects after 4 to 6 weeks” or “Review 4 to 6 weeks after the injection”: /,
    );
    // Facts only the screen declares are measured by its own step, named as it is.
    const inCase = await open();
    await inCase.page.click('button[data-action="walk"]');
    assert.match(
      await hint(inCase.page, 'cauda-equina'),
      /^Measured at “Ask about red-flag symptoms and examine”: /,
    );
  });
});
