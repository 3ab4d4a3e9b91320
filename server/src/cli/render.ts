import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, renderPicture, type PictureFormat } from '../core';
import { readText } from './files';

/** `pathway render`: the flowchart of one pathway as SVG or HTML. Returns the exit status. */
export async function runRender(
  file: string,
  output: string | undefined,
  format: PictureFormat | undefined,
): Promise<number> {
  const read = readText(file);
  if ('problem' in read) {
    process.stderr.write(`pathway: ${read.problem}\n`);
    return 2;
  }
  const chosen: PictureFormat = format ?? (output && /\.html?$/i.test(output) ? 'html' : 'svg');
  const analysis = analyze(read.text);
  if (!analysis.model) {
    const first = analysis.findings[0];
    process.stderr.write(
      `pathway: cannot draw "${file}": ${first ? `${first.message} (line ${first.range.start.line + 1})` : 'it holds no pathway'}\n`,
    );
    return 1;
  }
  const picture = await renderPicture(analysis, chosen);
  if (!output) {
    process.stdout.write(picture);
    return 0;
  }
  try {
    fs.writeFileSync(output, picture);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    process.stderr.write(`pathway: cannot write "${output}": ${code}\n`);
    return 2;
  }
  process.stderr.write(
    `pathway: wrote ${path.relative(process.cwd(), path.resolve(output)) || output}\n`,
  );
  return 0;
}
