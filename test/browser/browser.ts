// Headless Chromium (Debian's build) through playwright-core, a small static server on
// 127.0.0.1 for the pages under test, and what a page did wrong: console errors, page
// errors, Content-Security-Policy violations and dialogs.
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** The repository root, from the compiled file's location (out/test/browser). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env['VSCODE_TEST_CHROMIUM'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export async function launch(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/install-vscode-test.sh`);
  }
  // A fresh throwaway profile each time (Playwright makes and removes it).
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return { browser, close: () => browser.close() };
}

/** What went wrong on a page, recorded from before it loads. */
export interface PageProblems {
  readonly console: string[];
  readonly errors: string[];
  readonly dialogs: string[];
  /** Content-Security-Policy violations the page reported. */
  cspViolations(): Promise<string[]>;
}

export async function watch(page: Page): Promise<PageProblems> {
  const problems = { console: [] as string[], errors: [] as string[], dialogs: [] as string[] };
  page.on('console', (message) => {
    if (message.type() === 'error') problems.console.push(message.text());
  });
  page.on('pageerror', (error) => problems.errors.push(error.message));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // Runs before any page script, outside the page's policy.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return {
    ...problems,
    cspViolations: () =>
      page.evaluate(() => [
        ...(window as unknown as { __cspViolations: string[] }).__cspViolations,
      ]),
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/**
 * Serves files of the repository (and pages made by the test) on 127.0.0.1. Only what is
 * asked for by path is served; nothing leaves the machine.
 */
export class StaticServer {
  private readonly server = http.createServer((request, response) =>
    this.answer(request, response),
  );
  private readonly pages = new Map<string, string>();
  origin = '';

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
  }

  /** Serves `html` at `/pages/NAME`; returns its URL. */
  page(name: string, html: string): string {
    this.pages.set(`/pages/${name}`, html);
    return `${this.origin}/pages/${name}`;
  }

  private answer(request: http.IncomingMessage, response: http.ServerResponse): void {
    const url = new URL(request.url ?? '/', this.origin);
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204);
      response.end();
      return;
    }
    const made = this.pages.get(url.pathname);
    if (made !== undefined) {
      response.writeHead(200, { 'content-type': TYPES['.html'] });
      response.end(made);
      return;
    }
    const file = path.join(ROOT, path.normalize(url.pathname));
    if (!file.startsWith(ROOT + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404);
      response.end();
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    });
    fs.createReadStream(file).pipe(response);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(RESULTS, { recursive: true });
  return path.join(RESULTS, name);
}
