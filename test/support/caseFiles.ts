// A pathway of a files conformance case (test/fixtures-files/<case>/), analysed with the case's
// folder as the root of its files, as `pathway check` run in that folder reads them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeWhole, type Analysis } from '../../server/src/core';
import { SharedFiles } from '../../server/src/core/files/provider';
import { ROOT } from './paths';

export const FILE_CASES = path.join(ROOT, 'test', 'fixtures-files');

export function analyzeInCase(folder: string, file: string): Analysis {
  const root = path.join(FILE_CASES, folder);
  const files = new SharedFiles({
    read: (relative) => {
      const full = path.join(root, ...relative.split('/'));
      return fs.existsSync(full)
        ? { text: fs.readFileSync(full, 'utf8') }
        : { problem: { kind: 'missing' } };
    },
  });
  const text = fs.readFileSync(path.join(root, file), 'utf8');
  return analyzeWhole(text, {}, { files: { files, path: file } });
}

/** A pathway analysed among files held in memory (path from the root → text). */
export function analyzeAmong(files: Readonly<Record<string, string>>, file: string): Analysis {
  const shared = new SharedFiles({
    read: (relative) => {
      const text = files[relative];
      return text === undefined ? { problem: { kind: 'missing' } } : { text };
    },
  });
  return analyzeWhole(files[file] ?? '', {}, { files: { files: shared, path: file } });
}
