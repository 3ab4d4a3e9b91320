// The flowchart and the pages around it as a keyboard and a screen reader meet them, in real
// Chromium: every step a named button in a list (its kind, its title and where it leads),
// the arrow keys along the arrows, a focus ring that shows in every theme, and axe-core's
// rules (WCAG 2.x A and AA, and its best practices) with no violation on the preview (plain,
// walking through, comparing), the report's webview, and the pages `pathway render` and
// `pathway report` write. Screenshots of the focus ring go to test-results/.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import {
  analyze,
  buildDiffDiagram,
  changedStep,
  describeChange,
  diffPathways,
  layoutDiagram,
  renderPicture,
  renderReport,
  renderReportBody,
  renderSvg,
  walkModel,
  type Analysis,
} from '../../server/src/core';
import { axeViolations } from './axe';
import { ROOT, screenshotPath } from './browser';
import { analyzeExample, DRAWABLE } from './pathways';
import { THEMES, webviewSuite } from './previewHarness';

// The manipulation pathway with its own red-flag decision (the example uses the shared screen).
const BRLP = '../test/inputs/brlp-own-screen.pathway.yaml';

/** The decision at the top of the manipulation pathway, as a screen reader names it. */
const RED_FLAGS_NAME =
  'Decision: Any red flag for serious pathology? — leads, trying its branches in order, to ' +
  'Same-day emergency spinal assessment when Saddle anaesthesia, new bowel or bladder ' +
  'dysfunction, or leg weakness in both legs (suspected cauda equina syndrome) (if ' +
  'cauda-equina); to Urgent medical or spinal specialist review when Progressive motor ' +
  'deficit, or suspected fracture, infection or malignancy (if progressive-deficit or ' +
  'serious-cause); otherwise (No red flag) to How long has the leg pain lasted?';

const step = (id: string): string => `.viewport g.node[data-step="${id}"] .outline`;

/** The step that has the keyboard focus, and its accessible name. */
async function focused(page: Page): Promise<{ id: string | undefined; name: string | null }> {
  return page.evaluate(() => {
    const active = document.activeElement;
    return {
      id: (active?.closest('g.node[data-step]') as SVGGElement | null)?.dataset['step'],
      name: active?.getAttribute('aria-label') ?? null,
    };
  });
}

/** Presses `key` on the focused step and says which step has the focus afterwards. */
async function press(page: Page, key: string): Promise<string | undefined> {
  await page.keyboard.press(key);
  return (await focused(page)).id;
}

function readDiff(name: string): Analysis {
  return analyze(fs.readFileSync(path.join(ROOT, 'test', 'diff', `${name}.pathway.yaml`), 'utf8'));
}

describe('accessibility: the flowchart by keyboard and screen reader, and axe-core (Chromium)', function () {
  this.timeout(120_000);
  const suite = webviewSuite();
  const { open } = suite;

  it('a screen reader meets a list of steps, each named with its kind, title and where it leads', async () => {
    const harness = await open();
    const ids = await harness.draw(analyzeExample(BRLP));
    const tree = await harness.page.locator('.viewport').ariaSnapshot();
    assert.match(
      tree,
      /^ {2}- 'group "Flowchart: Back-related leg pain — spinal manipulation plus home exercise and advice"':\n {4}- list "Steps":\n {6}- listitem:\n {8}- 'button "Assessment: History and examination to confirm the leg pain comes from the back \(start\) — leads to Any red flag for serious pathology\?"'/m,
    );
    assert.equal(
      (tree.match(/^ {6}- listitem:$/gm) ?? []).length,
      ids.length,
      'one list item per step',
    );
    assert.ok(tree.includes(`button "${RED_FLAGS_NAME}"`), 'the branches and their conditions');
    assert.ok(
      tree.includes('button "End: Same-day emergency spinal assessment — the pathway ends here"'),
    );
    assert.match(
      tree,
      /button "Recommendation: Offer spinal manipulative therapy in addition to home exercise and advice \(for, conditional, low certainty, 1 reference\) — leads to Schedule a 12-week course/,
      'a recommendation says its grade in words',
    );
    // The drawn words (cut to fit), the arrows and their labels are not read a second time.
    assert.doesNotMatch(tree, /text:|▶ Start|⊕/);
    // What the drawing shows on hover, as the step's description.
    assert.equal(
      await harness.page.locator(step('red-flags')).getAttribute('aria-description'),
      'Step id red-flags. Logic: First match · no shadowed branch ✓ · Complete ✓ (has an otherwise).',
    );
  });

  it('the keyboard walks the chart along its arrows; Enter shows the step in the editor', async () => {
    const harness = await open();
    await harness.draw(analyzeExample(BRLP));
    const { page } = harness;
    // Tab from the toolbar's last button reaches the chart once, at the start step.
    await page.focus('button[data-action="export-html"]');
    assert.equal(await press(page, 'Tab'), 'history-and-exam');
    assert.equal(
      (await focused(page)).name,
      'Assessment: History and examination to confirm the leg pain comes from the back (start) — leads to Any red flag for serious pathology?',
    );
    assert.equal(await press(page, 'ArrowDown'), 'red-flags');
    assert.equal((await focused(page)).name, RED_FLAGS_NAME);
    // Down takes the first branch; right and left go between the branches of the decision.
    assert.equal(await press(page, 'ArrowDown'), 'emergency-referral');
    assert.equal(await press(page, 'ArrowRight'), 'urgent-specialist-review');
    assert.equal(await press(page, 'ArrowRight'), 'duration', 'otherwise, the last branch');
    assert.equal(await press(page, 'ArrowRight'), 'duration', 'no branch further right');
    assert.equal(await page.locator('[role="status"]').textContent(), 'No other branch this way.');
    assert.equal(await press(page, 'ArrowLeft'), 'urgent-specialist-review');
    assert.equal(
      await press(page, 'ArrowDown'),
      'urgent-specialist-review',
      'an end leads on nowhere',
    );
    assert.equal(await page.locator('[role="status"]').textContent(), 'The pathway ends here.');
    // Up goes back the way the keys came.
    assert.equal(await press(page, 'ArrowUp'), 'red-flags');
    assert.equal(await press(page, 'ArrowUp'), 'history-and-exam');
    assert.equal(await press(page, 'ArrowUp'), 'history-and-exam', 'nothing leads to the start');
    assert.equal(await page.locator('[role="status"]').textContent(), 'No step leads here.');
    // Deep down the chart, Home is the start again.
    await press(page, 'ArrowDown');
    await press(page, 'ArrowDown');
    await press(page, 'ArrowRight');
    assert.equal(await press(page, 'ArrowRight'), 'duration');
    assert.equal(await press(page, 'Home'), 'history-and-exam');
    // Enter (and Space) show the focused step in the editor and select its paths.
    await press(page, 'ArrowDown');
    await page.keyboard.press('Enter');
    assert.deepEqual((await harness.posted()).at(-1), {
      type: 'reveal',
      source: harness.source,
      stepId: 'red-flags',
    });
    assert.equal(
      await page.locator('.viewport g.node.selected').getAttribute('data-step'),
      'red-flags',
    );
    await press(page, 'ArrowDown');
    await page.keyboard.press(' ');
    assert.equal((await harness.posted()).at(-1)?.type, 'reveal');
    assert.equal(
      await page.locator('.viewport g.node.selected').getAttribute('data-step'),
      'emergency-referral',
    );

    // Tab leaves the chart in one step, and Shift+Tab comes back to the step last visited.
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).id, undefined, 'Tab leaves the chart');
    assert.equal(await press(page, 'Shift+Tab'), 'emergency-referral');
  });

  it('Shift and the arrows move the picture; chords are left to the editor', async () => {
    const harness = await open();
    await harness.draw(analyzeExample(BRLP));
    const { page } = harness;
    const viewBox = (): Promise<string | null> =>
      page.locator('.viewport svg').getAttribute('viewBox');
    await page.focus(step('red-flags'));
    const before = await viewBox();
    assert.equal(await press(page, 'Shift+ArrowDown'), 'red-flags', 'the focus stays');
    assert.notEqual(await viewBox(), before, 'the picture moved');
    // A chord (Ctrl+1 focuses the editor, Alt+arrows navigate) reaches VS Code untouched.
    await page.evaluate(() => {
      const seen: boolean[] = [];
      (window as unknown as { __prevented: boolean[] }).__prevented = seen;
      window.addEventListener('keydown', (event) => {
        if (!['Control', 'Alt', 'Meta', 'Shift'].includes(event.key))
          seen.push(event.defaultPrevented);
      });
    });
    const moved = await viewBox();
    for (const chord of ['Control+ArrowDown', 'Alt+ArrowDown', 'Meta+ArrowDown', 'Control+1']) {
      assert.equal(await press(page, chord), 'red-flags', `${chord} leaves the focus`);
    }
    assert.equal(await viewBox(), moved, 'and the picture');
    assert.deepEqual(
      await page.evaluate(() => (window as unknown as { __prevented: boolean[] }).__prevented),
      [false, false, false, false],
      'no chord is swallowed',
    );
  });

  it('keeps the focus on its step when a new picture of the pathway arrives', async () => {
    const harness = await open();
    const analysis = analyzeExample(BRLP);
    await harness.draw(analysis);
    const { page } = harness;
    // Two steps lead to the 12-week review: the keys come to it from the second.
    await page.focus(step('manipulation-suitability'));
    assert.equal(await press(page, 'ArrowDown'), 'hea-alone');
    assert.equal(await press(page, 'ArrowDown'), 'review-12-weeks');
    await harness.draw(analysis, 2);
    assert.equal((await focused(page)).id, 'review-12-weeks');
    assert.equal(await press(page, 'ArrowUp'), 'hea-alone', 'the way back is kept too');
    // Reached by a click, up goes to the first step leading there.
    await page.click(step('review-12-weeks'));
    assert.equal(await press(page, 'ArrowUp'), 'deliver-course');
  });

  it('walking through: Enter on a branch of the waiting decision takes it', async () => {
    const harness = await open();
    await harness.draw(analyzeExample(BRLP));
    const { page } = harness;
    await page.click('button[data-action="walk"]');
    assert.equal(
      await page.locator('.walk-question').textContent(),
      'Any red flag for serious pathology?',
    );
    await page.focus('button[data-action="export-html"]');
    // The walk waits at the red flags: Tab lands there, marked as the current step.
    assert.equal(await press(page, 'Tab'), 'red-flags');
    assert.equal(await page.locator(step('red-flags')).getAttribute('aria-current'), 'step');
    assert.equal(await press(page, 'ArrowDown'), 'emergency-referral');
    assert.equal(await press(page, 'ArrowRight'), 'urgent-specialist-review');
    assert.equal(await press(page, 'ArrowRight'), 'duration');
    await page.keyboard.press('Enter');
    assert.equal(
      await page.locator('.walk-question').textContent(),
      'How long has the leg pain lasted?',
    );
    assert.deepEqual(await page.locator('.walk-answers-given li').allTextContents(), [
      'Any red flag for serious pathology? → No red flag',
    ]);
    assert.equal(
      await page.locator('[role="status"]').textContent(),
      'Next question: How long has the leg pain lasted?',
      'the new question is said once',
    );
    assert.equal(await page.locator(step('duration')).getAttribute('aria-current'), 'step');
    assert.equal(await page.locator('[aria-current]').count(), 1);
    assert.equal((await focused(page)).id, 'duration', 'the focus stays where the walk went');
    // Enter on a step that answers nothing shows it in the editor, as outside the walk.
    await press(page, 'ArrowUp');
    await page.keyboard.press('Enter');
    assert.deepEqual((await harness.posted()).at(-1), {
      type: 'reveal',
      source: harness.source,
      stepId: 'red-flags',
    });
    assert.equal(
      await page.locator('.walk-question').textContent(),
      'How long has the leg pain lasted?',
    );
    // The walk-through's own list: each recommendation met is a button showing its step.
    await page.click('.walk-answer >> nth=1');
    await page.click('.walk-answer >> nth=0');
    const recommendation = page.locator('.walk-recommendation button').first();
    await recommendation.focus();
    await page.keyboard.press('Enter');
    assert.equal((await harness.posted()).at(-1)?.type, 'reveal');
  });

  for (const theme of THEMES) {
    it(`draws a focus ring that stands out in ${theme.replace('vscode-', '')} (screenshot)`, async () => {
      const harness = await open({ theme });
      await harness.draw(analyzeExample(BRLP));
      const { page } = harness;
      await page.focus('button[data-action="export-html"]');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowDown');
      const ring = await page.locator(step('red-flags')).evaluate((outline) => {
        const style = getComputedStyle(outline);
        return { stroke: style.stroke, width: style.strokeWidth };
      });
      const focusBorder = {
        'vscode-light': 'rgb(0, 95, 184)',
        'vscode-dark': 'rgb(0, 120, 212)',
        'vscode-high-contrast': 'rgb(243, 133, 24)',
      }[theme];
      assert.deepEqual(ring, { stroke: focusBorder, width: '3px' }, 'the theme’s focus colour');
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert.ok(contrast(ring.stroke, background) >= 3, `ring against the page: ${ring.stroke}`);
      // No ring on the steps without focus, nor after a click (the pointer shows where it is).
      const stroked = (): Promise<string[]> =>
        page.$$eval('.viewport .outline', (outlines) =>
          outlines
            .filter((o) => getComputedStyle(o).stroke !== 'none')
            .map((o) => (o.closest('g.node') as SVGGElement).dataset['step'] ?? ''),
        );
      assert.deepEqual(await stroked(), ['red-flags']);
      const box = await page.locator(step('red-flags')).boundingBox();
      assert.ok(box);
      await page.screenshot({
        path: screenshotPath(`a11y-focus-${theme}.png`),
        clip: { x: box.x - 60, y: box.y - 40, width: box.width + 120, height: box.height + 80 },
      });
      await page.click(step('duration'));
      assert.deepEqual(await stroked(), []);
    });
  }

  // ------------------------------------------------------------------------------- axe-core

  for (const theme of THEMES) {
    it(`axe: the preview in ${theme.replace('vscode-', '')}, plain, with a selection and walking through`, async () => {
      const harness = await open({ theme });
      await harness.draw(analyzeExample('flawed/flawed.pathway.yaml'));
      const { page } = harness;
      assert.deepEqual(await axeViolations(page), [], 'as drawn');
      // The flawed example's chart is wider than the window: the click goes to the step itself.
      await page.locator(step('smt-hea')).dispatchEvent('click');
      await page.keyboard.press('ArrowDown');
      assert.deepEqual(await axeViolations(page), [], 'a step selected, another focused');
      await page.click('button[data-action="walk"]');
      await page.click('.walk-answer >> nth=-1');
      assert.deepEqual(await axeViolations(page), [], 'walking through');
    });

    it(`axe: the report webview in ${theme.replace('vscode-', '')}`, async () => {
      const harness = await open({ kind: 'report', theme });
      const { title, body } = await renderReportBody(analyzeExample('flawed/flawed.pathway.yaml'), {
        date: '2026-01-01',
      });
      await harness.deliver({
        type: 'report',
        source: harness.source,
        version: 1,
        title,
        html: body,
      });
      await harness.page.waitForSelector('main h1');
      assert.deepEqual(await axeViolations(harness.page), []);
    });
  }

  it('axe: the preview comparing two versions; each change is a button to its step', async () => {
    const harness = await open({ viewport: { width: 1300, height: 860 } });
    const before = readDiff('base');
    const after = readDiff('panel-edit');
    const diff = diffPathways(before, after);
    await harness.deliver({
      type: 'render',
      source: harness.source,
      version: 1,
      title: 'compare',
      svg: renderSvg(await layoutDiagram(buildDiffDiagram(before, after, diff)), { legend: false }),
      walk: walkModel(after),
      compare: {
        otherLabel: 'HEAD',
        changes: diff.changes.map((c) => ({
          type: c.type,
          description: describeChange(c),
          stepId: changedStep(c),
        })),
      },
    });
    const { page } = harness;
    await page.waitForSelector('.viewport g.node.diff-added');
    assert.deepEqual(await axeViolations(page), []);
    // The comparison is in the names too, not only in colour.
    const added = await page
      .locator('.viewport g.node.diff-added .outline')
      .first()
      .getAttribute('aria-label');
    assert.match(added ?? '', /\(added in this version\)/);
    const changed = await page
      .locator('.viewport g.node.diff-changed .outline')
      .first()
      .getAttribute('aria-label');
    assert.match(changed ?? '', /\(changed in this version\)/);
    const change = page.locator('.changes li[data-step="safety-net"] button');
    await change.focus();
    await page.keyboard.press('Enter');
    assert.deepEqual((await harness.posted()).at(-1), {
      type: 'reveal',
      source: harness.source,
      stepId: 'safety-net',
    });
  });

  it('axe: the pages pathway render and pathway report write, for every example', async () => {
    for (const name of DRAWABLE) {
      const analysis = analyzeExample(name);
      const base = path.basename(name).replace(/\.pathway\.yaml$/, '');
      for (const [kind, html] of [
        ['render', await renderPicture(analysis, 'html')],
        ['report', await renderReport(analysis, 'html', { date: '2026-01-01' })],
      ] as const) {
        const file = screenshotPath(`a11y-${kind}-${base}.html`);
        fs.writeFileSync(file, html);
        const page = await suite.browser().newPage({ viewport: { width: 1200, height: 900 } });
        try {
          await page.goto(pathToFileURL(file).href);
          assert.deepEqual(await axeViolations(page), [], `${kind} of ${name}`);
          // Without a script the steps are pictures in a list, each named in words.
          const tree = await page.locator('svg').ariaSnapshot();
          assert.match(
            tree,
            /^- '?group "Flowchart: .+"'?:\n {2}- list "Steps":\n {4}- listitem:\n {6}- '?img "\w+: /,
          );
        } finally {
          await page.close();
        }
      }
    }
  });
});

/** WCAG's contrast ratio of two `rgb(r, g, b)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (colour: string): number => {
    const [r = 0, g = 0, bl = 0] = (colour.match(/\d+/g) ?? []).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}
