// End to end, as a user meets the extension: the .vsix that `npm run package` builds is
// installed into browser VS Code (code-server 4.100.3 = VS Code 1.100.3), which is driven in
// headless Chromium with the keyboard and the mouse: open an example, break a link, see the
// problem in the Problems panel, fix it with the quick fix, open the flowchart preview and
// click a step. Screenshots of each stage go to test-results/e2e/; the README's picture is
// test-results/e2e/readme.png, copied to media/screenshot.png with UPDATE_SCREENSHOT=1 (or
// when that file is missing).
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import * as codeServer from '../vscode/code-server';
import { freshVsix } from './vsix';
import { Workbench, poll } from './workbench';

const ROOT = codeServer.ROOT;
const RESULTS = path.join(ROOT, 'test-results', 'e2e');
const README_SCREENSHOT = path.join(ROOT, 'media', 'screenshot.png');
/** The whole run, packaging included: past it everything is stopped and the run fails. */
const TIMEOUT_MS = Number(process.env['E2E_TIMEOUT_MS'] ?? 180_000);
const VIEWPORT = { width: 1400, height: 900 };
/** The user's settings: the test profile's defaults, and a steady picture for screenshots. */
const SETTINGS = {
  ...codeServer.USER_SETTINGS,
  'workbench.colorTheme': 'Default Light Modern',
  'editor.minimap.enabled': false,
  'editor.cursorBlinking': 'solid',
  'editor.hover.delay': 3000,
  'remote.autoForwardPorts': false,
  'workbench.editor.enablePreview': false,
  // Typing a typo would open the completion list a moment later, over the text (and it could
  // take a click meant for something else): completion is not what this test is about.
  // (VS Code's YAML support turns it on for YAML files, so the setting is made for YAML.)
  '[yaml]': {
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
  },
};

const EXAMPLE = 'brlp-manipulation.pathway.yaml';
/** The link the test breaks: the recommendation smt-plus-hea leads to deliver-course. */
const LINK = 'next: deliver-course';
const TYPO = 'next: deliver-corse';
/** The step whose node the test clicks. */
const CLICKED_STEP = 'hea-alone';

/** 1-based line and column of the first occurrence of `text` in `source`. */
function positionOf(source: string, text: string): { line: number; column: number } {
  const at = source.indexOf(text);
  assert.ok(at >= 0, `${JSON.stringify(text)} is in the example`);
  const before = source.slice(0, at).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** The step ids of a pathway file: the keys indented once under `steps:`. */
function stepIds(source: string): string[] {
  // The `steps` section runs to the next top-level key (scenarios, or references if any).
  const rest = source.slice(source.indexOf('\nsteps:\n') + '\nsteps:\n'.length);
  const end = rest.search(/^[A-Za-z]/m);
  const steps = end < 0 ? rest : rest.slice(0, end);
  return [...steps.matchAll(/^ {2}([a-z0-9-]+):\s*$/gm)].map((match) => match[1] ?? '');
}

describe('Clinical Pathways end to end, in browser VS Code', function () {
  this.timeout(45_000);
  // Each step builds on the one before: after a failure the rest would only fail again.
  this.bail(true);

  let temp: string;
  let workspace: string;
  let source: string;
  let server: { child: ChildProcess; authority: string; port: number } | undefined;
  let profile: ReturnType<typeof codeServer.makeProfile>;
  let browser: Browser | undefined;
  let page: Page;
  let workbench: Workbench;
  let preview: Frame;
  let watchdog: NodeJS.Timeout | undefined;
  const pageProblems: string[] = [];
  let shot = 0;

  /** A screenshot of the whole window into test-results/e2e/, numbered in order. */
  async function screenshot(name: string): Promise<string> {
    const file = path.join(RESULTS, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file });
    return file;
  }

  /** Stops code-server's process group at once and removes the temporary files. */
  const killNow = (): void => {
    codeServer.stopCodeServerNow(server?.child);
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`end-to-end test: stopped by ${signal}\n`);
    killNow();
    process.exit(1);
  };

  before(async function () {
    this.timeout(TIMEOUT_MS);
    const started = Date.now();
    watchdog = setTimeout(() => {
      process.stderr.write(
        `end-to-end test: timed out after ${TIMEOUT_MS / 1000} s (set E2E_TIMEOUT_MS to change)\n`,
      );
      killNow();
      process.exit(1);
    }, TIMEOUT_MS);
    watchdog.unref();
    // Whatever ends the run, code-server's processes end with it (Chromium is Playwright's).
    process.once('exit', killNow);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);

    codeServer.checkInstalled();
    const { vsix, built } = await freshVsix(ROOT);
    console.log(
      `      ${path.basename(vsix)} ${built ? 'built' : 'up to date'} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB)`,
    );

    fs.rmSync(RESULTS, { recursive: true, force: true });
    fs.mkdirSync(RESULTS, { recursive: true });
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-e2e-'));
    // A name that reads well in the window title and the explorer.
    workspace = path.join(temp, 'examples');
    fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
    source = fs.readFileSync(path.join(workspace, EXAMPLE), 'utf8');
    profile = codeServer.makeProfile(path.join(temp, 'profile'), SETTINGS);
    await codeServer.installExtension(profile, vsix);

    server = await codeServer.spawnCodeServer({ dirs: profile, folder: workspace });
    await codeServer.waitHealthy(server);

    browser = await chromium.launch({
      executablePath: codeServer.CHROMIUM,
      headless: true,
      args: codeServer.CHROMIUM_ARGS,
    });
    const context = await browser.newContext({ viewport: VIEWPORT });
    page = await context.newPage();
    page.on('pageerror', (error) => pageProblems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') pageProblems.push(`console.error: ${message.text()}`);
    });
    await page.goto(`http://${server.authority}/?folder=${encodeURIComponent(workspace)}`);
    workbench = new Workbench(page);
    await workbench.ready();
    console.log(`      VS Code is up after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) {
      const file = path.join(RESULTS, 'failure.png');
      await page.screenshot({ path: file }).catch(() => undefined);
      console.log(`      the window at the failure: ${path.relative(ROOT, file)}`);
      if (pageProblems.length > 0) {
        console.log(`      workbench errors:\n${pageProblems.slice(-10).join('\n')}`);
      }
      if (profile)
        console.log(`      code-server log (tail):\n${codeServer.tail(profile.log, 20)}`);
    }
  });

  after(async function () {
    this.timeout(30_000);
    clearTimeout(watchdog);
    await browser?.close().catch(() => undefined);
    await codeServer.stopCodeServer(server?.child);
    process.removeListener('exit', killNow);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    if (temp) fs.rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
  });

  it('opens an example with Quick Open, checked by the extension', async () => {
    // The picture is of the editor: no side bar.
    await workbench.command('View: Close Primary Side Bar');
    await workbench.quickOpen(EXAMPLE);
    // The extension's status bar entry: it is active and the server has checked the file.
    await page
      .locator('.statusbar-item', { hasText: /Pathway$/ })
      .first()
      .waitFor({ timeout: 30_000 });
    assert.match(await workbench.cursorStatus(), /^Ln 1, Col 1$/);
    await screenshot('opened');
  });

  it('a typo in a link shows the unknown-step problem in the Problems panel', async () => {
    await workbench.find(LINK);
    await page.keyboard.type(TYPO);
    await workbench.command('View: Focus Problems');
    const at = positionOf(source, LINK);
    const message =
      'Step "smt-plus-hea" leads to "deliver-corse", but no step has that id. Did you mean "deliver-course"?';
    // Wait for the row of the whole typo: while it is typed, the server may report the link
    // as it stood half-way ("deliv"), and that row is not the one to judge.
    const rows = await workbench.problemsWhere('the unknown-step problem of the typo', (texts) =>
      texts.some((text) => text.includes('unknown-step') && text.includes(message)),
    );
    const row = rows.find((text) => text.includes('unknown-step') && text.includes(message)) ?? '';
    assert.ok(
      row.includes(`[Ln ${at.line}, Col ${at.column + 'next: '.length}]`),
      `the Problems row points at the link: ${row}`,
    );
    // One typo, one problem: the steps it cuts off are counted in its message, not listed.
    assert.match(row, /Until it is corrected, \d+ steps? cannot be reached\./);
    assert.deepEqual(
      rows.filter((text) => text.includes('unreachable-step')),
      [],
    );
    await poll('the squiggle under the typo', async () =>
      (await workbench.editor().locator('.squiggly-error').count()) > 0 ? true : undefined,
    );
    await screenshot('problem-in-problems-panel');
  });

  it('the quick fix, picked from the light bulb menu, corrects the link and the problem goes', async () => {
    const at = positionOf(source, LINK);
    // Put the cursor on the squiggle with the mouse, then Ctrl+. for the quick fixes.
    const squiggle = workbench.editor().locator('.squiggly-error').first();
    const box = await squiggle.boundingBox();
    assert.ok(box, 'the squiggle is on screen');
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await poll('the cursor on the broken link', async () =>
      (await workbench.cursorStatus()).startsWith(`Ln ${at.line},`) ? true : undefined,
    );
    await page.keyboard.press('Control+.');
    const fix = page.locator(
      '.action-widget .monaco-list-row[aria-label="Change to \\"deliver-course\\""]',
    );
    await fix.waitFor({ timeout: 15_000 });
    await screenshot('quick-fix-menu');
    // The menu ignores the mouse until it moves over it (so a click that opened it cannot pick).
    const row = await fix.boundingBox();
    assert.ok(row);
    await page.mouse.move(row.x + 10, row.y + row.height / 2);
    await page.mouse.move(row.x + 20, row.y + row.height / 2);
    await fix.click();
    await page.locator('.action-widget').waitFor({ state: 'hidden', timeout: 15_000 });

    await workbench.problemsWhere('an empty Problems panel', (texts) => texts.length === 0);
    await page
      .locator('.markers-panel', { hasText: 'No problems have been detected in the workspace.' })
      .waitFor({ timeout: 15_000 });
    const line = await workbench
      .editor()
      .locator('.view-line', { hasText: /next:\s+deliver-/ })
      .first()
      .innerText();
    assert.equal(line.replace(/\s+/g, ' ').trim(), LINK);
    assert.equal(await workbench.editor().locator('.squiggly-error').count(), 0);
    await screenshot('fixed');
  });

  it('Pathway: Open Preview to the Side draws every step in a webview beside the editor', async () => {
    await workbench.command('Pathway: Open Preview to the Side');
    await page.locator('.tab[aria-label*="Preview brlp-manipulation"]').waitFor();
    preview = await workbench.webviewFrame('svg g.node[data-step]');
    const drawn = await preview
      .locator('g.node[data-step]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-step')));
    assert.deepEqual([...drawn].sort(), stepIds(source).sort());
    assert.equal(await preview.locator('g.node.severity-error[data-step]').count(), 0);
    // The editor still has the cursor: the preview opened beside it without taking focus.
    assert.equal(await page.locator('.editor-group-container').count(), 2);
    await screenshot('preview');
  });

  it('a click on a step in the preview selects its id in the editor', async () => {
    const node = preview.locator(`g.node[data-step="${CLICKED_STEP}"]`);
    const inView = (): Promise<boolean> =>
      node.evaluate((element) => {
        const box = element.getBoundingClientRect();
        return (
          box.top >= 0 &&
          box.left >= 0 &&
          box.bottom <= window.innerHeight &&
          box.right <= window.innerWidth
        );
      });
    // Out of sight, the user fits the picture: Fit gives the width, pressed again the whole.
    for (let press = 0; press < 2 && !(await inView()); press++) {
      await preview.locator('button[data-action="fit"]').click();
    }
    assert.ok(await inView(), `${CLICKED_STEP} is in view after Fit`);
    await node.click();
    await preview.locator(`g.node.selected[data-step="${CLICKED_STEP}"]`).waitFor();

    const at = positionOf(source, `\n  ${CLICKED_STEP}:`);
    const stepLine = at.line + 1;
    await poll(`the editor's cursor on line ${stepLine}`, async () =>
      (await workbench.activeLineNumber()) === stepLine ? true : undefined,
    );
    await screenshot('node-clicked');
    // Back in the editor, the status bar shows the selection: the step's id.
    await workbench.focusEditor();
    const status = await poll('the selection in the status bar', async () => {
      const text = await workbench.cursorStatus();
      return text.startsWith(`Ln ${stepLine},`) ? text : undefined;
    });
    assert.equal(
      status,
      `Ln ${stepLine}, Col ${3 + CLICKED_STEP.length} (${CLICKED_STEP.length} selected)`,
    );
  });

  it('the README picture: a broken link in the editor, the Problems panel and the preview', async () => {
    // Room for the picture: the Problems panel just tall enough for two problems, the preview
    // wider than the editor.
    await workbench.resizePanel(140);
    await workbench.resizeFirstEditorGroup(540);
    await workbench.focusEditor();
    await workbench.find(LINK);
    await page.keyboard.type(TYPO);
    await workbench.problemsWhere('the unknown-step problem of the typo again', (texts) =>
      texts.some((text) => text.includes('unknown-step') && text.includes('"deliver-corse"')),
    );
    // The preview redraws: the step with the broken link, and the step it no longer reaches
    // (faded, without a problem of its own: the typo is the one problem).
    if (preview.isDetached()) preview = await workbench.webviewFrame('svg g.node[data-step]');
    await preview.locator('g.node.severity-error[data-step="smt-plus-hea"]').waitFor();
    await preview.locator('g.node.unreachable[data-step="deliver-course"]').waitFor();

    // Readable (80 %), the steps around the broken link in the middle: scroll them there.
    await preview.locator('button[data-action="reset"]').click();
    await preview.locator('button[data-action="zoom-out"]').click();
    await preview.locator('.toolbar .zoom-level', { hasText: '80%' }).waitFor();
    const { view, boxes } = await poll('the boxes of the preview and its steps', async () => {
      const view = await preview.locator('.viewport').boundingBox({ timeout: 2000 });
      const boxes = await Promise.all(
        ['manipulation-suitability', 'hea-alone', 'smt-plus-hea', 'review-12-weeks'].map((id) =>
          preview.locator(`g.node[data-step="${id}"]`).boundingBox({ timeout: 2000 }),
        ),
      );
      const found = boxes.filter((box) => box !== null);
      return view && found.length === boxes.length ? { view, boxes: found } : undefined;
    });
    const left = Math.min(...boxes.map((box) => box.x));
    const right = Math.max(...boxes.map((box) => box.x + box.width));
    const top = Math.min(...boxes.map((box) => box.y));
    const bottom = Math.max(...boxes.map((box) => box.y + box.height));
    await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2);
    await page.mouse.wheel(
      (left + right) / 2 - (view.x + view.width / 2),
      (top + bottom) / 2 - (view.y + view.height / 2),
    );
    await poll('the steps around the broken link in the preview', async () => {
      const boxes = await Promise.all(
        ['hea-alone', 'smt-plus-hea'].map((id) =>
          preview.locator(`g.node[data-step="${id}"]`).boundingBox({ timeout: 2000 }),
        ),
      );
      return boxes.every(
        (box) => box && box.x >= view.x && box.x + box.width <= view.x + view.width,
      )
        ? true
        : undefined;
    });
    await preview.locator('.toolbar .title').click();
    await page.keyboard.press('Escape');
    await poll('no step selected in the preview', async () =>
      (await preview.locator('g.node.selected, g.node.dimmed').count()) === 0 ? true : undefined,
    );
    // The step under the editor's cursor is highlighted.
    await preview.locator('g.node.severity-error.highlighted[data-step="smt-plus-hea"]').waitFor();

    await workbench.focusEditor();
    // The mouse out of the way of hovers: on the empty part of the Problems panel.
    await page.mouse.move(VIEWPORT.width / 2, VIEWPORT.height - 40);
    const file = path.join(RESULTS, 'readme.png');
    await page.screenshot({ path: file });
    if (process.env['UPDATE_SCREENSHOT'] === '1' || !fs.existsSync(README_SCREENSHOT)) {
      fs.copyFileSync(file, README_SCREENSHOT);
      console.log(`      wrote ${path.relative(ROOT, README_SCREENSHOT)}`);
    }
  });
});
