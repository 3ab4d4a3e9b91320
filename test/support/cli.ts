import { spawnSync } from 'node:child_process';
import { CLI, ROOT } from './paths';

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `pathway` command as a user would, from the repository root. */
export function runCli(args: readonly string[], cwd: string = ROOT): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
