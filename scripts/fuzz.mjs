// `npm run fuzz`: the fuzzer's long run, in the core and against the real server process.
// The quick slice of the same tests runs in `npm test`. A failure prints its seed.
//
//   npm run fuzz                                      20,000 core cases, 3,000 server cases
//   PATHWAY_FUZZ_CASES=100000 npm run fuzz            that many of each
//   PATHWAY_FUZZ_FIRST_SEED=500000 npm run fuzz       other seeds than last time
//   PATHWAY_FUZZ_SEED=1234 npm run fuzz               one failing case again
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const mocha = createRequire(import.meta.url).resolve('mocha/bin/mocha.js');

const tiers = [
  { file: 'out/test/unit/fuzz.test.js', cases: 20_000 },
  { file: 'out/test/lsp/fuzz.test.js', cases: 3_000 },
];

let failed = false;
for (const { file, cases } of tiers) {
  const env = { ...process.env };
  if (!env.PATHWAY_FUZZ_SEED) env.PATHWAY_FUZZ_CASES ??= String(cases);
  const result = spawnSync(
    process.execPath,
    [mocha, '--no-config', '--enable-source-maps', '--timeout', '0', '--exit', file],
    { cwd: root, stdio: 'inherit', env },
  );
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
