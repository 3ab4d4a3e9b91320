// The `unknown-file` rule: a `bibliography` item names no file the checker can read in the
// folder being checked.
import { formatSize } from '../options';
import type { RawFinding } from '../types';
import { CITES_ON_HOLD, itemName } from './bibliographyWords';
import { quote, type Check } from './rule';
import type { Call, Calls, UnknownUse } from '../files/calls';
import type { FileProblem } from '../files/provider';
import type { PathProblem } from '../files/paths';

/** What a path or file problem is called in the words of the field that names the file. */
interface Field {
  /** What the file is to this pathway. */
  readonly noun: string;
  /** Files of its kind, shared between pathways. */
  readonly shared: string;
  /** A path of its kind, written the way the checker reads it. */
  readonly example: string;
  /** What the path should name instead of a folder. */
  readonly file: string;
  /** How else to end the finding about a missing file. */
  readonly orRemove: string;
}

const BIBLIOGRAPHY: Field = {
  noun: 'bibliography',
  shared: 'shared bibliographies',
  example: 'shared/lbp.bib',
  file: 'the bibliography file itself',
  orRemove: ', or remove it from "bibliography"',
};

const SUB_PATHWAY: Field = {
  noun: 'sub-pathway',
  shared: 'shared pathways',
  example: 'screens/red-flags.pathway.yaml',
  file: 'the pathway file itself',
  orRemove: '',
};

/** Why a path names no file that can be read, in the words of the field that wrote it. */
function whyPath(
  field: Field,
  name: string,
  unknown:
    | { readonly of: 'path'; readonly problem: PathProblem }
    | { readonly of: 'file'; readonly problem: FileProblem },
): string {
  const { noun } = field;
  if (unknown.of === 'path') {
    switch (unknown.problem) {
      case 'absolute':
        return `The ${noun} ${name} is an absolute path, which is not read: write it relative to the folder of this pathway file, with "/" between folders (for example ${field.example}).`;
      case 'outside':
        return `The ${noun} ${name} lies outside the folder being checked (its ".." climbs out of it), so it is not read. Keep ${field.shared} inside that folder: the workspace folder in the editor, the folder the command runs in on the command line.`;
      case 'namer-outside':
        return `This pathway file lies outside the folder being checked, so its ${noun} ${name} is not read. Check it from a folder that holds both.`;
      case 'backslash':
        return `The ${noun} ${name} is written with "\\" between folders: write "/" instead (for example ${field.example}), so that it is found on every system.`;
      case 'not-a-file':
        return `The ${noun} ${name} names a folder, not a file: name ${field.file}.`;
    }
  }
  const problem = unknown.problem;
  switch (problem.kind) {
    case 'missing':
      return `There is no file ${name}: check its name and folder (the path is relative to the folder of this pathway file)${field.orRemove}.`;
    case 'outside':
      return `The ${noun} ${name} is a link to a file outside the folder being checked, so it is not read. Put the file itself in the folder.`;
    case 'too-large':
      return `The ${noun} ${name} is too large to read: it is ${formatSize(problem.size)}, more than the ${formatSize(problem.limit)} the checker reads.`;
    case 'unreadable':
      return `The ${noun} ${name} cannot be read: ${problem.reason}.`;
  }
}

/** Why a `use` value names no pathway that can be followed, in words. */
function whyUse(call: Call, unknown: UnknownUse): string {
  const name = quote(call.use?.target ?? '');
  switch (unknown.of) {
    case 'path':
    case 'file':
      return whyPath(SUB_PATHWAY, name, unknown);
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
              message: `${whyPath(BIBLIOGRAPHY, itemName(item), item.state.problem)} ${CITES_ON_HOLD}`,
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
