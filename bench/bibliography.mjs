// The bench's shared-bibliography section: `pathway check` of 1,000 pathways of 100 steps that
// all name one references file of 5,000 works, against the sum of the YAML floors of the
// folder's files (each file parsed once, the references file included), measured in turn in
// the same run.
import { readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { command, median } from './folder.mjs';

export const BIB_FILES = 1000;
export const BIB_STEPS = 100;
export const BIB_WORKS = 5000;
/** The `steps` column of the section's rows. */
export const BIB_SIZE = `${BIB_FILES}×${BIB_STEPS}, ${BIB_WORKS} works`;

export const BIB_FLOOR = 'floor: yaml.parseDocument, each file';
export const BIB_ONE_WORKER = 'shared bibliography check, one worker';
export const BIB_ALL_CORES = 'shared bibliography check, all cores';

/** The least any checker of these files must do: parse each one's YAML once, in turn. */
function floorOf(yaml, texts) {
  globalThis.gc?.();
  let ms = 0;
  for (const text of texts) {
    const start = performance.now();
    yaml.parseDocument(text, { uniqueKeys: false });
    ms += performance.now() - start;
  }
  return ms;
}

/**
 * Writes the folder (the references file, and each pathway from its own seed citing some of
 * its works), then, in turn, the floor in this process and the whole command with one worker
 * and with every core; the median of each. The references file must be read and parsed once
 * per worker, not once per pathway, for the command to stay near the floor.
 */
export async function benchBibliography({
  root,
  yaml,
  syntheticPathway,
  syntheticReferences,
  record,
  quick,
}) {
  const cli = path.join(root, 'dist', 'cli.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pathway-bench-bibliography-'));
  try {
    const references = syntheticReferences(BIB_WORKS);
    const bibliography = { path: 'evidence.references.yaml', ids: references.ids };
    writeFileSync(path.join(dir, bibliography.path), references.text);
    for (let i = 0; i < BIB_FILES; i++) {
      const text = syntheticPathway({ steps: BIB_STEPS, seed: 1000 + i, bibliography });
      writeFileSync(path.join(dir, `guideline-${String(i).padStart(4, '0')}.pathway.yaml`), text);
    }
    const texts = readdirSync(dir).map((name) => readFileSync(path.join(dir, name), 'utf8'));
    const bytes = texts.reduce((sum, text) => sum + Buffer.byteLength(text), 0);
    process.stderr.write(
      `shared bibliography: ${BIB_FILES} files of ${BIB_STEPS} steps and ${BIB_WORKS} works (${(Buffer.byteLength(references.text) / 1024 / 1024).toFixed(1)} MiB) shared, ${(bytes / 1024 / 1024).toFixed(1)} MiB in all\n`,
    );
    // Warm the floor's parser as the command's workers warm theirs.
    floorOf(yaml, texts.slice(0, 50));

    const runs = quick ? 1 : 3;
    const floors = [];
    const one = [];
    const all = [];
    let expected;
    for (let i = 0; i < runs; i++) {
      floors.push(floorOf(yaml, texts));
      for (const [args, times] of [
        [['check', '--jobs', '1', '.'], one],
        [['check', '.'], all],
      ]) {
        const start = performance.now();
        // From the folder, which is the root the bibliography is read under.
        const run = await command(cli, args, { cwd: dir });
        times.push(performance.now() - start);
        if (run.status !== 0) {
          throw new Error(
            `pathway ${args.join(' ')} exited ${run.status}: ${run.stderr.slice(0, 500)}`,
          );
        }
        expected ??= run.stdout;
        if (run.stdout !== expected) throw new Error('check printed differently with --jobs 1');
      }
    }
    if (!expected.startsWith(`${BIB_FILES + 1} files checked: 0 errors, 0 warnings`)) {
      throw new Error(`the bibliography folder does not check clean: ${expected.slice(0, 300)}`);
    }
    const loadAverage = Math.round(os.loadavg()[0] * 100) / 100;
    process.stderr.write(`  shared bibliography: load average ${loadAverage} after the checks\n`);
    record(BIB_FLOOR, BIB_SIZE, median(floors), { loadAverage });
    record(BIB_ONE_WORKER, BIB_SIZE, median(one), { floor: BIB_FLOOR, loadAverage });
    record(BIB_ALL_CORES, BIB_SIZE, median(all), { floor: BIB_FLOOR, loadAverage });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
