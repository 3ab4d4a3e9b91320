// The extension as users get it: the .vsix that `npm run package` builds. One that is newer
// than everything it is made from is used as it is; otherwise it is built again.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** What the package is made from (the bundles in dist/ are rebuilt by the packaging itself). */
const INPUTS = [
  'package.json',
  'package-lock.json',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  '.vscodeignore',
  'esbuild.config.mjs',
  'scripts/package.mjs',
  'client/src',
  'client/webview',
  'shared',
  'server/src',
  'schemas',
  'examples',
  'docs',
  'media/icon.png',
  'media/walkthrough',
];

/** The newest modification time of a file, or of the files under a folder. */
function newest(file: string): number {
  if (!fs.existsSync(file)) return 0;
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(file, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce(
      (latest, entry) =>
        Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs),
      0,
    );
}

/** The path of an up-to-date .vsix, packaging the extension first when needed. */
export async function freshVsix(root: string): Promise<{ vsix: string; built: boolean }> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
  const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
  const sources = Math.max(...INPUTS.map((input) => newest(path.join(root, input))));
  if (fs.existsSync(vsix) && fs.statSync(vsix).mtimeMs > sources) return { vsix, built: false };
  await new Promise<void>((resolve, reject) => {
    execFile(
      process.execPath,
      [path.join(root, 'scripts', 'package.mjs')],
      { cwd: root, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`npm run package failed: ${error.message}\n${stdout}${stderr}`));
        else resolve();
      },
    );
  });
  if (!fs.existsSync(vsix)) throw new Error(`npm run package did not write ${vsix}`);
  return { vsix, built: true };
}
