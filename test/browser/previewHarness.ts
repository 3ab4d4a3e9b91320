// The preview's and the report's webview pages as the extension builds them (their policy,
// their bundled script and style sheet from dist/webview), in a theme, with a stand-in for VS
// Code's webview API that records what the page posts and keeps its state across reloads.
import * as assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { previewPage } from '../../client/src/panels/page';
import type {
  FromWebviewMessage,
  ToReportWebviewMessage,
  ToWebviewMessage,
  WebviewState,
} from '../../shared/webviewMessages';
import { walkModel, type Analysis } from '../../server/src/core';
import { launch, StaticServer, watch, type PageProblems } from './browser';
import { previewSvg, stepIds } from './pathways';

export type Theme = 'vscode-light' | 'vscode-dark' | 'vscode-high-contrast';
export const THEMES: readonly Theme[] = ['vscode-light', 'vscode-dark', 'vscode-high-contrast'];

export interface WebviewHarness {
  readonly page: Page;
  readonly problems: PageProblems;
  readonly source: string;
  posted(): Promise<FromWebviewMessage[]>;
  deliver(message: ToWebviewMessage | ToReportWebviewMessage): Promise<void>;
  /** Delivers the picture of an analysed pathway and waits until every step shows. */
  draw(analysis: Analysis, version?: number): Promise<string[]>;
}

interface Recorder {
  __posted: FromWebviewMessage[];
}

let pages = 0;

/** Opens `preview` or `report` as VS Code would show it in `theme`. */
export async function openWebview(
  browser: Browser,
  server: StaticServer,
  options: {
    readonly kind?: 'preview' | 'report';
    readonly theme?: Theme;
    readonly viewport?: { width: number; height: number };
  } = {},
): Promise<WebviewHarness> {
  const kind = options.kind ?? 'preview';
  const theme = options.theme ?? 'vscode-light';
  const source = 'file:///work/example.pathway.yaml';
  const html = previewPage({
    cspSource: server.origin,
    nonce: 'test-nonce-0123456789',
    scriptUri: `${server.origin}/dist/webview/${kind}.js`,
    styleUri: `${server.origin}/dist/webview/${kind}.css`,
    state: { source, title: 'example' },
  })
    // What VS Code adds around the page: the theme's class and its variables.
    .replace('<body ', `<body class="${theme}" `)
    .replace('</head>', '<link rel="stylesheet" href="/test/browser/themes.css">\n</head>');
  const url = server.page(`${kind}-${pages++}-${theme}.html`, html);
  const page = await browser.newPage({
    viewport: options.viewport ?? { width: 1100, height: 760 },
  });
  const problems = await watch(page);
  await page.addInitScript(() => {
    const recorder = window as unknown as Recorder & { acquireVsCodeApi: () => unknown };
    recorder.__posted = [];
    recorder.acquireVsCodeApi = () => ({
      postMessage: (message: FromWebviewMessage) => recorder.__posted.push(message),
      getState: (): unknown => JSON.parse(sessionStorage.getItem('state') ?? 'null'),
      setState: (state: WebviewState) => sessionStorage.setItem('state', JSON.stringify(state)),
    });
  });
  await page.goto(url);
  const harness: WebviewHarness = {
    page,
    problems,
    source,
    posted: () => page.evaluate(() => [...(window as unknown as Recorder).__posted]),
    deliver: (message) =>
      page.evaluate((data) => {
        window.dispatchEvent(new MessageEvent('message', { data }));
      }, message),
    draw: async (analysis, version = 1) => {
      await harness.deliver({
        type: 'render',
        source,
        version,
        title: 'example',
        svg: await previewSvg(analysis),
        walk: walkModel(analysis),
      });
      const ids = stepIds(analysis);
      await page.waitForFunction(
        (count) => document.querySelectorAll('.viewport svg g.node').length === count,
        ids.length,
      );
      return ids;
    },
  };
  return harness;
}

/** Closes a page after its test, once it is clear the page broke no rule and raised nothing. */
export async function closeClean(harness: {
  readonly page: Page;
  readonly problems: PageProblems;
}): Promise<void> {
  const { problems } = harness;
  assert.deepEqual(await problems.cspViolations(), [], 'Content-Security-Policy violations');
  assert.deepEqual(problems.console, [], 'console errors');
  assert.deepEqual(problems.errors, [], 'page errors');
  assert.deepEqual(problems.dialogs, [], 'dialogs');
  await harness.page.close();
}

/** The options `openWebview` takes. */
export type WebviewOptions = Parameters<typeof openWebview>[2];

/**
 * The hooks of a suite of webview pages: one browser and one static server for the whole
 * suite, and every page a test opens closed clean after it. Call inside `describe`.
 */
export function webviewSuite(): {
  /** Opens a page, closed clean after the test. */
  readonly open: (options?: WebviewOptions) => Promise<WebviewHarness>;
  /** The suite's browser, once its `before` hook has run. */
  readonly browser: () => Browser;
  /** The suite's static server of the repository's files. */
  readonly server: StaticServer;
} {
  let browser: Browser | undefined;
  let close: (() => Promise<void>) | undefined;
  const server = new StaticServer();
  const opened: WebviewHarness[] = [];

  before(async () => {
    ({ browser, close } = await launch());
    await server.start();
  });

  after(async () => {
    await close?.();
    await server.stop();
  });

  afterEach(async () => {
    // Whatever the test did, the page broke no rule and raised nothing.
    for (const harness of opened.splice(0)) await closeClean(harness);
  });

  const started = (): Browser => {
    if (!browser) throw new Error('the browser starts in the suite’s before hook');
    return browser;
  };
  return {
    browser: started,
    server,
    open: async (options = {}) => {
      const harness = await openWebview(started(), server, options);
      opened.push(harness);
      return harness;
    },
  };
}
