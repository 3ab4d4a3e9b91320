// `npm run package`: builds the bundles for production and packs the extension as a .vsix,
// offline, with only what ships (see .vscodeignore); prints its size and contents.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b']);
run(process.execPath, [path.join(root, 'esbuild.config.mjs'), '--production']);
// Everything is bundled into dist/: the package needs none of node_modules.
run(process.execPath, [
  path.join(root, 'node_modules/@vscode/vsce/vsce'),
  'package',
  '--no-dependencies',
  '--out',
  out,
]);
const listing = execFileSync(
  process.execPath,
  [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'],
  { cwd: root, encoding: 'utf8' },
);
const size = statSync(out).size;
console.log(
  `\n${path.relative(root, out)}: ${(size / 1024).toFixed(0)} KiB, ${listing.trim().split('\n').length} files`,
);
