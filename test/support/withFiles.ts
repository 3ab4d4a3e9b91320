// A file of the repository (an example above all) as the command reads it when run from the
// repository root: with the bibliographies it names. Analysed without them, a cite that a
// shared file answers would resolve to nothing, and a report or export would lose the work.
import * as fs from 'node:fs';
import { DiskFiles } from '../../server/src/cli/diskFiles';
import { analyze, type Analysis } from '../../server/src/core';
import { maxFileSizeOf, type CheckOptions } from '../../server/src/core/options';
import { ROOT } from './paths';

const files = new DiskFiles(ROOT, maxFileSizeOf({}));

/**
 * A file under the repository (an example, or a copy of one beside it) analysed with the
 * files it names; `text` stands for the file's text when given (an edited version of it).
 */
export function analyzeWithFiles(
  file: string,
  text: string = fs.readFileSync(file, 'utf8'),
  options: CheckOptions = {},
): Analysis {
  return analyze(text, options, { files: files.contextOf(file) });
}
