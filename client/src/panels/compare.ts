// A pathway document compared with another version (HEAD, a git revision, or another file):
// the command that reads that version, and the panel that draws the changes on the flowchart.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { GitApi, GitExtension } from '../git';
import { DiffRequest, type PreviewComparison } from '../../../shared/serverRequests';
import type { RenderMessage } from '../../../shared/webviewMessages';
import { baseName, commandTarget, isPathwayUri } from '../pathwayUri';
import { messageOf } from './currentResult';
import { FlowchartPanel } from './preview';
import type { PanelHost } from './webviewPanel';

/** Comparisons are not restored after a reload: the other version is not kept. */
export const COMPARE_VIEW_TYPE = 'pathway.compare';

/** The other version a comparison draws the document against. */
export interface Comparison {
  readonly otherText: string;
  readonly otherLabel: string;
}

/** The document's flowchart with the changes since the other version drawn on it, and their list. */
export class ComparePanel extends FlowchartPanel<PreviewComparison> {
  constructor(
    panel: vscode.WebviewPanel,
    uri: vscode.Uri,
    host: PanelHost,
    comparison: Comparison,
  ) {
    super(panel, uri, host, {
      title: `Compare ${baseName(uri)} with ${comparison.otherLabel}`,
      ask: (client) => client.sendRequest(DiffRequest, { uri: uri.toString(), ...comparison }),
    });
  }

  protected override messageFor(result: PreviewComparison): RenderMessage {
    return {
      ...super.messageFor(result),
      compare: { otherLabel: result.otherLabel, changes: result.changes },
    };
  }
}

/** What the command may be given instead of asking (a file, or a git revision). */
export interface CompareTarget {
  readonly file?: vscode.Uri;
  readonly revision?: string;
}

/** A target passed to the command (by a test or another extension), checked field by field. */
export function compareTarget(value: unknown): CompareTarget | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { file, revision } = value as Record<string, unknown>;
  if (file instanceof vscode.Uri) return { file };
  if (typeof revision === 'string') return { revision };
  return undefined;
}

const GIT_MISSING =
  "Comparing with a git revision needs VS Code's built-in Git extension, which is missing or disabled. Enable it (in the Extensions view, search for @builtin git), or compare with another file.";
const GIT_OFF =
  'Git is turned off in VS Code (the git.enabled setting). Turn it on to compare with a git revision, or compare with another file.';

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\x00-\x1F\x7F]/;

/**
 * Why `revision` is not asked of git, or undefined when it may be. Git would read one
 * starting with "-" as an option (`--output=FILE` writes a file); one holding ":" names a
 * file of its own rather than a version of this one.
 */
export function revisionProblem(revision: string): string | undefined {
  if (revision.trim() === '') return 'Name a revision: a branch, tag or commit.';
  if (revision.startsWith('-')) {
    return 'A git revision never starts with "-": name a branch, tag or commit, e.g. main, v1.0 or HEAD~2.';
  }
  if (CONTROL.test(revision)) {
    return 'A git revision cannot hold a line break or other control character.';
  }
  if (revision.includes(':')) {
    return 'A git revision cannot hold ":": name a branch, tag or commit, e.g. main, v1.0 or HEAD~2.';
  }
  return undefined;
}

/** The Git extension's API, or an error that says how to get it. */
async function gitApi(): Promise<GitApi> {
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) throw new Error(GIT_MISSING);
  const git = extension.isActive ? extension.exports : await extension.activate();
  if (!git.enabled) throw new Error(GIT_OFF);
  return git.getAPI(1);
}

/** What git said, in one line, from an error of the Git extension. */
function gitSaid(error: unknown): string {
  const stderr = (error as { stderr?: unknown } | undefined)?.stderr;
  const said = typeof stderr === 'string' && stderr.trim() ? stderr : messageOf(error);
  return (said.trim().split('\n')[0] ?? '').replace(/^fatal: /, '');
}

/**
 * The file's text at a revision of the git repository it lives in, read through VS Code's
 * Git extension (which runs git as the user's settings say), never by running git here.
 */
async function atRevision(uri: vscode.Uri, revision: string): Promise<string> {
  const problem = revisionProblem(revision);
  if (problem) throw new Error(problem);
  const name = path.basename(uri.path);
  if (uri.scheme !== 'file') {
    throw new Error(`"${name}" is not a file on disk, so it has no git history to compare with.`);
  }
  const api = await gitApi();
  const repository =
    api.getRepository(uri) ?? (await api.openRepository(vscode.Uri.joinPath(uri, '..')));
  if (!repository) {
    throw new Error(
      `"${name}" is not in a git repository that VS Code has open. Compare it with another file instead.`,
    );
  }
  try {
    return await repository.show(revision, uri.fsPath);
  } catch (error) {
    throw new Error(`"${name}" has no version at ${revision}: ${gitSaid(error)}`);
  }
}

async function ask(uri: vscode.Uri): Promise<CompareTarget | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'HEAD', description: 'the last commit', target: 'head' as const },
      { label: 'A git revision…', description: 'a branch, tag or commit', target: 'rev' as const },
      { label: 'Another file…', description: 'a pathway file on disk', target: 'file' as const },
    ],
    { title: 'Compare the pathway with…', placeHolder: 'The version to compare with' },
  );
  switch (picked?.target) {
    case undefined:
      return undefined;
    case 'head':
      return { revision: 'HEAD' };
    case 'rev': {
      const revision = await vscode.window.showInputBox({
        title: 'Compare the pathway with a git revision',
        prompt: 'A branch, tag or commit, e.g. main, v1.0 or HEAD~2',
        validateInput: (value) => revisionProblem(value.trim()),
      });
      return revision ? { revision: revision.trim() } : undefined;
    }
    case 'file': {
      const files = await vscode.window.showOpenDialog({
        title: 'Compare the pathway with another file',
        defaultUri: vscode.Uri.joinPath(uri, '..'),
        canSelectMany: false,
        filters: { 'Pathway files': ['yaml', 'yml'] },
        openLabel: 'Compare',
      });
      return files?.[0] ? { file: files[0] } : undefined;
    }
  }
}

async function read(uri: vscode.Uri, target: CompareTarget): Promise<Comparison> {
  if (target.file) {
    const bytes = await vscode.workspace.fs.readFile(target.file);
    return {
      otherText: new TextDecoder().decode(bytes),
      otherLabel: path.basename(target.file.path),
    };
  }
  const revision = target.revision ?? 'HEAD';
  return { otherText: await atRevision(uri, revision), otherLabel: revision };
}

/**
 * The command: the document (given or active) against the version picked or given.
 * Resolves with the message shown when it could not compare (for the tests), else undefined.
 */
export async function compareWith(
  panels: { compare(uri: vscode.Uri, comparison: Comparison): void },
  resource?: vscode.Uri,
  given?: CompareTarget,
): Promise<string | undefined> {
  const uri = commandTarget(resource);
  if (!uri || !isPathwayUri(uri)) {
    const message = 'Open a pathway file (*.pathway.yaml) to compare it with another version.';
    void vscode.window.showInformationMessage(message);
    return message;
  }
  const target = given ?? (await ask(uri));
  if (!target) return undefined;
  try {
    panels.compare(uri, await read(uri, target));
    return undefined;
  } catch (error) {
    const message = `Cannot read the version to compare with: ${messageOf(error)}`;
    void vscode.window.showErrorMessage(message);
    return message;
  }
}
