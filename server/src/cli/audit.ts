import * as fs from 'node:fs';
import { analyze, renderReport, type ReportFormat } from '../core';
import { readText } from './files';

/** `pathway report`: the audit report of one pathway. Returns the exit status. */
export async function runReport(
  file: string,
  output: string | undefined,
  format: ReportFormat | undefined,
): Promise<number> {
  const read = readText(file);
  if ('problem' in read) {
    process.stderr.write(`pathway: ${read.problem}\n`);
    return 2;
  }
  const chosen: ReportFormat = format ?? (output && /\.html?$/i.test(output) ? 'html' : 'md');
  const analysis = analyze(read.text);
  const report = await renderReport(analysis, chosen, {
    date: new Date().toISOString().slice(0, 10),
  });
  if (!output) {
    process.stdout.write(report);
  } else {
    try {
      fs.writeFileSync(output, report);
    } catch (error) {
      process.stderr.write(
        `pathway: cannot write "${output}": ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`,
      );
      return 2;
    }
    process.stderr.write(`pathway: wrote ${output}\n`);
  }
  return analysis.model ? 0 : 1;
}
