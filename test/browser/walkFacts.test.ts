// The walk-through's facts in real Chromium, on the page the extension builds: facts set in
// the panel answer the decisions with conditions (the walk says why), a fact missing leaves the
// decision to the reader, a scenario replays its route, a measurement taken again gets its
// own value, and Save as scenario posts the walk made. From the keyboard too, and with axe.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { analyze, walkModel, type Analysis } from '../../server/src/core';
import { MARKUP_STRINGS } from '../support/hostileText';
import { axeViolations } from './axe';
import { ROOT, screenshotPath } from './browser';
import { THEMES, webviewSuite, type Theme, type WebviewHarness } from './previewHarness';

const FILE = path.join(ROOT, 'test', 'inputs', 'walk-facts.pathway.yaml');
const RED_FLAG = 'Saddle anaesthesia, new bladder dysfunction or progressive weakness';

/** How many inputs the walk model of an analysis offers. */
function walkModelInputs(analysis: Analysis): number {
  return walkModel(analysis).inputs?.length ?? 0;
}

function walkFacts(): Analysis {
  return analyze(fs.readFileSync(FILE, 'utf8'));
}

describe('the walk-through with facts in Chromium', function () {
  const suite = webviewSuite();

  async function open(theme: Theme = 'vscode-light'): Promise<WebviewHarness> {
    const harness = await suite.open({
      theme,
      viewport: { width: 1300, height: 900 },
    });
    await harness.draw(walkFacts());
    await harness.page.click('button[data-action="walk"]');
    return harness;
  }

  const text = async (page: Page, selector: string): Promise<string> =>
    (await page.locator(selector).textContent()) ?? '';

  /** The steps lit as the route walked. */
  async function lit(page: Page): Promise<string[]> {
    return page.$$eval('.viewport g.node.on-path', (nodes) =>
      nodes.map((node) => (node as SVGGElement).dataset['step'] ?? ''),
    );
  }

  it('facts answer the decisions with conditions, saying why; a missing fact leaves one to the reader (screenshot)', async () => {
    const { page } = await open();
    // A control per input, labelled with its title; a number shows its unit and bounds.
    const redFlag = page.getByLabel(RED_FLAG);
    const weeks = page.getByLabel('Duration of leg pain');
    assert.equal(await redFlag.evaluate((e) => e.tagName), 'SELECT');
    assert.deepEqual(await redFlag.locator('option').allTextContents(), ['Unknown', 'Yes', 'No']);
    assert.equal(await weeks.getAttribute('type'), 'number');
    assert.equal(await weeks.getAttribute('min'), '0');
    assert.equal(await weeks.getAttribute('max'), '520');
    assert.equal(await weeks.getAttribute('step'), '1');
    assert.match(
      await text(page, '.walk-fact[data-input="weeks"]'),
      /weeks.*A whole number from 0 to 520, in weeks\./,
    );
    assert.deepEqual(
      await page.getByLabel('Response to care at review').locator('option').allTextContents(),
      ['Unknown', 'improved', 'unchanged', 'worse'],
    );
    assert.match(
      await text(page, '.walk-fact[data-input="response"] .walk-fact-hint'),
      /^Measured at “Review at six weeks”: unknown before then/,
    );

    // Nothing set: the triage waits, saying which fact it needs.
    assert.equal(await text(page, '.walk-question'), 'Where should care start?');
    assert.match(await text(page, '.walk-undecided'), new RegExp(`“${RED_FLAG}” is not given`));

    await redFlag.selectOption('false');
    await weeks.fill('8');
    // The facts take the triage to the exercise programme, a decision in words: by hand.
    assert.equal(
      await text(page, '.walk-question'),
      'Which exercise programme does the patient prefer?',
    );
    assert.equal(await page.locator('.walk-undecided').count(), 0);
    assert.deepEqual(await page.locator('.walk-answers-given li').allTextContents(), [
      'Where should care start? → Leg pain for six weeks or moreBy the facts: “weeks >= 6” is the first that holds: red-flag = false, weeks = 8.',
    ]);
    await page.locator('.walk-answer', { hasText: 'A home programme' }).click();
    // The review measures the response, which is not given: the reader is asked.
    assert.equal(await text(page, '.walk-question'), 'How has the leg pain responded?');
    assert.match(await text(page, '.walk-undecided'), /“Response to care at review” is not given/);
    await page.getByLabel('Response to care at review').selectOption('improved');
    assert.equal(await text(page, '.walk-end'), 'Ends at: Discharge with a self-management plan');
    assert.deepEqual(
      (await page.locator('.walk-answers-given li').allTextContents()).map((t) =>
        t.replace(/By the facts: .*/, '(facts)'),
      ),
      [
        'Where should care start? → Leg pain for six weeks or more(facts)',
        'Which exercise programme does the patient prefer? → A home programme',
        'How has the leg pain responded? → Improved(facts)',
      ],
    );
    assert.deepEqual(await lit(page), [
      'assess',
      'triage',
      'preference',
      'home-programme',
      'review',
      'after-review',
      'discharge',
    ]);
    await page.screenshot({ path: screenshotPath('preview-walk-facts.png') });

    // A red flag now: the triage goes to emergency care; the answer by hand, no longer on
    // the route, is let go, and without the red flag the programme question waits again.
    await redFlag.selectOption('true');
    assert.equal(await text(page, '.walk-end'), 'Ends at: Same-day emergency spinal assessment');
    assert.match(
      await text(page, '.walk-because'),
      /^By the facts: “red-flag” holds: red-flag = true\.$/,
    );
    await redFlag.selectOption('false');
    assert.equal(
      await text(page, '.walk-question'),
      'Which exercise programme does the patient prefer?',
    );

    // A number out of bounds is not used, and says what is taken.
    await weeks.fill('600');
    assert.equal(await weeks.getAttribute('aria-invalid'), 'true');
    assert.equal(
      await text(page, '.walk-fact[data-input="weeks"] .walk-fact-problem'),
      'Not used: 600 is out of range.',
    );
    assert.equal(await text(page, '.walk-question'), 'Where should care start?');
    // Typing in a field is the field's: the digits do not zoom the chart, nor W leave the walk.
    const zoom = await text(page, '.zoom-level');
    await weeks.fill('');
    await weeks.pressSequentially('10');
    assert.equal(await text(page, '.zoom-level'), zoom);
    assert.equal(await weeks.getAttribute('aria-invalid'), null);
    assert.equal(await page.locator('.walk-panel').isVisible(), true);
    assert.equal(await weeks.evaluate((e) => e === document.activeElement), true, 'still typing');
  });

  it('a scenario replays its route with its facts, lists measured again, and its choices', async () => {
    const { page } = await open();
    const scenarios = page.getByLabel('Start from a scenario');
    assert.deepEqual(await scenarios.locator('option').allTextContents(), [
      'Choose a scenario…',
      'A red flag goes to emergency care, whatever the duration',
      'Eight weeks of pain, supervised classes, improved at review',
      'Recent pain, unchanged at the first review, improved at the second',
    ]);
    await scenarios.selectOption('better-second-time');
    assert.equal(await page.getByLabel(RED_FLAG).inputValue(), 'false');
    assert.equal(await page.getByLabel('Duration of leg pain').inputValue(), '2');
    // Each measurement its own control.
    assert.equal(await page.getByLabel('Leg pain intensity', { exact: true }).inputValue(), '7');
    assert.equal(await page.getByLabel('Leg pain intensity, measurement 2').inputValue(), '6');
    assert.equal(await page.getByLabel('Leg pain intensity, measurement 3').inputValue(), '4');
    assert.equal(
      await page.getByLabel('Response to care at review, measurement 2').inputValue(),
      'improved',
    );
    assert.equal(await text(page, '.walk-end'), 'Ends at: Discharge with a self-management plan');
    assert.equal(
      await text(page, '.walk-expect'),
      'Scenario “Recent pain, unchanged at the first review, improved at the second” expects this end.',
    );
    assert.ok((await lit(page)).includes('continue-care'), 'round the review loop once');

    // The other scenario, with its choice at the programme question.
    await scenarios.selectOption('classes-then-better');
    assert.deepEqual(await lit(page), [
      'assess',
      'triage',
      'preference',
      'classes',
      'review',
      'after-review',
      'discharge',
    ]);
    assert.match(
      (await page.locator('.walk-answers-given li').allTextContents())[1] ?? '',
      /^Which exercise programme does the patient prefer\? → Supervised classes$/,
    );

    // A fact changed: the walk is no longer the scenario's.
    await page.getByLabel('Response to care at review').selectOption('unchanged');
    assert.equal(await scenarios.inputValue(), '');
    assert.equal(await page.locator('.walk-expect').count(), 0);
    // Pain 3 at the review: unchanged, it goes round for ever with one response.
    assert.equal(
      await text(page, '.walk-stuck'),
      'With these facts the walk goes round a loop that nothing leaves.',
    );
    // The response is measured a second time on the route: it can be given its own value.
    const add = page.locator('.walk-fact[data-input="response"] button[data-fact="add"]');
    assert.equal(
      await add.textContent(),
      'Give measurement 2 its own value for Response to care at review',
    );
    await add.focus();
    await page.keyboard.press('Enter');
    const second = page.getByLabel('Response to care at review, measurement 2');
    assert.equal(await second.evaluate((e) => e === document.activeElement), true, 'focused');
    await page.keyboard.press('ArrowDown');
    await second.selectOption('improved');
    assert.equal(await text(page, '.walk-end'), 'Ends at: Discharge with a self-management plan');
    // Removed again: back to one response for every review.
    await page.locator('.walk-fact[data-input="response"] button[data-fact="remove"]').click();
    assert.equal(await page.getByLabel('Response to care at review, measurement 2').count(), 0);
    assert.match(await text(page, '.walk-stuck'), /loop/);
  });

  it('Save as scenario posts the walk made: the end, the facts given, the answers in words', async () => {
    const harness = await open();
    const { page } = harness;
    const save = page.locator('button[data-walk="save"]');
    assert.equal(await save.isDisabled(), true, 'not before an end');
    // Triage answered by hand: the facts would not take that way, so it cannot be saved.
    await page.locator('.walk-answer', { hasText: 'Red flag present' }).click();
    assert.equal(await text(page, '.walk-end'), 'Ends at: Same-day emergency spinal assessment');
    assert.equal(await save.isDisabled(), true);
    assert.equal(
      await text(page, '.walk-save-why'),
      '“Where should care start?” was answered by hand: set the facts it needs, so that they answer it.',
    );
    await page.click('button[data-walk="restart"]');

    await page.getByLabel('Duration of leg pain').fill('8');
    await page.getByLabel(RED_FLAG).selectOption('false');
    await page.getByLabel('Leg pain intensity', { exact: true }).fill('5.5');
    await page.getByLabel('Response to care at review').selectOption('worse');
    await page.locator('.walk-answer', { hasText: 'No preference' }).click();
    assert.equal(await text(page, '.walk-end'), 'Ends at: Specialist spinal opinion');
    assert.equal(await page.locator('.walk-save-why').count(), 0);
    await save.click();
    assert.deepEqual((await harness.posted()).at(-1), {
      type: 'saveScenario',
      source: harness.source,
      scenario: {
        end: 'specialist',
        facts: [
          { input: 'red-flag', values: [false] },
          { input: 'weeks', values: [8] },
          { input: 'pain', values: [5.5] },
          { input: 'response', values: ['worse'] },
        ],
        choose: [{ decision: 'preference', to: 'classes' }],
      },
    });
    // The facts and the walk are kept across a reload of the webview.
    await page.reload();
    await harness.draw(walkFacts(), 2);
    assert.equal(await page.getByLabel('Duration of leg pain').inputValue(), '8');
    assert.equal(await text(page, '.walk-end'), 'Ends at: Specialist spinal opinion');
  });

  it('hostile titles, units and scenario titles show as text, and run nothing', async () => {
    const harness = await suite.open({});
    const { page } = harness;
    const q = (text: string): string => JSON.stringify(text);
    const inputs = MARKUP_STRINGS.map(
      (text, i) =>
        `  i${i}:\n    type: number\n    title: ${q(text)}\n    unit: ${q(text)}\n    min: 0`,
    ).join('\n');
    const branches = MARKUP_STRINGS.map(
      (_, i) => `      - { when: ${q(`Branch ${i}`)}, if: i${i} > ${i}, next: done }`,
    ).join('\n');
    const yaml = [
      'pathway: 1',
      'id: hostile-facts',
      'title: Hostile facts',
      'version: "1"',
      'population: Adults',
      'start: d',
      'inputs:',
      inputs,
      'steps:',
      '  d:',
      '    kind: decision',
      '    title: D',
      '    match: first',
      '    branches:',
      branches,
      '    otherwise: done',
      '  done: { kind: end, title: Done }',
      'scenarios:',
      `  s: { title: ${q(MARKUP_STRINGS[1] ?? '')}, facts: { i0: 1 }, expect: { end: done } }`,
      '',
    ].join('\n');
    const analysis = analyze(yaml);
    assert.equal(walkModelInputs(analysis), MARKUP_STRINGS.length, 'every input read');
    await harness.draw(analysis);
    await page.click('button[data-action="walk"]');
    const labels = await page.locator('.walk-fact > .walk-fact-row > label').allTextContents();
    assert.deepEqual(labels, MARKUP_STRINGS);
    const units = await page.locator('.walk-fact-unit').allTextContents();
    assert.deepEqual(units, MARKUP_STRINGS);
    await page.getByLabel('Start from a scenario').selectOption('s');
    assert.equal(
      await page.locator('#walk-scenario option:checked').textContent(),
      MARKUP_STRINGS[1],
    );
    assert.match(await text(page, '.walk-because'), /^By the facts: “i0 > 0” holds: i0 = 1\.$/);
    assert.equal(await page.evaluate(() => 'pwned' in window || '__pwned' in window), false);
  });

  for (const theme of THEMES) {
    it(`axe: the facts panel in ${theme.replace('vscode-', '')} (screenshot)`, async () => {
      const { page } = await open(theme);
      await page.getByLabel('Start from a scenario').selectOption('better-second-time');
      await page.getByLabel('Duration of leg pain').fill('900');
      assert.deepEqual(await axeViolations(page), []);
      await page.locator('.walk-panel').screenshot({
        path: screenshotPath(`preview-walk-facts-${theme.replace('vscode-', '')}.png`),
      });
    });
  }
});
