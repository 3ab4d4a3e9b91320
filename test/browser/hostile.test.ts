// The markup corpus of test/support/hostileText.ts (script tags, event handlers, javascript:
// URLs, CSS and SVG payloads, markup that closes its context) in every text field of a
// pathway, drawn in real Chromium the four ways a pathway reaches a page: the preview's
// webview, the page `pathway render` writes, the page `pathway report` writes, and the
// report's webview.
// A trap records any script that runs (every payload calls alert or sets a flag); the pages
// must raise no dialog, no console or page error and no Content-Security-Policy violation,
// request nothing from the network, and show each string as the text it is.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { previewPage } from '../../client/src/panels/page';
import type { ToReportWebviewMessage, ToWebviewMessage } from '../../shared/webviewMessages';
import {
  analyze,
  renderPicture,
  renderReport,
  renderReportBody,
  walkModel,
  type Analysis,
} from '../../server/src/core';
import { screenshotPath, watch, type PageProblems } from './browser';
import { webviewSuite } from './previewHarness';
import { hostilePathway, MARKUP_STRINGS } from '../support/hostileText';
import { previewSvg } from './pathways';

interface Trapped {
  __pwned: string[];
}

/** Traps before any page script: alert and its kin, and a flag payloads may set. */
async function trap(page: Page): Promise<PageProblems & { requests: string[] }> {
  const problems = await watch(page);
  const requests: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!/^(file:|data:|http:\/\/127\.0\.0\.1)/.test(url)) requests.push(url);
  });
  await page.addInitScript(() => {
    const trapped = window as unknown as Trapped & Record<string, unknown>;
    trapped.__pwned = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
      trapped[name] = (...args: unknown[]) => trapped.__pwned.push(`${name}(${args.join(',')})`);
    }
  });
  return { ...problems, requests };
}

async function assertClean(
  page: Page,
  problems: PageProblems & { requests: string[] },
  what: string,
): Promise<void> {
  // Handlers would run on a hover or a focus: give them the chance on the steps.
  for (const element of (await page.locator('svg g.node').all()).slice(0, 4)) {
    await element.hover({ timeout: 500 }).catch(() => undefined);
    await element.focus({ timeout: 500 }).catch(() => undefined);
  }
  assert.deepEqual(
    await page.evaluate(() => (window as unknown as Trapped).__pwned),
    [],
    `${what}: scripts that ran`,
  );
  assert.deepEqual(problems.dialogs, [], `${what}: dialogs`);
  assert.deepEqual(
    await problems.cspViolations(),
    [],
    `${what}: Content-Security-Policy violations`,
  );
  assert.deepEqual(problems.console, [], `${what}: console errors`);
  assert.deepEqual(problems.errors, [], `${what}: page errors`);
  assert.deepEqual(problems.requests, [], `${what}: requests that left the machine`);
  // The walk-through's facts fold in a <details> of the page's own; any other is made.
  const injected = await page.evaluate(() =>
    [
      ...document.querySelectorAll(
        'iframe, object, embed, foreignObject, base, meta[http-equiv="refresh"], details:not(.walk-panel > .walk-facts), math, use, img',
      ),
    ].map((element) => element.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(injected, [], `${what}: elements made from the text`);
  const links = await page.evaluate(() =>
    [...document.querySelectorAll('[href]')]
      .map((element) => element.getAttribute('href') ?? '')
      .filter((href) => !/^(https?:\/\/|#)/i.test(href)),
  );
  assert.deepEqual(links, [], `${what}: links that are not http(s)`);
}

/** The text of a page without white space (the flowchart wraps and splits its labels). */
async function textOf(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().textContent())?.replace(/\s+/g, '') ?? '';
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

describe('hostile text in the preview, the exported pages and the report (Chromium)', function () {
  this.timeout(300_000);
  const suite = webviewSuite();
  const { server } = suite;
  const analyses = MARKUP_STRINGS.map((text) => ({
    text,
    analysis: analyze(hostilePathway(text)),
  }));

  it('every hostile string reaches every field, drawn as a step, a label or a reference', () => {
    for (const { text, analysis } of analyses) {
      assert.ok(analysis.model, text);
      assert.deepEqual(
        [...analysis.model.steps.keys()],
        ['ask', 'recommend', text, 'done'],
        `${text}: the steps, the hostile id among them`,
      );
      assert.ok(analysis.model.references.has(text), `${text}: a reference with the hostile id`);
    }
  });

  /** Opens a webview page as VS Code would, with a stand-in for its API. */
  async function webviewPage(
    name: string,
    script: string,
    style: string,
  ): Promise<{ page: Page; problems: PageProblems & { requests: string[] }; source: string }> {
    const source = 'file:///work/hostile.pathway.yaml';
    const html = previewPage({
      cspSource: server.origin,
      nonce: 'hostile-nonce-0123456789',
      scriptUri: `${server.origin}/dist/webview/${script}`,
      styleUri: `${server.origin}/dist/webview/${style}`,
      state: { source, title: 'hostile' },
    });
    const page = await suite.browser().newPage({ viewport: { width: 1100, height: 800 } });
    const problems = await trap(page);
    await page.addInitScript(() => {
      (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
        postMessage: () => undefined,
        getState: (): unknown => JSON.parse(sessionStorage.getItem('state') ?? 'null'),
        setState: (state: unknown) => sessionStorage.setItem('state', JSON.stringify(state)),
      });
    });
    await page.goto(server.page(name, html));
    return { page, problems, source };
  }

  it('the preview webview draws each one as text, and walking through runs nothing', async () => {
    const { page, problems, source } = await webviewPage(
      'hostile-preview.html',
      'preview.js',
      'preview.css',
    );
    try {
      let version = 0;
      for (const { text, analysis } of analyses) {
        version++;
        const message: ToWebviewMessage = {
          type: 'render',
          source,
          version,
          title: text,
          svg: await previewSvg(analysis),
          walk: walkModel(analysis),
        };
        await page.evaluate((data) => {
          window.dispatchEvent(new MessageEvent('message', { data }));
        }, message);
        await page.waitForFunction(
          (id) =>
            [...document.querySelectorAll('.viewport svg g.node')].some(
              (n) => (n as SVGGElement).dataset['step'] === id,
            ),
          text,
        );
        const drawn = await textOf(page, '.viewport svg');
        assert.ok(drawn.includes(squeeze(text)), `${text}: shown as written`);
        // Walk: answer the decision, meet the recommendation with its grade and citations.
        await page.click('button[data-action="walk"]');
        await page.click('button[data-answer="0"]');
        const panel = await textOf(page, '.walk-panel');
        assert.ok(panel.includes(squeeze(text)), `${text}: the walk-through shows it as written`);
        assert.doesNotMatch(panel, /nativecode|\[objectObject\]/, `${text}: no prototype leaks`);
        await page.click('button[data-action="walk"]');
        await assertClean(page, problems, `preview of ${JSON.stringify(text)}`);
      }
      await page.screenshot({ path: screenshotPath('hostile-preview.png') });
    } finally {
      await page.close();
    }
  });

  it('the page pathway render writes shows each one as text, with its policy unbroken', async () => {
    for (const [i, { text, analysis }] of analyses.entries()) {
      const file = screenshotPath(`hostile-render-${i}.html`);
      fs.writeFileSync(file, await renderPicture(analysis, 'html'));
      const page = await suite.browser().newPage({ viewport: { width: 1100, height: 800 } });
      try {
        const problems = await trap(page);
        await page.goto(pathToFileURL(file).href);
        assert.ok((await textOf(page, 'svg')).includes(squeeze(text)), `${text}: shown as written`);
        assert.ok((await page.title()).includes(`${text} (pathway)`), `${text}: the page title`);
        assert.equal(await page.locator('script').count(), 0);
        await assertClean(page, problems, `render of ${JSON.stringify(text)}`);
      } finally {
        await page.close();
      }
    }
  });

  it('the page pathway report writes shows each one as text in every section', async () => {
    for (const [i, { text, analysis }] of analyses.entries()) {
      const file = screenshotPath(`hostile-report-${i}.html`);
      fs.writeFileSync(file, await renderReport(analysis, 'html', { date: '2025-01-01' }));
      const page = await suite.browser().newPage({ viewport: { width: 1100, height: 800 } });
      try {
        const problems = await trap(page);
        await page.goto(pathToFileURL(file).href);
        const body = await textOf(page, 'body');
        for (const shown of [`${text} (recommendation)`, `${text} (reference)`, text]) {
          assert.ok(body.includes(squeeze(shown)), `${JSON.stringify(shown)}: shown as written`);
        }
        assert.equal(await page.locator('script').count(), 0);
        await assertClean(page, problems, `report of ${JSON.stringify(text)}`);
        if (i === 0)
          await page.screenshot({ path: screenshotPath('hostile-report.png'), fullPage: true });
      } finally {
        await page.close();
      }
    }
  });

  it("the report's webview shows each one as text", async () => {
    const { page, problems, source } = await webviewPage(
      'hostile-report.html',
      'report.js',
      'report.css',
    );
    try {
      let version = 0;
      for (const { text, analysis } of analyses) {
        version++;
        const { title, body } = await renderReportBody(analysis, { date: '2025-01-01' });
        const message: ToReportWebviewMessage = {
          type: 'report',
          source,
          version,
          title,
          html: body,
        };
        await page.evaluate((data) => {
          window.dispatchEvent(new MessageEvent('message', { data }));
        }, message);
        await page.waitForFunction(
          (expected) => (document.body.textContent ?? '').replace(/\s+/g, '').includes(expected),
          squeeze(`${text} (recommendation)`),
        );
        await assertClean(page, problems, `report webview of ${JSON.stringify(text)}`);
      }
    } finally {
      await page.close();
    }
  });
});

/** For other tests: the analysis of the hostile pathway made from one string. */
export function hostileAnalysis(text: string): Analysis {
  return analyze(hostilePathway(text));
}
