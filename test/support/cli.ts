import { spawnSync } from 'node:child_process';
import { CLI, ROOT } from './paths';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * How long one run may take before it is stopped (status null): a run that waits for ever
 * (on a pipe, say) fails its test instead of stopping the whole suite.
 */
const HANG_MS = 120_000;

/**
 * Runs the built `pathway` command as a user would, from the repository root; `env` adds
 * to the environment (COLUMNS=60 for a narrow terminal).
 */
export function runCli(
  args: readonly string[],
  cwd: string = ROOT,
  env: Readonly<Record<string, string>> = {},
): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: HANG_MS,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A word for a shell command line, quoted. */
export function shellWord(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * Runs a bash command line in which `pathway` is the built command, as a user would type
 * it (`pathway check x | head -1`, `pathway render x > /dev/full`). With pipefail, the exit
 * status is the command's own when it fails; stderr is what it said.
 */
export function runCliInShell(commandLine: string, cwd: string = ROOT): CliResult {
  const result = spawnSync(
    'bash',
    ['-c', `pathway() { "$PATHWAY_NODE" "$PATHWAY_CLI" "$@"; }; set -o pipefail; ${commandLine}`],
    {
      cwd,
      encoding: 'utf8',
      timeout: HANG_MS,
      env: { ...process.env, PATHWAY_NODE: process.execPath, PATHWAY_CLI: CLI },
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
