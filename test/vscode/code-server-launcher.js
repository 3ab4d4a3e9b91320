#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests() spawns.
// Desktop VS Code (Electron) cannot be installed here, so this runs the same extension
// tests in code-server (VS Code 1.100.3 for the browser, with a Node extension host):
//
//   code-server-launcher.js [FOLDER] --extensionDevelopmentPath=P --extensionTestsPath=T [ignored flags]
//
// It starts code-server headless on a free 127.0.0.1 port with throwaway user data, opens
// the workbench in headless Debian Chromium with both paths in the URL payload, forwards
// the extension host's console (mocha's report) to stdout, and exits with the code the
// workbench reports when the tests module's run() settles. Everything it starts is stopped
// before it exits, and an overall timeout (VSCODE_TEST_TIMEOUT_MS, default 120 s) makes a
// stuck run fail instead of hanging. Install code-server and Chromium first with
// scripts/install-vscode-test.sh.
//
// Tests can ask it to act on the page as a user would, where the extension host cannot
// reach (inside a webview): a console line `[launcher] {"action":"click","selector":S}`
// clicks the first element matching S in any frame, and `{"action":"screenshot","path":P}`
// saves a screenshot of the whole window. The extension host sees PATHWAY_TEST_LAUNCHER=1.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');
const {
  CHROMIUM,
  CHROMIUM_ARGS,
  checkInstalled,
  makeProfile,
  spawnCodeServer,
  stopCodeServer,
  tail,
  waitHealthy,
} = require('./code-server');

const TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS ?? 120_000);
const VERBOSE = process.env.VSCODE_TEST_VERBOSE === '1';
/** The workbench's own start-up log lines, which share the channel with the extension host's console. */
const WORKBENCH_CHATTER =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore:)/;
const log = (message) => process.stdout.write(`[code-server-launcher] ${message}\n`);

/** Exits with a code; once main() has started things, it also stops them first. */
let shutdown = (code, reason) => {
  if (reason) process.stderr.write(`[code-server-launcher] ${reason}\n`);
  process.exit(code);
};

/** The flags runTests() passes; every other flag is meant for Electron and ignored. */
function parseArgs(argv) {
  const developmentPaths = [];
  const folders = [];
  let testsPath;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const match = /^--(extensionDevelopmentPath|extensionTestsPath)(?:=(.*))?$/s.exec(arg);
    if (match) {
      const value = match[2] ?? argv[++i];
      if (value === undefined) throw new Error(`${arg} needs a value`);
      if (match[1] === 'extensionTestsPath') testsPath = path.resolve(value);
      else developmentPaths.push(path.resolve(value));
    } else if (!arg.startsWith('-')) {
      folders.push(path.resolve(arg));
    }
  }
  if (developmentPaths.length === 0) throw new Error('--extensionDevelopmentPath is required');
  if (!testsPath) throw new Error('--extensionTestsPath is required');
  if (folders.length > 1)
    throw new Error(`one workspace folder at most, got ${folders.join(', ')}`);
  return { developmentPaths, testsPath, folder: folders[0] };
}

/** The extension host's console call, as the workbench hands it over. */
function formatLogArgs(args) {
  if (typeof args === 'string') return args;
  if (Array.isArray(args)) return util.format(...args);
  return util.inspect(args);
}

const LAUNCHER_PREFIX = '[launcher] ';
/** How long a requested click waits for its element to appear in some frame. */
const ACTION_TIMEOUT_MS = 15_000;
/** Requests from the tests still being carried out: finished before the page closes. */
const actions = new Set();

/** Carries out a test's request on the page; failures are reported, the test sees no effect. */
function act(page, json) {
  const run = async () => {
    const request = JSON.parse(json);
    if (request.action === 'screenshot') {
      fs.mkdirSync(path.dirname(request.path), { recursive: true });
      await page.screenshot({ path: request.path });
      return;
    }
    if (request.action !== 'click') throw new Error(`unknown action ${request.action}`);
    const deadline = Date.now() + ACTION_TIMEOUT_MS;
    for (;;) {
      for (const frame of page.frames()) {
        const element = await frame.$(request.selector).catch(() => null);
        if (!element) continue;
        // The preview may redraw between finding the node and clicking it: find it again.
        const clicked = await element.click({ timeout: 2_000 }).then(
          () => true,
          () => false,
        );
        if (clicked) return;
      }
      if (Date.now() > deadline) throw new Error(`no frame shows ${request.selector}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };
  const done = run()
    .catch((error) => {
      process.stderr.write(`[code-server-launcher] ${json}: ${error.message ?? error}\n`);
    })
    .finally(() => actions.delete(done));
  actions.add(done);
}

async function main() {
  const { developmentPaths, testsPath, folder } = parseArgs(process.argv.slice(2));
  checkInstalled();

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-test-'));
  const dirs = makeProfile(temp);

  let server;
  let context;
  let timer;
  let finished = false;
  const pageProblems = [];

  /** Stops everything this script started, then exits with `code`. Runs once. */
  async function finish(code, reason) {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    if (reason) process.stderr.write(`[code-server-launcher] ${reason}\n`);
    if (code !== 0 && (reason || VERBOSE)) {
      if (pageProblems.length > 0) {
        process.stderr.write(
          `--- workbench errors (last ${pageProblems.length})\n${pageProblems.join('\n')}\n`,
        );
      }
      process.stderr.write(`--- code-server log (tail)\n${tail(dirs.log)}\n---\n`);
    }
    if (actions.size > 0) {
      await Promise.race([
        Promise.allSettled([...actions]),
        new Promise((r) => setTimeout(r, 10_000)),
      ]);
    }
    if (context) {
      await Promise.race([
        context.close().catch(() => {}),
        new Promise((r) => setTimeout(r, 5000)),
      ]);
    }
    // code-server runs in its own process group with its extension host and the language
    // server: stop the whole group.
    await stopCodeServer(server?.child);
    fs.rmSync(temp, { recursive: true, force: true, maxRetries: 3 });
    process.exit(code);
  }

  shutdown = finish;
  timer = setTimeout(() => {
    void finish(1, `timed out after ${TIMEOUT_MS / 1000} s (set VSCODE_TEST_TIMEOUT_MS to change)`);
  }, TIMEOUT_MS);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => void finish(1, `stopped by ${signal}`));
  }

  server = await spawnCodeServer({
    dirs,
    folder,
    env: { PATHWAY_TEST_LAUNCHER: '1' },
    onExit: (code, signal) => {
      if (!finished) void finish(1, `code-server exited early (${code ?? signal})`);
    },
  });
  const { authority } = server;
  const started = Date.now();
  try {
    await waitHealthy(server, { cancelled: () => finished });
  } catch (error) {
    return finish(1, error.message);
  }
  if (VERBOSE) log(`code-server is up on ${authority} after ${Date.now() - started} ms`);

  const { chromium } = require('playwright-core');
  context = await chromium.launchPersistentContext(dirs.chromiumProfile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  if (finished) return;
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => {
    pageProblems.push(`pageerror: ${error.message}`);
    if (pageProblems.length > 20) pageProblems.shift();
  });
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    pageProblems.push(`console.error: ${message.text()}`);
    if (pageProblems.length > 20) pageProblems.shift();
  });
  // Both must exist before the workbench loads: it looks for them on `window`.
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    const text = formatLogArgs(args);
    if (text.startsWith(LAUNCHER_PREFIX)) {
      act(page, text.slice(LAUNCHER_PREFIX.length));
      return;
    }
    if (!VERBOSE && WORKBENCH_CHATTER.test(text)) return;
    process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    void finish(typeof code === 'number' ? code : 1);
  });

  const remote = (file) => `vscode-remote://${authority}${file.split(path.sep).join('/')}`;
  const payload = [
    ...developmentPaths.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(testsPath)],
  ];
  const query = [
    ...(folder ? [`folder=${encodeURIComponent(folder)}`] : []),
    `payload=${encodeURIComponent(JSON.stringify(payload))}`,
  ].join('&');
  if (VERBOSE) log(`opening http://${authority}/?${query}`);
  await page.goto(`http://${authority}/?${query}`);
}

main().catch((error) => {
  void shutdown(1, error instanceof Error ? error.stack : String(error));
});
