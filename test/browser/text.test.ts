// Titles in Chinese, Japanese, Korean and Arabic, with emoji and combining accents, drawn by
// Chromium in the page `pathway render` writes: every line of text inside its box (a
// diamond's text inside the diamond), every condition inside its label, and no character
// drawn as U+FFFD. The screenshot goes to test-results/international-text.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { analyze, renderPicture } from '../../server/src/core';
import { displayWidth, wrapToWidth } from '../../server/src/core/text/width';
import { launch, ROOT, screenshotPath, watch } from './browser';

/** The measuring module as the page sees it, bundled. */
interface Measure {
  displayWidth(text: string): number;
  wrapToWidth(text: string, width: number, maxLines: number): string[];
}

interface Overflow {
  readonly what: string;
  readonly text: string;
  readonly by: number;
}

describe('international text in the flowchart (Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;

  before(async () => {
    ({ browser, close } = await launch());
  });

  after(async () => {
    await close?.();
  });

  it('measures and wraps the same in the browser as in Node (the core bundled for a page)', async () => {
    const bundle = await build({
      entryPoints: [path.join(ROOT, 'server', 'src', 'core', 'text', 'width.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'pathwayWidth',
      platform: 'browser',
      target: 'chrome120',
      logLevel: 'silent',
    });
    const samples = [
      '评估腰痛患者的病史、体格检查以及危险信号筛查，包括马尾综合征的症状',
      '急性腰痛（発症から4週間未満）ですか？',
      'ألم أسفل الظهر مع عرق النسا لأكثر من أربعة أسابيع',
      'Offer family 👨‍👩‍👧 education 🇫🇷🇩🇪🇯🇵 and shared decisions 👩🏽‍⚕️🧑‍🤝‍🧑',
      'Re\u0301e\u0301valuer a\u0300 6 semaines',
      '😀'.repeat(40),
    ];
    const page = await browser.newPage();
    try {
      await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
      const inBrowser = await page.evaluate((texts) => {
        const width = (window as unknown as { pathwayWidth: Measure }).pathwayWidth;
        return texts.map((text) => ({
          width: width.displayWidth(text),
          lines: width.wrapToWidth(text, 30, 4),
        }));
      }, samples);
      assert.deepEqual(
        inBrowser,
        samples.map((text) => ({ width: displayWidth(text), lines: wrapToWidth(text, 30, 4) })),
      );
    } finally {
      await page.close();
    }
  });

  it('draws every title and condition inside its box, cut between whole characters (screenshot)', async () => {
    const source = path.join(ROOT, 'test', 'inputs', 'international.pathway.yaml');
    const file = screenshotPath('international-text.html');
    fs.writeFileSync(file, await renderPicture(analyze(fs.readFileSync(source, 'utf8')), 'html'));
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    try {
      const problems = await watch(page);
      await page.goto(pathToFileURL(file).href);
      await page.evaluate(() => document.fonts.ready);
      const overflows = await page.evaluate(() => {
        const found: Overflow[] = [];
        for (const node of document.querySelectorAll<SVGGElement>('svg g.node')) {
          const shape = node.querySelector<SVGGraphicsElement>('.shape');
          if (!shape) continue;
          const box = shape.getBBox();
          const diamond = shape.tagName === 'polygon';
          for (const line of node.querySelectorAll<SVGTSpanElement>('text.label tspan')) {
            const text = line.getBBox();
            const right = text.x + text.width - (box.x + box.width);
            const left = box.x - text.x;
            let by = Math.max(right, left);
            if (diamond) {
              // Each corner of the line's box inside the diamond: |dx|/a + |dy|/b <= 1.
              const a = box.width / 2;
              const b = box.height / 2;
              const cx = box.x + a;
              const cy = box.y + b;
              for (const x of [text.x, text.x + text.width]) {
                // The glyphs' ink sits in the middle of the line box, not its full height.
                for (const y of [text.y + text.height * 0.25, text.y + text.height * 0.75]) {
                  const reach = Math.abs(x - cx) / a + Math.abs(y - cy) / b - 1;
                  by = Math.max(by, reach * a);
                }
              }
            }
            if (by > 0)
              found.push({ what: node.dataset['step'] ?? '', text: line.textContent ?? '', by });
          }
        }
        for (const label of document.querySelectorAll('svg g.edge-label')) {
          const rect = label.querySelector('rect')?.getBBox();
          if (!rect) continue;
          for (const line of label.querySelectorAll<SVGTSpanElement>('tspan')) {
            const text = line.getBBox();
            const by = Math.max(text.x + text.width - (rect.x + rect.width), rect.x - text.x);
            if (by > 0) found.push({ what: 'condition', text: line.textContent ?? '', by });
          }
        }
        return found;
      });
      assert.deepEqual(overflows, [], 'text outside its box');
      const text = (await page.locator('svg').textContent()) ?? '';
      assert.ok(!text.includes('\uFFFD'), 'a character drawn as U+FFFD');
      assert.ok(text.includes('👨‍👩‍👧'), 'the family emoji whole');
      assert.ok(text.includes('评估腰痛患者的病史'), 'the Chinese title');
      assert.deepEqual(problems.errors, [], 'page errors');
      await page.screenshot({ path: screenshotPath('international-text.png'), fullPage: true });
    } finally {
      await page.close();
    }
  });
});
