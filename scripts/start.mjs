// `npm start`: VS Code in the browser (code-server) on localhost, with this extension
// installed from its .vsix and a scratch copy of the examples open. Installs code-server on
// first use (no root, no Debian package); the user brings their own browser.
import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const home = path.join(root, '.vscode-test', 'start');
const codeServer = path.join(
  root,
  '.vscode-test',
  'code-server',
  'node_modules',
  '.bin',
  'code-server',
);

function freePort(preferred) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => {
      const fallback = net.createServer();
      fallback.listen(0, '127.0.0.1', () => {
        const { port } = fallback.address();
        fallback.close(() => resolve(port));
      });
    });
    server.listen(preferred, '127.0.0.1', () => server.close(() => resolve(preferred)));
  });
}

execFileSync('bash', [path.join(root, 'scripts', 'install-vscode-test.sh'), 'code-server'], {
  stdio: 'inherit',
});
execFileSync(process.execPath, [path.join(root, 'scripts', 'package.mjs'), '--quiet'], {
  stdio: 'inherit',
});

const userData = path.join(home, 'user-data');
const extensions = path.join(home, 'extensions');
mkdirSync(path.join(userData, 'User'), { recursive: true });
mkdirSync(extensions, { recursive: true });
// Settings of this private profile; a key the user changed since is kept.
const settingsFile = path.join(userData, 'User', 'settings.json');
const settings = existsSync(settingsFile) ? readSettings(settingsFile) : {};
writeFileSync(
  settingsFile,
  JSON.stringify(
    {
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      // The scratch folder lies inside this repository: no prompt to open the repository.
      'git.openRepositoryInParentFolders': 'never',
      ...settings,
    },
    null,
    2,
  ),
);

function readSettings(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return {};
  }
}
const env = {
  ...process.env,
  EXTENSIONS_GALLERY: '{}',
  XDG_CONFIG_HOME: path.join(home, 'config'),
  XDG_DATA_HOME: path.join(home, 'data'),
};
const installed = spawnQuiet(codeServer, [
  '--user-data-dir',
  userData,
  '--extensions-dir',
  extensions,
  '--install-extension',
  vsix,
  '--force',
]);
if (installed.status !== 0) {
  process.stderr.write(installed.output);
  console.error('npm start: code-server could not install the extension');
  process.exit(1);
}

function spawnQuiet(command, args) {
  try {
    return {
      status: 0,
      output: execFileSync(command, args, { env, encoding: 'utf8', stdio: 'pipe' }),
    };
  } catch (error) {
    return { status: error.status ?? 1, output: `${error.stdout ?? ''}${error.stderr ?? ''}` };
  }
}

// A scratch copy of the examples, so that edits (and auto save) never touch the tracked files.
// Made once and kept across starts; delete it to start again from examples/.
const folder = path.join(home, 'examples');
if (!existsSync(folder)) cpSync(path.join(root, 'examples'), folder, { recursive: true });

const port = await freePort(Number(process.env.PORT ?? 8080));
// code-server's own log goes to a file, not the terminal; its path is printed if it stops.
const logFile = path.join(home, 'code-server.log');
const log = createWriteStream(logFile);
const child = spawn(
  codeServer,
  [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--ignore-last-opened',
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    folder,
  ],
  { stdio: ['ignore', 'pipe', 'pipe'], env },
);
child.stdout.pipe(log);
child.stderr.pipe(log);
console.log(
  `\nClinical Pathways in VS Code: http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`,
);
console.log(`Open a *.pathway.yaml file from the explorer (a copy of the examples in`);
console.log(`${path.relative(root, folder)}; delete it to start again). Press Ctrl+C to stop.\n`);
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopping = true;
    child.kill(signal);
  });
}
child.on('exit', (code) => {
  if (!stopping && code)
    console.error(`npm start: code-server stopped (exit ${code}); see ${logFile}`);
  process.exit(stopping ? 0 : (code ?? 0));
});
