// The `unknown-file` rule: a `bibliography` item names no file the checker can read in the
// folder being checked.
import { formatSize } from '../options';
import type { RawFinding } from '../types';
import { CITES_ON_HOLD, itemName } from './bibliographyWords';
import type { Check } from './rule';
import type { BibliographyItem, ItemState } from '../bibliography/sources';

type UnknownFile = Extract<ItemState, { kind: 'unknown-file' }>['problem'];

function why(item: BibliographyItem, unknown: UnknownFile): string {
  const name = itemName(item);
  if (unknown.of === 'path') {
    switch (unknown.problem) {
      case 'absolute':
        return `The bibliography ${name} is an absolute path, which is not read: write it relative to the folder of this pathway file, with "/" between folders (for example shared/lbp.bib).`;
      case 'outside':
        return `The bibliography ${name} lies outside the folder being checked (its ".." climbs out of it), so it is not read. Keep shared bibliographies inside that folder: the workspace folder in the editor, the folder the command runs in on the command line.`;
      case 'namer-outside':
        return `This pathway file lies outside the folder being checked, so its bibliography ${name} is not read. Check it from a folder that holds both.`;
      case 'backslash':
        return `The bibliography ${name} is written with "\\" between folders: write "/" instead (for example shared/lbp.bib), so that it is found on every system.`;
      case 'not-a-file':
        return `The bibliography ${name} names a folder, not a file: name the bibliography file itself.`;
    }
  }
  const problem = unknown.problem;
  switch (problem.kind) {
    case 'missing':
      return `There is no file ${name}: check its name and folder (the path is relative to the folder of this pathway file), or remove it from "bibliography".`;
    case 'outside':
      return `The bibliography ${name} is a link to a file outside the folder being checked, so it is not read. Put the file itself in the folder.`;
    case 'too-large':
      return `The bibliography ${name} is too large to read: it is ${formatSize(problem.size)}, more than the ${formatSize(problem.limit)} the checker reads.`;
    case 'unreadable':
      return `The bibliography ${name} cannot be read: ${problem.reason}.`;
  }
}

export const unknownFile: Check = {
  run: ({ sources }) =>
    sources.items.flatMap((item): RawFinding[] =>
      item.state.kind === 'unknown-file'
        ? [
            {
              code: 'unknown-file',
              message: `${why(item, item.state.problem)} ${CITES_ON_HOLD}`,
              span: item.node.span,
            },
          ]
        : [],
    ),
};
