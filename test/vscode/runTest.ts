// Runs the extension's integration tests in real VS Code (code-server 1.100.3 in headless
// Chromium, see code-server-launcher.js) through @vscode/test-electron's standard runTests(),
// on a throwaway copy of examples/ as the workspace folder.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

/** The repository root, from the compiled file's location (out/test/vscode). */
const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The newest modification time of the files under a folder. */
function newest(folder: string): number {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce(
      (latest, entry) =>
        Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs),
      0,
    );
}

/** The tests run the bundles in dist/: refuse to test missing or stale ones. */
function checkBundles(): void {
  const sources = Math.max(
    newest(path.join(ROOT, 'client', 'src')),
    newest(path.join(ROOT, 'client', 'webview')),
    newest(path.join(ROOT, 'shared')),
    newest(path.join(ROOT, 'server', 'src')),
  );
  for (const bundle of ['extension.js', 'server.js', 'webview/preview.js', 'webview/preview.css']) {
    const file = path.join(ROOT, 'dist', bundle);
    if (!fs.existsSync(file)) throw new Error(`dist/${bundle} is missing: run npm run build first`);
    if (fs.statSync(file).mtimeMs < sources) {
      throw new Error(`dist/${bundle} is older than the sources: run npm run build first`);
    }
  }
}

async function main(): Promise<void> {
  checkBundles();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'pathway-vscode-test-'));
  fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
  try {
    await runTests({
      vscodeExecutablePath: path.join(ROOT, 'test', 'vscode', 'code-server-launcher.js'),
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index'),
      launchArgs: [workspace],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
