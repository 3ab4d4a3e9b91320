import { renderPicture, type CheckOptions, type PictureFormat } from '../core';
import { printable, readOnePathway } from './files';
import { writeOutput } from './output';

/** `pathway render`: the flowchart of one pathway as SVG or HTML. Returns the exit status. */
export async function runRender(
  file: string,
  output: string | undefined,
  format: PictureFormat | undefined,
  options: CheckOptions = {},
): Promise<number> {
  const analysis = readOnePathway(file, options);
  if (!analysis) return 2;
  const chosen: PictureFormat = format ?? (output && /\.html?$/i.test(output) ? 'html' : 'svg');
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
