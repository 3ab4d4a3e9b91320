// "Compare Pathway with…": reads the other version (HEAD, a git revision, or another file)
// and opens the preview in compare mode.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PreviewManager } from './manager';
import type { Comparison } from './preview';
import { messageOf } from './currentResult';

const PATHWAY_FILE = /\.pathway\.ya?ml$/i;

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

function git(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...args],
      { cwd, maxBuffer: 32 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) reject(new Error(stderr.trim() || error.message));
        else resolve(stdout);
      },
    );
  });
}

/** The file's text at a revision of the git repository it lives in. */
async function atRevision(uri: vscode.Uri, revision: string): Promise<string> {
  const folder = path.dirname(uri.fsPath);
  const root = (await git(['rev-parse', '--show-toplevel'], folder)).trim();
  const relative = path.relative(root, uri.fsPath).split(path.sep).join('/');
  return git(['show', `${revision}:${relative}`], root);
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
        validateInput: (value) => (value.trim() ? undefined : 'Name a revision'),
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

/** The command: the document (given or active) against the version picked or given. */
export async function compareWith(
  previews: PreviewManager,
  resource?: vscode.Uri,
  given?: CompareTarget,
): Promise<void> {
  const uri = resource ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || !PATHWAY_FILE.test(uri.path)) {
    void vscode.window.showInformationMessage(
      'Open a pathway file (*.pathway.yaml) to compare it with another version.',
    );
    return;
  }
  const target = given ?? (await ask(uri));
  if (!target) return;
  try {
    previews.compare(uri, await read(uri, target));
  } catch (error) {
    void vscode.window.showErrorMessage(
      `Cannot read the version to compare with: ${messageOf(error)}`,
    );
  }
}
