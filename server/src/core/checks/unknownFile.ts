// The `unknown-file` rule: a `bibliography` item names no file the checker can read in the
// folder being checked.
import { formatSize } from '../options';
import type { RawFinding } from '../types';
import { CITES_ON_HOLD, itemName } from './bibliographyWords';
import { quote, type Check } from './rule';
import type { Call, Calls, UnknownUse } from '../files/calls';
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

/** Why a `use` value names no pathway that can be followed, in words. */
function whyUse(call: Call, unknown: UnknownUse): string {
  const name = quote(call.use?.target ?? '');
  switch (unknown.of) {
    case 'path':
      switch (unknown.problem) {
        case 'absolute':
          return `The sub-pathway ${name} is an absolute path, which is not read: write it relative to the folder of this pathway file, with "/" between folders (for example screens/red-flags.pathway.yaml).`;
        case 'outside':
          return `The sub-pathway ${name} lies outside the folder being checked (its ".." climbs out of it), so it is not read. Keep shared pathways inside that folder: the workspace folder in the editor, the folder the command runs in on the command line.`;
        case 'namer-outside':
          return `This pathway file lies outside the folder being checked, so its sub-pathway ${name} is not read. Check it from a folder that holds both.`;
        case 'backslash':
          return `The sub-pathway ${name} is written with "\\" between folders: write "/" instead, so that it is found on every system.`;
        case 'not-a-file':
          return `The sub-pathway ${name} names a folder, not a file: name the pathway file itself.`;
      }
      break;
    case 'file':
      switch (unknown.problem.kind) {
        case 'missing':
          return `There is no file ${name}: check its name and folder (the path is relative to the folder of this pathway file).`;
        case 'outside':
          return `The sub-pathway ${name} is a link to a file outside the folder being checked, so it is not read. Put the file itself in the folder.`;
        case 'too-large':
          return `The sub-pathway ${name} is too large to read: it is ${formatSize(unknown.problem.size)}, more than the ${formatSize(unknown.problem.limit)} the checker reads.`;
        case 'unreadable':
          return `The sub-pathway ${name} cannot be read: ${unknown.problem.reason}.`;
      }
      break;
    case 'name':
      return `${name} is not a pathway file: a sub-pathway is a file whose name ends in ".pathway.yaml" or ".pathway.yml".`;
    case 'syntax':
      return `The sub-pathway ${name} cannot be read as YAML: open it to see where, and fix it there.`;
    case 'start':
      return `The sub-pathway ${name} has no valid "start", so there is no step to enter it at: fix its "start" there.`;
  }
}

const USE_ON_HOLD =
  'Until it can be followed, the route goes on from this step as if it were an action, and scenarios that pass here are not run.';

export const unknownFile: Check = {
  run: ({ sources, model }) => [
    ...useFindings(model?.calls),
    ...sources.items.flatMap((item): RawFinding[] =>
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
  ],
};

function useFindings(calls: Calls | undefined): RawFinding[] {
  const findings: RawFinding[] = [];
  for (const call of calls?.values() ?? []) {
    if (call.state.kind !== 'unknown-file' || !call.use) continue;
    findings.push({
      code: 'unknown-file',
      message: `${whyUse(call, call.state.problem)} ${USE_ON_HOLD}`,
      span: call.use.span,
    });
  }
  return findings;
}
