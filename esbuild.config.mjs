// Bundles what ships: the `pathway` command (and its file workers), the language server (and
// its parsing worker), the extension, and the preview's page script and style sheet (a
// browser bundle in dist/webview/, the only folder the preview's webview may load from).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

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
  // citation-js can fetch a reference from an address; the checker never asks it to, and the
  // bundles carry no network client for it (see scripts/no-network.cjs).
  alias: {
    'node-fetch': './scripts/no-network.cjs',
    'sync-fetch': './scripts/no-network.cjs',
  },
};

/**
 * The shared request types (shared/serverRequests.ts) import vscode-languageserver-protocol,
 * which resolves to the extension's copy; the language server's own may be another version.
 * In the server's bundles they take the server's copy, so the bundle holds one.
 */
const serverProtocolPlugin = {
  name: 'pathway-server-protocol',
  setup(plugin) {
    const fromServer = path.dirname(
      createRequire(import.meta.url).resolve('vscode-languageserver'),
    );
    plugin.onResolve({ filter: /^vscode-languageserver-protocol$/ }, (args) =>
      args.pluginData === 'server-protocol'
        ? undefined
        : plugin.resolve(args.path, {
            kind: args.kind,
            resolveDir: fromServer,
            pluginData: 'server-protocol',
          }),
    );
  },
};

/** A CSS constant of the core, evaluated from its source, so the webview's CSS file carries it. */
async function coreCss(entryPoint, name) {
  const result = await build({
    entryPoints: [entryPoint],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text;
  const module = await import(
    `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`
  );
  return module[name];
}

const CORE_CSS = {
  'diagram.css': ['server/src/core/flowchart/style.ts', 'PREVIEW_DIAGRAM_CSS'],
  'report.css': ['server/src/core/report/style.ts', 'REPORT_CSS'],
  'diff.css': ['server/src/core/flowchart/style.ts', 'DIFF_CSS'],
};

/** Resolves `@import 'pathway:diagram.css'` (and `report.css`) in the webviews' style sheets. */
const diagramCssPlugin = {
  name: 'pathway-diagram-css',
  setup(plugin) {
    plugin.onResolve({ filter: /^pathway:(diagram|report|diff)\.css$/ }, (args) => ({
      path: args.path.slice('pathway:'.length),
      namespace: 'pathway',
    }));
    plugin.onLoad({ filter: /.*/, namespace: 'pathway' }, async (args) => ({
      contents: await coreCss(...CORE_CSS[args.path]),
      loader: 'css',
    }));
  },
};

const webview = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['server/src/cli/index.ts'],
    outfile: 'dist/cli.js',
    plugins: [serverProtocolPlugin],
  }),
  // The command's worker threads, which check or publish a folder's files on every core
  // (pool.ts): checking's without the flowchart's layout engine, which publishing's carries.
  build({
    ...common,
    entryPoints: ['server/src/cli/checkWorker.ts'],
    outfile: 'dist/checkWorker.js',
  }),
  build({
    ...common,
    entryPoints: ['server/src/cli/publishWorker.ts'],
    outfile: 'dist/publishWorker.js',
  }),
  build({
    ...common,
    entryPoints: ['server/src/lsp/main.ts'],
    outfile: 'dist/server.js',
    plugins: [serverProtocolPlugin],
  }),
  // The language server's worker thread, which parses large files (beside server.js and
  // cli.js, which both start the server).
  build({
    ...common,
    entryPoints: ['server/src/lsp/parseWorker.ts'],
    outfile: 'dist/parseWorker.js',
  }),
  build({
    ...common,
    entryPoints: ['client/src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode', 'web-worker'],
  }),
  build({
    ...webview,
    entryPoints: ['client/webview/preview.ts'],
    outfile: 'dist/webview/preview.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  }),
  build({
    ...webview,
    entryPoints: ['client/webview/preview.css'],
    outfile: 'dist/webview/preview.css',
    plugins: [diagramCssPlugin],
  }),
  build({
    ...webview,
    entryPoints: ['client/webview/report.ts'],
    outfile: 'dist/webview/report.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  }),
  build({
    ...webview,
    entryPoints: ['client/webview/report.css'],
    outfile: 'dist/webview/report.css',
    plugins: [diagramCssPlugin],
  }),
  // The published site's script and style sheet, copied once into each site's assets/. No
  // source map: a site is a finished document, and the same input gives the same bytes. The
  // script is minified in every build: it carries the layout engine (elkjs), which esbuild
  // would otherwise print out at twice its published size.
  build({
    ...webview,
    sourcemap: false,
    minify: true,
    entryPoints: ['client/webview/site/site.ts'],
    outfile: 'dist/site/site.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  }),
  build({
    ...webview,
    sourcemap: false,
    entryPoints: ['client/webview/site/site.css'],
    outfile: 'dist/site/site.css',
    plugins: [diagramCssPlugin],
  }),
]);
