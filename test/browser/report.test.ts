// The page `pathway report --format html` writes and the editor's report panel, read as a
// reviewer does: in a narrow panel (500 px), following a link to a step, and on paper.
// Screenshots and the printed PDF go to test-results/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { buildAuditReport, renderReport, renderReportBody } from '../../server/src/core';
import { screenshotPath } from './browser';
import { webviewSuite } from './previewHarness';
import { analyzeExample, DRAWABLE } from './pathways';

const DATE = { date: '2026-01-01' };

/** What a narrow window shows wrong: a page wider than the window, an id split over lines. */
async function narrowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      problems.push(`the page is ${root.scrollWidth} px wide in ${root.clientWidth} px`);
    for (const id of document.querySelectorAll('.step-id, .rule-code')) {
      if (id.getClientRects().length !== 1)
        problems.push(`"${id.textContent}" is split over lines`);
    }
    const chart = document.querySelector('.flowchart');
    const start = document.querySelector('.flowchart g.node.start');
    if (chart && start) {
      const box = chart.getBoundingClientRect();
      const first = start.getBoundingClientRect();
      if (first.left < box.left || first.right > box.right || first.top - box.top > 40)
        problems.push('the chart does not start with its first step in view');
    }
    return problems;
  });
}

describe('the audit report in Chromium', function () {
  const suite = webviewSuite();

  async function openReport(name: string, width: number): Promise<Page> {
    const base = path.basename(name).replace(/\.pathway\.yaml$/, '');
    const file = screenshotPath(`report-${base}.html`);
    fs.writeFileSync(file, await renderReport(analyzeExample(name), 'html', DATE));
    const page = await suite.browser().newPage({ viewport: { width, height: 800 } });
    await page.goto(pathToFileURL(file).href);
    return page;
  }

  it('every link to a step leads to it, and following one scrolls to the step', async () => {
    for (const name of DRAWABLE) {
      const page = await openReport(name, 1200);
      try {
        const missing = await page.evaluate(() =>
          [...document.querySelectorAll('a[href^="#"]')]
            .map((a) => decodeURIComponent((a.getAttribute('href') ?? '').slice(1)))
            .filter((id) => document.getElementById(id) === null),
        );
        assert.deepEqual(missing, [], `${name}: links that lead nowhere`);
        const last = page.locator('section.path h3 a.step-link').last();
        const target = `step-${await last.getAttribute('data-step')}`;
        await last.click();
        await page.waitForFunction((id) => location.hash === `#${id}`, target);
        const inView = await page.evaluate((id) => {
          const box = document.getElementById(id)?.getBoundingClientRect();
          return box !== undefined && box.top > -2 && box.bottom <= window.innerHeight + 2;
        }, target);
        assert.ok(inView, `${name}: ${target} scrolled into view`);
      } finally {
        await page.close();
      }
    }
  });

  it('fits a 500 px window: no sideways scrolling, no id broken, the chart starts with the chart (screenshot)', async () => {
    for (const name of DRAWABLE) {
      const page = await openReport(name, 500);
      try {
        assert.deepEqual(await narrowProblems(page), [], name);
        const quiet = await page.evaluate(() => {
          const p = document.querySelector('p.quiet');
          return p ? getComputedStyle(p).color : undefined;
        });
        if (quiet !== undefined) assert.equal(quiet, 'rgb(89, 99, 110)', 'muted, not red');
        if (name.startsWith('brlp'))
          await page.screenshot({ path: screenshotPath('report-500px.png'), fullPage: true });
      } finally {
        await page.close();
      }
    }
  });

  it("fits a 500 px report panel in the editor's dark theme (screenshot)", async () => {
    const harness = await suite.open({
      kind: 'report',
      theme: 'vscode-dark',
      viewport: { width: 500, height: 800 },
    });
    const { title, body } = await renderReportBody(analyzeExample(DRAWABLE[0] ?? ''), DATE);
    await harness.deliver({
      type: 'report',
      source: harness.source,
      version: 1,
      title,
      html: body,
    });
    await harness.page.waitForSelector('main h1');
    assert.deepEqual(await narrowProblems(harness.page), []);
    await harness.page.screenshot({
      path: screenshotPath('report-webview-500px.png'),
      fullPage: true,
    });
  });

  it('prints whole: every step in the printed page, no dark background, the chart on one page (screenshot, PDF)', async () => {
    const name = DRAWABLE[0] ?? '';
    const report = buildAuditReport(analyzeExample(name), DATE);
    const page = await openReport(name, 794);
    try {
      await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
      const printed = await page.evaluate(() => document.body.innerText);
      for (const step of [...report.recommendations, ...report.steps]) {
        assert.ok(printed.includes(step.title), `"${step.title}" is printed`);
      }
      const dark = await page.evaluate(() =>
        [...document.querySelectorAll('body, body *')]
          .filter((element) => {
            const [r = 255, g = 255, b = 255, a = 1] = (
              getComputedStyle(element).backgroundColor.match(/[\d.]+/g) ?? []
            ).map(Number);
            return a > 0.1 && 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
          })
          .map((element) => element.tagName),
      );
      assert.deepEqual(dark, [], 'elements printed on a dark background');
      const chart = await page.locator('.flowchart svg').boundingBox();
      assert.ok(chart && chart.height <= 908 && chart.width <= 794, 'the chart fits one A4 page');
      await page.screenshot({ path: screenshotPath('report-print.png'), fullPage: true });
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      fs.writeFileSync(screenshotPath('report-print.pdf'), pdf);
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      assert.ok(pages >= 3, `${pages} pages`);
    } finally {
      await page.close();
    }
  });
});
