// Computable decisions drawn by Chromium in the page `pathway render` writes: each branch's
// words and its `if` (in monospace) inside the label's box as measured by the browser, no two
// labels over each other or over a step, and the lines drawn inside a step ("first that
// holds", the recorded inputs) inside its shape. Screenshots go to test-results/logic-*.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { analyze, renderPicture, renderReport } from '../../server/src/core';
import { axeViolations } from './axe';
import { launch, ROOT, screenshotPath, watch } from './browser';

interface Fault {
  readonly what: string;
  readonly text: string;
  readonly by: number;
}

const PATHWAYS = ['computable', 'computable-flawed'];

describe('computable decisions in the flowchart (Chromium)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let close: (() => Promise<void>) | undefined;

  before(async () => {
    ({ browser, close } = await launch());
  });

  after(async () => {
    await close?.();
  });

  for (const name of PATHWAYS) {
    it(`${name}: every condition inside its label, no label over another or over a step (screenshot)`, async () => {
      const source = path.join(ROOT, 'test', 'inputs', `${name}.pathway.yaml`);
      const file = screenshotPath(`logic-${name}.html`);
      fs.writeFileSync(file, await renderPicture(analyze(fs.readFileSync(source, 'utf8')), 'html'));
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      try {
        const problems = await watch(page);
        await page.goto(pathToFileURL(file).href);
        await page.evaluate(() => document.fonts.ready);
        const found = await page.evaluate(() => {
          const faults: Fault[] = [];
          const labels = [...document.querySelectorAll<SVGGElement>('svg g.edge-label')];
          let code = 0;
          for (const label of labels) {
            const rect = label.querySelector('rect')?.getBBox();
            if (!rect) continue;
            for (const line of label.querySelectorAll<SVGTSpanElement>('tspan')) {
              if (line.classList.contains('test')) {
                code++;
                // Drawn in a monospace font, not the words' font.
                const family = getComputedStyle(line).fontFamily;
                if (!/mono/i.test(family)) faults.push({ what: 'font', text: family, by: 1 });
              }
              const box = line.getBBox();
              const by = Math.max(
                box.x + box.width - (rect.x + rect.width),
                rect.x - box.x,
                box.y + box.height - (rect.y + rect.height) - 2,
                rect.y - box.y - 2,
              );
              if (by > 0) faults.push({ what: 'label', text: line.textContent ?? '', by });
            }
          }
          if (code === 0) faults.push({ what: 'no code line', text: '', by: 1 });
          // Boxes in the picture's coordinates: labels and steps.
          const boxes = [
            ...labels.map((label) => ({
              what: `label "${label.querySelector('tspan')?.textContent ?? ''}"`,
              box: label.querySelector('rect')?.getBBox(),
            })),
            ...[...document.querySelectorAll<SVGGElement>('svg g.node')].map((node) => {
              const shape = node.querySelector<SVGGraphicsElement>('.shape')?.getBBox();
              const at = node.transform.baseVal.consolidate()?.matrix;
              return {
                what: `step ${node.dataset['step'] ?? ''}`,
                box:
                  shape && at
                    ? new DOMRect(shape.x + at.e, shape.y + at.f, shape.width, shape.height)
                    : undefined,
              };
            }),
          ];
          for (let i = 0; i < boxes.length; i++) {
            for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i]?.box;
              const b = boxes[j]?.box;
              if (!a || !b) continue;
              const across = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
              const down = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
              if (across > 0.5 && down > 0.5)
                faults.push({
                  what: 'overlap',
                  text: `${boxes[i]?.what ?? ''} and ${boxes[j]?.what ?? ''}`,
                  by: Math.min(across, down),
                });
            }
          }
          // What a step draws under its title stays inside its shape (a diamond's corners aside).
          for (const node of document.querySelectorAll<SVGGElement>('svg g.node')) {
            const shape = node.querySelector<SVGGraphicsElement>('.shape')?.getBBox();
            if (!shape) continue;
            for (const line of node.querySelectorAll<SVGGraphicsElement>(
              '.records tspan, .match-mark',
            )) {
              const box = line.getBBox();
              let by = Math.max(box.x + box.width - (shape.x + shape.width), shape.x - box.x);
              if (node.classList.contains('kind-decision')) {
                const a = shape.width / 2;
                const b = shape.height / 2;
                for (const x of [box.x, box.x + box.width])
                  for (const y of [box.y + box.height * 0.25, box.y + box.height * 0.75])
                    by = Math.max(by, (Math.abs(x - a) / a + Math.abs(y - b) / b - 1) * a);
              } else {
                by = Math.max(by, box.y + box.height - (shape.y + shape.height));
              }
              if (by > 0) faults.push({ what: 'step line', text: line.textContent ?? '', by });
            }
          }
          return faults;
        });
        assert.deepEqual(found, [], 'text outside its box, or boxes over each other');
        assert.deepEqual(problems.errors, [], 'page errors');
        await page.screenshot({ path: screenshotPath(`logic-${name}.png`), fullPage: true });
      } finally {
        await page.close();
      }
    });
  }

  for (const name of PATHWAYS) {
    it(`axe: the pages pathway render and pathway report write for ${name}, the verdicts and the inputs table included (screenshot)`, async () => {
      const analysis = analyze(
        fs.readFileSync(path.join(ROOT, 'test', 'inputs', `${name}.pathway.yaml`), 'utf8'),
      );
      for (const [kind, html] of [
        ['render', await renderPicture(analysis, 'html')],
        ['report', await renderReport(analysis, 'html', { date: '2026-01-01' })],
      ] as const) {
        const file = screenshotPath(`logic-a11y-${kind}-${name}.html`);
        fs.writeFileSync(file, html);
        const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
        try {
          await page.goto(pathToFileURL(file).href);
          assert.deepEqual(await axeViolations(page), [], `${kind} of ${name}`);
          if (kind === 'report') {
            assert.ok(await page.locator('table.inputs').isVisible());
            assert.ok((await page.locator('p.verdict').count()) > 0);
            await page.screenshot({
              path: screenshotPath(`logic-report-${name}.png`),
              fullPage: true,
            });
          }
        } finally {
          await page.close();
        }
      }
    });
  }
});
