// `pathway check`: reads every pathway file named or found under a folder, checks it (on
// every core), and prints the findings as text, JSON or SARIF.
import type { CheckOptions } from '../core';
import { collectFiles, printable } from './files';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { writeOutput } from './output';
import type { FileReport } from './checkResults';
import { runFiles, type PoolSettings } from './pool';

export type OutputFormat = 'text' | 'json' | 'sarif';

/**
 * `pathway check`: returns the exit status (0 clean, 1 errors, 2 unreadable paths or output
 * that cannot be written).
 */
export async function runCheck(
  paths: readonly string[],
  format: OutputFormat,
  options: CheckOptions,
  version: string,
  pool: PoolSettings,
): Promise<number> {
  const { files, problems, notes } = collectFiles(paths, { references: true });
  const reports: FileReport[] = [];
  const outcomes = await runFiles('check', files, options, pool);
  outcomes.forEach((outcome, index) => {
    const file = files[index] as string;
    if ('failure' in outcome) {
      problems.push(`cannot check "${printable(file)}": ${outcome.failure}`);
      return;
    }
    const checked = outcome.result;
    if ('problem' in checked) {
      problems.push(checked.problem);
      return;
    }
    notes.push(...checked.notes);
    reports.push({ file, findings: checked.findings, suppressed: checked.suppressed });
  });

  for (const note of notes) process.stderr.write(`pathway: ${note}\n`);
  for (const problem of problems) process.stderr.write(`pathway: ${problem}\n`);
  if (files.length === 0 && problems.length === 0) {
    process.stderr.write(
      `pathway: no pathway files (*.pathway.yaml, *.pathway.yml) found in ${paths.map(printable).join(', ')}\n`,
    );
  }

  const output =
    format === 'json'
      ? formatJson(reports)
      : format === 'sarif'
        ? formatSarif(reports, options, version, process.cwd())
        : formatText(reports);
  const written = await writeOutput(undefined, output, files);
  if (written !== 0) return written;
  if (problems.length > 0) return 2;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}
