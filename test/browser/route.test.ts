// A scenario's route in the preview's webview, in real Chromium: the route message lights
// exactly the route's steps and the arrows between consecutive steps, fades the rest, marks
// where a failed route stops and names the scenario above the chart; Clear, Escape and an
// empty route message take it all off.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { RouteMessage, ShownRoute } from '../../shared/webviewMessages';
import { analyze, scenarioReports, type Analysis } from '../../server/src/core';
import { axeViolations } from './axe';
import { ROOT, screenshotPath } from './browser';
import { webviewSuite, THEMES, type Theme, type WebviewHarness } from './previewHarness';

const FILE = path.join(ROOT, 'test', 'inputs', 'scenarios', 'two-scenarios.pathway.yaml');

/** A scenario of the test pathway as the host sends it, run by the core. */
function shownRoute(analysis: Analysis, id: string): ShownRoute {
  const model = analysis.model;
  assert.ok(model);
  const report = scenarioReports(model, analysis.parsed.text).find((r) => r.id === id);
  assert.ok(report, id);
  return {
    id: report.id,
    ...(report.title !== undefined ? { title: report.title } : {}),
    status: report.status,
    steps: report.route,
  };
}

/** The classes of every step and arrow of the picture, by step id and by `from>to`. */
async function marks(page: Page): Promise<{
  nodes: Record<string, string[]>;
  edges: Record<string, string[]>;
}> {
  return page.evaluate(() => {
    const classes = (e: Element): string[] => [...e.classList];
    const nodes = [...document.querySelectorAll<SVGGElement>('.viewport g.node[data-step]')];
    const edges = [...document.querySelectorAll<SVGGElement>('.viewport g.edge[data-from]')];
    return {
      nodes: Object.fromEntries(nodes.map((n) => [n.dataset['step'] ?? '', classes(n)])),
      edges: Object.fromEntries(
        edges.map((e) => [`${e.dataset['from']}>${e.dataset['to']}`, classes(e)]),
      ),
    };
  });
}

function having(map: Record<string, string[]>, name: string): string[] {
  return Object.keys(map)
    .filter((key) => map[key]?.includes(name))
    .sort();
}

describe('a scenario’s route in the preview webview (Chromium)', function () {
  const suite = webviewSuite();
  const analysis = analyze(fs.readFileSync(FILE, 'utf8'));

  async function drawn(
    viewport = { width: 1100, height: 760 },
    theme: Theme = 'vscode-light',
  ): Promise<{ harness: WebviewHarness; ids: string[] }> {
    const harness = await suite.open({ viewport, theme });
    const ids = await harness.draw(analysis);
    return { harness, ids };
  }

  function routeMessage(harness: WebviewHarness, scenario: ShownRoute | undefined): RouteMessage {
    return { type: 'route', source: harness.source, scenario };
  }

  it('lights exactly the route’s steps and the arrows between consecutive steps', async () => {
    // Tall enough for the whole route, down to where it stops, in the screenshot.
    const { harness, ids } = await drawn({ width: 1000, height: 1150 });
    const failing = shownRoute(analysis, 'unchanged-goes-home');
    assert.deepEqual(failing.steps, [
      'assess',
      'triage',
      'advice',
      'review',
      'after-review',
      'specialist',
    ]);
    await harness.deliver(routeMessage(harness, failing));
    await harness.page.waitForSelector('.route-bar:not([hidden])');

    const { nodes, edges } = await marks(harness.page);
    assert.deepEqual(having(nodes, 'on-route'), [...failing.steps].sort());
    assert.deepEqual(having(nodes, 'on-path'), [...failing.steps].sort(), 'drawn as a path is');
    assert.deepEqual(
      having(nodes, 'dimmed'),
      ids.filter((id) => !failing.steps.includes(id)).sort(),
      'every other step faded',
    );
    const moves = failing.steps.slice(1).map((to, i) => `${failing.steps[i]}>${to}`);
    assert.deepEqual(having(edges, 'on-route'), [...moves].sort());
    assert.deepEqual(
      having(edges, 'dimmed'),
      Object.keys(edges)
        .filter((edge) => !moves.includes(edge))
        .sort(),
      'every other arrow faded',
    );
    // The failed route stops at the wrong end: that step is marked, and only it.
    assert.deepEqual(having(nodes, 'route-stop'), ['specialist']);

    // The label names the scenario, how it went and where it stops.
    const label = await harness.page.textContent('.route-bar');
    assert.match(label ?? '', /Route of scenario unchanged-goes-home/);
    assert.match(label ?? '', /Unchanged at review, expected home with a plan/);
    assert.match(label ?? '', /fails/);
    assert.match(label ?? '', /6 steps, ending at “Specialist spinal opinion”/);
    await harness.page.screenshot({ path: screenshotPath('preview-scenario-route.png') });
  });

  it('a passing route: its steps lit, nothing marked as a stop, and it follows a redraw', async () => {
    const { harness } = await drawn();
    const passing = shownRoute(analysis, 'improves-with-classes');
    await harness.deliver(routeMessage(harness, passing));
    await harness.page.waitForSelector('.route-bar:not([hidden])');
    let { nodes } = await marks(harness.page);
    assert.deepEqual(having(nodes, 'on-route'), [...passing.steps].sort());
    assert.deepEqual(having(nodes, 'route-stop'), []);
    assert.match((await harness.page.textContent('.route-status')) ?? '', /^passes$/);

    // A new picture of the document keeps the route on it.
    await harness.draw(analysis, 2);
    ({ nodes } = await marks(harness.page));
    assert.deepEqual(having(nodes, 'on-route'), [...passing.steps].sort());
  });

  it('Clear takes the route off and tells the host; the selection’s marks come back', async () => {
    const { harness } = await drawn();
    await harness.page.click('.viewport g.node[data-step="review"]');
    await harness.deliver(routeMessage(harness, shownRoute(analysis, 'unchanged-goes-home')));
    await harness.page.waitForSelector('.route-bar:not([hidden])');
    assert.deepEqual(having((await marks(harness.page)).nodes, 'selected'), []);

    await harness.page.click('.route-bar button[data-action="clear-route"]');
    await harness.page.waitForSelector('.route-bar', { state: 'hidden' });
    const { nodes, edges } = await marks(harness.page);
    assert.deepEqual(having(nodes, 'on-route'), []);
    assert.deepEqual(having(edges, 'on-route'), []);
    assert.deepEqual(having(nodes, 'route-stop'), []);
    assert.deepEqual(having(nodes, 'selected'), ['review'], 'the step selected before');
    assert.ok(!having(nodes, 'on-path').includes('urgent'), 'only the selection’s paths lit');
    assert.ok(!having(nodes, 'dimmed').includes('review'));
    const posted = await harness.posted();
    assert.deepEqual(posted.at(-1), { type: 'clearRoute', source: harness.source });
  });

  it('Escape clears the route, and so does a route message without a scenario', async () => {
    const { harness } = await drawn();
    const route = shownRoute(analysis, 'improves-with-classes');
    await harness.deliver(routeMessage(harness, route));
    await harness.page.waitForSelector('.route-bar:not([hidden])');
    await harness.page.focus('.viewport');
    await harness.page.keyboard.press('Escape');
    await harness.page.waitForSelector('.route-bar', { state: 'hidden' });
    assert.deepEqual(having((await marks(harness.page)).nodes, 'dimmed'), []);

    await harness.deliver(routeMessage(harness, route));
    await harness.page.waitForSelector('.route-bar:not([hidden])');
    await harness.deliver(routeMessage(harness, undefined));
    await harness.page.waitForSelector('.route-bar', { state: 'hidden' });
    const { nodes } = await marks(harness.page);
    assert.deepEqual(having(nodes, 'on-route'), []);
    assert.deepEqual(having(nodes, 'dimmed'), []);
    // Only the reader's Clear (here Escape) is told to the host, not the host's own message.
    assert.equal((await harness.posted()).filter((m) => m.type === 'clearRoute').length, 1);
  });

  it('a scenario not run has no route: the label says so and nothing is faded', async () => {
    const { harness } = await drawn();
    await harness.deliver(
      routeMessage(harness, {
        id: 'weeks-in-words',
        title: '<img src=x onerror="alert(1)"> & <b>bold</b>',
        status: 'not-run',
        steps: [],
      }),
    );
    await harness.page.waitForSelector('.route-bar:not([hidden])');
    const label = await harness.page.textContent('.route-bar');
    assert.match(label ?? '', /No route to show: the scenario was not run\./);
    assert.match(label ?? '', /<img src=x onerror="alert\(1\)"> & <b>bold<\/b>/, 'as written');
    assert.equal(await harness.page.$$eval('.route-bar img, .route-bar b', (e) => e.length), 0);
    assert.deepEqual(having((await marks(harness.page)).nodes, 'dimmed'), []);
  });

  for (const theme of THEMES) {
    it(`axe: a failed route and its label in ${theme.replace('vscode-', '')}, told to a screen reader`, async () => {
      const { harness } = await drawn({ width: 900, height: 1150 }, theme);
      await harness.deliver(routeMessage(harness, shownRoute(analysis, 'unchanged-goes-home')));
      await harness.page.waitForSelector('.route-bar:not([hidden])');
      assert.deepEqual(await axeViolations(harness.page), []);
      // The page's one status line says what is now shown.
      const said = await harness.page.textContent('.viewport [role="status"]');
      assert.match(said ?? '', /^Route of scenario unchanged-goes-home .*: fails\. 6 steps/);
      await harness.page.screenshot({
        path: screenshotPath(`preview-scenario-route-${theme.replace('vscode-', '')}.png`),
      });
    });
  }
});
