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
