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
