// `pathway render`: draws a pathway's flowchart to an SVG or HTML file.
import { renderPicture, type CheckOptions, type DiagramOptions, type PictureFormat } from '../core';
import { printable, readOnePathway, whyNotAPathway } from './files';
import { checkOutput, writeOutput } from './output';

/**
 * `pathway render`: the flowchart of one pathway as SVG or HTML, its sub-pathways followed
 * through the files of the folder it runs in (drawn inside their boxes with `expand`).
 * Returns the exit status.
 */
export async function runRender(
  file: string,
  output: string | undefined,
  format: PictureFormat | undefined,
  options: CheckOptions = {},
  drawing: DiagramOptions = {},
): Promise<number> {
  if (checkOutput(output, [file]) !== 0) return 2;
  const analysis = readOnePathway(file, options);
  if (!analysis) return 2;
  const chosen: PictureFormat = format ?? (output && /\.html?$/i.test(output) ? 'html' : 'svg');
  const notAPathway = whyNotAPathway(analysis);
  if (notAPathway !== undefined) {
    process.stderr.write(`pathway: cannot draw "${printable(file)}": ${notAPathway}\n`);
    return 1;
  }
  return writeOutput(output, await renderPicture(analysis, chosen, drawing), [file]);
}
