// Bundles what ships: the `pathway` command (and, as they arrive, the server and the client).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  define: { PACKAGE_VERSION: JSON.stringify(pkg.version) },
  // elkjs asks for a web worker only when given a worker URL; it runs in-process here.
  external: ['web-worker'],
};

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/index.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['server/src/lsp/main.ts'], outfile: 'dist/server.js' }),
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode', 'web-worker'],
  }),
]);
