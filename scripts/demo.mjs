// `npm run demo`: checks the example pathways, then shows what the flawed one reports.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'bin', 'pathway.js');

function run(title, args) {
  console.log(`\n── ${title}\n$ pathway ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  return result.status;
}

// The pathways, the references file they share and the screen they use.
const examples = readdirSync(path.join(root, 'examples'))
  .filter((name) => name.endsWith('.pathway.yaml') || name.endsWith('.references.yaml'))
  .map((name) => `examples/${name}`);

const clean = run(
  'The example pathways, their shared references and screen (all should be clean)',
  ['check', ...examples, 'examples/screens'],
);
const flawed = run(
  'A flawed pathway: one finding per rule that reads one file (the rules across files have their cases in test/fixtures-files)',
  ['check', 'examples/flawed'],
);

if (clean !== 0 || flawed !== 1) {
  console.error(
    `\nUnexpected result: examples exited ${clean} (expected 0), flawed ${flawed} (expected 1).`,
  );
  process.exit(1);
}
console.log('\nEvery rule is explained in docs/rules.md; the format in docs/format.md.');
