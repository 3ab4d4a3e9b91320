import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { ROOT } from '../support/paths';

const CORE = path.join(ROOT, 'server', 'src', 'core');

function sources(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: string[] = [];
  const pattern =
    /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]/g;
  for (const match of text.matchAll(pattern)) found.push(match[1] ?? match[2] ?? match[3] ?? '');
  return found;
}

/** The core is shared with the browser preview: it must stay free of Node and editor APIs. */
describe('the pure core', () => {
  const files = sources(CORE);
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  // Each runs in a browser as in Node. `mdast` holds only types.
  const allowedPackages = new Set([
    'yaml',
    'ajv',
    'fastest-levenshtein',
    'elkjs',
    'mdast',
    'mdast-util-to-markdown',
    'mdast-util-gfm',
    'string-width',
    'markdown-it',
    // citation-js: BibTeX and RIS read for bibliographies (each told its input's format, so
    // it never fetches).
    '@citation-js/core',
    '@citation-js/plugin-bibtex',
    '@citation-js/plugin-ris',
  ]);

  it('has source files to inspect', () => {
    assert.ok(files.length > 10);
  });

  it('imports no Node built-in, no vscode and no language-server package', () => {
    const offending: string[] = [];
    for (const file of files) {
      for (const specifier of importsOf(file)) {
        if (specifier.startsWith('.')) {
          const resolved = path.resolve(path.dirname(file), specifier);
          const inside =
            resolved.startsWith(CORE) || resolved.startsWith(path.join(ROOT, 'schemas'));
          if (!inside) offending.push(`${path.relative(ROOT, file)} reaches outside: ${specifier}`);
          continue;
        }
        const name = specifier.startsWith('@')
          ? specifier.split('/').slice(0, 2).join('/')
          : (specifier.split('/')[0] ?? specifier);
        if (builtins.has(specifier) || builtins.has(name) || !allowedPackages.has(name)) {
          offending.push(`${path.relative(ROOT, file)} imports ${specifier}`);
        }
      }
    }
    assert.deepEqual(offending, []);
  });

  it('is compiled without Node or DOM types', () => {
    const raw = fs.readFileSync(path.join(CORE, 'tsconfig.json'), 'utf8');
    const config = JSON.parse(raw.replace(/^\s*\/\/.*$/gm, '')) as {
      compilerOptions: { types: string[]; lib: string[] };
    };
    assert.deepEqual(config.compilerOptions.types, []);
    assert.ok(!config.compilerOptions.lib.some((lib) => lib.toLowerCase().startsWith('dom')));
  });
});

/**
 * citation-js can fetch a reference from an address; the bundles replace its fetch helpers
 * with a stub that refuses (esbuild.config.mjs), so the shipped code holds no network client.
 */
describe('the bundles that read bibliographies', () => {
  for (const bundle of ['cli.js', 'server.js', 'checkWorker.js', 'publishWorker.js']) {
    it(`${bundle} carries citation-js without its fetch helpers`, () => {
      const code = fs.readFileSync(path.join(ROOT, 'dist', bundle), 'utf8');
      assert.ok(code.includes('@biblatex/text'), 'citation-js is bundled');
      assert.ok(code.includes('pathway fetches nothing from the network'), 'the stub is bundled');
      for (const helper of ['node_modules/node-fetch/', 'node_modules/sync-fetch/']) {
        assert.ok(!code.includes(helper), `${helper} is bundled`);
      }
    });
  }
});

/**
 * `pathway check` starts a worker per processor: each loads its bundle and warms it up, so the
 * checker's worker carries no flowchart layout engine (elkjs: megabytes of code, and a start-up
 * of its own), which only publishing's worker needs.
 */
describe("the command's worker threads", () => {
  const bundle = (name: string): string => fs.readFileSync(path.join(ROOT, 'dist', name), 'utf8');

  it('the worker of check and test loads no layout engine', () => {
    assert.ok(
      !bundle('checkWorker.js').includes('org.eclipse.elk.alg.layered'),
      'elkjs is bundled',
    );
  });

  it("the worker of publish carries the layout engine the pages' flowcharts need", () => {
    assert.ok(
      bundle('publishWorker.js').includes('org.eclipse.elk.alg.layered'),
      'elkjs is bundled',
    );
  });
});

/** Every import of a file that leads into this repository's tree, as a path from the root. */
function localImports(file: string): string[] {
  const bare = [...fs.readFileSync(file, 'utf8').matchAll(/^import\s+['"]([^'"]+)['"]/gm)];
  return [...importsOf(file), ...bare.map((match) => match[1] ?? '')]
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => path.relative(ROOT, path.resolve(path.dirname(file), specifier)));
}

function under(relative: string, folder: string): boolean {
  return relative === folder || relative.startsWith(`${folder}/`);
}

/**
 * The extension and the language server meet only in shared/: neither side imports the
 * other, so each can change without breaking the other's build.
 */
describe('the boundary between the extension and the language server', () => {
  const SHARED = path.join(ROOT, 'shared');
  // The pure core is shared with the preview where one table or escaper must not be copied:
  // the page escapes its markup with the core's escaper for XML, the walk-through names
  // GRADE certainty and a citation it cannot show with the core's words, follows a route
  // by the scenarios' own rules, and names a used pathway's steps by the table of titles the
  // published site's sentences use too. A published page lays out and draws its flowchart
  // with the core's own layout and drawing, as the preview's host does.
  const clientUsesOfCore = new Set([
    'client/src/panels/page.ts -> server/src/core/text/xml',
    'client/webview/site/pathwayPage.ts -> server/src/core/flowchart/layout',
    'client/webview/site/pathwayPage.ts -> server/src/core/flowchart/svg',
    'client/webview/logic/walk.ts -> server/src/core/model/walkTitles',
    'client/webview/logic/walk.ts -> server/src/core/report/certainty',
    'client/webview/logic/walk.ts -> server/src/core/report/citation',
    'client/webview/logic/walk.ts -> server/src/core/scenarios/route',
  ]);

  it('has the server, client and shared sources to inspect', () => {
    assert.ok(sources(path.join(ROOT, 'server')).length > 10);
    assert.ok(sources(path.join(ROOT, 'client')).length > 5);
    assert.ok(sources(SHARED).length >= 2);
  });

  it('nothing under server/ imports from client/', () => {
    const offending = sources(path.join(ROOT, 'server')).flatMap((file) =>
      localImports(file)
        .filter((target) => under(target, 'client'))
        .map((target) => `${path.relative(ROOT, file)} -> ${target}`),
    );
    assert.deepEqual(offending, []);
  });

  it('nothing under client/ imports from server/, but for the core where it always has', () => {
    const offending = sources(path.join(ROOT, 'client')).flatMap((file) =>
      localImports(file)
        .filter((target) => under(target, 'server'))
        .map((target) => `${path.relative(ROOT, file)} -> ${target}`)
        .filter((use) => !clientUsesOfCore.has(use)),
    );
    assert.deepEqual(offending, []);
  });

  it('the core modules the webviews bundle are few, and import no package but the layout’s', () => {
    // What a webview file takes from the core at run time, followed to the end (type-only
    // imports are left out of the bundle, so out of this list).
    const runtimeImports = (file: string): string[] =>
      [
        ...fs
          .readFileSync(file, 'utf8')
          .matchAll(/^(?:import|export)\s+(?!type\b)[^'"]*?from\s+['"]([^'"]+)['"]/gm),
      ].map((match) => match[1] ?? '');
    const seen = new Set<string>();
    const packages: string[] = [];
    const visit = (file: string): void => {
      const relative = path.relative(ROOT, file);
      if (seen.has(relative)) return;
      seen.add(relative);
      for (const specifier of runtimeImports(file)) {
        if (!specifier.startsWith('.')) packages.push(`${relative} imports ${specifier}`);
        else visit(`${path.resolve(path.dirname(file), specifier)}.ts`);
      }
    };
    for (const use of clientUsesOfCore) {
      const [from, to] = use.split(' -> ');
      if (from?.startsWith('client/webview/')) visit(path.join(ROOT, `${to ?? ''}.ts`));
    }
    // The published page's layout: ELK, and the measure of a label's words.
    assert.deepEqual(packages.sort(), [
      'server/src/core/flowchart/layout.ts imports elkjs/lib/elk.bundled.js',
      'server/src/core/text/width.ts imports string-width',
    ]);
    assert.deepEqual([...seen].sort(), [
      'server/src/core/flowchart/describe.ts',
      'server/src/core/flowchart/layout.ts',
      'server/src/core/flowchart/metrics.ts',
      'server/src/core/flowchart/style.ts',
      'server/src/core/flowchart/svg.ts',
      'server/src/core/logic/ast.ts',
      'server/src/core/logic/evaluate.ts',
      'server/src/core/model/walkTitles.ts',
      'server/src/core/report/certainty.ts',
      'server/src/core/report/citation.ts',
      'server/src/core/scenarios/route.ts',
      'server/src/core/text/width.ts',
      'server/src/core/text/xml.ts',
    ]);
  });

  it('shared/ imports neither side, and of the core only types', () => {
    const offending: string[] = [];
    for (const file of sources(SHARED)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const match of text.matchAll(
        /^(import|export)(\s+type)?\s[^'"]*?from\s+['"]([^'"]+)['"]/gm,
      )) {
        const specifier = match[3] ?? '';
        if (!specifier.startsWith('.')) continue;
        const target = path.relative(ROOT, path.resolve(path.dirname(file), specifier));
        const name = path.relative(ROOT, file);
        if (
          under(target, 'client') ||
          (under(target, 'server') && !under(target, 'server/src/core'))
        ) {
          offending.push(`${name} -> ${target}`);
        } else if (under(target, 'server') && match[2] === undefined) {
          offending.push(`${name} -> ${target} (not a type-only import)`);
        }
      }
    }
    assert.deepEqual(offending, []);
  });

  it('the webview messages hold types only, and the webview never reaches the server requests', () => {
    // The webview's bundle must not pull in LSP code (or any other module) through them.
    const messages = fs.readFileSync(path.join(SHARED, 'webviewMessages.ts'), 'utf8');
    const runtime = messages
      .split('\n')
      .filter(
        (line) => /^(import|export\s*[{*])/.test(line) && !/^(import|export) type\b/.test(line),
      );
    assert.deepEqual(runtime, []);
    const webview = sources(path.join(ROOT, 'client', 'webview')).flatMap((file) =>
      localImports(file)
        .filter((target) => under(target, 'shared') && target !== 'shared/webviewMessages')
        .map((target) => `${path.relative(ROOT, file)} -> ${target}`),
    );
    assert.deepEqual(webview, []);
  });
});

/**
 * Whether a source text opens with a comment about the file: a line comment, or a block
 * comment that is not the JSDoc of the declaration right under it.
 */
function opensWithFileComment(text: string): boolean {
  if (text.startsWith('//')) return true;
  if (!text.startsWith('/*')) return false;
  const end = text.indexOf('*/');
  if (end < 0) return false;
  const next = text.slice(end + 2).split('\n')[1] ?? '';
  return !/^(export|declare|const|let|function|async|class|interface|type|enum)\b/.test(next);
}

/** A reader opening any source file first learns what it is for. */
describe('the source files', () => {
  const files = ['server', 'client', 'shared'].flatMap((folder) =>
    sources(path.join(ROOT, folder)),
  );

  it("tells a file comment from a missing one and from the first declaration's JSDoc", () => {
    assert.ok(opensWithFileComment('// The `unused-reference` rule.\nimport x from "y";\n'));
    assert.ok(opensWithFileComment('/**\n * What the file is for.\n */\nimport x from "y";\n'));
    assert.ok(!opensWithFileComment('import x from "y";\n// A comment further down.\n'));
    assert.ok(!opensWithFileComment('/** The one export. */\nexport const x = 1;\n'));
  });

  it('each open with a comment that says what the file is for', () => {
    assert.ok(files.length > 100);
    const unexplained = files
      .filter((file) => !opensWithFileComment(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    assert.deepEqual(unexplained, []);
  });
});
