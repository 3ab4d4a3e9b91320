// Starting and stopping code-server (VS Code 1.100.3 for the browser) and headless Debian
// Chromium for the tests that run real VS Code: the integration tests
// (code-server-launcher.js) and the end-to-end test (test/e2e). The recipes are in
// /work/shared/testing.md; scripts/install-vscode-test.sh installs both programs.
'use strict';

const { execFile, spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');

/**
 * The repository root: the nearest folder with a package.json (this file is also copied to out/).
 * @param {string} from
 * @returns {string}
 */
function findRoot(from) {
  let dir = from;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

const ROOT = findRoot(__dirname);
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
/** User settings for a test profile: nothing opens by itself, nothing phones home. */
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

/** Throws, saying how to install them, when code-server or Chromium is missing. */
function checkInstalled() {
  for (const [what, file] of [
    ['code-server', CODE_SERVER],
    ['Chromium', CHROMIUM],
  ]) {
    if (!fs.existsSync(file)) {
      throw new Error(`${what} not found at ${file}: run scripts/install-vscode-test.sh first`);
    }
  }
}

/**
 * Throwaway folders for one run under `temp`: user data (with `settings` as the user
 * settings), extensions, XDG config and data (which keep code-server out of ~/.config), and a
 * Chromium profile.
 * @param {string} temp
 * @param {Record<string, unknown>} [settings]
 */
function makeProfile(temp, settings = USER_SETTINGS) {
  const dirs = {
    userData: path.join(temp, 'user-data'),
    extensions: path.join(temp, 'extensions'),
    xdgConfig: path.join(temp, 'xdg-config'),
    xdgData: path.join(temp, 'xdg-data'),
    chromiumProfile: path.join(temp, 'chromium-profile'),
    log: path.join(temp, 'code-server.log'),
  };
  for (const [name, dir] of Object.entries(dirs)) {
    if (name !== 'log') fs.mkdirSync(dir, { recursive: true });
  }
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify(settings, null, 2),
  );
  return dirs;
}

/**
 * code-server's environment: no marketplace, XDG folders of its own.
 * @param {ReturnType<typeof makeProfile>} dirs
 * @param {Record<string, string>} [extra]
 */
function codeServerEnv(dirs, extra = {}) {
  const env = { ...process.env };
  // Inside a VS Code terminal these would make code-server hand its folder to that VS Code.
  for (const name of Object.keys(env)) if (name.startsWith('VSCODE_')) delete env[name];
  return {
    ...env,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/**
 * Installs a .vsix into the profile's extensions folder with code-server's own CLI.
 * @param {ReturnType<typeof makeProfile>} dirs
 * @param {string} vsix
 * @returns {Promise<void>}
 */
function installExtension(dirs, vsix) {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [
        CODE_SERVER,
        '--user-data-dir',
        dirs.userData,
        '--extensions-dir',
        dirs.extensions,
        '--install-extension',
        vsix,
        '--force',
      ],
      { env: codeServerEnv(dirs), timeout: 60_000 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`installing ${vsix} failed: ${error.message}\n${stdout}${stderr}`));
        else if (!/successfully installed/i.test(stdout)) {
          reject(new Error(`installing ${vsix} did not succeed:\n${stdout}${stderr}`));
        } else resolve();
      },
    );
  });
}

/** @returns {Promise<number>} a port free on 127.0.0.1 */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** @param {number} port @returns {Promise<boolean>} whether /healthz answers 200 */
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

/**
 * Starts code-server on a free 127.0.0.1 port, in a process group of its own (with its
 * extension host and language servers), logging to `dirs.log`. `onExit` hears of its exit.
 * Wait for it with waitHealthy().
 * @param {{
 *   dirs: ReturnType<typeof makeProfile>,
 *   folder?: string,
 *   env?: Record<string, string>,
 *   onExit?: (code: number | null, signal: NodeJS.Signals | null) => void,
 * }} options
 * @returns {Promise<{ child: import('node:child_process').ChildProcess, port: number, authority: string }>}
 */
async function spawnCodeServer(options) {
  const { dirs, folder, onExit } = options;
  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const logFd = fs.openSync(dirs.log, 'a');
  const child = spawn(
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
      dirs.userData,
      '--extensions-dir',
      dirs.extensions,
      ...(folder ? [folder] : []),
    ],
    { env: codeServerEnv(dirs, options.env), detached: true, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  if (onExit) child.on('exit', onExit);
  return { child, port, authority };
}

/**
 * Resolves once code-server answers /healthz; rejects when it exits first, after
 * `timeoutMs`, or when `cancelled()` turns true.
 * @param {{ child: import('node:child_process').ChildProcess, port: number }} server
 * @param {{ timeoutMs?: number, cancelled?: () => boolean }} [options]
 * @returns {Promise<void>}
 */
async function waitHealthy(server, options = {}) {
  const { timeoutMs = 30_000, cancelled = () => false } = options;
  const started = Date.now();
  while (!(await healthy(server.port))) {
    const { exitCode, signalCode } = server.child;
    if (exitCode !== null || signalCode !== null) {
      throw new Error(`code-server exited early (${exitCode ?? signalCode})`);
    }
    if (cancelled()) throw new Error('cancelled');
    if (Date.now() - started > timeoutMs) {
      throw new Error(`code-server did not answer /healthz in ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** @param {import('node:child_process').ChildProcess} child @param {NodeJS.Signals} signal */
function killGroup(child, signal) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Stops code-server's whole process group: SIGTERM, then SIGKILL after 3 s.
 * @param {import('node:child_process').ChildProcess | undefined} child
 * @returns {Promise<void>}
 */
async function stopCodeServer(child) {
  if (!child) return;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child, 'SIGTERM');
    const forced = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    clearTimeout(forced);
  }
  // The extension host and language server may outlive code-server itself.
  killGroup(child, 'SIGKILL');
}

/**
 * The synchronous last resort, for a process that is exiting: SIGKILL to the whole group.
 * @param {import('node:child_process').ChildProcess | undefined} child
 */
function stopCodeServerNow(child) {
  if (child) killGroup(child, 'SIGKILL');
}

/**
 * The last lines of a log file, for a failure report.
 * @param {string} file
 * @returns {string}
 */
function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

module.exports = {
  ROOT,
  CODE_SERVER,
  CHROMIUM,
  CHROMIUM_ARGS,
  USER_SETTINGS,
  checkInstalled,
  makeProfile,
  codeServerEnv,
  installExtension,
  freePort,
  healthy,
  spawnCodeServer,
  waitHealthy,
  stopCodeServer,
  stopCodeServerNow,
  tail,
};
