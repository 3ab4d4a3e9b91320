// `pathway report`: writes a pathway's audit report as Markdown or HTML.
import { renderReport, type CheckOptions, type ReportFormat } from '../core';
import { printable, readOnePathway, whyNotAPathway } from './files';
import { checkOutput, writeOutput } from './output';

/** `pathway report`: the audit report of one pathway. Returns the exit status. */
export async function runReport(
  file: string,
  output: string | undefined,
  format: ReportFormat | undefined,
  options: CheckOptions = {},
): Promise<number> {
  if (checkOutput(output, [file]) !== 0) return 2;
  const analysis = readOnePathway(file, options);
  if (!analysis) return 2;
  const chosen: ReportFormat = format ?? (output && /\.html?$/i.test(output) ? 'html' : 'md');
  // A file that is not a pathway still gets its report (it lists what was found), and exit 1.
  const notAPathway = whyNotAPathway(analysis);
  if (notAPathway !== undefined) {
    process.stderr.write(
      `pathway: "${printable(file)}" cannot be read as a pathway: ${notAPathway}; the report lists what was found\n`,
    );
  }
  const report = await renderReport(analysis, chosen, {
    date: new Date().toISOString().slice(0, 10),
  });
  const status = await writeOutput(output, report, [file]);
  if (status !== 0) return status;
  return notAPathway === undefined ? 0 : 1;
}
