import { renderReport, type CheckOptions, type ReportFormat } from '../core';
import { readOnePathway } from './files';
import { writeOutput } from './output';

/** `pathway report`: the audit report of one pathway. Returns the exit status. */
export async function runReport(
  file: string,
  output: string | undefined,
  format: ReportFormat | undefined,
  options: CheckOptions = {},
): Promise<number> {
  const analysis = readOnePathway(file, options);
  if (!analysis) return 2;
  const chosen: ReportFormat = format ?? (output && /\.html?$/i.test(output) ? 'html' : 'md');
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
