// `npm run package`: builds the bundles for production and packs the extension as a .vsix,
// offline, with only what ships (see .vscodeignore); prints its contents and size.
// `--quiet` prints one line (what `npm start` shows); the full output only if packing fails.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const quiet = process.argv.includes('--quiet');

function run(command, args) {
  try {
    return execFileSync(command, args, { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    process.stderr.write(`${error.stdout ?? ''}${error.stderr ?? ''}`);
    console.error(`package: ${path.basename(args[0] ?? command)} failed`);
    process.exit(1);
  }
}

run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-b']);
run(process.execPath, [path.join(root, 'esbuild.config.mjs'), '--production']);
// Everything is bundled into dist/: the package needs none of node_modules.
const packed = run(process.execPath, [
  path.join(root, 'node_modules/@vscode/vsce/vsce'),
  'package',
  '--no-dependencies',
  '--out',
  out,
]);
// vsce ends with "DONE  Packaged: <file> (N files, size)": the one line worth keeping.
const done = /Packaged: .*\((.*)\)/.exec(packed);
if (!quiet) process.stdout.write(packed.replace(/\n\s*DONE\s+Packaged:.*\n?$/s, '\n'));
console.log(`${path.relative(root, out)}: ${done?.[1] ?? 'packed'}`);
