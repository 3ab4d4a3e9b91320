// The bench's folder section: `pathway check` of 1,000 pathways of 100 steps, as whole
// commands, with one worker thread and with every core (and `pathway publish` of the same
// folder, once the command exists).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FOLDER_FILES = 1000;
export const FOLDER_STEPS = 100;
/** The `steps` column of the folder's rows. */
export const FOLDER_SIZE = `${FOLDER_FILES}×${FOLDER_STEPS}`;

export const ONE_WORKER = 'folder check, one worker';
export const ALL_CORES = 'folder check, all cores';
export const PUBLISH = 'folder publish, all cores';

/** Runs the built command to its end (in `cwd` when given): its exit status and what it wrote. */
export function command(cli, args, { cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(cwd ? { cwd } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function timed(cli, args, what) {
  const start = performance.now();
  const result = await command(cli, args);
  const ms = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(`${what} exited ${result.status}: ${result.stderr.slice(0, 500)}`);
  }
  return { ms, ...result };
}

/**
 * The publish command's arguments for `dir`, written to `out`. Adjust to the command's
 * usage when it lands; the row runs only when `pathway publish --help` gives the command's help.
 */
function publishArgs(dir, out) {
  return ['publish', dir, '--output', out];
}

async function benchPublish(cli, dir, runs, record) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(path.join(os.tmpdir(), 'pathway-bench-site-'));
    try {
      times.push((await timed(cli, publishArgs(dir, out), 'pathway publish')).ms);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  record(PUBLISH, FOLDER_SIZE, median(times), { floor: ALL_CORES });
}

/**
 * Writes the folder (each pathway from its own seed, so no two texts are the same), then
 * times the whole command in turn with `--jobs 1` and with the default (every core), so
 * that both meet the same load; the median of each. `record(name, steps, ms, extra)` adds a
 * row; the all-cores row names the one-worker row as its floor.
 */
export async function benchFolder({ root, syntheticPathway, record, quick }) {
  const cli = path.join(root, 'dist', 'cli.js');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pathway-bench-folder-'));
  try {
    let bytes = 0;
    for (let i = 0; i < FOLDER_FILES; i++) {
      const text = syntheticPathway({ steps: FOLDER_STEPS, seed: 1000 + i });
      bytes += Buffer.byteLength(text);
      const name = `guideline-${String(i).padStart(4, '0')}.pathway.yaml`;
      writeFileSync(path.join(dir, name), text);
    }
    process.stderr.write(
      `folder: ${FOLDER_FILES} files of ${FOLDER_STEPS} steps, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${os.availableParallelism()} processors\n`,
    );

    const runs = quick ? 1 : 3;
    const one = [];
    const all = [];
    let expected;
    for (let i = 0; i < runs; i++) {
      for (const [args, times] of [
        [['check', '--jobs', '1', dir], one],
        [['check', dir], all],
      ]) {
        const run = await timed(cli, args, `pathway ${args.join(' ')}`);
        // Whatever the number of workers, the same output.
        expected ??= run.stdout;
        if (run.stdout !== expected) throw new Error('check printed differently with --jobs 1');
        times.push(run.ms);
      }
    }
    if (!expected.startsWith(`${FOLDER_FILES} files checked: 0 errors, 0 warnings`)) {
      throw new Error(`the synthetic folder does not check clean: ${expected.slice(0, 200)}`);
    }
    // Two threads gain only where two processors are free: the load is kept with the figures.
    const loadAverage = Math.round(os.loadavg()[0] * 100) / 100;
    process.stderr.write(`  folder: load average ${loadAverage} after the checks\n`);
    record(ONE_WORKER, FOLDER_SIZE, median(one), { loadAverage });
    record(ALL_CORES, FOLDER_SIZE, median(all), { floor: ONE_WORKER, loadAverage });

    // Enabled once `pathway publish` exists: the same folder published, against its check.
    // (Commander answers the program's help, with status 0, for a command it does not know.)
    const help = await command(cli, ['publish', '--help']);
    if (help.status === 0 && help.stdout.startsWith('Usage: pathway publish')) {
      try {
        await benchPublish(cli, dir, runs, record);
      } catch (error) {
        process.stderr.write(`  ${PUBLISH}: ${error instanceof Error ? error.message : error}\n`);
      }
    } else {
      process.stderr.write(`  ${PUBLISH}: no publish command yet, left out\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
