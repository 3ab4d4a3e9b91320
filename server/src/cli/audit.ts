import { renderReport, type CheckOptions, type ReportFormat } from '../core';
import { readPathway } from './files';
import { writeOutput } from './output';

/** `pathway report`: the audit report of one pathway. Returns the exit status. */
export async function runReport(
  file: string,
  output: string | undefined,
  format: ReportFormat | undefined,
  options: CheckOptions = {},
): Promise<number> {
  const read = readPathway(file, options);
  if ('problem' in read) {
    process.stderr.write(`pathway: ${read.problem}\n`);
    return 2;
  }
  for (const note of read.notes) process.stderr.write(`pathway: ${note}\n`);
  const chosen: ReportFormat = format ?? (output && /\.html?$/i.test(output) ? 'html' : 'md');
  const { analysis } = read;
  const report = await renderReport(analysis, chosen, {
    date: new Date().toISOString().slice(0, 10),
  });
  if (!output) {
    process.stdout.write(report);
  } else {
    const status = writeOutput(output, report);
    if (status !== 0) return status;
  }
  return analysis.model ? 0 : 1;
}
