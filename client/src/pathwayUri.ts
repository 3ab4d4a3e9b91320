// What the extension's commands ask of a resource: is it a pathway file, and its short name.
import type * as vscode from 'vscode';
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
