import { renderPicture, type CheckOptions, type PictureFormat } from '../core';
import { printable, readPathway } from './files';
import { writeOutput } from './output';

/** `pathway render`: the flowchart of one pathway as SVG or HTML. Returns the exit status. */
export async function runRender(
  file: string,
  output: string | undefined,
  format: PictureFormat | undefined,
  options: CheckOptions = {},
): Promise<number> {
  const read = readPathway(file, options);
  if ('problem' in read) {
    process.stderr.write(`pathway: ${read.problem}\n`);
    return 2;
  }
  for (const note of read.notes) process.stderr.write(`pathway: ${note}\n`);
  const chosen: PictureFormat = format ?? (output && /\.html?$/i.test(output) ? 'html' : 'svg');
  const { analysis } = read;
  if (!analysis.model) {
    const first = analysis.findings[0];
    process.stderr.write(
      `pathway: cannot draw "${printable(file)}": ${first ? `${first.message} (line ${first.range.start.line + 1})` : 'it holds no pathway'}\n`,
    );
    return 1;
  }
  const picture = await renderPicture(analysis, chosen);
  if (!output) {
    process.stdout.write(picture);
    return 0;
  }
  return writeOutput(output, picture);
}
