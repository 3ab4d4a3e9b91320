// `npm start`: VS Code in the browser (code-server) on localhost, with this extension
// installed from its .vsix and the examples open. Installs what it needs on first use.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

execFileSync('bash', [path.join(root, 'scripts', 'install-vscode-test.sh')], { stdio: 'inherit' });
execFileSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], { stdio: 'inherit' });

const userData = path.join(home, 'user-data');
const extensions = path.join(home, 'extensions');
mkdirSync(path.join(userData, 'User'), { recursive: true });
mkdirSync(extensions, { recursive: true });
const settingsFile = path.join(userData, 'User', 'settings.json');
if (!existsSync(settingsFile)) {
  writeFileSync(
    settingsFile,
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
      },
      null,
      2,
    ),
  );
}
const env = {
  ...process.env,
  EXTENSIONS_GALLERY: '{}',
  XDG_CONFIG_HOME: path.join(home, 'config'),
  XDG_DATA_HOME: path.join(home, 'data'),
};
execFileSync(
  codeServer,
  [
    '--user-data-dir',
    userData,
    '--extensions-dir',
    extensions,
    '--install-extension',
    vsix,
    '--force',
  ],
  {
    stdio: 'inherit',
    env,
  },
);

const port = await freePort(Number(process.env.PORT ?? 8080));
const folder = path.join(root, 'examples');
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
  { stdio: ['ignore', 'ignore', 'inherit'], env },
);
console.log(
  `\nClinical Pathways in VS Code: http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}`,
);
console.log('Open a *.pathway.yaml file from the explorer. Press Ctrl+C to stop.\n');
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
