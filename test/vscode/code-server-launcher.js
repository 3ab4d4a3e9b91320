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

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const util = require('node:util');

const ROOT = path.resolve(__dirname, '..', '..');
const CODE_SERVER =
  process.env.VSCODE_TEST_CODE_SERVER ??
  path.join(
    ROOT,
    '.vscode-test',
    'code-server',
    'node_modules',
    'code-server',
    'out',
    'node',
    'entry.js',
  );
const CHROMIUM = process.env.VSCODE_TEST_CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.VSCODE_TEST_TIMEOUT_MS ?? 120_000);
const VERBOSE = process.env.VSCODE_TEST_VERBOSE === '1';
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
/** The workbench's own start-up log lines, which share the channel with the extension host's console. */
const WORKBENCH_CHATTER =
  /^(Resolving connection token|Resolved connection token|Creating a socket|Ignoring fetching additional builtin extensions|Updating additional builtin extensions cache|\[Service Worker\]|ChatSessionStore:)/;
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
};

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

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function healthy(port) {
  return new Promise((resolve) => {
    const request = http.get(
      { host: '127.0.0.1', port, path: '/healthz', timeout: 1000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/** The last lines of a log file, for a failure report. */
function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
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
        if (element) {
          await element.click();
          return;
        }
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
  for (const [what, file] of [
    ['code-server', CODE_SERVER],
    ['Chromium', CHROMIUM],
  ]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${what} not found at ${file}: run scripts/install-vscode-test.sh first`);
    }
  }

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-test-'));
  const dirs = {};
  for (const name of ['user-data', 'extensions', 'xdg-config', 'xdg-data', 'chromium-profile']) {
    dirs[name] = path.join(temp, name);
    fs.mkdirSync(dirs[name], { recursive: true });
  }
  fs.mkdirSync(path.join(dirs['user-data'], 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs['user-data'], 'User', 'settings.json'),
    JSON.stringify(USER_SETTINGS, null, 2),
  );
  const serverLog = path.join(temp, 'code-server.log');

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
      process.stderr.write(`--- code-server log (tail)\n${tail(serverLog)}\n---\n`);
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
    if (server && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      // code-server runs in its own process group with its extension host and the
      // language server: stop the whole group.
      const killGroup = (signal) => {
        try {
          process.kill(-server.pid, signal);
        } catch {
          // already gone
        }
      };
      killGroup('SIGTERM');
      const forced = setTimeout(() => killGroup('SIGKILL'), 3000);
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      clearTimeout(forced);
      killGroup('SIGKILL');
    }
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

  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const env = { ...process.env };
  // Inside a VS Code terminal these would make code-server hand its folder to that VS Code.
  for (const name of Object.keys(env)) if (name.startsWith('VSCODE_')) delete env[name];
  Object.assign(env, {
    XDG_CONFIG_HOME: dirs['xdg-config'],
    XDG_DATA_HOME: dirs['xdg-data'],
    EXTENSIONS_GALLERY: '{}',
    PATHWAY_TEST_LAUNCHER: '1',
  });
  const logFd = fs.openSync(serverLog, 'a');
  server = spawn(
    process.execPath,
    [
      CODE_SERVER,
      '--auth',
      'none',
      '--bind-addr',
      authority,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--ignore-last-opened',
      '--user-data-dir',
      dirs['user-data'],
      '--extensions-dir',
      dirs['extensions'],
      ...(folder ? [folder] : []),
    ],
    { env, detached: true, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  server.on('exit', (code, signal) => {
    if (!finished) void finish(1, `code-server exited early (${code ?? signal})`);
  });

  const started = Date.now();
  while (!(await healthy(port))) {
    if (finished) return;
    if (Date.now() - started > 30_000)
      return finish(1, 'code-server did not answer /healthz in 30 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  if (VERBOSE) log(`code-server is up on ${authority} after ${Date.now() - started} ms`);

  const { chromium } = require('playwright-core');
  context = await chromium.launchPersistentContext(dirs['chromium-profile'], {
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
