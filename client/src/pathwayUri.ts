// What the extension's commands ask of a resource: is it a pathway file, its short name, and
// which pathway a command means when it is run from outside an editor (the walkthrough).
import * as vscode from 'vscode';
import { isPathwayFileName } from '../../shared/pathwayFiles';

/** True when the resource is named as a pathway file (`*.pathway.yaml` or `*.pathway.yml`). */
export function isPathwayUri(uri: vscode.Uri): boolean {
  return isPathwayFileName(uri.path);
}

/** `name.pathway.yaml` → `name`. */
export function baseName(uri: vscode.Uri): string {
  const file = uri.path.slice(uri.path.lastIndexOf('/') + 1);
  return file.replace(/(\.pathway)?\.ya?ml$/i, '') || file;
}

let lastPathway: vscode.Uri | undefined;

/** Remembers the pathway file last shown in a text editor, for `commandTarget`. */
export function trackPathwayEditors(): vscode.Disposable {
  const note = (editor: vscode.TextEditor | undefined): void => {
    if (editor && isPathwayUri(editor.document.uri)) lastPathway = editor.document.uri;
  };
  note(vscode.window.activeTextEditor);
  return vscode.window.onDidChangeActiveTextEditor(note);
}

/**
 * The resource a pathway command acts on: the one given, else the active text editor's.
 * With no text editor active (a command link in the walkthrough, say) it is the pathway the
 * user last had in front of them, if it is still open.
 */
export function commandTarget(resource?: vscode.Uri): vscode.Uri | undefined {
  if (resource) return resource;
  const active = vscode.window.activeTextEditor;
  if (active) return active.document.uri;
  const last = lastPathway?.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === last)?.uri;
}

/**
 * The file a sub-pathway's `use` names, from the folder of the pathway that writes it: a path
 * with `/` between folders that stays in the workspace folder holding the pathway (its own
 * folder when it is in none), as the checker reads it; else why not, in words.
 */
export function usedPathwayUri(document: vscode.Uri, use: string): vscode.Uri | string {
  if (/^[\\/]/.test(use) || /^[A-Za-z]:/.test(use) || use.includes('\\'))
    return `“${use}” is not a path from the pathway’s folder written with “/”.`;
  if (!isPathwayFileName(use)) return `“${use}” is not a pathway file (*.pathway.yaml).`;
  const root =
    vscode.workspace.getWorkspaceFolder(document)?.uri ?? vscode.Uri.joinPath(document, '..');
  const target = vscode.Uri.joinPath(document, '..', ...use.split('/'));
  const inside = root.path.endsWith('/') ? root.path : `${root.path}/`;
  if (
    target.scheme !== root.scheme ||
    target.authority !== root.authority ||
    !target.path.startsWith(inside)
  )
    return `“${use}” leads out of the folder the pathway is in.`;
  return target;
}
